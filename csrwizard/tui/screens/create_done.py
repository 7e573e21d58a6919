"""After Generate: what was written and backed up, the CSR to copy, and what to do next."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from csrwizard.request.create import CreateResult
from csrwizard.request.next_steps import next_steps
from csrwizard.shown_text import shown
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar


class CreateDoneScreen(Screen):
    TITLE = "Done"
    HELP = (
        "The key and CSR are written. Copy the CSR with C (your terminal must allow clipboard access; "
        "otherwise open the file) and paste it into the CA's order form.\n\nM returns to the menu."
    )
    BINDINGS = [
        Binding("c", "copy", "Copy CSR"),
        Binding("m,escape", "menu", "Menu"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, result: CreateResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        request = self.result.plan.request
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield Static(self.written(), id="written")
            # What to do next comes before the CSR itself, so it shows without scrolling at 80x24.
            steps = next_steps(request.csr_target.name, request.key_target.name, request.internal_ca)
            numbered = "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))
            yield Static(f"Next steps\n{numbered}", id="next-steps", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Copy CSR to clipboard", id="copy", variant="primary", compact=True)
                yield Button("Menu", id="menu", compact=True)
            yield TextArea(self.result.csr_pem.decode("ascii"), read_only=True, id="csr-pem")
        yield StableFooter()

    def written(self) -> Text:
        text = Text()
        for note in self.result.outcome.notes:  # what a stopped run left, put right first
            text.append(f"{note}\n")
        text.append("✓ Written\n", style="bold green")
        for path in self.result.outcome.written:
            text.append(f"  {shown(path, None)}\n")
        for original, backup in self.result.outcome.backups:
            text.append(f"  backup of {shown(original.name, None)}: {shown(backup, None)}\n")
        text.append("Public key SHA-256:\n", style="bold")
        # Two lines of 16 bytes: a line never ends in the middle of a byte, whatever the width.
        pairs = self.result.public_key_sha256.split(":")
        for start in range(0, len(pairs), 16):
            text.append("  " + ":".join(pairs[start : start + 16]) + "\n")
        return text

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy()
        else:
            self.action_menu()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.result.csr_pem.decode("ascii"))
        self.notify("CSR copied (if your terminal allows clipboard access).", timeout=3)

    def action_menu(self) -> None:
        self.app.back_to_menu()
