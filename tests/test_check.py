"""Every verdict of `csrwizard check`, against a throwaway CA built in the test."""

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from hypothesis import given, settings
from hypothesis import strategies as st

from csrwizard.files.reading import read_bundle
from csrwizard.reply.checks import FAIL, PASS, WARN, CheckInputs, name_covered, run_checks
from csrwizard.request.csr import load_csr
from csrwizard.request.csr_der import request_pem
from csrwizard.request.subject import SubjectInput, validate_subject
from tests.ca import NOW, ThrowawayCA, ec_key, issue, name, rsa_key


@pytest.fixture(scope="module")
def ca():
    return ThrowawayCA.create(aia_url="http://127.0.0.1/intermediate.der")


@pytest.fixture(scope="module")
def key():
    return rsa_key()


@pytest.fixture(scope="module")
def csr(key):
    subject = validate_subject(
        SubjectInput("GB", "England", "London", "Example", "", "ec.example.com", "ec.example.net, 198.51.100.7")
    )
    return load_csr(request_pem(subject, key))


def verdicts(report) -> dict[str, str]:
    return {r.name: r.verdict for r in report.results}


def reasons(report) -> str:
    return " | ".join(f"{r.name}: {r.reason}" for r in report.results)


def leaf_for_csr(ca, csr, **kwargs):
    return ca.leaf_for(csr, sans=("ec.example.com", "ec.example.net", "198.51.100.7"), **kwargs)


def test_a_matching_reply_passes_every_check(ca, key, csr):
    leaf = leaf_for_csr(ca, csr, aia_url="http://127.0.0.1/intermediate.der")
    inputs = CheckInputs([leaf, ca.intermediate, ca.root], key, csr, "ec.example.net", trusted_roots=[ca.root])
    report = run_checks(inputs, now=NOW)
    assert set(verdicts(report).values()) == {PASS}, reasons(report)
    # The root came with the files: named as the root, never uploaded as an intermediate.
    assert report.chain.ordered == [leaf, ca.intermediate]
    assert report.chain.root == ca.root and report.chain.root_in_files


def test_a_key_regenerated_after_ordering_fails_the_match(ca, key, csr):
    old_key = rsa_key()
    while old_key is key:
        old_key = rsa_key()
    leaf = ca.leaf_for(old_key, sans=("ec.example.com", "ec.example.net", "198.51.100.7"))
    report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr), now=NOW)
    assert verdicts(report)["Key match"] == FAIL
    assert "does not match the private key" in reasons(report)
    assert "does not match the CSR" in reasons(report)


def test_a_missing_intermediate_is_flagged_with_where_to_fetch_it(ca, key, csr):
    leaf = leaf_for_csr(ca, csr, aia_url="http://127.0.0.1/intermediate.der")
    report = run_checks(CheckInputs([leaf, ca.root], key, csr), now=NOW)
    chain = next(r for r in report.results if r.name == "Chain")
    assert chain.verdict == FAIL
    assert "Missing intermediate" in chain.reason and "Throwaway Intermediate" in chain.reason
    assert "http://127.0.0.1/intermediate.der" in chain.reason
    assert verdicts(report)["Left out"] == WARN


