"""Reading whatever the CA sends back: PEM (CRLF, BOM, many in one), DER, PKCS#7 and PKCS#12."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12

from csrwizard.problems import CsrWizardError, PasswordNeeded, WrongPassword
from csrwizard.x509_fields import LOAD_ERRORS

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \1-----", re.DOTALL)


@dataclass
class Bundle:
    """What one file held."""

    kind: str  # e.g. "PEM certificate(s)", "PKCS#7 (DER)", "PKCS#12"
    certificates: list[x509.Certificate] = field(default_factory=list)
    private_key: object | None = None
    csr: x509.CertificateSigningRequest | None = None


def clean_text(data: bytes) -> bytes:
    """Drop a UTF-8 byte-order mark and Windows line ends, which some CAs' files carry."""
    return data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")


# Keys are read here to compare or show them; the RSA consistency check runs where one is written.


def _read_pem(data: bytes, password: bytes | None) -> Bundle:
    from csrwizard.files.keyfiles import load_private_key

    bundle = Bundle("PEM")
    kinds = []
    for match in _PEM_BLOCK.finditer(data):
        label, block = match.group(1).decode(), match.group(0)
        try:
            if label in ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"):
                bundle.certificates.append(x509.load_pem_x509_certificate(block))
                kinds.append("certificate")
            elif label == "PKCS7":
                bundle.certificates.extend(pkcs7.load_pem_pkcs7_certificates(block))
                kinds.append("PKCS#7")
            elif label in ("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"):
                bundle.csr = x509.load_pem_x509_csr(block)
                kinds.append("CSR")
            elif label.endswith("PRIVATE KEY"):
                encrypted = "ENCRYPTED" in label or b"Proc-Type: 4,ENCRYPTED" in block
                kinds.append("encrypted private key" if encrypted else "private key")
                if password or not encrypted:
                    bundle.private_key = load_private_key(block, password if encrypted else None, validate=False)
        except LOAD_ERRORS:
            raise CsrWizardError(f"a PEM block labelled {label} in this file is damaged") from None
    if not kinds:
        raise CsrWizardError("this PEM file holds no certificate, CSR, PKCS#7 or key")
    bundle.kind = "PEM " + ", ".join(dict.fromkeys(kinds))
    return bundle


def _read_der(data: bytes, password: bytes | None) -> Bundle:
    try:
        return Bundle("DER certificate", [x509.load_der_x509_certificate(data)])
    except x509.InvalidVersion:
        raise CsrWizardError("this certificate's version is none of X.509's: it is damaged") from None
    except ValueError:
        pass
    try:
        return Bundle("PKCS#7 (DER)", list(pkcs7.load_der_pkcs7_certificates(data)))
    except UnsupportedAlgorithm:
        raise CsrWizardError("this PKCS#7 (.p7b) file is damaged or holds no certificates") from None
    except ValueError:
        pass
    try:
        return Bundle("DER CSR", csr=x509.load_der_x509_csr(data))
    except x509.InvalidVersion:
        raise CsrWizardError("this CSR's version is none of X.509's: it is damaged") from None
    except ValueError:
        pass
    if _looks_like_pkcs12(data):
        return read_pkcs12(data, password)
    from csrwizard.files.keyfiles import describe_key_file, load_private_key

    try:
        info = describe_key_file(data)
    except CsrWizardError:
        info = None
    if info is not None:
        key = load_private_key(data, password, validate=False) if (password or not info.encrypted) else None
        return Bundle(info.format, private_key=key)
    raise CsrWizardError(
        "this file is not a certificate: not PEM, DER, PKCS#7 (.p7b) or PKCS#12 (.pfx); "
        "was it saved from a web page or e-mail as text?"
    )


def _looks_like_pkcs12(data: bytes) -> bool:
    from csrwizard.files.pkcs12_limits import is_pkcs12, refuse_costly_pkcs12

    if not is_pkcs12(data):
        return False
    # OpenSSL runs the MAC's rounds even to say that a password is needed: the cap comes first.
    refuse_costly_pkcs12(data)
    try:
        pkcs12.load_key_and_certificates(data, None)
    except ValueError as error:
        # Only a PKCS#12 complains about its password; anything else is not one.
        return "password" in str(error).lower() or "mac" in str(error).lower()
    except UnsupportedAlgorithm:  # a real PKCS#12, with an algorithm this build cannot read
        return True
    return True


def require_pkcs12(data: bytes) -> None:
    """CsrWizardError unless the bytes are a PKCS#12 csrwizard will open: its structure, and no more
    key-derivation rounds than the cap. Said before any password is asked for or tried."""
    from csrwizard.files.pkcs12_limits import is_pkcs12, refuse_costly_pkcs12

    if not is_pkcs12(data):
        raise CsrWizardError("this file is not PKCS#12 (.pfx, .p12), whatever its name says")
    refuse_costly_pkcs12(data)


def read_pkcs12(data: bytes, password: bytes | None) -> Bundle:
    """Key, certificate and chain from a .pfx/.p12."""
    require_pkcs12(data)
    if password is None:
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, None)
        except ValueError:
            raise PasswordNeeded("this is a PKCS#12 (.pfx) file: its password is needed") from None
    else:
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, password)
        except ValueError:
            raise WrongPassword("the .pfx password is wrong; nothing was changed") from None
        except UnsupportedAlgorithm:
            raise CsrWizardError("this .pfx uses an encryption csrwizard cannot read") from None
    certificates = ([cert] if cert else []) + list(extra or [])
    return Bundle("PKCS#12", certificates, private_key=key)


def read_bundle(data: bytes, password: bytes | None = None) -> Bundle:
    """Whatever the bytes hold, or a one-line CsrWizardError saying what they are not."""
    if not data.strip():
        raise CsrWizardError("the file is empty")
    cleaned = clean_text(data)
    with warnings.catch_warnings():
        # e.g. "PKCS#7 certificates could not be parsed as DER, falling back to parsing as BER":
        # a fact about the file's encoding that changes nothing for the admin.
        warnings.simplefilter("ignore")
        bundle = _read_pem(cleaned, password) if b"-----BEGIN" in cleaned else _read_der(data, password)
    for cert in bundle.certificates:
        _require_names(cert, "certificate")
    if bundle.csr is not None:
        _require_names(bundle.csr, "CSR")
    return bundle


def _require_names(holder, kind: str) -> None:
    """Names and dates are what every check compares: a certificate without readable ones is damaged.

    cryptography parses them only when first read, so they are read here, once, under guard.
    """
    from csrwizard.x509_fields import guarded

    guarded(lambda: holder.subject.rfc4514_string(), f"a {kind}'s subject")
    if kind == "certificate":
        guarded(lambda: holder.issuer.rfc4514_string(), "a certificate's issuer")
        guarded(lambda: (holder.not_valid_before_utc, holder.not_valid_after_utc), "a certificate's dates")


def read_bundle_file(path: Path, password: bytes | None = None) -> Bundle:
    from csrwizard.files.writing import read_existing

    data = read_existing(path)
    try:
        return read_bundle(data, password)
    except CsrWizardError as error:
        raise type(error)(f"{path.name}: {error}") from None


def certificate_pem(certificates: list[x509.Certificate]) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding

    return b"".join(cert.public_bytes(Encoding.PEM) for cert in certificates)
