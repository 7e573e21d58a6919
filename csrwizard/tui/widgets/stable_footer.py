"""A Footer that redraws only when what it shows changes.

Textual's Footer rebuilds itself on every bindings signal: five times before the first screen
settles, each the same. This one compares what it would show and skips the rebuilds that change
nothing.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class StableFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, active.binding.description, active.enabled, self.app.get_key_display(active.binding))
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)
