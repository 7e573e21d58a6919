"""The public suffix list, parsed once per machine and kept in a per-user cache.

Parsing the list costs ~20 ms on every run; loading the parsed form with marshal costs ~2 ms.
The cache is keyed on the library's version (which carries the list's date) and the list's size,
so an upgrade rebuilds it; not on modification times, which a one-file executable renews at each
start. A cache that is missing, stale, unreadable or damaged is ignored
and written again; a cache folder that cannot be written only costs the parse.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

CACHE_FORMAT = 1
CACHE_PREFIX = "public-suffixes-"
CACHE_FOLDER_VARIABLE = "CSRWIZARD_CACHE_DIR"
LIST_FILE = "public_suffix_list.dat"


def cache_folder() -> Path:
    """Where csrwizard keeps what it may rebuild: the platform's per-user cache folder."""
    if chosen := os.environ.get(CACHE_FOLDER_VARIABLE):
        return Path(chosen)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "csrwizard" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "csrwizard"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "csrwizard"


def public_suffixes():
    """A PublicSuffixList that matches U-labels, from the cache when it is good, else parsed."""
    import publicsuffixlist
    from publicsuffixlist import PublicSuffixList

    package = Path(publicsuffixlist.__file__).parent
    cache = cache_folder() / f"{CACHE_PREFIX}{_fingerprint(package, publicsuffixlist)}.marshal"
    state = _load(cache)
    if state is not None:
        suffixes = PublicSuffixList.__new__(PublicSuffixList)
        suffixes.__dict__.update(state)
        return suffixes
    # Matching U-labels instead of A-labels spares encoding every rule (~30 ms).
    suffixes = PublicSuffixList(accept_encoded_idn=False)
    _store(cache, dict(vars(suffixes)))
    return suffixes


def _fingerprint(package: Path, library) -> str:
    try:
        size = str((package / LIST_FILE).stat().st_size)
    except OSError:
        size = "missing"
    return f"{CACHE_FORMAT}-{getattr(library, '__version__', 'unknown')}-{size}"


def _load(cache: Path) -> dict | None:
    try:
        state = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    # The parsed form as this version of the library leaves it; anything else is rebuilt.
    if not isinstance(state, dict) or not isinstance(state.get("_publicsuffix"), (set, frozenset, dict)):
        return None
    return state


def _store(cache: Path, state: dict) -> None:
    try:
        data = marshal.dumps(state)
    except ValueError:  # a value marshal cannot keep: this library version is not cached
        return
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, cache)
        for old in cache.parent.glob(f"{CACHE_PREFIX}*.marshal"):  # one cache, not one per upgrade
            if old != cache:
                old.unlink()
    except OSError:
        # A replace refused (another run's reader holds the cache on Windows) leaves nothing behind.
        try:
            partial.unlink()
        except OSError:
            pass
