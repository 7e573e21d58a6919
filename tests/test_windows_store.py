"""Trust anchors on Windows come from the ROOT store alone, and only those trusted for server auth.

Windows' "CA" store holds intermediates it has cached; ssl.create_default_context() loads it too,
which would let a server.crt sent without its intermediate pass. These run on every platform with
a fake `ssl.enum_certificates` (the real one exists on Windows only).
"""

import sys
import types

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.pki import chain
from csrwizard.pki.windows_store import SERVER_AUTH, server_auth_roots, trusted_for_server_auth
from tests.ca import ThrowawayCA, issue, name, rsa_key

CODE_SIGNING = "1.3.6.1.5.5.7.3.3"
CLIENT_AUTH = "1.3.6.1.5.5.7.3.2"


def der(certificate) -> bytes:
    return certificate.public_bytes(Encoding.DER)


def another_root(common_name: str):
    key = rsa_key()
    return issue(name(common_name), key, name(common_name), key, ca=True, days=3650)


class FakeStores:
    """`ssl.enum_certificates` over made-up stores; records which stores were asked."""

    def __init__(self, stores: dict[str, list[tuple[bytes, str, object]]]):
        self.stores, self.asked = stores, []

    def __call__(self, store_name: str):
        self.asked.append(store_name)
        return list(self.stores.get(store_name, []))


@pytest.fixture(scope="module")
def ca():
    return ThrowawayCA.create()


@pytest.mark.parametrize(
    ("encoding", "trust", "kept"),
    [
        ("x509_asn", True, True),  # trusted for every purpose
        ("x509_asn", {SERVER_AUTH}, True),
        ("x509_asn", {CLIENT_AUTH, SERVER_AUTH}, True),
        ("x509_asn", {CODE_SIGNING}, False),
        ("x509_asn", {CLIENT_AUTH}, False),
        ("x509_asn", set(), False),
        ("x509_asn", False, False),
        ("pkcs_7_asn", True, False),  # a PKCS#7 bundle is not a certificate
    ],
)
def test_only_certificates_trusted_for_server_auth_are_kept(encoding, trust, kept):
    assert trusted_for_server_auth(encoding, trust) is kept


def test_the_root_store_alone_is_read_and_the_cached_intermediates_are_not(ca):
    code_signing_root = another_root("Code Signing Only Root")
    stores = FakeStores(
        {
            "ROOT": [
                (der(ca.root), "x509_asn", {SERVER_AUTH}),
                (der(code_signing_root), "x509_asn", {CODE_SIGNING}),
                (b"not a certificate", "x509_asn", True),
                (b"\x30\x03\x02\x01\x01", "pkcs_7_asn", True),
            ],
            "CA": [(der(ca.intermediate), "x509_asn", True)],
        }
    )
    assert server_auth_roots(stores) == [ca.root]
    assert stores.asked == ["ROOT"]


def test_check_on_windows_takes_its_anchors_from_the_root_store(ca, monkeypatch):
    """The whole root-finding path as Windows runs it: no store file, then ssl.enum_certificates."""
    import ssl

    stores = FakeStores({"ROOT": [(der(ca.root), "x509_asn", True)], "CA": [(der(ca.intermediate), "x509_asn", True)]})
    monkeypatch.setattr(ssl, "enum_certificates", stores, raising=False)
    monkeypatch.setattr(chain, "store_files", lambda: ())
    monkeypatch.setattr(chain, "sys", types.SimpleNamespace(platform="win32"))
    chain._system_trusted_roots.cache_clear()
    try:
        roots = chain.system_trusted_roots()
    finally:
        chain._system_trusted_roots.cache_clear()
    assert roots == [ca.root]
    assert "CA" not in stores.asked


def test_a_leaf_without_its_intermediate_is_missing_one_even_when_windows_cached_it(ca):
    leaf = ca.leaf_for(rsa_key())
    roots = server_auth_roots(FakeStores({"ROOT": [(der(ca.root), "x509_asn", True)]}))
    report = chain.order_chain([leaf], trusted_roots=roots)
    assert report.missing_issuer == ca.intermediate.subject


@pytest.mark.skipif(sys.platform == "win32", reason="Windows never looks in POSIX folders (the test below)")
def test_a_linux_executable_finds_the_distributions_bundle(ca, tmp_path, monkeypatch):
    """OpenSSL built on another distribution looks where that one keeps its roots: nothing here."""
    import _ssl

    bundle = tmp_path / "ca-bundle.crt"
    bundle.write_bytes(ca.root.public_bytes(Encoding.PEM))
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    real = _ssl.get_default_verify_paths()
    elsewhere = str(tmp_path / "build-machine" / "cert.pem")
    monkeypatch.setattr(_ssl, "get_default_verify_paths", lambda: (real[0], elsewhere, real[2], real[3]))
    monkeypatch.setattr(chain, "DISTRIBUTION_BUNDLES", (str(tmp_path / "absent.crt"), str(bundle)))
    chain._system_trusted_roots.cache_clear()
    try:
        assert chain.system_trusted_roots() == [ca.root]
    finally:
        chain._system_trusted_roots.cache_clear()


def test_windows_never_looks_in_posix_folders():
    # On Windows "/etc/ssl/cert.pem" is C:\etc\ssl\cert.pem, a folder any user may create.
    assert chain.distribution_bundles("win32") == ()
    assert chain.distribution_bundles("linux") == chain.DISTRIBUTION_BUNDLES
