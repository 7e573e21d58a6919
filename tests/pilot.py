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
