"""The certificate subject: every field checked as a CA checks it, all problems reported at once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields

from csrwizard.pki.hostnames import COMMON_NAME_FIX, HostName, NameRefused, parse_host, parse_san_list
from csrwizard.problems import InputRefused, Problem
from csrwizard.request.country import (
    ascii_folded,
    country_fix,
    country_named,
    country_problem,
    find_country,
    is_subdivision,
    subdivision_name,
)
from csrwizard.shown_text import is_bidi_control, quoted

# RFC 5280 upper bounds, in characters.
UPPER_BOUNDS = {
    "state": 128,
    "locality": 128,
    "organization": 64,
    "organizational_unit": 64,
    "common_name": 64,
}
REQUIRED_TEXT = ("state", "locality", "organization")
OU_WARNING = (
    "public CAs no longer put OU in TLS certificates (CA/B Forum BR 7.1.2.7.4); "
    "leave it empty unless your CA is internal"
)

# openssl's short names, in the order `openssl req` writes the subject.
SHORT_NAMES = (
    ("country", "C"),
    ("state", "ST"),
    ("locality", "L"),
    ("organization", "O"),
    ("organizational_unit", "OU"),
    ("common_name", "CN"),
)


@dataclass
class SubjectInput:
    """What the user typed, unchecked."""

    country: str = ""
    state: str = ""
    locality: str = ""
    organization: str = ""
    organizational_unit: str = ""
    common_name: str = ""
    sans: str = ""

    def stripped(self) -> SubjectInput:
        return SubjectInput(**{f.name: getattr(self, f.name).strip() for f in fields(self)})


@dataclass
class Subject:
    """A subject that passed every rule: safe to put in a CSR."""

    country: str
    state: str
    locality: str
    organization: str
    organizational_unit: str
    common_name: str
    san_names: list[HostName] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)

    def as_input(self) -> SubjectInput:
        """Back to typed form, e.g. to prefill the wizard; the CN is left out of the SAN text."""
        others = [name.value for name in self.san_names if name.key != self.common_name.casefold()]
        return SubjectInput(
            self.country,
            self.state,
            self.locality,
            self.organization,
            self.organizational_unit,
            self.common_name,
            ", ".join(others),
        )

    def components(self) -> list[tuple[str, str]]:
        """(short name, value) pairs in openssl's order, empty fields left out."""
        return [(short, getattr(self, name)) for name, short in SHORT_NAMES if getattr(self, name)]

    def openssl_line(self) -> str:
        """The subject as `openssl req -text` prints it."""
        return ", ".join(f"{short} = {_escape_for_display(value)}" for short, value in self.components())

    def san_line(self) -> str:
        return ", ".join(f"{'IP Address' if n.kind == 'IP' else 'DNS'}:{n.value}" for n in self.san_names)


_NEEDS_QUOTES = set(',+;<>"=')


def _escape_for_display(value: str) -> str:
    # As `openssl req -text` prints a value: quoted when it holds a separator, \ and " escaped.
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    if _NEEDS_QUOTES & set(value) or value.startswith("#") or value != value.strip():
        return f'"{escaped}"'
    return escaped


def text_problem(name: str, value: str) -> str | None:
    """Why a free-text field is refused, or None. Non-ASCII is fine; control characters are not."""
    if not value:
        return "required" if name in REQUIRED_TEXT else None
    if any(unicodedata.category(char) == "Cc" for char in value):
        return "contains a control character (a tab or line break pasted in?)"
    if any(is_bidi_control(char) for char in value):
        # U+202E and its kin reorder how the name reads: a CA would print it backwards.
        return "contains a bidi control character (e.g. U+202E, right-to-left override), which reorders the text"
    bound = UPPER_BOUNDS[name]
    if len(value) > bound:
        return f"is {len(value)} characters; at most {bound} are allowed (RFC 5280)"
    return None


def check_common_name(text: str) -> tuple[HostName | None, list[Problem]]:
    """The parsed CN, or the problems with it."""
    if not text.strip():
        return None, [Problem("common_name", "required: the server's full host name, e.g. ec.example.com")]
    try:
        name = parse_host(text)
    except NameRefused as refusal:
        return None, [Problem("common_name", str(refusal))]
    if len(name.value) > UPPER_BOUNDS["common_name"]:
        return None, [
            Problem(
                "common_name",
                f"is {len(name.value)} characters; at most 64 are allowed (RFC 5280): "
                "put the long name in the SANs and a shorter one here",
            )
        ]
    return name, []


