"""The folder model: what a working folder holds, and where it stands, as every face names it."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.cli import main
from csrwizard.pki.folder import (
    EMPTY,
    IN_FORCE,
    MISMATCH,
    RENEWAL_PENDING,
    WAITING,
    folder_status,
    read_folder,
)
from csrwizard.request.csr import load_csr
from tests.ca import ThrowawayCA
from tests.conftest import create_flags

CREATE = create_flags("ec.example.net")
SANS = ("ec.example.com", "ec.example.net")


def pem(*certificates) -> bytes:
    return b"".join(c.public_bytes(Encoding.PEM) for c in certificates)


@pytest.fixture
def in_force(tmp_path):
    """server.key and server.csr by create, then the CA's certificate written by `check --write`."""
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    ca = ThrowawayCA.create()
    now = datetime.now(timezone.utc)
    leaf = ca.leaf_for(load_csr((tmp_path / "server.csr").read_bytes()), sans=SANS, not_before=now)
    (tmp_path / "reply.crt").write_bytes(pem(leaf))
    (tmp_path / "ca-bundle.crt").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    assert main(["check", "--dir", str(tmp_path), "--cert", "reply.crt", "--trust", "root.pem", "--write"]) == 0
    for name in ("reply.crt", "ca-bundle.crt"):
        (tmp_path / name).unlink()
    return tmp_path, ca, leaf


def renew(folder) -> None:
    """The README's renewal, a little later than the certificate was issued. The throwaway CA's
    certificate carries only the names, as a DV certificate does: the flags give the rest."""
    later = (datetime.now(timezone.utc) + timedelta(minutes=5)).timestamp()
    assert main(["create", "--batch", "--dir", str(folder), "--from-cert", "server.crt", *CREATE]) == 0
    for name in ("server.key", "server.csr"):
        os.utime(folder / name, (later, later))


def status(folder) -> str:
    return folder_status(read_folder(folder)).state


class TestStates:
    def test_an_empty_folder(self, tmp_path):
        assert status(tmp_path) == EMPTY

    def test_a_key_and_csr_wait_for_the_ca(self, tmp_path):
        assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
        assert status(tmp_path) == WAITING

    def test_the_certificate_matching_the_key_is_in_force(self, in_force):
        folder, _, _ = in_force
        assert status(folder) == IN_FORCE

    def test_after_a_renewal_the_renewal_is_pending(self, in_force):
        folder, _, leaf = in_force
        renew(folder)
        found = folder_status(read_folder(folder))
        assert found.state == RENEWAL_PENDING
        assert f"{leaf.not_valid_after_utc:%Y-%m-%d}" in found.sentence

    def test_a_certificate_for_another_key_is_a_mismatch(self, in_force):
        folder, _, _ = in_force
        for backup in folder.glob("server.key.*.bak"):
            backup.unlink()
        (folder / "server.key").unlink()
        assert main(["create", "--batch", "--dir", str(folder), *CREATE]) == 0
        for backup in folder.glob("server.key.*.bak"):
            backup.unlink()
        assert status(folder) == MISMATCH

    def test_the_listing_names_every_file_the_folder_holds(self, in_force):
        folder, _, _ = in_force
        listed = {path.name for path in read_folder(folder).listing()}
        assert {"server.key", "server.csr", "server.crt", "intermediate.crt", "root.pem"} <= listed


class TestCheckAfterARenewal:
    def test_check_says_the_renewal_is_pending_and_advises_nothing_destructive(self, in_force, capsys):
        folder, _, leaf = in_force
        renew(folder)
        capsys.readouterr()
        assert main(["check", "--dir", str(folder), "--trust", "root.pem"]) == 0
        out = capsys.readouterr().out
        assert "Renewal pending" in out and f"{leaf.not_valid_after_utc:%Y-%m-%d}" in out
        assert "Restore" not in out and "✗" not in out
        # The key and CSR in force are named by their backups: server.csr is the new request's.
        key_backup = next(folder.glob("server.key.*.bak")).name
        csr_backup = next(folder.glob("server.csr.*.bak")).name
        assert f"The certificate matches {key_backup} and {csr_backup}" in out

    @pytest.mark.parametrize(("days_before_expiry", "code"), [(60, 0), (10, 3)])
    def test_the_daily_line_judges_the_certificate_in_force(
        self, in_force, capsys, monkeypatch, days_before_expiry, code
    ):
        folder, _, leaf = in_force
        renew(folder)
        moment = leaf.not_valid_after_utc - timedelta(days=days_before_expiry)
        capsys.readouterr()
        words = ["check", "--dir", str(folder), "--trust", "root.pem", "--warn-days", "30"]
        assert main(words, now=lambda: moment) == code
        line = capsys.readouterr().out.strip()
        assert "FAILED" not in line and "renewal pending" in line and len(line.splitlines()) == 1

    def test_a_key_newer_than_the_certificate_is_never_to_be_replaced_by_a_backup(self, in_force, capsys):
        """The new key's CSR is lost (or another), but the key is newer than the certificate: it may be
        what the CA is signing now, so no backup is put over it."""
        folder, _, _ = in_force
        renew(folder)
        (folder / "server.csr").unlink()
        capsys.readouterr()
        main(["check", "--dir", str(folder), "--trust", "root.pem"])
        assert "Restore" not in capsys.readouterr().out


class TestTheFoldersChain:
    def test_check_with_no_flags_uses_the_chain_check_write_wrote(self, in_force, capsys):
        folder, _, _ = in_force
        capsys.readouterr()
        assert main(["check", "--dir", str(folder), "--trust", "root.pem"]) == 0
        out = capsys.readouterr().out
        assert "Missing intermediate" not in out and "✓ PASS Chain" in out

    def test_the_ca_bundle_is_found_when_no_chain_was_written(self, tmp_path, capsys):
        assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(load_csr((tmp_path / "server.csr").read_bytes()), sans=SANS)
        (tmp_path / "server.crt").write_bytes(pem(leaf))
        (tmp_path / "ca-bundle.crt").write_bytes(pem(ca.intermediate, ca.root))
        capsys.readouterr()
        # The root came in the bundle but is trusted nowhere: a warning, not a failure.
        assert main(["check", "--dir", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert "Missing intermediate" not in out and "Throwaway Intermediate > " not in out
        assert "ec.example.com > Throwaway Intermediate validates, but ends at 'Throwaway Root'" in out


class TestASecondRenewal:
    def test_a_new_key_while_a_renewal_is_pending_is_warned_of_on_review(self, in_force):
        from csrwizard.request.create import CreateRequest, plan_create
        from csrwizard.request.prefill import subject_for_renewal

        folder, _, _ = in_force
        assert plan_create(CreateRequest(subject_for_renewal(folder), folder)).key_warnings == []
        renew(folder)
        warnings = plan_create(CreateRequest(subject_for_renewal(folder), folder)).key_warnings
        assert len(warnings) == 1 and "a renewal is already pending" in str(warnings[0])
        kept = plan_create(CreateRequest(subject_for_renewal(folder), folder, reuse_key=True)).key_warnings
        assert "already pending" not in " ".join(map(str, kept))

    def test_the_batch_create_says_so(self, in_force, capsys):
        folder, _, _ = in_force
        renew(folder)
        capsys.readouterr()
        assert main(["create", "--batch", "--dir", str(folder), "--from-cert", "server.crt", *CREATE]) == 0
        assert "a renewal is already pending" in capsys.readouterr().out
