"""The CA's reply as engine operations (check_reply, write_reply_files, build_pfx), and the bugs
that lived while the CLI and the wizard each ran those steps themselves."""

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.cli import main
from csrwizard.problems import CsrWizardError, InputRefused
from csrwizard.reply.loading import ReplyFiles, load_reply
from csrwizard.reply.operations import build_pfx, check_reply, plan_reply_files, write_reply_files
from csrwizard.request.csr import load_csr
from tests.ca import ThrowawayCA
from tests.conftest import create_flags, encrypt_key_into, folder_snapshot, run_openssl

CREATE = create_flags("ec.example.net")
NOW = datetime.now(timezone.utc)


def pem(*certs):
    return b"".join(c.public_bytes(Encoding.PEM) for c in certs)


@pytest.fixture
def answered(tmp_path):
    """server.key + server.csr made by create, server.crt from the CA, its intermediate and root apart."""
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(
        load_csr((tmp_path / "server.csr").read_bytes()),
        sans=("ec.example.com", "ec.example.net"),
        not_before=NOW - timedelta(days=1),
        aia_url="http://127.0.0.1:1/issuer.der",
    )
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "inter.pem").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    return tmp_path, ca, leaf


def inputs_for(folder, chain=(), trust=()):
    """The reply as check reads it; with no chain named, the folder's CA files are the chain, so
    the tests of a missing intermediate take inter.pem away first (`without_chain`)."""
    files = ReplyFiles.in_folder(folder, chain=[folder / c for c in chain], trust=[folder / t for t in trust])
    return load_reply(files, system_roots=False)


def without_chain(folder):
    (folder / "inter.pem").unlink()
    (folder / "root.pem").rename(folder / "root.trust")  # kept to trust, no longer a CA file of the reply


class TestCheckReply:
    def test_fetch_completes_the_chain_and_leaves_the_given_inputs_unchanged(self, answered):
        folder, ca, _ = answered
        without_chain(folder)
        inputs = inputs_for(folder, trust=["root.trust"])
        before = list(inputs.certificates)
        asked = []

        def fetch(url):
            asked.append(url)
            return [ca.intermediate]

        report = check_reply(inputs, NOW, fetch=fetch)
        assert asked == ["http://127.0.0.1:1/issuer.der"]
        assert not report.failed and report.fetched == [ca.intermediate]
        assert inputs.certificates == before  # a worker may run this: nothing it was given changes

    def test_a_failed_fetch_is_reported_not_raised(self, answered):
        folder, _, _ = answered
        without_chain(folder)

        def fetch(url):
            raise CsrWizardError(f"could not fetch {url}: refused")

        report = check_reply(inputs_for(folder), NOW, fetch=fetch)
        assert report.failed and "refused" in report.fetch_problem

    def test_without_fetch_nothing_is_fetched(self, answered):
        folder, _, _ = answered
        without_chain(folder)
        report = check_reply(inputs_for(folder), NOW)
        assert report.failed and report.fetched == [] and report.missing_issuer_url

    def test_write_and_build_refuse_while_a_check_fails_and_write_nothing(self, answered):
        folder, _, _ = answered
        without_chain(folder)
        report = check_reply(inputs_for(folder), NOW)
        before = folder_snapshot(folder)
        with pytest.raises(InputRefused, match="fix what failed first"):
            write_reply_files(plan_reply_files(report, folder))
        with pytest.raises(InputRefused, match="fix what failed first"):
            build_pfx(report, b"pw", folder / "server.pfx")
        assert folder_snapshot(folder) == before

    def test_the_plan_says_a_file_already_holding_the_reply_is_left_as_it_is(self, answered):
        from csrwizard.outcome_lines import reply_plan_lines

        folder, _, _ = answered
        report = check_reply(inputs_for(folder, chain=["inter.pem"], trust=["root.pem"]), NOW)
        plan = plan_reply_files(report, folder)
        write_reply_files(plan)  # server.crt and the chain as they should be: the second write changes nothing
        plan = plan_reply_files(report, folder)
        lines = reply_plan_lines(plan, datetime.now(), folder)
        assert "Will leave server.crt as it is: it already holds these bytes" in lines
        assert "No backup needed: no file there changes" in lines
        assert not [line for line in lines if "none of these files is there yet" in line or "Will write" in line]
        outcome = write_reply_files(plan)  # and the write does what the plan said
        assert outcome.unchanged == plan.targets() and not outcome.backups and not outcome.written

    def test_build_pfx_refuses_passwords_that_differ(self, answered):
        folder, _, _ = answered
        report = check_reply(inputs_for(folder, chain=["inter.pem"], trust=["root.pem"]), NOW)
        with pytest.raises(InputRefused, match="the two passwords differ"):
            build_pfx(report, b"one", folder / "server.pfx", repeated=b"two")
        assert not (folder / "server.pfx").exists()

    def test_build_pfx_writes_a_pfx_openssl_opens(self, answered):
        folder, _, _ = answered
        report = check_reply(inputs_for(folder, chain=["inter.pem"], trust=["root.pem"]), NOW)
        result = build_pfx(report, b"pw", folder / "server.pfx", repeated=b"pw")
        assert result.chain_count == 1
        run_openssl("pkcs12", "-in", "server.pfx", "-noout", "-passin", "pass:pw", cwd=folder)


