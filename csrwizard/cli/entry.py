"""The command line: `csrwizard` opens the wizard; `--batch` runs the same operations for scripts.

Exit codes: 0 success, 1 failure, 2 refused input. Errors are one line, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import warnings
from pathlib import Path
from typing import Sequence

from csrwizard import __version__
from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.secrets import add_secret_source, read_secret
from csrwizard.names import (
    CERT_NAME,
    CONFIG_NAME,
    CSR_NAME,
    DEFAULT_KEY_FORMAT,
    DEFAULT_KEY_SIZE,
    KEY_FORMATS,
    KEY_NAME,
    KEY_SIZES,
)
from csrwizard.problems import CsrWizardError, InputRefused, Problem, SecretRefused
from csrwizard.request.key_in_background import KeyInBackground

CREATE_EXAMPLES = f"""examples:
  csrwizard create
      open the wizard
  csrwizard create --batch --country GB --state England --locality London \\
      --org "Example Ltd" --cn ec.example.com --san "ec.example.net, 203.0.113.10"
  csrwizard create --from-csr {CSR_NAME}
      renew: open the wizard prefilled from the existing CSR
  csrwizard create --batch --from-cert {CERT_NAME}
      renew with the subject and names of the certificate in force
"""
DECRYPT_EXAMPLES = f"""examples:
  csrwizard decrypt
      open the wizard on {KEY_NAME}
  EC_PASS=... csrwizard decrypt --batch {KEY_NAME} --password-env EC_PASS
  csrwizard decrypt --batch encrypted.key --out {KEY_NAME} --password-stdin < pass.txt
  csrwizard decrypt --batch reply.pfx --password-env PFX_PASS
      unpack a .pfx into {KEY_NAME}, server.crt and intermediate.crt

The passphrase is never taken from the command line, where other users could see it.
"""
# Every argument that names a file: a relative one is taken inside --dir, as `git -C` does.
PATH_ARGUMENTS = (
    "keyfile",
    "out",
    "csr_out",
    "key_out",
    "from_config",
    "from_csr",
    "from_cert",
    "cert",
    "chain",
    "key",
    "csr",
    "trust",
    "file",
    "secret_file",
)
# What a refusal says first: commands that never write must not claim "nothing was written".
REFUSAL_HEADINGS = {"inspect": "Cannot read the file:", "check": "Cannot check:", "probe": "Cannot probe:"}


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line message (which is argparse's code too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(ExitStatus.REFUSED, f"csrwizard: {message} (see --help)\n")


def _add_folder(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # Subcommands must not reset a --dir given before the command name.
    default = Path(".") if top_level else argparse.SUPPRESS
    parser.add_argument("--dir", type=Path, default=default, help="working folder (default: the current one)")


def _command(commands, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    """A subcommand with its examples shown as written, and --dir."""
    parser = commands.add_parser(
        name, help=summary, epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_folder(parser)
    return parser


def _add_plain(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    parser.add_argument(
        "--plain",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="one question per line, no full screen (remote shells, screen readers; "
        "chosen by itself when TERM is dumb or CSRWIZARD_PLAIN=1)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="csrwizard",
        description="Create a CSR and key a CA will accept, decrypt keys, check what the CA sends back. "
        "Without a command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"csrwizard {__version__}")
    _add_folder(parser, top_level=True)
    _add_plain(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    create = _command(commands, "create", f"create {KEY_NAME} and {CSR_NAME}", CREATE_EXAMPLES)
    create.add_argument("--batch", action="store_true", help="no wizard: validate, write, print a summary")
    _add_plain(create)
    create.add_argument("--country", help="ISO 3166 code, alpha-3 code or name (e.g. GB)")
    create.add_argument("--state", help="state or province, in full (e.g. Tamil Nadu)")
    create.add_argument("--locality", help="city or town")
    create.add_argument("--org", dest="organization", help="organisation's legal name")
    create.add_argument("--ou", dest="organizational_unit", help="organisational unit (public CAs drop it)")
    create.add_argument("--cn", dest="common_name", help="the server's full host name (FQDN)")
    create.add_argument("--san", dest="sans", help='more names, comma-separated: "a.example.com, 203.0.113.10"')
    sizes = ", ".join(str(size) + (" (default)" if size == DEFAULT_KEY_SIZE else "") for size in KEY_SIZES)
    create.add_argument("--key-size", type=int, default=DEFAULT_KEY_SIZE, help=f"RSA key size: {sizes}")
    create.add_argument("--key-format", default=DEFAULT_KEY_FORMAT, help=_key_format_help())
    create.add_argument("--csr-out", type=Path, help=f"CSR file (default: {CSR_NAME} in --dir)")
    create.add_argument("--key-out", type=Path, help=f"key file (default: {KEY_NAME} in --dir)")
    create.add_argument("--write-config", action="store_true", help=f"also write {CONFIG_NAME}")
    create.add_argument(
        "--reuse-key",
        action="store_true",
        help=f"a new CSR for the existing key ({KEY_NAME} or --key-out), which is left as it is",
    )
    create.add_argument(
        "--internal-ca",
        action="store_true",
        help="the certificate comes from an internal Microsoft CA (AD CS): internal names and private "
        "addresses are fine, and the next steps give the certreq line",
    )
    source = create.add_mutually_exclusive_group()
    source.add_argument("--from-config", type=Path, help="prefill from an openssl req config file")
    source.add_argument("--from-csr", type=Path, help="prefill from an existing CSR (renewal)")
    source.add_argument(
        "--from-cert", type=Path, help="prefill from the certificate in force: .crt, .pem, .der, .p7b or .pfx (renewal)"
    )
    add_secret_source(create, "the .pfx password (with --from-cert on a .pfx)")

    decrypt = _command(commands, "decrypt", "remove the passphrase from a private key", DECRYPT_EXAMPLES)
    decrypt.add_argument("--batch", action="store_true", help="no wizard")
    _add_plain(decrypt)
    decrypt.add_argument("keyfile", nargs="?", type=Path, help=f"encrypted key or .pfx (default: {KEY_NAME} in --dir)")
    decrypt.add_argument("--out", type=Path, help="write here instead of in place (for a .pfx: this folder)")
    decrypt.add_argument("--key-format", default=DEFAULT_KEY_FORMAT, help=_key_format_help())
    add_secret_source(decrypt, "the key's passphrase (or the .pfx password)")

    from csrwizard.cli.reply_commands import add_reply_commands

    add_reply_commands(commands, _command)
    return parser


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line. The bare command, the menu, is known without building the parser
    of every command: that is ~2% of the menu's first paint (a test holds it to the parser's answer)."""
    if not argv:
        return argparse.Namespace(dir=Path("."), plain=False, command=None)
    return build_parser().parse_args(argv)


