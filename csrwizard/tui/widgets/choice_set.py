"""The one way to choose an option, on every screen: the arrow keys move and choose, Enter confirms.

(A plain RadioSet only moves a highlight with the arrows and chooses with Space, which callers
on the phone kept missing.)"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, RadioButton, RadioSet

BLANK = " "


def _label_as_given(label) -> Content:
    """A button's label without the trailing spaces stripped (RadioButton strips them)."""
    return Content.from_text(label).first_line


class ChoiceSet(RadioSet):
    BINDINGS = [Binding("enter", "choose_and_continue", "Choose", show=False)]

    class Chosen(Message):
        """Enter was pressed; `name` is the chosen button's name (RadioSet.Changed may come later)."""

        def __init__(self, name: str | None, choice_set: ChoiceSet) -> None:
            super().__init__()
            self.name = name
            self.choice_set = choice_set

    # Marks in the label's first two cells, where a narrow window never cuts them: the row the
    # arrow keys are on (while the list has the focus) and the option chosen. Words, not colours,
    # so they read with NO_COLOR; and no ▐●▌ toggle, which a raster font or the Linux VT lacks.
    FOCUS_MARK = "▶"
    CHOSEN_MARK = "✓"
    HINT = "arrow keys choose, Enter confirms"  # said the same way above every ChoiceSet

    def on_mount(self) -> None:
        for button in self.query(RadioButton):
            button.BUTTON_LEFT = button.BUTTON_INNER = button.BUTTON_RIGHT = ""
            button._make_label = _label_as_given  # kept whole: its fill to the row's end included
            button.original_label = str(button.label)
        self.mark_chosen()

    def watch__selected(self) -> None:
        super().watch__selected()
        self.mark_chosen()

    def on_focus(self) -> None:
        self.mark_chosen(focused=True)
        self.say_hint(True)

    def on_blur(self) -> None:
        self.mark_chosen(focused=False)
        self.say_hint(False)

    def say_hint(self, focused: bool) -> None:
        for label in self.screen.query(ChoiceLabel):
            if label.for_choice == self.id:
                label.say(focused)

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

    def mark_chosen(self, focused: bool | None = None) -> None:
        """'▶✓ 2048 bits': the arrow's row while focused, and the chosen option, before each label."""
        focused = self.has_focus if focused is None else focused
        for index, button in enumerate(self.query(RadioButton)):
            text = getattr(button, "original_label", None)
            if text is None:
                continue  # not mounted yet: on_mount marks it
            arrow = self.FOCUS_MARK if focused and index == self._selected else BLANK
            chosen = self.CHOSEN_MARK if button.value else BLANK
            label = f"{arrow}{chosen}{BLANK}{text}"
            # Filled past the row's end (the row clips it, see screens.tcss), so that the highlight,
            # reversed, spans the whole row: the same on every paint, whatever the layout's timing.
            label += BLANK * max(self.app.size.width, 80)
            if str(button.label) != label:
                button.label = label

    def action_choose_and_continue(self) -> None:
        buttons = list(self.query(RadioButton))
        chosen = self.pressed_button
        if self._selected is not None and 0 <= self._selected < len(buttons):
            chosen = buttons[self._selected]
            chosen.value = True
        self.post_message(self.Chosen(chosen.name if chosen else None, self))


class ChoiceLabel(Label):
    """The title above a ChoiceSet: 'Signed by: arrow keys choose, Enter confirms' while the choice
    has the focus, 'Signed by' otherwise (the hint under another field's cursor misled)."""

    def __init__(self, title: str, for_choice: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id, classes="field-label-wide", markup=False)
        self.title = title
        self.for_choice = for_choice

    def say(self, focused: bool) -> None:
        self.update(f"{self.title}: {ChoiceSet.HINT}" if focused else self.title)
