"""Commands for after the CA answers: check, pfx, probe and inspect. They gather input and print
results; the engine's reply operations decide everything."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.parser import WARN_BY_LIFETIME
from csrwizard.cli.run_context import RunContext
from csrwizard.cli.secrets import has_secret_source, read_new_secret, read_secret
from csrwizard.cli.summaries import print_lines
from csrwizard.names import CERT_NAME, PFX_NAME
from csrwizard.outcome_lines import check_lines, fetch_lines, next_steps_lines, outcome_lines, pfx_lines, probe_lines


def _check_report(args: argparse.Namespace, now: datetime, fetch: bool = False):
    """The files as the user named them, loaded and checked by the engine."""
    from csrwizard.reply.loading import ReplyFiles, load_reply
    from csrwizard.reply.operations import check_reply

    password = read_secret(args) if has_secret_source(args) else None
    files = ReplyFiles.in_folder(
        args.dir,
        certificate=args.cert,
        chain=args.chain,
        key=args.key,
        csr=getattr(args, "csr", None),
        trust=getattr(args, "trust", []),
        password=password,
    )
    fetcher = None
    if fetch:
        from csrwizard.reply.fetch import fetch_issuer

        fetcher = fetch_issuer
    inputs = load_reply(files, getattr(args, "host", None))
    return check_reply(inputs, now, fetch=fetcher)


def run_check(args: argparse.Namespace, context: RunContext) -> int:
    from csrwizard.reply.operations import plan_reply_files, write_reply_files

    now = context.now()
    report = _check_report(args, now, fetch=args.fetch_intermediates)
    # Written into --dir, the working folder, wherever the CA's reply was saved: the engine's one rule.
    outcome = write_reply_files(plan_reply_files(report, args.dir)) if args.write and not report.failed else None
    timing = report.renewal(now, _warn_days(args))
    if args.warn_days is not None and not args.json:
        print(renewal_line("check", report.results, timing, args.cert or args.dir / CERT_NAME, report.inputs.renewal))
    else:
        print_check(report, outcome, args.json, args.write, timing, context)
    return exit_status(report.failed, args.warn_days, timing)


def _warn_days(args: argparse.Namespace) -> int | None:
    return None if args.warn_days in (None, WARN_BY_LIFETIME) else args.warn_days


def exit_status(failed: bool, warn_days: int | None, timing) -> int:
    """1 when a check fails; else 3 when --warn-days was asked and it is time to renew; else 0."""
    if failed:
        return ExitStatus.FAILURE
    if warn_days is not None and timing is not None and timing.due:
        return ExitStatus.RENEW_SOON
    return ExitStatus.OK


def renewal_line(command: str, results, timing, subject, renewal=None) -> str:
    """One line for a scheduled task's log: the verdict, the file or server, the days left, the
    day to renew by, and a renewal already at the CA."""
    failed = [f"{r.name}: {r.reason}" for r in results if r.verdict == "fail"]
    if failed or timing is None:
        return f"csrwizard {command} FAILED {subject}: {failed[0] if failed else 'no certificate'}"
    state = "RENEW NOW" if timing.due else "OK"
    pending = f"; renewal pending: {renewal.request} waits for the CA" if renewal is not None else ""
    return (
        f"csrwizard {command} {state} {subject}: expires {timing.expires:%Y-%m-%d}, {timing.days_left} days left, "
        f"renew by {timing.renew_by:%Y-%m-%d} (warns under {timing.warn_days} days){pending}"
    )


def print_check(report, outcome, as_json: bool, asked_to_write: bool, timing=None, context=None) -> None:
    """The report as a checklist for people, or as JSON for scripts. Decides nothing. `context`
    says what the face already said (the checklist) or says itself (the next steps)."""
    context = context or RunContext()
    written = outcome.written if outcome is not None else []
    if as_json:
        print(
            json.dumps(
                {
                    "ok": not report.failed,
                    "results": [r.as_dict() for r in report.results],
                    "chain": [c.subject.rfc4514_string() for c in report.chain.ordered],
                    "fetched": [c.subject.rfc4514_string() for c in report.fetched],
                    "fetch_problem": report.fetch_problem,
                    "written": [str(p) for p in written],
                    **(timing.as_dict() if timing is not None else {"days_left": None, "renew_by": None}),
                },
                indent=2,
            )
        )
        return
    if not context.checklist_said:
        print_results(report.results)
        print_lines(fetch_lines(report))
    if outcome is not None:
        from csrwizard.reply.upload_steps import default_probe_host

        print_lines(outcome_lines(outcome))
        if context.next_steps:
            print_upload_steps(
                default_probe_host(report.inputs.host, report.chain.leaf),
                len(report.chain.intermediates),
                report.inputs.renewal,
            )
    elif asked_to_write:
        print("Nothing written: fix what failed first.")


def print_results(results) -> None:
    """The checklist, one line a check: its symbol and word, its name, its reason."""
    print_lines(check_lines(results))


def print_upload_steps(host: str | None, intermediates: int, renewal=None) -> None:
    from csrwizard.reply.upload_steps import upload_steps

    print_lines(next_steps_lines(upload_steps(host, intermediates, renewal=renewal)))


def run_probe(args: argparse.Namespace, context: RunContext) -> int:
    from csrwizard.pki.chain import system_trusted_roots
    from csrwizard.reply.loading import read_roots
    from csrwizard.reply.probe import parse_target, probe
    from csrwizard.reply.renewal import renewal_timing

    host, port = parse_target(args.target)
    given = read_roots(args.trust)
    now = context.now()
    report = probe(host, port, args.dir, now, args.name, given, system_trusted_roots(), args.timeout)
    timing = renewal_timing(report.presented[0], now, _warn_days(args)) if report.presented else None
    if args.json:
        print(
            json.dumps(
                {
                    "ok": not report.failed,
                    "target": report.target,
                    "results": [r.as_dict() for r in report.results],
                    "presented": [c.subject.rfc4514_string() for c in report.presented],
                    **(timing.as_dict() if timing is not None else {"days_left": None, "renew_by": None}),
                },
                indent=2,
            )
        )
    elif args.warn_days is not None:
        print(renewal_line("probe", report.results, timing, report.target))
    else:
        print_lines(probe_lines(report))
    return exit_status(report.failed, args.warn_days, timing)


def run_pfx(args: argparse.Namespace, context: RunContext) -> int:
    """The password and its repeat come from `context.typed_password` when a face asked for them
    itself (the line-by-line menu asks through its own prompt, which knows whether there is a
    console to ask at), else from --password-* or the console."""
    from csrwizard.reply.operations import build_pfx

    report = _check_report(args, context.now())
    typed = context.typed_password
    if report.failed:
        print_check(report, None, False, False)
        password, repeated = b"", None  # build_pfx refuses, naming what failed
    else:
        password, repeated = typed if typed is not None else read_new_secret(args)
    result = build_pfx(
        report,
        password,
        args.out or args.dir / PFX_NAME,
        legacy=args.legacy,
        friendly_name=args.name,
        repeated=repeated,
    )
    print_lines(pfx_lines(result))
    if context.next_steps:
        from csrwizard.reply.upload_steps import default_probe_host

        # The server to probe named as check names it (the certificate's name), not as HOST.
        host = default_probe_host(report.inputs.host, report.chain.leaf)
        print_upload_steps(host, result.chain_count, report.inputs.renewal)
    return ExitStatus.OK


def run_inspect(args: argparse.Namespace, context: RunContext) -> int:
    from csrwizard.problems import PasswordNeeded
    from csrwizard.reply.inspect import describe_bundle, render_description
    from csrwizard.reply.loading import read_as

    password = read_secret(args) if has_secret_source(args) else None
    try:
        bundle = read_as(args.file, "file", password)
    except PasswordNeeded:
        if password is not None:
            raise
        # At a console, asked hidden, as the wizard's Inspect asks in its Password field; else the
        # refusal names --password-env and its kin.
        password = read_secret(args, allow_prompt=True, asking=f"Password of {args.file.name}: ")
        bundle = read_as(args.file, "file", password)
    described = describe_bundle(bundle)
    print(json.dumps(described, indent=2) if args.json else render_description(described))
    return ExitStatus.OK
