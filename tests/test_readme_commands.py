"""Every command the README prints is run here, in a folder holding the seed's example, and must
behave as the README says: a README that drifts from the program fails this test.

`csrwizard` commands run as an admin types them (the installed command, in the folder); those that
open a screen run in a pty and must show it; the daily lines run with the folder filled in. The
`python` lines are the quick start and the build, which `.ci/run` runs word for word.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from csrwizard.cli import main
from tests.conftest import run_openssl
from tests.journey import (
    PFX_PASSWORD,
    SEED,
    OpensslCA,
    csrwizard_command,
    readme_code_lines,
    run_csrwizard,
    serve_folder,
    trust_like_a_public_root,
)

CI_RUN = Path(__file__).resolve().parent.parent / ".ci" / "run"
KEY_PASS = "key passphrase"
HOST = "www.zoho.com"  # the fixture's NAT address: the seed's CN


@dataclass(frozen=True)
class Expected:
    code: int  # the exit code the README promises
    says: str  # words the output must hold ("" for a screen, see `screen`)
    screen: str = ""  # for a command that opens the wizard: words its first screen shows
    prepare: Callable[[Path], None] | None = None  # the folder as the command expects it
    stdin: str | None = None  # what is piped in, for a line that pipes answers
    after: Callable[[Path, dict[str, bytes]], None] | None = None  # what it did to the folder (files before)


def _encrypted_key(folder: Path) -> None:
    run_openssl(
        "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "server.key", "-out", "encrypted.key",
        "-passout", f"pass:{KEY_PASS}", cwd=folder,
    )  # fmt: skip


def _server_key_encrypted(folder: Path) -> None:
    _encrypted_key(folder)
    os.replace(folder / "encrypted.key", folder / "server.key")


def _key_kept(folder: Path, before: dict[str, bytes]) -> None:
    assert (folder / "server.key").read_bytes() == before["server.key"]
    # The CSR is signed by that same key (the same subject and key make the same bytes again).
    key_modulus = run_openssl("rsa", "-in", "server.key", "-noout", "-modulus", cwd=folder).stdout
    run_openssl("req", "-in", "server.csr", "-noout", "-verify", cwd=folder)
    assert run_openssl("req", "-in", "server.csr", "-noout", "-modulus", cwd=folder).stdout == key_modulus


def _key_decrypted(folder: Path, before: dict[str, bytes]) -> None:
    assert b"ENCRYPTED" in before["server.key"] and b"ENCRYPTED" not in (folder / "server.key").read_bytes()
    run_openssl("pkey", "-in", "server.key", "-noout", cwd=folder)


def _pfx_unpacked(folder: Path, before: dict[str, bytes]) -> None:
    run_openssl("verify", "-untrusted", "intermediate.crt", "-CAfile", os.environ["SSL_CERT_FILE"], "server.crt",
                cwd=folder)  # fmt: skip
    assert (folder / "server.key").read_bytes() != b""


def _new_key(folder: Path, before: dict[str, bytes]) -> None:
    assert (folder / "server.key").read_bytes() != before["server.key"]
    assert list(folder.glob("server.key.*.bak"))


def _old_pfx(folder: Path) -> None:
    shutil.copyfile(folder / "server.pfx", folder / "old.pfx")


# The answers.txt of the README's piped line: the seed's answers, one a line, then y to the review.
SEED_ANSWERS = "IN\nTamil Nadu\nChennai\nZOHO\n\nwww.zoho.com\n" + SEED["sans"] + "\n\ny\n"
# What the README says each command does, by the command as it prints it (comment cut).
EXPECTED = {
    "csrwizard": Expected(0, "", screen="What would you like to do?"),
    "csrwizard create": Expected(0, "", screen="Country"),
    "csrwizard create --from-csr server.csr": Expected(0, "", screen="Country"),
    "csrwizard create --from-cert server.crt": Expected(0, "", screen="Country"),
    "csrwizard decrypt encrypted.key": Expected(0, "", screen="encrypted.key", prepare=_encrypted_key),
    "csrwizard create --plain": Expected(0, "", screen="Country"),
    "csrwizard create --batch --country IN --state TN --locality Chennai --org ZOHO --cn www.zoho.com "
    '--san "*.domain.com, manageengine.com, ems.com, desktopcentral.com"': Expected(0, "Tamil Nadu"),
    "csrwizard decrypt --batch server.key --password-env EC_KEY_PASS": Expected(
        0, "server.key", prepare=_server_key_encrypted, after=_key_decrypted
    ),
    # The folder's server.crt already holds the reply's certificate: it is said to be unchanged.
    "csrwizard check --cert reply.p7b --write": Expected(0, "intermediate.crt"),
    "csrwizard check": Expected(0, "✓ PASS Chain"),
    "csrwizard check --host ec.example.com": Expected(0, f"Covers {HOST}"),
    "csrwizard pfx": Expected(0, "", screen="New password for the .pfx"),
    "csrwizard pfx --password-env PFX_PASS": Expected(0, "Wrote server.pfx"),
    "csrwizard probe ec.example.com": Expected(0, "The server presents server.crt"),
    "csrwizard probe 203.0.113.10:8383 --name ec.example.com": Expected(0, "The server presents server.crt"),
    "csrwizard inspect server.crt": Expected(0, HOST),
    "csrwizard decrypt --batch server.pfx --password-env PFX_PASS": Expected(0, "server.key", after=_pfx_unpacked),
    "csrwizard create --batch --from-cert server.crt": Expected(0, "Backed up server.key", after=_new_key),
    "csrwizard create --from-cert old.pfx": Expected(0, "", screen="Password of old.pfx", prepare=_old_pfx),
    "csrwizard create --batch --from-csr server.csr --reuse-key": Expected(0, "server.csr", after=_key_kept),
    "csrwizard check --warn-days": Expected(0, "csrwizard check OK"),
    "csrwizard probe ec.example.com --warn-days": Expected(0, "csrwizard probe OK"),
    # The daily task, with the folder filled in (run by `daily_command`).
    "C:\\csrwizard\\csrwizard.exe check --dir C:\\csrwizard\\ec --warn-days": Expected(0, "csrwizard check OK"),
    "csrwizard check --dir /srv/ec-certs --warn-days": Expected(0, "csrwizard check OK"),
    # The PowerShell-remoting lines: every answer as a flag, piped answers, a passphrase in a variable.
    'csrwizard.exe create --batch --country IN --state "Tamil Nadu" --locality Chennai --org ZOHO --cn '
    'www.zoho.com --san "*.domain.com, manageengine.com, ems.com, desktopcentral.com"': Expected(0, "server.csr"),
    "Get-Content answers.txt | csrwizard.exe create --plain": Expected(0, "server.csr", stdin=SEED_ANSWERS),
    "csrwizard.exe decrypt --batch server.key --password-env EC_PASS": Expected(
        0, "server.key", prepare=_server_key_encrypted, after=_key_decrypted
    ),
    # The hardened server's first start, from the folder the zip unpacks into.
    ".\\csrwizard.exe --dir ..": Expected(0, "", screen="What would you like to do?"),
}
# Lines only Windows can run, and where what they stand for is tested instead.
WINDOWS_ONLY = {
    "$env:EC_PASS": "PowerShell's hidden prompt into a variable: EC_PASS is set by the test instead",
    "Remove-Item Env:EC_PASS": "PowerShell removing that variable",
    "(Get-FileHash": "the published SHA-256: tests/test_release.py checks build.py's .sha256 with sha256sum",
    "Expand-Archive": "unpacking the zip: packaging/smoke.py runs the unpacked folder in .ci/run",
    'cd "<Server_Installed_Directory>': "the folder the zip unpacks into",
    "schtasks ": "Task Scheduler: the command it runs (/tr) is run here",
}


PROGRAM_WORDS = ("csrwizard", "csrwizard.exe", ".\\csrwizard.exe")


def readme_commands() -> list[str]:
    """Every csrwizard command in the README, the daily tasks' inner commands included, each part
    of a PowerShell line on its own; the Windows-only parts are left to WINDOWS_ONLY."""
    commands = []
    for line in readme_code_lines():
        command = re.split(r"\s{2,}#\s|\s#\s", line, maxsplit=1)[0].strip()
        for part in command.split("; "):
            words = part.split()
            if not words or words[0] == "#":
                continue
            if words[0] == "schtasks":
                commands.append(re.search(r'/tr "([^"]+)"', part).group(1))
            elif part.startswith("0 8 * * * "):
                commands.append(part.removeprefix("0 8 * * * ").split(" >>")[0])
            elif words[0] in PROGRAM_WORDS or " | csrwizard" in part:
                commands.append(part)
    return commands


def readme_lines_left_to_windows() -> list[str]:
    """The code lines that are neither csrwizard's commands, the quick start, nor printed output."""
    left = []
    for line in readme_code_lines():
        for part in line.split("; "):
            first = part.split()[0] if part.split() else ""
            if first.startswith(("$env:", "Remove-Item", "(Get-", "Expand-", "cd", "schtasks")):
                left.append(part)
    return left


