"""F1: what to type on this screen, and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,ctrl+g,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.help_title = title
        self.help_text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(f"Help: {self.help_title}", id="help-title", markup=False)
            with VerticalScroll(id="help-text"):
                yield Static(self.help_text, markup=False)
            # At 60x20 the text (the keys' list last) is longer than the box: say so, and how to read on.
            yield MoreBelow(
                "#help-text",
                "More below: Down or Page Down shows it; Escape closes.",
                "Escape closes this help.",
                id="help-more",
            )
        yield StableFooter()

    def action_close(self) -> None:
        self.dismiss(None)
