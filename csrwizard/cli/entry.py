"""The command line: `csrwizard` opens the wizard; `--batch` runs the same operations for scripts.

Exit codes: 0 success, 1 failure, 2 refused input. Errors are one line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from csrwizard import __version__
from csrwizard.cli.secrets import add_secret_source, read_secret
from csrwizard.problems import CsrWizardError, InputRefused, Problem, SecretRefused

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2

CREATE_EXAMPLES = """examples:
  csrwizard create
      open the wizard
  csrwizard create --batch --country GB --state England --locality London \\
      --org "Example Ltd" --cn ec.example.com --san "ec.example.net, 203.0.113.10"
  csrwizard create --from-csr server.csr
      renew: open the wizard prefilled from the existing CSR
"""
DECRYPT_EXAMPLES = """examples:
  csrwizard decrypt
      open the wizard on server.key
  EC_PASS=... csrwizard decrypt --batch server.key --passphrase-env EC_PASS
  csrwizard decrypt --batch encrypted.key --out server.key --passphrase-stdin < pass.txt

The passphrase is never taken from the command line, where other users could see it.
"""
NEXT_STEPS = """Next steps:
  1. Submit {csr} to your CA. Keep {key} safe: the certificate is useless without it.
  2. Public CAs issue at most 200 days since 2026-03-15, 100 days from 2027-03-15 and
     47 days from 2029-03-15 (CA/B Forum BR 6.3.2); Endpoint Central needs under 397 days.
  3. The key is RSA, the only kind Endpoint Central accepts.
  4. Upload under Admin > Security Settings > Manage SSL Certificates, then enable
     HTTPS in Admin > Server Settings. The certificate must match the server's NAT address."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line message (which is argparse's code too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_REFUSED, f"csrwizard: {message} (see --help)\n")


