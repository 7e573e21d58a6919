"""check, pfx, inspect and .pfx unpacking through the CLI, judged by the openssl CLI."""

import http.server
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from csrwizard.cli import main
from csrwizard.request.csr import load_csr
from tests.access import assert_owner_only
from tests.ca import ThrowawayCA
from tests.conftest import create_flags, folder_snapshot, run_openssl

CREATE = create_flags("ec.example.net, 198.51.100.7")


def pem(*certs):
    return b"".join(c.public_bytes(Encoding.PEM) for c in certs)


@pytest.fixture
def server_folder(tmp_path):
    """A folder where csrwizard made server.key and server.csr, and the CA answered with server.crt."""
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    now = datetime.now(timezone.utc)
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(
        csr,
        sans=("ec.example.com", "ec.example.net", "198.51.100.7"),
        not_before=now - timedelta(days=1),
        aia_url="http://127.0.0.1:1/issuer.der",
    )
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "chain.pem").write_bytes(pem(ca.root, ca.intermediate))  # shuffled on purpose
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    (tmp_path / "inter.pem").write_bytes(pem(ca.intermediate))
    return tmp_path, ca, leaf


def check(folder, *extra):
    return main(["check", "--dir", str(folder), *extra])


def test_check_passes_end_to_end_and_json_lists_every_verdict(server_folder, capsys):
    folder, ca, leaf = server_folder
    assert check(folder, "--chain", str(folder / "chain.pem"), "--host", "198.51.100.7", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True
    assert {r["check"] for r in out["results"]} >= {
        "Key match",
        "Names",
        "Key type",
        "Dates",
        "Validity length",
        "Chain",
    }
    assert out["chain"][0].startswith("CN=ec.example.com")


def test_check_fails_with_exit_1_when_the_nat_address_is_missing(server_folder, capsys):
    folder, _, _ = server_folder
    assert check(folder, "--chain", str(folder / "chain.pem"), "--host", "203.0.113.99") == 1
    out = capsys.readouterr().out
    assert "✗ FAIL Names: Not covered by the certificate: 203.0.113.99" in out


def test_check_exits_2_on_a_file_that_is_no_certificate(server_folder, capsys):
    folder, _, _ = server_folder
    (folder / "server.crt").write_text("<html>Your certificate</html>")
    assert check(folder) == 2
    err = capsys.readouterr().err
    assert "Certificate:" in err and "Traceback" not in err


def test_check_write_puts_leaf_and_chain_in_order_with_backups(server_folder, capsys):
    from cryptography.hazmat.primitives.serialization import Encoding

    folder, ca, leaf = server_folder
    (folder / "server.crt").write_bytes(leaf.public_bytes(Encoding.DER))  # as some CAs send it
    original = (folder / "server.crt").read_bytes()
    assert check(folder, "--chain", str(folder / "chain.pem"), "--write") == 0
    assert (folder / "server.crt").read_bytes() == pem(leaf)
    # The root came in chain.pem: it is left out, since clients carry their own.
    assert (folder / "intermediate.crt").read_bytes() == pem(ca.intermediate)
    backups = list(folder.glob("server.crt.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    # Written again, byte for byte the same: said to be unchanged, and no backup is made.
    capsys.readouterr()
    before = folder_snapshot(folder)
    assert check(folder, "--chain", str(folder / "chain.pem"), "--write") == 0
    out = capsys.readouterr().out
    assert f"Unchanged {folder / 'server.crt'}: it already holds these bytes (no backup made)" in out
    assert folder_snapshot(folder) == before


def test_check_write_writes_nothing_when_a_check_fails(server_folder):
    folder, _, _ = server_folder
    before = folder_snapshot(folder)
    assert check(folder, "--chain", str(folder / "chain.pem"), "--host", "nope.example.org", "--write") == 1
    assert folder_snapshot(folder) == before


@pytest.mark.parametrize("given, openssl_ok", [(["inter.pem"], True), ([], False)])
def test_openssl_verify_agrees_with_the_chain_verdict(server_folder, capsys, given, openssl_ok):
    import subprocess

    from tests.conftest import OPENSSL

    folder, _, _ = server_folder
    if not given:  # no chain anywhere: check would otherwise find the CA's bundle in the folder
        (folder / "chain.pem").unlink()
        (folder / "inter.pem").unlink()
    untrusted = ["-untrusted", str(folder / given[0])] if given else []
    verified = subprocess.run(
        [OPENSSL, "verify", "-CAfile", str(folder / "root.pem"), *untrusted, str(folder / "server.crt")],
        capture_output=True,
    )
    chain_files = [str(folder / name) for name in given]
    args = ["--trust", str(folder / "root.pem"), "--json"] + (["--chain", *chain_files] if chain_files else [])
    check(folder, *args)
    chain_verdict = next(r for r in json.loads(capsys.readouterr().out)["results"] if r["check"] == "Chain")
    assert (verified.returncode == 0) is openssl_ok
    assert (chain_verdict["verdict"] == "pass") is openssl_ok


def test_a_certificate_issued_by_openssl_x509_req_passes_check(tmp_path):
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    run_openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-subj",
        "/CN=openssl test root",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",  # as every real CA root has; browsers require it
        "-days",
        "30",
        cwd=tmp_path,
    )
    run_openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "90",
        "-copy_extensions",
        "copy",
        cwd=tmp_path,
    )
    assert main(["check", "--dir", str(tmp_path), "--trust", str(tmp_path / "ca.crt"), "--host", "ec.example.net"]) == 0


def test_check_reads_a_p7b_reply(server_folder):
    folder, ca, leaf = server_folder
    (folder / "reply.p7b").write_bytes(pkcs7.serialize_certificates([ca.intermediate, leaf, ca.root], Encoding.DER))
    assert check(folder, "--cert", str(folder / "reply.p7b")) == 0


class IssuerHandler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802 - the http.server API
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-cert")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("served_as", ["der", "p7c"])
def test_fetch_intermediates_downloads_the_missing_issuer(tmp_path, capsys, served_as):
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    ca = ThrowawayCA.create()
    IssuerHandler.body = (
        ca.intermediate.public_bytes(Encoding.DER)
        if served_as == "der"
        else pkcs7.serialize_certificates([ca.intermediate], Encoding.DER)
    )
    server = http.server.HTTPServer(("127.0.0.1", 0), IssuerHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/issuer.{served_as}"
        now = datetime.now(timezone.utc)
        leaf = ca.leaf_for(
            csr,
            sans=("ec.example.com", "ec.example.net", "198.51.100.7"),
            not_before=now - timedelta(days=1),
            aia_url=url,
        )
        (tmp_path / "server.crt").write_bytes(pem(leaf))
        (tmp_path / "root.pem").write_bytes(pem(ca.root))
        assert check(tmp_path, "--trust", str(tmp_path / "root.pem")) == 1
        assert url in capsys.readouterr().out
        assert check(tmp_path, "--trust", str(tmp_path / "root.pem"), "--fetch-intermediates", "--write") == 0
        assert "Fetched CN=Throwaway Intermediate" in capsys.readouterr().out
        assert (tmp_path / "intermediate.crt").read_bytes() == pem(ca.intermediate)
    finally:
        server.shutdown()


@pytest.mark.parametrize("legacy", [False, True])
def test_openssl_reads_our_pfx_modern_and_legacy(server_folder, monkeypatch, legacy):
    folder, ca, leaf = server_folder
    monkeypatch.setenv("PFX_PASS", "pfx secret")
    args = ["pfx", "--dir", str(folder), "--chain", str(folder / "chain.pem"), "--password-env", "PFX_PASS"]
    assert main(args + (["--legacy"] if legacy else [])) == 0
    info = run_openssl(
        "pkcs12",
        "-info",
        "-noout",
        "-passin",
        "pass:pfx secret",
        "-in",
        str(folder / "server.pfx"),
        *(["-legacy"] if legacy else []),
    )
    text = info.stderr.decode()
    assert ("pbeWithSHA1And3-KeyTripleDES-CBC" in text) is legacy
    assert ("AES-256-CBC" in text) is not legacy
    listed = run_openssl(
        "pkcs12",
        "-nokeys",
        "-passin",
        "pass:pfx secret",
        "-in",
        str(folder / "server.pfx"),
        *(["-legacy"] if legacy else []),
    ).stdout
    # The certificate and its intermediate; the root that came in chain.pem is left out.
    assert listed.count(b"BEGIN CERTIFICATE") == 2
    assert b"friendlyName: csrwizard" in listed


def test_pfx_refuses_a_key_that_does_not_match(server_folder, monkeypatch, capsys):
    folder, _, _ = server_folder
    other = folder / "other"
    other.mkdir()
    assert main(["create", "--batch", "--dir", str(other), *CREATE]) == 0
    monkeypatch.setenv("PFX_PASS", "x")
    before = folder_snapshot(folder)
    assert main(["pfx", "--dir", str(folder), "--key", str(other / "server.key"), "--password-env", "PFX_PASS"]) == 2
    assert "does not match" in capsys.readouterr().err
    assert folder_snapshot(folder) == before


def test_decrypt_unpacks_a_pfx_into_key_certificate_and_chain(server_folder, monkeypatch):
    folder, ca, leaf = server_folder
    monkeypatch.setenv("PFX_PASS", "pfx secret")
    assert main(["pfx", "--dir", str(folder), "--chain", str(folder / "inter.pem"), "--password-env", "PFX_PASS"]) == 0
    out = folder / "unpacked"
    out.mkdir()
    assert (
        main(["decrypt", "--batch", str(folder / "server.pfx"), "--out", str(out), "--passphrase-env", "PFX_PASS"]) == 0
    )
    assert (out / "server.key").read_bytes() == (folder / "server.key").read_bytes()
    assert (out / "server.crt").read_bytes() == pem(leaf)
    assert (out / "intermediate.crt").read_bytes() == pem(ca.intermediate)
    assert_owner_only(out / "server.key")
    monkeypatch.setenv("PFX_PASS", "wrong")
    assert (
        main(["decrypt", "--batch", str(folder / "server.pfx"), "--out", str(out), "--passphrase-env", "PFX_PASS"]) == 2
    )


@pytest.mark.parametrize("name", ["server.csr", "server.crt", "server.key", "chain.pem", "server.pfx"])
def test_inspect_decodes_every_kind_and_never_prints_key_material(server_folder, monkeypatch, capsys, name):
    folder, _, _ = server_folder
    monkeypatch.setenv("PFX_PASS", "pw")
    assert main(["pfx", "--dir", str(folder), "--chain", "inter.pem", "--password-env", "PFX_PASS"]) == 0
    capsys.readouterr()
    extra = ["--password-env", "PFX_PASS"] if name.endswith(".pfx") else []
    assert main(["inspect", str(folder / name), *extra]) == 0
    text = capsys.readouterr().out
    assert "PRIVATE KEY" not in text and "MII" not in text
    assert "Key:" in text
    assert main(["inspect", str(folder / name), "--json", *extra]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["kind"]


def test_inspect_shows_subject_sans_validity_and_signature(server_folder, capsys):
    folder, _, leaf = server_folder
    assert main(["inspect", str(folder / "server.crt"), "--json"]) == 0
    cert = json.loads(capsys.readouterr().out)["certificates"][0]
    assert cert["subject_alternative_names"] == ["DNS:ec.example.com", "DNS:ec.example.net", "IP:198.51.100.7"]
    assert cert["public_key"] == "RSA 2048 bits"
    assert cert["not_after"] == leaf.not_valid_after_utc.isoformat()
    assert cert["signature_valid"] is None  # its issuer is not in this file
    assert main(["inspect", str(folder / "server.csr"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["csr"]["signature_valid"] is True


def test_check_into_a_narrow_code_page_prints_no_traceback(server_folder):
    """A log file on Windows is written in the ANSI code page, which has no ✓ or ✗."""
    import os
    import subprocess
    import sys

    folder, _, _ = server_folder
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "csrwizard",
            "check",
            "--dir",
            str(folder),
            "--chain",
            "chain.pem",
            "--trust",
            "root.pem",
            "--host",
            "ec.example.com",
        ],  # fmt: skip
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"? PASS Key" in result.stdout
