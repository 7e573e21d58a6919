"""ISO 3166-1 and 3166-2 from pycountry's own data files, read without importing pycountry.

Importing pycountry costs ~20 ms, nearly all of it `importlib.metadata` looking up its version.
The subdivisions file is 0.5 MB, ~7 ms to parse whole, and the countries' table ~5 ms to build,
so a lookup by code finds the code in the file's bytes and parses only the records it needs
(~0.2 ms); the whole table is built only for names and suggestions. The records and the lookups
match pycountry's (tests compare them entry by entry); if a file cannot be found, or is laid out
otherwise, pycountry itself (or the whole table) is used.
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
        data = _countries_file()
        if data is None:
            raise OSError("pycountry's countries file is not there")
        records = json.loads(data)["3166-1"]
        return CountryTable([_country(record) for record in records])
    except (TypeError, OSError, ValueError, KeyError):
        import pycountry

        return pycountry.countries


def _country(record: dict) -> Country:
    return Country(**{key: value for key, value in record.items() if key in Country.__dataclass_fields__})


@lru_cache(maxsize=2)
def _data_file(name: Path) -> bytes | None:
    """One of pycountry's data files, or None when it cannot be found."""
    try:
        return (_pycountry_folder() / name).read_bytes()
    except (AttributeError, StopIteration, TypeError, OSError, ValueError):
        return None


def _countries_file() -> bytes | None:
    return _data_file(COUNTRIES_FILE)


def country_coded(alpha_2: str):
    """The country with this alpha-2 code, in any case, or None: found in the file's bytes and its
    record parsed alone, as `subdivision` does; the whole table when that cannot be done."""
    wanted = alpha_2.strip().upper()
    data = _countries_file()
    if data is not None and len(wanted) == 2 and wanted.isascii() and wanted.isalpha():
        try:
            found = _flat_records(data, b"alpha_2", b'"' + wanted.encode() + b'"')
            return next((_country(record) for record in found if record["alpha_2"] == wanted), None)
        except (ValueError, KeyError, TypeError, UnicodeError):
            pass  # a file laid out otherwise than expected: the table reads it whole
    return countries().get(alpha_2=wanted)


@dataclass(frozen=True)
class Subdivision:
    code: str
    name: str
    type: str


def _subdivisions_file() -> bytes | None:
    return _data_file(SUBDIVISIONS_FILE)


def _flat_records(data: bytes, key: bytes, quoted_prefix: bytes) -> list[dict]:
    """The records whose `key` starts with `quoted_prefix` (`"IN-TN"` for one code, `"IN-` for a
    country's), each parsed alone. A plain bytes search finds the value (a regex that tries every
    key is ten times slower); the key before it tells a code from a parent's code. The files'
    records are flat objects, so each runs from the `{` before its value to the `}` after."""
    key_before = re.compile(rb'"' + key + rb'"\s*:\s*$')
    found = []
    at = data.find(quoted_prefix)
    while at != -1:
        if key_before.search(data, max(0, at - 32), at):
            start, end = data.rfind(b"{", 0, at), data.find(b"}", at)
            found.append(json.loads(data[start : end + 1]))
        at = data.find(quoted_prefix, at + 1)
    return found


def _records_coded(data: bytes, quoted_prefix: bytes) -> list[Subdivision]:
    return [
        Subdivision(code=record["code"], name=record["name"], type=record.get("type", ""))
        for record in _flat_records(data, b"code", quoted_prefix)
    ]


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
