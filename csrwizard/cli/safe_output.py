"""The command line's last guard: what it prints reaches the terminal with no raw control character.

The engine already gives out its messages safe to show (`csrwizard.shown_text`); this catches a
value printed as it is (a file name in "Wrote ...", a subject line), for the line faces only:
the full-screen wizard owns the terminal and draws through Textual.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator, TextIO

from csrwizard.shown_text import shown

# Line ends and tabs lay the output out; every other control character is written out.
_LAYOUT = ("\n", "\t")


def escaped(text: str) -> str:
    if text.isprintable() or all(char.isprintable() or char in _LAYOUT for char in text):
        return text
    return "".join(char if char in _LAYOUT else shown(char, None) for char in text)


class EscapingStream:
    """A text stream that writes control and bidi characters out visibly; the rest passes through."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escaped(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """sys.stdout and sys.stderr escaped for the time of the block."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(saved[0]), EscapingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
