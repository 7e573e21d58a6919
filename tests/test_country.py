import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrwizard.request.country import (
    country_problem,
    find_country,
    ranked_countries,
    subdivision_name,
    suggest_countries,
)


@pytest.mark.parametrize(
    "typed, code",
    [
        ("GB", "GB"),
        ("gb", "GB"),
        (" de ", "DE"),
        ("DEU", "DE"),
        ("usa", "US"),
        ("India", "IN"),
        ("united kingdom", "GB"),
        ("Germany", "DE"),
    ],
)
def test_codes_names_and_alpha3_are_converted(typed, code):
    assert find_country(typed).code == code
    assert country_problem(typed) is None


def test_uk_is_refused_with_a_message_that_names_gb():
    message = country_problem("UK")
    assert "UK is not an ISO 3166 code" in message
    assert "GB" in message


@pytest.mark.parametrize("typed", ["XX", "ZZ", "Atlantis", "G"])
def test_unknown_countries_are_refused(typed):
    assert find_country(typed) is None
    assert country_problem(typed)


def test_empty_country_is_required():
    assert "required" in country_problem("  ")


def test_suggestions_start_with_exact_code_then_names():
    suggestions = suggest_countries("ger")
    assert suggestions[0].code == "DE"
    assert suggest_countries("uk")[0].code == "GB"
    assert all(s.flag for s in suggest_countries("in"))


@pytest.mark.parametrize("country, state, full", [("IN", "TN", "Tamil Nādu"), ("US", "ca", "California")])
def test_subdivision_codes_give_the_full_name(country, state, full):
    assert subdivision_name(country, state) == full


def test_full_state_names_are_not_codes():
    assert subdivision_name("US", "California") is None
    assert subdivision_name("GB", "ZZ") is None


@pytest.mark.parametrize(
    ("iso", "folded"), [("Tamil Nādu", "Tamil Nadu"), ("Île-de-France", "Ile-de-France"), ("Bayern", "Bayern")]
)
def test_accents_fold_to_ascii_and_plain_names_stay(iso, folded):
    from csrwizard.request.country import ascii_folded

    assert ascii_folded(iso) == folded


def test_the_table_read_from_pycountrys_file_is_pycountrys():
    """The fast path reads pycountry's data file; every record and every lookup must agree."""
    import pycountry

    from csrwizard.request.iso3166 import CountryTable, countries

    ours = countries()
    assert isinstance(ours, CountryTable)  # the file was found: no pycountry import on this path
    assert len(ours) == len(pycountry.countries)
    for theirs, mine in zip(pycountry.countries, ours, strict=True):
        for field in ("alpha_2", "alpha_3", "numeric", "name", "flag"):
            assert getattr(mine, field) == getattr(theirs, field)
        assert mine.official_name == getattr(theirs, "official_name", "")
        assert mine.common_name == getattr(theirs, "common_name", "")
        for typed in {theirs.alpha_2, theirs.alpha_3.lower(), theirs.name.upper()}:
            assert ours.lookup(typed).alpha_2 == pycountry.countries.lookup(typed).alpha_2
        assert ours.get(alpha_2=theirs.alpha_2.lower()) == mine
        assert ours.get(alpha_3=theirs.alpha_3) == mine
    with pytest.raises(LookupError):
        ours.lookup("Atlantis")


def _ranked_the_plain_way(wanted: str) -> list[str]:
    """The ranking rule written out directly over pycountry itself, to hold the fast one to."""
    import pycountry

    if not wanted:
        return []
    exact, starts, contains = [], [], []
    mistaken = {"uk": "GB", "el": "GR"}.get(wanted)
    for country in pycountry.countries:
        if country.alpha_2 == mistaken:
            continue
        names = [getattr(country, field, "") for field in ("name", "common_name", "official_name")]
        folded = [name.casefold() for name in names if name]
        if wanted in (country.alpha_2.casefold(), country.alpha_3.casefold()):
            exact.insert(0, country.alpha_2)
        elif any(name.startswith(wanted) for name in folded):
            starts.append(country.alpha_2)
        elif len(wanted) > 2 and any(wanted in name for name in folded):
            contains.append(country.alpha_2)
    return ([mistaken] if mistaken else []) + exact + starts + contains


def _pieces_of_country_names():
    import pycountry

    names = sorted({country.name.casefold() for country in pycountry.countries})
    return st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.integers(0, len(name)), st.integers(1, 6)).map(
            lambda cut: name[cut[0] : cut[0] + cut[1]]
        )
    )


@given(
    st.one_of(
        _pieces_of_country_names(), st.text(alphabet="abcdeilnorstuy ", max_size=5), st.sampled_from(["uk", "el"])
    )
)
def test_suggestions_rank_as_the_rule_says(wanted):
    # Codes, then names that start with the text, then names that contain it; UK and EL first.
    ranked = [match.code for match in ranked_countries(wanted)]
    assert ranked == _ranked_the_plain_way(wanted)


