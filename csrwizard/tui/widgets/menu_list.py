"""The menu's list of things to do: a few lines, one highlighted, picked with Enter or a click.

Lighter than Textual's OptionList (no scrolling, no per-option caches, a few lines of CSS):
the menu is the first screen, and every millisecond before it paints is the user's.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class MenuItem:
    # A plain class: a dataclass would cost the first screen most of a millisecond to define.
    __slots__ = ("id", "prompt")

    def __init__(self, id: str, prompt: str) -> None:
        self.id = id
        self.prompt = prompt


class MenuList(Widget, can_focus=True):
    DEFAULT_CSS = """
    MenuList {
        height: auto;
        padding: 0 1;
        border: solid $border-blurred;
    }
    MenuList:focus {
        border: solid $border;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "pick", "Pick", show=False),
    ]
    # Reverse video, not only a colour, so the highlighted line shows on any terminal (TERM=linux,
    # NO_COLOR) and can be read out as "the highlighted line".
    HIGHLIGHT_STYLE = "bold reverse"

    highlighted: reactive[int] = reactive(0)

    class Picked(Message):
        def __init__(self, item: MenuItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: tuple[MenuItem, ...] = ()

    def set_items(self, items: list[MenuItem]) -> None:
        """Replace the items, keeping the highlight on the same item (Renew comes and goes above
        the others), or on the first if that item is gone."""
        was = self.items[self.highlighted].id if self.highlighted < len(self.items) else None
        self.items = tuple(items)
        ids = [item.id for item in self.items]
        self.highlighted = ids.index(was) if was in ids else 0
        self.refresh(layout=True)

    def item(self, item_id: str) -> MenuItem:
        return next(item for item in self.items if item.id == item_id)

    def render(self) -> Text:
        width = self.content_region.width
        lines = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, item in enumerate(self.items):
            if index:
                lines.append("\n")
            if index == self.highlighted:  # the whole row, as a cursor bar
                lines.append(item.prompt + " " * max(width - cell_len(item.prompt), 0), style=self.HIGHLIGHT_STYLE)
            else:
                lines.append(item.prompt)
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.items)

    def action_move(self, step: int) -> None:
        if self.items:
            self.highlighted = (self.highlighted + step) % len(self.items)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = max(len(self.items) - 1, 0)

    def action_pick(self) -> None:
        if self.items:
            self.post_message(self.Picked(self.items[self.highlighted]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self.items):
            self.highlighted = offset.y
            self.action_pick()
