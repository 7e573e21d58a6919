"""What a command is given besides its words: the clock, a key already being made, a password
a face asked for itself. Passed in, so a test stands at a chosen day by giving a clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from csrwizard.request.key_in_background import KeyInBackground


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class RunContext:
    now: Callable[[], datetime] = field(default=utc_now)
    # A batch create's key, started before the rest of the program loaded (early_key.py).
    early_key: KeyInBackground | None = None
    # The new .pfx's password and its repeat, when the line-by-line menu asked through its own prompt.
    typed_password: tuple[bytes, bytes] | None = None
    # What the face already said, not to be said again: the line-by-line menu checks first, then
    # writes and builds the .pfx through the same commands, and says the next steps once.
    checklist_said: bool = False
    next_steps: bool = True
