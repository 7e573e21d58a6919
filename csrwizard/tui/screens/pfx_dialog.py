"""Build .pfx: the password typed twice (masked), the legacy choice and the file name."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, Static

from csrwizard.names import PFX_NAME
from csrwizard.problems import Problem
from csrwizard.tui.widgets.choice_set import ChoiceLabel, ChoiceSet
from csrwizard.tui.widgets.form_field import FieldsByName, FormField
from csrwizard.tui.widgets.stable_footer import StableFooter


@dataclass(frozen=True)
class PfxChoice:
    password: bytes
    legacy: bool
    file_name: str


class PfxDialog(FieldsByName, ModalScreen[PfxChoice | None]):
    TITLE = "Build the .pfx"
    HELP = (
        "Password: Endpoint Central asks for it when the .pfx is uploaded; typed twice, hidden, never "
        "stored. Encryption: AES-256 unless an old Windows importer refuses the file. File name: "
        "written beside the certificate; a file already there is backed up first.\n\n"
        "Enter goes on to the next field; in the file name, it builds. Escape cancels: nothing is written."
    )
    # A modal screen does not reach the app's bindings: its help key is its own.
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+g,f1", "app.help", "Help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="pfx-box"):
            yield Static("Build the .pfx for Endpoint Central's upload", id="pfx-title")
            yield FormField("password", "Password", "Hidden; Endpoint Central asks for it on upload.", password=True)
            yield FormField("again", "Again", "Type it once more.", password=True)
            yield ChoiceLabel("Encryption", "encryption")
            with ChoiceSet(id="encryption", compact=True):
                yield RadioButton("AES-256 with PBKDF2 (recommended)", value=True, name="modern")
                yield RadioButton("3DES/SHA-1, for old Windows importers", name="legacy")
            yield FormField("file_name", "File name", "Written beside the certificate.", value=PFX_NAME)
            with Horizontal(classes="buttons"):
                yield Button("Build", id="build", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield StableFooter()  # this dialog's keys, not those of the screen under it

    def on_mount(self) -> None:
        self.query_one("#input-password", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        following = {"input-password": "#input-again", "input-again": "#encryption"}
        if event.input.id in following:
            self.query_one(following[event.input.id]).focus()
        else:
            self.action_build()

    def on_choice_set_chosen(self, event: ChoiceSet.Chosen) -> None:
        self.query_one("#input-file_name", Input).focus()

    @on(Button.Pressed, "#build")
    def action_build(self) -> None:
        from csrwizard.reply.pfx import pfx_password_problem

        password = self.field("password").value.encode("utf-8")
        again = self.field("again").value.encode("utf-8")
        message = pfx_password_problem(password, again)
        file_name = self.field("file_name").value.strip()
        self.field("again").show([Problem("password", message)] if message else [])
        self.field("file_name").show([] if file_name else [Problem("output", "a file name is required")])
        if message:
            # Where the fix is typed: the second entry when the two differ, else the password itself.
            self.query_one("#input-again" if password != again else "#input-password", Input).focus()
            return
        if not file_name:
            self.query_one("#input-file_name", Input).focus()
            return
        chosen = self.query_one(ChoiceSet).pressed_button
        self.dismiss(PfxChoice(password, chosen is not None and chosen.name == "legacy", file_name))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
