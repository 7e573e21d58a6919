"""The commands before the CA, and the bare command: create, decrypt and the menu, each in the
face the terminal allows: batch, the line-by-line mode, or the wizard."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.run_context import RunContext
from csrwizard.names import KEY_NAME, KEY_SIZES

if TYPE_CHECKING:
    import argparse

    from csrwizard.request.key_in_background import KeyInBackground

# The menu reaches the wizard through here: the secrets' flags, the engine's messages and the
# batch key's module are imported by the functions that use them, not before its first paint.


def run_create(args: argparse.Namespace, context: RunContext) -> int:
    if args.batch:
        return run_create_batch(args, context.early_key)
    return _run_interactive(args, context)


def run_decrypt(args: argparse.Namespace, context: RunContext) -> int:
    if args.batch:
        return run_decrypt_batch(args)
    return _run_interactive(args, context)


def run_menu(args: argparse.Namespace, context: RunContext) -> int:
    return _run_interactive(args, context)


def typed_subject(args: argparse.Namespace):
    """The subject a create starts from: a file's (--from-*) with what was typed on the line over it."""
    from csrwizard.request.subject import SubjectInput

    typed = SubjectInput()
    if args.from_config:
        from csrwizard.request.prefill import subject_from_config_file

        typed = subject_from_config_file(args.from_config)
    elif args.from_csr:
        from csrwizard.request.prefill import subject_from_csr_file

        typed = subject_from_csr_file(args.from_csr)
    elif args.from_cert:
        from csrwizard.cli.secrets import read_secret
        from csrwizard.names import is_pkcs12_name
        from csrwizard.request.prefill import subject_from_certificate_file

        asking = f"Password of {args.from_cert.name}: "
        password = read_secret(args, allow_prompt=True, asking=asking) if is_pkcs12_name(args.from_cert) else None
        typed = subject_from_certificate_file(args.from_cert, password)
    for name in ("country", "state", "locality", "organization", "organizational_unit", "common_name", "sans"):
        value = getattr(args, name)
        if value is not None:
            setattr(typed, name, value)
    return typed


def _create_request(args: argparse.Namespace):
    from csrwizard.request.create import CreateRequest

    return CreateRequest(
        typed=typed_subject(args),
        folder=args.dir,
        csr_path=args.csr_out,
        key_path=args.key_out,
        key_size=args.key_size,
        key_format=args.key_format,
        write_config=args.write_config,
        internal_ca=args.internal_ca,
        reuse_key=args.reuse_key,
    )


def run_create_batch(args: argparse.Namespace, early_key: KeyInBackground | None = None) -> int:
    from csrwizard.request.key_in_background import KeyInBackground

    # The key is made while the rest is imported and checked; a refused request never uses it.
    key = None
    if not args.reuse_key and args.key_size in KEY_SIZES:
        started_early = early_key is not None and early_key.size == args.key_size
        key = early_key if started_early else KeyInBackground.started(args.key_size)
    from csrwizard.cli.summaries import print_created
    from csrwizard.request.create import perform_create, plan_create

    plan = plan_create(_create_request(args))
    import csrwizard.files.folder_lock  # noqa: F401 - and so does the folder lock
    import csrwizard.request.csr_der  # noqa: F401 - the CSR's encoder loads while the key is still being made

    print_created(plan, perform_create(plan, key=key.result() if key is not None else None))
    return ExitStatus.OK


def run_decrypt_batch(args: argparse.Namespace) -> int:
    from csrwizard.cli.secrets import read_secret
    from csrwizard.cli.summaries import print_decrypted
    from csrwizard.request.decrypt import perform_decrypt, plan_decrypt

    plan = plan_decrypt(args.keyfile or args.dir / KEY_NAME, args.out, args.key_format)
    print_decrypted(perform_decrypt(plan, read_secret(args, field="passphrase")))
    return ExitStatus.OK


def _refuse_unknown_key_format(args: argparse.Namespace) -> None:
    from csrwizard.pki.keys import key_format_problem
    from csrwizard.problems import InputRefused, Problem

    if message := key_format_problem(args.key_format):
        raise InputRefused([Problem("key_format", message)])


def _run_interactive(args: argparse.Namespace, context: RunContext) -> int:
    """The full-screen wizard, or the line-by-line mode where the terminal can't draw it."""
    from csrwizard.cli.terminal import wants_plain

    at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if args.plain or (at_terminal and wants_plain()):
        return _run_plain(args, context)
    if not at_terminal:
        # A script that forgot --batch would otherwise get a screen it cannot answer.
        print(
            "csrwizard: the wizard needs a terminal; for scripts add --batch, "
            "or --plain for one question per line (see --help)",
            file=sys.stderr,
        )
        return ExitStatus.REFUSED
    from csrwizard.tui.launch import launch

    return launch(args, typed_subject if args.command == "create" else None)


def _run_plain(args: argparse.Namespace, context: RunContext) -> int:
    if not args.dir.is_dir():
        from csrwizard.problems import CsrWizardError

        raise CsrWizardError(f"the folder {args.dir.absolute()} does not exist")
    prompt = _line_prompt(args)
    if args.command == "create":
        from csrwizard.cli.plain.create import run_create_plain

        return run_create_plain(_create_request(args), prompt)
    if args.command == "decrypt":
        from csrwizard.cli.plain.decrypt import run_decrypt_plain

        _refuse_unknown_key_format(args)
        return run_decrypt_plain(args.dir, args.keyfile, args.out, args.key_format, prompt)
    from csrwizard.cli.plain.menu import run_menu_plain

    return run_menu_plain(args.dir, prompt, context)


def _line_prompt(args: argparse.Namespace):
    """The line-by-line mode's prompt, with the secret from --password-* when one was named: the
    only way to give one where standard input is not a console."""
    from csrwizard.cli.plain.lines import LinePrompt
    from csrwizard.cli.secrets import has_secret_source, read_secret

    if not hasattr(args, "secret_env") or not has_secret_source(args):
        return LinePrompt()
    if args.secret_stdin:
        prompt = LinePrompt()
        prompt.secret = prompt.next_answer_as_secret  # the answers and the secret share one stream
        return prompt
    return LinePrompt(secret=lambda: read_secret(args))
