"""The command line's words, in one place: every command, its options and examples, and the
code that runs it (`args.run(args, context)`). Parsing loads no command's code."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Sequence

from csrwizard import __version__
from csrwizard.names import (
    CERT_NAME,
    CHAIN_NAME,
    CONFIG_NAME,
    CSR_NAME,
    DEFAULT_KEY_FORMAT,
    DEFAULT_KEY_SIZE,
    HTTPS_PORT,
    KEY_FORMATS,
    KEY_NAME,
    KEY_SIZES,
    PFX_FRIENDLY_NAME,
    PFX_NAME,
    PROBE_TIMEOUT,
)

if TYPE_CHECKING:  # argparse loads when a command line is parsed: the bare command, the menu, needs none
    import argparse

    from csrwizard.cli.run_context import RunContext


class Command:
    """The function that runs a command, named rather than imported: parsing `check` loads none of
    create's code, and the line-by-line menu, which runs `check` through this parser as a script
    would, is not imported by the parser that names it. (A plain class: it is made before the
    wizard's first paint, where a dataclass's generated methods cost a measurable part.)"""

    __slots__ = ("module", "function")

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Command) and (self.module, self.function) == (other.module, other.function)

    def __hash__(self) -> int:
        return hash((self.module, self.function))

    def __repr__(self) -> str:
        return f"Command({self.module!r}, {self.function!r})"

    def __call__(self, args: argparse.Namespace, context: RunContext) -> int:
        return getattr(importlib.import_module(self.module), self.function)(args, context)


MENU = Command("csrwizard.cli.key_commands", "run_menu")  # no command: the wizard's menu
WARN_BY_LIFETIME = -1  # --warn-days given without N

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
CHECK_EXAMPLES = f"""examples:
  csrwizard check --host ec.example.com
      {CERT_NAME} against {KEY_NAME} and {CSR_NAME} in this folder
  csrwizard check --cert reply.p7b --host 203.0.113.10 --write
      check, then write {CERT_NAME} and {CHAIN_NAME} in order
  csrwizard check --cert {CERT_NAME} --chain ca-bundle.crt --fetch-intermediates --json
"""
PROBE_EXAMPLES = f"""examples:
  csrwizard probe ec.example.com
      the certificate served on port {HTTPS_PORT}, against {CERT_NAME} and {CHAIN_NAME} here
  csrwizard probe 203.0.113.10:8443 --name ec.example.com

  csrwizard probe ec.example.com --warn-days
      one line for a daily task: what the server really serves, and when to renew it

Exit codes: 0 the server presents {CERT_NAME} and every check passes; 1 otherwise;
3 with --warn-days when it is time to renew.
"""
PFX_EXAMPLES = f"""examples:
  csrwizard pfx --chain {CHAIN_NAME} --password-env PFX_PASS
  csrwizard pfx --legacy --out server-legacy.pfx    (asks for the password twice)
