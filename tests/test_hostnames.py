import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from csrwizard.pki.hostnames import NameRefused, parse_host, parse_san_list, split_san_text


@pytest.mark.parametrize(
    "typed, value",
    [
        ("ec.example.com", "ec.example.com"),
        ("EC.Example.COM.", "ec.example.com"),
        ("https://ec.example.com:8443/path?q=1", "ec.example.com"),
        ("http://user@ec.example.com", "ec.example.com"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("*.example.com", "*.example.com"),
        ("*.bücher.example", "*.xn--bcher-kva.example"),
    ],
)
def test_names_are_normalised(typed, value):
    assert parse_host(typed).value == value


def test_a_url_reports_what_was_removed():
    host = parse_host("https://ec.example.com:8443/console")
    assert host.notices and "protocol" in host.notices[0] and "port" in host.notices[0]


@pytest.mark.parametrize(
    "typed, why",
    [
        ("a_b.example.com", "underscore"),
        ("a..example.com", "empty label"),
        (".example.com", "empty label"),
        ("foo.*.example.com", "leftmost"),
        ("f*.example.com", "leftmost"),
        ("*.*.example.com", "leftmost"),
        ("*.com", "public suffix"),
        ("*.co.uk", "public suffix"),
        ("*.local", "public suffix"),
        ("-a.example.com", "letters, digits"),
        ("a-.example.com", "letters, digits"),
        ("a b.example.com", "letters, digits"),
        ("x" * 64 + ".example.com", "at most 63"),
        (".".join(["a" * 60] * 5), "at most 253"),
        ("a\x07.example.com", "control"),
        ("", "empty"),
    ],
)
def test_bad_names_are_refused_with_the_reason(typed, why):
    with pytest.raises(NameRefused, match=why):
        parse_host(typed)


@pytest.mark.parametrize(
    "typed, kind", [("203.0.114.1", "IP"), ("2001:4860::8888", "IP"), ("[2001:4860::8888]:443", "IP")]
)
def test_addresses_become_ip_entries(typed, kind):
    assert parse_host(typed).kind == kind


@pytest.mark.parametrize("typed", ["10.0.0.5", "192.168.1.1", "127.0.0.1", "fe80::1", "server", "ec.corp.local"])
def test_internal_names_and_reserved_addresses_warn(typed):
    host = parse_host(typed)
    assert host.warnings and "public CA will refuse" in host.warnings[0]


@pytest.mark.parametrize("typed", ["ec.example.com", "8.8.8.8", "*.example.co.uk"])
def test_public_names_do_not_warn(typed):
    assert parse_host(typed).warnings == ()


def test_san_list_puts_the_cn_first_and_drops_duplicates_in_any_case():
    cn = parse_host("ec.example.com")
    sans = parse_san_list("b.example.com,  EC.example.com\nB.EXAMPLE.COM; 8.8.8.8", cn)
    assert [n.value for n in sans.names] == ["ec.example.com", "b.example.com", "8.8.8.8"]
    assert [e.duplicate for e in sans.entries] == [False, False, True, True, False]
    assert sans.entries[0].is_common_name


def test_san_list_reports_each_bad_entry():
    sans = parse_san_list("good.example.com, bad_name.example.com, *.com")
    assert len(sans.errors) == 2
    assert [n.value for n in sans.names] == ["good.example.com"]


label = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=20)
hostnames = st.lists(label, min_size=2, max_size=5).map(lambda labels: ".".join(labels) + ".com")


@given(hostnames)
def test_ldh_names_are_accepted_and_parsing_is_idempotent(name):
    once = parse_host(name)
    assert once.value == name
    assert parse_host(once.value).value == once.value


@given(hostnames, st.sampled_from(["_", "*", " ", "!", ".."]), st.integers(min_value=0, max_value=10))
def test_any_forbidden_character_is_refused(name, bad, position):
    position = max(1, min(position, name.index(".")))  # leading blanks are trimmed, not refused
    with pytest.raises(NameRefused):
        parse_host(name[:position] + bad + name[position:])


@given(st.text(max_size=80))
def test_parse_host_either_accepts_a_valid_name_or_refuses(text):
    try:
        host = parse_host(text)
    except NameRefused as refusal:
        assert str(refusal)
        return
    if host.kind == "DNS":
        bare = host.value[2:] if host.is_wildcard else host.value
        assert len(host.value) <= 253
        assert all(0 < len(label) <= 63 for label in bare.split("."))
        assert "_" not in host.value and "*" not in bare
        assert host.value == host.value.lower() and host.value.isascii()


@given(st.lists(hostnames, max_size=8), hostnames)
def test_san_lists_always_start_with_the_cn_and_never_repeat(names, cn_text):
    assume(names is not None)
    cn = parse_host(cn_text)
    mixed = [n.upper() if i % 2 else n for i, n in enumerate(names + [cn_text])]
    result = parse_san_list(", ".join(mixed), cn)
    keys = [n.key for n in result.names]
    assert keys[0] == cn.key
    assert len(keys) == len(set(keys))
    assert set(keys) == {n.lower() for n in names} | {cn.key}


def test_split_accepts_commas_spaces_and_newlines():
    assert split_san_text("a, b\nc  d,,e") == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("typed", ["*.xn--p1ai", "*.рф", "*.xn--12c1fe0br.xn--o3cw4h"])
def test_wildcards_on_internationalised_public_suffixes_are_refused(typed):
    with pytest.raises(NameRefused, match="public suffix"):
        parse_host(typed)


def test_internationalised_names_under_known_suffixes_do_not_warn():
    assert parse_host("пример.рф").warnings == ()
