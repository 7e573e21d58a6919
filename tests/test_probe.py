"""`csrwizard probe` against a TLS server on 127.0.0.1, run in-process with Python's ssl module."""

from __future__ import annotations

import json
import socket
import ssl
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs7

from csrwizard.cli import main
from csrwizard.names import HTTPS_PORT
from csrwizard.reply.probe import ProbeFailed, parse_target, presented_chain
from csrwizard.request.csr import load_csr
from tests.ca import ThrowawayCA, issue, rsa_key
from tests.conftest import create_flags
from tests.tls_server import LocalServer

NAMES = ("ec.example.com", "ec.example.net")


def pem(*certificates) -> bytes:
    return b"".join(c.public_bytes(Encoding.PEM) for c in certificates)


def tls_server(folder: Path, leaf, chain, key) -> LocalServer:
    """Serves `leaf` and `chain` with `key`, as Endpoint Central's web server would."""
    (folder / "served-chain.pem").write_bytes(pem(leaf, *chain))
    (folder / "served-key.pem").write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "served-chain.pem", folder / "served-key.pem")

    def serve(connection):
        with context.wrap_socket(connection, server_side=True) as tls:
            tls.recv(1)  # until the client hangs up

    return LocalServer(serve)


@pytest.fixture
def renewed(tmp_path):
    """The folder after `check --write`: server.key, server.crt, intermediate.crt, and the CA's root."""
    assert main(["create", "--batch", "--dir", str(tmp_path), *create_flags("ec.example.net")]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(csr, sans=NAMES)
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "intermediate.crt").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
    return tmp_path, ca, leaf, key


def probe_served(folder, leaf, chain, key, *extra, now=None) -> int:
    """`csrwizard probe` against a local server presenting `leaf` and `chain`; its exit code."""
    server = tls_server(folder, leaf, chain, key)
    try:
        return main(probe_words(folder, server.port, *extra), now=now)
    finally:
        server.stop()


def probe_words(folder, port, *extra):
    return ["probe", f"127.0.0.1:{port}", "--dir", str(folder), "--name", "ec.example.com", "--trust", "root.pem",
            "--timeout", "3", *extra]  # fmt: skip


def test_the_right_chain_passes(renewed, capsys):
    folder, ca, leaf, key = renewed
    assert probe_served(folder, leaf, [ca.intermediate], key) == 0
    out = capsys.readouterr().out
    assert "✓ PASS Served certificate: The server presents server.crt" in out
    assert "✓ PASS Names: Covers ec.example.com" in out
    assert "✓ PASS Chain:" in out and "✗" not in out


def test_the_old_certificate_is_named_with_the_fix(renewed, capsys):
    folder, ca, leaf, key = renewed
    old_key = rsa_key()
    old = ca.leaf_for(old_key, sans=NAMES, days=30)  # expires before the new one
    assert probe_served(folder, old, [ca.intermediate], old_key) == 1
    out = capsys.readouterr().out
    expires = f"{old.not_valid_after_utc:%Y-%m-%d}"
    assert f"✗ FAIL Served certificate: The server still presents the certificate that expires on {expires}" in out
    assert "restart the Endpoint Central service" in out


def test_a_missing_intermediate_is_said_in_words(renewed, capsys):
    folder, ca, leaf, key = renewed
    assert probe_served(folder, leaf, [], key, "--json") == 1  # the upload left out intermediate.crt
    report = json.loads(capsys.readouterr().out)
    verdicts = {result["check"]: result for result in report["results"]}
    assert verdicts["Served certificate"]["verdict"] == "pass"
    assert verdicts["Served chain"]["verdict"] == "fail"
    assert "does not send Throwaway Intermediate from intermediate.crt" in verdicts["Served chain"]["reason"]
    assert "Missing intermediate" in verdicts["Chain"]["reason"]


def test_a_server_that_does_not_speak_tls_is_named(tmp_path):
    def plain_http(connection):
        connection.recv(1024)
        connection.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    server = LocalServer(plain_http)
    try:
        with pytest.raises(ProbeFailed, match=r"is not TLS .*is it the HTTP port"):
            presented_chain("127.0.0.1", server.port, "ec.example.com", timeout=3)
    finally:
        server.stop()


