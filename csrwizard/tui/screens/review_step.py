"""Step 5: everything that will happen, shown before anything touches the disk."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, LoadingIndicator, Static

from csrwizard.outcome_lines import review_lines
from csrwizard.tui.engine_worker import hand_back
from csrwizard.tui.outcome_text import styled_lines
from csrwizard.tui.screens.wizard_step import WizardStep


class ReviewStep(WizardStep):
    TITLE = "Review"
    HELP = (
        "Check every line. Nothing has been written yet: Generate writes the key and the CSR, "
        "after backing up any files already there. Escape goes back to change something."
    )
    BINDINGS = [("g", "generate", "Generate")]
    OTHER_KEYS = (("Enter", "the focused button: Generate, or Back"),)

    def compose_body(self) -> ComposeResult:
        yield Static(id="review-summary")
        yield LoadingIndicator(id="generating")
        yield Static("", id="review-error", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("Generate", id="generate", variant="primary", compact=True)
            yield Button("Back", id="back", compact=True)

    def __init__(self) -> None:
        from csrwizard.request.create import plan_create

        super().__init__()
        self.plan = plan_create(self.app.draft.request())
        self.reviewed_at = self.app.now()  # only to see what is there now; backups take the time of writing

    @property
    def generating(self) -> LoadingIndicator:
        return self.query_one("#generating", LoadingIndicator)

    @property
    def generate_button(self) -> Button:
        return self.query_one("#generate", Button)

    def first_focus(self) -> None:
        self.query_one("#review-summary", Static).update(self.summary())
        self.generating.display = False
        self.query_one("#review-error").display = False
        # Opened at its first line, the subject: in a small window the button is below the fold
        # ("More below" says so), and G generates from anywhere on the screen.
        self.generate_button.focus(scroll_visible=False)
        self.call_after_refresh(self.body.scroll_home, animate=False)

    def summary(self) -> Text:
        # The engine's review, as every face shows it; backups are named when written, not now.
        return styled_lines(review_lines(self.plan, self.reviewed_at, self.app.folder))

    def offers(self, action: str) -> bool:
        """One key for writing in the footer: G Generate (Ctrl+N, the steps' Next, still does it)."""
        return action != "next" and super().offers(action)

    def on_input_submitted(self, event) -> None:
        event.stop()

    def action_next(self) -> None:
        self.action_generate()

    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        if self.generating.display:
            return
        self.generating.display = True
        self.generate_button.disabled = True
        # Asked for here, on the event loop: starting a worker is not safe from another thread.
        reusing = self.plan.reused_key is not None
        self.write_files(None if reusing else self.app.key_in_background(self.plan.key_size))

    @work(thread=True, exclusive=True, group="generate", exit_on_error=False)
    def write_files(self, key_job) -> None:
        from csrwizard.request.create import perform_create

        def created():
            try:
                key = key_job.result() if key_job is not None else None
                return perform_create(self.plan, key=key, now=self.app.now)
            finally:  # used, or failed: either way not to be used for another CSR
                if key_job is not None:
                    self.app.call_from_thread(self.app.forget_background_key, self.plan.key_size)

        hand_back(self.app, created, self.show_done, lambda error: self.show_error(str(error)))

    def show_error(self, message: str) -> None:
        self.generating.display = False
        self.generate_button.disabled = False
        error = self.query_one("#review-error", Static)
        error.update(f"✗ {message}")
        error.display = True

    def show_done(self, result) -> None:
        from csrwizard.tui.screens.create_done import CreateDoneScreen

        self.app.back_to_menu()
        self.app.push_screen(CreateDoneScreen(result))

    @on(Button.Pressed, "#back")
    def back_pressed(self) -> None:
        self.action_back()
