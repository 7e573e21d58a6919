"""The batch create's key, started before the command line is parsed or the program imported.

Making the key is the longest single step of `create --batch`. Started here, it runs beside the
remaining imports and the checks instead of after them. This only guesses from the words of the
command: the parsed arguments still decide, and a key whose size they do not ask for, or a
request they refuse, is simply never used (nothing of it is written).
"""

from __future__ import annotations

from typing import Sequence

from csrwizard.names import DEFAULT_KEY_SIZE, KEY_SIZES
from csrwizard.request.key_in_background import KeyInBackground

KEY_SIZE_FLAG = "--key-size"
# With these, create writes no new key at all.
NO_NEW_KEY_FLAGS = ("--reuse-key", "-h", "--help", "--version")


def early_key_size(argv: Sequence[str]) -> int | None:
    """The key size a `create --batch` command line asks for, or None when it may not want one."""
    words = list(argv)
    if "create" not in words or "--batch" not in words or any(flag in words for flag in NO_NEW_KEY_FLAGS):
        return None
    size_text = str(DEFAULT_KEY_SIZE)
    for index, word in enumerate(words):
        if word == KEY_SIZE_FLAG:
            size_text = words[index + 1] if index + 1 < len(words) else ""
        elif word.startswith(KEY_SIZE_FLAG + "="):
            size_text = word.partition("=")[2]
    return int(size_text) if size_text.isdigit() and int(size_text) in KEY_SIZES else None


def key_started_early(argv: Sequence[str]) -> KeyInBackground | None:
    size = early_key_size(argv)
    return KeyInBackground.started(size) if size is not None else None
