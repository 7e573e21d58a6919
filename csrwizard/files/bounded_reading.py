"""Reading a file the user named: a regular file only, and only so much of it.

A named pipe would block forever, and /dev/zero or /dev/urandom would be read until the memory
runs out. So a file is opened without blocking, checked with fstat before a byte is read, and
read in chunks under a cap far above any real file of its kind.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from csrwizard.problems import CsrWizardError
from csrwizard.shown_text import shown

# A bundle of 5,000 certificates is about 10 MB; a real CA reply is a few kilobytes.
PKI_FILE_LIMIT = 64 * 1024 * 1024
# A password file holds one line.
SECRET_FILE_LIMIT = 64 * 1024
_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def size_text(size: int) -> str:
    """64 MiB, 64 KiB: how a cap is said."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _refuse_unless_regular(path: Path, mode: int) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise CsrWizardError(f"{shown(path)} is {kind}, not a file csrwizard reads; nothing was read")


def read_regular_file(path: Path, limit: int = PKI_FILE_LIMIT) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a one-line CsrWizardError saying why not."""
    path = Path(path)
    try:
        # Said before opening: opening a device can already do something (a tape rewinds).
        _refuse_unless_regular(path, os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        # The whole path: a relative one was taken inside the working folder, so say which.
        raise CsrWizardError(f"{shown(path.absolute())} does not exist") from None
    except IsADirectoryError:
        raise CsrWizardError(f"{shown(path)} is a folder, not a file") from None
    except OSError as error:
        raise CsrWizardError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    try:
        # Checked again on what was opened: the name may have been swapped in between.
        status = os.fstat(descriptor)
        _refuse_unless_regular(path, status.st_mode)
        _refuse_over(path, status.st_size, limit)
        chunks, total = [], 0
        while chunk := os.read(descriptor, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            _refuse_over(path, total, limit)
        return b"".join(chunks)
    except OSError as error:
        raise CsrWizardError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def _refuse_over(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise CsrWizardError(
            f"{shown(path)} is larger than {size_text(limit)}, more than csrwizard reads from such a file; "
            "nothing was read"
        )


def read_line_under(stream, limit: int = SECRET_FILE_LIMIT) -> bytes:
    """The first line of a binary stream (standard input), without its line end, read no further
    than `limit` bytes: /dev/zero on stdin ends in a refusal, not in a MemoryError."""
    line = stream.readline(limit + 1)
    if len(line) > limit:
        raise CsrWizardError(f"standard input gave more than {size_text(limit)} without a line end; nothing was read")
    return line.rstrip(b"\r\n")
