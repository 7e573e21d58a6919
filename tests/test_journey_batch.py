"""The seed's example through a whole life, in the batch command line, as the README prints it.

create -> the CA signs (openssl) -> check and write -> check with no flags -> pfx -> probe what a
server on 127.0.0.1 serves -> renew from server.crt -> check says the renewal is pending and
advises nothing destructive -> the CA signs the renewal -> check and write -> the daily line.
The CA's root is trusted as a public root is: in the machine's store (SSL_CERT_FILE), never --trust.
"""

from __future__ import annotations

import pytest

from csrwizard.request.csr import load_csr
from csrwizard.x509_fields import alt_name_texts
from tests.conftest import run_openssl
from tests.journey import (
    PFX_PASSWORD,
    SEED_NAMES,
    assert_daily_line_ok,
    readme_command,
    readme_daily_line,
    run_csrwizard,
    serve_folder,
    start_journey,
)


def every_line_passes(output: str) -> None:
    lines = [line for line in output.splitlines() if line[:1] in ("✓", "!", "✗")]
    assert lines and all(line.startswith("✓") for line in lines), output


def run(words, folder, expected=0):
    result = run_csrwizard(words, folder)
    assert result.returncode == expected, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def journey(tmp_path, monkeypatch):
    return start_journey(tmp_path, monkeypatch)


def test_the_seeds_example_from_create_to_a_served_and_renewed_certificate(journey):
    folder, ca = journey

    # 1. create, with the command the README prints.
    out = run(readme_command("csrwizard create --batch --country IN"), folder)
    assert "TN" in out and "Tamil Nadu" in out  # the state's warning, with the fix
    assert alt_name_texts(load_csr((folder / "server.csr").read_bytes())) == SEED_NAMES

    # 2. The CA signs it and sends a .p7b; 3-4. check, then write the files for the upload.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    out = run(readme_command("csrwizard check --cert reply.p7b --write"), folder)
    every_line_passes(out)
    assert "*.domain.com" in out
    assert (folder / "server.crt").is_file() and (folder / "intermediate.crt").is_file()
    assert "Journey Root CA" not in (folder / "intermediate.crt").read_text()  # the root is never uploaded
    run_openssl("verify", "-CAfile", str(ca.root), "-untrusted", "intermediate.crt", "server.crt", cwd=folder)

    # Later, in the same folder, with no flags at all: every line passes.
    every_line_passes(run(readme_command("csrwizard check", exact=True), folder))

    # 5. The .pfx, read back by openssl.
    run(readme_command("csrwizard pfx --password-env"), folder)
    listed = run_openssl("pkcs12", "-nokeys", "-passin", f"pass:{PFX_PASSWORD}", "-in", "server.pfx", cwd=folder)
    assert listed.stdout.count(b"BEGIN CERTIFICATE") == 2

    # 6. Uploaded and restarted: probe what the server serves, by address, for the name clients use.
    server = serve_folder(folder)
    try:
        words = readme_command("csrwizard probe 203.0.113.10:8383 --name")
        words = [f"127.0.0.1:{server.port}" if w == "203.0.113.10:8383" else w for w in words]
        words = ["www.zoho.com" if w == "ec.example.com" else w for w in words]
        out = run(words, folder)
        assert "✓ PASS Served certificate: The server presents server.crt" in out
        every_line_passes(out)
        daily = run([*words, "--warn-days"], folder)
        assert daily.startswith("csrwizard probe OK") and len(daily.strip().splitlines()) == 1
    finally:
        server.stop()

    # 7. Renew from the certificate in force: the same subject and names, a new key.
    old_key = (folder / "server.key").read_bytes()
    run(readme_command("csrwizard create --batch --from-cert server.crt"), folder)
    assert (folder / "server.key").read_bytes() != old_key
    assert alt_name_texts(load_csr((folder / "server.csr").read_bytes())) == SEED_NAMES
    out = run(readme_command("csrwizard check", exact=True), folder)
    assert "Renewal pending" in out and "Restore" not in out and "✗" not in out
    # Writing again is harmless, and the next steps say there is nothing new to upload.
    out = run([*readme_command("csrwizard check", exact=True), "--write"], folder)
    assert "Nothing to upload now" in out and "Do not upload server.key" in out
    daily = run(readme_daily_line(folder), folder)
    assert "OK" in daily and "renewal pending" in daily
    # A .pfx built meanwhile packs the certificate in force with its own key, and says which file.
    out = run(readme_command("csrwizard pfx --password-env"), folder)
    (key_backup,) = [path.name for path in folder.glob("server.key.*.bak") if path.read_bytes() == old_key]
    assert f"the certificate in force, 1 chain certificate(s) and its key, {key_backup}" in out
    secret = f"pass:{PFX_PASSWORD}"
    packed = run_openssl("pkcs12", "-nocerts", "-noenc", "-passin", secret, "-in", "server.pfx", cwd=folder)
    in_force = run_openssl("x509", "-noout", "-pubkey", "-in", "server.crt", cwd=folder).stdout
    assert run_openssl("pkey", "-pubout", input=packed.stdout).stdout == in_force

    # 8-9. The CA signs the renewal; it is checked and written, and is in force.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    out = run(readme_command("csrwizard check --cert reply.p7b --write"), folder)
    every_line_passes(out)
    out = run(readme_command("csrwizard check", exact=True), folder)
    every_line_passes(out)
    assert "Renewal pending" not in out

    # 10. The daily line, exactly as the README writes it: 0 on a healthy folder (3 near the end).
    assert_daily_line_ok(folder)
