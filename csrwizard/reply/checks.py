"""`csrwizard check`: the CA's reply against the key, the CSR and the server's address."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from csrwizard.names import CERT_NAME, CHAIN_NAME
from csrwizard.outcome_lines import FAIL, PASS, WARN  # the verdicts, worded alike by every face
from csrwizard.outcome_lines import VERDICT_SYMBOLS as SYMBOLS
from csrwizard.pki.chain import ChainReport, order_chain
from csrwizard.pki.folder import PendingRenewal
from csrwizard.pki.validity import ENDPOINT_CENTRAL_LIMIT_DAYS, br_maximum_days, validity_days
from csrwizard.problems import CsrWizardError
from csrwizard.x509_fields import alt_name_texts, alt_names, common_name, holds_key, label, public_key_of

EXPIRY_WARNING_DAYS = 30


@dataclass
class CheckResult:
    name: str
    verdict: str
    reason: str

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.verdict]

    def as_dict(self) -> dict:
        return {"check": self.name, "verdict": self.verdict, "reason": self.reason}


@dataclass(frozen=True)
class CheckInputs:
    certificates: list[x509.Certificate]
    private_key: object | None = None
    csr: x509.CertificateSigningRequest | None = None
    host: str | None = None
    trusted_roots: list[x509.Certificate] = field(default_factory=list)  # this machine's
    given_roots: list[x509.Certificate] = field(default_factory=list)  # the user's own (an internal CA)
    key_name: str = "the private key"
    # A backed-up key that matches the certificate when the current key does not, and that the
    # current key is older than the certificate: the key was made again after the CSR was sent.
    matching_backup: object | None = None
    # The folder is between a renewal and its certificate: the key in force is a backup, and a
    # newer key and CSR wait for the CA. Then the checks judge the certificate in force.
    renewal: PendingRenewal | None = None
    # The CSR as the results name it: a renewal's is the backup made with the key in force.
    csr_name: str = "the CSR"


@dataclass
class CheckReport:
    results: list[CheckResult]
    chain: ChainReport

    @property
    def failed(self) -> bool:
        return any(r.verdict == FAIL for r in self.results)


def name_covered(wanted: str, names: list[x509.GeneralName]) -> bool:
    """Whether a host name or IP is among the certificate's SANs; a wildcard covers one label."""
    try:
        address = ipaddress.ip_address(wanted)
    except ValueError:
        address = None
    if address is not None:
        return any(isinstance(n, x509.IPAddress) and n.value == address for n in names)
    wanted = host_key(wanted)
    for name in names:
        if not isinstance(name, x509.DNSName):
            continue
        value = host_key(name.value)
        if value == wanted:
            return True
        if value.startswith("*.") and "." in wanted and wanted.split(".", 1)[1] == value[2:]:
            return True
    return False


def _csr_names(csr: x509.CertificateSigningRequest) -> list[str]:
    return list(dict.fromkeys([n for n in [common_name(csr.subject)] if n] + alt_name_texts(csr)))


def _csr_key(csr):
    try:
        return public_key_of(csr)
    except CsrWizardError:
        return None


def check_key_match(
    leaf, private_key, csr, key_name: str = "the private key", matching_backup=None, csr_name: str = "the CSR"
) -> CheckResult:
    problems, compared = [], []
    csr_matches = csr is None or holds_key(leaf, _csr_key(csr))
    if private_key is not None:
        compared.append(key_name)
        if not holds_key(leaf, private_key.public_key()):
            if matching_backup is not None:
                # Only said when the key is older than the certificate: a newer key is a renewal's.
                return CheckResult(
                    "Key match", FAIL, _restore_advice(key_name, _file_name(matching_backup), csr_matches)
                )
            problems.append(f"does not match {key_name} (was the key or CSR made again after ordering?)")
    if csr is not None:
        compared.append(csr_name)
        if not csr_matches:
            problems.append(f"does not match {csr_name}: it was issued for another request")
    if problems:
        return CheckResult("Key match", FAIL, "The certificate " + "; and ".join(problems))
    if not compared:
        return CheckResult("Key match", WARN, "No key or CSR given to compare with")
    return CheckResult("Key match", PASS, f"The certificate matches {' and '.join(compared)}")


