"""After Generate: what was written and backed up, the CSR to copy, and what to do next."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from csrwizard.request.create import CreateResult
from csrwizard.request.next_steps import next_steps
from csrwizard.shown_text import shown
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
        request = self.result.plan.request
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield Static(self.written(), id="written")
            # The buttons next, so that the focused one shows at 60x20 without scrolling; then what
            # to do next, before the CSR itself.
            with Horizontal(classes="buttons"):
                yield Button("Copy to clipboard", id="copy", variant="primary", compact=True)
                yield Button("Menu", id="menu", compact=True)
            steps = next_steps(request.csr_target.name, request.key_target.name, request.internal_ca, in_wizard=True)
            numbered = "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))
            yield Static(f"\nNext steps\n{numbered}", id="next-steps", markup=False)
            yield TextArea(self.result.csr_pem.decode("ascii"), read_only=True, id="csr-pem")
        yield MoreBelow(".step-body")
        yield StableFooter()

    def written(self) -> Text:
        """The files written and the backups first (what a second run most needs to see), then how
        to send the CSR, then the fingerprint: the short part to read aloud, the whole below it."""
        from csrwizard.pki.keys import short_fingerprint
        from csrwizard.request.next_steps import how_to_copy_the_csr

        text = Text()
        for note in self.result.outcome.notes:  # what a stopped run left, put right first
            text.append(f"{note}\n")
        text.append("✓ Written\n", style="bold green")
        for path in self.result.outcome.written:
            text.append(f"  {shown(self.file_name(path), None)}\n")
        for path in self.result.outcome.unchanged:
            text.append(f"  {shown(self.file_name(path), None)} (unchanged: it already held these bytes)\n")
        for original, backup in self.result.outcome.backups:
            text.append(f"  backup of {shown(original.name, None)}: {shown(backup.name, None)}\n")
        text.append(how_to_copy_the_csr(str(self.result.plan.request.csr_target.name)) + "\n", style="bold")
        fingerprint = self.result.public_key_sha256
        text.append("Public key SHA-256, first 8 bytes: ", style="bold")
        text.append(short_fingerprint(fingerprint) + "\n", style="bold")
        # Then the whole of it, two lines of 16 bytes: a line never ends in the middle of a byte.
        pairs = fingerprint.split(":")
        for start in range(0, len(pairs), 16):
            text.append("  " + ":".join(pairs[start : start + 16]) + "\n")
        return text

    def file_name(self, path) -> str:
        """A file in the folder the title bar names, by its name alone: short enough for 60 columns."""
        try:
            same = path.parent.resolve() == self.app.folder.resolve()
        except OSError:
            same = False
        return path.name if same else str(path)

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus(scroll_visible=False)
        # Open at the top: the files written and the backups come first, whatever has the focus.
        body = self.query_one(".step-body", VerticalScroll)
        self.call_after_refresh(body.scroll_home, animate=False)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        from csrwizard.request.next_steps import how_to_copy_the_csr

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
