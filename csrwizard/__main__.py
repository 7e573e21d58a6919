"""Allows `python -m csrwizard`, with the same fast exit as the installed command."""

from csrwizard.cli import run

run()
