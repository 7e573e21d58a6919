"""Start the wizard from the command line, on the menu or straight on a flow."""

from __future__ import annotations

import argparse
from typing import Callable


def launch(args: argparse.Namespace, prefill: Callable | None = None) -> int:
    from csrwizard.tui.app import CsrWizardApp

    start = args.command or "menu"
    typed = prefill(args) if prefill else None
    key_file = getattr(args, "keyfile", None)
    app = CsrWizardApp(folder=args.dir, start=start, prefill=typed, key_file=key_file)
    app.run()
    return app.return_code or 0
