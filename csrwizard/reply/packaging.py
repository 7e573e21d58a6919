"""The files Endpoint Central's upload asks for: server.crt (the leaf), intermediate.crt (the chain),
server.key; written with the same backup and atomic rules as everything else."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from cryptography import x509

from csrwizard.files.reading import certificate_pem, read_pkcs12
from csrwizard.reply.chain import order_chain
from csrwizard.files.writing import PlannedFile, WriteOutcome, write_files
from csrwizard.request.keys import private_key_pem

CERT_NAME = "server.crt"
CHAIN_NAME = "intermediate.crt"
KEY_NAME = "server.key"
PKCS12_SUFFIXES = (".pfx", ".p12")


def is_pkcs12_name(path: Path) -> bool:
    """Whether the file name says .pfx/.p12: decrypt then unpacks it instead of reading a key."""
    return Path(path).suffix.lower() in PKCS12_SUFFIXES


def certificate_files(folder: Path, leaf: x509.Certificate, chain: list[x509.Certificate]) -> list[PlannedFile]:
    planned = [PlannedFile(folder / CERT_NAME, certificate_pem([leaf]))]
    if chain:
        planned.append(PlannedFile(folder / CHAIN_NAME, certificate_pem(chain)))
    return planned


def write_certificate_files(
    folder: Path, leaf: x509.Certificate, chain: list[x509.Certificate],
    now: Callable[[], datetime] = datetime.now,
) -> WriteOutcome:
    """server.crt and intermediate.crt (in order), backing up any already there."""
    return write_files(certificate_files(folder, leaf, chain), now=now)


def unpack_pfx(data: bytes, password: bytes, folder: Path, now: Callable[[], datetime] = datetime.now) -> WriteOutcome:
    """server.key (unencrypted, owner-only), server.crt and intermediate.crt from a .pfx."""
    from csrwizard.problems import CsrWizardError

    bundle = read_pkcs12(data, password)
    if bundle.private_key is None or not bundle.certificates:
        raise CsrWizardError("this .pfx does not hold both a private key and a certificate")
    report = order_chain(bundle.certificates, bundle.private_key.public_key())
    planned = [PlannedFile(folder / KEY_NAME, private_key_pem(bundle.private_key), secret=True)]
    planned += certificate_files(folder, report.leaf, report.intermediates)
    return write_files(planned, now=now)
