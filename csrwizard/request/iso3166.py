"""ISO 3166-1 from pycountry's own data file, read without importing pycountry.

Importing pycountry costs ~20 ms, nearly all of it `importlib.metadata` looking up its version;
its countries file loads in ~1 ms. The records and the lookup match pycountry's (a test compares
them entry by entry); if the file cannot be found, pycountry itself is used.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTRIES_FILE = Path("databases") / "iso3166-1.json"
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


@lru_cache(maxsize=1)
def countries():
    """The table, from pycountry's data file when it can be found, else pycountry itself."""
    try:
        spec = importlib.util.find_spec("pycountry")  # finds the package without running it
        folder = Path(next(iter(spec.submodule_search_locations)))
        records = json.loads((folder / COUNTRIES_FILE).read_bytes())["3166-1"]
        known = set(Country.__dataclass_fields__)
        return CountryTable([Country(**{k: v for k, v in record.items() if k in known}) for record in records])
    except (AttributeError, StopIteration, TypeError, OSError, ValueError, KeyError):
        import pycountry

        return pycountry.countries