def _restore_advice(key_name: str, backup: str, csr_matches: bool) -> str:
    """The certificate is for the key in a backup, made before today's key: which file to copy."""
    made_again = f"{key_name} was made again" if csr_matches else f"{key_name} and the CSR were made again"
    return (
        f"The certificate is for an earlier key, kept as {backup}: {made_again} after that request "
        f"went to the CA. To use this certificate, copy {backup} to {key_name} (first keep "
        f"{key_name} aside if its own request is still at a CA), then check again"
    )


def asked_names(csr, host: str | None) -> list[str]:
    """Every name the CSR asks for, then the NAT address, each once."""
    from csrwizard.pki.hostnames import strip_url

    host = strip_url(host)[0] if host else host  # "https://ec.example.com:8443/" means ec.example.com
    asked = (_csr_names(csr) if csr is not None else []) + ([host] if host else [])
    wanted, seen = [], set()
    for name in asked:  # the NAT address is often one of the CSR's names: list each once
        key = host_key(name)
        if key not in seen:
            seen.add(key)
            wanted.append(name)
    return wanted


def is_wildcard(name: str) -> bool:
    return name.startswith("*.")


def _file_name(path) -> str:
    return getattr(path, "name", str(path))


def check_names(leaf, csr, host, covers: Callable[[str], bool] | None = None) -> CheckResult:
    """Every name the CSR asked for, and the NAT address; `covers` is the path validator's view of
    a host name when the chain validates, else the SANs are matched here. A wildcard the CSR asked
    for is covered by that same wildcard: it is a pattern, not a host to connect to."""
    try:
        names = alt_names(leaf)
    except CsrWizardError as error:
        return CheckResult("Names", FAIL, f"The certificate's names cannot be read: {error}")
    wanted = asked_names(csr, host)
    own_cn = _cn_outside_sans(leaf, names)
    if not wanted:
        if own_cn:
            return CheckResult("Names", FAIL, own_cn)
        return CheckResult("Names", WARN, "No CSR or --host given: names not compared")

    def covered(name: str) -> bool:
        if is_wildcard(name):
            return any(isinstance(n, x509.DNSName) and host_key(n.value) == host_key(name) for n in names)
        return covers(name) if covers is not None else name_covered(name, names)

    missing = [n for n in wanted if not covered(n)]
    if missing:
        reason = f"Not covered by the certificate: {', '.join(missing)}"
        return CheckResult("Names", FAIL, f"{reason}; and {own_cn[:1].lower()}{own_cn[1:]}" if own_cn else reason)
    if own_cn:
        return CheckResult("Names", FAIL, own_cn)
    return CheckResult("Names", PASS, f"Covers {', '.join(_how_covered(n, names) for n in wanted)}")


def host_key(name: str) -> str:
    """A host name as names compare: case and a final dot do not count."""
    return name.lower().rstrip(".")


def _cn_outside_sans(leaf, names: list[x509.GeneralName]) -> str | None:
    """The CA/B Forum rule csrwizard keeps in every CSR, held to the certificate too: a CN that is
    none of the SANs (BR 7.1.4.3)."""
    try:
        cn = common_name(leaf.subject)
    except (ValueError, TypeError):
        return None
    if not cn:
        return None
    listed = [str(n.value) for n in names if isinstance(n, (x509.DNSName, x509.IPAddress))]
    if any(host_key(cn) == host_key(value) for value in listed):
        return None
    return (
        f"The certificate's CN {cn} is none of its SANs: a public CA that issues this breaks "
        "CA/B Forum BR 7.1.4.3 and must revoke it; ask the CA to reissue it"
    )


def _how_covered(wanted: str, names: list[x509.GeneralName]) -> str:
    """The name, and the wildcard that covers it when the certificate does not list it itself."""
    listed = {host_key(str(n.value)) for n in names if isinstance(n, (x509.DNSName, x509.IPAddress))}
    if host_key(wanted) in listed:
        return wanted
    wildcard = next((str(n.value) for n in names if isinstance(n, x509.DNSName) and name_covered(wanted, [n])), None)
    return f"{wanted} (only by the wildcard {wildcard})" if wildcard else wanted


