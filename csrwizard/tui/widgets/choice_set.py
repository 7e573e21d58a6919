"""The one way to choose an option, on every screen: the arrow keys move and choose, Enter confirms.

(A plain RadioSet only moves a highlight with the arrows and chooses with Space, which callers
on the phone kept missing.)"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import RadioButton, RadioSet


class ChoiceSet(RadioSet):
    BINDINGS = [Binding("enter", "choose_and_continue", "Choose", show=False)]

    class Chosen(Message):
        """Enter was pressed; `name` is the chosen button's name (RadioSet.Changed may come later)."""

        def __init__(self, name: str | None, choice_set: ChoiceSet) -> None:
            super().__init__()
            self.name = name
            self.choice_set = choice_set

    CHOSEN_MARK = "  ✓"
    HINT = "arrow keys choose, Enter confirms"  # said the same way above every ChoiceSet

    def on_mount(self) -> None:
        self.mark_chosen()

    def action_next_button(self) -> None:
        super().action_next_button()
        self.choose_highlighted()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self.choose_highlighted()

    def choose_highlighted(self) -> None:
        buttons = list(self.query(RadioButton))
        if self._selected is not None and 0 <= self._selected < len(buttons):
            buttons[self._selected].value = True

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.mark_chosen()

    def mark_chosen(self) -> None:
        """Mark the chosen option in words too, so it reads without colour (NO_COLOR)."""
        for button in self.query(RadioButton):
            text = str(button.label).removesuffix(self.CHOSEN_MARK)
            button.label = text + self.CHOSEN_MARK if button.value else text

    def action_choose_and_continue(self) -> None:
        buttons = list(self.query(RadioButton))
        chosen = self.pressed_button
        if self._selected is not None and 0 <= self._selected < len(buttons):
            chosen = buttons[self._selected]
            chosen.value = True
        self.post_message(self.Chosen(chosen.name if chosen else None, self))
