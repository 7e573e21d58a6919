"""The renewal kit: told before expiry, split intermediates, renewing from a certificate, key reuse,
an internal CA, and what the server really serves."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.cli import main
from csrwizard.reply.renewal import default_warn_days, renewal_timing
from csrwizard.request.csr import load_csr
from tests.ca import ThrowawayCA, issue, name, rsa_key
from tests.conftest import create_flags

ISSUED = datetime(2026, 6, 1, tzinfo=timezone.utc)
CA_SINCE = datetime(2026, 1, 1, tzinfo=timezone.utc)  # valid on every day these tests stand at
CREATE = create_flags("ec.example.net")


def pem(*certificates) -> bytes:
    return b"".join(c.public_bytes(Encoding.PEM) for c in certificates)


@pytest.fixture
def renewed_folder(tmp_path):
    """server.key and server.csr made by csrwizard, and a 200-day certificate from a throwaway CA."""
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    ca = ThrowawayCA.with_keys(rsa_key(), rsa_key(), not_before=CA_SINCE)
    leaf = ca.leaf_for(csr, sans=("ec.example.com", "ec.example.net"), not_before=ISSUED, days=200)
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "chain.pem").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    return tmp_path, ca, leaf


def at(moment: datetime):
    """A clock standing at `moment`, handed to the command line as its `now`."""
    return lambda: moment


def check_words(folder, *extra):
    return ["check", "--dir", str(folder), "--chain", "chain.pem", "--trust", "root.pem", *extra]


def test_the_default_warning_starts_a_third_of_the_lifetime_before_expiry(renewed_folder):
    _, _, leaf = renewed_folder
    assert default_warn_days(leaf) == 66  # 200 days (both ends inclusive) / 3
    expires = leaf.not_valid_after_utc
    timing = renewal_timing(leaf, expires - timedelta(days=66))
    assert (timing.days_left, timing.due) == (66, False)
    timing = renewal_timing(leaf, expires - timedelta(days=65, hours=23))
    assert (timing.days_left, timing.due) == (65, True)
    assert timing.renew_by == (expires - timedelta(days=66)).date()


@pytest.mark.parametrize(("days_before_expiry", "code"), [(31, 0), (30, 0), (29.5, 3), (1, 3)])
def test_warn_days_exits_3_only_under_n_days_left(renewed_folder, capsys, days_before_expiry, code):
    folder, _, leaf = renewed_folder
    now = at(leaf.not_valid_after_utc - timedelta(days=days_before_expiry))
    assert main(check_words(folder, "--warn-days", "30"), now=now) == code
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1  # one line, fit for a log
    assert ("RENEW NOW" in lines[0]) == (code == 3)
    assert "server.crt" in lines[0] and "renew by" in lines[0]


def test_warn_days_without_n_uses_a_third_of_the_lifetime(renewed_folder, capsys):
    folder, _, leaf = renewed_folder
    assert main(check_words(folder, "--warn-days"), now=at(leaf.not_valid_after_utc - timedelta(days=60))) == 3
    assert "warns under 66 days" in capsys.readouterr().out
    assert main(check_words(folder, "--warn-days"), now=at(leaf.not_valid_after_utc - timedelta(days=100))) == 0


def test_a_failing_check_exits_1_not_3(renewed_folder, capsys):
    folder, _, leaf = renewed_folder
    assert (
        main(
            check_words(folder, "--warn-days", "30", "--host", "elsewhere.example.org"),
            now=at(leaf.not_valid_after_utc - timedelta(days=5)),
        )
        == 1
    )
    assert "FAILED" in capsys.readouterr().out


def test_json_carries_days_left_and_renew_by(renewed_folder, capsys):
    folder, _, leaf = renewed_folder
    assert main(check_words(folder, "--json"), now=at(leaf.not_valid_after_utc - timedelta(days=50, hours=1))) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["days_left"] == 50
    assert report["renew_by"] == (leaf.not_valid_after_utc - timedelta(days=66)).date().isoformat()


def test_two_intermediates_are_also_written_one_per_file_in_upload_order(tmp_path):
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    ca = ThrowawayCA.create()
    issuing_key = rsa_key()
    issuing = issue(name("Throwaway Issuing CA"), issuing_key, ca.intermediate.subject, ca.intermediate_key, ca=True)
    leaf = issue(name("ec.example.com"), csr.public_key(), issuing.subject, issuing_key, ca=False,
                 sans=("ec.example.com", "ec.example.net"))  # fmt: skip
    (tmp_path / "reply.pem").write_bytes(pem(ca.intermediate, leaf, issuing))  # shuffled, as CAs send them
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    words = ["check", "--dir", str(tmp_path), "--cert", "reply.pem", "--trust", "root.pem", "--write"]
    assert main(words) == 0
    assert (tmp_path / "intermediate.crt").read_bytes() == pem(issuing, ca.intermediate)
    assert (tmp_path / "intermediate-1.crt").read_bytes() == pem(issuing)
    assert (tmp_path / "intermediate-2.crt").read_bytes() == pem(ca.intermediate)
    assert not (tmp_path / "intermediate-3.crt").exists()


def test_one_intermediate_is_not_split(renewed_folder):
    folder, _, _ = renewed_folder
    assert main(check_words(folder, "--write")) == 0
    assert (folder / "intermediate.crt").exists()
    assert not list(folder.glob("intermediate-*.crt"))


def subject_name(country="GB", organizational_unit=None):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    parts = [
        (NameOID.COUNTRY_NAME, country),
        (NameOID.STATE_OR_PROVINCE_NAME, "England"),
        (NameOID.LOCALITY_NAME, "London"),
        (NameOID.ORGANIZATION_NAME, "Example Ltd"),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, organizational_unit),
        (NameOID.COMMON_NAME, "ec.example.com"),
    ]
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts if value])


def certificate_in_force(folder, **subject):
    """The certificate Endpoint Central serves today, with its key, from a throwaway CA."""
    ca = ThrowawayCA.create()
    key = rsa_key()
    leaf = issue(subject_name(**subject), key, ca.intermediate.subject, ca.intermediate_key, ca=False,
                 sans=("ec.example.com", "ec.example.net", "198.51.100.7"))  # fmt: skip
    return ca, key, leaf


def write_in_format(folder, kind, ca, key, leaf) -> str:
    from cryptography.hazmat.primitives.serialization import pkcs7

    from csrwizard.reply.pfx import serialize_pfx

    files = {
        "crt": ("server.crt", pem(leaf)),
        "pem": ("fullchain.pem", pem(leaf, ca.intermediate)),
        "der": ("server.der", leaf.public_bytes(Encoding.DER)),
        "p7b": ("chain.p7b", pkcs7.serialize_certificates([ca.intermediate, leaf], Encoding.DER)),
        "pfx": ("old.pfx", serialize_pfx(leaf, key, [ca.intermediate], b"pfx password")),
    }
    file_name, data = files[kind]
    (folder / file_name).write_bytes(data)
    return file_name


@pytest.mark.parametrize("kind", ["crt", "pem", "der", "p7b", "pfx"])
def test_renewal_from_the_certificate_in_force_keeps_its_subject_and_names(tmp_path, monkeypatch, capsys, kind):
    ca, key, leaf = certificate_in_force(tmp_path)
    file_name = write_in_format(tmp_path, kind, ca, key, leaf)
    monkeypatch.setenv("PFX_PASS", "pfx password")
    secret = ["--password-env", "PFX_PASS"] if kind == "pfx" else []
    assert main(["create", "--batch", "--dir", str(tmp_path), "--from-cert", file_name, *secret]) == 0
    out = capsys.readouterr().out
    assert "Subject: C = GB, ST = England, L = London, O = Example Ltd, CN = ec.example.com" in out
    assert "SANs: DNS:ec.example.com, DNS:ec.example.net, IP Address:198.51.100.7" in out
    new_request = load_csr((tmp_path / "server.csr").read_bytes())
    assert new_request.subject == leaf.subject
    assert new_request.public_key().public_numbers() != key.public_key().public_numbers()  # a new key


def test_an_ou_in_the_old_certificate_is_said_not_silently_copied(tmp_path, capsys):
    ca, key, leaf = certificate_in_force(tmp_path, organizational_unit="IT")
    write_in_format(tmp_path, "crt", ca, key, leaf)
    assert main(["create", "--batch", "--dir", str(tmp_path), "--from-cert", "server.crt"]) == 0
    assert "Warning: Organisational unit: public CAs no longer put OU" in capsys.readouterr().out


def test_a_field_todays_rules_refuse_is_refused_with_its_message(tmp_path, capsys):
    ca, key, leaf = certificate_in_force(tmp_path, country="UK")
    write_in_format(tmp_path, "crt", ca, key, leaf)
    assert main(["create", "--batch", "--dir", str(tmp_path), "--from-cert", "server.crt"]) == 2
    assert "Country: UK is not an ISO 3166 code; use GB" in capsys.readouterr().err
    assert not (tmp_path / "server.key").exists()


def test_a_pfx_with_the_wrong_password_is_refused(tmp_path, monkeypatch, capsys):
    ca, key, leaf = certificate_in_force(tmp_path)
    write_in_format(tmp_path, "pfx", ca, key, leaf)
    monkeypatch.setenv("PFX_PASS", "wrong")
    words = ["create", "--batch", "--dir", str(tmp_path), "--from-cert", "old.pfx", "--password-env", "PFX_PASS"]
    assert main(words) == 2
    assert "password is wrong" in capsys.readouterr().err


def test_renewal_uses_the_certificate_when_there_is_no_csr(tmp_path):
    from csrwizard.request.prefill import renewal_source, subject_for_renewal

    ca, key, leaf = certificate_in_force(tmp_path)
    write_in_format(tmp_path, "crt", ca, key, leaf)
    assert renewal_source(tmp_path).name == "server.crt"
    assert subject_for_renewal(tmp_path).sans == "ec.example.net, 198.51.100.7"
    (tmp_path / "server.csr").write_bytes(b"not read yet")
    assert renewal_source(tmp_path).name == "server.csr"


INTERNAL = ["--country", "GB", "--state", "England", "--locality", "London", "--org", "Example Ltd",
            "--ou", "IT", "--cn", "ec.corp.local", "--san", "ec, 10.0.0.5"]  # fmt: skip


def test_for_an_internal_ca_internal_names_and_addresses_are_not_flagged(tmp_path, capsys):
    assert main(["create", "--batch", "--dir", str(tmp_path), "--internal-ca", *INTERNAL]) == 0
    out = capsys.readouterr().out
    assert "Warning:" not in out
    assert 'certreq -submit -attrib "CertificateTemplate:WebServer"' in out
    assert "EDITF_ATTRIBUTESUBJECTALTNAME2" in out
    assert "Public CAs issue at most" not in out
    subject = load_csr((tmp_path / "server.csr").read_bytes()).subject.rfc4514_string()
    assert "OU=IT" in subject


def test_for_a_public_ca_the_same_names_are_flagged(tmp_path, capsys):
    assert main(["create", "--batch", "--dir", str(tmp_path), *INTERNAL]) == 0
    out = capsys.readouterr().out
    assert "Warning: Common name: ec.corp.local is an internal name" in out
    assert "Warning: Subject alternative names: 10.0.0.5 is a private or reserved address" in out
    assert "Warning: Organisational unit" in out
    assert "certreq" not in out


def test_reuse_key_makes_a_new_csr_for_the_key_in_place(tmp_path, capsys):
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    key_before = (tmp_path / "server.key").read_bytes()
    capsys.readouterr()
    assert main(["create", "--batch", "--dir", str(tmp_path), "--reuse-key", *CREATE]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "server.key").read_bytes() == key_before  # not replaced
    assert not list(tmp_path.glob("server.key.*.bak"))  # nor backed up: it was never written
    # The same key and subject make the same CSR, byte for byte: unchanged, and not backed up.
    assert not list(tmp_path.glob("server.csr.*.bak"))
    assert f"Unchanged {tmp_path / 'server.csr'}" in out
    assert "reused from" in out and "never reuse a key that may have been exposed" in out
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(key_before, None)
    request = load_csr((tmp_path / "server.csr").read_bytes())
    assert request.public_key().public_numbers() == key.public_key().public_numbers()
    assert request.is_signature_valid


def weak_or_foreign_key(kind: str) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    key = rsa.generate_private_key(65537, 1024) if kind == "rsa-1024" else ec.generate_private_key(ec.SECP256R1())
    encoding = serialization.Encoding.PEM
    return key.private_bytes(encoding, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("rsa-1024", "RSA 1024 bits, weaker than today's minimum of 2048"), ("ec", "is not an RSA key")],
)
def test_reuse_key_refuses_a_weak_or_non_rsa_key(tmp_path, capsys, kind, reason):
    (tmp_path / "server.key").write_bytes(weak_or_foreign_key(kind))
    assert main(["create", "--batch", "--dir", str(tmp_path), "--reuse-key", *CREATE]) == 2
    err = capsys.readouterr().err
    assert reason in err and "Key file:" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["server.key"]


def test_reuse_key_refuses_an_encrypted_or_missing_key(tmp_path, capsys):
    from tests.conftest import encrypt_key_into

    assert main(["create", "--batch", "--dir", str(tmp_path), "--reuse-key", *CREATE]) == 2
    assert "server.key does not exist" in capsys.readouterr().err
    encrypt_key_into(tmp_path, "secret words")
    assert main(["create", "--batch", "--dir", str(tmp_path), "--reuse-key", *CREATE]) == 2
    assert "remove its passphrase first (csrwizard decrypt)" in capsys.readouterr().err


def test_check_write_ends_with_endpoint_centrals_remaining_steps(renewed_folder, capsys):
    folder, _, _ = renewed_folder
    assert main(check_words(folder, "--write", "--host", "ec.example.com")) == 0
    out = capsys.readouterr().out
    steps = out[out.index("Next steps:") :]
    assert steps.index("Upload in Endpoint Central") < steps.index("Restart the Endpoint Central service")
    assert "csrwizard probe ec.example.com:8383" in steps


def test_a_dv_certificate_gives_the_names_and_flags_give_the_rest(tmp_path, capsys):
    """A DV certificate carries only the names: what it lacks is asked for, here by flags."""
    ca = ThrowawayCA.create()
    key = rsa_key()
    leaf = issue(name("ec.example.com"), key, ca.intermediate.subject, ca.intermediate_key, ca=False,
                 sans=("ec.example.com", "ec.example.net"))  # fmt: skip
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    words = ["create", "--batch", "--dir", str(tmp_path), "--from-cert", "server.crt"]
    assert main(words) == 2
    assert "Country: required" in capsys.readouterr().err
    rest = ["--country", "GB", "--state", "England", "--locality", "London", "--org", "Example Ltd"]
    assert main([*words, *rest]) == 0
    assert "SANs: DNS:ec.example.com, DNS:ec.example.net" in capsys.readouterr().out


def test_pfx_ends_with_endpoint_centrals_remaining_steps(renewed_folder, monkeypatch, capsys):
    folder, _, _ = renewed_folder
    monkeypatch.setenv("PFX_PASS", "pfx secret")
    words = ["pfx", "--dir", str(folder), "--chain", "chain.pem", "--trust", "root.pem", "--password-env", "PFX_PASS"]
    assert main(words) == 0
    out = capsys.readouterr().out
    assert "1. Upload in Endpoint Central" in out and "3. Confirm what it serves: csrwizard probe" in out
    # The server named as check names it, from the certificate: a step to copy, not a HOST to fill in.
    assert "csrwizard probe ec.example.com:8383" in out and "HOST" not in out


def test_a_name_covered_only_by_a_wildcard_is_said_so(tmp_path, capsys):
    assert main(["create", "--batch", "--dir", str(tmp_path), *CREATE]) == 0
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(csr, sans=("ec.example.com", "ec.example.net", "*.example.com"))
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "chain.pem").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    capsys.readouterr()
    assert main(check_words(tmp_path, "--host", "nat.example.com")) == 0
    names = next(line for line in capsys.readouterr().out.splitlines() if "Names:" in line)
    assert "ec.example.com, ec.example.net, nat.example.com (only by the wildcard *.example.com)" in names


def test_the_roots_read_from_the_store_file_are_the_ssl_contexts(monkeypatch):
    """The fast path (the store's PEM file) and Python's ssl context agree on this machine's roots."""
    import ssl

    from cryptography import x509

    from csrwizard.pki import chain

    paths = ssl.get_default_verify_paths()
    if not any(p and __import__("os").path.isfile(p) for p in (paths.cafile, paths.openssl_cafile)):
        pytest.skip("this platform keeps its roots in a system store, not a file (Windows)")
    chain._system_trusted_roots.cache_clear()
    fast = set(chain.system_trusted_roots())
    context = ssl.create_default_context()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        slow = {x509.load_der_x509_certificate(der) for der in context.get_ca_certs(binary_form=True)}
    assert fast == slow and fast


def damaged_key_pem() -> bytes:
    """An RSA key whose private exponent does not match: readable, but wrong to package."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    good = rsa_key().private_numbers()
    bad = rsa.RSAPrivateNumbers(good.p, good.q, good.d + 2, good.dmp1, good.dmq1, good.iqmp, good.public_numbers)
    key = bad.private_key(unsafe_skip_rsa_key_validation=True)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())  # fmt: skip


def test_a_damaged_key_is_compared_but_never_packaged(tmp_path, monkeypatch, capsys):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    pem_key = damaged_key_pem()
    key = load_pem_private_key(pem_key, None, unsafe_skip_rsa_key_validation=True)
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(key, sans=("ec.example.com",))
    (tmp_path / "server.key").write_bytes(pem_key)
    (tmp_path / "server.crt").write_bytes(pem(leaf))
    (tmp_path / "chain.pem").write_bytes(pem(ca.intermediate))
    (tmp_path / "root.pem").write_bytes(pem(ca.root))
    assert main(check_words(tmp_path)) == 0  # the public key matches: check compares only that
    monkeypatch.setenv("PFX_PASS", "pfx secret")
    words = ["pfx", "--dir", str(tmp_path), "--chain", "chain.pem", "--trust", "root.pem", "--password-env", "PFX_PASS"]
    assert main(words) == 1
    assert "the private key is damaged" in capsys.readouterr().err
    assert not (tmp_path / "server.pfx").exists()
