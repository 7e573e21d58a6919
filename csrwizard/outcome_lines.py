"""The one wording of every outcome: what is written, backed up or left unchanged, the checks'
verdicts, the next steps and the review, as plain lines.

The batch, the line-by-line mode and the wizard all say these lines; the wizard may colour them,
never re-word them (tests/test_faces_agree.py holds the three faces to it). It reads the engine's
results by their fields, so it sits at the base layer and imports neither request/ nor reply/.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable, Protocol, Sequence

from csrwizard.names import BACKUP_SUFFIX
from csrwizard.shown_text import shown

PASS, WARN, FAIL = "pass", "warn", "fail"
VERDICT_SYMBOLS = {PASS: "✓", WARN: "!", FAIL: "✗"}
# A screen reader says "check mark" or nothing at all for a symbol: the word goes beside it.
VERDICT_WORDS = {PASS: "PASS", WARN: "WARNING", FAIL: "FAIL"}
SECRET_NOTE = "  (private key, owner-only)"
NEXT_STEPS = "Next steps:"
# A backup is named with the time of writing, which a plan cannot know yet.
BACKUP_STAMP_PLACEHOLDER = "<date>-<time>"


class WriteOutcome(Protocol):
    """What files/writing.py's WriteOutcome tells, read here by its fields: this module stands
    below every engine layer and imports none."""

    notes: list[str]
    backups: list[tuple[Path, Path]]
    written: list[Path]
    unchanged: list[Path]


def path_text(path: Path, folder: Path | None = None) -> str:
    """A path as a face names it: by its name alone when it is in `folder` (the wizard's working
    folder, to fit 60 columns), else as given."""
    if folder is not None:
        try:
            if path.parent.resolve() == folder.resolve():
                return path.name
        except OSError:
            pass
    return str(path)


def written_line(path: Path, secret: bool = False, folder: Path | None = None) -> str:
    return f"Wrote {path_text(path, folder)}" + (SECRET_NOTE if secret else "")


def backup_line(original: Path, backup: Path, folder: Path | None = None) -> str:
    """The one backup sentence. A backup always sits beside its original: its name says where."""
    return f"Backed up {path_text(original, folder)} as {backup.name}"


def unchanged_line(path: Path, folder: Path | None = None) -> str:
    return f"Unchanged {path_text(path, folder)}: it already holds these bytes (no backup made)"


def outcome_lines(outcome: WriteOutcome, secret: Iterable[Path] = (), folder: Path | None = None) -> list[str]:
    """What a write did: what a stopped run left put right first, then the backups, the files
    written (`secret` ones marked owner-only) and the files that already held these bytes."""
    secret = set(secret)
    lines = list(outcome.notes)
    lines += [backup_line(original, backup, folder) for original, backup in outcome.backups]
    lines += [written_line(path, path in secret, folder) for path in outcome.written]
    lines += [unchanged_line(path, folder) for path in outcome.unchanged]
    return lines


def plan_lines(
    targets: Sequence[Path],
    secret: Iterable[Path],
    backups: Iterable[Path],
    folder: Path | None = None,
    unchanged: Iterable[Path] = (),
) -> list[str]:
    """What a write will do, said before it is done: each file, then each backup it makes first;
    `unchanged` files already hold their bytes and are left as they are."""
    secret = set(secret)
    backups = list(backups)
    left_alone = set(unchanged)
    unchanged = [path for path in targets if path in left_alone]
    lines = [
        f"Will write {path_text(path, folder)}" + (SECRET_NOTE if path in secret else "")
        for path in targets
        if path not in unchanged
    ]
    lines += [f"Will leave {path_text(path, folder)} as it is: it already holds these bytes" for path in unchanged]
    lines += [
        f"Will back up {path_text(original, folder)} as {original.name}.{BACKUP_STAMP_PLACEHOLDER}{BACKUP_SUFFIX}"
        for original in backups
    ]
    if not backups:
        there = "no file there changes" if unchanged else "none of these files is there yet"
        lines.append(f"No backup needed: {there}")
    return lines


def verdict_line(verdict: str, text: str) -> str:
    """'✓ PASS Names: ...': the symbol, its word, then what it is about."""
    return f"{VERDICT_SYMBOLS[verdict]} {VERDICT_WORDS[verdict]} {text}"


def check_lines(results) -> list[str]:
    """The checklist, one line a check (anything with `verdict`, `name` and `reason`)."""
    return [verdict_line(result.verdict, f"{result.name}: {result.reason}") for result in results]


def next_steps_lines(steps: Sequence[str]) -> list[str]:
    """The engine's steps, numbered under one heading."""
    return [NEXT_STEPS, *(f"  {number}. {step}" for number, step in enumerate(steps, start=1))]


def key_line(plan) -> str:
    """The key a create plan writes, or keeps (a CreatePlan)."""
    if plan.reused_key is not None:
        return f"Key: RSA {plan.key_size} bits, reused from {plan.request.key_target.name} (not replaced)"
    return f"Key: RSA {plan.key_size} bits ({plan.request.key_format})"


def subject_lines(plan) -> list[str]:
    """What the CSR asks for: its subject, its names and its key (a CreatePlan)."""
    return [f"Subject: {plan.subject.openssl_line()}", f"SANs: {plan.subject.san_line()}", key_line(plan)]


