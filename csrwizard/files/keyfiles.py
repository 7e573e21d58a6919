"""Reading private key files: which format, whether encrypted, and removing the passphrase."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from csrwizard.problems import CsrWizardError, NotEncrypted, WrongPassphrase

__all__ = ["KeyFileInfo", "NotEncrypted", "WrongPassphrase", "decrypt_key", "describe_key_file", "load_private_key"]


@dataclass(frozen=True)
class KeyFileInfo:
    """What a key file is, told without asking for its passphrase."""

    format: str  # human description, e.g. "encrypted PKCS#8 (PEM)"
    encrypted: bool
    encoding: str  # "PEM" or "DER"


def _is_pem(data: bytes) -> bool:
    return b"-----BEGIN" in data


def describe_key_file(data: bytes) -> KeyFileInfo:
    """The key's format and whether it is encrypted; CsrWizardError when it is not a key."""
    if _is_pem(data):
        text = data.decode("ascii", "replace")
        if "BEGIN ENCRYPTED PRIVATE KEY" in text:
            return KeyFileInfo("encrypted PKCS#8 (PEM)", True, "PEM")
        if "BEGIN RSA PRIVATE KEY" in text:
            if "Proc-Type: 4,ENCRYPTED" in text:
                cipher = text.split("DEK-Info:", 1)[1].split(",", 1)[0].strip() if "DEK-Info:" in text else "?"
                return KeyFileInfo(f"encrypted traditional OpenSSL RSA (PEM, {cipher})", True, "PEM")
            return KeyFileInfo("unencrypted PKCS#1 RSA (PEM)", False, "PEM")
        if "BEGIN PRIVATE KEY" in text:
            return KeyFileInfo("unencrypted PKCS#8 (PEM)", False, "PEM")
        if "-----BEGIN" in text and "PRIVATE KEY" in text:
            encrypted = "ENCRYPTED" in text
            return KeyFileInfo("a non-RSA private key (PEM)", encrypted, "PEM")
        raise CsrWizardError("this PEM file holds no private key (is it a certificate or a CSR?)")
    try:
        serialization.load_der_private_key(data, None)
    except TypeError:
        return KeyFileInfo("encrypted PKCS#8 (DER)", True, "DER")
    except (ValueError, UnsupportedAlgorithm):
        raise CsrWizardError("this file is not a private key in PEM or DER form") from None
    return KeyFileInfo("unencrypted key (DER)", False, "DER")


def load_private_key(data: bytes, passphrase: bytes | None = None, validate: bool = True):
    """The key object. Maps cryptography's three error meanings to three user messages.

    `validate=False` skips the RSA consistency check (~35 ms) where the key is only read to compare
    or show; whatever writes a key out checks it (see `checked_key`).
    """
    loader = serialization.load_pem_private_key if _is_pem(data) else serialization.load_der_private_key
    try:
        return loader(data, passphrase, unsafe_skip_rsa_key_validation=not validate)
    except TypeError as error:
        if passphrase is None:
            raise CsrWizardError("the key is encrypted: a passphrase is needed") from None
        if "not encrypted" in str(error):
            raise NotEncrypted("the key is not encrypted; there is no passphrase to remove") from None
        raise CsrWizardError("the key could not be read") from None
    except ValueError:
        if passphrase is not None:
            raise WrongPassphrase("the passphrase is wrong") from None
        raise CsrWizardError("the file is not a private key csrwizard can read") from None
    except UnsupportedAlgorithm:
        raise CsrWizardError("the key uses an encryption csrwizard cannot read") from None


def checked_key(key):
    """The same key, once its parts are shown to agree; CsrWizardError when they do not."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        serialization.load_der_private_key(der, None)
    except ValueError:
        raise CsrWizardError("the private key is damaged: its parts do not agree; nothing was written") from None
    return key


def decrypt_key(data: bytes, passphrase: bytes) -> rsa.RSAPrivateKey:
    """The RSA key inside an encrypted key file."""
    info = describe_key_file(data)
    if not info.encrypted:
        raise NotEncrypted("the key is not encrypted; there is no passphrase to remove")
    try:
        key = load_private_key(data, passphrase)
    except WrongPassphrase as error:
        # Said where decrypting was asked for: nothing was written. (Inspect says only the first part.)
        raise WrongPassphrase(f"{error}; the key file was not changed") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CsrWizardError("the key is not RSA; Endpoint Central accepts only RSA keys")
    return key
