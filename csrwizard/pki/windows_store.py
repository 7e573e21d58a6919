"""The roots Windows trusts for server authentication: its ROOT store, and nothing else.

ssl.create_default_context() on Windows loads two stores, "CA" and "ROOT". "CA" holds the
intermediates Windows has cached from chains it built before; taken as trust anchors, they would
let a server.crt sent without its intermediate pass check and probe. So only "ROOT" is read, and
only the entries trusted for server authentication, as CPython's own load_default_certs keeps
them: `ssl.enum_certificates(store)` gives (bytes, "x509_asn" or "pkcs_7_asn", trust), where
trust is True (every purpose) or a set of extended key usage OIDs
(https://docs.python.org/3/library/ssl.html#ssl.enum_certificates).

What this cannot see: Windows downloads some roots from Windows Update the first time a chain
needs them ("automatic root update"), so a root not yet downloaded is not in the store, and a
chain to it reads as "root not trusted" here although Windows would fetch and trust it.
"""

from __future__ import annotations

import warnings
from typing import Callable, Iterable

from cryptography import x509

ROOT_STORE = "ROOT"
SERVER_AUTH = "1.3.6.1.5.5.7.3.1"  # id-kp-serverAuth (RFC 5280 4.2.1.12)
X509_DER = "x509_asn"

StoreEntries = Callable[[str], Iterable[tuple[bytes, str, object]]]


def trusted_for_server_auth(encoding: str, trust: object) -> bool:
    """Whether a store entry is a certificate (not a PKCS#7 bundle) trusted to anchor a TLS server."""
    if encoding != X509_DER:
        return False
    return trust is True or (isinstance(trust, (set, frozenset)) and SERVER_AUTH in trust)


def server_auth_roots(enum_certificates: StoreEntries | None = None) -> list[x509.Certificate]:
    """The ROOT store's certificates trusted for server authentication; unreadable ones skipped."""
    if enum_certificates is None:
        import ssl

        enum_certificates = ssl.enum_certificates  # Windows only
    roots = []
    with warnings.catch_warnings():
        # Some old roots in system stores have non-positive serials; they are still roots.
        warnings.simplefilter("ignore")
        for der, encoding, trust in enum_certificates(ROOT_STORE):
            if not trusted_for_server_auth(encoding, trust):
                continue
            try:
                roots.append(x509.load_der_x509_certificate(der))
            except ValueError:
                continue
    return roots
