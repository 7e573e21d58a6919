"""Renaming a new file over an old one, again a few times when Windows says someone holds it.

An antivirus scanner or the search indexer opens a file the moment it is closed, for a few
milliseconds. os.replace (MoveFileExW, https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw)
then fails with ERROR_ACCESS_DENIED (5) or ERROR_SHARING_VIOLATION (32)
(https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-), and without a
retry the whole write would roll back with "Access is denied". LLVM's rename does the same.
Every other error, and every error on POSIX (which has no winerror), fails at once.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ERROR_ACCESS_DENIED = 5
ERROR_SHARING_VIOLATION = 32
TRANSIENT_WINDOWS_ERRORS = (ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION)
# Pauses before each new attempt: about 1.2 s in all, longer than a scan of a few-kilobyte file.
RETRY_DELAYS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)


def is_transient(error: OSError) -> bool:
    """Whether Windows refused because another process briefly holds the file."""
    return getattr(error, "winerror", None) in TRANSIENT_WINDOWS_ERRORS


def replace_retrying(source: Path, target: Path) -> None:
    """os.replace(source, target), tried again after each of RETRY_DELAYS while the error is transient."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except OSError as error:
            if delay is None or not is_transient(error):
                raise
        time.sleep(delay)
