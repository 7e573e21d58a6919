"""After Generate: what was written and backed up, the CSR to copy, and what to do next."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from csrwizard.outcome_lines import created_lines, how_to_copy_the_csr, path_text, subject_lines
from csrwizard.request.create import CreateResult
from csrwizard.request.next_steps import next_steps
from csrwizard.tui.outcome_text import styled_lines
from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar


class CreateDoneScreen(Screen):
    TITLE = "Done"
    HELP = (
        "The key and CSR are written. The sure way to send the CSR: open the file it names (e.g. "
        "notepad server.csr), copy all of it and paste it into the CA's order form. C also copies it "
        "to the clipboard, when the terminal passes that on (Windows Terminal does; the classic "
        "console may not).\n\nThe first 8 bytes of the public key's SHA-256 are the part to read aloud "
        "when someone checks which key this is.\n\nM returns to the menu."
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
        lines = self.lines()
        # What was written, how to send the CSR and its fingerprint above the buttons, so that the
        # focused one shows at 60x20; what was asked for (the review's lines again) and the next
        # steps below them: the same lines in the same order as the command line's.
        below = lines.index(subject_lines(self.result.plan)[0])
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield Static(styled_lines(lines[:below]), id="written")
            # The buttons next, so that the focused one shows at 60x20 without scrolling; then what
            # to do next, before the CSR itself.
            with Horizontal(classes="buttons"):
                yield Button("Copy to clipboard", id="copy", variant="primary", compact=True)
                yield Button("Menu", id="menu", compact=True)
            yield Static(Text("\n").append_text(styled_lines(lines[below:])), id="next-steps")
            yield TextArea(self.result.csr_pem.decode("ascii"), read_only=True, id="csr-pem")
        yield MoreBelow(".step-body")
        yield StableFooter()

    def lines(self) -> list[str]:
        """The engine's words for what create did, as the command line says them; files in the
        working folder by their names, and the next steps in the wizard's own actions."""
        request = self.result.plan.request
        folder = self.app.folder
        csr_name, key_name = path_text(request.csr_target, folder), path_text(request.key_target, folder)
        steps = next_steps(csr_name, key_name, request.internal_ca, in_wizard=True)
        # The notices were said under their answers, as the line-by-line mode says them.
        return created_lines(self.result.plan, self.result, steps, folder, notices=False)

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus(scroll_visible=False)
        # Open at the top: the files written and the backups come first, whatever has the focus.
        body = self.query_one(".step-body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.result.csr_pem.decode("ascii"))
        # A terminal never says whether it passed the copy on: say so, and the way that always works.
        csr_name = self.result.plan.request.csr_target.name
        self.notify(
            f"Sent to the clipboard; whether it arrived depends on the terminal. {how_to_copy_the_csr(csr_name)}",
            timeout=8,
        )

    @on(Button.Pressed, "#menu")
    def action_menu(self) -> None:
        self.app.back_to_menu()
