"""Where the command line takes passphrases and passwords from: never from argv itself."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from csrwizard.problems import InputRefused, Problem


def add_secret_source(parser: argparse.ArgumentParser, word: str) -> None:
    """--WORD-env VAR | --WORD-file FILE | --WORD-stdin (one at most)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(f"--{word}-env", dest="secret_env", metavar="VAR", help=f"read the {word} from this variable")
    group.add_argument(f"--{word}-file", dest="secret_file", type=Path, metavar="FILE",
                       help=f"read the {word} from this file's first line")
    group.add_argument(f"--{word}-stdin", dest="secret_stdin", action="store_true",
                       help=f"read the {word} from standard input")


def has_secret_source(args: argparse.Namespace) -> bool:
    return bool(args.secret_env or args.secret_file or args.secret_stdin)


def read_secret(args: argparse.Namespace, word: str, confirm: bool = False, allow_prompt: bool = False) -> bytes:
    """The secret from the source the user named, or typed hidden at a terminal when allowed."""
    if args.secret_env:
        value = os.environ.get(args.secret_env)
        if value is None:
            raise InputRefused([Problem("passphrase", f"the variable {args.secret_env} is not set")])
        return value.encode("utf-8")
    if args.secret_file:
        from csrwizard.files.writing import read_existing

        lines = read_existing(args.secret_file).splitlines()
        return lines[0] if lines else b""
    if args.secret_stdin:
        return sys.stdin.buffer.readline().rstrip(b"\r\n")
    if allow_prompt and sys.stdin.isatty():
        first = getpass.getpass(f"{word.capitalize()}: ")
        if confirm and getpass.getpass(f"{word.capitalize()} again: ") != first:
            raise InputRefused([Problem("passphrase", f"the two {word}s differ")])
        return first.encode("utf-8")
    raise InputRefused(
        [Problem("passphrase", f"give --{word}-env VAR, --{word}-file FILE or --{word}-stdin")]
    )
