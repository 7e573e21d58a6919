"""Asked before the create flow's answers are thrown away: by Escape on step 1, Ctrl+Q or Ctrl+C."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from csrwizard.tui.widgets.stable_footer import StableFooter

QUESTION = "Discard your answers?"
EXPLANATION = "Nothing has been written yet: no key and no CSR. The answers on these steps will be lost."


class DiscardDialog(ModalScreen[bool]):
    """True to discard, False to keep editing (the default: Enter and Escape both keep)."""

    BINDINGS = [
        Binding("escape", "keep", "Keep editing"),
        # A key to say on the phone for each answer; Left/Right and Enter work as well.
        Binding("d", "discard", "Discard"),
        Binding("left,right", "switch", "Other button", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box"):
            yield Static(QUESTION, id="discard-question")
            yield Static(EXPLANATION, markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Keep editing", id="keep", variant="primary", compact=True)
                yield Button("Discard", id="discard", variant="error", compact=True)
        yield StableFooter()  # this dialog's keys, not those of the screen under it

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "discard")

    def action_keep(self) -> None:
        self.dismiss(False)

    def action_discard(self) -> None:
        self.dismiss(True)

    def action_switch(self) -> None:
        self.focus_next() if self.focused is self.query_one("#keep") else self.focus_previous()
