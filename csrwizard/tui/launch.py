"""Start the wizard from the command line, on the menu or straight on a flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the bare `csrwizard` reaches here without argparse
    import argparse


def launch(args: argparse.Namespace, prefill: Callable | None = None) -> int:
    from csrwizard.tui.app import CsrWizardApp

    start = args.command or "menu"
    typed = prefill(args) if prefill else None
    key_file = getattr(args, "keyfile", None)
    source = getattr(args, "from_cert", None) or getattr(args, "from_csr", None)
    renewal = ""
    if source is not None and typed is not None:
        from csrwizard.request.prefill import renewal_heading

        renewal = renewal_heading(source)
    app = CsrWizardApp(folder=args.dir, start=start, prefill=typed, key_file=key_file, renewal=renewal)
    app.run()
    return app.return_code or 0
