"""Shared fixtures: a valid subject, and the openssl CLI as an independent judge."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from csrwizard.names import LOCK_NAME
from csrwizard.request.subject import SubjectInput

OPENSSL = shutil.which("openssl")
# The suite keeps its own cache (the parsed public suffix list), not the user's.
os.environ.setdefault("CSRWIZARD_CACHE_DIR", tempfile.mkdtemp(prefix="csrwizard-test-cache-"))


def run_openssl(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the openssl CLI; fail the test with its stderr when it refuses."""
    assert OPENSSL, "the openssl CLI is required (.ci/run installs it)"
    result = subprocess.run([OPENSSL, *args], input=input, capture_output=True, cwd=cwd)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def create_flags(sans: str) -> list[str]:
    """The flags of `create --batch` for the usual test subject, with these SANs."""
    subject = {
        "--country": "GB",
        "--state": "England",
        "--locality": "London",
        "--org": "Example Ltd",
        "--cn": "ec.example.com",
        "--san": sans,
    }
    return [word for pair in subject.items() for word in pair]


def encrypt_key_into(folder, passphrase: str) -> None:
    """server.key encrypted by the openssl CLI, as a CA portal or an older tool would leave it."""
    from csrwizard.pki.keys import private_key_pem
    from csrwizard.request.key_generation import make_key

    (folder / "plain.pem").write_bytes(private_key_pem(make_key(2048)))
    run_openssl(
        "pkcs8",
        "-topk8",
        "-v2",
        "aes-256-cbc",
        "-in",
        "plain.pem",
        "-out",
        "server.key",
        "-passout",
        f"pass:{passphrase}",
        cwd=folder,
    )


@pytest.fixture
def typed_subject() -> SubjectInput:
    return SubjectInput(
        country="GB",
        state="England",
        locality="London",
        organization="Example Ltd",
        organizational_unit="",
        common_name="ec.example.com",
        sans="ec.example.net, 8.8.8.8",
    )


def folder_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below the folder with its bytes: equal snapshots mean nothing changed.

    The folder's lock file is left out: a write takes it, and it holds nothing.
    """
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"<not a file>"
        for path in sorted(folder.rglob("*"))
        if path.name != LOCK_NAME
    }


def names_in(folder: Path) -> list[str]:
    """The names in a folder, but its lock file."""
    return sorted(path.name for path in folder.iterdir() if path.name != LOCK_NAME)
