"""Certificate signing requests read back: for renewal, and to check a reply against. They are
written by request.csr_der, which needs no cryptography.x509."""

from __future__ import annotations

from cryptography import x509
from cryptography.x509.oid import NameOID

from csrwizard.problems import CsrWizardError
from csrwizard.request.subject import SubjectInput
from csrwizard.x509_fields import alt_name_texts

NAME_OIDS = {
    "country": NameOID.COUNTRY_NAME,
    "state": NameOID.STATE_OR_PROVINCE_NAME,
    "locality": NameOID.LOCALITY_NAME,
    "organization": NameOID.ORGANIZATION_NAME,
    "organizational_unit": NameOID.ORGANIZATIONAL_UNIT_NAME,
    "common_name": NameOID.COMMON_NAME,
}


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
