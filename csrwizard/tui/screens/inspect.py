"""Inspect a file: any CSR, certificate, key, .p7b or .pfx, decoded for people."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from csrwizard.names import CSR_NAME
from csrwizard.tui.engine_worker import hand_back
from csrwizard.tui.widgets.form_field import FieldsByName, FormField
from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar


class InspectScreen(FieldsByName, Screen):
    TITLE = "Inspect a file"
    HELP = (
        "Shows what a file holds: subject, names, key type and size, validity, fingerprints and whether "
        "signatures are valid. Private key material is never shown.\n\n"
        "A .pfx or an encrypted key needs its password to show more. Ctrl+O browses for the file."
    )
    BINDINGS = [Binding("escape", "back", "Back"), Binding("ctrl+o", "browse", "Browse")]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield FormField(
                "certificate", "File", "CSR, certificate, key, .p7b or .pfx.", value=str(self.app.folder / CSR_NAME)
            )
            yield FormField("passphrase", "Password", "Only for a .pfx or an encrypted key.", password=True)
            with Horizontal(classes="buttons"):
                yield Button("Inspect", id="inspect", variant="primary", compact=True)
                yield Button("Back", id="back", compact=True)
            yield Static("", id="inspect-result", markup=False)
        yield MoreBelow(".step-body")
        yield StableFooter()

    def on_mount(self) -> None:
        self.query_one("#input-certificate", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_inspect()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.back_to_menu()

    def action_browse(self) -> None:
        from csrwizard.tui.screens.file_picker import FilePickerScreen

        path_input = self.field("certificate").input

        def chosen(path: Path | None) -> None:
            if path is not None:
                path_input.value = str(path)
                self.action_inspect()

        self.app.push_screen(FilePickerScreen(Path(path_input.value.strip() or ".").parent), chosen)

    @on(Button.Pressed, "#inspect")
    def action_inspect(self) -> None:
        password = self.field("passphrase").value
        self.inspect(Path(self.field("certificate").value.strip()), password.encode("utf-8") if password else None)

    @work(thread=True, exclusive=True, group="inspect", exit_on_error=False)
    def inspect(self, path: Path, password: bytes | None) -> None:
        from csrwizard.reply.inspect import describe_bundle, render_description
        from csrwizard.reply.loading import read_as

        def described():
            return render_description(describe_bundle(read_as(path, "file", password)))

        hand_back(self.app, described, lambda text: self.show(text, "", ""), self.show_failure)

    def show_failure(self, error) -> None:
        from csrwizard.problems import InputRefused, SecretRefused

        if isinstance(error, SecretRefused):
            self.show("", "passphrase", str(error))
        elif isinstance(error, InputRefused):
            self.show("", "certificate", error.problems[0].message)
        else:
            self.show("", "certificate", str(error))

    def show(self, text: str, field_name: str, message: str) -> None:
        from csrwizard.problems import Problem

        for name in ("certificate", "passphrase"):
            self.field(name).show([Problem(name, message)] if name == field_name else [])
        if field_name:
            self.field(field_name).input.focus()
        self.query_one("#inspect-result", Static).update(text)
