"""The command line: a thin face on the engine, for people at a prompt and for scripts."""

from csrwizard.cli.entry import main

__all__ = ["main"]
