"""Host names and IP addresses for the common name and the subject alternative names.

cryptography accepts almost anything as a DNS name (underscores, URLs, `foo.*.example.com`),
so the rules a CA applies live here.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache

from csrwizard.shown_text import quoted, shown

MAX_LABEL = 63
MAX_NAME = 253
_LDH_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_PORT = re.compile(r":\d*$")
SAN_SEPARATORS = re.compile(r"[,\s;]+")

INTERNAL_NAME_WARNING = "is an internal name: a public CA will refuse it (an internal CA will not)"
RESERVED_IP_WARNING = "is a private or reserved address: a public CA will refuse it (an internal CA will not)"
# What the CN should be instead of localhost, a bare internal name or an address.
COMMON_NAME_FIX = "as the CN, use the name clients type, e.g. ec.example.com"


@dataclass(frozen=True)
class HostName:
    """One parsed entry: a DNS name (A-label form) or an IP address."""

    value: str
    kind: str  # "DNS" or "IP"
    # How it was typed, and what cleaning it took, do not change which name it is.
    typed: str = field(default="", compare=False)
    notices: tuple[str, ...] = field(default=(), compare=False)
    # What a public CA would say of this name, without the name: "is an internal name: ..."
    cautions: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """Each caution as a sentence that names the entry."""
        return tuple(f"{self.value} {caution}" for caution in self.cautions)

    @property
    def is_wildcard(self) -> bool:
        return self.value.startswith("*.")

    @property
    def kind_label(self) -> str:
        return "wildcard" if self.is_wildcard else self.kind

    @property
    def key(self) -> str:
        return self.value.casefold()


class NameRefused(ValueError):
    """The text is not a name a CA would accept; the message says why."""


@lru_cache(maxsize=1)
def _public_suffixes():
    # The list ships with publicsuffixlist (no network at run time); it is parsed once per machine.
    from csrwizard.pki.suffix_cache import public_suffixes

    return public_suffixes()


def _unicode_form(name: str) -> str:
    if "xn--" not in name:
        return name
    import idna

    try:
        return idna.decode(name)
    except idna.IDNAError:
        return name


def is_public_suffix(name: str) -> bool:
    """Whether the name is itself a public suffix (com, co.uk, github.io...)."""
    return _public_suffixes().is_public(_unicode_form(name))


def has_known_suffix(name: str) -> bool:
    """Whether the name ends in a suffix on the public list; if not, only an internal CA can sign it."""
    return "." in name and _public_suffixes().publicsuffix(_unicode_form(name), accept_unknown=False) is not None


def strip_url(text: str) -> tuple[str, list[str]]:
    """Remove a scheme, user, port and path typed around a host name; say what was removed."""
    notices = []
    host = text.strip()
    if _SCHEME.match(host):
        host = _SCHEME.sub("", host, count=1)
        notices.append("the protocol")
    for mark in "/?#":
        if mark in host:
            host = host.split(mark, 1)[0]
            if "the path" not in notices:
                notices.append("the path")
    if "@" in host:
        host = host.rsplit("@", 1)[1]
        notices.append("the user name")
    if host.startswith("[") and "]" in host:
        inner, _, rest = host[1:].partition("]")
        if rest:
            notices.append("the port")
        host = inner
    elif host.count(":") == 1 and _PORT.search(host):
        host = _PORT.sub("", host)
        notices.append("the port")
    return host, notices


def _to_a_label(name: str) -> str:
    import idna

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        raise NameRefused(f"{quoted(name)} is not a valid internationalised name ({error})") from None


def _check_labels(name: str, typed: str) -> None:
    if len(name) > MAX_NAME:
        raise NameRefused(f"{quoted(typed)} is {len(name)} characters; a host name has at most {MAX_NAME}")
    for label in name.split("."):
        if label == "":
            raise NameRefused(f"{quoted(typed)} has an empty label (two dots together, or a leading dot)")
        if "_" in label:
            raise NameRefused(
                f"{quoted(typed)} contains an underscore, which CAs no longer allow in host names: "
                f"use a hyphen, e.g. {shown(typed.strip().replace('_', '-'))}, and give the server that name"
            )
        if "*" in label:
            raise NameRefused(
                f"{quoted(typed)}: a wildcard is allowed only as the whole leftmost label, as in *.example.com"
            )
        if len(label) > MAX_LABEL:
            raise NameRefused(
                f"{quoted(typed)} has a label of {len(label)} characters; at most {MAX_LABEL} are allowed"
            )
        if not _LDH_LABEL.match(label):
            raise NameRefused(
                f"{quoted(typed)}: each label may hold only letters, digits and inner hyphens (a-z, 0-9, -)"
            )


def _parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _is_reserved(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not address.is_global


def parse_host(text: str) -> HostName:
    """Parse one host name or IP address as a CA would accept it, or raise NameRefused."""
    typed = text.strip()
    if not typed:
        raise NameRefused("is empty")
    for char in typed:
        if ord(char) < 32 or ord(char) == 127:
            raise NameRefused(f"{quoted(typed)} contains a control character")
    host, removed = strip_url(typed)

    # The field keeps what was typed; the notice says what the CSR will carry instead.
    def notice(value: str) -> list[str]:
        return [f"removed {_join_words(removed)} from {quoted(typed)}: the CSR carries {value}"] if removed else []

    address = _parse_ip(host)
    if address is not None:
        cautions = (RESERVED_IP_WARNING,) if _is_reserved(address) else ()
        return HostName(str(address), "IP", typed, tuple(notice(str(address))), cautions)
    if host.endswith("."):
        host = host[:-1]
    if not host:
        raise NameRefused(f"{quoted(typed)} holds no host name")
    wildcard = host.startswith("*.")
    rest = host[2:] if wildcard else host
    if any(ord(c) > 127 for c in rest):
        rest = _to_a_label(rest)
    rest = rest.lower()
    _check_labels(rest, typed)
    value = f"*.{rest}" if wildcard else rest
    if len(value) > MAX_NAME:
        raise NameRefused(f"{quoted(typed)} is {len(value)} characters; a host name has at most {MAX_NAME}")
    if wildcard and ("." not in rest or is_public_suffix(rest)):
        raise NameRefused(f"{quoted(typed)}: a wildcard directly on a public suffix ({rest}) is never issued")
    cautions = () if has_known_suffix(rest) else (INTERNAL_NAME_WARNING,)
    return HostName(value, "DNS", typed, tuple(notice(value)), cautions)


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def split_san_text(text: str) -> list[str]:
    """The entries of a SAN list typed with commas, spaces, semicolons or new lines."""
    return [part for part in SAN_SEPARATORS.split(text) if part]


@dataclass
class SanEntry:
    """One typed SAN entry as the live list shows it."""

    typed: str
    host: HostName | None = None
    error: str = ""
    duplicate: bool = False
    is_common_name: bool = False


@dataclass
class SanList:
    """The SANs in order (the CN first), and what each typed entry became."""

    names: list[HostName] = field(default_factory=list)
    entries: list[SanEntry] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [entry.error for entry in self.entries if entry.error]


def parse_san_list(text: str, common_name: HostName | None = None) -> SanList:
    """Parse the typed SANs; the CN always comes first, duplicates (any case) are dropped."""
    result = SanList()
    seen: set[str] = set()
    if common_name is not None:
        result.names.append(common_name)
        seen.add(common_name.key)
        result.entries.append(SanEntry(common_name.typed or common_name.value, common_name, is_common_name=True))
    for typed in split_san_text(text):
        entry = SanEntry(typed)
        try:
            entry.host = parse_host(typed)
        except NameRefused as refusal:
            entry.error = str(refusal)
        else:
            if entry.host.key in seen:
                entry.duplicate = True
            else:
                seen.add(entry.host.key)
                result.names.append(entry.host)
        result.entries.append(entry)
    return result
