"""Putting certificates in order (leaf, intermediates, root) and verifying each signature."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import AuthorityInformationAccessOID

from csrwizard.x509_fields import UnreadableField, extension_value, holds_key


@dataclass
class ChainReport:
    """A chain in upload order (the leaf, then its intermediates), and the root it ends at.

    The root is never uploaded: clients carry their own copy. When it came with the files it is
    named here, and left out of what is written.
    """

    ordered: list[x509.Certificate] = field(default_factory=list)
    strays: list[x509.Certificate] = field(default_factory=list)  # given, but not on the path
    root: x509.Certificate | None = None  # the self-signed root the path ends at, when known
    root_in_files: bool = False  # the root came with the files (and is left out)
    missing_issuer: x509.Name | None = None
    issuer_url: str | None = None
    bad_signature: x509.Certificate | None = None

    @property
    def leaf(self) -> x509.Certificate | None:
        return self.ordered[0] if self.ordered else None

    @property
    def intermediates(self) -> list[x509.Certificate]:
        """Everything after the leaf, the root left out: what intermediate.crt holds."""
        return self.ordered[1:]

    @property
    def path(self) -> list[x509.Certificate]:
        """The whole path, root included when known: what each certificate check looks at."""
        return [*self.ordered, self.root] if self.root is not None else list(self.ordered)


def is_self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    return signed_by(cert, cert)


def signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, Exception):  # noqa: BLE001 - InvalidSignature and unsupported keys
        return False
    return True


def is_ca(cert: x509.Certificate) -> bool:
    try:
        constraints = extension_value(cert, x509.BasicConstraints)
    except UnreadableField:
        return False
    return constraints is not None and constraints.ca


def issuer_url(cert: x509.Certificate) -> str | None:
    """The AIA 'CA Issuers' URL, where a missing issuer certificate can be fetched."""
    try:
        access = extension_value(cert, x509.AuthorityInformationAccess)
    except UnreadableField:
        return None
    for description in access or []:
        if description.access_method == AuthorityInformationAccessOID.CA_ISSUERS:
            return str(description.access_location.value)
    return None


def find_leaf(certificates: list[x509.Certificate], public_key=None) -> x509.Certificate | None:
    """The certificate for the server: the one matching the key, else the one that issued nothing."""
    if public_key is not None:
        for cert in certificates:
            if holds_key(cert, public_key):
                return cert
    issuers = {c.issuer for c in certificates if not is_self_signed(c)}
    candidates = [c for c in certificates if not is_ca(c)] or [c for c in certificates if c.subject not in issuers]
    return candidates[0] if candidates else (certificates[0] if certificates else None)


def order_chain(
    certificates: list[x509.Certificate],
    public_key=None,
    trusted_roots: list[x509.Certificate] = (),
) -> ChainReport:
    """Walk from the leaf up through the given certificates, checking each signature on the way.

    A first guess at the path, taking the first issuer that fits: used where no validator is asked
    (unpacking a .pfx, prefilling a renewal) and, when the validator finds no path, to say why.
    """
    unique = unique_certificates(certificates)
    report = ChainReport()
    current = find_leaf(unique, public_key)
    if current is None:
        return report
    report.ordered.append(current)
    remaining = [c for c in unique if c is not current]
    while True:
        if is_self_signed(current):
            if len(report.ordered) > 1:  # the root came with the files: named, never uploaded
                report.root, report.root_in_files = report.ordered.pop(), True
            break
        issuer = next((c for c in remaining if c.subject == current.issuer and signed_by(current, c)), None)
        if issuer is None:
            named = next((c for c in remaining if c.subject == current.issuer), None)
            if named is not None:
                report.bad_signature = current
            elif root := next(
                (r for r in trusted_roots if r.subject == current.issuer and signed_by(current, r)), None
            ):
                report.root = root
            else:
                report.missing_issuer = current.issuer
                report.issuer_url = issuer_url(current)
            break
        report.ordered.append(issuer)
        remaining.remove(issuer)
        current = issuer
    report.strays = remaining
    return report


def chain_from_path(path: list[x509.Certificate], given: list[x509.Certificate]) -> ChainReport:
    """The report of a path the validator built (leaf first, trust anchor last): every given
    certificate not on it is a stray, to be left out."""
    ordered, root = (list(path[:-1]), path[-1]) if len(path) > 1 else (list(path), None)
    on_path = set(path)
    return ChainReport(
        ordered=ordered,
        strays=[c for c in unique_certificates(given) if c not in on_path],
        root=root,
        root_in_files=root is not None and root in given,
    )


def unique_certificates(certificates: list[x509.Certificate]) -> list[x509.Certificate]:
    """Each certificate once, in the order first given."""
    return list({c.fingerprint(hashes.SHA256()): c for c in certificates}.values())


def system_trusted_roots() -> list[x509.Certificate]:
    """The roots this machine trusts, where Python's ssl module can list them; else none."""
    return list(_system_trusted_roots())


def store_files() -> tuple[str, ...]:
    """The PEM files of the machine's store, as ssl.get_default_verify_paths() names them (the
    environment's SSL_CERT_FILE first, then OpenSSL's own), asked of the C module behind ssl:
    importing ssl itself (and socket) costs every `check` ~5 ms. Then the distributions' own
    bundles, for an executable whose OpenSSL looks only where its build machine keeps them."""
    try:
        from _ssl import get_default_verify_paths
    except ImportError:  # a Python whose ssl is built otherwise
        import ssl

        paths = ssl.get_default_verify_paths()
        return tuple(bundle for bundle in (paths.cafile, paths.openssl_cafile) if bundle) + distribution_bundles()
    cafile_variable, openssl_cafile, _, _ = get_default_verify_paths()
    return (os.environ.get(cafile_variable, openssl_cafile), openssl_cafile) + distribution_bundles()


# Where Linux distributions keep the bundle (Go's crypto/x509 root_linux.go looks in the
# same places).
DISTRIBUTION_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # CentOS, RHEL 7 and later
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",  # Alpine
)


def distribution_bundles(platform: str = sys.platform) -> tuple[str, ...]:
    # Never on Windows: C:\etc can be made by any user, who would then choose our roots.
    return () if platform == "win32" else DISTRIBUTION_BUNDLES


@functools.lru_cache(maxsize=1)
def _system_trusted_roots() -> tuple[x509.Certificate, ...]:
    # Read once per process: the store does not change while csrwizard runs.
    import warnings

    for bundle in store_files():
        # The store's own file, parsed in one call, is much faster than an ssl context (Linux, macOS).
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return tuple(x509.load_pem_x509_certificates(Path(bundle).read_bytes()))
        except (TypeError, OSError, ValueError):
            continue
    if sys.platform == "win32":
        # Windows keeps its roots in a system store: ROOT alone, never the cached intermediates.
        from csrwizard.pki.windows_store import server_auth_roots

        return tuple(server_auth_roots())
    return ()