def _key_format_help() -> str:
    return " or ".join(name + (" (default)" if name == DEFAULT_KEY_FORMAT else "") for name in KEY_FORMATS)


def resolve_paths(args: argparse.Namespace) -> None:
    """Relative paths name files inside --dir; absolute ones stay as they are."""
    folder = Path(getattr(args, "dir", "."))
    for name in PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, Path):
            setattr(args, name, folder / value)
        elif isinstance(value, list):
            setattr(args, name, [folder / item for item in value])


def _print_problems(problems: list[Problem], command: str | None) -> None:
    print(REFUSAL_HEADINGS.get(command or "", "Nothing was written. Please fix:"), file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def _prefill(args: argparse.Namespace):
    from csrwizard.request.subject import SubjectInput

    typed = SubjectInput()
    if args.from_config:
        from csrwizard.request.prefill import subject_from_config_file

        typed = subject_from_config_file(args.from_config)
    elif args.from_csr:
        from csrwizard.request.prefill import subject_from_csr_file

        typed = subject_from_csr_file(args.from_csr)
    elif args.from_cert:
        from csrwizard.names import is_pkcs12_name
        from csrwizard.request.prefill import subject_from_certificate_file

        password = read_secret(args, allow_prompt=True) if is_pkcs12_name(args.from_cert) else None
        typed = subject_from_certificate_file(args.from_cert, password)
    for name in ("country", "state", "locality", "organization", "organizational_unit", "common_name", "sans"):
        value = getattr(args, name)
        if value is not None:
            setattr(typed, name, value)
    return typed


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
        internal_ca=args.internal_ca,
        reuse_key=args.reuse_key,
    )


def run_create_batch(args: argparse.Namespace, early_key: KeyInBackground | None = None) -> int:
    # The key is made while the rest is imported and checked; a refused request never uses it.
    key = None
    if not args.reuse_key and args.key_size in KEY_SIZES:
        started_early = early_key is not None and early_key.size == args.key_size
        key = early_key if started_early else KeyInBackground.started(args.key_size)
    from csrwizard.cli.summaries import print_created
    from csrwizard.request.create import perform_create, plan_create

    plan = plan_create(_create_request(args))
    import csrwizard.files.folder_lock  # noqa: F401 - so does the lock library, with its asyncio
    import csrwizard.request.csr  # noqa: F401 - x509 loads while the key is still being made

    print_created(plan, perform_create(plan, key=key.result() if key is not None else None))
    return ExitStatus.OK


