"""Child for bench_first_screen.py --instructions: csrwizard's whole start, from the command line to
the first paint, headless at 80x24, then an exit; so callgrind can count it.

Everything runs as the `csrwizard` command runs it (`csrwizard.cli.run`, the argument parsing,
the terminal checks, the launch), except that App.run is made headless and given a pilot that
ends the process at the first paint (os._exit: neither Textual's shutdown nor the interpreter's
teardown is counted, for csrwizard or the least app), and stdin and stdout count as a terminal.

    python bench/first_screen_headless.py
"""

from __future__ import annotations

import os
import sys


async def exit_after_first_paint(pilot) -> None:
    await pilot.pause()
    os._exit(0)


def main() -> None:
    import textual.app

    run = textual.app.App.run

    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, size=(80, 24), auto_pilot=exit_after_first_paint)

    textual.app.App.run = headless_run
    sys.stdin.isatty = sys.stdout.isatty = lambda: True  # as at the console
    import csrwizard.tui.app

    # The warm-up (engine imports, the other screens' rules) is timed to start after the first
    # screen. Under callgrind, ~50x slower, its timer would fire before it: hold it back.
    csrwizard.tui.app.WARM_UP_DELAY = 3600
    sys.argv = ["csrwizard"]
    from csrwizard.cli import run as run_csrwizard

    run_csrwizard()


if __name__ == "__main__":
    main()