def check_key_type(leaf) -> CheckResult:
    try:
        key = public_key_of(leaf)
    except CsrWizardError as error:
        reason = str(error).removeprefix("the public key ")
        return CheckResult("Key type", FAIL, f"The certificate's public key {reason}")
    if isinstance(key, rsa.RSAPublicKey):
        return CheckResult("Key type", PASS, f"RSA {key.key_size} bits")
    kind = type(key).__name__.replace("PublicKey", "")
    return CheckResult("Key type", FAIL, f"{kind}: Endpoint Central accepts only RSA")


def check_dates(leaf, now: datetime) -> CheckResult:
    start, end = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    if now < start:
        return CheckResult("Dates", FAIL, f"Not valid until {start:%Y-%m-%d %H:%M} UTC")
    if now > end:
        return CheckResult("Dates", FAIL, f"Expired on {end:%Y-%m-%d}")
    days_left = (end - now).days
    verdict = WARN if days_left < EXPIRY_WARNING_DAYS else PASS
    return CheckResult("Dates", verdict, f"Valid until {end:%Y-%m-%d}: {days_left} days left")


def check_validity_length(leaf) -> CheckResult:
    start, end = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    days = validity_days(start, end)
    limit = br_maximum_days(start.date())
    shown = f"{days:.0f} days"
    if days >= ENDPOINT_CENTRAL_LIMIT_DAYS:
        return CheckResult(
            "Validity length", FAIL, f"{shown}: Endpoint Central needs less than {ENDPOINT_CENTRAL_LIMIT_DAYS} days"
        )
    if days > limit:
        return CheckResult(
            "Validity length",
            WARN,
            f"{shown}: over the {limit}-day CA/B Forum maximum for certificates issued "
            f"{start:%Y-%m-%d}; only an internal CA may issue it",
        )
    return CheckResult("Validity length", PASS, f"{shown}: within the {limit}-day maximum and Endpoint Central's rule")


def check_chain(
    chain: ChainReport,
    given_roots: list[x509.Certificate] = (),
    path_reason: str | None = None,
    untrusted_root: x509.Certificate | None = None,
    now: datetime | None = None,
    said_by: str | None = None,
) -> list[CheckResult]:
    """The path's own verdict; `said_by` names the check that already fails for the validator's
    reason (each fault is said once, where it is fixed)."""
    order = " > ".join(label(c) for c in chain.ordered)
    results = []
    if chain.bad_signature is not None:
        results.append(
            CheckResult(
                "Chain", FAIL, f"{label(chain.bad_signature)} is not signed by the certificate named as its issuer"
            )
        )
    elif chain.missing_issuer is not None:
        issuer = chain.missing_issuer.rfc4514_string()
        if len(chain.ordered) == 1:
            fix = (
                f": ask the CA for the chain or CA-bundle file, save it as {CHAIN_NAME} beside {CERT_NAME} and "
                "check again"
            )
            if chain.issuer_url:
                fix += (
                    f"; or fetch it from {chain.issuer_url} (Fetch, Ctrl+F, in the wizard; --fetch-intermediates "
                    "on the command line)"
                )
            results.append(CheckResult("Chain", FAIL, f"Missing intermediate: {issuer} is not among the files{fix}"))
        else:
            where = f"; fetch it from {chain.issuer_url}" if chain.issuer_url else ""
            results.append(
                CheckResult(
                    "Chain",
                    WARN,
                    f"Chain ends below a root this machine does not know: {issuer} is not among the files{where}",
                )
            )
    elif path_reason is not None and said_by is not None:
        results.append(CheckResult("Chain", WARN, f"{order}: validated once what {said_by} says is fixed"))
    elif path_reason is not None:
        results.append(CheckResult("Chain", FAIL, f"{order}: browsers would reject this chain: {path_reason}"))
    elif untrusted_root is not None:
        results.append(
            CheckResult(
                "Chain",
                WARN,
                f"{order} validates, but ends at '{label(untrusted_root)}', a root this machine does not trust: "
                "only clients that trust it (an internal CA's root) accept the certificate; "
                "add it as a trusted root to say so",
            )
        )
    else:
        anchor = chain.root
        if anchor is not None and anchor in given_roots:
            end = f"the root you gave to trust ({label(anchor)})"
        elif anchor is not None:
            end = f"{label(anchor)}, a root this machine trusts"
        else:
            end = "a root this machine trusts"
        if anchor is not None and chain.root_in_files:
            end += f"; that root came with the files and is left out of {CHAIN_NAME}: clients carry their own"
        results.append(
            CheckResult("Chain", PASS, f"{order}, ending at {end}; validated as browsers validate (CA/B Forum profile)")
        )
    if chain.root is not None and (problem := _root_problem(chain.root)):
        results.append(CheckResult("Root", WARN, problem[:1].upper() + problem[1:]))
    for stray in chain.strays:
        results.append(CheckResult("Left out", WARN, _left_out(stray, now)))
    return results


