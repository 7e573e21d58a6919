"""The openssl CLI judges our CSRs: it verifies them, and its subject bytes must equal ours."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from csrwizard.pki.keys import private_key_pem
from csrwizard.request.csr import load_csr, subject_input_from_csr
from csrwizard.request.csr_der import request_pem
from csrwizard.request.key_generation import make_key
from csrwizard.request.opensslconf import parse_config, render_config
from csrwizard.request.subject import SubjectInput, validate_subject
from tests.conftest import run_openssl

SUBJECTS = [
    SubjectInput("GB", "England", "London", "Example Ltd", "", "ec.example.com", "ec.example.net, 8.8.8.8"),
    SubjectInput("IN", "Tamil Nadu", "Chennai", "ZOHO", "IT", "www.zoho.com", "*.domain.com, manageengine.com"),
    SubjectInput("FR", "Île-de-France", "Paris", "Société Générale", "Équipe", "bücher.example", "2001:4860::8888"),
    SubjectInput("US", "New York", "New York", 'Smith, Jones & "Partners" $HOME #1 \\ ok', "", "a.example.com", ""),
    SubjectInput("JP", "東京都", "千代田区", "株式会社例", "", "example.jp", "x.example.jp"),
]
# The seed's example: a state typed as a code, and a wildcard among the SANs.
SEED_EXAMPLE = SubjectInput(
    "IN", "TN", "Chennai", "ZOHO", "", "www.zoho.com", "*.domain.com, manageengine.com, ems.com, desktopcentral.com"
)
SUBJECTS.append(SEED_EXAMPLE)


def build_csr(subject, key):
    """The CSR csrwizard writes, as cryptography reads it back."""
    return load_csr(request_pem(subject, key))


@pytest.fixture(scope="module")
def key():
    return make_key(2048)


@pytest.mark.parametrize("typed", SUBJECTS, ids=lambda t: f"{t.country}-{t.state}")
def test_openssl_verifies_our_csr_and_builds_the_same_subject(tmp_path, key, typed):
    subject = validate_subject(typed)
    (tmp_path / "ours.csr").write_bytes(request_pem(subject, key))
    ours = load_csr((tmp_path / "ours.csr").read_bytes())
    run_openssl("req", "-in", "ours.csr", "-verify", "-noout", cwd=tmp_path)

    (tmp_path / "server.key").write_bytes(private_key_pem(key))
    (tmp_path / "opensslsan.conf").write_text(render_config(subject), encoding="utf-8")
    run_openssl("req", "-new", "-key", "server.key", "-config", "opensslsan.conf", "-out", "theirs.csr", cwd=tmp_path)
    theirs = load_csr((tmp_path / "theirs.csr").read_bytes())

    assert ours.subject.public_bytes() == theirs.subject.public_bytes()
    ours_san = ours.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    theirs_san = theirs.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert ours_san.value == theirs_san.value
    assert ours_san.critical is False


def test_csr_is_sha256_and_cn_is_the_first_san(key):
    csr = build_csr(validate_subject(SUBJECTS[0]), key)
    assert isinstance(csr.signature_hash_algorithm, hashes.SHA256)
    names = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names[0] == x509.DNSName("ec.example.com")


def test_country_is_printable_string_and_the_rest_utf8(key):
    csr = build_csr(validate_subject(SUBJECTS[1]), key)
    types = [attribute._type.name for attribute in csr.subject]
    assert types == ["PrintableString"] + ["UTF8String"] * 5


@pytest.mark.parametrize("typed", SUBJECTS, ids=lambda t: f"{t.country}-{t.state}")
def test_renewal_reads_back_what_was_written(key, typed):
    subject = validate_subject(typed)
    again = validate_subject(subject_input_from_csr(build_csr(subject, key)))
    assert again == subject


@pytest.mark.parametrize("typed", SUBJECTS, ids=lambda t: f"{t.country}-{t.state}")
def test_config_round_trip(typed):
    subject = validate_subject(typed)
    assert validate_subject(parse_config(render_config(subject))) == subject


def test_the_vendors_example_config_is_read_and_gets_the_cn_as_first_san():
    vendor = """[ req ]
prompt=no
default_bits = 2048
distinguished_name = req_distinguished_name
req_extensions = req_ext
[ req_distinguished_name ]
countryName = IN
stateOrProvinceName = TN
localityName = Chennai
organizationName = ZOHO
commonName = www.zoho.com
[ req_ext ]
subjectAltName = @alt_names
[alt_names]
DNS.1 = *.domain.com
DNS.2 = manageengine.com
DNS.3 = ems.com
DNS.4 = desktopcentral.com
"""
    typed = parse_config(vendor)
    assert (typed.country, typed.common_name) == ("IN", "www.zoho.com")
    subject = validate_subject(typed)
    assert [n.value for n in subject.san_names][:2] == ["www.zoho.com", "*.domain.com"]
    assert any("Tamil" in w.message for w in subject.warnings)


def test_rsa_sizes_and_exponent():
    for size in (2048, 3072):
        key = make_key(size)
        assert key.key_size == size and key.public_key().public_numbers().e == 65537
    with pytest.raises(ValueError):
        make_key(1024)


def test_pkcs8_and_pkcs1_formats_as_openssl_writes_them(key):
    assert private_key_pem(key).startswith(b"-----BEGIN PRIVATE KEY-----")
    assert private_key_pem(key, "pkcs1").startswith(b"-----BEGIN RSA PRIVATE KEY-----")


@pytest.mark.parametrize(
    "organization",
    ["Example Ltd", 'Smith, Jones & "Partners" +1', "Back\\slash Ltd", "A=B; C<D>", "#1 Company", "Plain & Simple"],
)
def test_the_review_line_is_the_subject_as_openssl_prints_it(tmp_path, key, organization):
    subject = validate_subject(SubjectInput("GB", "England", "London", organization, "IT", "ec.example.com", ""))
    (tmp_path / "ours.csr").write_bytes(request_pem(subject, key))
    text = run_openssl("req", "-in", "ours.csr", "-noout", "-text", cwd=tmp_path).stdout.decode()
    printed = next(line.strip() for line in text.splitlines() if line.strip().startswith("Subject:"))
    assert printed == f"Subject: {subject.openssl_line()}"


def test_openssl_prints_the_seeds_subject_and_sans_as_the_review_shows_them(tmp_path, key):
    subject = validate_subject(SEED_EXAMPLE)
    (tmp_path / "ours.csr").write_bytes(request_pem(subject, key))
    run_openssl("req", "-in", "ours.csr", "-noout", "-verify", cwd=tmp_path)
    lines = [
        line.strip()
        for line in run_openssl("req", "-in", "ours.csr", "-noout", "-text", cwd=tmp_path).stdout.decode().splitlines()
    ]
    assert "Subject: C = IN, ST = TN, L = Chennai, O = ZOHO, CN = www.zoho.com" in lines
    san_heading = lines.index("X509v3 Subject Alternative Name:")
    assert lines[san_heading + 1] == subject.san_line()
    assert (
        lines[san_heading + 1]
        == "DNS:www.zoho.com, DNS:*.domain.com, DNS:manageengine.com, DNS:ems.com, DNS:desktopcentral.com"
    )
    assert "Signature Algorithm: sha256WithRSAEncryption" in lines
