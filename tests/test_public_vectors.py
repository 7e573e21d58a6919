"""Never a traceback on a public test file: every file of pyca's `cryptography-vectors` x509
folder goes through inspect, check and create --from-cert, in-process (a traceback there is an
exception out of `main`). Each run exits 0 to 2, and a refusal is at most two lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from csrwizard.cli import main
from tests.ca import rsa_key

cryptography_vectors = pytest.importorskip("cryptography_vectors")
VECTORS = Path(os.path.dirname(cryptography_vectors.__file__)) / "x509"
SEED = [
    "--country", "IN", "--state", "Tamil Nadu", "--locality", "Chennai", "--org", "ZOHO",
    "--cn", "www.zoho.com", "--san", "*.domain.com, manageengine.com, ems.com, desktopcentral.com",
]  # fmt: skip


def vector_files() -> list[Path]:
    return sorted(path for path in VECTORS.rglob("*") if path.is_file())


def test_the_x509_folder_is_there():
    assert len(vector_files()) > 1000


@pytest.fixture
def instant_keys(monkeypatch):
    """create's key is made once: 1,700 RSA keys would take minutes and prove nothing more."""
    from csrwizard.request import key_generation

    key = rsa_key()
    monkeypatch.setattr(key_generation, "make_key", lambda size: key)


COMMANDS = {
    "inspect": lambda path, out: ["inspect", str(path)],
    "check": lambda path, out: ["check", "--dir", str(out), "--cert", str(path)],
    "create --from-cert": lambda path, out: ["create", "--batch", "--dir", str(out), "--from-cert", str(path), *SEED],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_no_traceback_on_any_x509_test_vector(command, tmp_path, capsys, instant_keys, monkeypatch):
    monkeypatch.setenv("CSRWIZARD_CACHE_DIR", str(tmp_path / "cache"))
    tracebacks, unruly = [], []
    for number, path in enumerate(vector_files()):
        out = tmp_path / str(number)
        out.mkdir()
        try:
            code = main(COMMANDS[command](path, out))
        except Exception as error:  # noqa: BLE001 - what a user would see as a traceback
            tracebacks.append(f"{path.relative_to(VECTORS)}: {type(error).__name__}: {error}")
            continue
        output = capsys.readouterr()
        said = (output.out + output.err).strip().splitlines()
        refused = code != 0 and not output.out.strip()
        if code not in (0, 1, 2) or "Traceback" in output.err or (refused and len(said) > 2):
            unruly.append(f"{path.relative_to(VECTORS)}: exit {code}: {said[:3]}")
    assert not tracebacks, f"{len(tracebacks)} tracebacks:\n" + "\n".join(tracebacks[:30])
    assert not unruly, f"{len(unruly)} runs:\n" + "\n".join(unruly[:30])
