"""The operations on the CA's reply, shaped like plan_create/perform_create: check, write, build.

The CLI and the wizard gather input, call these and show what they return. Each returns a new
value and changes none it was given, so a worker can run one and hand the result back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from cryptography import x509

from csrwizard.files.writing import PlannedFile, WriteOutcome, holds_already, preview_backup, write_files
from csrwizard.names import PFX_FRIENDLY_NAME
from csrwizard.problems import CsrWizardError, InputRefused, Problem
from csrwizard.reply.checks import CheckInputs, CheckReport, CheckResult, run_checks

Fetcher = Callable[[str], list[x509.Certificate]]
NOT_READY = "fix what failed first: nothing is packaged while a check fails"


@dataclass(frozen=True)
class ReplyReport:
    """The checks on one reply, with what was fetched to complete its chain."""

    inputs: CheckInputs
    checks: CheckReport
    fetched: list[x509.Certificate] = field(default_factory=list)
    fetched_from: str | None = None
    fetch_problem: str | None = None

    @property
    def results(self) -> list[CheckResult]:
        return self.checks.results

    @property
    def failed(self) -> bool:
        return self.checks.failed

    @property
    def chain(self):
        return self.checks.chain

    @property
    def missing_issuer_url(self) -> str | None:
        """Where the missing intermediate can be fetched from, when one is missing and named."""
        chain = self.checks.chain
        return chain.issuer_url if chain.missing_issuer is not None else None

    def renewal(self, now: datetime, warn_days: int | None = None):
        """Days left and the day to renew by, or None without a readable certificate."""
        from csrwizard.reply.renewal import renewal_timing

        leaf = self.checks.chain.leaf
        return renewal_timing(leaf, now, warn_days) if leaf is not None else None

    @property
    def can_build_pfx(self) -> bool:
        return not self.failed and self.inputs.private_key is not None


def check_reply(inputs: CheckInputs, now: datetime, fetch: Fetcher | None = None) -> ReplyReport:
    """Every check; with `fetch`, a missing intermediate is fetched from its AIA URL and all checked again."""
    checks = run_checks(inputs, now)
    report = ReplyReport(inputs, checks)
    url = report.missing_issuer_url
    if fetch is None or url is None:
        return report
    try:
        fetched = list(fetch(url))
    except CsrWizardError as error:
        return replace(report, fetch_problem=str(error))
    completed = replace(inputs, certificates=[*inputs.certificates, *fetched])
    return ReplyReport(completed, run_checks(completed, now), fetched, url)


def _refuse_unless_ready(report: ReplyReport) -> None:
    if report.failed:
        failed = "; ".join(f"{r.name}: {r.reason}" for r in report.results if r.verdict == "fail")
        raise InputRefused([Problem("certificate", f"{NOT_READY} ({failed})")])


@dataclass(frozen=True)
class ReplyFilesPlan:
    """The certificate and its chain, in upload order, as the upload names them, in the working
    folder: the one rule for every face (--dir, or the wizard's folder), never the folder the CA's
    reply was saved in (a Downloads folder must not fill with server.crt)."""

    report: ReplyReport
    folder: Path

    def planned(self) -> list[PlannedFile]:
        from csrwizard.pki.packaging import certificate_files

        return certificate_files(self.folder, self.report.chain.leaf, self.report.chain.intermediates)

    def targets(self) -> list[Path]:
        return [item.path for item in self.planned()]

    def unchanged(self) -> list[Path]:
        """The files already holding the bytes a write would put there: left alone, not backed up."""
        return [item.path for item in self.planned() if holds_already(item)]

    def backups_to_make(self, when: datetime) -> list[Path]:
        """What will be backed up first: a file already holding the same bytes is left alone."""
        return [item.path for item in self.planned() if not holds_already(item) and preview_backup(item.path, when)]


def plan_reply_files(report: ReplyReport, folder: Path) -> ReplyFilesPlan:
    """What writing the checked reply would do; refused while a check fails. Touches no file."""
    _refuse_unless_ready(report)
    return ReplyFilesPlan(report, folder)


def write_reply_files(plan: ReplyFilesPlan, now: Callable[[], datetime] = datetime.now) -> WriteOutcome:
    """The plan's files, backups first."""
    _refuse_unless_ready(plan.report)
    return write_files(plan.planned(), now=now)


@dataclass(frozen=True)
class PfxResult:
    target: Path
    outcome: WriteOutcome
    chain_count: int
    legacy: bool
    # During a renewal, the key packed is the one in force, from its backup: said by name.
    renewal_key: str | None = None

    @property
    def encryption(self) -> str:
        return "3DES/SHA-1 (legacy)" if self.legacy else "AES-256/PBKDF2"


def build_pfx(
    report: ReplyReport,
    password: bytes,
    target: Path,
    legacy: bool = False,
    friendly_name: str = PFX_FRIENDLY_NAME,
    now: Callable[[], datetime] = datetime.now,
    repeated: bytes | None = None,
) -> PfxResult:
    """The .pfx of the checked reply (leaf, chain in order, key) under `password`, written owner-only.

    `repeated` is the password typed a second time, when it was typed.
    """
    from csrwizard.reply.pfx import pfx_password_problem, serialize_pfx

    if report.inputs.private_key is None:
        raise InputRefused([Problem("key_file", "a .pfx needs the private key: give the key file")])
    _refuse_unless_ready(report)
    if message := pfx_password_problem(password, repeated):
        raise InputRefused([Problem("password", message)])
    from csrwizard.files.keyfiles import checked_key

    chain = report.chain
    data = serialize_pfx(
        chain.leaf,
        checked_key(report.inputs.private_key),
        chain.intermediates,
        password,
        legacy=legacy,
        friendly_name=friendly_name,
    )
    outcome = write_files([PlannedFile(target, data, secret=True)], now=now)
    return PfxResult(target, outcome, len(chain.intermediates), legacy, renewal_key_name(report))


def pfx_plan(report: ReplyReport) -> str:
    """What a .pfx of this reply would hold, in the words the build uses afterwards."""
    from csrwizard.outcome_lines import pfx_plan_line

    return pfx_plan_line(len(report.chain.intermediates), renewal_key_name(report))


def renewal_key_name(report: ReplyReport) -> str | None:
    """While a renewal waits for its certificate: the backup holding the key in force, which a
    .pfx packs with the certificate in force. None otherwise (the key file given is packed)."""
    return report.inputs.key_name if report.inputs.renewal is not None else None