def test_the_subdivisions_read_from_pycountrys_file_are_pycountrys():
    """The fast path finds a code in pycountry's subdivisions file and parses only its record;
    every record and every country's list must agree with pycountry's."""
    import pycountry

    from csrwizard.request.iso3166 import Subdivision, subdivision, subdivisions_of

    for theirs in pycountry.subdivisions:
        mine = subdivision(theirs.code.lower())
        assert isinstance(mine, Subdivision)  # the file was read: no pycountry import on this path
        assert (mine.code, mine.name, mine.type) == (theirs.code, theirs.name, theirs.type)
    for country in pycountry.countries:
        expected = sorted(s.code for s in pycountry.subdivisions.get(country_code=country.alpha_2) or [])
        assert sorted(s.code for s in subdivisions_of(country.alpha_2.lower())) == expected
    assert subdivision("IN-ZZ") is None
    assert subdivision("IN-T") is None  # a code's prefix is not the code
    assert subdivision('IN-TN", "name') is None  # nor is text around it
    assert subdivisions_of("XX") == []


def laid_out(name, part: str, layout: str) -> bytes | None:
    """pycountry's data file `name` as another release might lay it out; None when it is missing."""
    import json

    from csrwizard.request import iso3166

    records = json.loads((iso3166._pycountry_folder() / name).read_bytes())[part]
    if layout == "compact":
        return json.dumps({part: records}, separators=(",", ":"), ensure_ascii=False).encode()
    if layout == "reordered":
        return json.dumps({part: [dict(reversed(r.items())) for r in records]}, indent=1).encode()
    return None


@pytest.mark.parametrize("layout", ["missing", "compact", "reordered"])
def test_subdivisions_stay_right_whatever_the_files_layout(monkeypatch, layout):
    import pycountry

    from csrwizard.request import iso3166

    data = laid_out(iso3166.SUBDIVISIONS_FILE, "3166-2", layout)
    monkeypatch.setattr(iso3166, "_subdivisions_file", lambda: data)
    assert iso3166.subdivision("IN-TN").name == "Tamil Nādu"
    assert iso3166.subdivision("us-ca").name == "California"
    assert {s.name for s in iso3166.subdivisions_of("IN")} == {
        s.name for s in pycountry.subdivisions.get(country_code="IN")
    }


def test_a_country_found_by_its_code_is_the_tables_and_pycountrys():
    """A code's record is parsed alone from the file's bytes; it must be the very record."""
    import pycountry

    from csrwizard.request.iso3166 import countries, country_coded

    for theirs in pycountry.countries:
        for typed in (theirs.alpha_2, theirs.alpha_2.lower(), f" {theirs.alpha_2} "):
            assert country_coded(typed) == countries().get(alpha_2=theirs.alpha_2)
    for unknown in ("XX", "ZZ", "I", "IND", "", '"', "1N"):
        assert country_coded(unknown) is None


@pytest.mark.parametrize("layout", ["missing", "compact", "reordered"])
def test_countries_stay_right_whatever_the_files_layout(monkeypatch, layout):
    from csrwizard.request import iso3166

    data = laid_out(iso3166.COUNTRIES_FILE, "3166-1", layout)
    monkeypatch.setattr(iso3166, "_countries_file", lambda: data)
    iso3166.countries.cache_clear()
    try:
        assert iso3166.country_coded("in").name == "India"
        assert iso3166.country_coded("GB").alpha_3 == "GBR"
        assert iso3166.country_coded("XX") is None
    finally:
        iso3166.countries.cache_clear()


def test_a_country_typed_as_its_code_never_builds_the_whole_table():
    # The seed's IN, as every batch create gives it: one record, ~0.2 ms, not the table's ~5 ms.
    code = (
        "from csrwizard.request.country import country_problem\n"
        "from csrwizard.request.iso3166 import countries\n"
        "assert country_problem('IN') is None\n"
        "print(countries.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


def test_subdivision_names_are_the_countrys_sorted():
    from csrwizard.request.country import subdivision_names

    names = subdivision_names("in")
    assert names == sorted(names)
    assert "Tamil Nādu" in names and "Kerala" in names
    assert subdivision_names("XX") == []


@pytest.mark.parametrize(
    ("typed", "completed"),
    [("Tam", "Tamil Nadu"), ("tamil n", "Tamil Nadu"), ("Tamil Nā", "Tamil Nādu"), ("Xyz", None), ("", None)],
)
def test_state_completion_offers_the_spelling_the_hint_recommends(typed, completed):
    from csrwizard.request.country import suggest_subdivision

    assert suggest_subdivision("IN", typed) == completed
