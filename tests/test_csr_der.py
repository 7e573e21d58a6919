"""Our CSR encoder writes, byte for byte, what cryptography's CSR builder writes for the same
subject and key: the builder, which csrwizard used before, is kept here as the reference."""

import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from csrwizard.pki.hostnames import HostName
from csrwizard.request.csr import NAME_OIDS
from csrwizard.request.csr_der import der_length, oid, request_der, request_pem
from csrwizard.request.key_generation import make_key
from csrwizard.request.subject import Subject, SubjectInput, validate_subject


def builder_csr(subject: Subject, key) -> x509.CertificateSigningRequest:
    """How csrwizard built its CSRs through cryptography.x509 (and what openssl writes)."""
    attributes = [
        x509.NameAttribute(oid, getattr(subject, field_name))
        for field_name, oid in NAME_OIDS.items()
        if getattr(subject, field_name)
    ]
    names = [
        x509.IPAddress(ipaddress.ip_address(name.value)) if name.kind == "IP" else x509.DNSName(name.value)
        for name in subject.san_names
    ]
    builder = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(attributes))
    builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(key, hashes.SHA256())


# Key generation is slow (4096 bits takes seconds): each size is made once for the module.
_KEYS = {}


def rsa_key(size: int):
    if size not in _KEYS:
        _KEYS[size] = make_key(size)
    return _KEYS[size]


# What a subject's text may hold: any character but controls and lone surrogates, so non-ASCII
# UTF-8 of two, three and four bytes; 128 characters of it reach 512 bytes (two-byte DER lengths).
TEXT = st.characters(exclude_categories=("Cc", "Cs"))
ldh_labels = st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\Z")
# IDN labels as a CSR holds them: their A-label (xn--...) form.
idn_labels = st.text(st.sampled_from("äöüßéèçñåøłžšíóúığşあ東京例"), min_size=1, max_size=8).map(
    lambda label: label.encode("idna").decode("ascii")
)
dns_names = st.builds(
    lambda wildcard, labels, tld: ("*." if wildcard else "") + ".".join([*labels, tld]),
    st.booleans(),
    st.lists(st.one_of(ldh_labels, idn_labels), min_size=1, max_size=4),
    st.sampled_from(["com", "net", "de", "in", "co.uk", "xn--p1ai"]),
).map(lambda name: HostName(name, "DNS"))
ip_names = st.ip_addresses().map(lambda address: HostName(str(address), "IP"))


@st.composite
def subjects(draw) -> Subject:
    def optional(limit: int) -> str:
        return draw(st.one_of(st.just(""), st.text(TEXT, min_size=1, max_size=limit)))

    sans = draw(st.lists(st.one_of(dns_names, ip_names), min_size=1, max_size=60))
    return Subject(
        country=draw(st.from_regex(r"\A[A-Z]{2}\Z")),
        state=optional(128),
        locality=optional(128),
        organization=optional(64),
        organizational_unit=optional(64),
        # The CN a subject holds is a host name (A-label form) or an address, of at most 64 bytes.
        common_name=draw(st.one_of(dns_names, ip_names).map(lambda name: name.value).filter(lambda cn: len(cn) <= 64)),
        san_names=sans,
    )


SEED_EXAMPLE = SubjectInput(
    "IN", "TN", "Chennai", "ZOHO", "", "www.zoho.com", "*.domain.com, manageengine.com, ems.com, desktopcentral.com"
)
LONG = Subject("GB", "a" * 128, "é" * 128, "東" * 64, "𝄞" * 64, "x" * 64, [HostName("ec.example.com", "DNS")])


@pytest.mark.parametrize("size", [2048, 4096])
@given(subject=subjects())
@example(subject=LONG)  # values of 128, 256, 192 and 256 bytes: one- and two-byte long-form lengths
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_our_bytes_are_the_builders(size, subject):
    key = rsa_key(size)
    theirs = builder_csr(subject, key)
    assert request_der(subject, key) == theirs.public_bytes(serialization.Encoding.DER)
    assert request_pem(subject, key) == theirs.public_bytes(serialization.Encoding.PEM)


@pytest.mark.parametrize("size", [2048, 4096])
def test_the_seeds_example_is_the_builders(size):
    subject = validate_subject(SEED_EXAMPLE)
    key = rsa_key(size)
    theirs = builder_csr(subject, key)
    assert request_pem(subject, key) == theirs.public_bytes(serialization.Encoding.PEM)
    # It reads back as what was asked: the CN first among the SANs, the SAN not critical.
    read = x509.load_pem_x509_csr(request_pem(subject, key))
    assert read.is_signature_valid
    san = read.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    assert san.critical is False
    assert san.value.get_values_for_type(x509.DNSName)[:2] == ["www.zoho.com", "*.domain.com"]


def test_long_values_take_the_long_length_forms():
    assert [der_length(n) for n in (0, 127, 128, 255, 256, 65535, 65536)] == [
        b"\x00",
        b"\x7f",
        b"\x81\x80",
        b"\x81\xff",
        b"\x82\x01\x00",
        b"\x82\xff\xff",
        b"\x83\x01\x00\x00",
    ]
    der = request_der(LONG, rsa_key(2048))
    assert b"\x0c\x81\x80" + "a".encode() * 128 in der  # UTF8String, 128 bytes
    assert b"\x0c\x82\x01\x00" + "é".encode() * 128 in der  # 256 bytes


def test_object_identifiers_are_encoded_in_base_128():
    assert oid("1.2.840.113549.1.1.11") == bytes.fromhex("06092a864886f70d01010b")
    assert oid("2.5.29.17") == bytes.fromhex("0603551d11")


@pytest.mark.parametrize("other_key", [ec.generate_private_key(ec.SECP256R1()), ed25519.Ed25519PrivateKey.generate()])
def test_a_key_that_is_not_rsa_is_refused_rather_than_mislabelled(other_key):
    subject = validate_subject(SEED_EXAMPLE)
    with pytest.raises(TypeError, match="RSA"):
        request_der(subject, other_key)


def test_a_dns_name_not_in_a_label_form_is_refused_as_the_builder_refuses_it():
    subject = Subject("DE", "Bayern", "München", "Bücher", "", "bücher.de", [HostName("bücher.de", "DNS")])
    with pytest.raises(ValueError):
        builder_csr(subject, rsa_key(2048))
    with pytest.raises(ValueError):
        request_der(subject, rsa_key(2048))


def test_a_common_name_over_64_bytes_is_refused_as_the_builder_refuses_it():
    subject = Subject("GB", "England", "London", "Example", "", "é" * 33, [HostName("ec.example.com", "DNS")])
    with pytest.raises(ValueError):
        builder_csr(subject, rsa_key(2048))
    with pytest.raises(ValueError, match="64 bytes"):
        request_der(subject, rsa_key(2048))
