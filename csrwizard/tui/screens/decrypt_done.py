"""After decrypting: where the unencrypted key went and where the original is kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Static

from csrwizard.outcome_lines import decrypted_lines
from csrwizard.request.decrypt import DecryptResult
from csrwizard.tui.outcome_text import styled_lines
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar


class DecryptDoneScreen(Screen):
    TITLE = "Key decrypted"
    HELP = "The unencrypted key is owner-only. Keep the backup until the server runs with the new key."
    BINDINGS = [Binding("m,escape", "menu", "Menu"), Binding("q", "app.quit", "Quit", show=False)]

    def __init__(self, result: DecryptResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        # The engine's words, as the command line says them; files in the working folder by name.
        text = styled_lines(decrypted_lines(self.result, self.app.folder))
        yield TitleBar()
        yield Static(text, id="decrypt-summary")
        yield Button("Menu", id="menu", variant="primary", compact=True)
        yield StableFooter()

    @on(Button.Pressed, "#menu")
    def action_menu(self) -> None:
        self.app.back_to_menu()