"""


def _add_folder(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    import argparse

    # Subcommands must not reset a --dir given before the command name.
    default = Path(".") if top_level else argparse.SUPPRESS
    parser.add_argument("--dir", type=Path, default=default, help="working folder (default: the current one)")


def _command(commands, name: str, summary: str, examples: str) -> argparse.ArgumentParser:
    """A subcommand with its examples shown as written, and --dir."""
    import argparse

    parser = commands.add_parser(
        name, help=summary, epilog=examples, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_folder(parser)
    return parser


def _add_plain(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    import argparse

    parser.add_argument(
        "--plain",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="one question per line, no full screen (remote shells, screen readers; "
        "chosen by itself when TERM is dumb or CSRWIZARD_PLAIN=1)",
    )


def build_parser() -> argparse.ArgumentParser:
    from csrwizard.cli.one_line_parser import OneLineParser
    from csrwizard.cli.secrets import add_secret_source  # getpass and the engine's messages: not for the menu

    parser = OneLineParser(
        prog="csrwizard",
        description="Create a CSR and key a CA will accept, decrypt keys, check what the CA sends back. "
        "Without a command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"csrwizard {__version__}")
    parser.set_defaults(run=MENU)
    _add_folder(parser, top_level=True)
    _add_plain(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)

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
    create.set_defaults(run=Command("csrwizard.cli.key_commands", "run_create"))

    decrypt = _command(commands, "decrypt", "remove the passphrase from a private key", DECRYPT_EXAMPLES)
    decrypt.add_argument("--batch", action="store_true", help="no wizard")
    _add_plain(decrypt)
    decrypt.add_argument("keyfile", nargs="?", type=Path, help=f"encrypted key or .pfx (default: {KEY_NAME} in --dir)")
    decrypt.add_argument("--out", type=Path, help="write here instead of in place (for a .pfx: this folder)")
    decrypt.add_argument("--key-format", default=DEFAULT_KEY_FORMAT, help=_key_format_help())
    add_secret_source(decrypt, "the key's passphrase (or the .pfx password)")
    decrypt.set_defaults(run=Command("csrwizard.cli.key_commands", "run_decrypt"))

    _add_reply_commands(commands)
    return parser


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace | SimpleNamespace:
    """The parsed command line. The bare command, the menu, is known without building the parser
    of every command: that is ~2% of the menu's first paint (a test holds it to the parser's answer)."""
    if not argv:
        return SimpleNamespace(dir=Path("."), plain=False, run=MENU, command=None)
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


def _add_reply_commands(commands) -> None:
    """check, pfx, probe and inspect: the commands for after the CA answers."""
    from csrwizard.cli.secrets import add_secret_source

    check = _command(commands, "check", "check the CA's certificate against key, CSR and address", CHECK_EXAMPLES)
    _add_reply_files(check)
    check.add_argument("--csr", type=Path, help=f"the CSR (default: {CSR_NAME} in --dir, if there)")
    check.add_argument("--host", help="the NAT address set in Endpoint Central, which must be covered")
    check.add_argument(
        "--fetch-intermediates",
        action="store_true",
        help="download a missing intermediate from the certificate's AIA URL (HTTP)",
    )
    check.add_argument(
        "--write", action="store_true", help=f"when nothing fails, write {CERT_NAME} and {CHAIN_NAME} (in order)"
    )
    _add_warn_days(check)
    check.add_argument("--json", action="store_true", help="machine-readable output (with days_left and renew_by)")
    add_secret_source(check, "the .pfx password (when the certificate is a .pfx)")
    check.set_defaults(run=Command("csrwizard.cli.reply_commands", "run_check"))

    pfx = _command(commands, "pfx", "build the .pfx Endpoint Central uploads", PFX_EXAMPLES)
    _add_reply_files(pfx)
    pfx.add_argument("--out", type=Path, help=f"the .pfx to write (default: {PFX_NAME} in --dir)")
    pfx.add_argument("--legacy", action="store_true", help="3DES/SHA-1 for old Windows importers")
    pfx.add_argument("--name", default=PFX_FRIENDLY_NAME, help="friendly name shown by importers")
    add_secret_source(pfx, "the new .pfx's password")
    pfx.set_defaults(run=Command("csrwizard.cli.reply_commands", "run_pfx"))

    probe = _command(
        commands, "probe", "what the server really serves, against server.crt and intermediate.crt", PROBE_EXAMPLES
    )
    probe.add_argument("target", metavar="HOST[:PORT]", help=f"the server (port {HTTPS_PORT} when left out)")
    probe.add_argument("--name", help="the name clients use, when HOST is an address (default: HOST)")
    _add_trust(probe)
    probe.add_argument(
        "--timeout",
        type=float,
        default=PROBE_TIMEOUT,
        metavar="SECONDS",
        help=f"give up after this long (default: {PROBE_TIMEOUT:g})",
    )
    _add_warn_days(probe)
    probe.add_argument("--json", action="store_true", help="machine-readable output")
    probe.set_defaults(run=Command("csrwizard.cli.reply_commands", "run_probe"))

    inspect = _command(commands, "inspect", "decode a CSR, certificate, key, .p7b or .pfx", "")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    add_secret_source(inspect, "the password of a .pfx or an encrypted key")
    inspect.set_defaults(run=Command("csrwizard.cli.reply_commands", "run_inspect"))


def _add_warn_days(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warn-days",
        nargs="?",
        type=int,
        const=WARN_BY_LIFETIME,
        metavar="N",
        help="for a daily task: one line, and exit 3 when fewer than N days are left "
        "(N left out: a third of the certificate's lifetime)",
    )


def _add_reply_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cert", type=Path, help=f"the CA's certificate (default: {CERT_NAME} in --dir)")
    parser.add_argument(
        "--chain", type=Path, nargs="+", default=[], metavar="FILE", help="intermediate certificate file(s), any format"
    )
    parser.add_argument("--key", type=Path, help=f"the private key (default: {KEY_NAME} in --dir)")
    _add_trust(parser)


def _add_trust(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="roots to trust besides this machine's (e.g. an internal CA)",
    )
