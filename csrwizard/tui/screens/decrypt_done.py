"""After decrypting: where the unencrypted key went and where the original is kept."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button, Static

from csrwizard.request.decrypt import DecryptResult
from csrwizard.shown_text import shown
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
        text = Text()
        text.append("✓ Decrypted\n", style="bold green")
        for note in self.result.outcome.notes:  # what a stopped run left, put right first
            text.append(f"{note}\n")
        text.append(f"  read:  {shown(self.result.source, None)} ({self.result.info.format})\n")
        text.append(f"  wrote: {shown(self.result.target, None)} (unencrypted, owner-only)\n")
        for path in self.result.outcome.written:
            if path != self.result.target:
                text.append(f"  wrote: {shown(path, None)}\n")
        for original, backup in self.result.outcome.backups:
            text.append(f"  {shown(original.name, None)} was kept as {shown(backup, None)}\n")
        yield TitleBar()
        yield Static(text, id="decrypt-summary")
        yield Button("Menu", id="menu", variant="primary", compact=True)
        yield StableFooter()

    @on(Button.Pressed, "#menu")
    def action_menu(self) -> None:
        self.app.back_to_menu()
