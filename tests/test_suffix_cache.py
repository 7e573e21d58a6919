"""The parsed public suffix list is cached per user, and a bad cache is never trusted."""

import pytest
from publicsuffixlist import PublicSuffixList

from csrwizard.pki import suffix_cache

NAMES = ["ec.example.com", "example.co.uk", "co.uk", "github.io", "foo.github.io", "www.ck", "a.b.kawasaki.jp",
         "corp.local", "xn--p1ai", "пример.рф", "com"]  # fmt: skip


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(suffix_cache.CACHE_FOLDER_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def answers(suffixes) -> list:
    return [(suffixes.is_public(name), suffixes.publicsuffix(name, accept_unknown=False)) for name in NAMES]


def test_the_cached_list_answers_as_the_parsed_one(cache_dir):
    parsed = PublicSuffixList(accept_encoded_idn=False)
    first = suffix_cache.public_suffixes()  # parses and writes the cache
    assert len(list(cache_dir.iterdir())) == 1
    second = suffix_cache.public_suffixes()  # loads it
    assert answers(first) == answers(second) == answers(parsed)


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3\x00\x00", None])
def test_a_damaged_cache_is_ignored_and_written_again(cache_dir, damage):
    import marshal

    suffix_cache.public_suffixes()
    (cache,) = cache_dir.iterdir()
    cache.write_bytes(marshal.dumps({"something": "else"}) if damage is None else damage)
    rebuilt = suffix_cache.public_suffixes()
    assert answers(rebuilt) == answers(PublicSuffixList(accept_encoded_idn=False))
    assert suffix_cache._load(cache) is not None  # written again, good this time


def test_a_cache_folder_that_cannot_be_written_costs_only_the_parse(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_bytes(b"")
    monkeypatch.setenv(suffix_cache.CACHE_FOLDER_VARIABLE, str(blocked / "cache"))
    assert answers(suffix_cache.public_suffixes()) == answers(PublicSuffixList(accept_encoded_idn=False))


def test_an_upgrade_replaces_the_old_cache_rather_than_adding_one(cache_dir):
    suffix_cache.public_suffixes()
    (cache,) = cache_dir.iterdir()
    cache.rename(cache.with_name("public-suffixes-0-older-1.marshal"))
    suffix_cache.public_suffixes()
    assert [path.name for path in cache_dir.iterdir()] == [cache.name]


def test_a_refused_replace_leaves_no_temporary_file(cache_dir, monkeypatch):
    def refusing(source, target):
        raise PermissionError(13, "Access is denied")  # another run reading the cache, on Windows

    monkeypatch.setattr(suffix_cache.os, "replace", refusing)
    assert answers(suffix_cache.public_suffixes()) == answers(PublicSuffixList(accept_encoded_idn=False))
    assert list(cache_dir.iterdir()) == []