def _root_problem(root: x509.Certificate) -> str | None:
    from csrwizard.reply.verdict import root_key_identifier_problem

    return root_key_identifier_problem(root)


def _left_out(stray: x509.Certificate, now: datetime | None) -> str:
    """A certificate the path does not need: an expired cross-sign, a second copy, a stray."""
    why = "not needed for the path"
    if now is not None and now > stray.not_valid_after_utc:
        why = f"expired {stray.not_valid_after_utc:%Y-%m-%d}, and not needed for the path"
    return f"'{label(stray)}' came with the files but is {why}; it is left out of {CHAIN_NAME} (no action needed)"


def check_certificates(ordered: list[x509.Certificate], now: datetime) -> list[CheckResult]:
    """What browsers reject in any certificate of the chain: each fault names its certificate."""
    from csrwizard.reply.verdict import certificate_faults

    results = []
    for check, sentences in certificate_faults(ordered, now).items():
        reason = "; ".join(sentences)
        results.append(CheckResult(check, FAIL, reason[:1].upper() + reason[1:]))
    return results


def run_checks(inputs: CheckInputs, now: datetime | None = None) -> CheckReport:
    """Every check, in the order an admin reads them."""
    from csrwizard.pki.chain import chain_from_path, unique_certificates
    from csrwizard.reply.verdict import validate_path

    now = now or datetime.now(timezone.utc)
    public_key = inputs.private_key.public_key() if inputs.private_key is not None else None
    anchors = [*inputs.given_roots, *inputs.trusted_roots]
    walked = order_chain(inputs.certificates, public_key, anchors)
    leaf = walked.leaf
    if leaf is None:
        return CheckReport([CheckResult("Certificate", FAIL, "No certificate was given")], walked)
    others = [c for c in unique_certificates(inputs.certificates) if c is not leaf]
    verdict = validate_path(leaf, others, anchors, now, _chain_name(leaf, inputs))
    chain = chain_from_path(verdict.path, inputs.certificates) if verdict.path else walked
    path_reason = None
    if not verdict.path and walked.bad_signature is None and walked.missing_issuer is None:
        path_reason = verdict.reason
    covers = None
    if verdict.validator is not None:
        validator = verdict.validator

        def covers(name: str) -> bool:
            return validator.problem(name) is None

    csr = inputs.csr
    results = [
        check_key_match(leaf, inputs.private_key, csr, inputs.key_name, inputs.matching_backup, inputs.csr_name),
        check_names(leaf, csr, inputs.host, covers),
    ]
    if inputs.renewal is not None:
        results.append(CheckResult("Folder", PASS, inputs.renewal.sentence(leaf)))
    dates = check_dates(leaf, now)
    faults = check_certificates(chain.path, now)
    owner = _owner_of(path_reason, [dates, *faults])
    results += [
        check_key_type(leaf),
        dates,
        check_validity_length(leaf),
        *check_chain(chain, inputs.given_roots, path_reason, verdict.untrusted_root, now, owner),
        *faults,
    ]
    return CheckReport(results, chain)


def _owner_of(path_reason: str | None, results: list[CheckResult]) -> str | None:
    """The failing check that already says why the path does not validate, if one does."""
    from csrwizard.reply.verdict import OWNING_CHECKS

    owners = OWNING_CHECKS.get(path_reason or "", ())
    return next((r.name for r in results if r.name in owners and r.verdict == FAIL), None)


def _chain_name(leaf, inputs: CheckInputs) -> str | None:
    """The name the chain is validated for: the first host name asked for that the certificate
    carries (one it does not carry is the Names check's to report), else any of its own."""
    try:
        names = alt_names(leaf)
    except CsrWizardError:
        return None
    for name in asked_names(inputs.csr, inputs.host):
        if not is_wildcard(name) and name_covered(name, names):
            return name
    return None
