"""The three faces say the same thing: one operation gives the same outcome lines in --batch, in the
line-by-line mode and in the wizard (csrwizard.outcome_lines words them all).

Each operation runs once in each face, in a folder of its own holding the same files: create with
the seed's example (over an earlier key and CSR, so that backups are made), decrypt of a key the
openssl CLI encrypted, and check of a CA-signed reply, then the write of its files. The batch and
the line-by-line mode run as the admin runs them (a subprocess; a pty, wide enough that no line
wraps); the wizard is driven by key presses and its Done and Check screens are read.

What legitimately differs is normalised by these rules, and nothing else is:
- a backup's time of writing (`server.key.20261130-093005.bak`) becomes `<date>-<time>`;
- the working folder: the command line names a file by the path it was given (`--dir F`), the
  wizard by its name alone, to fit 60 columns; `F/` is dropped from the command line's lines;
- a new key's fingerprint (each face makes its own key) becomes `<fingerprint>`; the wizard lays
  the whole fingerprint out under its label in rows of 16 bytes (no row ends inside a byte, at 60
  columns): its rows are joined back to the one line;
- the wizard's next steps name its own actions (request.next_steps / upload_steps with
  in_wizard=True, numbered by the same renderer) where the command line names commands.
The wizard may show more around these lines (a heading, its own hints, an empty line for spacing,
which is left out); the command line's lines must appear among them, in order and unbroken.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from csrwizard.outcome_lines import next_steps_lines
from csrwizard.reply.upload_steps import upload_steps
from csrwizard.request.next_steps import next_steps
from csrwizard.tui.app import CsrWizardApp
from csrwizard.tui.screens.check_reply import CheckReplyScreen
from csrwizard.tui.screens.create_done import CreateDoneScreen
from csrwizard.tui.screens.decrypt import DecryptScreen
from csrwizard.tui.screens.decrypt_done import DecryptDoneScreen
from tests.conftest import encrypt_key_into, run_openssl
from tests.journey import SEED, OpensslCA, run_csrwizard, trust_like_a_public_root
from tests.pilot import SIZE, settle
from tests.test_plain_mode import spawn

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pty, which Windows lacks")
from tests.test_journey_plain import CREATE_ANSWERS  # noqa: E402 - after the skip, which needs pexpect
from tests.test_journey_wizard import ANSWERS, answer_until_review  # noqa: E402

PASSPHRASE = "faces agree"
WIDE = 2000  # columns: the line-by-line mode wraps at the terminal's width, and here nothing wraps
BACKUP_TIME = re.compile(r"\.\d{8}-\d{6}(-\d+)?\.bak\b")
FINGERPRINT = re.compile(r"\b[0-9A-F]{2}(:[0-9A-F]{2}){7,31}\b")
FINGERPRINT_LABEL = "Public key SHA-256:"
FINGERPRINT_ROW = re.compile(r"  [0-9A-F]{2}(:[0-9A-F]{2})*")


def normalised(lines: list[str], folder: Path) -> list[str]:
    """The rules of the module's docstring: the time of a backup, the working folder, a new key's fingerprint."""
    prefixes = [f"{folder}{os.sep}", f"{folder.resolve()}{os.sep}"]
    result = []
    for line in lines:
        for prefix in prefixes:
            line = line.replace(prefix, "")
        line = BACKUP_TIME.sub(".<date>-<time>.bak", line)
        result.append(FINGERPRINT.sub("<fingerprint>", line))
    return result


def joined_fingerprint(lines: list[str]) -> list[str]:
    """The wizard's fingerprint rows joined back to the one line the command line prints."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].startswith(FINGERPRINT_LABEL) and FINGERPRINT_ROW.fullmatch(line):
            separator = " " if joined[-1] == FINGERPRINT_LABEL else ":"
            joined[-1] += separator + line.strip()
        else:
            joined.append(line)
    return joined


def in_wizard_words(lines: list[str], wizard_steps: list[str]) -> list[str]:
    """The command line's lines with its next steps said as the wizard says them (the last rule)."""
    start = lines.index("Next steps:")
    return [*lines[:start], *next_steps_lines(wizard_steps)]


def assert_shown_in_order(expected: list[str], shown: list[str]) -> None:
    """`expected` appears in `shown` as one unbroken run of lines."""
    for start in range(len(shown) - len(expected) + 1):
        if shown[start : start + len(expected)] == expected:
            return
    raise AssertionError(
        "the wizard does not show the command line's lines:\n" + "\n".join(expected) + "\n---\n" + "\n".join(shown)
    )