def test_every_readme_command_has_its_promise_here():
    commands = readme_commands()
    assert len(commands) >= 20
    assert set(commands) == set(EXPECTED), set(commands) ^ set(EXPECTED)


def test_every_windows_only_line_is_named_with_what_stands_for_it():
    for part in readme_lines_left_to_windows():
        assert any(part.startswith(prefix) for prefix in WINDOWS_ONLY), part


def test_every_python_line_of_the_readme_is_run_by_ci_word_for_word():
    ci = CI_RUN.read_text()
    python_lines = [line.split("  #")[0].strip() for line in readme_code_lines() if line.startswith("python ")]
    assert 'python -m pip install -e ".[test]" && python -m pytest' in python_lines
    for line in python_lines:
        if line == "python -m pip install . && csrwizard":  # opens the wizard: the pty tests below
            continue
        assert line.split(" && ")[0].split("  ")[0] in ci, line


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The seed's example after create, the CA's reply, check --write and pfx: in force."""
    base = tmp_path_factory.mktemp("readme")
    folder, ca = base / "ec", OpensslCA.make(base / "ca")
    folder.mkdir()
    flags = ["--country", SEED["country"], "--state", SEED["state"], "--locality", SEED["locality"],
             "--org", SEED["organization"], "--cn", SEED["common_name"], "--san", SEED["sans"]]  # fmt: skip
    assert main(["create", "--batch", "--dir", str(folder), *flags]) == 0
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    env = {**os.environ, "SSL_CERT_FILE": str(ca.root), "PFX_PASS": PFX_PASSWORD}
    assert run_csrwizard(["check", "--cert", "reply.p7b", "--write"], folder, env=env).returncode == 0
    assert run_csrwizard(["pfx", "--password-env", "PFX_PASS"], folder, env=env).returncode == 0
    return folder, ca


@pytest.fixture
def folder(template, tmp_path, monkeypatch):
    source, ca = template
    copy = tmp_path / "ec"
    shutil.copytree(source, copy)
    trust_like_a_public_root(monkeypatch, ca, tmp_path / "store")
    monkeypatch.setenv("PFX_PASS", PFX_PASSWORD)
    monkeypatch.setenv("EC_KEY_PASS", KEY_PASS)
    monkeypatch.setenv("EC_PASS", KEY_PASS)
    return copy


def filled_in(command: str, folder: Path, port: int) -> list[str]:
    """The README's command with the fixture's folder, host and server address."""
    command = command.replace("C:\\csrwizard\\csrwizard.exe", "csrwizard").split(" | ")[-1]
    command = re.sub(r"^(\.\\\\)?csrwizard\.exe\b", "csrwizard", command)
    for placeholder in ("C:\\csrwizard\\ec", "/srv/ec-certs"):
        command = command.replace(placeholder, str(folder))
    words = shlex.split(command, posix=True)
    if len(words) > 1 and words[1] == "probe":
        target = f"127.0.0.1:{port}"
        words = [target if w in ("ec.example.com", "203.0.113.10:8383") and i == 2 else w for i, w in enumerate(words)]
        if "--name" not in words:
            words += ["--name", HOST]
    return [HOST if w == "ec.example.com" else w for w in words]


@pytest.mark.parametrize("command", [c for c in EXPECTED if not EXPECTED[c].screen])
def test_the_readme_command_does_what_the_readme_says(command, folder):
    expected = EXPECTED[command]
    server = serve_folder(folder)  # Endpoint Central serving the folder's files since the upload
    if expected.prepare:
        expected.prepare(folder)
    before = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    try:
        result = run_csrwizard(filled_in(command, folder, server.port), folder, input=expected.stdin)
    finally:
        server.stop()
    output = result.stdout + result.stderr
    assert result.returncode == expected.code, output
    assert expected.says in output and "Traceback" not in output
    if expected.after:
        expected.after(folder, before)


@pytest.mark.skipif(sys.platform == "win32", reason="a pty: pexpect has none on Windows")
@pytest.mark.parametrize("command", [c for c in EXPECTED if EXPECTED[c].screen])
def test_the_readme_command_opens_its_screen(command, folder):
    pexpect = pytest.importorskip("pexpect")
    expected = EXPECTED[command]
    if expected.prepare:
        expected.prepare(folder)
    words = filled_in(command, folder, 0)[1:]
    env = {**os.environ, "TERM": "xterm-256color" if "--plain" not in words else "dumb"}
    env.pop("CSRWIZARD_PLAIN", None)
    child = pexpect.spawn(
        csrwizard_command()[0], [*csrwizard_command()[1:], *words], cwd=str(folder), env=env,
        encoding="utf-8", timeout=30, dimensions=(24, 80),
    )  # fmt: skip
    try:
        child.expect(re.escape(expected.screen))
    finally:
        child.terminate(force=True)
