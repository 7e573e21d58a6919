"""Whether standard input is a console a person types at, and waiting for a pipe's first line.

Under PowerShell remoting (Enter-PSSession) a program's standard input is not a console: nothing
typed reaches it, so readline() waits forever, and getpass (msvcrt.getwch) returns '\\uffff'
forever. Answers can still come down a pipe; secrets then come only from --password-*.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

POLL_SECONDS = 0.05


def is_console(stream: TextIO | None = None, platform: str = sys.platform) -> bool:
    """True when `stream` (standard input by default) is a console or terminal a person types at.

    Windows: GetConsoleMode succeeds only on a console handle
    (https://learn.microsoft.com/en-us/windows/console/getconsolemode); isatty() would also say
    yes for the NUL device. POSIX: a terminal.
    """
    stream = sys.stdin if stream is None else stream
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # closed, or not a real file (a test's StringIO)
        return False
    if platform == "win32":
        return _windows_console_mode(descriptor)
    return os.isatty(descriptor)


def wait_for_input(stream: TextIO, timeout: float) -> bool:
    """True as soon as `stream` has something to read (or has ended); False after `timeout`
    seconds of nothing. A file, or a stream that cannot be asked, is ready at once."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return True
    if sys.platform == "win32":
        return _windows_pipe_ready(descriptor, timeout)
    import select

    try:
        ready, _, _ = select.select([descriptor], [], [], timeout)
    except (OSError, ValueError):
        return True
    return bool(ready)


def typed_at_console(stream: TextIO) -> bool:
    """Whether keys typed at the console wait to be read (typed ahead of the question).
    Windows: msvcrt.kbhit, "True if a keypress is waiting to be read"
    (https://docs.python.org/3/library/msvcrt.html#msvcrt.kbhit); POSIX: the terminal is readable."""
    if sys.platform == "win32":
        import msvcrt

        return bool(msvcrt.kbhit())
    return wait_for_input(stream, 0)


def drop_console_input(stream: TextIO) -> None:
    """Throw away what was typed at the console and not read yet. POSIX: tcflush(TCIFLUSH), which
    "flushes data received but not read"; Windows: each waiting key read with msvcrt.getwch."""
    if sys.platform == "win32":
        import msvcrt

        while msvcrt.kbhit():
            msvcrt.getwch()
        return
    import termios

    try:
        termios.tcflush(stream.fileno(), termios.TCIFLUSH)
    except (OSError, ValueError, termios.error):  # not a terminal after all: nothing to drop
        pass


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    # https://learn.microsoft.com/en-us/windows/console/getconsolemode
    _kernel32.GetConsoleMode.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    _kernel32.GetConsoleMode.restype = wintypes.BOOL
    # https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfiletype
    _kernel32.GetFileType.argtypes = [wintypes.HANDLE]
    _kernel32.GetFileType.restype = wintypes.DWORD
    # https://learn.microsoft.com/en-us/windows/win32/api/namedpipeapi/nf-namedpipeapi-peeknamedpipe
    # (the read end of an anonymous pipe too)
    _kernel32.PeekNamedPipe.argtypes = [
        wintypes.HANDLE,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
        ctypes.POINTER(wintypes.DWORD),
        ctypes.POINTER(wintypes.DWORD),
    ]
    _kernel32.PeekNamedPipe.restype = wintypes.BOOL
    _FILE_TYPE_PIPE = 3

    def _handle(descriptor: int) -> int | None:
        # https://docs.python.org/3/library/msvcrt.html#msvcrt.get_osfhandle
        try:
            return msvcrt.get_osfhandle(descriptor)
        except OSError:
            return None

    def _windows_console_mode(descriptor: int) -> bool:
        handle = _handle(descriptor)
        mode = wintypes.DWORD()
        return handle is not None and bool(_kernel32.GetConsoleMode(handle, ctypes.byref(mode)))

    def _windows_pipe_ready(descriptor: int, timeout: float) -> bool:
        handle = _handle(descriptor)
        if handle is None or _kernel32.GetFileType(handle) != _FILE_TYPE_PIPE:
            return True  # a file or a device: reading it never waits for a person
        deadline = time.monotonic() + timeout
        while True:
            available = wintypes.DWORD()
            if not _kernel32.PeekNamedPipe(handle, None, 0, None, ctypes.byref(available), None):
                return True  # the writer has gone (ERROR_BROKEN_PIPE): readline() sees the end
            if available.value:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)

else:

    def _windows_console_mode(descriptor: int) -> bool:
        return os.isatty(descriptor)

    def _windows_pipe_ready(descriptor: int, timeout: float) -> bool:
        return True
