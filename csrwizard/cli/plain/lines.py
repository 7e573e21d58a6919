"""Asking and telling, one plain line at a time."""

from __future__ import annotations

import contextlib
import getpass
import io
import os
import re
import sys
import textwrap
from typing import Callable, Iterator, TextIO

from csrwizard.cli.console_input import drop_console_input, is_console, typed_at_console, wait_for_input
from csrwizard.outcome_lines import VERDICT_SYMBOLS, byte_rows
from csrwizard.outcome_lines import VERDICT_WORDS as OUTCOME_VERDICT_WORDS
from csrwizard.problems import CsrWizardError, SecretRefused

# How long answers from a pipe may take to start. Under PowerShell remoting the pipe is open and
# nothing ever comes: this ends the wait with the ways that work there, instead of hanging.
FIRST_ANSWER_WAIT = 20.0
NO_ANSWERS = (
    "no answers came on standard input in {seconds:g} s, and it is not a console: in a PowerShell "
    "remoting session (Enter-PSSession) no program can ask questions. Give every answer as a flag "
    "with --batch, or pipe the answers in, one per line; for the wizard, connect with OpenSSH or RDP. "
    "Nothing was written."
)
NO_CONSOLE_FOR_SECRETS = (
    "Passphrase: standard input is not a console (a pipe, or a remote session), so it cannot be "
    "typed hidden; give it with --password-env VAR, --password-file FILE or --password-stdin "
    "(then it is the answer line where the passphrase is asked). Nothing was written."
)


# A screen reader says "check mark" or nothing at all for a symbol: the word goes beside it. The
# engine's lines carry it already (outcome_lines); this catches any other line with a symbol.
VERDICT_WORDS = {VERDICT_SYMBOLS[verdict]: word for verdict, word in OUTCOME_VERDICT_WORDS.items()}


def spell_verdict(line: str) -> str:
    """`✓ Names: ...` -> `✓ PASS Names: ...`; any other line as it is."""
    body = line.lstrip(" ")
    symbol = body[:1]
    if symbol in VERDICT_WORDS and body[1:2] == " " and not body[2:].startswith(VERDICT_WORDS[symbol]):
        return f"{line[: len(line) - len(body)]}{symbol} {VERDICT_WORDS[symbol]} {body[2:]}"
    return line


# A fingerprint or serial as colon-separated bytes: wrapped between bytes, never inside one.
_COLON_HEX = re.compile(r"\b(?:[0-9A-Fa-f]{2}:){7,}[0-9A-Fa-f]{2}\b")


def wrap_line(line: str, width: int | None) -> list[str]:
    """`line` cut at spaces to `width` columns, each continuation indented under the first word;
    a word longer than the width (a path) is left whole rather than cut in its middle, but a
    fingerprint too long for the line goes on in rows of whole bytes (read aloud, a byte cut in
    two is a wrong byte)."""
    if not width or len(line) <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip(" ")))
    match = _COLON_HEX.search(line)
    if match is not None:
        head, tail = line[: match.start()].rstrip(), line[match.end() :].strip()
        rows = [indent + "  " + row for row in _byte_rows(match.group(), width - len(indent) - 2)]
        return (
            (wrap_line(head, width) if head.strip() else [])
            + rows
            + (wrap_line(indent + "  " + tail, width) if tail else [])
        )
    return textwrap.wrap(
        line,
        width=width,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,  # host names and dates have hyphens: never cut there
        drop_whitespace=True,
    ) or [line]


