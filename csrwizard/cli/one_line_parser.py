"""argparse, with usage errors on one line: loaded only when a command line is parsed (the bare
`csrwizard`, the menu, loads no argparse at all)."""

from __future__ import annotations

import argparse

from csrwizard.cli.exit_status import ExitStatus


class OneLineParser(argparse.ArgumentParser):
    """Usage errors exit 2 with a one-line message (which is argparse's code too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(ExitStatus.REFUSED, f"csrwizard: {message} (see --help)\n")
