"""Decrypt a private key: pick it, see what it is, type the passphrase (masked), choose the output."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, RadioButton, Static

from csrwizard.names import DECRYPTED_KEY_NAME, is_pkcs12_name
from csrwizard.shown_text import shown_lines
from csrwizard.tui.engine_worker import hand_back
from csrwizard.tui.widgets.choice_set import ChoiceLabel, ChoiceSet
from csrwizard.tui.widgets.form_field import FieldsByName, FormField
from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar


class DecryptScreen(FieldsByName, Screen):
    TITLE = "Decrypt a private key"
    HELP = (
        "Removes the passphrase from an encrypted private key so the server can load it.\n\n"
        "Key file: server.key in the working folder by default; type another path or press Ctrl+O to browse.\n\n"
        "Passphrase: typed hidden, never shown or stored. A wrong one changes nothing: just try again.\n\n"
        "Output: in place (the encrypted original is kept as a .bak file first) or to another file."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+o", "browse", "Browse"),
    ]

    def __init__(self, key_path: Path) -> None:
        super().__init__()
        self.key_path = Path(key_path)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield FormField(
                "key_file", "Key file", "Path of the encrypted key. Ctrl+O: browse.", value=str(self.key_path)
            )
            yield Static(id="key-info", markup=False)
            yield FormField("passphrase", "Passphrase", "Hidden as you type; never stored.", password=True)
            yield ChoiceLabel("Write it", "output-choice")
            with ChoiceSet(id="output-choice", compact=True):
                yield RadioButton("In place (the original is backed up first)", value=True, name="in-place")
                yield RadioButton("To another file:", name="other")
            yield FormField(
                "output",
                "Output file",
                "Used only with 'To another file'.",
                value=str(self.key_path.with_name(DECRYPTED_KEY_NAME)),
            )
            with Horizontal(classes="buttons"):
                yield Button("Decrypt", id="decrypt", variant="primary", compact=True)
                yield Button("Browse", id="browse", compact=True)
                yield Button("Back", id="back", compact=True)
        yield MoreBelow(".step-body")
        yield StableFooter()

    def on_mount(self) -> None:
        self.describe_key()
        self.field("passphrase").input.focus()

    def plan(self):
        """The engine's plan for the file and output chosen; a CsrWizardError when it cannot be read."""
        from csrwizard.request.decrypt import plan_decrypt

        # A .pfx always unpacks beside itself; "another file" applies to keys.
        source = Path(self.field("key_file").value.strip())
        return plan_decrypt(source, None if is_pkcs12_name(source) else self.output_path())

    def describe_key(self) -> None:
        """What the file is and, for an encrypted one, what Decrypt will write and back up."""
        from csrwizard.outcome_lines import decrypt_plan_lines
        from csrwizard.problems import CsrWizardError
        from csrwizard.request.decrypt import NOT_ENCRYPTED_ADVICE

        info = self.query_one("#key-info", Static)
        try:
            plan = self.plan()
        except CsrWizardError as error:
            info.update(f"✗ {error}")
            return
        lines = [f"Format: {plan.info.format}"]
        if not plan.info.encrypted:
            lines.append(f"Status: {NOT_ENCRYPTED_ADVICE}")
        else:
            if not plan.unpacks:
                lines.append("Status: encrypted: type its passphrase below")
            lines += decrypt_plan_lines(plan, self.app.now(), self.app.folder)
        info.update(shown_lines("\n".join(lines), None))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "input-output":
            self.describe_key()
        elif event.input.id == "input-key_file":
            self.describe_key()
            # A verdict on the passphrase of the file that was there no longer applies.
            self.field("passphrase").show([])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "input-key_file":
            self.field("passphrase").input.focus()
        else:
            self.action_decrypt()

    def on_radio_set_changed(self, event) -> None:
        self.describe_key()  # the plan follows the output chosen

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        target = "#input-output" if event.name == "other" else "#decrypt"
        self.query_one(target).focus()

    @on(Button.Pressed, "#browse")
    def action_browse(self) -> None:
        from csrwizard.tui.screens.file_picker import FilePickerScreen

        start = Path(self.field("key_file").value.strip() or ".").parent

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.field("key_file").input.value = str(path)
                self.field("passphrase").input.focus()

        self.app.push_screen(FilePickerScreen(start), chosen)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.back_to_menu()

    def output_path(self) -> Path | None:
        choice = self.query_one(ChoiceSet).pressed_button
        if choice is not None and choice.name == "other":
            return Path(self.field("output").value.strip())
        return None

    @on(Button.Pressed, "#decrypt")
    def action_decrypt(self) -> None:
        from csrwizard.problems import CsrWizardError

        try:
            plan = self.plan()  # the plan shown above the passphrase is the one performed
        except CsrWizardError as error:
            self.show_refusal(str(error))
            return
        self.query_one("#decrypt", Button).disabled = True
        self.decrypt(plan, self.field("passphrase").value)

    @work(thread=True, exclusive=True, group="decrypt", exit_on_error=False)
    def decrypt(self, plan, passphrase: str) -> None:
        from csrwizard.request.decrypt import perform_decrypt

        def decrypted():
            return perform_decrypt(plan, passphrase.encode("utf-8"), now=self.app.now)

        hand_back(self.app, decrypted, self.show_done, lambda error: self.show_refusal(str(error)))

    def show_refusal(self, message: str) -> None:
        from csrwizard.problems import Problem

        self.query_one("#decrypt", Button).disabled = False
        passphrase = self.field("passphrase")
        passphrase.show([Problem("passphrase", message)])
        passphrase.input.value = ""
        passphrase.input.focus()

    def show_done(self, result) -> None:
        from csrwizard.tui.screens.decrypt_done import DecryptDoneScreen

        self.app.back_to_menu()
        self.app.push_screen(DecryptDoneScreen(result))
