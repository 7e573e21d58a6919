"""`csrwizard inspect`: any CSR, certificate, key, .p7b or .pfx, decoded for people. Never key material."""

from __future__ import annotations

from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from csrwizard.files.reading import Bundle
from csrwizard.outcome_lines import byte_rows
from csrwizard.pki.chain import signed_by
from csrwizard.pki.keys import colon_hex, public_key_sha256
from csrwizard.problems import CsrWizardError
from csrwizard.shown_text import VALUE_LIMIT, shown
from csrwizard.x509_fields import guarded, tagged_alt_names


def display_name(name: x509.Name) -> str:
    """A name in the order it is stored (C first for ours), as people read it."""
    return ", ".join(f"{a.rfc4514_attribute_name}={a.value}" for a in name)


def describe_public_key(key) -> str:
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA {key.key_size} bits"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name} (not accepted by Endpoint Central)"
    return f"{type(key).__name__} (not accepted by Endpoint Central)"


def _field(what: str, read: Callable[[], object]) -> object:
    """One field's value, or what is wrong with it: a malformed field never hides the others."""
    try:
        return guarded(read, what)
    except CsrWizardError as error:
        return f"cannot be read: {error}"


def _key_fields(holder) -> dict:
    return {
        "public_key": _field("the public key", lambda: describe_public_key(holder.public_key())),
        "public_key_sha256": _field("the public key", lambda: public_key_sha256(holder.public_key())),
    }


def subjects_index(certificates: list[x509.Certificate]) -> dict[x509.Name, x509.Certificate]:
    """The first certificate of each subject: an issuer found in one look-up, so a bundle of
    thousands is described in linear time."""
    index: dict[x509.Name, x509.Certificate] = {}
    for cert in certificates:
        index.setdefault(cert.subject, cert)
    return index


def describe_certificate(cert: x509.Certificate, issuers: dict[x509.Name, x509.Certificate]) -> dict:
    """`issuers` is `subjects_index` of the file's certificates."""
    issuer = issuers.get(cert.issuer) or (cert if cert.subject == cert.issuer else None)
    return {
        "subject": _field("the subject", lambda: display_name(cert.subject)),
        "issuer": _field("the issuer", lambda: display_name(cert.issuer)),
        "subject_alternative_names": _field("the subjectAltName extension", lambda: tagged_alt_names(cert)),
        **_key_fields(cert),
        "not_before": _field("the start date", lambda: cert.not_valid_before_utc.isoformat()),
        "not_after": _field("the end date", lambda: cert.not_valid_after_utc.isoformat()),
        "serial": _field("the serial number", lambda: format(cert.serial_number, "X")),
        "sha256_fingerprint": colon_hex(cert.fingerprint(hashes.SHA256())),
        # Only knowable when the issuer is in the same file (or the certificate is self-signed).
        "signature_valid": signed_by(cert, issuer) if issuer is not None else None,
    }


def describe_bundle(bundle: Bundle) -> dict:
    """A plain dict (for --json) of everything worth knowing, without private key material."""
    described: dict = {"kind": bundle.kind}
    if bundle.certificates:
        issuers = subjects_index(bundle.certificates)
        described["certificates"] = [describe_certificate(c, issuers) for c in bundle.certificates]
    if bundle.csr is not None:
        csr = bundle.csr
        described["csr"] = {
            "subject": _field("the subject", lambda: display_name(csr.subject)),
            "subject_alternative_names": _field("the subjectAltName extension", lambda: tagged_alt_names(csr)),
            **_key_fields(csr),
            "signature_valid": _field("the signature", lambda: csr.is_signature_valid),
        }
    if bundle.private_key is not None:
        public = bundle.private_key.public_key()
        described["private_key"] = {
            "public_key": describe_public_key(public),
            "public_key_sha256": public_key_sha256(public),
        }
    elif "encrypted" in bundle.kind.lower() or bundle.kind == "PKCS#12":
        described["private_key"] = {"note": "encrypted: give the passphrase to see more"}
    return described


LABELS = {
    "subject": "Subject",
    "issuer": "Issuer",
    "subject_alternative_names": "SANs",
    "public_key": "Key",
    "public_key_sha256": "Public key SHA-256",
    "not_before": "Valid from",
    "not_after": "Valid until",
    "serial": "Serial",
    "sha256_fingerprint": "SHA-256 fingerprint",
    "signature_valid": "Signature",
    "note": "Note",
}


def _value_text(key: str, value) -> str:
    """A value as people read it; whatever came from the file is shown safely, long ones cut."""
    if key == "signature_valid" and not isinstance(value, str):
        return {True: "valid", False: "INVALID", None: "issuer not in this file"}[value]
    if isinstance(value, list):
        return ", ".join(shown(item, VALUE_LIMIT) for item in value) or "(none)"
    return shown(value)


FINGERPRINT_KEYS = ("public_key_sha256", "sha256_fingerprint")
FINGERPRINT_ROW_BYTES = 8  # 23 columns a row: whole bytes at 60 columns, read aloud a row at a time
VALUE_COLUMN = 23


def render_description(described: dict) -> str:
    """The dict as aligned text for people."""
    lines = [f"File: {shown(described['kind'])}"]
    sections = [(f"Certificate {i}", c) for i, c in enumerate(described.get("certificates", []), start=1)]
    if "csr" in described:
        sections.append(("Certificate signing request", described["csr"]))
    if "private_key" in described:
        sections.append(("Private key", described["private_key"]))
    for title, fields in sections:
        lines.append("")
        lines.append(title)
        for key, value in fields.items():
            text = _value_text(key, value)
            rows = byte_rows(text, FINGERPRINT_ROW_BYTES) if key in FINGERPRINT_KEYS and ":" in text else [text]
            lines.append(f"  {LABELS.get(key, key) + ':':<21}{rows[0]}")
            lines += [" " * VALUE_COLUMN + row for row in rows[1:]]
    return "\n".join(lines)
