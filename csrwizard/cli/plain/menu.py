"""Bare `csrwizard` where the wizard can't be drawn: the menu as a numbered list."""

from __future__ import annotations

from pathlib import Path

from csrwizard import __version__
from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.plain.lines import LinePrompt
from csrwizard.cli.run_context import RunContext
from csrwizard.menu_words import MENU_WORDS, renew_words
from csrwizard.names import CERT_NAME, CHAIN_NAME, CSR_NAME, DEFAULT_KEY_FORMAT, HTTPS_PORT, PFX_NAME
from csrwizard.problems import CsrWizardError
from csrwizard.request.subject import SubjectInput


def run_menu_plain(folder: Path, prompt: LinePrompt | None = None, context: RunContext | None = None) -> int:
    """`context`: the clock the checks read (cli/run_context.py)."""
    prompt = prompt or LinePrompt()
    context = context or RunContext()
    prompt.say(f"csrwizard {__version__}: certificate requests and keys for Endpoint Central.")
    prompt.say(f"Working folder: {folder.absolute()}")
    while True:
        words = {**MENU_WORDS, "renew": renew_words(_renewal_source_name(folder))}
        chosen = list(ACTIONS)[prompt.choose("What would you like to do?", [words[name] for name in ACTIONS])]
        code = ACTIONS[chosen](folder, prompt, context)
        if code is not AGAIN:
            return code


AGAIN = None  # what an action returns to offer the menu again


def _renewal_source_name(folder: Path) -> str | None:
    from csrwizard.request.prefill import renewal_source

    try:
        return renewal_source(folder).name
    except CsrWizardError:
        return None


def _create(folder: Path, prompt: LinePrompt, context: RunContext, typed: SubjectInput | None = None) -> int:
    from csrwizard.cli.plain.create import run_create_plain
    from csrwizard.request.create import CreateRequest

    return run_create_plain(CreateRequest(typed=typed or SubjectInput(), folder=folder), prompt)


def _renew(folder: Path, prompt: LinePrompt, context: RunContext) -> int | None:
    """Create, with the answers of the request in force; the file they come from is said first."""
    from csrwizard.request.prefill import plan_renewal

    try:
        renewal = plan_renewal(folder)
    except CsrWizardError as error:  # nothing to renew from: say so, and offer the menu again
        prompt.say(f"  Refused: {error}")
        return AGAIN
    prompt.say(renewal.heading)
    return _create(folder, prompt, context, renewal.typed)


def _decrypt(folder: Path, prompt: LinePrompt, context: RunContext) -> int:
    from csrwizard.cli.plain.decrypt import run_decrypt_plain

    return run_decrypt_plain(folder, None, None, DEFAULT_KEY_FORMAT, prompt)


def _check(folder: Path, prompt: LinePrompt, context: RunContext) -> int:
    """Check the CA's reply, then what the wizard's Check screen offers, one question each: write
    the files for the upload, build the .pfx, and probe the server once it serves them."""
    certificate = prompt.ask("Certificate file from the CA", CERT_NAME)
    host = prompt.ask("The server's address set in Endpoint Central (Enter to skip)")
    words = ["check", "--dir", str(folder), "--cert", certificate] + (["--host", host] if host else [])
    code = _run_command(prompt, context, words)
    if code != ExitStatus.OK:
        return code
    pfx_contents = _say_reply_files_plan(prompt, context, folder, folder / certificate, host)
    steps_said = False  # the next steps, said once: after the write, else after the .pfx
    if prompt.confirm(f"Write {CERT_NAME} and {CHAIN_NAME}, in upload order?"):
        # The checklist was just shown: the write says only what it wrote, and the next steps.
        code = _run_command(prompt, context.replaced(checklist_said=True), [*words, "--write"])
        certificate, steps_said = CERT_NAME, True
        if code != ExitStatus.OK:
            return code
    if pfx_contents:
        prompt.say(pfx_contents)
    if prompt.confirm(f"Build {PFX_NAME} for the upload? (its password is asked twice, hidden)"):
        typed = (prompt.ask_secret("Password for the .pfx"), prompt.ask_secret("Password again"))
        pfx_context = context.replaced(typed_password=typed, next_steps=not steps_said)
        code = _run_command(prompt, pfx_context, ["pfx", "--dir", str(folder), "--cert", certificate])
        if code != ExitStatus.OK:
            return code
    if prompt.confirm("Probe the server now, after the upload and the restart?"):
        name = host or _certificate_name(folder / certificate)
        target = prompt.ask(f"Server to probe (host or host:port; port {HTTPS_PORT} if left out)", name)
        code = _run_command(
            prompt, context, ["probe", target, "--dir", str(folder), *(["--name", name] if name else [])]
        )
    return code


def _say_reply_files_plan(prompt: LinePrompt, context: RunContext, folder: Path, certificate: Path, host: str) -> str:
    """What writing the files would write and back up, said before the question (as the review is);
    what a .pfx would hold, to be said before its own question ("" when it cannot be built)."""
    from datetime import datetime

    from csrwizard.outcome_lines import reply_plan_lines
    from csrwizard.reply.loading import ReplyFiles, load_reply
    from csrwizard.reply.operations import check_reply, pfx_plan, plan_reply_files

    try:
        inputs = load_reply(ReplyFiles.in_folder(folder, certificate=certificate), host or None)
        report = check_reply(inputs, context.now())
        plan = plan_reply_files(report, folder)
    except CsrWizardError:  # said by the check above
        return ""
    for line in reply_plan_lines(plan, datetime.now()):
        prompt.say(line)
    return pfx_plan(report) if report.can_build_pfx else ""


def _certificate_name(path: Path) -> str:
    """The server a probe starts from, named as the Check screen names it (the certificate's CN)."""
    from csrwizard.pki.chain import find_leaf
    from csrwizard.problems import CsrWizardError
    from csrwizard.reply.loading import read_as
    from csrwizard.reply.upload_steps import probe_host

    try:
        return probe_host(find_leaf(read_as(path, "certificate").certificates)) or ""
    except CsrWizardError:
        return ""


def _inspect(folder: Path, prompt: LinePrompt, context: RunContext) -> int:
    return _run_command(prompt, context, ["inspect", "--dir", str(folder), prompt.ask("File to inspect", CSR_NAME)])


def _quit(folder: Path, prompt: LinePrompt, context: RunContext) -> int:
    return ExitStatus.OK


def _run_command(prompt: LinePrompt, context: RunContext, words: list[str]) -> int:
    """The same command a script would run, so both say the same thing (wrapped to the terminal,
    each verdict with its word). A refusal is said, and the menu's run ends with its code."""
    from csrwizard.cli.parser import build_parser, resolve_paths
    from csrwizard.problems import CsrWizardError, InputRefused

    args = build_parser().parse_args(words)
    resolve_paths(args)
    with prompt.printed_here():
        try:
            return args.run(args, context)
        except InputRefused as refusal:
            for problem in refusal.problems:
                print(f"  Refused: {problem}")
            return ExitStatus.REFUSED
        except CsrWizardError as error:  # e.g. a server that cannot be reached: said, then the code
            print(f"  Failed: {error}")
            return ExitStatus.FAILURE


# The menu's actions, in the order both menus number them; their words are menu_words.py's.
ACTIONS = {
    "create": _create,
    "renew": _renew,
    "decrypt": _decrypt,
    "check": _check,
    "inspect": _inspect,
    "quit": _quit,
}
