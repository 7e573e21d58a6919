"""A folder browser to pick a file; returns its path, or None when cancelled."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static

from csrwizard.tui.widgets.file_tree import FileTree


class FilePickerScreen(ModalScreen[Path | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("backspace", "parent", "Up a folder"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        # A resolved root names the folder at the top of the tree, instead of an empty ".".
        self.folder = (folder if folder.is_dir() else Path(".")).resolve()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static("Arrows move, Enter opens or picks, Backspace goes up, Escape cancels.", classes="step-hint")
            yield FileTree(self.folder, id="picker-tree")

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_parent(self) -> None:
        tree = self.query_one(DirectoryTree)
        tree.path = Path(tree.path).resolve().parent

    def action_cancel(self) -> None:
        self.dismiss(None)
