"""Certificate signing requests: built from a checked Subject, or read back for renewal."""

from __future__ import annotations

import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from csrwizard.problems import CsrWizardError
from csrwizard.request.subject import Subject, SubjectInput
from csrwizard.x509_fields import alt_name_texts

NAME_OIDS = {
    "country": NameOID.COUNTRY_NAME,
    "state": NameOID.STATE_OR_PROVINCE_NAME,
    "locality": NameOID.LOCALITY_NAME,
    "organization": NameOID.ORGANIZATION_NAME,
    "organizational_unit": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "common_name": NameOID.COMMON_NAME,
}


def subject_name(subject: Subject) -> x509.Name:
    """The X.509 name, encoded as `openssl req` encodes it by default (string_mask utf8only):
    countryName as PrintableString, everything else as UTF8String, order C, ST, L, O, OU, CN."""
    # cryptography's defaults are exactly these types, and the tests hold it to openssl's bytes.
    attributes = [
        x509.NameAttribute(oid, getattr(subject, field_name))
        for field_name, oid in NAME_OIDS.items()
        if getattr(subject, field_name)
    ]
    return x509.Name(attributes)


def general_names(subject: Subject) -> list[x509.GeneralName]:
    return [
        x509.IPAddress(ipaddress.ip_address(name.value)) if name.kind == "IP" else x509.DNSName(name.value)
        for name in subject.san_names
    ]


def build_csr(subject: Subject, key) -> x509.CertificateSigningRequest:
    """A CSR signed with SHA-256; the SAN extension is non-critical, the CN its first entry."""
    builder = x509.CertificateSigningRequestBuilder().subject_name(subject_name(subject))
    builder = builder.add_extension(x509.SubjectAlternativeName(general_names(subject)), critical=False)
    return builder.sign(key, hashes.SHA256())


def csr_pem(csr: x509.CertificateSigningRequest) -> bytes:
    return csr.public_bytes(serialization.Encoding.PEM)


def load_csr(data: bytes) -> x509.CertificateSigningRequest:
    """A CSR from PEM or DER bytes; a one-line error when it is neither."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_csr(data)
        return x509.load_der_x509_csr(data)
    except ValueError:
        raise CsrWizardError("this file is not a certificate signing request (PEM or DER)") from None


def subject_input_from_csr(csr: x509.CertificateSigningRequest) -> SubjectInput:
    """The typed form of an existing CSR, for renewal: same subject, same SANs (CN left implicit)."""
    values = {}
    for field_name, oid in NAME_OIDS.items():
        found = csr.subject.get_attributes_for_oid(oid)
        values[field_name] = str(found[0].value) if found else ""
    common = values["common_name"].casefold()
    sans = [text for text in alt_name_texts(csr) if text.casefold() != common]
    return SubjectInput(sans=", ".join(sans), **values)
