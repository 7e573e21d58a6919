"""Asking and telling, one plain line at a time."""

from __future__ import annotations

import getpass
import sys
from typing import Callable, TextIO

from csrwizard.cli.console_input import is_console, wait_for_input
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
    ) -> None:
        self.answers = answers or sys.stdin
        self.output = output or sys.stdout
        self.console = is_console(self.answers) if console is None else console
        self.secret = secret
        self.first_answer_wait = first_answer_wait
        self._answered = False

    def say(self, text: str = "") -> None:
        print(text, file=self.output, flush=True)

    def ask(self, question: str, default: str = "") -> str:
        shown = f"{question} [{default}]: " if default else f"{question}: "
        self.output.write(shown)
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
