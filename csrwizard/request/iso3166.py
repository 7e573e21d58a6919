"""ISO 3166-1 and 3166-2 from pycountry's own data files, read without importing pycountry.

Importing pycountry costs ~20 ms, nearly all of it `importlib.metadata` looking up its version;
its countries file loads in ~1 ms. The subdivisions file is 0.5 MB, ~7 ms to parse whole, so a
lookup finds its code in the bytes and parses only the records it needs (~0.2 ms). The records
and the lookups match pycountry's (tests compare them entry by entry); if a file cannot be found,
pycountry itself is used.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTRIES_FILE = Path("databases") / "iso3166-1.json"
SUBDIVISIONS_FILE = Path("databases") / "iso3166-2.json"
FIELDS = ("alpha_2", "alpha_3", "numeric", "name", "official_name", "common_name")


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    numeric: str
    name: str
    official_name: str = ""
    common_name: str = ""
    flag: str = ""


class CountryTable:
    """The part of pycountry.countries csrwizard uses: iteration, get(alpha_2/alpha_3), lookup."""

    def __init__(self, countries: list[Country]) -> None:
        self.countries = countries
        self.by_key = {}
        for country in reversed(countries):  # the first of equal keys wins, as in pycountry
            for name in FIELDS:
                value = getattr(country, name)
                if value:
                    self.by_key[value.lower()] = country

    def __iter__(self):
        return iter(self.countries)

    def __len__(self) -> int:
        return len(self.countries)

    def get(self, *, alpha_2: str | None = None, alpha_3: str | None = None) -> Country | None:
        wanted = alpha_2 if alpha_2 is not None else alpha_3
        field = "alpha_2" if alpha_2 is not None else "alpha_3"
        found = self.by_key.get((wanted or "").lower())
        return found if found is not None and getattr(found, field).lower() == (wanted or "").lower() else None

    def lookup(self, value: str) -> Country:
        """Case-insensitive exact match on any code or name; LookupError when none."""
        found = self.by_key.get(value.lower())
        if found is None:
            raise LookupError(f"Could not find a record for {value!r}")
        return found


def _pycountry_folder() -> Path:
    """Where pycountry is installed, found without running its __init__ (which is the slow part)."""
    spec = importlib.util.find_spec("pycountry")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def countries():
    """The table, from pycountry's data file when it can be found, else pycountry itself."""
    try:
        records = json.loads((_pycountry_folder() / COUNTRIES_FILE).read_bytes())["3166-1"]
        known = set(Country.__dataclass_fields__)
        return CountryTable([Country(**{k: v for k, v in record.items() if k in known}) for record in records])
    except (AttributeError, StopIteration, TypeError, OSError, ValueError, KeyError):
        import pycountry

        return pycountry.countries


@dataclass(frozen=True)
class Subdivision:
    code: str
    name: str
    type: str


@lru_cache(maxsize=1)
def _subdivisions_file() -> bytes | None:
    try:
        return (_pycountry_folder() / SUBDIVISIONS_FILE).read_bytes()
    except (AttributeError, StopIteration, TypeError, OSError, ValueError):
        return None


_CODE_KEY_BEFORE = re.compile(rb'"code"\s*:\s*$')


def _records_coded(data: bytes, quoted_prefix: bytes) -> list[Subdivision]:
    """The records whose "code" starts with `quoted_prefix` (`"IN-TN"` for one code, `"IN-` for a
    country's), each parsed alone. A plain bytes search finds the value (a regex that tries every
    "code" key is ten times slower); the key before it tells a code from a parent's code. The
    file's records are flat objects, so each runs from the `{` before its code to the `}` after."""
    found = []
    at = data.find(quoted_prefix)
    while at != -1:
        if _CODE_KEY_BEFORE.search(data, max(0, at - 32), at):
            start, end = data.rfind(b"{", 0, at), data.find(b"}", at)
            record = json.loads(data[start : end + 1])
            found.append(Subdivision(code=record["code"], name=record["name"], type=record.get("type", "")))
        at = data.find(quoted_prefix, at + 1)
    return found


def subdivision(code: str) -> Subdivision | None:
    """The subdivision with this ISO 3166-2 code (e.g. "IN-TN"), in any case; None when unknown."""
    data = _subdivisions_file()
    if data is not None:
        wanted = code.strip().upper()
        try:
            found = _records_coded(data, b'"' + wanted.encode() + b'"')
            return next((record for record in found if record.code == wanted), None)
        except (ValueError, KeyError, TypeError, UnicodeError):
            pass  # a file laid out otherwise than expected: pycountry reads it whole
    import pycountry

    return pycountry.subdivisions.get(code=code)


def subdivisions_of(country_code: str) -> list[Subdivision]:
    """Every subdivision of the country with this alpha-2 code, in the file's order."""
    data = _subdivisions_file()
    if data is not None:
        try:
            return _records_coded(data, b'"' + country_code.strip().upper().encode() + b"-")
        except (ValueError, KeyError, TypeError, UnicodeError):
            pass
    import pycountry

    return list(pycountry.subdivisions.get(country_code=country_code) or [])
