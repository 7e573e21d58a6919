"""What the pilot tests share: the app with a fixed clock and key, at 80x24, and small key helpers."""

from __future__ import annotations

from csrwizard.tui.app import CsrWizardApp
from tests.scenes import fixed_clock, fixed_key

SIZE = (80, 24)


def make_app(folder, **kwargs) -> CsrWizardApp:
    kwargs.setdefault("key_factory", fixed_key)
    kwargs.setdefault("now", fixed_clock)
    return CsrWizardApp(folder=folder, **kwargs)


async def type_keys(pilot, text: str) -> None:
    """Press one key per character, as a person types."""
    await pilot.press(*text)
    await pilot.pause()


async def settle(pilot) -> None:
    """Wait for the workers (key generation, writing, checking) and the screen they update."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def queue_keys(app, *keys: str) -> None:
    """Put these keys in the app's queue all at once, as a slow remote link delivers a burst; not
    one at a time as `pilot.press` does, which waits for the app between keys and so hides keys
    landing in the wrong place. Each key is a character or a key name, as `pilot.press` takes them."""
    from textual import events
    from textual.keys import _character_to_key, key_to_character

    for key in keys:
        name = _character_to_key(key) if len(key) == 1 else key
        character = key if len(key) == 1 else "\r" if name == "enter" else key_to_character(name)
        app.post_message(events.Key(name, character))


async def after_burst(pilot, seconds: float = 10) -> None:
    """Wait until the app has handed on every key of a burst and handled them."""
    import time

    deadline = time.monotonic() + seconds
    await pilot.pause()
    while getattr(pilot.app, "input_on_its_way", False) and time.monotonic() < deadline:
        await pilot.pause(0.02)
    await pilot.pause()
