"""Child process for bench_startup.py: start an app headless, print seconds since `sent` at first screen.

python bench/first_screen.py bare|stock|csrwizard SENT_EPOCH_SECONDS
"""

from __future__ import annotations

import sys
import time


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class BareApp(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

    return BareApp()


def stock_app():
    """csrwizard's first screen built from Textual's stock widgets (Header, OptionList): what
    csrwizard's own title bar and menu list save."""
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static
    from textual.widgets.option_list import Option

    class StockApp(App):
        def compose(self):
            yield Header()
            yield Static("What would you like to do?")
            yield OptionList(*(Option(f"{letter}  item", id=letter) for letter in "CDKIQ"))
            yield Static("No server.key or server.csr in this folder yet.")
            yield Footer()

    return StockApp()


def csrwizard_app():
    from pathlib import Path

    import csrwizard.tui.app
    from csrwizard.tui.app import CsrWizardApp

    # The warm-up (engine imports, the other screens' rules) is timed to start after the first
    # screen. Under callgrind, ~50x slower, its timer would fire before it: hold it back.
    csrwizard.tui.app.WARM_UP_DELAY = 3600
    return CsrWizardApp(folder=Path("."))


def main() -> None:
    which, sent = sys.argv[1], float(sys.argv[2])
    app = {"bare": bare_app, "stock": stock_app, "csrwizard": csrwizard_app}[which]()
    shown = {}

    async def first_screen(pilot) -> None:
        await pilot.pause()
        shown["at"] = time.time()
        pilot.app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=first_screen)
    print(f"{shown['at'] - sent:.6f}")


if __name__ == "__main__":
    main()