def review_lines(plan, now: datetime, folder: Path | None = None) -> list[str]:
    """Everything create will do, shown before anything touches the disk (a CreatePlan)."""
    request = plan.request
    backups = [original for original, _ in plan.backups_to_make(now)]
    lines = subject_lines(plan)
    lines += plan_lines(plan.targets(), [request.key_target], backups, folder)
    lines += [f"Warning: {warning}" for warning in [*plan.subject.warnings, *plan.key_warnings]]
    lines += [f"Note: {notice}" for notice in plan.subject.notices]
    return lines


SHORT_FINGERPRINT_BYTES = 8  # 16 hex digits: enough to tell keys apart when read aloud on the phone


def short_fingerprint(fingerprint: str) -> str:
    """The first bytes of a colon-separated fingerprint, the part read aloud: `AB:CD:...:12`."""
    return ":".join(fingerprint.split(":")[:SHORT_FINGERPRINT_BYTES])


FINGERPRINT = "Public key SHA-256:"


def byte_rows(colon_hex: str, per_row: int) -> list[str]:
    """A colon-separated fingerprint in rows of `per_row` whole bytes: no terminal, wrapping it,
    cuts a byte in two (read aloud, a byte cut in two is a wrong byte)."""
    octets = colon_hex.split(":")
    return [":".join(octets[start : start + per_row]) for start in range(0, len(octets), per_row)]


def fingerprint_lines(public_key_sha256: str) -> list[str]:
    """The first bytes are what is read aloud on the phone; the whole fingerprint follows."""
    return [
        f"Public key SHA-256, first 8 bytes: {short_fingerprint(public_key_sha256)}",
        f"{FINGERPRINT} {public_key_sha256}",
    ]


def how_to_copy_the_csr(csr_path: str) -> str:
    """The sure way to copy the CSR into the CA's form, whatever the terminal: open the file."""
    return f"To send the CSR: open {csr_path} (e.g. notepad {csr_path}) and copy all of it, first line to last."


def created_lines(plan, result, steps: Sequence[str], folder: Path | None = None, notices: bool = True) -> list[str]:
    """After create (a CreatePlan and its CreateResult): the files and backups first (what a second
    run most needs to see), how to send the CSR, the fingerprint, what was asked for, the warnings,
    then `steps` (request.next_steps). `notices=False` where each was said under its own answer."""
    csr_target = plan.request.csr_target
    lines = [f"Note: {notice}" for notice in plan.subject.notices] if notices else []
    lines += outcome_lines(result.outcome, [plan.request.key_target], folder)
    lines.append(how_to_copy_the_csr(path_text(csr_target, folder)))
    lines += fingerprint_lines(result.public_key_sha256)
    lines += subject_lines(plan)
    lines += [f"Warning: {warning}" for warning in result.warnings]
    return lines + next_steps_lines(steps)


def read_line(source: Path, info, folder: Path | None = None) -> str:
    """The file decrypt read, and what it is (a KeyFileInfo)."""
    return f"Read {path_text(source, folder)}: {info.format}"


def reply_plan_lines(plan, now: datetime, folder: Path | None = None) -> list[str]:
    """What writing the checked reply will write, back up or leave as it is (a ReplyFilesPlan)."""
    return plan_lines(plan.targets(), (), plan.backups_to_make(now), folder, plan.unchanged())


def decrypt_plan_lines(plan, now: datetime, folder: Path | None = None) -> list[str]:
    """What decrypt will write and back up (a DecryptPlan)."""
    lines = []
    if plan.unpacks:
        lines.append(f"Will unpack the key, the certificate and its chain into {path_text(plan.destination)}")
    return lines + plan_lines(plan.targets(), [plan.key_target], plan.backups_to_make(now), folder)


def decrypted_lines(result, folder: Path | None = None) -> list[str]:
    """After decrypt (a DecryptResult): the file read, then what was written and backed up."""
    lines = [read_line(result.source, result.info, folder)]
    return lines + outcome_lines(result.outcome, [result.target], folder)


def fetch_lines(report) -> list[str]:
    """What completing the chain from the certificate's AIA address did (a ReplyReport)."""
    lines = [f"Fetched {cert.subject.rfc4514_string()} from {report.fetched_from}" for cert in report.fetched]
    if report.fetch_problem:
        lines.append(verdict_line(FAIL, f"Fetch: {report.fetch_problem}"))
    return lines


def pfx_lines(result, folder: Path | None = None) -> list[str]:
    """After building a .pfx (a PfxResult)."""
    held = f"The .pfx ({result.encryption}) holds {pfx_contents(result.chain_count, result.renewal_key)}"
    return [*outcome_lines(result.outcome, folder=folder), held]


def pfx_contents(chain_count: int, renewal_key: str | None) -> str:
    """What a .pfx packs, said before it is built and after: during a renewal, the certificate in
    force with the backup of its key (reply.operations.renewal_key_name)."""
    chain = f"{chain_count} chain certificate(s)"
    if renewal_key is None:
        return f"the certificate, {chain} and the key"
    return (
        f"the certificate in force, {chain} and its key, {shown(renewal_key)}; "
        "the renewal's new key waits for its own certificate"
    )


def pfx_plan_line(chain_count: int, renewal_key: str | None) -> str:
    """Said before a .pfx is built, as the review says what a create will write."""
    return f"The .pfx will hold {pfx_contents(chain_count, renewal_key)}"


def probe_lines(report) -> list[str]:
    """What the server serves (a ProbeReport), checked."""
    presented = f"Probed {report.target}: {len(report.presented)} certificate(s) presented"
    return [presented, *check_lines(report.results)]
