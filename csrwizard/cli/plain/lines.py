"""Asking and telling, one plain line at a time."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from csrwizard.problems import CsrWizardError


class LinePrompt:
    """Questions on one line each; the value in [brackets] is what Enter takes."""

    def __init__(self, answers: TextIO | None = None, output: TextIO | None = None) -> None:
        self.answers = answers or sys.stdin
        self.output = output or sys.stdout

    def say(self, text: str = "") -> None:
        print(text, file=self.output, flush=True)

    def ask(self, question: str, default: str = "") -> str:
        shown = f"{question} [{default}]: " if default else f"{question}: "
        self.output.write(shown)
        self.output.flush()
        line = self.answers.readline()
        if not line:
            self.say()
            raise CsrWizardError("the answers ended (end of input); nothing was written")
        return line.strip() or default

    def ask_secret(self, question: str) -> bytes:
        """Read without echo, from the terminal itself (never logged, never on screen)."""
        try:
            return getpass.getpass(f"{question}: ", stream=self.output).encode("utf-8")
        except EOFError:
            raise CsrWizardError("the answers ended (end of input); nothing was written") from None

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
