"""Step 1: the country, typed as a code or a name, with live suggestions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.form_field import FormField


class CountryStep(WizardStep):
    TITLE = "Country"
    FIELDS = ("country",)
    HELP = (
        "Type the two-letter ISO 3166 code of the country where the organisation is registered "
        "(GB, US, DE, IN...), or start typing its name and pick it from the list with the arrow keys.\n\n"
        "CAs check this against the organisation's records. UK is not an ISO code: use GB."
    )

    def compose_body(self) -> ComposeResult:
        yield FormField(
            "country",
            "Country",
            "ISO code or name, e.g. GB or Germany; Down picks.",
            value=self.draft.typed.country,
        )
        yield OptionList(id="country-suggestions")

    @property
    def suggestions(self) -> OptionList:
        return self.query_one("#country-suggestions", OptionList)

    @property
    def country_field(self) -> FormField:
        return self.query_one(FormField)

    def after_refresh_messages(self, assessment) -> None:
        from csrwizard.request.country import suggest_countries

        matches = suggest_countries(self.draft.typed.country, limit=6)
        suggestions = self.suggestions
        # Most keys leave the list as it was: rebuilt, it would ask for a new layout in the key's frame.
        if [match.code for match in matches] != [option.id for option in suggestions.options]:
            suggestions.set_options(
                # No flag emoji: a raster font or the Linux VT shows it as boxes.
                Option(f"{match.code}  {match.name}", id=match.code)
                for match in matches
            )
        suggestions.display = bool(matches)  # unchanged, it asks for nothing

    def on_key(self, event) -> None:
        suggestions = self.suggestions
        if event.key == "down" and self.focused is self.country_field.input and suggestions.display:
            suggestions.focus()
            suggestions.highlighted = 0
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        field = self.country_field
        field.input.value = event.option.id
        self.store("country", event.option.id)
        field.input.focus()
        self.action_next()
