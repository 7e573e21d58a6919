"""One labelled input with a line of help under it and the engine's live verdict under that."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.visual import visualize
from textual.widgets import Input, Label, Static

from csrwizard.problems import Problem
from csrwizard.tui.widgets.field_input import FieldInput

# Shown before the label of the field being typed in: a mark, not a colour, so it reads on any
# terminal (16 colours, NO_COLOR, TERM=linux) and a caller can be told "where the arrow is".
FOCUS_MARK = "▶ "
NO_MARK = "  "


class FormField(Vertical):
    def __init__(
        self,
        field_name: str,
        label: str,
        help_text: str,
        value: str = "",
        placeholder: str = "",
        password: bool = False,
        suggester: Suggester | None = None,
        show_warnings: bool = True,
    ) -> None:
        super().__init__(id=f"field-{field_name}", classes="form-field")
        self.field_name = field_name
        self.label = label
        self.help_text = help_text
        self.initial_value = value
        self.placeholder = placeholder
        self.password = password
        self.suggester = suggester
        self.show_warnings = show_warnings

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(NO_MARK + self.label, classes="field-label")
            yield FieldInput(
                self.initial_value,
                placeholder=self.placeholder,
                password=self.password,
                suggester=self.suggester,
                id=f"input-{self.field_name}",
                compact=True,
                # Entering a filled field must not select it: the next key would wipe the answer.
                select_on_focus=False,
            )
        yield Static(self.help_text, classes="field-help", markup=False)
        yield Static("", classes="field-message", markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.mark_focus(True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.mark_focus(False)

    def mark_focus(self, focused: bool) -> None:
        self.set_class(focused, "-focused")
        self.query_one(".field-label", Label).update((FOCUS_MARK if focused else NO_MARK) + self.label)

    def set_help(self, text: str) -> None:
        self.help_text = text
        self.query_one(".field-help", Static).update(text)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def show(self, problems: list[Problem], warnings: list[Problem] = (), notices: list[Problem] = ()) -> None:
        """Show the engine's words for this field: ✗ problems first, then ! warnings and notes."""
        offer = lambda item: "  (Ctrl+E uses it)" if item.fix else ""  # noqa: E731
        lines = [f"✗ {p.message}{offer(p)}" for p in problems]
        lines += [f"! {w.message}{offer(w)}" for w in warnings] if self.show_warnings else []
        lines += [f"i {n.message}" for n in notices]
        message = self.query_one(".field-message", Static)
        text = "\n".join(lines)
        # A verdict as tall as the one laid out needs no new layout, only a repaint: most keys change
        # a word of it, not its height (with FieldInput, a key then repaints two widgets, not all).
        width, height = message.content_size
        new_height = visualize(message, text, markup=False).get_height(message.styles, width) if width else None
        message.update(text, layout=new_height != height)
        message.set_class(bool(problems), "-error")
        message.set_class(not problems and bool(warnings), "-warning")
        message.display = bool(lines)
        self.set_class(bool(problems), "-invalid")


class FieldsByName:
    """For a screen whose fields are found by name: `self.field("host")` is the FormField with id
    `field-host`."""

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)  # type: ignore[attr-defined]