class TestRegressions:
    def test_pfx_password_from_stdin_is_read_once(self, answered):
        folder, _, _ = answered
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "csrwizard",
                "pfx",
                "--dir",
                str(folder),
                "--chain",
                "inter.pem",
                "--password-stdin",
            ],
            input=b"pw\n",
            capture_output=True,
        )
        assert result.returncode == 0, result.stderr.decode()
        run_openssl("pkcs12", "-in", "server.pfx", "-noout", "-passin", "pass:pw", cwd=folder)

    def test_decrypt_finds_a_relative_key_inside_dir(self, tmp_path, monkeypatch):
        encrypt_key_into(tmp_path, "s3cret")
        monkeypatch.setenv("EC_PASS", "s3cret")
        monkeypatch.chdir(tmp_path.parent)
        assert main(["decrypt", "--batch", "--dir", str(tmp_path), "server.key", "--password-env", "EC_PASS"]) == 0
        assert b"ENCRYPTED" not in (tmp_path / "server.key").read_bytes()

    def test_a_missing_file_is_named_by_its_whole_path(self, tmp_path, capsys, monkeypatch):
        monkeypatch.setenv("EC_PASS", "any")  # set on every platform (HOME is unset on Windows)
        assert main(["decrypt", "--batch", "--dir", str(tmp_path), "nope.key", "--password-env", "EC_PASS"]) == 1
        assert f"{tmp_path / 'nope.key'} does not exist" in capsys.readouterr().err

    @pytest.mark.parametrize("spelling", ["--password-env", "--passphrase-env"])
    def test_one_secret_family_for_every_command_and_the_old_spelling_still_works(
        self, tmp_path, monkeypatch, spelling
    ):
        encrypt_key_into(tmp_path, "s3cret")
        monkeypatch.setenv("EC_PASS", "s3cret")
        assert main(["decrypt", "--batch", "--dir", str(tmp_path), spelling, "EC_PASS"]) == 0

    def test_the_old_spelling_is_hidden_from_help(self, capsys):
        with pytest.raises(SystemExit):
            main(["decrypt", "--help"])
        out = capsys.readouterr().out
        assert "--password-env" in out and "--passphrase-env" not in out

    def test_a_missing_folder_is_said_once(self, tmp_path, capsys):
        assert main(["create", "--batch", "--dir", str(tmp_path / "missing"), *CREATE]) == 2
        err = capsys.readouterr().err
        assert err.count("does not exist") == 1

    @pytest.mark.parametrize("target", ["folder", "missing.crt"])
    def test_inspect_never_says_nothing_was_written_and_calls_a_file_a_file(self, tmp_path, capsys, target):
        (tmp_path / "folder").mkdir()
        assert main(["inspect", str(tmp_path / target)]) == 2
        err = capsys.readouterr().err
        assert "Nothing was written" not in err and "Certificate:" not in err
        assert "File:" in err

    def test_a_root_given_to_trust_is_named_as_such(self, answered, capsys):
        folder, _, _ = answered
        assert main(["check", "--dir", str(folder), "--chain", "inter.pem", "--trust", "root.pem"]) == 0
        out = capsys.readouterr().out
        assert "the root you gave to trust (Throwaway Root)" in out
        assert "a root this machine trusts" not in out

    def test_a_key_made_again_after_ordering_points_to_its_backup(self, answered, capsys):
        folder, _, leaf = answered
        assert main(["create", "--batch", "--dir", str(folder), *CREATE]) == 0  # a second run: a new key
        # ... before the CA issued the certificate for the first request.
        made = (leaf.not_valid_before_utc - timedelta(hours=1)).timestamp()
        os.utime(folder / "server.key", (made, made))
        backup = next(folder.glob("server.key.*.bak"))
        capsys.readouterr()
        assert main(["check", "--dir", str(folder), "--chain", "inter.pem", "--trust", "root.pem"]) == 1
        out = capsys.readouterr().out
        # One instruction, naming the file to copy, not two faults joined by "and".
        assert f"The certificate is for an earlier key, kept as {backup.name}" in out
        assert f"copy {backup.name} to server.key" in out and "server.key and the CSR were made again" in out
        assert "does not match the CSR" not in out
