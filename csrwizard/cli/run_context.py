"""What a command is given besides its words: the clock, a key already being made, a password
a face asked for itself. Passed in, so a test stands at a chosen day by giving a clock."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from csrwizard.request.key_in_background import KeyInBackground


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class RunContext:
    """Immutable; `replaced(...)` gives a copy with some parts changed. A plain class, not a
    dataclass: the bare command builds one before the wizard's first paint, where making a
    dataclass (its generated methods) is a measurable part of the start."""

    __slots__ = ("now", "early_key", "typed_password", "checklist_said", "next_steps")

    def __init__(
        self,
        now: Callable[[], datetime] = utc_now,
        # A batch create's key, started before the rest of the program loaded (early_key.py).
        early_key: KeyInBackground | None = None,
        # The new .pfx's password and its repeat, when the line-by-line menu asked through its own prompt.
        typed_password: tuple[bytes, bytes] | None = None,
        # What the face already said, not to be said again: the line-by-line menu checks first,
        # then writes and builds the .pfx through the same commands, and says the next steps once.
        checklist_said: bool = False,
        next_steps: bool = True,
    ) -> None:
        values = (now, early_key, typed_password, checklist_said, next_steps)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RunContext is immutable: use replaced({name}=...)")

    def replaced(self, **changes: object) -> RunContext:
        parts = {name: getattr(self, name) for name in self.__slots__}
        return RunContext(**{**parts, **changes})  # type: ignore[arg-type]
