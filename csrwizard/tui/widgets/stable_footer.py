"""A Footer that shows only the keys that work on this screen now, and redraws only when those change.

Textual's Footer rebuilds itself on every bindings signal: five times before the first screen
settles, each the same. This one compares what it would show and skips the rebuilds that change
nothing. A screen may also keep a key working while leaving it out of the footer (`offers`):
Ctrl+R on the Check screen still says why it cannot write, though the footer offers it only when
it can.

When the keys would not fit the window in Textual's spacing, it draws them closer together
(Footer's compact style), so that at 60 columns the last key is not cut off.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


def footer_bindings(screen: Screen) -> list[tuple[Binding, bool, str]]:
    """(binding, enabled, tooltip) for each action the footer shows, its first key only."""
    offers = getattr(screen, "offers", None)
    shown: dict[str, tuple[Binding, bool, str]] = {}
    for _, binding, enabled, tooltip in screen.active_bindings.values():
        if not binding.show or binding.action in shown:
            continue
        if offers is not None and not offers(binding.action):
            continue
        shown[binding.action] = (binding, enabled, tooltip)
    return list(shown.values())


def footer_width(keys: list[tuple[str, str]], compact: bool) -> int:
    """The cells the footer takes for these (key shown, description) pairs: Textual pads each key
    by a cell on both sides, or draws it with one cell after the description when compact."""
    return sum(cell_len(key) + cell_len(description) + (2 if compact else 3) for key, description in keys)


class StableFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        self.keys_shown: list[tuple[str, str]] = []

    def fit(self, width: int) -> None:
        self.compact = footer_width(self.keys_shown, compact=False) > width

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled, self.app.get_key_display(binding))
            for binding, enabled, _ in footer_bindings(screen)
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = footer_bindings(self.screen)
        self.styles.grid_size_columns = len(shown)
        self.keys_shown = [(self.app.get_key_display(binding), binding.description) for binding, _, _ in shown]
        self.fit(self.app.size.width)
        for binding, enabled, tooltip in shown:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