def _byte_rows(colon_hex: str, room: int) -> list[str]:
    fits = max(1, (room + 1) // 3)  # "AB:" is 3 columns, the row's last byte 2
    return byte_rows(colon_hex, min(16, fits // 8 * 8) or fits)  # 8 or 16 a row, as the short one is read


def terminal_width(stream: TextIO) -> int | None:
    """The terminal's width when `stream` is one; None for a pipe or a file (nothing is wrapped)."""
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
    return None


class PlainWriter(io.TextIOBase):
    """A stream that writes whole lines, wrapped to the width and with each verdict spelled out:
    what the commands print reaches the line-by-line mode the way the mode's own lines do."""

    def __init__(self, stream: TextIO, width: int | None) -> None:
        super().__init__()
        self.stream = stream
        self.width = width
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.stream.write("\n".join(wrap_line(spell_verdict(line), self.width)) + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()


class LinePrompt:
    """Questions on one line each; the value in [brackets] is what Enter takes.

    Answers come from standard input, a console or a pipe. A secret is typed hidden at a console;
    elsewhere it comes from `secret` (the --password-* source) or is refused.
    """

    def __init__(
        self,
        answers: TextIO | None = None,
        output: TextIO | None = None,
        console: bool | None = None,
        secret: Callable[[], bytes] | None = None,
        first_answer_wait: float = FIRST_ANSWER_WAIT,
        width: int | None = None,
    ) -> None:
        self.answers = answers or sys.stdin
        self.output = output or sys.stdout
        self.width = width if width is not None else terminal_width(self.output)
        self.console = is_console(self.answers) if console is None else console
        self.secret = secret
        self.first_answer_wait = first_answer_wait
        self._answered = False

    def typed_ahead(self) -> bool:
        """Whether the next answer is already there: always from a pipe or a file (the whole script
        is), at a console when it was typed before the question showed."""
        return not self.console or typed_at_console(self.answers)

    def drop_typed_ahead(self) -> bool:
        """At a console, throw away what was typed ahead of the question; whether there was any.
        Those lines were meant for questions further on: kept, each would answer the one before."""
        if not self.console or not typed_at_console(self.answers):
            return False
        drop_console_input(self.answers)
        return True

    def say(self, text: str = "") -> None:
        for line in text.split("\n"):
            print("\n".join(wrap_line(spell_verdict(line), self.width)), file=self.output, flush=True)

    @contextlib.contextmanager
    def printed_here(self) -> Iterator[None]:
        """What the shared printers (the batch summaries, check) print goes through this prompt's
        wrapping and verdict words."""
        writer = PlainWriter(self.output, self.width)
        try:
            with contextlib.redirect_stdout(writer):
                yield
        finally:
            writer.flush()

    def ask(self, question: str, default: str = "") -> str:
        shown = f"{question} [{default}]: " if default else f"{question}: "
        *whole, last = wrap_line(shown.rstrip(" "), self.width)
        for line in whole:
            self.output.write(line + "\n")
        self.output.write(last + " ")
        self.output.flush()
        return self._next_line().strip() or default

    def _next_line(self) -> str:
        if not self._answered and not self.console and not wait_for_input(self.answers, self.first_answer_wait):
            self.say()
            raise CsrWizardError(NO_ANSWERS.format(seconds=self.first_answer_wait))
        line = self.answers.readline()
        self._answered = True
        if not line:
            self.say()
            raise CsrWizardError("the answers ended (end of input); nothing was written")
        return line

    @property
    def secret_given(self) -> bool:
        return self.secret is not None

    def ask_secret(self, question: str) -> bytes:
        """Read without echo, from the console itself (never logged, never on screen); where there
        is no console, from the --password-* source, or refused rather than waited for."""
        if self.secret is not None:
            return self.secret()
        if not self.console:
            raise SecretRefused(NO_CONSOLE_FOR_SECRETS)
        try:
            return getpass.getpass(f"{question}: ", stream=self.output).encode("utf-8")
        except EOFError:
            raise CsrWizardError("the answers ended (end of input); nothing was written") from None

    def next_answer_as_secret(self) -> bytes:
        """--password-stdin in the line-by-line mode: the next line of the answers, never shown."""
        return self._next_line().rstrip("\r\n").encode("utf-8")

    def confirm(self, question: str) -> bool:
        """Yes only when the answer is y or yes; Enter means no."""
        return self.ask(f"{question} [y/N]").lower() in ("y", "yes")

    def choose(self, question: str, options: list[str]) -> int:
        """A numbered list; the index of the option chosen, asked again until it is one of them."""
        for number, option in enumerate(options, start=1):
            self.say(f"  {number}. {option}")
        while True:
            answer = self.ask(f"{question} (1 to {len(options)})")
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.say(f"  Please type a number from 1 to {len(options)}.")
