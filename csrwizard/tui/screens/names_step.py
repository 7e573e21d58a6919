"""Step 3: the common name and the subject alternative names, with a live list of the result."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet

from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.choice_set import ChoiceLabel, ChoiceSet
from csrwizard.tui.widgets.form_field import FormField
from csrwizard.tui.widgets.san_preview import SanPreview


class NamesStep(WizardStep):
    TITLE = "Names"
    FIELDS = ("common_name", "sans")
    VERDICTS_WITH_THE_KEY = False
    HELP = (
        "Common name (CN): the server's fully qualified host name, the one agents and browsers use, "
        "e.g. ec.example.com. No https://, no port, no path: a pasted URL is cleaned for you.\n\n"
        "Other names (SANs): every other name or IP address the server answers to, separated by commas, "
        "e.g. ec.example.net, 203.0.113.10. Include the NAT address set in Endpoint Central. "
        "The CN is always added as the first SAN, as CAs require (CA/B Forum BR 7.1.4.3).\n\n"
        "A wildcard (*.example.com) covers one level of names. Internal names and private addresses "
        "are fine for an internal CA; a public CA refuses them.\n\n"
        "Signed by: choose 'our internal Microsoft CA' when AD CS issues the certificate. Internal names "
        "and private addresses are then not flagged, and the last screen gives the certreq line. "
        "Shift+Tab from the common name reaches this choice."
    )

    def compose_body(self) -> ComposeResult:
        typed = self.draft.typed
        yield ChoiceLabel("Signed by", "ca-kind")
        with ChoiceSet(id="ca-kind", compact=True):
            yield RadioButton("A public CA", value=not self.draft.internal_ca, name="public")
            yield RadioButton("Our internal Microsoft CA (AD CS)", value=self.draft.internal_ca, name="internal")
        yield FormField(
            "common_name",
            "Common name",
            "Full host name, e.g. ec.example.com; no https://",
            value=typed.common_name,
        )
        yield FormField(
            "sans",
            "Other names",
            "Comma-separated, e.g. ec.example.net, 203.0.113.10",
            value=typed.sans,
            show_warnings=False,  # the list below shows each entry's warning
        )
        yield SanPreview(id="san-preview")

    def after_refresh_messages(self, assessment) -> None:
        from csrwizard.pki.hostnames import parse_san_list
        from csrwizard.request.subject import check_common_name

        common_name, _ = check_common_name(self.draft.typed.common_name)
        preview = self.query_one(SanPreview)
        preview.show(parse_san_list(self.draft.typed.sans, common_name), cautions=not self.draft.internal_ca)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.draft.internal_ca = event.pressed.name == "internal"
        self.refresh_messages()

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        self.fields()[0].input.focus()
