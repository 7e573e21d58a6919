"""Renewal: the answers of an earlier request, read back from its CSR or its openssl config."""

from __future__ import annotations

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
    text = str(error)
    return type(error)(text if str(path) in text else f"{path.name}: {text}")
