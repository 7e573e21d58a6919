"""Child for bench_first_screen.py --instructions: one start, from the command line until the menu's
question is handed to the terminal, then an immediate exit; so callgrind counts exactly what the
pty bench times.

    python bench/first_paint.py csrwizard|least|header-footer

It runs in a real pty at 80x24 (the bench spawns it there), as the user starts it: `csrwizard`
through `csrwizard.cli.run` with no arguments, the least apps through bench/least_app.py. The
terminal driver's write is watched, and the process ends with os._exit the moment a frame holding
the question is written: neither what is drawn after it, nor Textual's shutdown, nor the
interpreter's teardown is counted, for csrwizard or the least apps.
"""

from __future__ import annotations

import os
import sys

QUESTION = "What would you like to do?"


def exit_at_first_paint() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    write = LinuxDriver.write

    def watched_write(self, data: str) -> None:
        write(self, data)
        if QUESTION in data:
            os._exit(0)

    LinuxDriver.write = watched_write


def main() -> None:
    which = sys.argv[1]
    exit_at_first_paint()
    if which == "csrwizard":
        import csrwizard.tui.app

        # The warm-up (engine imports, the other screens' rules) is timed to start after the first
        # screen. Under callgrind, ~50x slower, its timer would fire before it: hold it back.
        csrwizard.tui.app.WARM_UP_DELAY = 3600
        sys.argv = ["csrwizard"]
        from csrwizard.cli import run

        run()
    else:
        from least_app import APPS

        APPS[which]().run()


if __name__ == "__main__":
    main()
