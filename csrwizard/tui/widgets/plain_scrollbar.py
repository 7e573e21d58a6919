"""Scroll bars drawn with spaces only: Textual's eighth-block glyphs (▁▂▃ ▉▊▋) show as boxes in a
Windows console's raster font and on the Linux VT. The thumb shows by its shade, with or without colour."""

from __future__ import annotations

from textual.scrollbar import ScrollBarRender


class PlainScrollBarRender(ScrollBarRender):
    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8
