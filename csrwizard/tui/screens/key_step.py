"""Step 4: the key size and where the files go. Leaving it starts the key in the background."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label, RadioButton, RadioSet

from csrwizard.names import DEFAULT_KEY_SIZE, KEY_SIZES
from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.choice_set import ChoiceSet
from csrwizard.tui.widgets.form_field import FormField

SIZE_NOTES = {
    DEFAULT_KEY_SIZE: "default, what Endpoint Central and every CA expect",
    3072: "stronger",
    4096: "strongest, slower",
}


class KeyStep(WizardStep):
    STEP = 4
    TITLE = "Key"
    FIELDS = ("key_size", "output")
    HELP = (
        "Key size: RSA 2048 bits is the standard and what Endpoint Central expects; 3072 or 4096 are "
        "stronger and a little slower for the server. Endpoint Central accepts only RSA keys.\n\n"
        "Folder and file names: by default server.key and server.csr in the working folder, as "
        "generateCSR.bat writes them. Files already there are backed up first, never lost."
    )

    def compose_body(self) -> ComposeResult:
        yield Label("RSA key size: arrow keys, then Enter", classes="field-label-wide")
        with ChoiceSet(id="key-size", compact=True):
            for size in KEY_SIZES:
                yield RadioButton(
                    f"{size} bits  ({SIZE_NOTES[size]})", value=size == self.draft.key_size, name=str(size)
                )
        yield FormField("folder", "Folder", "Where to write the files.", value=str(self.draft.folder))
        yield FormField("key_name", "Key file", "Private key, owner-only.", value=self.draft.key_name)
        yield FormField("csr_name", "CSR file", "What you send to the CA.", value=self.draft.csr_name)

    def store(self, field_name: str, value: str) -> None:
        setattr(self.draft, field_name, value.strip())

    def first_focus(self) -> None:
        self.query_one(ChoiceSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.draft.key_size = int(event.pressed.name)

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        if event.name:
            self.draft.key_size = int(event.name)
        self.action_next()

    def step_problems(self) -> list:
        from csrwizard.problems import InputRefused, Problem
        from csrwizard.request.create import plan_create

        if not self.draft.key_name or not self.draft.csr_name:
            return [Problem("output", "a file name is required")]
        try:
            plan_create(self.draft.request())
        except InputRefused as refusal:
            return [p for p in refusal.problems if p.field in self.FIELDS]
        return []

    def refresh_messages(self, changed=None) -> None:
        problems = self.step_problems() if self.is_mounted else []
        folder_field = self.query_one("#field-folder", FormField)
        folder_field.show(problems)

    def on_input_submitted(self, event) -> None:
        event.stop()
        self.action_next()

    def advance(self) -> None:
        from csrwizard.tui.screens.review_step import ReviewStep

        self.app.key_in_background(self.draft.key_size)
        self.app.push_screen(ReviewStep())
