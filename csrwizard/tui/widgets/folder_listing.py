"""The menu's 'Already in this folder' list, cut to the room it has with the number left out said.

The menu cannot scroll (its list of things to do has the focus), so at 60x20 a folder after a
whole round (key, CSR, certificate, chain, .pfx, config) would lose its last lines unsaid.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class FolderListing(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.heading: str = ""
        self.rows: list[str] = []
        self.closing: str = ""

    def show(self, heading: str, rows: list[str], closing: str) -> None:
        self.heading, self.rows, self.closing = heading, rows, closing
        self.refresh()

    def lines(self, room: int) -> list[Text]:
        """What fits in `room` lines: everything, or the heading, the first rows and how many more."""
        heading = [Text(self.heading, style="bold")] if self.heading else []
        everything = heading + [Text(row) for row in self.rows] + ([Text(self.closing)] if self.closing else [])
        if len(everything) <= room:
            return everything
        kept = max(room - len(heading) - 1, 0)
        left_out = len(self.rows) - kept
        return (
            heading
            + [Text(row) for row in self.rows[:kept]]
            + [Text(f"  + {left_out} more (a taller window lists them)", style="bold")]
        )

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        for index, line in enumerate(self.lines(self.content_region.height)):
            if index:
                text.append("\n")
            text.append_text(line)
        return text
