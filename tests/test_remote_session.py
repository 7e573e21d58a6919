"""Remote sessions: the line-by-line mode answered from a pipe, on every platform, Windows included.

Under PowerShell remoting (Enter-PSSession) standard input is no console: nothing typed reaches a
program, readline() would wait forever and getpass would spin. Answers can still be piped in, a
pipe that never gives one ends with the ways that work, and a secret comes only from --password-*.
"""

import io
import os
import subprocess
import sys
import time

import pytest

from csrwizard.cli.console_input import is_console, wait_for_input
from csrwizard.cli.plain.lines import LinePrompt
from csrwizard.problems import CsrWizardError, SecretRefused
from tests.conftest import encrypt_key_into, run_openssl

# The seed's example as an answers file holds it, one answer a line, the state in full (a code
# is kept, with a warning, and asks no extra question: test_plain_pipe.py).
SEED_ANSWERS = (
    "IN\nTamil Nadu\nChennai\nZOHO\n\nwww.zoho.com\n*.domain.com, manageengine.com, ems.com, desktopcentral.com\n\ny\n"
)
SEED_NAMES = ["www.zoho.com", "*.domain.com", "manageengine.com", "ems.com", "desktopcentral.com"]


def csrwizard(*words: str, answers: str, env_extra=None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "csrwizard", *words], input=answers.encode(), capture_output=True, timeout=120, env=env
    )


def test_the_seeds_answers_piped_into_create_plain_make_the_csr_openssl_reads(tmp_path):
    result = csrwizard("create", "--plain", "--dir", str(tmp_path), answers=SEED_ANSWERS)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    subject = run_openssl("req", "-in", "server.csr", "-noout", "-subject", "-nameopt", "RFC2253", cwd=tmp_path)
    assert subject.stdout.decode().strip() == "subject=CN=www.zoho.com,O=ZOHO,L=Chennai,ST=Tamil Nadu,C=IN"
    text = run_openssl("req", "-in", "server.csr", "-noout", "-text", cwd=tmp_path).stdout.decode()
    assert ", ".join(f"DNS:{name}" for name in SEED_NAMES) in text
    run_openssl("req", "-in", "server.csr", "-noout", "-verify", cwd=tmp_path)
    assert b"Traceback" not in result.stderr


def test_a_pipe_that_never_answers_ends_with_what_works_instead_of_hanging():
    read_end, write_end = os.pipe()  # the writer stays open, as PowerShell remoting keeps it
    try:
        with os.fdopen(read_end, "r", closefd=True) as answers:
            prompt = LinePrompt(answers=answers, output=io.StringIO(), first_answer_wait=0.3)
            assert prompt.console is False
            started = time.monotonic()
            with pytest.raises(CsrWizardError) as refusal:
                prompt.ask("Country")
            assert time.monotonic() - started < 5
    finally:
        os.close(write_end)
    message = str(refusal.value)
    assert "Enter-PSSession" in message and "--batch" in message and "OpenSSH" in message
    assert "Nothing was written" in message


def test_answers_that_are_on_their_way_are_waited_for():
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r") as answers:
        os.write(write_end, b"IN\n")
        prompt = LinePrompt(answers=answers, output=io.StringIO(), first_answer_wait=5)
        assert prompt.ask("Country") == "IN"
        os.close(write_end)


def test_a_pipe_and_a_string_are_not_consoles():
    read_end, write_end = os.pipe()
    try:
        with os.fdopen(read_end, "r") as pipe:
            assert not is_console(pipe)
            assert not is_console(pipe, platform="win32")
    finally:
        os.close(write_end)
    assert not is_console(io.StringIO("IN\n"))
    assert wait_for_input(io.StringIO("IN\n"), 0)  # nothing to wait for


def test_without_a_console_a_secret_is_refused_not_waited_for():
    prompt = LinePrompt(answers=io.StringIO("secret\n"), output=io.StringIO(), console=False)
    with pytest.raises(SecretRefused, match="--password-env"):
        prompt.ask_secret("Passphrase")


def test_decrypt_plain_from_a_pipe_without_a_password_flag_is_refused_and_changes_nothing(tmp_path):
    encrypt_key_into(tmp_path, "s3cret")
    before = (tmp_path / "server.key").read_bytes()
    result = csrwizard("decrypt", "--plain", "--dir", str(tmp_path), "server.key", answers="s3cret\ny\n")
    assert result.returncode == 2, result.stderr
    assert b"cannot be typed hidden" in result.stderr and b"--password-env" in result.stderr
    assert b"s3cret" not in result.stdout + result.stderr
    assert (tmp_path / "server.key").read_bytes() == before


@pytest.mark.parametrize("source", ["env", "stdin"])
def test_decrypt_plain_from_a_pipe_takes_the_secret_from_its_flag(tmp_path, source):
    encrypt_key_into(tmp_path, "s3cret")
    words = ["decrypt", "--plain", "--dir", str(tmp_path), "server.key"]
    if source == "env":
        result = csrwizard(*words, "--password-env", "EC_PASS", answers="y\n", env_extra={"EC_PASS": "s3cret"})
    else:
        result = csrwizard(*words, "--password-stdin", answers="s3cret\ny\n")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert b"ENCRYPTED" not in (tmp_path / "server.key").read_bytes()
    assert b"s3cret" not in result.stdout + result.stderr


def test_a_wrong_secret_from_a_flag_is_refused_at_once(tmp_path):
    encrypt_key_into(tmp_path, "s3cret")
    before = (tmp_path / "server.key").read_bytes()
    words = ["decrypt", "--plain", "--dir", str(tmp_path), "server.key", "--password-env", "EC_PASS"]
    result = csrwizard(*words, answers="y\n", env_extra={"EC_PASS": "wrong"})
    assert result.returncode == 2
    assert b"try 2 of 3" not in result.stdout
    assert (tmp_path / "server.key").read_bytes() == before


class NulDevice:
    """Standard input redirected from NUL on Windows: isatty() says yes (it is a character device),
    yet no one can type there, and getpass would spin on msvcrt.getwch() forever."""

    def __init__(self, descriptor: int):
        self.descriptor = descriptor

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor


def test_a_password_is_never_prompted_for_where_stdin_only_looks_like_a_terminal(monkeypatch):
    import argparse
    import getpass

    from csrwizard.cli.secrets import read_secret
    from csrwizard.problems import InputRefused

    descriptor = os.open(os.devnull, os.O_RDONLY)
    try:
        monkeypatch.setattr(sys, "stdin", NulDevice(descriptor))
        monkeypatch.setattr(getpass, "getpass", lambda *a, **k: pytest.fail("getpass was called"))
        args = argparse.Namespace(secret_env=None, secret_file=None, secret_stdin=False)
        with pytest.raises(InputRefused):
            read_secret(args, allow_prompt=True)
    finally:
        os.close(descriptor)
