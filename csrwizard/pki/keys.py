"""RSA keys: the only kind Endpoint Central accepts."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from csrwizard.names import DEFAULT_KEY_FORMAT, KEY_FORMATS

# Keyed by the names offered (names.KEY_FORMATS, in its order): BEGIN PRIVATE KEY, what
# `openssl req -nodes` writes; BEGIN RSA PRIVATE KEY, for servers that want it.
PRIVATE_FORMATS = dict(
    zip(KEY_FORMATS, (serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL), strict=True)
)


def key_format_problem(name: str) -> str | None:
    if name not in KEY_FORMATS:
        return f"{name!r} is not offered; choose {' or '.join(KEY_FORMATS)}"
    return None


def private_key_pem(key: rsa.RSAPrivateKey, key_format: str = DEFAULT_KEY_FORMAT) -> bytes:
    """The key unencrypted, in the chosen PEM format. Only ever written to an owner-only file."""
    return key.private_bytes(serialization.Encoding.PEM, PRIVATE_FORMATS[key_format], serialization.NoEncryption())


def colon_hex(digest: bytes) -> str:
    """`AB:CD:...`, the form certificate tools print fingerprints in."""
    return digest.hex(":").upper()


def public_key_sha256(public_key) -> str:
    """SHA-256 of the DER SubjectPublicKeyInfo, colon-separated: matches certificate tools' pin form."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    # cryptography's SHA-256, loaded already to sign, rather than importing hashlib's OpenSSL too
    digest = hashes.Hash(hashes.SHA256())
    digest.update(der)
    return colon_hex(digest.finalize())
