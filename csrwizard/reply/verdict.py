"""The chain verdict, as strict as a browser's: cryptography's CA/B Forum path validator decides,
and each fault it can find is also said in words that name the certificate."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from csrwizard.pki.chain import is_ca
from csrwizard.problems import CsrWizardError
from csrwizard.x509_fields import extension_value, guarded, label, public_key_of

WEAK_HASHES = {"sha1": "SHA-1", "md5": "MD5"}
MINIMUM_RSA_BITS = 2048
# The validator's own words, and what they mean to an admin.
VALIDATOR_PHRASES = (
    ("no matching subjectAltName", "the certificate does not cover {name}"),
    ("required EKU not found", "the certificate is not for servers (its EKU lacks server authentication)"),
    ("not valid at validation time", "a certificate in the chain is expired or not yet valid"),
    ("basicConstraints.cA must be asserted", "an intermediate is not a CA certificate (CA:FALSE)"),
    ("keyCertSign must be asserted", "an intermediate may not sign certificates (no keyCertSign)"),
    ("cA must not be asserted in an EE", "the certificate is itself a CA (CA:TRUE)"),
    ("key is too weak", "a key in the chain is too weak"),
    ("missing required extension", "a certificate lacks the {extension} extension browsers require"),
    ("candidates exhausted", "no path from the certificate to a trusted root"),
)
# The check that already says a fault the validator names, so that Chain does not say it again.
OWNING_CHECKS = {
    "the certificate is not for servers (its EKU lacks server authentication)": ("Server use",),
    "the certificate is itself a CA (CA:TRUE)": ("Server use",),
    "an intermediate is not a CA certificate (CA:FALSE)": ("Intermediate",),
    "an intermediate may not sign certificates (no keyCertSign)": ("Intermediate",),
    "a certificate in the chain is expired or not yet valid": ("Dates", "Intermediate"),
    "a key in the chain is too weak": ("Key size",),
}
EXTENSION_NAMES = {
    "2.5.29.15": "key usage",
    "2.5.29.35": "authority key identifier",
    "2.5.29.14": "subject key identifier",
    "2.5.29.19": "basic constraints",
    "2.5.29.17": "subject alternative name",
}


class PathValidator:
    """One set of certificates against one set of roots at one time; asked once for the chain,
    then once a name. The trust store (this machine's roots) is built once, not once a question.

    Every certificate that came with the reply is offered as a possible intermediate: the validator
    builds the path itself, backtracking past an expired cross-sign or a stray, as browsers do.
    """

    def __init__(
        self,
        leaf: x509.Certificate,
        intermediates: list[x509.Certificate],
        roots: list[x509.Certificate],
        now: datetime,
    ) -> None:
        from cryptography.x509.verification import PolicyBuilder, Store

        self.leaf, self.intermediates = leaf, intermediates
        self.policy = PolicyBuilder().store(Store(roots)).time(now) if roots else None

    def problem(self, name: str | None = None) -> str | None:
        """None when the path validates for `name` (any name the leaf carries when None), else the reason."""
        return self.build(name)[1]

    def build(self, name: str | None = None) -> tuple[list[x509.Certificate], str | None]:
        """The path the validator built for `name` (leaf first, trust anchor last) and None, or [] and
        the reason no path validates."""
        from cryptography.x509.verification import VerificationError

        subject = _subject(name) if name else _any_name(self.leaf)
        if subject is None:
            return [], "the certificate names no host (no DNS name or IP address in its SANs)"
        if self.policy is None:
            return [], "no trusted root to validate against"
        try:
            return list(self.policy.build_server_verifier(subject).verify(self.leaf, self.intermediates)), None
        except VerificationError as error:
            return [], translate(str(error), name or "")
        except (ValueError, TypeError) as error:  # a name or certificate the validator cannot take
            return [], f"the validator could not read the chain ({str(error)[:80]})"


@dataclass(frozen=True)
class PathVerdict:
    """What the validator made of the reply: the path it built, or why there is none."""

    path: list[x509.Certificate]  # leaf first, trust anchor last; [] when no path validates
    reason: str | None  # why no path validates
    validator: PathValidator | None  # the one that built the path, to ask about each name
    untrusted_root: x509.Certificate | None = None  # a root that came with the files, not trusted here


def validate_path(
    leaf: x509.Certificate,
    others: list[x509.Certificate],
    anchors: list[x509.Certificate],
    now: datetime,
    name: str | None,
) -> PathVerdict:
    """The path browsers would build for `name`, with every other certificate as a candidate.

    Each fault is the business of one check: a certificate that is expired or not yet valid is
    said by Dates (the server's) or Intermediate (one above it). So when the only fault is a date,
    the path is built again at the moment the certificate was issued, and the chain itself passes.
    A root that came with the files is tried last, and only to say that this machine does not
    trust it.
    """
    file_roots = [c for c in others if c.issuer == c.subject and c not in anchors and is_ca(c)]
    attempts = [anchors, [*anchors, *file_roots]] if file_roots else [anchors]
    reason = None
    for roots in attempts:
        validator = PathValidator(leaf, others, roots, now)
        path, reason = validator.build(name)
        if reason is not None and roots and any(_out_of_date(c, now) for c in [leaf, *others]):
            issued = PathValidator(leaf, others, roots, leaf.not_valid_before_utc + timedelta(seconds=1))
            dated_path, dated_reason = issued.build(name)
            if dated_reason is None:
                validator, path, reason = issued, dated_path, None
        if reason is None:
            untrusted = path[-1] if path and path[-1] not in anchors else None
            return PathVerdict(path, None, validator, untrusted)
    return PathVerdict([], reason, None)


def _out_of_date(cert: x509.Certificate, now: datetime) -> bool:
    return not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def root_key_identifier_problem(root: x509.Certificate) -> str | None:
    """A root whose authority key identifier names another key: OpenSSL takes a certificate as
    self-signed only when the two identifiers agree, so OpenSSL-based clients may not stop at it."""
    authority = _value(root, x509.AuthorityKeyIdentifier)
    if authority is None or authority.key_identifier is None:
        return None
    subject = _value(root, x509.SubjectKeyIdentifier)
    own = subject.digest if subject is not None else None
    if own is None:
        try:
            own = x509.SubjectKeyIdentifier.from_public_key(root.public_key()).digest
        except Exception:  # noqa: BLE001 - a key this build cannot read: nothing to compare
            return None
    if authority.key_identifier == own:
        return None
    return (
        f"the root '{label(root)}' carries an authority key identifier that is not its own key's: "
        "OpenSSL-based clients (curl, Java's and many agents' TLS) may not recognise it as a root"
    )


def translate(reason: str, name: str) -> str:
    extension = next((title for oid, title in EXTENSION_NAMES.items() if oid in reason), "an")
    for phrase, sentence in VALIDATOR_PHRASES:
        if phrase in reason:
            return sentence.format(name=name or "the name", extension=extension)
    return reason.removeprefix("validation failed: ").split(" (encountered processing")[0]


def _subject(name: str):
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        pass
    try:
        return x509.DNSName(name.lower().rstrip("."))
    except ValueError:
        return None


def _any_name(leaf: x509.Certificate):
    from csrwizard.x509_fields import alt_names

    try:
        names = alt_names(leaf)
    except CsrWizardError:
        return None
    for entry in names:
        if isinstance(entry, x509.IPAddress):
            return entry
        if isinstance(entry, x509.DNSName):
            # A wildcard is not a host to validate for: its first host is.
            return x509.DNSName(entry.value.replace("*.", "www.", 1))
    return None


def certificate_faults(ordered: list[x509.Certificate], now: datetime) -> dict[str, list[str]]:
    """What browsers reject, by check name, each sentence naming its certificate. The root (last,
    self-signed) is judged only on its key: its own signature is never checked by anyone."""
    faults: dict[str, list[str]] = {}

    def add(check: str, sentence: str) -> None:
        faults.setdefault(check, []).append(sentence)

    for position, cert in enumerate(ordered):
        is_leaf, is_root = position == 0, position == len(ordered) - 1 and position > 0 and cert.issuer == cert.subject
        who = "the certificate" if is_leaf else f"the {'root' if is_root else 'intermediate'} '{label(cert)}'"
        if (bits := _rsa_bits(cert)) is not None and bits < MINIMUM_RSA_BITS:
            add("Key size", f"{who} has a {bits}-bit RSA key; at least {MINIMUM_RSA_BITS} is required")
        if is_root:
            continue
        if (weak := _weak_hash(cert)) is not None:
            add("Signature algorithm", f"{who} is signed with {weak}, which browsers reject")
        constraints = _value(cert, x509.BasicConstraints)
        if is_leaf:
            if constraints is not None and constraints.ca:
                add("Server use", "the certificate is itself a CA (CA:TRUE); a server certificate must not be")
            usages = _value(cert, x509.ExtendedKeyUsage)
            if usages is not None and ExtendedKeyUsageOID.SERVER_AUTH not in list(usages):
                allowed = ", ".join(_usage_name(u) for u in usages) or "nothing"
                add("Server use", f"the certificate is not for servers (its EKU allows only {allowed})")
            continue
        if constraints is None or not constraints.ca:
            add("Intermediate", f"{who} is not a CA certificate (CA:FALSE): it cannot issue certificates")
        usage = _value(cert, x509.KeyUsage)
        if usage is not None and not usage.key_cert_sign:
            add("Intermediate", f"{who} may not sign certificates (its key usage lacks keyCertSign)")
        if now > cert.not_valid_after_utc:
            add("Intermediate", f"{who} expired on {cert.not_valid_after_utc:%Y-%m-%d}")
        elif now < cert.not_valid_before_utc:
            add("Intermediate", f"{who} is not valid until {cert.not_valid_before_utc:%Y-%m-%d}")
    return faults


USAGE_NAMES = {
    ExtendedKeyUsageOID.SERVER_AUTH: "server authentication",
    ExtendedKeyUsageOID.CLIENT_AUTH: "client authentication",
    ExtendedKeyUsageOID.CODE_SIGNING: "code signing",
    ExtendedKeyUsageOID.EMAIL_PROTECTION: "e-mail protection",
}


def _usage_name(oid) -> str:
    return USAGE_NAMES.get(oid, oid.dotted_string)


def _value(cert: x509.Certificate, kind: type):
    try:
        return extension_value(cert, kind)
    except CsrWizardError:
        return None  # a malformed extension is reported where it is read for its own sake


def _rsa_bits(cert: x509.Certificate) -> int | None:
    try:
        key = public_key_of(cert)
    except CsrWizardError:  # an unknown key algorithm: the Key type check says so
        return None
    return key.key_size if isinstance(key, rsa.RSAPublicKey) else None


def _weak_hash(cert: x509.Certificate) -> str | None:
    try:
        algorithm = guarded(lambda: cert.signature_hash_algorithm, "the signature algorithm")
    except CsrWizardError:  # a signature algorithm this build cannot name is not one we know to be weak
        return None
    return WEAK_HASHES.get(algorithm.name) if algorithm is not None else None
