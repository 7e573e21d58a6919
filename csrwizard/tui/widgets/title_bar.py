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
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    def title(self) -> str:
        # A screen may name more than its kind: a renewal's steps say what they renew from.
        return (
            getattr(self.screen, "heading", None) or f"csrwizard · {getattr(self.screen, 'TITLE', None) or 'csrwizard'}"
        )

    def line(self, width: int) -> Text:
        """The title, then the folder if there is room for enough of it; a title wider than the
        window (a renewal's, at 60 columns) wraps onto more lines, never cut."""
        title = self.title()
        line = Text(no_wrap=cell_len(title) <= width, overflow="ellipsis", end="")
        line.append(title, style="bold")
        folder_room = width - cell_len(title) - len("   Folder: ")
        if folder_room >= 8:
            line.append(f"   Folder: {shorten_middle(self.app.folder_shown, folder_room)}")
        return line

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.line(width).wrap(self.app.console, max(width, 1)))

    def render(self) -> Text:
        return self.line(self.content_region.width)
