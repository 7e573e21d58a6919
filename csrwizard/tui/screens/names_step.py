"""Step 3: the common name and the subject alternative names, with a live list of the result."""

from __future__ import annotations

from textual.app import ComposeResult

from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.form_field import FormField
from csrwizard.tui.widgets.san_preview import SanPreview


class NamesStep(WizardStep):
    STEP = 3
    TITLE = "Names"
    FIELDS = ("common_name", "sans")
    HELP = (
        "Common name (CN): the server's fully qualified host name, the one agents and browsers use, "
        "e.g. ec.example.com. No https://, no port, no path: a pasted URL is cleaned for you.\n\n"
        "Other names (SANs): every other name or IP address the server answers to, separated by commas, "
        "e.g. ec.example.net, 203.0.113.10. Include the NAT address set in Endpoint Central. "
        "The CN is always added as the first SAN, as CAs require (CA/B Forum BR 7.1.4.3).\n\n"
        "A wildcard (*.example.com) covers one level of names. Internal names and private addresses "
        "are fine for an internal CA; a public CA refuses them."
    )

    def compose_body(self) -> ComposeResult:
        typed = self.draft.typed
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
        from csrwizard.request.hostnames import parse_san_list
        from csrwizard.request.subject import check_common_name

        common_name, _ = check_common_name(self.draft.typed.common_name)
        self.query_one(SanPreview).show(parse_san_list(self.draft.typed.sans, common_name))

    def advance(self) -> None:
        from csrwizard.tui.screens.key_step import KeyStep

        self.app.push_screen(KeyStep())
