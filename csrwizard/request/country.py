"""Country codes as a CA checks them: ISO 3166-1 alpha-2, from pycountry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from csrwizard.shown_text import quoted

# Codes people type that ISO 3166 does not have, with the code they meant.
COMMON_MISTAKES = {
    "UK": "GB",
    "EL": "GR",
}


@dataclass(frozen=True)
class CountryMatch:
    code: str
    name: str
    flag: str


def _countries():
    # pycountry's own data, read without importing pycountry (see iso3166.py).
    from csrwizard.request.iso3166 import countries

    return countries()


def _match(country) -> CountryMatch:
    return CountryMatch(code=country.alpha_2, name=country.name, flag=getattr(country, "flag", ""))


def find_country(text: str) -> CountryMatch | None:
    """The country for an alpha-2 code, alpha-3 code or name, in any case; None when unknown."""
    wanted = text.strip()
    if not wanted:
        return None
    if len(wanted) == 2:  # the code, as CAs want it: its one record, not the whole table
        from csrwizard.request.iso3166 import country_coded

        found = country_coded(wanted)
    elif len(wanted) == 3:
        found = _countries().get(alpha_3=wanted.upper())
    elif len(wanted) > 3:
        try:
            found = _countries().lookup(wanted)
        except LookupError:
            found = None
    else:
        found = None
    return _match(found) if found else None


def country_problem(text: str) -> str | None:
    """Why the text is not a country (the message names the fix), or None when it is one."""
    wanted = text.strip()
    if not wanted:
        return "required: the two-letter ISO 3166 code, e.g. GB, US, DE, IN"
    if find_country(wanted):
        return None
    upper = wanted.upper()
    if upper in COMMON_MISTAKES:
        meant = find_country(COMMON_MISTAKES[upper])
        return f"{upper} is not an ISO 3166 code; use {meant.code} ({meant.name})"
    close = suggest_countries(wanted, limit=3)
    hint = f"; did you mean {', '.join(f'{c.code} ({c.name})' for c in close)}?" if close else ""
    return f"{quoted(wanted)} is not an ISO 3166 country code or name{hint}"


def country_fix(text: str) -> str:
    """The code meant by a common mistake (UK -> GB), else ""."""
    return COMMON_MISTAKES.get(text.strip().upper(), "")


def suggest_countries(text: str, limit: int = 8) -> list[CountryMatch]:
    """Countries whose code or name starts with, then contains, the text; for live suggestions."""
    return list(ranked_countries(text.strip().casefold())[:limit])


@lru_cache(maxsize=32)
def ranked_countries(wanted: str) -> tuple[CountryMatch, ...]:
    """Every match for the (folded) text, best first. Cached: each key typed in the Country field
    asks twice, once for its message and once for the list under it, and the table is walked once."""
    if not wanted:
        return ()
    starts, contains = [], []
    mistaken = COMMON_MISTAKES.get(wanted.upper())
    if mistaken:
        starts.append(find_country(mistaken))
    for alpha_2, alpha_3, names, match in _search_index():
        if match.code == mistaken:
            continue
        if alpha_2 == wanted or alpha_3 == wanted:
            starts.insert(0, match)
        elif any(name.startswith(wanted) for name in names):
            starts.append(match)
        elif len(wanted) > 2 and any(wanted in name for name in names):
            contains.append(match)
    return tuple(starts + contains)


@lru_cache(maxsize=1)
def _search_index() -> tuple[tuple[str, str, tuple[str, ...], CountryMatch], ...]:
    """Each country's folded codes and names beside its match: folded once, not on every key."""
    index = []
    for country in _countries():
        names = (country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""))
        folded = tuple(name.casefold() for name in names if name)
        index.append((country.alpha_2.casefold(), country.alpha_3.casefold(), folded, _match(country)))
    return tuple(index)


def ascii_folded(text: str) -> str:
    """The text without its accents ("Tamil Nādu" -> "Tamil Nadu"); letters with none stay."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def subdivision_name(country_code: str, state: str) -> str | None:
    """The full name when the state was typed as the country's subdivision code (e.g. TN in IN)."""
    code = state.strip().upper()
    # Subdivision codes are 1-3 letters or digits; avoid loading that large table otherwise.
    if not (1 <= len(code) <= 3 and code.isalnum()):
        return None
    # pycountry's data file, read without importing pycountry (see iso3166.py).
    from csrwizard.request.iso3166 import subdivision

    found = subdivision(f"{country_code.upper()}-{code}")
    return found.name if found else None


def subdivision_names(country_code: str) -> list[str]:
    """The names of a country's subdivisions, sorted; for suggestions."""
    from csrwizard.request.iso3166 import subdivisions_of

    return sorted({s.name for s in subdivisions_of(country_code)})


@lru_cache(maxsize=64)
def country_named(text: str) -> str | None:
    """The country's name when `text` is a country's name (not a code): "India", "india", "Deutschland"
    is not one. For the State field, where a country's name is a slip."""
    wanted = ascii_folded(text.strip()).casefold()
    if len(wanted) <= 3:  # codes: TN is Tamil Nadu in IN as well as Tunisia
        return None
    for _, _, names, match in _search_index():
        if wanted in (ascii_folded(name) for name in names):
            return match.name
    return None


def is_subdivision(country_code: str, state: str) -> bool:
    """Whether `state` is the name of one of the country's subdivisions (Georgia in US)."""
    wanted = ascii_folded(state.strip()).casefold()
    return any(ascii_folded(name).casefold() == wanted for name in subdivision_names(country_code))


def suggest_subdivision(country_code: str, typed: str) -> str | None:
    """The subdivision name that completes what was typed, in the typed script: typed in ASCII,
    "Tam" completes to "Tamil Nadu", the spelling the State hint recommends, not "Tamil Nādu"."""
    wanted = typed.casefold()
    if not wanted:
        return None
    ascii_only = typed.isascii()
    for name in subdivision_names(country_code):
        offered = ascii_folded(name) if ascii_only else name
        if offered.casefold().startswith(wanted):
            return offered
    return None
