"""What the command line says after writing: the same lines for --batch and the line-by-line mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for the hints only: a batch create need not load decrypt, nor decrypt create
    from csrwizard.request.create import CreatePlan, CreateResult
    from csrwizard.request.decrypt import DecryptResult


def print_created(plan: CreatePlan, result: CreateResult, notices: bool = True) -> None:
    """What was written and backed up, the subject, the key's fingerprint and the next steps.

    `notices=False` where each was already said under its own answer.
    """
    from csrwizard.request.next_steps import next_steps

    subject = plan.subject
    for notice in subject.notices if notices else ():
        print(f"Note: {notice}")
    for note in result.outcome.notes:
        print(note)
    print("Wrote:")
    for path in result.outcome.written:
        print(f"  {path}" + ("  (private key, owner-only)" if path == plan.request.key_target else ""))
    for path in result.outcome.unchanged:
        print(f"Unchanged {path}: it already holds these bytes (no backup made)")
    for original, backup in result.outcome.backups:
        print(f"Backed up {original} -> {backup}")
    print(f"Subject: {subject.openssl_line()}")
    print(f"SANs: {subject.san_line()}")
    if plan.reused_key is not None:
        print(f"Key: RSA {plan.key_size} bits, reused from {plan.request.key_target} (not replaced)")
    else:
        print(f"Key: RSA {plan.key_size} bits ({plan.request.key_format})")
    from csrwizard.pki.keys import short_fingerprint
    from csrwizard.request.next_steps import how_to_copy_the_csr

    # The first bytes are what is read aloud on the phone; the whole fingerprint follows.
    print(f"Public key SHA-256, first 8 bytes: {short_fingerprint(result.public_key_sha256)}")
    print(f"Public key SHA-256: {result.public_key_sha256}")
    print(how_to_copy_the_csr(str(plan.request.csr_target)))
    for warning in result.warnings:
        print(f"Warning: {warning}")
    print("Next steps:")
    request = plan.request
    steps = next_steps(str(request.csr_target), str(request.key_target), request.internal_ca)
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")


def print_decrypted(result: DecryptResult) -> None:
    from csrwizard.cli.reply_commands import print_outcome

    print(f"Read {result.source}: {result.info.format}")
    key_note = "  (unencrypted private key, owner-only)"
    print_outcome(result.outcome, lambda path: key_note if path == result.target else "")
