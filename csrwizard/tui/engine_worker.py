"""How a worker thread hands the engine's answer back to its screen, in one place.

Workers run with exit_on_error=False, so that a fault does not close the wizard; the price is
that an exception nobody catches ends the worker in silence, with the screen still saying
"Checking..." or a spinner still turning. Every worker goes through `hand_back`, which turns any
failure into words the screen shows.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from textual.app import App

from csrwizard.problems import CsrWizardError

T = TypeVar("T")


def failure_of(error: BaseException) -> CsrWizardError:
    """The error as the engine would say it: its own words, an OS error's reason and file, or,
    for a fault of csrwizard itself, its kind and text (never a traceback)."""
    if isinstance(error, CsrWizardError):
        return error
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return CsrWizardError(f"{error.strerror}{where}")
    return CsrWizardError(f"unexpected fault ({type(error).__name__}: {error}); nothing more was done")


def hand_back(
    app: App,
    call: Callable[[], T],
    done: Callable[[T], object],
    failed: Callable[[CsrWizardError], object],
) -> None:
    """Run `call` here, in the worker's thread; then, on the UI thread, give its result to
    `done`, or what went wrong to `failed`."""
    try:
        result = call()
    except Exception as error:  # noqa: BLE001 - every failure is shown; none ends the worker unseen
        app.call_from_thread(failed, failure_of(error))
        return
    app.call_from_thread(done, result)