def _add_folder(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # Subcommands must not reset a --dir given before the command name.
    default = Path(".") if top_level else argparse.SUPPRESS
    parser.add_argument("--dir", type=Path, default=default, help="working folder (default: the current one)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="csrwizard",
        description="Create a CSR and key a CA will accept, decrypt keys, check what the CA sends back. "
        "Without a command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"csrwizard {__version__}")
    _add_folder(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    create = commands.add_parser(
        "create",
        help="create server.key and server.csr",
        epilog=CREATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    create.add_argument("--batch", action="store_true", help="no wizard: validate, write, print a summary")
    _add_folder(create)
    create.add_argument("--country", help="ISO 3166 code, alpha-3 code or name (e.g. GB)")
    create.add_argument("--state", help="state or province, in full (e.g. Tamil Nadu)")
    create.add_argument("--locality", help="city or town")
    create.add_argument("--org", dest="organization", help="organisation's legal name")
    create.add_argument("--ou", dest="organizational_unit", help="organisational unit (public CAs drop it)")
    create.add_argument("--cn", dest="common_name", help="the server's full host name (FQDN)")
    create.add_argument("--san", dest="sans", help='more names, comma-separated: "a.example.com, 203.0.113.10"')
    create.add_argument("--key-size", type=int, default=2048, help="RSA key size: 2048 (default), 3072, 4096")
    create.add_argument("--key-format", default="pkcs8", help="pkcs8 (default, BEGIN PRIVATE KEY) or pkcs1")
    create.add_argument("--csr-out", type=Path, help="CSR file (default: server.csr in --dir)")
    create.add_argument("--key-out", type=Path, help="key file (default: server.key in --dir)")
    create.add_argument("--write-config", action="store_true", help="also write opensslsan.conf")
    source = create.add_mutually_exclusive_group()
    source.add_argument("--from-config", type=Path, help="prefill from an openssl req config file")
    source.add_argument("--from-csr", type=Path, help="prefill from an existing CSR (renewal)")

    decrypt = commands.add_parser(
        "decrypt",
        help="remove the passphrase from a private key",
        epilog=DECRYPT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    decrypt.add_argument("--batch", action="store_true", help="no wizard")
    _add_folder(decrypt)
    decrypt.add_argument("keyfile", nargs="?", type=Path, help="encrypted key (default: server.key in --dir)")
    decrypt.add_argument("--out", type=Path, help="write here instead of in place (for a .pfx: this folder)")
    decrypt.add_argument("--key-format", default="pkcs8", help="pkcs8 (default) or pkcs1")
    add_secret_source(decrypt, "passphrase")

    from csrwizard.cli.reply_commands import add_after_commands

    add_after_commands(commands, _add_folder)
    return parser


def _print_problems(problems: list[Problem]) -> None:
    print("Nothing was written. Please fix:", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def _prefill(args: argparse.Namespace):
    from csrwizard.request.subject import SubjectInput

    typed = SubjectInput()
    if args.from_config:
        from csrwizard.request.opensslconf import parse_config

        typed = parse_config(_read_text(args.from_config))
    elif args.from_csr:
        from csrwizard.request.csr import load_csr, subject_input_from_csr

        typed = subject_input_from_csr(load_csr(_read_bytes(args.from_csr)))
    for name in ("country", "state", "locality", "organization", "organizational_unit", "common_name", "sans"):
        value = getattr(args, name)
        if value is not None:
            setattr(typed, name, value)
    return typed


def _read_bytes(path: Path) -> bytes:
    from csrwizard.files.writing import read_existing

    return read_existing(path)


def _read_text(path: Path) -> str:
    try:
        return _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsrWizardError(f"{path} is not a UTF-8 text file") from None


def _create_request(args: argparse.Namespace):
    from csrwizard.request.create import CreateRequest

    return CreateRequest(
        typed=_prefill(args),
        folder=args.dir,
        csr_path=args.csr_out,
        key_path=args.key_out,
        key_size=args.key_size,
        key_format=args.key_format,
        write_config=args.write_config,
    )


def run_create_batch(args: argparse.Namespace) -> int:
    from csrwizard.request.create import perform_create, plan_create

    plan = plan_create(_create_request(args))
    result = perform_create(plan)
    subject = plan.subject
    for notice in subject.notices:
        print(f"Note: {notice}")
    print("Wrote:")
    for path in result.outcome.written:
        print(f"  {path}" + ("  (private key, owner-only)" if path == plan.request.key_target else ""))
    for original, backup in result.outcome.backups:
        print(f"Backed up {original} -> {backup}")
    print(f"Subject: {subject.openssl_line()}")
    print(f"SANs: {subject.san_line()}")
    print(f"Key: RSA {plan.request.key_size} bits ({plan.request.key_format})")
    print(f"Public key SHA-256: {result.public_key_sha256}")
    for warning in result.warnings:
        print(f"Warning: {warning}")
    print(NEXT_STEPS.format(csr=plan.request.csr_target, key=plan.request.key_target))
    return EXIT_OK


def run_decrypt_batch(args: argparse.Namespace) -> int:
    from csrwizard.request.decrypt import perform_decrypt
    from csrwizard.request.keys import key_format_problem

    if message := key_format_problem(args.key_format):
        raise InputRefused([Problem("key_format", message)])
    from csrwizard.reply.packaging import KEY_NAME, is_pkcs12_name

    source = args.keyfile or args.dir / KEY_NAME
    if is_pkcs12_name(source):
        return run_unpack_pfx(args, source)
    result = perform_decrypt(source, read_secret(args, "passphrase"), args.out, args.key_format)
    print(f"Read {result.source}: {result.info.format}")
    for original, backup in result.outcome.backups:
        print(f"Backed up {original} -> {backup}")
    print(f"Wrote the unencrypted key to {result.target} (owner-only)")
    return EXIT_OK


def run_unpack_pfx(args: argparse.Namespace, source: Path) -> int:
    from csrwizard.reply.packaging import KEY_NAME, unpack_pfx

    folder = args.out if args.out is not None else source.parent
    outcome = unpack_pfx(_read_bytes(source), read_secret(args, "passphrase"), folder)
    print(f"Read {source}: PKCS#12")
    for original, backup in outcome.backups:
        print(f"Backed up {original} -> {backup}")
    for path in outcome.written:
        print(f"Wrote {path}" + ("  (unencrypted private key, owner-only)" if path.name == KEY_NAME else ""))
    return EXIT_OK


def _run_wizard(args: argparse.Namespace) -> int:
    from csrwizard.tui.launch import launch

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # A script that forgot --batch would otherwise get a screen it cannot answer.
        print("csrwizard: the wizard needs a terminal; for scripts add --batch (see --help)", file=sys.stderr)
        return EXIT_REFUSED

    return launch(args, _prefill if args.command == "create" else None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "create" and args.batch:
            return run_create_batch(args)
        if args.command == "decrypt" and args.batch:
            return run_decrypt_batch(args)
        if args.command in ("check", "pfx", "inspect"):
            return args.run(args)
        return _run_wizard(args)
    except InputRefused as refusal:
        _print_problems(refusal.problems)
        return EXIT_REFUSED
    except SecretRefused as refusal:
        print(f"csrwizard: {refusal}", file=sys.stderr)
        return EXIT_REFUSED
    except CsrWizardError as error:
        print(f"csrwizard: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("csrwizard: interrupted; nothing more was written", file=sys.stderr)
        return EXIT_FAILURE
