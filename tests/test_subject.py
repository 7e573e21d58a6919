import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrwizard.problems import InputRefused
from csrwizard.request.subject import SubjectInput, assess_subject, validate_subject


def refusal_of(typed: SubjectInput) -> dict[str, str]:
    with pytest.raises(InputRefused) as caught:
        validate_subject(typed)
    return {p.field: str(p) for p in caught.value.problems}


def test_a_good_subject_passes(typed_subject):
    subject = validate_subject(typed_subject)
    assert subject.openssl_line() == "C = GB, ST = England, L = London, O = Example Ltd, CN = ec.example.com"
    assert subject.san_line() == "DNS:ec.example.com, DNS:ec.example.net, IP Address:8.8.8.8"


def test_every_problem_is_reported_at_once_and_names_its_field():
    problems = refusal_of(SubjectInput("UK", "", "", "x" * 65, "y" * 65, "a_b.example.com", "*.com"))
    assert set(problems) == {
        "country",
        "state",
        "locality",
        "organization",
        "organizational_unit",
        "common_name",
        "sans",
    }
    assert problems["country"].startswith("Country: UK is not an ISO 3166 code; use GB")
    assert problems["organization"].startswith("Organisation: is 65 characters; at most 64")
    assert problems["common_name"].startswith("Common name:")


@pytest.mark.parametrize(
    "field_name, bound", [("state", 128), ("locality", 128), ("organization", 64), ("organizational_unit", 64)]
)
def test_rfc5280_upper_bounds(typed_subject, field_name, bound):
    setattr(typed_subject, field_name, "é" * bound)
    validate_subject(typed_subject)
    setattr(typed_subject, field_name, "é" * (bound + 1))
    assert field_name in refusal_of(typed_subject)


def test_common_name_is_capped_at_64_even_when_a_valid_host_name(typed_subject):
    typed_subject.common_name = "a" * 60 + ".example.com"
    assert "at most 64" in refusal_of(typed_subject)["common_name"]


def test_whitespace_is_trimmed_and_non_ascii_kept(typed_subject):
    typed_subject.locality = "  Zürich  "
    assert validate_subject(typed_subject).locality == "Zürich"


@pytest.mark.parametrize("bad", ["Lon\tdon", "Lon\ndon", "Lon\x00don", "Lon\x7fdon"])
def test_control_characters_are_refused(typed_subject, bad):
    typed_subject.locality = bad
    assert "control character" in refusal_of(typed_subject)["locality"]


def test_country_name_and_alpha3_are_converted_with_a_notice(typed_subject):
    typed_subject.country = "united kingdom"
    assessment = assess_subject(typed_subject)
    assert assessment.subject.country == "GB"
    assert any("taken as GB" in n.message for n in assessment.notices)


def test_warnings_do_not_block(typed_subject):
    typed_subject.country, typed_subject.state = "IN", "TN"
    typed_subject.organizational_unit = "IT"
    typed_subject.sans = "10.0.0.1, intranet"
    subject = validate_subject(typed_subject)
    text = " | ".join(map(str, subject.warnings))
    assert "Tamil Nādu" in text
    assert "BR 7.1.2.7.4" in text
    assert "10.0.0.1 is a private or reserved" in text
    assert "intranet is an internal name" in text


def test_cn_is_always_the_first_san_even_when_typed_again(typed_subject):
    typed_subject.sans = "EC.EXAMPLE.COM, other.example.com"
    subject = validate_subject(typed_subject)
    assert [n.value for n in subject.san_names] == ["ec.example.com", "other.example.com"]


def test_url_typed_as_cn_is_cleaned_with_a_notice(typed_subject):
    typed_subject.common_name = "https://ec.example.com:8443/"
    assessment = assess_subject(typed_subject)
    assert assessment.subject.common_name == "ec.example.com"
    assert any("protocol" in n.message for n in assessment.for_field("common_name")[2])


