"""A throwaway CA for tests: root, intermediate and leaf certificates made with cryptography."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
_KEYS: list = []


def rsa_key():
    # Key generation is the slow part of every test here: reuse a few keys.
    if len(_KEYS) < 4:
        _KEYS.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
        return _KEYS[-1]
    _KEYS.append(_KEYS.pop(0))
    return _KEYS[-1]


def name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Throwaway CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(
    subject_name,
    subject_key,
    issuer_name,
    issuer_key,
    *,
    ca: bool,
    sans=(),
    not_before=None,
    days=90,
    aia_url=None,
    serial=None,
    key_usage=None,
    server_auth=True,
    hash_algorithm=None,
    issuer_public_key=None,
) -> x509.Certificate:
    """A certificate with the extensions a public CA puts in (key identifiers, key usage, EKU), so
    the CA/B Forum path validator accepts it; the keywords make the faults a test needs."""
    not_before = not_before or NOW - timedelta(days=1)
    public_key = subject_key.public_key() if hasattr(subject_key, "public_key") else subject_key
    issuer_public = issuer_public_key or issuer_key.public_key()
    if key_usage is None:
        key_usage = "cert_sign" if ca else "server"
    usages = dict.fromkeys(
        [
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ],
        False,
    )
    if key_usage == "cert_sign":
        usages.update(digital_signature=True, key_cert_sign=True, crl_sign=True)
    elif key_usage == "server":
        usages.update(digital_signature=True, key_encipherment=True)
    else:  # "crl_only": a CA that may not sign certificates
        usages.update(crl_sign=True)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject_name)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + timedelta(days=days) - timedelta(seconds=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(**usages), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public), critical=False)
    )
    if not ca:
        purposes = [ExtendedKeyUsageOID.SERVER_AUTH] if server_auth else [ExtendedKeyUsageOID.CLIENT_AUTH]
        builder = builder.add_extension(x509.ExtendedKeyUsage(purposes), critical=False)
    if sans:
        entries = []
        for value in sans:
            try:
                entries.append(x509.IPAddress(ipaddress.ip_address(value)))
            except ValueError:
                entries.append(x509.DNSName(value))
        builder = builder.add_extension(x509.SubjectAlternativeName(entries), critical=False)
    if aia_url:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(aia_url)
                    )
                ]
            ),
            critical=False,
        )
    return builder.sign(issuer_key, hash_algorithm or hashes.SHA256())


@dataclass
class ThrowawayCA:
    root_key: object
    root: x509.Certificate
    intermediate_key: object
    intermediate: x509.Certificate

    @classmethod
    def create(cls, aia_url: str | None = None) -> "ThrowawayCA":
        return cls.with_keys(rsa_key(), rsa_key(), aia_url=aia_url)

    @classmethod
    def create_fixed(cls) -> "ThrowawayCA":
        """The same CA on every run (fixed keys, serials and dates), for snapshots."""
        from tests.scenes import fixed_key

        key = fixed_key(2048)
        return cls.with_keys(key, key, not_before=datetime(2026, 1, 1, tzinfo=timezone.utc), serials=(1, 2))

    @classmethod
    def with_keys(cls, root_key, intermediate_key, aia_url=None, not_before=None, serials=(None, None)):
        root_name = name("Throwaway Root")
        root = issue(
            root_name, root_key, root_name, root_key, ca=True, days=3650, not_before=not_before, serial=serials[0]
        )
        intermediate = issue(
            name("Throwaway Intermediate"),
            intermediate_key,
            root.subject,
            root_key,
            ca=True,
            days=1825,
            aia_url=aia_url,
            not_before=not_before,
            serial=serials[1],
        )
        return cls(root_key, root, intermediate_key, intermediate)

    def leaf_for(self, public_key_holder, sans=("ec.example.com",), aia_url=None, **kwargs) -> x509.Certificate:
        return issue(
            name(sans[0]),
            public_key_holder,
            self.intermediate.subject,
            self.intermediate_key,
            ca=False,
            sans=sans,
            aia_url=aia_url,
            **kwargs,
        )


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())
