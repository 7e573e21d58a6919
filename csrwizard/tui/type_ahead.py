"""Keys typed ahead land where the user meant them, as on a slow remote link (RDP, ssh) that
delivers them in bursts.

Why Textual needs help here: the App hands each key, as it arrives, to whatever has the focus at
that moment (App.on_event forwards it to the focused widget's own message queue). An Enter only
moves the focus several messages later (the Input's Submitted bubbles to the screen, whose
handler calls focus(), which the App runs later still; a new step is a new screen to mount
first). So "IN Enter TN" arriving together put all of it in Country, and keys arriving while a
step opened went to the old step or nowhere.

TypeAhead, mixed into the App, hands the keyboard's input on one piece at a time: after a key that
may move the focus or change the screen (anything but a printable key typed into an Input),
what arrives next is held, in order, until everything that key set going has been handled (every
message pump of the app is waiting for messages again); then the held input goes on to whatever
has the focus by then: the next field, the next step's first field, or the same field when the
Enter was refused.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic
from typing import Any

from textual import events
from textual.message_pump import MessagePump
from textual.widgets import Input

# Past this, held input goes on anyway: a handler awaiting something slow must not eat the keys.
HOLD_LIMIT = 2.0
# How often to look whether the app has settled (seconds): the look is cheap, and a settled step
# hands the held keys on within this.
LOOK_EVERY = 0.001


def waits_for_messages(pump: MessagePump) -> bool:
    """Whether this message pump has nothing queued and is not in the middle of handling a message."""
    queue = pump._message_queue
    if not queue.empty() or pump._pending_message is not None:
        return False
    task = pump._task
    if task is None or task.done():
        return True  # not running (yet, or any more): nothing of it is under way
    # Waiting at its empty queue, rather than inside a handler that awaits something (a mount):
    # Textual's Queue waits on an asyncio Event, which keeps the futures of those waiting on it.
    # (Textual >=8.2,<9, as pinned; without those, an empty queue is taken to be enough.)
    waiters = getattr(getattr(queue, "ready_event", None), "_waiters", None)
    return waiters is None or any(not waiter.done() for waiter in waiters)


def enter_typed_before_start(event: events.Key | events.Paste) -> events.Key | events.Paste:
    """Enter, typed before the wizard put the terminal in raw mode, as Enter.

    Until then the terminal's line discipline reads the keys and turns Enter's carriage return
    into a line feed (ICRNL, termios(3)), so an admin who types at once after starting csrwizard
    has every Enter arrive as ctrl+j, which a field ignores: "1 IN Enter TN Enter" put INTN in
    Country. A line feed means Enter in every step of the wizard; some remote terminals send one
    for Enter too."""
    if isinstance(event, events.Key) and event.key == "ctrl+j":
        return events.Key("enter", "\r")
    return event


class TypeAhead:
    """App mixin (before App in the bases): keys and pastes reach the focus that was meant for them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: deque[events.Key | events.Paste] = deque()
        self._settling: asyncio.Task | None = None

    @property
    def input_on_its_way(self) -> bool:
        """Typed input not yet handed on: held until the last key's doing is done."""
        return bool(self._typed_ahead) or self._settling is not None

    async def on_event(self, event: events.Event) -> None:
        # Only what comes from the keyboard: a key that bubbles back up from a widget is forwarded.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._typed_ahead.append(enter_typed_before_start(event))
            await self._hand_on_typed()
            return
        await super().on_event(event)  # type: ignore[misc]

    def only_types(self, event: events.Key | events.Paste) -> bool:
        """Text into an Input: it changes the value and nothing else, so the next key may follow at once."""
        focused = self.focused  # type: ignore[attr-defined]
        if not isinstance(focused, Input):
            return False
        return isinstance(event, events.Paste) or event.is_printable

    async def _hand_on_typed(self) -> None:
        while self._typed_ahead and self._settling is None:
            event = self._typed_ahead.popleft()
            moves_on = not self.only_types(event)
            await super().on_event(event)  # type: ignore[misc]
            if moves_on:
                self._settling = asyncio.get_running_loop().create_task(self._settle())

    def settled(self) -> bool:
        """Every message pump of the app waits for messages: what the last key set going is done."""
        app: Any = self
        return waits_for_messages(app) and all(waits_for_messages(node) for node in list(app._registry))

    async def _settle(self) -> None:
        deadline = monotonic() + HOLD_LIMIT
        await asyncio.sleep(0)
        app: Any = self
        while app.is_running and not self.settled() and monotonic() < deadline:
            await asyncio.sleep(LOOK_EVERY)
        # Handed on from the App's own message loop, as every key is.
        self.call_later(self._hand_on_after_settling)  # type: ignore[attr-defined]

    async def _hand_on_after_settling(self) -> None:
        self._settling = None
        await self._hand_on_typed()
