"""The seed's example through a whole life, in the line-by-line mode, driven in a real pty.

Bare `csrwizard` at a dumb terminal shows the numbered menu; each stage is a new run, as on the
server. Create (state TN kept against the advice, as the seed's example has it); the CA's reply
checked and written, then the .pfx and a probe offered by the same menu item; Renew; the check
between the renewal and its certificate; the renewed certificate; the README's daily line.
The CA is the openssl CLI, its root trusted as a public root is (SSL_CERT_FILE), never --trust.
"""

from __future__ import annotations

import os

import pytest

from csrwizard.request.csr import load_csr
from csrwizard.x509_fields import alt_name_texts
from tests.conftest import run_openssl
from tests.journey import (
    PFX_PASSWORD,
    SEED,
    SEED_NAMES,
    assert_daily_line_ok,
    csrwizard_command,
    serve_folder,
    start_journey,
)

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pty, which Windows lacks")
from tests.test_plain_mode import _Transcript, finish  # noqa: E402 - after the skip, which needs pexpect

CREATE_ANSWERS = [
    ("1/8 Country", SEED["country"]),
    ("2/8 State", SEED["state"]),
    ("Press Enter to use Tamil Nadu, or type TN again to keep it", SEED["state"]),
    ("3/8 Locality", SEED["locality"]),
    ("4/8 Organisation", SEED["organization"]),
    ("5/8 Organisational unit", ""),
    ("6/8 Common name", SEED["common_name"]),
    ("7/8 Subject alternative names", SEED["sans"]),
    ("8/8 Key size", ""),
]


def menu(folder, choice: str):
    """`csrwizard` in the folder at a dumb terminal, the menu answered with `choice`."""
    env = {**os.environ, "TERM": "dumb"}
    env.pop("CSRWIZARD_PLAIN", None)
    command = csrwizard_command()
    child = pexpect.spawn(
        command[0], command[1:], cwd=str(folder), env=env, encoding="utf-8", timeout=60, dimensions=(24, 80)
    )
    child.logfile_read = transcript = _Transcript()
    child.expect_exact("What would you like to do?")
    answer(child, "", choice)
    return child, transcript


def answer(child, question: str, text: str) -> None:
    """The next question's answer; with `question` "", whatever is asked next."""
    if question:
        child.expect_exact(question)
    child.expect_exact(": ")
    child.sendline(text)


def verdict_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()[:1] in ("✓", "!", "✗")]


def every_line_passes(text: str) -> None:
    lines = verdict_lines(text)
    assert lines and all(line.startswith("✓") and "PASS" in line for line in lines), text


@pytest.fixture
def journey(tmp_path, monkeypatch):
    return start_journey(tmp_path, monkeypatch)


def check_and_write(folder, certificate: str, then: list[tuple[str, str]] = ()) -> str:
    """Menu 4: the CA's file, no NAT address, then yes to writing; `then` answers what follows."""
    child, transcript = menu(folder, "4")
    answer(child, "Certificate file from the CA", certificate)
    answer(child, "address", "")
    answer(child, "in upload order?", "y")
    for question, text in then:
        answer(child, question, text)
    assert finish(child) == 0, transcript.text
    return transcript.text


def test_the_seeds_example_from_create_to_a_served_and_renewed_certificate(journey):
    folder, ca = journey

    # 1. Create, from the menu.
    child, transcript = menu(folder, "1")
    for question, text in CREATE_ANSWERS:
        answer(child, question, text)
    child.expect_exact("Review. Nothing has been written yet.")
    assert not any(folder.iterdir())
    answer(child, "Write these files?", "y")
    assert finish(child) == 0, transcript.text
    assert alt_name_texts(load_csr((folder / "server.csr").read_bytes())) == SEED_NAMES

    # 2-6. The CA's reply: checked and written, the .pfx built, and the server probed, all from menu 4.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    child, transcript = menu(folder, "4")
    answer(child, "Certificate file from the CA", "reply.p7b")
    answer(child, "address", "")
    child.expect_exact("in upload order?")
    every_line_passes(transcript.text)
    answer(child, "", "y")
    answer(child, "Build server.pfx", "y")
    answer(child, "Password", PFX_PASSWORD)
    answer(child, "Password again", PFX_PASSWORD)
    child.expect_exact("Wrote server.pfx")
    server = serve_folder(folder)
    try:
        answer(child, "Probe the server", "y")
        answer(child, "Server", f"127.0.0.1:{server.port}")
        child.expect_exact("The server presents server.crt")
        assert finish(child) == 0, transcript.text
    finally:
        server.stop()
    assert PFX_PASSWORD not in transcript.text
    listed = run_openssl("pkcs12", "-nokeys", "-passin", f"pass:{PFX_PASSWORD}", "-in", "server.pfx", cwd=folder)
    assert listed.stdout.count(b"BEGIN CERTIFICATE") == 2

    # 7. Renew from the menu: every answer offered as it was; a new key.
    old_key = (folder / "server.key").read_bytes()
    child, transcript = menu(folder, "2")
    for question, _ in CREATE_ANSWERS:
        if question.startswith("Press Enter"):
            answer(child, question, SEED["state"])
        else:
            answer(child, question, "")
    answer(child, "Write these files?", "y")
    assert finish(child) == 0, transcript.text
    assert (folder / "server.key").read_bytes() != old_key

    # Between the renewal and its certificate: pending, nothing destructive advised.
    child, transcript = menu(folder, "4")
    answer(child, "Certificate file from the CA", "")
    answer(child, "address", "")
    child.expect_exact("in upload order?")
    text = transcript.text
    assert "Renewal pending" in text and "Restore" not in text and "✗" not in text
    child.sendline("n")
    answer(child, "Build server.pfx", "n")
    answer(child, "Probe the server", "n")
    assert finish(child) == 0, transcript.text

    # 8-9. The CA signs the renewal: checked and written.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    text = check_and_write(folder, "reply.p7b", then=[("Build server.pfx", "n"), ("Probe the server", "n")])
    assert "Wrote server.crt" in text

    # 10. The daily line, as the README writes it, on the folder this face wrote.
    assert_daily_line_ok(folder)
