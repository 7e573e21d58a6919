"""The chain as browsers build it: every certificate that came with the reply is a candidate, the
validator backtracks past an expired cross-sign, and each fault is said once, by the check that owns it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.cli import main
from csrwizard.reply.checks import FAIL, PASS, WARN, CheckInputs, run_checks
from csrwizard.request.csr import load_csr
from csrwizard.request.csr_der import request_pem
from csrwizard.request.subject import SubjectInput, validate_subject
from tests.ca import NOW, ThrowawayCA, issue, name, rsa_key

SEED_SANS = ("www.zoho.com", "*.domain.com", "manageengine.com", "ems.com", "desktopcentral.com")


def pem(*certificates) -> bytes:
    return b"".join(c.public_bytes(Encoding.PEM) for c in certificates)


def verdicts(report) -> dict[str, str]:
    return {r.name: r.verdict for r in report.results}


def reasons(report) -> str:
    return " | ".join(f"{r.name}: {r.reason}" for r in report.results)


@pytest.fixture(scope="module")
def seed_request():
    """The vendor page's example, as csrwizard's rules accept it: the CN first, then the wildcard."""
    key = rsa_key()
    typed = SubjectInput(
        country="IN",
        state="Tamil Nadu",
        locality="Chennai",
        organization="ZOHO",
        common_name="www.zoho.com",
        sans="*.domain.com, manageengine.com, ems.com, desktopcentral.com",
    )
    subject = validate_subject(typed)
    return key, load_csr(request_pem(subject, key))


class CrossSigned:
    """Root Two's intermediate signed twice: once by Root One (expired, as AddTrust in 2020 and
    DST Root X3 in 2021), once by Root Zero (valid). Clients trust Root Zero and Root One."""

    def __init__(self, leaf_key) -> None:
        r0, r1, r2, issuing = rsa_key(), rsa_key(), rsa_key(), rsa_key()
        long_ago = NOW - timedelta(days=4000)
        self.root_zero = issue(name("Root Zero"), r0, name("Root Zero"), r0, ca=True, days=7000, not_before=long_ago)
        self.root_one = issue(name("Root One"), r1, name("Root One"), r1, ca=True, days=7000, not_before=long_ago)
        self.expired_cross = issue(
            name("Root Two"), r2, name("Root One"), r1, ca=True, days=300, not_before=NOW - timedelta(days=1000)
        )
        self.valid_cross = issue(
            name("Root Two"), r2, name("Root Zero"), r0, ca=True, days=3000, not_before=NOW - timedelta(days=100)
        )
        # Root Two itself, as a store that already holds it has it.
        self.root_two = issue(name("Root Two"), r2, name("Root Two"), r2, ca=True, days=7000, not_before=long_ago)
        self.issuing = issue(name("Issuing CA"), issuing, name("Root Two"), r2, ca=True, days=1000)
        self.leaf = issue(name("www.zoho.com"), leaf_key, name("Issuing CA"), issuing, ca=False, sans=SEED_SANS)


class TestWildcards:
    def test_a_wildcard_the_csr_asked_for_is_covered_when_the_root_is_trusted(self, seed_request):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(csr, sans=SEED_SANS)
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        assert set(verdicts(report).values()) == {PASS}, reasons(report)
        assert "*.domain.com" in next(r.reason for r in report.results if r.name == "Names")

    def test_a_wildcard_is_not_covered_by_a_name_under_it(self, seed_request):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        sans = tuple(n for n in SEED_SANS if n != "*.domain.com") + ("www.domain.com",)
        leaf = ca.leaf_for(csr, sans=sans)
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        names = next(r for r in report.results if r.name == "Names")
        assert names.verdict == FAIL and "*.domain.com" in names.reason

    @pytest.mark.parametrize(("host", "covered"), [("ec.domain.com", True), ("a.b.domain.com", False)])
    def test_a_host_under_the_wildcard_is_covered_one_label_deep(self, seed_request, host, covered):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(csr, sans=SEED_SANS)
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, host, [ca.root]), now=NOW)
        assert (verdicts(report)["Names"] == PASS) is covered, reasons(report)

    def test_the_chain_is_validated_for_a_name_the_csr_asked_for(self, seed_request, monkeypatch):
        from csrwizard.reply import verdict

        asked = []
        original = verdict.PathValidator.build
        monkeypatch.setattr(
            verdict.PathValidator, "build", lambda self, name=None: asked.append(name) or original(self, name)
        )
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(csr, sans=("*.domain.com", *SEED_SANS))  # a wildcard first: no guessing from it
        run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        assert asked[0] == "www.zoho.com"
        assert not any(name and name.startswith(("*", "www.domain")) for name in asked)


class TestCrossSigns:
    @pytest.mark.parametrize("expired_first", [True, False])
    def test_the_valid_path_is_chosen_whatever_the_order(self, seed_request, expired_first):
        key, csr = seed_request
        pki = CrossSigned(key)
        crosses = [pki.expired_cross, pki.valid_cross] if expired_first else [pki.valid_cross, pki.expired_cross]
        inputs = CheckInputs([pki.leaf, pki.issuing, *crosses], key, csr, trusted_roots=[pki.root_zero, pki.root_one])
        report = run_checks(inputs, now=NOW)
        assert not report.failed, reasons(report)
        assert report.chain.ordered == [pki.leaf, pki.issuing, pki.valid_cross]
        assert report.chain.root == pki.root_zero
        left_out = [r for r in report.results if r.name == "Left out"]
        assert [r.verdict for r in left_out] == [WARN] and "expired" in left_out[0].reason

    def test_an_expired_cross_sign_beside_a_trusted_root_is_left_out(self, seed_request):
        """The AddTrust shape: the issuing root is trusted itself; the bundle still carries its
        expired cross-sign, which must neither fail nor be uploaded."""
        key, csr = seed_request
        pki = CrossSigned(key)
        inputs = CheckInputs([pki.leaf, pki.issuing, pki.expired_cross], key, csr, trusted_roots=[pki.root_two])
        report = run_checks(inputs, now=NOW)
        assert not report.failed, reasons(report)
        assert report.chain.ordered == [pki.leaf, pki.issuing]
        assert report.chain.strays == [pki.expired_cross]
        assert "Intermediate" not in verdicts(report)

    @pytest.mark.parametrize("expired_first", [True, False])
    def test_check_write_writes_the_valid_path(self, tmp_path, seed_request, expired_first, capsys, monkeypatch):
        key, csr = seed_request
        pki = CrossSigned(key)
        crosses = [pki.expired_cross, pki.valid_cross] if expired_first else [pki.valid_cross, pki.expired_cross]
        (tmp_path / "reply.crt").write_bytes(pem(pki.leaf))
        (tmp_path / "ca-bundle.crt").write_bytes(pem(pki.issuing, *crosses))
        (tmp_path / "roots.pem").write_bytes(pem(pki.root_zero, pki.root_one))
        words = ["check", "--dir", str(tmp_path), "--cert", "reply.crt", "--trust", "roots.pem", "--write"]
        assert main(words, now=lambda: NOW) == 0, capsys.readouterr().out
        assert (tmp_path / "intermediate.crt").read_bytes() == pem(pki.issuing, pki.valid_cross)
        assert (tmp_path / "server.crt").read_bytes() == pem(pki.leaf)


class TestFaultsOnce:
    def test_an_expired_certificate_fails_dates_not_chain(self, seed_request):
        key, csr = seed_request
        ca = ThrowawayCA.with_keys(rsa_key(), rsa_key(), not_before=NOW - timedelta(days=400))
        leaf = ca.leaf_for(csr, sans=SEED_SANS, not_before=NOW - timedelta(days=100), days=90)
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        assert verdicts(report)["Dates"] == FAIL
        assert verdicts(report)["Chain"] == PASS, reasons(report)

    def test_a_certificate_not_yet_valid_fails_dates_not_chain(self, seed_request):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(csr, sans=SEED_SANS, not_before=NOW + timedelta(days=2))
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        assert verdicts(report)["Dates"] == FAIL
        assert verdicts(report)["Chain"] == PASS, reasons(report)

    def test_an_expired_intermediate_is_named_under_intermediate_only(self, seed_request):
        key, csr = seed_request
        root_key, issuing_key = rsa_key(), rsa_key()
        root = issue(
            name("Old Root"),
            root_key,
            name("Old Root"),
            root_key,
            ca=True,
            days=7000,
            not_before=NOW - timedelta(days=400),
        )
        issuing = issue(
            name("Lapsed Issuing CA"),
            issuing_key,
            root.subject,
            root_key,
            ca=True,
            days=30,
            not_before=NOW - timedelta(days=40),
        )
        leaf = issue(
            name("www.zoho.com"),
            key,
            issuing.subject,
            issuing_key,
            ca=False,
            sans=SEED_SANS,
            not_before=NOW - timedelta(days=20),
        )
        report = run_checks(CheckInputs([leaf, issuing], key, csr, trusted_roots=[root]), now=NOW)
        assert verdicts(report)["Intermediate"] == FAIL
        assert "Lapsed Issuing CA" in next(r.reason for r in report.results if r.name == "Intermediate")
        assert verdicts(report)["Chain"] == PASS, reasons(report)


class TestTheCertificateHeldToTheRules:
    def test_a_cn_outside_the_sans_fails_names_citing_the_rule(self, seed_request):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = issue(name("zoho-server"), key, ca.intermediate.subject, ca.intermediate_key, ca=False, sans=SEED_SANS)
        report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
        names = next(r for r in report.results if r.name == "Names")
        assert names.verdict == FAIL and "7.1.4.3" in names.reason and "zoho-server" in names.reason

    def test_a_root_whose_authority_key_identifier_is_not_its_own_is_warned_of(self, seed_request):
        key, csr = seed_request
        root_key, stranger = rsa_key(), rsa_key()
        while stranger is root_key:
            stranger = rsa_key()
        root = issue(
            name("Odd Root"),
            root_key,
            name("Odd Root"),
            root_key,
            ca=True,
            days=3000,
            issuer_public_key=stranger.public_key(),
        )
        issuing_key = rsa_key()
        issuing = issue(name("Issuing CA"), issuing_key, root.subject, root_key, ca=True, days=1000)
        leaf = issue(name("www.zoho.com"), key, issuing.subject, issuing_key, ca=False, sans=SEED_SANS)
        assert root.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
        report = run_checks(CheckInputs([leaf, issuing], key, csr, trusted_roots=[root]), now=NOW)
        assert verdicts(report)["Root"] == WARN
        assert "OpenSSL" in next(r.reason for r in report.results if r.name == "Root")


class TestTheRootComesWithTheFiles:
    def test_a_ca_bundle_with_the_root_writes_only_the_intermediate(self, tmp_path, seed_request, capsys, monkeypatch):
        key, csr = seed_request
        ca = ThrowawayCA.create()
        leaf = ca.leaf_for(csr, sans=SEED_SANS)
        (tmp_path / "reply.crt").write_bytes(pem(leaf))
        (tmp_path / "ca-bundle.crt").write_bytes(pem(ca.intermediate, ca.root))
        (tmp_path / "root.pem").write_bytes(pem(ca.root))
        words = ["check", "--dir", str(tmp_path), "--cert", "reply.crt", "--trust", "root.pem", "--write"]
        assert main(words, now=lambda: NOW) == 0
        out = capsys.readouterr().out
        assert (tmp_path / "intermediate.crt").read_bytes() == pem(ca.intermediate)
        assert not list(tmp_path.glob("intermediate-*.crt"))
        assert "came with the files and is left out" in out and "Throwaway Root" in out
