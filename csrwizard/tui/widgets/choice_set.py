"""A RadioSet where Enter chooses the highlighted option and moves on, as everywhere in the wizard."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import RadioSet


class ChoiceSet(RadioSet):
    BINDINGS = [Binding("enter", "choose_and_continue", "Choose", show=False)]

    class Chosen(Message):
        """Enter was pressed on a choice."""

    def action_choose_and_continue(self) -> None:
        if self._selected is not None:
            buttons = list(self.query("RadioButton"))
            if 0 <= self._selected < len(buttons) and not buttons[self._selected].value:
                buttons[self._selected].value = True
        self.post_message(self.Chosen())
