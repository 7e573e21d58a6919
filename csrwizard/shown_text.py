"""Text from a file or a person, made safe to show on a terminal.

A certificate's subject, a SAN or a file name can hold escape sequences (clear the screen, set
the window title), line breaks that split a message, or bidi controls that reorder what is
read. Everything shown passes through `shown`, which writes such characters out visibly and
cuts what is too long to be worth repeating.
"""

from __future__ import annotations

import unicodedata

# Characters that reorder the text around them (Unicode's explicit bidi formatting characters).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Long enough for any real subject or SAN list; a 10,000-character value is not read, only noticed.
SHOWN_LIMIT = 300
VALUE_LIMIT = 120


def is_bidi_control(char: str) -> bool:
    return char in BIDI_CONTROLS


def _is_unsafe(char: str) -> bool:
    # Cc: C0 and C1 controls (ESC, CR, LF, BEL, CSI...); Zl/Zp: line and paragraph separators.
    return char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Zl", "Zp")


def _written_out(char: str) -> str:
    code = ord(char)
    if char in BIDI_CONTROLS or code > 0xFF:
        return f"<U+{code:04X}>"
    return f"\\x{code:02x}"


def shown(text: object, limit: int | None = SHOWN_LIMIT) -> str:
    """`text` with control and bidi characters written out (`\\x1b`, `<U+202E>`) and, past `limit`
    characters, cut with "… (N characters)"."""
    text = str(text)
    cut = limit is not None and len(text) > limit
    kept = text[:limit] if cut else text
    if any(_is_unsafe(char) for char in kept):
        kept = "".join(_written_out(char) if _is_unsafe(char) else char for char in kept)
    return f"{kept}… ({len(text)} characters)" if cut else kept


def quoted(value: object, limit: int = VALUE_LIMIT) -> str:
    """A value inside a message: in quotes, shown safely, cut when long."""
    return f"'{shown(value, limit)}'"


def shown_lines(text: object, limit: int | None = SHOWN_LIMIT) -> str:
    """Like `shown`, for output made of several lines: each line is kept and shown safely."""
    return "\n".join(shown(line, limit) for line in str(text).split("\n"))
