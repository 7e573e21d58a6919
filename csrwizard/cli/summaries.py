"""What the command line says after writing: the same lines for --batch and the line-by-line mode,
worded by csrwizard.outcome_lines as the wizard words them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csrwizard.outcome_lines import created_lines, decrypted_lines

if TYPE_CHECKING:  # names for the hints only: a batch create need not load decrypt, nor decrypt create
    from csrwizard.request.create import CreatePlan, CreateResult
    from csrwizard.request.decrypt import DecryptResult


def print_lines(lines: list[str]) -> None:
    for line in lines:
        print(line)


def print_created(plan: CreatePlan, result: CreateResult, notices: bool = True) -> None:
    """What was written and backed up, the subject, the key's fingerprint and the next steps.

    `notices=False` where each was already said under its own answer.
    """
    from csrwizard.request.next_steps import next_steps

    request = plan.request
    steps = next_steps(str(request.csr_target), str(request.key_target), request.internal_ca)
    print_lines(created_lines(plan, result, steps, notices=notices))


def print_decrypted(result: DecryptResult) -> None:
    print_lines(decrypted_lines(result))
