"""The line under a scrolled body that says when it holds more than the window shows.

A cut list or form with nothing saying so reads as complete (at 60x20, the Check screen's
buttons, the Done screen's steps, a help text): this line names the key that shows the rest.
"""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import Static

MORE_BELOW = "More below: Page Down shows it."


class MoreBelow(Static):
    DEFAULT_CSS = """
    MoreBelow {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    """

    def __init__(
        self, body: str, text: str = MORE_BELOW, otherwise: str = "", *, id: str | None = "more-below"
    ) -> None:
        """`body`: the selector of the scrolled container it speaks for, on the same screen;
        `otherwise`: what the line says when everything shows."""
        super().__init__(otherwise, id=id, markup=False)
        self.body_selector = body
        self.text = text
        self.otherwise = otherwise

    def on_mount(self) -> None:
        body = self.screen.query_one(self.body_selector, ScrollableContainer)
        for attribute in ("scroll_y", "virtual_size", "size"):
            self.watch(body, attribute, lambda _=None: self.update_hint(), init=False)
        self.call_after_refresh(self.update_hint)

    def update_hint(self) -> None:
        body = self.screen.query_one(self.body_selector, ScrollableContainer)
        # The line is always there, empty or not: showing it must not change the room it measures.
        more = body.max_scroll_y - body.scroll_y >= 1
        self.update(self.text if more else self.otherwise)