def stdout_lines(result) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def plain(folder: Path, *words: str, answers: list[tuple[str, str]], env: dict[str, str] | None = None) -> str:
    """The line-by-line mode in a pty as wide as WIDE, each question answered; the transcript."""
    child, transcript = spawn(*words, folder=folder, extra_env=env, columns=WIDE, timeout=60)
    for question, text in answers:
        child.expect_exact(question)
        child.expect_exact(": ")
        child.sendline(text)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, transcript.text
    return transcript.text


def lines_after(transcript: str, question: str) -> list[str]:
    """What the line-by-line mode printed after the last answer to `question`."""
    after = transcript[transcript.rindex(question) :].split("\n", 1)[1]
    return [line.rstrip("\r") for line in after.split("\n") if line.strip()]


def wizard(folder: Path) -> CsrWizardApp:
    return CsrWizardApp(folder=folder, now=datetime.now)


def rendered_lines(screen, selector: str) -> list[str]:
    """A widget's text, line by line; its empty lines (the wizard's spacing) left out."""
    return [line for line in str(screen.query_one(selector).render()).splitlines() if line.strip()]


def folders(tmp_path: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        (tmp_path / name).mkdir()
        made.append(tmp_path / name)
    return made


def seed_create_words() -> list[str]:
    return [
        "create", "--batch", "--country", SEED["country"], "--state", SEED["state"],
        "--locality", SEED["locality"], "--org", SEED["organization"],
        "--cn", SEED["common_name"], "--san", SEED["sans"],
    ]  # fmt: skip


@pytest.fixture
def earlier_pair(tmp_path):
    """A key and CSR made earlier, the same bytes in each face's folder: each face backs them up."""
    source = tmp_path / "earlier"
    source.mkdir()
    run_csrwizard([*seed_create_words(), "--dir", str(source)], source)
    return source


async def test_create_says_the_same_lines_in_every_face(tmp_path, earlier_pair):
    batch, line_by_line, wizard_folder = folders(tmp_path, "batch", "plain", "wizard")
    for folder in (batch, line_by_line, wizard_folder):
        for name in ("server.key", "server.csr"):
            shutil.copy2(earlier_pair / name, folder / name)

    said = normalised(stdout_lines(run_csrwizard([*seed_create_words(), "--dir", str(batch)], batch)), batch)
    assert any(line.startswith("Backed up server.key as server.key.<date>-<time>.bak") for line in said), said

    transcript = plain(line_by_line, "create", "--plain", answers=[*CREATE_ANSWERS, ("Write these files?", "y")])
    assert normalised(lines_after(transcript, "Write these files?"), line_by_line) == said

    app = wizard(wizard_folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await answer_until_review(pilot, ANSWERS)
        await pilot.press("enter")  # Generate
        await settle(pilot)
        assert isinstance(app.screen, CreateDoneScreen)
        shown = rendered_lines(app.screen, "#written") + rendered_lines(app.screen, "#next-steps")
    steps = next_steps("server.csr", "server.key", in_wizard=True)
    assert_shown_in_order(in_wizard_words(said, steps), normalised(joined_fingerprint(shown), wizard_folder))


async def test_decrypt_says_the_same_lines_in_every_face(tmp_path, monkeypatch):
    batch, line_by_line, wizard_folder = folders(tmp_path, "batch", "plain", "wizard")
    encrypt_key_into(batch, PASSPHRASE)
    for folder in (line_by_line, wizard_folder):
        shutil.copy2(batch / "server.key", folder / "server.key")
    monkeypatch.setenv("EC_PASS", PASSPHRASE)

    result = run_csrwizard(["decrypt", "--batch", "--dir", str(batch), "--password-env", "EC_PASS"], batch)
    said = normalised(stdout_lines(result), batch)
    assert said == [
        "Read server.key: encrypted PKCS#8 (PEM)",
        "Backed up server.key as server.key.<date>-<time>.bak",
        "Wrote server.key  (private key, owner-only)",
    ]

    transcript = plain(
        line_by_line, "decrypt", "--plain", "--password-env", "EC_PASS", answers=[("Key file", ""), ("Write it?", "y")]
    )
    assert normalised(lines_after(transcript, "Write it?"), line_by_line) == said

    app = wizard(wizard_folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, DecryptScreen)
        await pilot.press(*PASSPHRASE, "enter")
        await settle(pilot)
        assert isinstance(app.screen, DecryptDoneScreen)
        shown = rendered_lines(app.screen, "#decrypt-summary")
    assert_shown_in_order(said, normalised(shown, wizard_folder))


async def test_check_and_write_say_the_same_lines_in_every_face(tmp_path, monkeypatch):
    ca = OpensslCA.make(tmp_path / "ca")
    trust_like_a_public_root(monkeypatch, ca, tmp_path / "store")
    signed = tmp_path / "signed"
    signed.mkdir()
    run_csrwizard([*seed_create_words(), "--dir", str(signed)], signed)
    ca.sign(signed / "server.csr", signed / "reply.p7b")
    batch, line_by_line, wizard_folder = folders(tmp_path, "batch", "plain", "wizard")
    for folder in (batch, line_by_line, wizard_folder):
        for name in ("server.key", "server.csr", "reply.p7b"):
            shutil.copy2(signed / name, folder / name)

    checked = stdout_lines(run_csrwizard(["check", "--dir", str(batch), "--cert", "reply.p7b"], batch))
    written = stdout_lines(run_csrwizard(["check", "--dir", str(batch), "--cert", "reply.p7b", "--write"], batch))
    checked, written = normalised(checked, batch), normalised(written, batch)
    assert checked and all(line.startswith("✓ PASS ") for line in checked), checked
    assert written[: len(checked)] == checked and "Wrote server.crt" in written and "Next steps:" in written

    transcript = plain(
        line_by_line,
        answers=[
            ("What would you like to do?", "4"),
            ("Certificate file from the CA", "reply.p7b"),
            ("address", ""),
            ("in upload order?", "y"),
            ("Build server.pfx", "n"),
            ("Probe the server", "n"),
        ],
    )
    before_write = transcript[: transcript.rindex("in upload order?")]
    assert normalised(lines_after(before_write, "address"), line_by_line)[: len(checked)] == checked
    # Before its question, what a .pfx would hold, in the words the build says afterwards.
    pfx_said = "The .pfx will hold the certificate, 1 chain certificate(s) and the key"
    assert lines_after(transcript[: transcript.rindex("Build server.pfx")], "in upload order?")[-1] == pfx_said
    after_write = transcript[: transcript.rindex(pfx_said)]
    # The checklist was said once, before the question: the write adds what batch adds after it.
    assert normalised(lines_after(after_write, "in upload order?"), line_by_line) == written[len(checked) :]
    assert transcript.count("✓ PASS Key match") == 1 and transcript.count("Next steps:") == 1

    app = wizard(wizard_folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, CheckReplyScreen)
        app.screen.query_one("#input-certificate").value = str(wizard_folder / "reply.p7b")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert_shown_in_order(checked, normalised(rendered_lines(app.screen, "#check-results"), wizard_folder))
        await pilot.press("ctrl+r")
        await settle(pilot)
        shown = normalised(rendered_lines(app.screen, "#check-results"), wizard_folder)
    steps = upload_steps(SEED["common_name"], 1, in_wizard=True)
    outcome = in_wizard_words(written[len(checked) :], steps)
    assert_shown_in_order(checked, shown)
    assert_shown_in_order(outcome, shown)
    assert (wizard_folder / "server.crt").is_file() and (batch / "server.crt").read_bytes() == (
        wizard_folder / "server.crt"
    ).read_bytes()
    run_openssl("x509", "-in", "server.crt", "-noout", cwd=wizard_folder)


async def test_both_menus_give_each_item_the_same_number_and_words(tmp_path):
    """ "Press 4, Check the CA's reply" must be true in the wizard and the line-by-line mode."""
    from csrwizard.menu_words import MENU_WORDS, renew_words
    from csrwizard.tui.widgets.menu_list import MenuList

    (tmp_path / "server.csr").write_text("")  # Renew names the file it starts from
    words = {**MENU_WORDS, "renew": renew_words("server.csr")}
    transcript = plain(tmp_path, answers=[("What would you like to do?", "6")])
    app = wizard(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [str(item.prompt) for item in app.screen.query_one(MenuList).items]
    for number, text in enumerate(words.values(), start=1):
        assert f"  {number}. {text}" in transcript
        assert shown[number - 1] == f"{number}  {text}"