def test_a_shuffled_chain_is_put_in_order(ca, key, csr):
    leaf = leaf_for_csr(ca, csr)
    report = run_checks(CheckInputs([ca.root, leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
    assert report.chain.ordered == [leaf, ca.intermediate]
    assert report.chain.intermediates == [ca.intermediate]
    assert report.chain.root == ca.root
    assert verdicts(report)["Chain"] == PASS


def test_a_stray_certificate_is_named_and_left_out(ca, key, csr):
    other = ThrowawayCA.create()
    leaf = leaf_for_csr(ca, csr)
    report = run_checks(CheckInputs([leaf, ca.intermediate, ca.root, other.intermediate], key, csr), now=NOW)
    assert verdicts(report)["Left out"] == WARN
    assert report.chain.strays == [other.intermediate]
    assert not report.failed


def test_a_chain_ending_at_a_trusted_root_passes_without_the_root(ca, key, csr):
    leaf = leaf_for_csr(ca, csr)
    report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr, trusted_roots=[ca.root]), now=NOW)
    assert verdicts(report)["Chain"] == PASS


def test_a_chain_ending_below_an_unknown_root_warns(ca, key, csr):
    leaf = leaf_for_csr(ca, csr)
    report = run_checks(CheckInputs([leaf, ca.intermediate], key, csr), now=NOW)
    assert verdicts(report)["Chain"] == WARN


def test_a_forged_issuer_fails_the_signature_check(ca, key, csr):
    impostor_key = rsa_key()
    impostor = issue(ca.intermediate.subject, impostor_key, ca.root.subject, ca.root_key, ca=True)
    leaf = leaf_for_csr(ca, csr)
    report = run_checks(CheckInputs([leaf, impostor], key, csr), now=NOW)
    assert verdicts(report)["Chain"] == FAIL
    assert "not signed by" in reasons(report)


@pytest.mark.parametrize(
    "not_before_offset, days, verdict, words",
    [
        (timedelta(days=-100), 90, FAIL, "Expired"),
        (timedelta(days=5), 90, FAIL, "Not valid until"),
        (timedelta(days=-80), 90, WARN, "days left"),
        (timedelta(days=-1), 90, PASS, "days left"),
    ],
)
def test_dates(ca, csr, not_before_offset, days, verdict, words):
    leaf = leaf_for_csr(ca, csr, not_before=NOW + not_before_offset, days=days)
    result = next(r for r in run_checks(CheckInputs([leaf, ca.intermediate]), now=NOW).results if r.name == "Dates")
    assert result.verdict == verdict and words in result.reason


@pytest.mark.parametrize(
    "issued, days, verdict",
    [
        ("2026-01-10", 396, PASS),  # before 2026-03-15: up to 398, and under Endpoint Central's 397
        ("2026-01-10", 397, FAIL),  # Endpoint Central needs less than 397 days
        ("2026-03-15", 200, PASS),
        ("2026-03-15", 201, WARN),  # over the 200-day BR maximum: only an internal CA may issue it
        ("2027-03-15", 100, PASS),
        ("2027-03-15", 101, WARN),
        ("2029-03-15", 47, PASS),
        ("2029-03-15", 48, WARN),
    ],
)
def test_validity_length_by_issue_date(ca, csr, issued, days, verdict):
    from datetime import datetime, timezone

    start = datetime.fromisoformat(issued).replace(tzinfo=timezone.utc)
    leaf = leaf_for_csr(ca, csr, not_before=start, days=days)
    result = next(r for r in run_checks(CheckInputs([leaf]), now=start).results if r.name == "Validity length")
    assert result.verdict == verdict, result.reason


@pytest.mark.parametrize(
    "sans, host, verdict",
    [
        (("ec.example.com", "ec.example.net", "198.51.100.7"), "203.0.113.9", FAIL),
        (("ec.example.com", "ec.example.net", "198.51.100.7"), "198.51.100.7", PASS),
        (("ec.example.com", "*.example.net", "198.51.100.7"), "nat.example.net", PASS),
        (("ec.example.com", "*.example.net", "198.51.100.7"), "a.b.example.net", FAIL),
        (("ec.example.com", "198.51.100.7"), None, FAIL),  # ec.example.net from the CSR is missing
    ],
)
def test_names_cover_the_csr_and_the_nat_address(ca, csr, sans, host, verdict):
    leaf = ca.leaf_for(csr, sans=sans)
    result = next(r for r in run_checks(CheckInputs([leaf], csr=csr, host=host), now=NOW).results if r.name == "Names")
    assert result.verdict == verdict, result.reason


@pytest.mark.parametrize(
    "wanted, covered",
    [("a.example.com", True), ("example.com", False), ("a.b.example.com", False), ("A.EXAMPLE.COM.", True)],
)
def test_wildcards_cover_exactly_one_label(wanted, covered):
    from cryptography import x509

    assert name_covered(wanted, [x509.DNSName("*.example.com")]) is covered


def test_an_ec_certificate_fails_the_key_type(ca):
    leaf = ca.leaf_for(ec_key())
    result = next(r for r in run_checks(CheckInputs([leaf]), now=NOW).results if r.name == "Key type")
    assert result.verdict == FAIL and "only RSA" in result.reason


def file_variants(leaf, intermediate):
    pem = leaf.public_bytes(Encoding.PEM) + intermediate.public_bytes(Encoding.PEM)
    return {
        "pem": pem,
        "crlf": pem.replace(b"\n", b"\r\n"),
        "bom": b"\xef\xbb\xbf" + pem,
        "bom-crlf": b"\xef\xbb\xbf" + pem.replace(b"\n", b"\r\n"),
        "der": leaf.public_bytes(Encoding.DER),
        "p7b-pem": pkcs7.serialize_certificates([leaf, intermediate], Encoding.PEM),
        "p7b-der": pkcs7.serialize_certificates([leaf, intermediate], Encoding.DER),
    }


@pytest.mark.parametrize("variant", ["pem", "crlf", "bom", "bom-crlf", "der", "p7b-pem", "p7b-der"])
def test_every_format_a_ca_sends_is_read(ca, csr, variant):
    leaf = leaf_for_csr(ca, csr)
    bundle = read_bundle(file_variants(leaf, ca.intermediate)[variant])
    # A .p7b holds a SET OF certificates: their order in the file carries no meaning.
    expected = [leaf] if variant == "der" else [leaf, ca.intermediate]
    assert set(bundle.certificates) == set(expected) and len(bundle.certificates) == len(expected)


@pytest.mark.parametrize("content", [b"", b"hello world", b"\x30\x03\x02\x01\x01", b"<html>Certificate</html>"])
def test_files_that_are_none_of_these_say_so(content):
    from csrwizard.problems import CsrWizardError

    with pytest.raises(CsrWizardError):
        read_bundle(content)


def test_a_wrong_pfx_password_is_refused(ca, key, csr):
    from csrwizard.problems import WrongPassword
    from csrwizard.reply.pfx import serialize_pfx

    leaf = leaf_for_csr(ca, csr)
    data = serialize_pfx(leaf, key, [ca.intermediate], b"right")
    with pytest.raises(WrongPassword):
        read_bundle(data, b"wrong")
    bundle = read_bundle(data, b"right")
    assert bundle.certificates[0] == leaf and bundle.private_key.private_numbers() == key.private_numbers()


def test_a_pfx_without_a_password_asks_for_one(ca, key, csr):
    from csrwizard.problems import PasswordNeeded
    from csrwizard.reply.pfx import serialize_pfx

    with pytest.raises(PasswordNeeded):
        read_bundle(serialize_pfx(leaf_for_csr(ca, csr), key, [], b"pw"))


def test_build_pfx_refuses_a_key_that_does_not_match(ca, csr):
    from csrwizard.problems import InputRefused
    from csrwizard.reply.pfx import serialize_pfx

    with pytest.raises(InputRefused, match="does not match"):
        serialize_pfx(leaf_for_csr(ca, csr), ec_key(), [], b"pw")


def test_issue_helper_names_are_what_the_tests_expect():
    assert name("x").rfc4514_string() == "CN=x,O=Throwaway CA"


def test_a_host_already_in_the_csr_is_listed_once(ca, csr):
    leaf = leaf_for_csr(ca, csr)
    result = next(
        r for r in run_checks(CheckInputs([leaf], csr=csr, host="EC.example.net"), now=NOW).results if r.name == "Names"
    )
    assert result.reason == "Covers ec.example.com, ec.example.net, 198.51.100.7"


@settings(max_examples=200)
@given(
    st.binary(max_size=400)
    | st.builds(
        lambda body: b"-----BEGIN CERTIFICATE-----\n" + body + b"\n-----END CERTIFICATE-----\n", st.binary(max_size=200)
    )
)
def test_any_bytes_are_read_or_refused_with_a_message_never_a_traceback(data):
    from csrwizard.problems import CsrWizardError

    try:
        read_bundle(data)
    except CsrWizardError as error:
        assert str(error) and "\n" not in str(error)


def test_a_nat_address_typed_as_a_url_is_read_as_its_host(ca, csr):
    leaf = leaf_for_csr(ca, csr)
    result = next(
        r
        for r in run_checks(CheckInputs([leaf], host="https://ec.example.net:8443/"), now=NOW).results
        if r.name == "Names"
    )
    assert result.verdict == PASS and result.reason == "Covers ec.example.net"
