"""The command line: `csrwizard` opens the wizard; `--batch` runs the same operations for scripts.

Parses (cli/parser.py), runs the command the parser names, and turns what the engine raises into
one line and an exit code (cli/exit_status.py): never a traceback.
"""

from __future__ import annotations

import errno
import os
import sys
import warnings
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Sequence

from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.parser import parse_command_line, resolve_paths
from csrwizard.cli.run_context import RunContext, utc_now

if TYPE_CHECKING:
    import argparse

    # The bare `csrwizard` (the menu) needs none of these before its first paint: the engine's
    # messages load when a failure is reported.
    from csrwizard.problems import Problem
    from csrwizard.request.key_in_background import KeyInBackground

# What a refusal says first: commands that never write must not claim "nothing was written".
REFUSAL_HEADINGS = {"inspect": "Cannot read the file:", "check": "Cannot check:", "probe": "Cannot probe:"}


def _print_problems(problems: list[Problem], command: str | None) -> None:
    print(REFUSAL_HEADINGS.get(command or "", "Nothing was written. Please fix:"), file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def main(
    argv: Sequence[str] | None = None,
    early_key: KeyInBackground | None = None,
    now: Callable[[], datetime] = utc_now,
) -> int:
    """Parse and run one command line; `early_key` is a batch create's key already being made,
    `now` the clock every check reads."""
    _never_fail_on_encoding()
    args = parse_command_line(sys.argv[1:] if argv is None else argv)
    resolve_paths(args)
    try:
        with warnings.catch_warnings():
            # Library warnings (a BER fallback, a deprecated serial number) are facts about a file
            # that change nothing for the admin; the checks say in their own words what matters.
            warnings.simplefilter("ignore")
            code = _run(args, RunContext(now=now, early_key=early_key))
        sys.stdout.flush()  # here, not at shutdown, so a closed pipe is caught below
        return code
    except BrokenPipeError:
        return _quiet_after_closed_output()
    except OSError as error:
        if is_closed_output_on_windows(error):
            return _quiet_after_closed_output()
        raise


def is_closed_output_on_windows(error: OSError, platform: str = sys.platform) -> bool:
    """Windows reports a pipe whose reader has gone (`| more` closed early) as EINVAL from the C
    runtime's write, with no Windows error code; an EINVAL a Windows call raised (ERROR_INVALID_PARAMETER,
    winerror 87) is a real fault and must be shown."""
    return platform == "win32" and error.errno == errno.EINVAL and getattr(error, "winerror", None) is None


def _run(args: argparse.Namespace, context: RunContext) -> int:
    try:
        if _prints_lines(args):
            from csrwizard.cli.safe_output import escaped_output

            with escaped_output():
                return args.run(args, context)
        return args.run(args, context)
    except Exception as error:
        return _report_failure(error, args.command)
    except KeyboardInterrupt:
        print("csrwizard: interrupted; nothing more was written", file=sys.stderr)
        return ExitStatus.FAILURE


def _report_failure(error: Exception, command: str | None) -> int:
    """The exit code and one-line message of csrwizard's own failures; anything else is a fault
    of csrwizard and propagates. The engine's messages are imported here, when a failure needs
    them, not before the menu paints."""
    from csrwizard.problems import CsrWizardError, InputRefused, SecretRefused

    if isinstance(error, InputRefused):
        _print_problems(error.problems, command)
        return ExitStatus.REFUSED
    if isinstance(error, SecretRefused):
        print(f"csrwizard: {error}", file=sys.stderr)
        return ExitStatus.REFUSED
    if isinstance(error, CsrWizardError):
        print(f"csrwizard: {error}", file=sys.stderr)
        return ExitStatus.FAILURE
    raise error


def _prints_lines(args: argparse.Namespace) -> bool:
    """Every face but the full-screen wizard, which draws through Textual."""
    if args.command in ("check", "pfx", "inspect", "probe") or getattr(args, "batch", False):
        return True
    from csrwizard.cli.terminal import wants_plain

    at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
    return args.plain or not at_terminal or wants_plain()


def _never_fail_on_encoding() -> None:
    """A character the output can't carry (✓ into a Windows log file in cp1252) becomes "?", not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # already closed, or not a real text stream
                pass


def _quiet_after_closed_output() -> int:
    """The reader of our output went away (`csrwizard inspect x | head -1`): end quietly.

    Python would otherwise report the failed flush of stdout at shutdown ("Exception ignored");
    pointing stdout at the null device first is the recipe the Python docs give for SIGPIPE.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no real file (e.g. captured by a test)
        pass
    return ExitStatus.FAILURE
