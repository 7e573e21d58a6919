"""Bare `csrwizard` where the wizard can't be drawn: the menu as a numbered list."""

from __future__ import annotations

from pathlib import Path

from csrwizard import __version__
from csrwizard.cli.plain.lines import LinePrompt
from csrwizard.names import CERT_NAME, CHAIN_NAME, CSR_NAME, DEFAULT_KEY_FORMAT
from csrwizard.problems import CsrWizardError
from csrwizard.request.subject import SubjectInput

EXIT_OK = 0
CHOICES = (
    "Create a new private key and CSR",
    f"Renew: a new key and CSR with the answers in {CSR_NAME} (or {CERT_NAME})",
    "Remove the passphrase from a key, or unpack a .pfx",
    "Check the certificate the CA sent back",
    "Inspect a certificate, CSR, key or .pfx",
    "Quit",
)


def run_menu_plain(folder: Path, prompt: LinePrompt | None = None) -> int:
    prompt = prompt or LinePrompt()
    prompt.say(f"csrwizard {__version__}: certificate requests and keys for Endpoint Central.")
    prompt.say(f"Working folder: {folder.absolute()}")
    while True:
        choice = prompt.choose("What would you like to do?", list(CHOICES))
        if choice == 1:
            from csrwizard.request.prefill import subject_for_renewal

            try:
                typed = subject_for_renewal(folder)
            except CsrWizardError as error:  # nothing to renew from: say so, and offer the menu again
                prompt.say(f"  Refused: {error}")
                continue
            return _create(folder, prompt, typed)
        return _ACTIONS[choice](folder, prompt)


def _create(folder: Path, prompt: LinePrompt, typed: SubjectInput | None = None) -> int:
    from csrwizard.cli.plain.create import run_create_plain
    from csrwizard.request.create import CreateRequest

    return run_create_plain(CreateRequest(typed=typed or SubjectInput(), folder=folder), prompt)


def _decrypt(folder: Path, prompt: LinePrompt) -> int:
    from csrwizard.cli.plain.decrypt import run_decrypt_plain

    return run_decrypt_plain(folder, None, None, DEFAULT_KEY_FORMAT, prompt)


def _check(folder: Path, prompt: LinePrompt) -> int:
    certificate = prompt.ask("Certificate file from the CA", CERT_NAME)
    host = prompt.ask("The server's address set in Endpoint Central (Enter to skip)")
    words = ["check", "--dir", str(folder), "--cert", certificate] + (["--host", host] if host else [])
    code = _run_command(prompt, words)
    if code == EXIT_OK and prompt.confirm(f"Write {CERT_NAME} and {CHAIN_NAME}, in upload order?"):
        code = _run_command(prompt, [*words, "--write"])
    return code


def _inspect(folder: Path, prompt: LinePrompt) -> int:
    return _run_command(prompt, ["inspect", "--dir", str(folder), prompt.ask("File to inspect", CSR_NAME)])


def _quit(folder: Path, prompt: LinePrompt) -> int:
    return EXIT_OK


def _run_command(prompt: LinePrompt, words: list[str]) -> int:
    """The same command a script would run, so both say the same thing (wrapped to the terminal,
    each verdict with its word)."""
    from csrwizard.cli.entry import build_parser, resolve_paths

    args = build_parser().parse_args(words)
    resolve_paths(args)
    with prompt.printed_here():
        return args.run(args)


_ACTIONS = (_create, None, _decrypt, _check, _inspect, _quit)
