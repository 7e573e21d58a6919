"""F1: what to type on this screen, and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,ctrl+g,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.help_title = title
        self.help_text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(f"Help: {self.help_title}", id="help-title", markup=False)
            with VerticalScroll():
                yield Static(self.help_text, markup=False)
            yield Static("Escape closes this help.", classes="step-hint")

    def action_close(self) -> None:
        self.dismiss(None)
