"""Building the .pfx Endpoint Central uploads: key, certificate and chain under one password."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12

from csrwizard.names import PFX_FRIENDLY_NAME
from csrwizard.problems import InputRefused, Problem
from csrwizard.x509_fields import holds_key

MODERN_KDF_ROUNDS = 50_000
LEGACY_KDF_ROUNDS = 2048


def pfx_password_problem(password: bytes, repeated: bytes | None = None) -> str | None:
    if not password:
        return "an empty password leaves the private key readable by anyone with the file"
    if repeated is not None and repeated != password:
        return "the two passwords differ"
    return None


def serialize_pfx(
    certificate: x509.Certificate,
    private_key,
    chain: list[x509.Certificate],
    password: bytes,
    legacy: bool = False,
    friendly_name: str = PFX_FRIENDLY_NAME,
) -> bytes:
    """PKCS#12 bytes; AES-256 with PBKDF2 by default, 3DES/SHA-1 (`legacy`) for old Windows importers.

    Refuses a key that does not match the certificate: such a .pfx would fail on upload.
    """
    problems = []
    if not holds_key(certificate, private_key.public_key()):
        problems.append(Problem("key_file", "the private key does not match the certificate"))
    if message := pfx_password_problem(password):
        problems.append(Problem("password", message))
    if problems:
        raise InputRefused(problems)
    builder = PrivateFormat.PKCS12.encryption_builder()
    if legacy:
        builder = (
            builder.kdf_rounds(LEGACY_KDF_ROUNDS)
            .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
            .hmac_hash(hashes.SHA1())
        )
    else:
        builder = (
            builder.kdf_rounds(MODERN_KDF_ROUNDS)
            .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
            .hmac_hash(hashes.SHA256())
        )
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), private_key, certificate, chain or None, builder.build(password)
    )
