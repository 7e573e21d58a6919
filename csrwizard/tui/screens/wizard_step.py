"""What every create step shares: the step indicator, Enter to go on, Escape to go back,
and live validation with the engine's own messages."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input

from csrwizard.tui.create_flow import step_number, step_screen
from csrwizard.tui.widgets.form_field import FormField
from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.step_indicator import StepIndicator
from csrwizard.tui.widgets.title_bar import TitleBar


class WizardStep(Screen):
    FIELDS: tuple[str, ...] = ()
    # Verdicts made while the key is handled are drawn in the same frame as the key, instead of
    # a second frame the next key would wait behind. A step whose verdicts take a long layout
    # (the Names step's list) draws the key first instead.
    VERDICTS_WITH_THE_KEY = True
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "next", "Next"),
        # Ctrl+E needs no Fn key on a laptop; it wins over the Input's own Ctrl+E (End does that too).
        Binding("ctrl+e", "apply_fix", "Suggestion", priority=True),
        Binding("f2", "apply_fix", "Suggestion", show=False),
        # The body scrolls whatever has the focus (a field keeps it): said by the "more below" line.
        Binding("pagedown", "scroll_body(1)", "More below", show=False),
        Binding("pageup", "scroll_body(-1)", "Back up", show=False),
    ]

    OTHER_KEYS = (("Enter", "the next field; in the last one, the next step"),)

    def __init__(self) -> None:
        super().__init__()
        self.tried_to_advance = False
        self.suggestion_offered = False  # whether Ctrl+E has something to put in (the footer says so)

    @property
    def step(self) -> int:
        """This step's number, from the flow's one list (create_flow.py)."""
        return step_number(type(self))

    @property
    def draft(self):
        return self.app.draft

    @property
    def heading(self) -> str | None:
        """The title bar's words: a renewal says so, and which file it started from, after the
        step's name (which a narrow window would otherwise cut)."""
        renewal = self.app.draft.renewal
        return f"{self.TITLE} · {renewal}" if renewal else None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield StepIndicator(self.step)
        with VerticalScroll(classes="step-body", can_focus=False):
            yield from self.compose_body()
        yield MoreBelow(".step-body")
        yield StableFooter()  # the one line of keys: the footer, nothing repeating it

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO, so subclasses override first_focus instead.
        if self.VERDICTS_WITH_THE_KEY:
            for form_field in self.fields():
                self.watch(form_field.input, "value", partial(self.value_typed, form_field), init=False)
        self.refresh_messages()
        self.first_focus()

    @property
    def body(self) -> VerticalScroll:
        """The step's scrolling part, between the step indicator and the footer."""
        return self.query_one(".step-body", VerticalScroll)

    def action_scroll_body(self, pages: int) -> None:
        body = self.body
        (body.scroll_page_down if pages > 0 else body.scroll_page_up)(animate=False)

    def first_focus(self) -> None:
        fields = self.fields()
        if fields:
            fields[0].input.focus()

    def fields(self) -> list[FormField]:
        return list(self.query(FormField))

    def on_input_changed(self, event: Input.Changed) -> None:
        if not self.VERDICTS_WITH_THE_KEY:
            for form_field in self.fields():
                if event.input is form_field.input:
                    self.value_typed(form_field, event.value)

    def value_typed(self, form_field: FormField, value: str) -> None:
        self.store(form_field.field_name, value)
        self.refresh_messages(form_field.input)

    def store(self, field_name: str, value: str) -> None:
        setattr(self.draft.typed, field_name, value)

    def assessment(self):
        from csrwizard.request.subject import assess_subject

        return assess_subject(self.draft.typed, self.draft.internal_ca)

    def step_problems(self) -> list:
        assessment = self.assessment()
        return [p for p in assessment.problems if p.field in self.FIELDS]

    def refresh_messages(self, changed: Input | None = None) -> None:
        """Update each field's verdict; an untouched empty field is not scolded until Enter."""
        assessment = self.assessment()
        offered = False
        for form_field in self.fields():
            problems, warnings, notices = assessment.for_field(form_field.field_name)
            offered = offered or any(item.fix for item in problems + warnings)
            if not (form_field.value.strip() or self.tried_to_advance or form_field.input is changed):
                problems = []
            form_field.show(problems, warnings, notices)
        if offered != self.suggestion_offered:  # only then: most keys change no binding
            self.suggestion_offered = offered
            self.refresh_bindings()
        self.after_refresh_messages(assessment)

    def after_refresh_messages(self, assessment) -> None:
        """Hook for steps that show more than per-field messages."""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [f.input for f in self.fields()]
        if event.input in inputs and event.input is not inputs[-1]:
            own = next(f for f in self.fields() if f.input is event.input)
            problems, _, _ = self.assessment().for_field(own.field_name)
            if problems:
                self.tried_to_advance = True
                self.refresh_messages(event.input)
                return
            inputs[inputs.index(event.input) + 1].focus()
            return
        self.action_next()

    def action_next(self) -> None:
        self.tried_to_advance = True
        problems = self.step_problems()
        self.refresh_messages()
        if problems:
            first = next((f for f in self.fields() if f.field_name == problems[0].field), None)
            if first is not None:
                first.input.focus()
            return
        self.advance()

    def advance(self) -> None:
        """On to the next step of the flow."""
        self.app.push_screen(step_screen(self.step + 1))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "apply_fix":
            return bool(self.fields())  # the review step has nothing to fix in place
        return True

    def offers(self, action: str) -> bool:
        """The footer lists Ctrl+E only while a field has a suggestion to put in."""
        return action != "apply_fix" or self.suggestion_offered

    def action_apply_fix(self) -> None:
        """Put the engine's suggested value (UK -> GB, TN -> Tamil Nadu) in place: the focused
        field's first, else the first on this step that has one."""
        assessment = self.assessment()
        fields = sorted(self.fields(), key=lambda f: f.input is not self.focused)
        for form_field in fields:
            problems, warnings, _ = assessment.for_field(form_field.field_name)
            fix = next((item.fix for item in problems + warnings if item.fix), "")
            if fix:
                form_field.input.value = fix
                form_field.input.cursor_position = len(fix)
                return

    def action_back(self) -> None:
        if self.step == 1 and self.app.has_unsaved_answers():
            # Leaving step 1 leaves the flow: ask before the answers go.
            self.app.confirm_discard(self.app.back_to_menu)
            return
        self.app.pop_screen()
