"""The csrwizard Textual app: the menu, the create and decrypt flows, check, inspect, and help
(Ctrl+G or F1) on every screen; the key made in a background thread; the engine loaded after
the first paint."""

from __future__ import annotations

import os
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from csrwizard.tui.type_ahead import TypeAhead

if TYPE_CHECKING:  # the create flow's; not loaded before the first screen
    from csrwizard.request.key_in_background import KeyInBackground


def _make_key(size: int):
    from csrwizard.request.key_generation import make_key

    return make_key(size)


WARM_UP_DELAY = 0.5
# Every screen's rules but the menu's (those are in app.tcss, parsed before the first paint).
# In the form Stylesheet.read keys its sources by, so that has_source finds it once read.
SCREENS_CSS = os.path.abspath(Path(__file__).with_name("screens.tcss"))


class CsrWizardApp(TypeAhead, App):
    CSS_PATH = "app.tcss"
    TITLE = "csrwizard"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        # Not in the footer, so that it fits 60 columns; Ctrl+G's help lists it with Ctrl+C.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        # Ctrl+C quits too (asking first, as Ctrl+Q does) rather than telling how to quit.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        # Help on a key with no Fn needed on a laptop, and F1 for those who expect it.
        Binding("ctrl+g", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        folder: Path = Path("."),
        start: str = "menu",
        prefill=None,
        key_file: Path | None = None,
        renewal: str = "",
        now: Callable[[], datetime] = datetime.now,
        key_factory: Callable[[int], object] = _make_key,
        folder_label: str | None = None,
    ) -> None:
        super().__init__()
        from textual.scrollbar import ScrollBar

        from csrwizard.tui.widgets.plain_scrollbar import PlainScrollBarRender

        ScrollBar.renderer = PlainScrollBarRender  # no glyph a raster font or the Linux VT lacks
        self.folder = Path(folder)
        # The title bar names the folder; files inside it are shown by their names alone.
        self.folder_shown = folder_label or str(self.folder.resolve())
        self.start = start
        self.prefill = prefill
        self.renewal = renewal
        self.key_file = key_file
        self.now = now
        self.key_factory = key_factory
        self._draft = None
        self.background_keys: dict[int, KeyInBackground] = {}

    @property
    def draft(self):
        """The create flow's answers so far; built on first use to keep the engine out of start-up."""
        if self._draft is None:
            from csrwizard.tui.draft import CreateDraft

            self._draft = CreateDraft(folder=self.folder)
        return self._draft

    def get_default_screen(self):
        # The menu is the bottom screen itself: one screen to build before the first paint, not two.
        from csrwizard.tui.screens.menu import MenuScreen

        return MenuScreen()

    def on_mount(self) -> None:
        if self.start == "create":
            self.start_create(self.prefill, self.renewal)
        elif self.start == "decrypt":
            self.start_decrypt(self.key_file)
        # Load the engine's heavier imports once the first screen is up (and the user is reading it):
        # a thread importing during the first paint would compete with it for the GIL.
        self.set_timer(WARM_UP_DELAY, self.warm_up)
        self.set_timer(WARM_UP_DELAY, self.load_screens_css)

    def load_screens_css(self) -> None:
        """The other screens' rules: parsed while the menu is read, not before it paints (app.tcss
        holds only the menu's), and in any case before another screen opens.

        Read into the stylesheet, not given as a screen's CSS_PATH: Textual would then reparse
        every source without its parse cache, and again for each new kind of widget after.
        """
        if not self.stylesheet.has_source(SCREENS_CSS):
            self.stylesheet.read(SCREENS_CSS)
            self.stylesheet.parse()  # only the new file: the others come from the parse cache

    def push_screen(self, screen: Screen | str, *args: Any, **kwargs: Any) -> Any:
        self.load_screens_css()
        return super().push_screen(screen, *args, **kwargs)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        import csrwizard.pki.keys  # noqa: F401
        import csrwizard.request.create  # noqa: F401
        import csrwizard.request.csr_der  # noqa: F401

        # The Done screen's CSR box: Textual's TextArea takes ~100 ms to import the first time,
        # which would otherwise be paid between Generate and the Done screen.
        import csrwizard.tui.screens.create_done  # noqa: F401
        from csrwizard.pki.hostnames import has_known_suffix
        from csrwizard.request.country import find_country, suggest_countries

        find_country("GB")
        suggest_countries("gb")  # folds the country names once, before the first key
        has_known_suffix("example.com")

    def start_create(self, prefill=None, renewal: str = "") -> None:
        """The create flow; `renewal` is its title when the answers come from an earlier request."""
        from csrwizard.tui.create_flow import step_screen
        from csrwizard.tui.draft import CreateDraft

        self._draft = CreateDraft(folder=self.folder, renewal=renewal)
        if prefill is not None:
            self._draft.typed = prefill
        self.push_screen(step_screen(1))

    def start_decrypt(self, key_file: Path | None = None) -> None:
        from csrwizard.request.decrypt import key_to_decrypt
        from csrwizard.tui.screens.decrypt import DecryptScreen

        self.push_screen(DecryptScreen(key_file or key_to_decrypt(self.folder)))

    def key_in_background(self, size: int) -> KeyInBackground:
        """The key of this size, started in a worker thread the first time it is asked for."""
        job = self.background_keys.get(size)
        if job is None:
            from csrwizard.request.key_in_background import KeyInBackground

            job = KeyInBackground(size)
            self.background_keys[size] = job
            self.run_worker(partial(job.run, self.key_factory), thread=True, group="keygen", exit_on_error=False)
        return job

    def forget_background_key(self, size: int) -> None:
        """A key that was used must not be used again for another CSR."""
        self.background_keys.pop(size, None)

    def get_key_display(self, binding: Binding) -> str:
        from csrwizard.tui.key_names import spoken_key

        return binding.key_display or spoken_key(binding.key)

    def has_unsaved_answers(self) -> bool:
        """The create flow is open with something typed: leaving it would lose work."""
        from csrwizard.tui.screens.wizard_step import WizardStep

        in_flow = any(isinstance(screen, WizardStep) for screen in self.screen_stack)
        return in_flow and self._draft is not None and self._draft.has_answers()

    async def action_quit(self) -> None:
        if not self.has_unsaved_answers():
            self.exit()
            return
        self.confirm_discard(lambda: self.exit())

    def confirm_discard(self, then: Callable[[], None]) -> None:
        """Ask before throwing the answers away; `then` runs only on Discard."""
        from csrwizard.tui.screens.discard_dialog import DiscardDialog

        if isinstance(self.screen, DiscardDialog):
            return

        def answered(discard: bool | None) -> None:
            if discard:
                then()

        self.push_screen(DiscardDialog(), answered)

    def action_help(self) -> None:
        from textual.widgets import Input

        from csrwizard.tui.key_names import keys_of_screen
        from csrwizard.tui.screens.help import HelpScreen

        text = getattr(self.screen, "HELP", "") or "Use Tab to move, Enter to go on, Escape to go back."
        keys = keys_of_screen(self.screen.active_bindings, bool(self.screen.query(Input)))
        keys += getattr(self.screen, "OTHER_KEYS", ())  # what a screen handles without a binding
        width = max(len(key) for key, _ in keys)
        listed = "\n".join(f"  {key:<{width}}  {description}" for key, description in keys)
        self.push_screen(HelpScreen(getattr(self.screen, "TITLE", "csrwizard"), f"{text}\n\nKeys here:\n{listed}"))

    def back_to_menu(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.screen.refresh_files()
