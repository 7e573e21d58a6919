"""A folder browser to pick a file; returns its path, or None when cancelled."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static


class FilePickerScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder if folder.is_dir() else Path(".")

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static("Pick the key file: arrows to move, Enter to open or choose, Escape to cancel.",
                         classes="step-hint")
            yield DirectoryTree(self.folder, id="picker-tree")

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
