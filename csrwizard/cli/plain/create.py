"""`csrwizard create --plain`: the subject asked in generateCSR.bat's order, checked answer by answer."""

from __future__ import annotations

from datetime import datetime

from csrwizard.cli.exit_status import ExitStatus
from csrwizard.cli.plain.lines import LinePrompt
from csrwizard.names import KEY_SIZES
from csrwizard.outcome_lines import review_lines
from csrwizard.problems import FIELD_LABELS, InputRefused
from csrwizard.request.create import CreatePlan, CreateRequest, perform_create, plan_create
from csrwizard.request.subject import SubjectInput, assess_subject

# (field, question): the order of generateCSR.bat, so a caller reading its steps can follow along.
QUESTIONS = (
    ("country", "Country (two-letter ISO code, e.g. GB, US, IN)"),
    ("state", "State or province (in full, e.g. Tamil Nadu)"),
    ("locality", "Locality (city)"),
    ("organization", "Organisation (its legal name)"),
    ("organizational_unit", "Organisational unit (optional; Enter skips)"),
    ("common_name", "Common name (the server's full host name, e.g. ec.example.com)"),
    ("sans", "Subject alternative names (comma-separated; Enter for none)"),
)
OPTIONAL = {"organizational_unit", "sans"}
CLEAR = "-"


def run_create_plain(request: CreateRequest, prompt: LinePrompt | None = None) -> int:
    """Ask, check, review, confirm, write. Nothing is written unless the last answer is yes."""
    prompt = prompt or LinePrompt()
    prompt.say("csrwizard: a new private key and CSR, one question per line.")
    prompt.say("Press Enter to take the value in [brackets]. Nothing is written until you confirm.")
    for position, (name, question) in enumerate(QUESTIONS, start=1):
        ask_subject_field(prompt, request.typed, name, f"{position}/8 {question}", request.internal_ca)
    request.key_size = ask_key_size(prompt, request.key_size)
    while True:
        try:
            plan = plan_create(request)
        except InputRefused as refusal:  # a changed answer that no longer fits another one
            plan = None
            for problem in refusal.problems:
                prompt.say(f"  Refused: {problem}")
        if plan is not None:
            show_review(prompt, plan)
        choice = ask_review_choice(prompt)
        if choice == WRITE:
            if plan is not None:
                break
            prompt.say("  Change the answer refused above first: type its number.")
            continue
        if choice == QUIT:
            prompt.say("Nothing was written.")
            return ExitStatus.FAILURE
        # One answer changed: asked again as the first time, with its current value as the default.
        if choice == len(QUESTIONS) + 1:
            request.key_size = ask_key_size(prompt, request.key_size)
        else:
            name, question = QUESTIONS[choice - 1]
            ask_subject_field(prompt, request.typed, name, f"{choice}/8 {question}", request.internal_ca)
    from csrwizard.cli.summaries import print_created

    with prompt.printed_here():
        print_created(plan, perform_create(plan), notices=False)
    return ExitStatus.OK


WRITE, QUIT = "y", "n"
REVIEW_HINT = "Type a number (1 to 8) to change that answer, y to write, n to quit."
REVIEW_QUESTION = "Write these files? (y, n or 1 to 8)"


def ask_review_choice(prompt: LinePrompt) -> str | int:
    """y, n, or the number of the answer to change; asked again until it is one of them."""
    last = len(QUESTIONS) + 1
    prompt.say(REVIEW_HINT)
    while True:
        answer = prompt.ask(REVIEW_QUESTION).lower()
        if answer in ("y", "yes"):
            return WRITE
        if answer in ("n", "no", "q", "quit"):
            return QUIT
        if answer.isdigit() and 1 <= int(answer) <= last:
            return int(answer)
        prompt.say(f"  Please type y, n, or a number from 1 to {last}.")


def ask_subject_field(
    prompt: LinePrompt, typed: SubjectInput, name: str, question: str, internal_ca: bool = False
) -> None:
    """Ask until the engine accepts the answer; a known fix is offered as the next default."""
    default = getattr(typed, name)
    if default and name in OPTIONAL:
        question += f"; type {CLEAR} for none"
    kept_against_advice = None
    while True:
        answer = prompt.ask(question, default)
        if answer == CLEAR and name in OPTIONAL:
            answer = ""
        setattr(typed, name, answer)
        problems, warnings, notices = assess_subject(typed, internal_ca).for_field(name)
        if problems:
            if not prompt.console:
                # From a pipe, the lines after a refused one answer the questions after it: asked
                # again, this question would take the next question's answer. Stop instead.
                raise InputRefused(problems)
            for problem in problems:
                prompt.say(f"  Refused: {problem}")
            if prompt.drop_typed_ahead():
                prompt.say("  What was typed after it was not used: answer this question again, then the next.")
            default = next((problem.fix for problem in problems if problem.fix), "")
            continue
        for notice in notices:
            prompt.say(f"  Note: {notice}")
        for warning in warnings:
            prompt.say(f"  Warning: {warning}")
        fix = next((warning.fix for warning in warnings if warning.fix and warning.fix != answer), "")
        if fix and answer != kept_against_advice:
            if prompt.typed_ahead():
                # The next line is already there, meant for the next question: no extra question.
                prompt.say(f"  Kept {answer}; to use {fix}, type {position_of(name)} at the review.")
                return
            # Never change a value without the admin's key press: offer it, and accept theirs again.
            prompt.say(f"  Press Enter to use {fix}, or type {answer} again to keep it.")
            kept_against_advice, default = answer, fix
            continue
        return


def position_of(name: str) -> int:
    """The number of a question, as the review offers it."""
    return next(number for number, (field_name, _) in enumerate(QUESTIONS, start=1) if field_name == name)


def ask_key_size(prompt: LinePrompt, default: int) -> int:
    from csrwizard.request.key_generation import key_size_from_text

    sizes = ", ".join(map(str, KEY_SIZES))
    while True:
        size, problem = key_size_from_text(prompt.ask(f"8/8 Key size: {sizes}", str(default)))
        if size is not None:
            return size
        prompt.say(f"  Refused: Key size: {problem}")


def show_review(prompt: LinePrompt, plan: CreatePlan) -> None:
    request = plan.request
    prompt.say()
    prompt.say("Review. Nothing has been written yet.")
    typed = request.typed
    for number, (name, _) in enumerate(QUESTIONS, start=1):
        prompt.say(f"  {number}. {FIELD_LABELS[name]}: {getattr(typed, name) or '(none)'}")
    prompt.say(f"  {len(QUESTIONS) + 1}. {FIELD_LABELS['key_size']}: RSA {request.key_size} bits")
    for line in review_lines(plan, datetime.now()):
        prompt.say(line)
