"""Renewal: the answers of an earlier request, read back from its CSR, from the certificate in
force (.crt, .pem, .der, .p7b or .pfx) or from an openssl config; which file a renewal starts
from, and the title that says so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from csrwizard.files.writing import read_existing
from csrwizard.problems import CsrWizardError
from csrwizard.request.subject import SubjectInput


def subject_from_csr_file(path: Path) -> SubjectInput:
    """The subject and SANs of an existing CSR (PEM or DER)."""
    from csrwizard.request.csr import load_csr, subject_input_from_csr
    from csrwizard.x509_fields import guarded

    try:
        csr = load_csr(read_existing(path))
        return guarded(lambda: subject_input_from_csr(csr), "the CSR's subject")
    except CsrWizardError as error:
        raise _naming(error, path) from None


def subject_from_certificate_file(path: Path, password: bytes | None = None) -> SubjectInput:
    """The subject and SANs of the certificate in force (.crt, .pem, .der, .p7b or .pfx), for renewal.

    In a file with a chain, the server's certificate is the one a .pfx's key matches, or the
    end of the chain when there is no key.
    """
    from csrwizard.files.reading import read_bundle_file
    from csrwizard.pki.chain import order_chain
    from csrwizard.request.csr import subject_input_from_csr
    from csrwizard.x509_fields import guarded

    try:
        bundle = read_bundle_file(path, password)
        if not bundle.certificates:
            raise CsrWizardError(f"{path.name} holds no certificate to renew from")
        public_key = bundle.private_key.public_key() if bundle.private_key is not None else None
        leaf = order_chain(bundle.certificates, public_key).leaf or bundle.certificates[0]
        # A certificate carries its subject and SANs as a CSR does: the same reader fits both.
        return guarded(lambda: subject_input_from_csr(leaf), "the certificate's subject")
    except CsrWizardError as error:
        raise _naming(error, path) from None


def renewal_source(folder: Path) -> Path:
    """What a renewal starts from: the old CSR, else the certificate in force (names.RENEWAL_SOURCES)."""
    from csrwizard.names import RENEWAL_SOURCES

    for name in RENEWAL_SOURCES:
        if (folder / name).is_file():
            return folder / name
    raise CsrWizardError(f"neither {' nor '.join(RENEWAL_SOURCES)} is in {folder.absolute()}: nothing to renew from")


@dataclass(frozen=True)
class RenewalPlan:
    """A renewal, before anything is asked: the file it starts from, its heading, and the answers
    read from that file. Every face shows the heading, then asks with these answers offered."""

    source: Path
    heading: str
    typed: SubjectInput


def plan_renewal(folder: Path) -> RenewalPlan:
    """The renewal of the request in force; a one-line CsrWizardError when there is nothing to renew from."""
    source = renewal_source(folder)
    if source.suffix.lower() == ".csr":
        typed = subject_from_csr_file(source)
    else:
        typed = subject_from_certificate_file(source)
    return RenewalPlan(source, renewal_heading(source), typed)


def subject_for_renewal(folder: Path) -> SubjectInput:
    """The answers of the request in force, from the old CSR or else the certificate."""
    return plan_renewal(folder).typed


def renewal_heading(source: Path) -> str:
    """A renewal's title, naming the file it started from and when the certificate in force
    expires: 'Renew from server.crt (expires 2027-03-01)'."""
    from csrwizard.names import CERT_NAME, is_pkcs12_name

    heading = f"Renew from {source.name}"
    if is_pkcs12_name(source):  # its expiry is behind the password asked for on the command line
        return heading
    if source.suffix.lower() == ".csr":
        certificate = source.with_name(CERT_NAME)
        expires = _expiry(certificate) if certificate.is_file() else None
        return f"{heading} ({CERT_NAME} expires {expires})" if expires else heading
    expires = _expiry(source)
    return f"{heading} (expires {expires})" if expires else heading


def _expiry(path: Path) -> str | None:
    """The server certificate's last day in `path`, or None when it cannot be read."""
    from csrwizard.files.reading import read_bundle_file
    from csrwizard.pki.chain import order_chain

    try:
        certificates = read_bundle_file(path).certificates
        leaf = order_chain(certificates).leaf if certificates else None
        return f"{leaf.not_valid_after_utc:%Y-%m-%d}" if leaf is not None else None
    except (CsrWizardError, ValueError):
        return None


def subject_from_config_file(path: Path) -> SubjectInput:
    """The subject and SANs of an `opensslsan.conf` (the vendor's manual path)."""
    from csrwizard.request.opensslconf import parse_config

    try:
        text = read_existing(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsrWizardError(f"{path} is not a UTF-8 text file") from None
    try:
        return parse_config(text)
    except CsrWizardError as error:
        raise _naming(error, path) from None


def _naming(error: CsrWizardError, path: Path) -> CsrWizardError:
    """The error, naming the file once: the readers below may have named it already."""
    text = str(error)
    named = text.startswith(f"{path.name}:") or str(path) in text
    return type(error)(text if named else f"{path.name}: {text}")
