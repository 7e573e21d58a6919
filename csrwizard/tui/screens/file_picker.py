"""A folder browser to pick a file; returns its path, or None when cancelled."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static

from csrwizard.tui.widgets.file_tree import FileTree
from csrwizard.tui.widgets.stable_footer import StableFooter


class FilePickerScreen(ModalScreen[Path | None]):
    TITLE = "Pick a file"
    HELP = (
        "Up and Down move through the folder; Enter opens a folder or picks the file under the cursor. "
        "Backspace goes up to the folder above. Escape closes this without picking."
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("backspace", "parent", "Up a folder"),
        # A modal screen does not reach the app's bindings: its help key is its own.
        Binding("ctrl+g,f1", "app.help", "Help"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        # A resolved root names the folder at the top of the tree, instead of an empty ".".
        self.folder = (folder if folder.is_dir() else Path(".")).resolve()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static("Arrows move; Enter opens a folder or picks a file.", classes="step-hint")
            yield FileTree(self.folder, id="picker-tree")
        yield StableFooter()  # Escape and Backspace: this dialog's keys, not those of the screen under it

    def on_mount(self) -> None:
        self.query_one(DirectoryTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(event.path)

    def action_parent(self) -> None:
        tree = self.query_one(DirectoryTree)
        tree.path = Path(tree.path).resolve().parent

    def action_cancel(self) -> None:
        self.dismiss(None)
