"""`csrwizard decrypt --plain`: which file, its passphrase (hidden, three tries), review, confirm."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.plain.lines import LinePrompt
from csrwizard.problems import CsrWizardError, SecretRefused

TRIES = 3


def run_decrypt_plain(
    folder: Path, source: Path | None, out: Path | None, key_format: str, prompt: LinePrompt | None = None
) -> int:
    from csrwizard.outcome_lines import decrypt_plan_lines, read_line
    from csrwizard.request.decrypt import perform_decrypt, plan_decrypt

    prompt = prompt or LinePrompt()
    prompt.say("csrwizard: remove the passphrase from a private key, or unpack a .pfx.")
    prompt.say("Nothing is written until you confirm.")
    if source is None:
        source = ask_key_file(prompt, folder)
    plan = plan_decrypt(source, out, key_format)
    prompt.say(read_line(source, plan.info))
    if not plan.info.encrypted:
        prompt.say("The key is not encrypted: the server can load it as it is, so there is nothing to decrypt.")
        prompt.say("Give the encrypted key's file instead (csrwizard decrypt --plain FILE). Nothing was written.")
        return ExitStatus.FAILURE
    passphrase = ask_passphrase(prompt, source)
    prompt.say()
    prompt.say("Review. Nothing has been written yet.")
    for line in decrypt_plan_lines(plan, datetime.now()):
        prompt.say(line)
    if not prompt.confirm("Write it?"):
        prompt.say("Nothing was written.")
        return ExitStatus.FAILURE
    from csrwizard.cli.summaries import print_decrypted

    with prompt.printed_here():
        print_decrypted(perform_decrypt(plan, passphrase))
    return ExitStatus.OK


def ask_key_file(prompt: LinePrompt, folder: Path) -> Path:
    """Asked until it names a file there is; a relative name is taken inside the working folder."""
    from csrwizard.request.decrypt import describe_source, key_to_decrypt

    while True:
        path = folder / prompt.ask("Key file or .pfx", key_to_decrypt(folder).name)
        try:
            describe_source(path)
        except CsrWizardError as error:
            prompt.say(f"  Refused: Key file: {error}")
            continue
        return path


def ask_passphrase(prompt: LinePrompt, source: Path) -> bytes:
    """Typed without echo; a wrong one is said and asked again, three tries in all (one when it
    came from --password-*, which would give the same again)."""
    from csrwizard.request.decrypt import check_passphrase

    tries = 1 if prompt.secret_given else TRIES
    attempt = 1
    while True:
        passphrase = prompt.ask_secret("Passphrase (nothing shows as you type)")
        try:
            check_passphrase(source, passphrase)
            return passphrase
        except SecretRefused as refusal:
            if attempt == tries:
                raise
            attempt += 1
            prompt.say(f"  Refused: {refusal} (try {attempt} of {TRIES})")