@dataclass
class Assessment:
    """Everything the rules say about a typed subject; `subject` is set only when nothing blocks."""

    subject: Subject | None
    problems: list[Problem]
    warnings: list[Problem]
    notices: list[Problem]

    def for_field(self, field_name: str) -> tuple[list[Problem], list[Problem], list[Problem]]:
        """(problems, warnings, notices) of one field, for live validation under it."""
        pick = lambda items: [p for p in items if p.field == field_name]  # noqa: E731
        return pick(self.problems), pick(self.warnings), pick(self.notices)


def assess_subject(typed: SubjectInput, internal_ca: bool = False) -> Assessment:
    """Check every field and collect every problem, warning and notice at once.

    For an internal CA, what only a public CA minds (an OU, internal names, private addresses)
    is not flagged.
    """
    typed = typed.stripped()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    notices: list[Problem] = []

    country_message = country_problem(typed.country)
    country = ""
    if country_message:
        problems.append(Problem("country", country_message, fix=country_fix(typed.country)))
    else:
        found = find_country(typed.country)
        country = found.code
        if typed.country.upper() != found.code:
            notices.append(Problem("country", f"{quoted(typed.country)} taken as {found.code} ({found.name})"))

    for name in ("state", "locality", "organization", "organizational_unit"):
        message = text_problem(name, getattr(typed, name))
        if message:
            problems.append(Problem(name, message))

    if country and typed.state and not text_problem("state", typed.state):
        full_name = subdivision_name(country, typed.state)
        if full_name:
            # Offer the admin's own script: typed in ASCII, "Tamil Nadu", not ISO's "Tamil Nādu". A CA
            # compares with the company's registration documents, not with ISO 3166-2.
            offered = ascii_folded(full_name) if typed.state.isascii() else full_name
            iso = f" (ISO 3166-2 spells it {full_name})" if offered != full_name else ""
            warnings.append(
                Problem(
                    "state",
                    f"{quoted(typed.state)} looks like a code; CAs want the full name: {offered}{iso}",
                    fix=offered,
                )
            )
    if country and typed.state and (named := country_named(typed.state)) and not is_subdivision(country, typed.state):
        which = "" if named.casefold() == typed.state.casefold() else f" ({named})"
        warnings.append(
            Problem(
                "state",
                f"{quoted(typed.state)} is a country{which}, "
                "not a state or province: type the state or province the organisation is registered in, "
                "e.g. Tamil Nadu",
            )
        )
    if typed.organizational_unit and not internal_ca:
        warnings.append(Problem("organizational_unit", OU_WARNING))

    common_name, cn_problems = check_common_name(typed.common_name)
    problems.extend(cn_problems)
    if common_name:
        notices.extend(Problem("common_name", n) for n in common_name.notices)

    san_list = parse_san_list(typed.sans, common_name)
    problems.extend(Problem("sans", error) for error in san_list.errors)
    for entry in san_list.entries:
        if entry.host and not entry.is_common_name:
            notices.extend(Problem("sans", n) for n in entry.host.notices)
    for host in san_list.names if not internal_ca else ():
        if host is common_name:
            # The CN is the name browsers and agents are given: say what to put there instead.
            warnings.extend(Problem("common_name", f"{w}; {COMMON_NAME_FIX}") for w in host.warnings)
        else:
            warnings.extend(Problem("sans", w) for w in host.warnings)
    if common_name and common_name.kind == "IP" and not common_name.cautions and not internal_ca:
        warnings.append(
            Problem("common_name", f"{common_name.value} is an address; {COMMON_NAME_FIX} (the address may stay a SAN)")
        )

    subject = None
    if not problems:
        subject = Subject(
            country=country,
            state=typed.state,
            locality=typed.locality,
            organization=typed.organization,
            organizational_unit=typed.organizational_unit,
            common_name=common_name.value,
            san_names=san_list.names,
            warnings=warnings,
            notices=notices,
        )
    return Assessment(subject, problems, warnings, notices)


def validate_subject(typed: SubjectInput, internal_ca: bool = False) -> Subject:
    """The checked Subject, or InputRefused listing every problem."""
    assessment = assess_subject(typed, internal_ca)
    if assessment.subject is None:
        raise InputRefused(assessment.problems)
    return assessment.subject
