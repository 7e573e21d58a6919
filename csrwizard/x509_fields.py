"""Reading fields of certificates and CSRs the same way everywhere: names, SANs and labels.

cryptography parses extensions lazily, so a damaged one raises only when it is read. Every read
here is guarded: a field that cannot be read raises UnreadableField naming it, never a traceback.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.x509.oid import NameOID

from csrwizard.problems import CsrWizardError
from csrwizard.shown_text import VALUE_LIMIT, shown


class UnreadableField(CsrWizardError):
    """One field of a certificate or CSR is malformed; the rest may still be read."""


T = TypeVar("T")
# What cryptography raises for a field it parses only when asked: malformed DER, unknown algorithms,
# KeyError for a name whose string type is no ASN.1 tag it knows (found by the fuzz test), and,
# found on pyca's own test files, an extension given twice and a SAN of a type it does not model.
FIELD_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    UnsupportedAlgorithm,
    x509.DuplicateExtension,
    x509.UnsupportedGeneralNameType,
)
# A certificate or CSR whose version is none of X.509's: raised when the file is loaded.
LOAD_ERRORS = (ValueError, UnsupportedAlgorithm, x509.InvalidVersion)


def guarded(read: Callable[[], T], what: str) -> T:
    """`read()`, or UnreadableField saying that `what` cannot be read."""
    try:
        return read()
    except FIELD_ERRORS as error:
        raise UnreadableField(f"{what} cannot be read ({_reason(error)})") from None


def public_key_of(holder):
    """The public key of a certificate or CSR, or UnreadableField (e.g. an unknown key algorithm)."""
    return guarded(holder.public_key, "the public key")


def holds_key(holder, public_key) -> bool:
    """Whether the certificate or CSR carries this public key; False when its own cannot be read."""
    try:
        return public_key_of(holder) == public_key
    except UnreadableField:
        return False


def extensions_of(holder) -> x509.Extensions:
    """The extensions of a certificate or CSR, or UnreadableField when any of them is malformed."""
    try:
        return holder.extensions
    except FIELD_ERRORS as error:
        raise UnreadableField(f"the extensions cannot be read ({_reason(error)})") from None


def extension_value(holder, kind: type):
    """One extension's value, None when absent, UnreadableField when malformed."""
    try:
        return extensions_of(holder).get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None
    except FIELD_ERRORS as error:
        raise UnreadableField(f"the {kind.__name__} extension cannot be read ({_reason(error)})") from None


def alt_names(holder) -> list[x509.GeneralName]:
    """The subject alternative names of a certificate or CSR; [] when it has none."""
    value = extension_value(holder, x509.SubjectAlternativeName)
    return list(value) if value is not None else []


def alt_name_texts(holder) -> list[str]:
    """The DNS names and IP addresses among the SANs, as text, in order."""
    return [str(n.value) for n in alt_names(holder) if isinstance(n, (x509.DNSName, x509.IPAddress))]


def tagged_alt_names(holder) -> list[str]:
    """`DNS:name` / `IP:address`, as openssl prints them."""
    return [
        f"{'IP' if isinstance(n, x509.IPAddress) else 'DNS'}:{n.value}"
        for n in alt_names(holder)
        if isinstance(n, (x509.DNSName, x509.IPAddress))
    ]


def common_name(name: x509.Name) -> str:
    """The first CN of a name, '' when there is none."""
    found = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(found[0].value) if found else ""


def label(cert: x509.Certificate) -> str:
    """How a certificate is named in messages: its CN, else its whole subject; shown safely, cut when long."""
    return shown(common_name(cert.subject) or cert.subject.rfc4514_string() or "(no subject)", VALUE_LIMIT)


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return "a text field of a type no standard defines"
    if isinstance(error, x509.UnsupportedGeneralNameType):
        return "a name of a type csrwizard does not read (x400Address or EDIPartyName)"
    text = str(error).strip().splitlines()[0] if str(error).strip() else "malformed"
    return shown(text, 80)
