"""The command line: a thin face on the engine, for people at a prompt and for scripts."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["main", "run"]


def main(argv: Sequence[str] | None = None, now: Callable[[], datetime] | None = None) -> int:
    """Run one command line and return its exit code (tests call this; it exits normally).
    `now`: the clock the checks read, for a test standing at a chosen day."""
    from csrwizard.cli.entry import main as run_command_line

    return run_command_line(argv) if now is None else run_command_line(argv, now=now)


def run() -> None:
    """The `csrwizard` command: `main`, then an exit that skips the interpreter's teardown.

    A batch create's key starts first, before the rest of the program is even imported
    (see early_key.py). The teardown (freeing every module, ~12 ms of a 100 ms batch run) has
    nothing left to do for csrwizard. Each file is written, fsynced and closed before `main`
    returns; the key thread is joined or, when its key went unused, abandoned as a daemon; the
    wizard has restored the terminal; no atexit handler of ours exists. What is still buffered
    is flushed here first.
    """
    early_key = None
    if sys.argv[1:]:  # the bare command, the menu, makes no key: not even this module is loaded
        from csrwizard.cli.early_key import key_started_early

        early_key = key_started_early(sys.argv[1:])
    from csrwizard.cli.entry import main as run_command_line

    code = run_command_line(early_key=early_key)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, or a stream already closed
            pass
    os._exit(code)
