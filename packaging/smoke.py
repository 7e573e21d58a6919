"""Smoke-test a built csrwizard executable the way an admin would first use it on a server.

    python packaging/smoke.py dist/csrwizard

It runs the executable with a bare environment (no virtual environment, no Python on PATH), in a
scratch folder: --version, create --batch (checked by the openssl CLI), decrypt --batch of a key
openssl encrypted, inspect, the line-by-line mode from a pipe, and, where tmux exists, the
wizard's screens at 80x24, so that a module PyInstaller missed fails here and not on a server.
Needs only the standard library.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "smoke test passphrase"
# CI sets it, so that a runner without tmux fails instead of skipping the wizard's screens.
REQUIRE_SCREENS_VARIABLE = "CSRWIZARD_SMOKE_REQUIRE_SCREENS"
SUBJECT = [
    "--country", "GB", "--state", "England", "--locality", "London",
    "--org", "Example Ltd", "--cn", "ec.example.com", "--san", "ec.example.net, 203.0.113.10",
]  # fmt: skip
PLAIN_ANSWERS = "IN\nTamil Nadu\nChennai\nZOHO\n\nwww.zoho.com\n*.domain.com, manageengine.com\n\ny\n"
# (keys to press, text that must then be on screen): screens that load Textual widgets lazily.
SCREENS = [
    ([], "What would you like to do?"),
    (["F1"], "Help"),
    (["Escape", "c"], "Step 1 of 5"),
    (["Escape", "k"], "Check the CA's reply"),
    (["Escape", "d"], "Decrypt a private key"),
    (["C-o"], "Backspace Up a folder"),  # the file picker's own footer
    (["Escape", "Escape", "i"], "Inspect a file"),
]


class SmokeFailure(AssertionError):
    pass


def bare_environment(home: Path, term: str = "xterm-256color") -> dict[str, str]:
    """What a fresh server session has: system folders on PATH, no Python, no virtual environment."""
    if sys.platform == "win32":
        keep = ("SYSTEMROOT", "WINDIR", "COMSPEC", "TEMP", "TMP", "USERPROFILE", "USERNAME", "PATHEXT")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        env["PATH"] = os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32")
        return env
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TERM": term, "LANG": "C.UTF-8"}


def run(executable: Path, words: list[str], folder: Path, stdin: str = "", env_extra=None) -> str:
    env = {**bare_environment(folder), **(env_extra or {})}
    result = subprocess.run(
        [str(executable), *words], cwd=folder, input=stdin.encode(), capture_output=True, env=env, timeout=120
    )
    output = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or "Traceback" in output:
        raise SmokeFailure(f"{' '.join(words)} exited {result.returncode}:\n{output}")
    return output


def openssl(*words: str, folder: Path) -> str:
    result = subprocess.run(["openssl", *words], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise SmokeFailure(f"openssl {' '.join(words)}: {result.stderr}")
    return result.stdout + result.stderr


def check_batch(executable: Path, folder: Path) -> None:
    version = run(executable, ["--version"], folder)
    if not version.startswith("csrwizard "):
        raise SmokeFailure(f"--version said {version!r}")
    run(executable, ["create", "--batch", *SUBJECT], folder)
    has_openssl = shutil.which("openssl") is not None
    if has_openssl:
        openssl("req", "-in", "server.csr", "-verify", "-noout", folder=folder)
        csr_key = openssl("req", "-in", "server.csr", "-pubkey", "-noout", folder=folder)
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "server.key", "-out", "locked.key",
                "-passout", f"pass:{PASSPHRASE}", folder=folder)  # fmt: skip
        run(executable, ["decrypt", "--batch", "locked.key", "--password-env", "SMOKE_PASS"], folder,
            env_extra={"SMOKE_PASS": PASSPHRASE})  # fmt: skip
        if openssl("pkey", "-in", "locked.key", "-pubout", folder=folder) != csr_key:
            raise SmokeFailure("the decrypted key is not the key of the CSR")
    inspected = run(executable, ["inspect", "server.csr"], folder)
    if "ec.example.com" not in inspected:
        raise SmokeFailure(f"inspect did not show the common name:\n{inspected}")
    print("batch: --version, create, decrypt, inspect: ok" + ("" if has_openssl else " (no openssl: unchecked)"))


def check_plain(executable: Path, folder: Path) -> None:
    plain = folder / "plain"
    plain.mkdir()
    output = run(executable, ["create", "--plain"], plain, stdin=PLAIN_ANSWERS)
    if "Public key SHA-256" not in output or not (plain / "server.csr").is_file():
        raise SmokeFailure(f"the line-by-line mode did not write the CSR:\n{output}")
    if shutil.which("openssl"):
        openssl("req", "-in", "server.csr", "-verify", "-noout", folder=plain)
    print("line-by-line create: ok")


def check_screens(executable: Path, folder: Path) -> None:
    tmux = shutil.which("tmux")
    if sys.platform == "win32" or not tmux:
        if sys.platform != "win32" and os.environ.get(REQUIRE_SCREENS_VARIABLE) == "1":
            raise SmokeFailure(f"no tmux to show the wizard's screens, and {REQUIRE_SCREENS_VARIABLE}=1")
        print("wizard screens: skipped (no tmux here)")
        return
    session = f"smoke{os.getpid()}"
    env = bare_environment(folder)
    command = " ".join(f"{name}='{value}'" for name, value in env.items())
    subprocess.run(
        [tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", f"env -i {command} '{executable}'"],
        cwd=folder,
        check=True,
    )
    try:
        for keys, expected in SCREENS:
            for key in keys:
                subprocess.run([tmux, "send-keys", "-t", session, key], check=True)
                time.sleep(0.4)
            screen = wait_for(tmux, session, expected)
            print(f"wizard screen with {expected!r}: ok")
        if "Traceback" in screen:
            raise SmokeFailure(screen)
    finally:
        subprocess.run([tmux, "kill-session", "-t", session], capture_output=True)


def wait_for(tmux: str, session: str, expected: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    screen = ""
    while time.monotonic() < deadline:
        result = subprocess.run([tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True)
        screen = result.stdout
        if expected in screen:
            return screen
        if result.returncode != 0:
            break  # the session ended: the program exited
        time.sleep(0.2)
    raise SmokeFailure(f"{expected!r} never showed; the screen was:\n{screen}")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    executable = Path(sys.argv[1]).resolve()
    with tempfile.TemporaryDirectory(prefix="csrwizard-smoke-") as scratch:
        folder = Path(scratch)
        try:
            check_batch(executable, folder)
            check_plain(executable, folder)
            check_screens(executable, folder)
        except SmokeFailure as failure:
            print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"smoke test passed: {executable}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
