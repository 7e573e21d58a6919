"""The chain verdict is as strict as a browser's: for each fault that `openssl verify -purpose
sslserver -auth_level 2` (TLS at 112-bit security) rejects, our checks fail too, naming the certificate."""

import subprocess
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.pki.keys import private_key_pem
from csrwizard.reply.checks import FAIL, PASS, CheckInputs, run_checks
from tests.ca import NOW, ThrowawayCA, issue, name, rsa_key
from tests.conftest import OPENSSL, run_openssl

SANS = ("ec.example.com",)


@pytest.fixture(scope="module")
def ca():
    return ThrowawayCA.create()


@pytest.fixture(scope="module")
def server_key():
    return rsa_key()


def intermediate_under(authority, key, **kwargs):
    return issue(name("Faulty Intermediate"), key, authority.root.subject, authority.root_key, **kwargs)


def leaf_under(intermediate, intermediate_key, server_key, **kwargs):
    return issue(
        name("ec.example.com"), server_key, intermediate.subject, intermediate_key, ca=False, sans=SANS, **kwargs
    )


def openssl_accepts(tmp_path, root, intermediates, leaf) -> bool:
    (tmp_path / "root.pem").write_bytes(root.public_bytes(Encoding.PEM))
    (tmp_path / "untrusted.pem").write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in intermediates))
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(Encoding.PEM))
    untrusted = ["-untrusted", "untrusted.pem"] if intermediates else []
    result = subprocess.run(
        [
            OPENSSL,
            "verify",
            "-purpose",
            "sslserver",
            "-auth_level",
            "2",
            "-attime",
            str(int(NOW.timestamp())),
            "-CAfile",
            "root.pem",
            *untrusted,
            "leaf.pem",
        ],
        cwd=tmp_path,
        capture_output=True,
    )
    return result.returncode == 0


def our_failures(ca, intermediates, leaf) -> dict[str, str]:
    report = run_checks(CheckInputs([leaf, *intermediates], trusted_roots=[ca.root], host="ec.example.com"), now=NOW)
    return {r.name: r.reason for r in report.results if r.verdict == FAIL}


def make_case(case, ca, server_key):
    """(intermediates, leaf, the words our verdict must say) for one fault."""
    key = rsa_key()
    if case == "expired intermediate":
        inter = intermediate_under(ca, key, ca=True, not_before=NOW - timedelta(days=400), days=300)
        return [inter], leaf_under(inter, key, server_key), "'Faulty Intermediate' expired on"
    if case == "CA:FALSE intermediate":
        inter = intermediate_under(ca, key, ca=False, key_usage="cert_sign")
        return [inter], leaf_under(inter, key, server_key), "'Faulty Intermediate' is not a CA certificate"
    if case == "intermediate without keyCertSign":
        inter = intermediate_under(ca, key, ca=True, key_usage="crl_only")
        return [inter], leaf_under(inter, key, server_key), "'Faulty Intermediate' may not sign certificates"
    if case == "1024-bit intermediate":
        small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
        inter = intermediate_under(ca, small, ca=True)
        return [inter], leaf_under(inter, small, server_key), "has a 1024-bit RSA key"
    if case == "clientAuth-only leaf":
        leaf = ca.leaf_for(server_key, sans=SANS, server_auth=False)
        return [ca.intermediate], leaf, "not for servers (its EKU allows only client authentication)"
    if case == "CA leaf":
        leaf = issue(
            name("ec.example.com"), server_key, ca.intermediate.subject, ca.intermediate_key, ca=True, sans=SANS
        )
        return [ca.intermediate], leaf, "is itself a CA"
    raise AssertionError(case)


CASES = [
    "expired intermediate",
    "CA:FALSE intermediate",
    "intermediate without keyCertSign",
    "1024-bit intermediate",
    "clientAuth-only leaf",
]


@pytest.mark.parametrize("case", CASES)
def test_our_verdict_agrees_where_openssl_rejects(tmp_path, ca, server_key, case):
    intermediates, leaf, words = make_case(case, ca, server_key)
    assert not openssl_accepts(tmp_path, ca.root, intermediates, leaf)
    failures = our_failures(ca, intermediates, leaf)
    # Rejected too, once, by the check that names the certificate and the fault (not Chain again).
    assert "Chain" not in failures and len(failures) == 1, failures
    assert any(words in reason for reason in failures.values()), failures


def test_a_leaf_that_is_a_ca_fails_as_browsers_fail_it(ca, server_key):
    # openssl's sslserver purpose lets a CA:TRUE leaf through; the CA/B Forum profile does not.
    intermediates, leaf, words = make_case("CA leaf", ca, server_key)
    failures = our_failures(ca, intermediates, leaf)
    assert list(failures) == ["Server use"], failures
    assert any(words in reason for reason in failures.values()), failures


def test_a_good_chain_passes_both(tmp_path, ca, server_key):
    leaf = ca.leaf_for(server_key, sans=SANS)
    assert openssl_accepts(tmp_path, ca.root, [ca.intermediate], leaf)
    assert our_failures(ca, [ca.intermediate], leaf) == {}


def test_a_sha1_signed_leaf_fails(tmp_path, ca, server_key):
    # cryptography will not sign with SHA-1 any more; the openssl CLI still can, as old CAs did.
    (tmp_path / "inter.key").write_bytes(private_key_pem(ca.intermediate_key))
    (tmp_path / "inter.pem").write_bytes(ca.intermediate.public_bytes(Encoding.PEM))
    (tmp_path / "server.key").write_bytes(private_key_pem(server_key))
    (tmp_path / "ext.cnf").write_text(
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:ec.example.com\nsubjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid\n"
    )
    run_openssl("req", "-new", "-key", "server.key", "-subj", "/CN=ec.example.com", "-out", "leaf.csr", cwd=tmp_path)
    run_openssl(
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "inter.pem",
        "-CAkey",
        "inter.key",
        "-sha1",
        "-set_serial",
        "7",
        "-days",
        "30",
        "-extfile",
        "ext.cnf",
        "-out",
        "leaf.pem",
        cwd=tmp_path,
    )
    from cryptography import x509

    leaf = x509.load_pem_x509_certificate((tmp_path / "leaf.pem").read_bytes())
    report = run_checks(CheckInputs([leaf, ca.intermediate], trusted_roots=[ca.root]))
    failures = {r.name: r.reason for r in report.results if r.verdict == FAIL}
    assert "signed with SHA-1" in failures.get("Signature algorithm", ""), failures


def test_a_root_that_came_with_the_files_is_named_as_untrusted(ca, server_key):
    leaf = ca.leaf_for(server_key, sans=SANS)
    report = run_checks(CheckInputs([leaf, ca.intermediate, ca.root]), now=NOW)
    chain = next(r for r in report.results if r.name == "Chain")
    assert chain.verdict == "warn" and "'Throwaway Root', a root this machine does not trust" in chain.reason
    assert PASS == next(r.verdict for r in report.results if r.name == "Key type")
