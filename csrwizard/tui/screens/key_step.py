"""Step 4: a new key or the one already there, its size and format, and where the files go.
The new key starts in the background as soon as its size is known (on opening the step, and
again when another size is chosen), so it is usually ready by the time Generate is pressed."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import RadioButton, RadioSet

from csrwizard.names import DEFAULT_KEY_SIZE, KEY_SIZES
from csrwizard.tui.screens.wizard_step import WizardStep
from csrwizard.tui.widgets.choice_set import ChoiceLabel, ChoiceSet
from csrwizard.tui.widgets.form_field import FormField

# Short enough for a 60-column window: the option's end is never cut.
FORMAT_NOTES = {
    "pkcs8": "PKCS#8, BEGIN PRIVATE KEY (as openssl req)",
    "pkcs1": "PKCS#1, BEGIN RSA PRIVATE KEY (older tools)",
}
SIZE_NOTES = {
    DEFAULT_KEY_SIZE: "default; what EC and every CA expect",
    3072: "stronger",
    4096: "strongest, slower",
}


class KeyStep(WizardStep):
    TITLE = "Key"
    FIELDS = ("key_size", "output", "key_file")
    HELP = (
        "Key size: RSA 2048 bits is the standard and what Endpoint Central expects; 3072 or 4096 are "
        "stronger and a little slower for the server. Endpoint Central accepts only RSA keys.\n\n"
        "Key: when a key is already there you may keep it and make only a new CSR for it, as some "
        "renewals require. Never reuse a key that may have been exposed; a new key is the safe default.\n\n"
        "Folder and file names: by default server.key and server.csr in the working folder, as "
        "generateCSR.bat writes them. Files already there are backed up first, never lost."
    )

    def existing_key(self) -> Path:
        return Path(self.draft.folder) / self.draft.key_name

    def compose_body(self) -> ComposeResult:
        if self.existing_key().is_file():
            yield ChoiceLabel("Key", "key-source")
            with ChoiceSet(id="key-source", compact=True):
                yield RadioButton("A new key (recommended)", value=not self.draft.reuse_key, name="new")
                yield RadioButton(
                    f"Keep {self.draft.key_name}: a new CSR for the same key", value=self.draft.reuse_key, name="reuse"
                )
        else:
            self.draft.reuse_key = False
        yield ChoiceLabel("RSA key size", "key-size", id="key-size-label")
        with ChoiceSet(id="key-size", compact=True):
            for size in KEY_SIZES:
                yield RadioButton(
                    f"{size} bits  ({SIZE_NOTES[size]})", value=size == self.draft.key_size, name=str(size)
                )
        yield ChoiceLabel("Key file format", "key-format", id="key-format-label")
        with ChoiceSet(id="key-format", compact=True):
            for name, description in FORMAT_NOTES.items():
                yield RadioButton(description, value=name == self.draft.key_format, name=name)
        yield FormField("folder", "Folder", "Where to write the files.", value=str(self.draft.folder))
        yield FormField("key_name", "Key file", "Private key, owner-only.", value=self.draft.key_name)
        yield FormField("csr_name", "CSR file", "What you send to the CA.", value=self.draft.csr_name)

    def store(self, field_name: str, value: str) -> None:
        setattr(self.draft, field_name, value.strip())

    def first_focus(self) -> None:
        self.query_one(ChoiceSet).focus()
        self.show_key_size()
        self.start_key()

    def start_key(self) -> None:
        """Start the key the moment its size is known (on arrival, or when another is chosen), so
        Generate has it ready; a kept key needs none."""
        if not self.draft.reuse_key:
            self.app.key_in_background(self.draft.key_size)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.choose(event.radio_set.id, event.pressed.name)

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        """Enter confirms this group and goes on to the next one shown, as Tab would: the size,
        the format, then the folder and file names; Enter in the last name goes to Review."""
        if event.name:
            self.choose(event.choice_set.id, event.name)
        self.focus_next()

    def choose(self, choice_set_id: str | None, name: str) -> None:
        if choice_set_id == "key-source":
            self.draft.reuse_key = name == "reuse"
            self.show_key_size()
            self.refresh_messages()
            self.start_key()
        elif choice_set_id == "key-format":
            self.draft.key_format = name
        else:
            self.draft.key_size = int(name)
            self.start_key()

    def show_key_size(self) -> None:
        """A kept key has its own size and format: those choices are hidden while it applies."""
        for widget in self.query("#key-size, #key-size-label, #key-format, #key-format-label"):
            widget.display = not self.draft.reuse_key

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
        self.query_one("#field-folder", FormField).show([p for p in problems if p.field != "key_file"])
        key_problems = [p for p in problems if p.field == "key_file"]
        self.query_one("#field-key_name", FormField).show(key_problems, self.reuse_warnings(key_problems))

    def reuse_warnings(self, key_problems: list) -> list:
        if not self.draft.reuse_key or key_problems:
            return []
        from csrwizard.request.create import reuse_warning

        return [reuse_warning(self.draft.key_name)]

    def advance(self) -> None:
        self.start_key()  # already running since the size was known; asking again costs nothing
        super().advance()
