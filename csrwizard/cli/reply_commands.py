"""Commands for after the CA answers: check, pfx and inspect."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Callable

from csrwizard.cli.secrets import add_secret_source, has_secret_source, read_secret
from csrwizard.problems import InputRefused, Problem

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2

CHECK_EXAMPLES = """examples:
  csrwizard check --host ec.example.com
      server.crt against server.key and server.csr in this folder
  csrwizard check --cert reply.p7b --host 203.0.113.10 --write
      check, then write server.crt and intermediate.crt in order
  csrwizard check --cert server.crt --chain ca-bundle.crt --fetch-intermediates --json
"""
PFX_EXAMPLES = """examples:
  csrwizard pfx --chain intermediate.crt --password-env PFX_PASS
  csrwizard pfx --legacy --out server-legacy.pfx    (asks for the password twice)
"""


def add_after_commands(commands, add_folder: Callable[[argparse.ArgumentParser], None]) -> None:
    check = commands.add_parser("check", help="check the CA's certificate against key, CSR and address",
                                epilog=CHECK_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_folder(check)
    _add_reply_files(check)
    check.add_argument("--csr", type=Path, help="the CSR (default: server.csr in --dir, if there)")
    check.add_argument("--host", help="the NAT address set in Endpoint Central, which must be covered")
    check.add_argument("--trust", type=Path, nargs="+", default=[], metavar="FILE",
                       help="roots to trust besides this machine's (e.g. an internal CA)")
    check.add_argument("--fetch-intermediates", action="store_true",
                       help="download a missing intermediate from the certificate's AIA URL (HTTP)")
    check.add_argument("--write", action="store_true",
                       help="when nothing fails, write server.crt and intermediate.crt (in order)")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    add_secret_source(check, "password")
    check.set_defaults(run=run_check)

    pfx = commands.add_parser("pfx", help="build the .pfx Endpoint Central uploads", epilog=PFX_EXAMPLES,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    add_folder(pfx)
    _add_reply_files(pfx)
    pfx.add_argument("--out", type=Path, help="the .pfx to write (default: server.pfx in --dir)")
    pfx.add_argument("--legacy", action="store_true", help="3DES/SHA-1 for old Windows importers")
    pfx.add_argument("--name", default="csrwizard", help="friendly name shown by importers")
    add_secret_source(pfx, "password")
    pfx.set_defaults(run=run_pfx)

    inspect = commands.add_parser("inspect", help="decode a CSR, certificate, key, .p7b or .pfx")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    add_secret_source(inspect, "password")
    inspect.set_defaults(run=run_inspect, dir=Path("."))


def _add_reply_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cert", type=Path, help="the CA's certificate (default: server.crt in --dir)")
    parser.add_argument("--chain", type=Path, nargs="+", default=[], metavar="FILE",
                        help="intermediate certificate file(s), any format")
    parser.add_argument("--key", type=Path, help="the private key (default: server.key in --dir)")


def reply_files(args: argparse.Namespace):
    from csrwizard.reply.loading import ReplyFiles

    password = read_secret(args, "password") if has_secret_source(args) else None
    return ReplyFiles.in_folder(args.dir, certificate=args.cert, chain=args.chain, key=args.key,
                                csr=getattr(args, "csr", None), trust=getattr(args, "trust", []),
                                password=password)


def run_check(args: argparse.Namespace) -> int:
    from csrwizard.reply.checks import run_checks
    from csrwizard.reply.loading import load_reply

    inputs = load_reply(reply_files(args), args.host)
    certificates = list(inputs.certificates)
    report = run_checks(inputs)
    fetched = []
    if args.fetch_intermediates and report.chain.missing_issuer is not None and report.chain.issuer_url:
        from csrwizard.reply.fetch import fetch_issuer

        fetched = fetch_issuer(report.chain.issuer_url)
        inputs.certificates = certificates + fetched
        report = run_checks(inputs)
    written, backups = [], []
    if args.write and not report.failed:
        from csrwizard.reply.packaging import write_certificate_files

        outcome = write_certificate_files(args.dir, report.chain.leaf, report.chain.intermediates)
        written = outcome.written
        backups = outcome.backups
    if args.json:
        print(json.dumps({
            "ok": not report.failed,
            "results": [r.as_dict() for r in report.results],
            "chain": [c.subject.rfc4514_string() for c in report.chain.ordered],
            "fetched": [c.subject.rfc4514_string() for c in fetched],
            "written": [str(p) for p in written],
        }, indent=2))
    else:
        for result in report.results:
            print(f"{result.symbol} {result.name}: {result.reason}")
        for cert in fetched:
            print(f"Fetched {cert.subject.rfc4514_string()} from {report.chain.issuer_url or 'the AIA URL'}")
        if written:
            for original, backup in backups:
                print(f"Backed up {original} -> {backup}")
            print("Wrote " + ", ".join(str(p) for p in written))
        elif args.write:
            print("Nothing written: fix what failed first.")
    return EXIT_FAILURE if report.failed else EXIT_OK


def run_pfx(args: argparse.Namespace) -> int:
    from csrwizard.reply.chain import order_chain
    from csrwizard.files.writing import PlannedFile, write_files
    from csrwizard.reply.pfx import build_pfx
    from csrwizard.reply.loading import load_reply

    inputs = load_reply(reply_files(args), system_roots=False)
    certificates, key = inputs.certificates, inputs.private_key
    if key is None:
        raise InputRefused([Problem("key_file", "no private key: give --key, or put server.key in --dir")])
    chain = order_chain(certificates, key.public_key())
    if chain.leaf.public_key() != key.public_key():
        raise InputRefused([Problem("key_file", "the private key does not match the certificate")])
    password = read_secret(args, "password", confirm=True, allow_prompt=True)
    data = build_pfx(chain.leaf, key, chain.intermediates, password, legacy=args.legacy, friendly_name=args.name)
    target = args.out or args.dir / "server.pfx"
    outcome = write_files([PlannedFile(target, data, secret=True)])
    for original, backup in outcome.backups:
        print(f"Backed up {original} -> {backup}")
    kind = "3DES/SHA-1 (legacy)" if args.legacy else "AES-256/PBKDF2"
    print(f"Wrote {target} ({kind}): the certificate, {len(chain.intermediates)} chain certificate(s) and the key")
    return EXIT_OK


def run_inspect(args: argparse.Namespace) -> int:
    from csrwizard.reply.inspect import describe_bundle, render_description
    from csrwizard.reply.loading import read_as

    password = read_secret(args, "password") if has_secret_source(args) else None
    described = describe_bundle(read_as(args.file, "certificate", password))
    print(json.dumps(described, indent=2) if args.json else render_description(described))
    return EXIT_OK
