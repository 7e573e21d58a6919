"""The file picker's tree, drawn with ASCII marks where Textual draws folder and file emoji (which
conhost's raster fonts and the Linux console show as boxes), and without dot files (csrwizard's
own lock and journal, never a file to pick)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.widgets import DirectoryTree


class FileTree(DirectoryTree):
    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "- "
    ICON_FILE = "  "

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [path for path in paths if not path.name.startswith(".")]
