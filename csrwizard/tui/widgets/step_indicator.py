"""'Step 2 of 5 · Organisation', with the steps' names so the user sees where they are."""

from __future__ import annotations

from textual.widgets import Static

from csrwizard.tui.draft import CREATE_STEPS


class StepIndicator(Static):
    def __init__(self, number: int) -> None:
        names = "  ".join(
            f"[b reverse] {name} [/]" if index == number else f" {name} "
            for index, name in enumerate(CREATE_STEPS, start=1)
        )
        super().__init__(f"Step {number} of {len(CREATE_STEPS)}  {names}", markup=True)
