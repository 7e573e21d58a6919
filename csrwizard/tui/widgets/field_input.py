"""The text box of a form field."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FieldInput(Input):
    """An Input whose typing repaints the field, not the screen's layout.

    Textual's Input asks for a new layout of the whole screen on every key, because its text's
    width (its virtual size) is a layout value; after a layout, every widget on the screen is
    painted again. A field's size never depends on its text (its width is the row's), and its own
    scrolling reads the virtual size directly, so here the virtual size only repaints.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
