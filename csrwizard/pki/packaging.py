"""The files Endpoint Central's upload asks for: server.crt (the leaf), intermediate.crt (the chain),
server.key; written with the same backup and atomic rules as everything else."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from cryptography import x509

from csrwizard.files.reading import certificate_pem, read_pkcs12
from csrwizard.files.writing import PlannedFile, WriteOutcome, write_files
from csrwizard.names import CERT_NAME, CHAIN_NAME, KEY_NAME, numbered_chain_name
from csrwizard.pki.chain import order_chain
from csrwizard.pki.keys import private_key_pem
from csrwizard.problems import CsrWizardError


def certificate_files(folder: Path, leaf: x509.Certificate, chain: list[x509.Certificate]) -> list[PlannedFile]:
    """The leaf and the chain in order as the upload names them and, for two or more intermediates,
    one file each in upload order, for Endpoint Central's manual upload."""
    planned = [PlannedFile(folder / CERT_NAME, certificate_pem([leaf]))]
    if chain:
        planned.append(PlannedFile(folder / CHAIN_NAME, certificate_pem(chain)))
    if len(chain) > 1:
        for position, certificate in enumerate(chain, start=1):
            planned.append(PlannedFile(folder / numbered_chain_name(position), certificate_pem([certificate])))
    return planned


def unpack_pfx(data: bytes, password: bytes, folder: Path, now: Callable[[], datetime] = datetime.now) -> WriteOutcome:
    """The key (unencrypted, owner-only), the certificate and its chain from a .pfx."""
    bundle = read_pkcs12(data, password)
    if bundle.private_key is None or not bundle.certificates:
        raise CsrWizardError("this .pfx does not hold both a private key and a certificate")
    report = order_chain(bundle.certificates, bundle.private_key.public_key())
    planned = [PlannedFile(folder / KEY_NAME, private_key_pem(bundle.private_key), secret=True)]
    planned += certificate_files(folder, report.leaf, report.intermediates)
    return write_files(planned, now=now)
