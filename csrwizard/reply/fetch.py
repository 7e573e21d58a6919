"""Fetching a missing intermediate from the URL in the certificate's AIA extension (HTTP only)."""

from __future__ import annotations

import urllib.request

from cryptography import x509

from csrwizard.problems import CsrWizardError

FETCH_TIMEOUT_SECONDS = 10
MAX_BYTES = 1_000_000


def fetch_issuer(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> list[x509.Certificate]:
    """The certificates served at an AIA 'CA Issuers' URL: DER, PEM or PKCS#7."""
    from csrwizard.files.reading import read_bundle

    if not url.lower().startswith("http://"):
        raise CsrWizardError(f"only http:// issuer URLs are fetched (CAs publish them so): {url}")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - http only, checked above
            data = response.read(MAX_BYTES + 1)
    except OSError as error:
        raise CsrWizardError(f"could not fetch {url}: {getattr(error, 'reason', error)}") from None
    if len(data) > MAX_BYTES:
        raise CsrWizardError(f"{url} sent more than {MAX_BYTES} bytes: not a certificate")
    bundle = read_bundle(data)
    if not bundle.certificates:
        raise CsrWizardError(f"{url} sent no certificate")
    return bundle.certificates
