"""Whether this terminal can draw the full-screen wizard, or needs the line-by-line mode."""

from __future__ import annotations

import os
import sys
from typing import Callable, Mapping

PLAIN_VARIABLE = "CSRWIZARD_PLAIN"
# Terminals known to draw nothing but lines.
LINE_ONLY_TERMS = ("", "dumb", "unknown")


def wants_plain(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    console_draws: Callable[[], bool] | None = None,
) -> bool:
    """True when the wizard can't be drawn here: CSRWIZARD_PLAIN=1, TERM dumb or unset, or a
    Windows console that refuses VT sequences (old conhost, some remote shells)."""
    if environ.get(PLAIN_VARIABLE, "").strip() not in ("", "0"):
        return True
    term = environ.get("TERM")
    if platform == "win32":
        # Windows consoles set no TERM; what counts is whether VT processing can be switched on.
        if term == "dumb":
            return True
        return not (console_draws or windows_console_draws)()
    return (term or "").strip().lower() in LINE_ONLY_TERMS


def windows_console_draws() -> bool:
    """Whether the console on standard output accepts VT sequences (it is switched on if it can be)."""
    if sys.platform != "win32":
        return True
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetStdHandle.restype = wintypes.HANDLE
    kernel32.GetConsoleMode.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    kernel32.SetConsoleMode.argtypes = [wintypes.HANDLE, wintypes.DWORD]
    enable_virtual_terminal_processing = 0x0004
    handle = kernel32.GetStdHandle(-11)  # STD_OUTPUT_HANDLE
    mode = wintypes.DWORD()
    if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
        return False
    if mode.value & enable_virtual_terminal_processing:
        return True
    return bool(kernel32.SetConsoleMode(handle, mode.value | enable_virtual_terminal_processing))
