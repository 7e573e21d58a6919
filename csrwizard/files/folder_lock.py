"""One csrwizard at a time writes in a folder: a lock file inside it, held from the first backup
to the last rename.

The lock is the operating system's own, on one byte of `.csrwizard.lock`: flock on POSIX, and on
Windows the C runtime's `_locking`, which takes a LockFile byte-range lock. Both end with the
process, so a killed run never leaves the folder locked:
- flock: "a lock is released ... when all file descriptors referring to it are closed", which
  the kernel does for a process that ends (flock(2));
- LockFile: "If a process terminates with a portion of a file locked or closes a file that has
  outstanding locks, the locks are unlocked by the operating system"
  (https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-lockfile);
  `_locking(fd, _LK_NBLCK, 1)` locks one byte from the file pointer, 0 here, and fails at once
  with EACCES when another process holds it
  (https://learn.microsoft.com/cpp/c-runtime-library/reference/locking).

Two system calls, written here rather than taken from a locking library: the library's imports
(logging, secrets, hashlib, platform) were an eighth of a batch create's time. The file is
opened without following a link and without blocking, and must be a regular file, as every file
csrwizard reads (bounded_reading.py). On POSIX it is left in the folder (a hidden file there):
deleting it on release would let a waiting run lock a file that is no longer the folder's. On
Windows, where a dot does not hide a file, it is deleted once closed: a file another process has
open (Python opens without FILE_SHARE_DELETE) cannot be deleted, so a waiting run keeps it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from pathlib import Path
from typing import Iterable, Iterator

from csrwizard import names
from csrwizard.names import LOCK_NAME
from csrwizard.problems import CsrWizardError

BUSY = "another csrwizard is writing in this folder"
RETRY_EVERY = 0.05  # seconds between tries while another run holds the lock
_OPEN_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOINHERIT", 0)  # Windows: a child process must not keep the lock alive
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
)
# What another holder's lock looks like: flock says EWOULDBLOCK (EAGAIN), _locking says EACCES.
_HELD_ELSEWHERE = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK}

if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


@contextlib.contextmanager
def folder_locked(folder: Path, wait: float) -> Iterator[None]:
    """Hold `folder`'s lock, trying every RETRY_EVERY seconds for `wait` seconds, or CsrWizardError."""
    path = folder / LOCK_NAME
    try:
        descriptor = os.open(path, _OPEN_FLAGS, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise CsrWizardError(f"cannot lock {folder}: {LOCK_NAME} is a link; remove it and try again") from None
        raise CsrWizardError(f"cannot lock {folder}: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise CsrWizardError(f"cannot lock {folder}: {LOCK_NAME} is not a regular file; remove it and try again")
        _wait_for_lock(descriptor, folder, time.monotonic() + wait)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):  # closing the file releases it anyway
                _unlock(descriptor)
    finally:
        os.close(descriptor)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):  # another run has it open: it is that run's now
                os.unlink(path)


def _wait_for_lock(descriptor: int, folder: Path, deadline: float) -> None:
    while True:
        try:
            _try_lock(descriptor)
            return
        except OSError as error:
            if error.errno not in _HELD_ELSEWHERE:
                raise CsrWizardError(f"cannot lock {folder}: {error.strerror or error}") from None
        if time.monotonic() >= deadline:
            raise CsrWizardError(f"{BUSY} ({folder}); try again when it has finished")
        time.sleep(RETRY_EVERY)


@contextlib.contextmanager
def folders_locked(folders: Iterable[Path], wait: float | None = None) -> Iterator[None]:
    """Hold the lock of each folder (in one order, so two runs never wait on each other),
    or CsrWizardError after `wait` seconds (names.LOCK_WAIT, read now so a test can shorten it)."""
    wait = names.LOCK_WAIT if wait is None else wait
    with contextlib.ExitStack() as held:
        for folder in sorted({Path(folder).absolute() for folder in folders}):
            held.enter_context(folder_locked(folder, wait))
        yield