def run_decrypt_batch(args: argparse.Namespace) -> int:
    from csrwizard.cli.summaries import print_decrypted
    from csrwizard.request.decrypt import perform_decrypt

    _refuse_unknown_key_format(args)
    source = args.keyfile or args.dir / KEY_NAME
    print_decrypted(perform_decrypt(source, read_secret(args, field="passphrase"), args.out, args.key_format))
    return ExitStatus.OK


def _refuse_unknown_key_format(args: argparse.Namespace) -> None:
    from csrwizard.pki.keys import key_format_problem

    if message := key_format_problem(args.key_format):
        raise InputRefused([Problem("key_format", message)])


def _run_interactive(args: argparse.Namespace) -> int:
    """The full-screen wizard, or the line-by-line mode where the terminal can't draw it."""
    from csrwizard.cli.terminal import wants_plain

    at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if args.plain or (at_terminal and wants_plain()):
        return _run_plain(args)
    if not at_terminal:
        # A script that forgot --batch would otherwise get a screen it cannot answer.
        print(
            "csrwizard: the wizard needs a terminal; for scripts add --batch, "
            "or --plain for one question per line (see --help)",
            file=sys.stderr,
        )
        return ExitStatus.REFUSED
    from csrwizard.tui.launch import launch

    return launch(args, _prefill if args.command == "create" else None)


def _run_plain(args: argparse.Namespace) -> int:
    if not args.dir.is_dir():
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

    return run_menu_plain(args.dir, prompt)


def _line_prompt(args: argparse.Namespace):
    """The line-by-line mode's prompt, with the secret from --password-* when one was named: the
    only way to give one where standard input is not a console."""
    from csrwizard.cli.plain.lines import LinePrompt
    from csrwizard.cli.secrets import has_secret_source

    if not hasattr(args, "secret_env") or not has_secret_source(args):
        return LinePrompt()
    if args.secret_stdin:
        prompt = LinePrompt()
        prompt.secret = prompt.next_answer_as_secret  # the answers and the secret share one stream
        return prompt
    return LinePrompt(secret=lambda: read_secret(args))


def main(argv: Sequence[str] | None = None, early_key: KeyInBackground | None = None) -> int:
    """Parse and run one command line; `early_key` is a batch create's key already being made."""
    _never_fail_on_encoding()
    args = parse_command_line(sys.argv[1:] if argv is None else argv)
    resolve_paths(args)
    try:
        with warnings.catch_warnings():
            # Library warnings (a BER fallback, a deprecated serial number) are facts about a file
            # that change nothing for the admin; the checks say in their own words what matters.
            warnings.simplefilter("ignore")
            code = _run(args, early_key)
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


def _run(args: argparse.Namespace, early_key: KeyInBackground | None = None) -> int:
    from csrwizard.cli.safe_output import escaped_output

    try:
        if _prints_lines(args):
            with escaped_output():
                return _run_command(args, early_key)
        return _run_command(args, early_key)
    except InputRefused as refusal:
        _print_problems(refusal.problems, args.command)
        return ExitStatus.REFUSED
    except SecretRefused as refusal:
        print(f"csrwizard: {refusal}", file=sys.stderr)
        return ExitStatus.REFUSED
    except CsrWizardError as error:
        print(f"csrwizard: {error}", file=sys.stderr)
        return ExitStatus.FAILURE
    except KeyboardInterrupt:
        print("csrwizard: interrupted; nothing more was written", file=sys.stderr)
        return ExitStatus.FAILURE


def _prints_lines(args: argparse.Namespace) -> bool:
    """Every face but the full-screen wizard, which draws through Textual."""
    if args.command in ("check", "pfx", "inspect", "probe") or getattr(args, "batch", False):
        return True
    from csrwizard.cli.terminal import wants_plain

    at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
    return args.plain or not at_terminal or wants_plain()


def _run_command(args: argparse.Namespace, early_key: KeyInBackground | None = None) -> int:
    if args.command == "create" and args.batch:
        return run_create_batch(args, early_key)
    if args.command == "decrypt" and args.batch:
        return run_decrypt_batch(args)
    if args.command in ("check", "pfx", "inspect", "probe"):
        return args.run(args)
    return _run_interactive(args)


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
