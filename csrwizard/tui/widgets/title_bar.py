"""The line at the top of every screen: where you are, and which folder csrwizard works in.

One widget drawing one line, where Textual's Header is four widgets: it is on the
first screen, and every widget there is paid for before the menu shows.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.widget import Widget

ELLIPSIS = "…"


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle: a folder's drive and its last
    folders (EC's `...\\UEMS_CentralServer\\bin`) are the parts that tell folders apart."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    room = width - 1
    head_room = room // 3
    head, used = "", 0
    for character in text:
        size = get_character_cell_size(character)
        if used + size > head_room:
            break
        head, used = head + character, used + size
    tail, used = "", 0
    for character in reversed(text):
        size = get_character_cell_size(character)
        if used + size > room - cell_len(head):
            break
        tail, used = character + tail, used + size
    return f"{head}{ELLIPSIS}{tail}"


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def render(self) -> Text:
        # A screen may name more than its kind: a renewal's steps say what they renew from.
        title = (
            getattr(self.screen, "heading", None) or f"csrwizard · {getattr(self.screen, 'TITLE', None) or 'csrwizard'}"
        )
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(title, style="bold")
        folder_room = self.content_region.width - cell_len(title) - len("   Folder: ")
        if folder_room >= 8:
            line.append(f"   Folder: {shorten_middle(self.app.folder_shown, folder_room)}")
        return line
