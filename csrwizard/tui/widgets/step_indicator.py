"""'Step 2 of 5  Country [Organisation] Names Key Review': where the user is, at any width.

The current step is always shown in full; when the line would not fit (60 columns), the other
steps shrink to their first letters, then disappear.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from csrwizard.tui.create_flow import STEP_NAMES

CURRENT = "bold reverse"


class StepIndicator(Widget):
    DEFAULT_CSS = "StepIndicator { height: 1; }"

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def forms(self) -> list[Text]:
        """The line from the fullest to the shortest."""
        total = len(STEP_NAMES)
        head = f"Step {self.number} of {total}  "
        full, abbreviated = Text(head), Text(head)
        for index, name in enumerate(STEP_NAMES, start=1):
            current = index == self.number
            full.append(f" {name} ", style=CURRENT if current else "")
            abbreviated.append(f" {name if current else name[0]} ", style=CURRENT if current else "")
        shortest = Text(f"Step {self.number} of {total}: ").append(STEP_NAMES[self.number - 1], style=CURRENT)
        return [full, abbreviated, shortest]

    def render(self) -> Text:
        width = self.size.width
        forms = self.forms()
        return next((form for form in forms if form.cell_len <= width), forms[-1])
