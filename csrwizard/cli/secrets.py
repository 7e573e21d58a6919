"""Where the command line takes passwords and passphrases from: never from argv itself.

One family of flags for every secret: --password-env VAR, --password-file FILE, --password-stdin.
The older --passphrase-* spelling still works (hidden), so scripts written for it keep running.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from csrwizard.problems import InputRefused, Problem

HIDDEN_ALIAS = "passphrase"
_CACHE = "secret_value"


def add_secret_source(parser: argparse.ArgumentParser, what: str) -> None:
    """--password-env VAR | --password-file FILE | --password-stdin (one at most); `what` names it in help."""
    group = parser.add_mutually_exclusive_group()
    helps = (
        f"read {what} from this environment variable",
        f"read {what} from this file's first line",
        f"read {what} from standard input",
    )
    for word, shown in (("password", True), (HIDDEN_ALIAS, False)):
        env_help, file_help, stdin_help = helps if shown else (argparse.SUPPRESS,) * 3
        group.add_argument(f"--{word}-env", dest="secret_env", metavar="VAR", help=env_help)
        group.add_argument(f"--{word}-file", dest="secret_file", type=Path, metavar="FILE", help=file_help)
        group.add_argument(f"--{word}-stdin", dest="secret_stdin", action="store_true", help=stdin_help)


def has_secret_source(args: argparse.Namespace) -> bool:
    return bool(args.secret_env or args.secret_file or args.secret_stdin)


def read_secret(
    args: argparse.Namespace, allow_prompt: bool = False, field: str = "password", asking: str = "Password: "
) -> bytes:
    """The secret from the source the user named (read once, however often asked), or typed
    hidden after `asking`, which says whose password it is."""
    cached = getattr(args, _CACHE, None)
    if cached is not None:
        return cached
    if has_secret_source(args):
        value = _from_source(args)
    elif allow_prompt and _stdin_is_console():
        value = getpass.getpass(asking).encode("utf-8")
    else:
        raise InputRefused([Problem(field, "give --password-env VAR, --password-file FILE or --password-stdin")])
    setattr(args, _CACHE, value)
    return value


def _stdin_is_console() -> bool:
    # Not isatty(): on Windows the NUL device is a tty too, and getpass there would spin forever.
    from csrwizard.cli.console_input import is_console

    return is_console()


def read_new_secret(args: argparse.Namespace) -> tuple[bytes, bytes | None]:
    """A password being set: from its source, or typed twice at a terminal (the second for comparison)."""
    if has_secret_source(args) or getattr(args, _CACHE, None) is not None:
        return read_secret(args), None
    first = read_secret(args, allow_prompt=True, asking="New password for the .pfx: ")
    return first, getpass.getpass("The same password again: ").encode("utf-8")


def _from_source(args: argparse.Namespace) -> bytes:
    if args.secret_env:
        value = os.environ.get(args.secret_env)
        if value is None:
            raise InputRefused([Problem("password", f"the variable {args.secret_env} is not set")])
        return value.encode("utf-8")
    from csrwizard.files.bounded_reading import SECRET_FILE_LIMIT, read_line_under, read_regular_file

    if args.secret_file:
        lines = read_regular_file(args.secret_file, SECRET_FILE_LIMIT).splitlines()
        return lines[0] if lines else b""
    return read_line_under(sys.stdin.buffer, SECRET_FILE_LIMIT)