def test_refused_and_timed_out_are_told_apart(tmp_path, capsys):
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    assert main(["probe", f"127.0.0.1:{port}", "--dir", str(tmp_path)]) == 1
    assert "refused the connection" in capsys.readouterr().err

    def never_answer(connection):
        while connection.recv(1024):  # reads the client's hello, says nothing, until it hangs up
            pass

    silent = LocalServer(never_answer)
    try:
        with pytest.raises(ProbeFailed, match="timed out"):
            presented_chain("127.0.0.1", silent.port, "ec.example.com", timeout=0.5)
    finally:
        silent.stop()


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("ec.example.com", ("ec.example.com", HTTPS_PORT)),
        ("ec.example.com:8443", ("ec.example.com", 8443)),
        ("https://ec.example.com:8383/webclient", ("ec.example.com", 8383)),
        ("[2001:db8::1]:9443", ("2001:db8::1", 9443)),
        ("2001:db8::1", ("2001:db8::1", HTTPS_PORT)),
    ],
)
def test_targets_are_read_as_admins_type_them(typed, target):
    assert parse_target(typed) == target


@pytest.mark.parametrize("typed", ["", "ec.example.com:http", "ec.example.com:70000"])
def test_a_bad_target_is_refused_in_words(typed):
    with pytest.raises(ProbeFailed):
        parse_target(typed)


def test_the_whole_renewal_round_trip(tmp_path, capsys):
    """create -> a CA signs -> check --write -> served -> probe says so -> --from-cert renews the same."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    flags = create_flags("ec.example.net")
    assert main(["create", "--batch", "--dir", str(tmp_path), *flags]) == 0
    ca = ThrowawayCA.create()
    request = load_csr((tmp_path / "server.csr").read_bytes())
    # An OV certificate: the CA copies the request's subject (a DV one carries only the names).
    leaf = issue(request.subject, request.public_key(), ca.intermediate.subject, ca.intermediate_key, ca=False,
                 sans=NAMES)  # fmt: skip
    (tmp_path / "reply.p7b").write_bytes(pkcs7.serialize_certificates([ca.intermediate, leaf], Encoding.DER))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    check = ["check", "--dir", str(tmp_path), "--cert", "reply.p7b", "--trust", "root.pem"]
    assert main([*check, "--host", "ec.example.com", "--write"]) == 0
    key = load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
    assert probe_served(tmp_path, leaf, [ca.intermediate], key) == 0
    assert "The server presents server.crt" in capsys.readouterr().out
    renewal = tmp_path / "renewal"
    renewal.mkdir()
    assert main(["create", "--batch", "--dir", str(renewal), "--from-cert", str(tmp_path / "server.crt")]) == 0
    old = load_csr((tmp_path / "server.csr").read_bytes())
    new = load_csr((renewal / "server.csr").read_bytes())
    assert new.subject == old.subject
    from csrwizard.x509_fields import alt_name_texts

    assert alt_name_texts(new) == alt_name_texts(old) == list(NAMES)


@pytest.mark.parametrize(("days_before_expiry", "code", "word"), [(60, 0, "OK"), (10, 3, "RENEW NOW")])
def test_warn_days_judges_what_the_server_serves(renewed, capsys, monkeypatch, days_before_expiry, code, word):
    from datetime import timedelta

    folder, ca, leaf, key = renewed
    moment = leaf.not_valid_after_utc - timedelta(days=days_before_expiry)
    # Checked at that moment, the CA's own certificates must still be valid: they are (years).
    assert probe_served(folder, leaf, [ca.intermediate], key, "--warn-days", "30", now=lambda: moment) == code
    line = capsys.readouterr().out.strip()
    assert len(line.splitlines()) == 1 and line.startswith(f"csrwizard probe {word} 127.0.0.1:")


def test_warn_days_says_failed_when_the_server_serves_something_wrong(renewed, capsys):
    folder, ca, leaf, key = renewed
    assert probe_served(folder, leaf, [], key, "--warn-days") == 1  # the intermediate was not uploaded
    assert capsys.readouterr().out.startswith("csrwizard probe FAILED")
