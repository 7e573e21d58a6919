"""One csrwizard at a time writes in a folder: a lock file inside it, held from the first backup
to the last rename.

filelock takes an OS lock (flock on POSIX, LockFileEx on Windows) that ends with the process, so
a killed run never leaves the folder locked. Imported where a write is coming, and beside the
batch key (see cli/entry.py): the library loads asyncio.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterable, Iterator

import filelock

from csrwizard import names
from csrwizard.names import LOCK_NAME
from csrwizard.problems import CsrWizardError

BUSY = "another csrwizard is writing in this folder"


@contextlib.contextmanager
def folders_locked(folders: Iterable[Path], wait: float | None = None) -> Iterator[None]:
    """Hold the lock of each folder (in one order, so two runs never wait on each other),
    or CsrWizardError after `wait` seconds (names.LOCK_WAIT, read now so a test can shorten it)."""
    wait = names.LOCK_WAIT if wait is None else wait
    with contextlib.ExitStack() as held:
        for folder in sorted({Path(folder).absolute() for folder in folders}):
            lock = filelock.FileLock(folder / LOCK_NAME, timeout=wait)
            try:
                held.enter_context(lock)
            except filelock.Timeout:
                raise CsrWizardError(f"{BUSY} ({folder}); try again when it has finished") from None
            except OSError as error:
                raise CsrWizardError(f"cannot lock {folder}: {error.strerror or error}") from None
        yield
