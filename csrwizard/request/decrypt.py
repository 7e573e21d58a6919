"""The decrypt operation: remove the passphrase from a key, keeping the encrypted original."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.writing import PlannedFile, WriteOutcome, read_existing, write_files
from csrwizard.files.keyfiles import KeyFileInfo, decrypt_key, describe_key_file


@dataclass
class DecryptResult:
    source: Path
    target: Path
    info: KeyFileInfo
    outcome: WriteOutcome


def read_key_file(path: Path) -> tuple[bytes, KeyFileInfo]:
    """The file's bytes and what it is; a one-line error when it cannot be read."""
    data = read_existing(path)
    return data, describe_key_file(data)


def perform_decrypt(
    source: Path,
    passphrase: bytes,
    target: Path | None = None,
    key_format: str = "pkcs8",
    now: Callable[[], datetime] = datetime.now,
) -> DecryptResult:
    """Write the unencrypted key to `target` (default: in place, after backing up the original)."""
    from csrwizard.request.keys import private_key_pem

    data, info = read_key_file(source)
    key = decrypt_key(data, passphrase)
    destination = target if target is not None else source
    outcome = write_files([PlannedFile(destination, private_key_pem(key, key_format), secret=True)], now=now)
    return DecryptResult(source, destination, info, outcome)
