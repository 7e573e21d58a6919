"""The text box of a form field."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.widgets import Input


class FieldInput(Input):
    """An Input whose typing repaints the field, not the screen's layout; Up and Down move to the
    field above and below, as Shift+Tab and Tab do (a first-time admin reaches for the arrows).

    Textual's Input asks for a new layout of the whole screen on every key, because its text's
    width (its virtual size) is a layout value; after a layout, every widget on the screen is
    painted again. A field's size never depends on its text (its width is the row's), and its own
    scrolling reads the virtual size directly, so here the virtual size only repaints.
    """

    BINDINGS = [
        Binding("up", "neighbour(-1)", "Field above", show=False),
        Binding("down", "neighbour(1)", "Field below", show=False),
    ]

    virtual_size = Reactive(Size(0, 0), layout=False)

    def action_neighbour(self, step: int) -> None:
        """The next focusable thing above or below (a field, a choice, a button); none past the
        ends: the first field's Up stays there rather than jumping to the last button."""
        chain = self.screen.focus_chain
        if self in chain and 0 <= chain.index(self) + step < len(chain):
            # At once, not after the keys already waiting (as focus() would): a second Down typed
            # ahead, on a slow remote link, moves on from the new field instead of being lost.
            self.screen.set_focus(chain[chain.index(self) + step])

    # Textual calls these after Input's own handlers of the same events (each class in the MRO).
    def _on_blur(self, event: events.Blur) -> None:
        # Shown from its start when left: a long value (the Other names list) otherwise reads as
        # cut from the left, its end showing where the cursor was. The cursor stays where it was.
        self.scroll_to(x=0, animate=False, immediate=True)

    def _on_focus(self, event: events.Focus) -> None:
        # Back at the cursor, where the next key goes.
        self.scroll_to_region(Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False)