def test_ou_is_optional(typed_subject):
    typed_subject.organizational_unit = ""
    assert validate_subject(typed_subject).organizational_unit == ""


def test_round_trip_through_as_input(typed_subject):
    subject = validate_subject(typed_subject)
    assert validate_subject(subject.as_input()) == subject


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u0085"), max_size=140)


@given(printable)
def test_any_text_field_is_accepted_exactly_when_within_bounds(text):
    typed = SubjectInput("GB", "England", text, "Example", "", "ec.example.com", "")
    stripped = text.strip()
    if 0 < len(stripped) <= 128:
        assert validate_subject(typed).locality == stripped
    else:
        with pytest.raises(InputRefused):
            validate_subject(typed)


def test_refusals_and_warnings_carry_the_fix_when_one_is_known(typed_subject):
    typed_subject.country = "UK"
    assert refusal_of(typed_subject)  # still refused
    assessment = assess_subject(typed_subject)
    assert [p.fix for p in assessment.problems if p.field == "country"] == ["GB"]
    typed_subject.country, typed_subject.state = "IN", "TN"
    # Typed in ASCII, the fix is in ASCII; typed in the ISO script, it keeps that script.
    assert [w.fix for w in assess_subject(typed_subject).warnings if w.field == "state"] == ["Tamil Nadu"]
    typed_subject.country, typed_subject.state = "DE", "by"
    assert [w.fix for w in assess_subject(typed_subject).warnings if w.field == "state"] == ["Bayern"]


# Each message names the fix, not only the problem (said on the phone, the fix is what is typed next).
@pytest.mark.parametrize(
    ("common_name", "fix"),
    [
        ("localhost", "as the CN, use the name clients type, e.g. ec.example.com"),
        ("10.0.0.5", "as the CN, use the name clients type, e.g. ec.example.com"),
        ("203.0.113.10", "as the CN, use the name clients type, e.g. ec.example.com"),
        ("8.8.8.8", "as the CN, use the name clients type, e.g. ec.example.com (the address may stay a SAN)"),
    ],
)
def test_a_cn_that_clients_do_not_type_is_told_what_to_use_instead(common_name, fix):
    typed = SubjectInput("IN", "Tamil Nadu", "Chennai", "ZOHO", "", common_name, "")
    _, warnings, _ = assess_subject(typed).for_field("common_name")
    assert any(fix in warning.message for warning in warnings), warnings


def test_an_underscore_is_refused_with_the_hyphen_in_its_place():
    typed = SubjectInput("IN", "Tamil Nadu", "Chennai", "ZOHO", "", "ec_server.example.com", "web_1.example.com")
    assessment = assess_subject(typed)
    (cn,), _, _ = assessment.for_field("common_name")
    (san,), _, _ = assessment.for_field("sans")
    assert "use a hyphen, e.g. ec-server.example.com" in cn.message
    assert "use a hyphen, e.g. web-1.example.com" in san.message


@pytest.mark.parametrize(("state", "warned"), [("India", True), ("india", True), ("Tamil Nadu", False), ("TN", False)])
def test_a_country_typed_as_the_state_gets_a_warning(state, warned):
    typed = SubjectInput("IN", state, "Chennai", "ZOHO", "", "www.zoho.com", "")
    _, warnings, _ = assess_subject(typed).for_field("state")
    said = [w.message for w in warnings if "is a country" in w.message]
    assert bool(said) is warned
    if warned:
        assert said == [f"{state!r} is a country, not a state or province: type the state or province the "
                        "organisation is registered in, e.g. Tamil Nadu"]  # fmt: skip


def test_a_state_named_like_a_country_is_not_warned_about_in_its_own_country():
    typed = SubjectInput("US", "Georgia", "Atlanta", "Example Inc", "", "ec.example.com", "")
    _, warnings, _ = assess_subject(typed).for_field("state")
    assert warnings == []
