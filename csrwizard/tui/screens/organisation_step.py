"""Step 2: state, locality, organisation and the optional organisational unit."""

from __future__ import annotations

from textual.app import ComposeResult

from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.form_field import FormField
from csrwizard.tui.widgets.state_suggester import StateSuggester


class OrganisationStep(WizardStep):
    TITLE = "Organisation"
    FIELDS = ("state", "locality", "organization", "organizational_unit")
    HELP = (
        "State or province: the full name, as in the organisation's registration (Tamil Nadu, not TN). "
        "Start typing and press Right to accept a suggestion.\n\n"
        "Locality: the city or town.\n\n"
        "Organisation: the legal name, exactly as registered (the CA checks it for OV and EV certificates).\n\n"
        "Organisational unit: optional. Public CAs no longer include it (CA/B Forum BR 7.1.2.7.4); "
        "leave it empty unless your CA is internal."
    )

    def compose_body(self) -> ComposeResult:
        typed = self.draft.typed
        yield FormField(
            "state",
            "State/province",
            "Full name, e.g. Tamil Nadu, not TN. Right accepts.",
            value=typed.state,
            suggester=self._state_suggester(),
        )
        yield FormField("locality", "Locality", "City or town, e.g. London.", value=typed.locality)
        yield FormField(
            "organization", "Organisation", "Legal name as registered, e.g. Example Ltd.", value=typed.organization
        )
        yield FormField(
            "organizational_unit",
            "Unit (optional)",
            "Optional; public CAs drop it, so leave it empty.",
            value=typed.organizational_unit,
        )

    def _state_suggester(self) -> StateSuggester | None:
        from csrwizard.request.country import find_country

        country = find_country(self.draft.typed.country)
        return StateSuggester(country.code) if country else None
