import pytest

from csrwizard.request.country import country_problem, find_country, subdivision_name, suggest_countries


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
