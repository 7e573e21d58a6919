"""The decrypt operation: remove the passphrase from a key, or unpack a .pfx; the original is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.keyfiles import KeyFileInfo, decrypt_key, describe_key_file
from csrwizard.files.writing import PlannedFile, WriteOutcome, read_existing, write_files
from csrwizard.names import DEFAULT_KEY_FORMAT, KEY_NAME, is_pkcs12_name
from csrwizard.problems import CsrWizardError

PKCS12_INFO = KeyFileInfo("PKCS#12 (.pfx)", True, "DER")


@dataclass
class DecryptResult:
    source: Path
    target: Path  # where the unencrypted key is now
    info: KeyFileInfo
    outcome: WriteOutcome

    @property
    def unpacked(self) -> bool:
        """A .pfx was unpacked into a key, a certificate and its chain."""
        return self.info is PKCS12_INFO


def read_key_file(path: Path) -> tuple[bytes, KeyFileInfo]:
    """The file's bytes and what it is; a one-line error when it cannot be read."""
    data = read_existing(path)
    return data, describe_key_file(data)


def read_pkcs12_file(path: Path) -> bytes:
    """The bytes of a .pfx that is PKCS#12 and not too costly to open; else an error naming it."""
    from csrwizard.files.reading import require_pkcs12
    from csrwizard.problems import CsrWizardError

    data = read_existing(path)
    try:
        require_pkcs12(data)
    except CsrWizardError as error:
        raise CsrWizardError(f"{path.name}: {error}") from None
    return data


def describe_source(path: Path) -> KeyFileInfo:
    """What decrypt would do with this file, told before asking for a passphrase."""
    if is_pkcs12_name(path):
        # A missing, unreadable or costly .pfx, or one that is none, is said now, not after the password.
        read_pkcs12_file(path)
        return PKCS12_INFO
    return read_key_file(path)[1]


def perform_decrypt(
    source: Path,
    passphrase: bytes,
    target: Path | None = None,
    key_format: str = DEFAULT_KEY_FORMAT,
    now: Callable[[], datetime] = datetime.now,
) -> DecryptResult:
    """Write the unencrypted key to `target` (default: in place, after backing up the original).

    A .pfx/.p12 is unpacked instead: server.key, server.crt and intermediate.crt in `target`
    (a folder; default: beside the .pfx).
    """
    from csrwizard.pki.keys import private_key_pem

    if is_pkcs12_name(source):
        from csrwizard.pki.packaging import unpack_pfx

        folder = target if target is not None else source.parent
        outcome = unpack_pfx(read_pkcs12_file(source), passphrase, folder, now=now)
        return DecryptResult(source, folder / KEY_NAME, PKCS12_INFO, outcome)
    data, info = read_key_file(source)
    key = decrypt_key(data, passphrase)
    destination = target if target is not None else source
    outcome = write_files([PlannedFile(destination, private_key_pem(key, key_format), secret=True)], now=now)
    return DecryptResult(source, destination, info, outcome)


def check_passphrase(source: Path, passphrase: bytes) -> None:
    """Whether the passphrase opens the file, found out without writing anything.

    Raises WrongPassphrase (a key) or WrongPassword (a .pfx), so a prompt can ask again.
    """
    if is_pkcs12_name(source):
        from csrwizard.files.reading import read_pkcs12

        read_pkcs12(read_pkcs12_file(source), passphrase)
        return
    data = read_existing(source)
    decrypt_key(data, passphrase)


KEY_FILE_SUFFIXES = (".key", ".pem")
LARGEST_KEY_FILE = 64 * 1024  # an RSA key is a few kB: larger files are not looked into
NOT_ENCRYPTED_ADVICE = (
    "not encrypted: the server can load it as it is, so there is nothing to decrypt. "
    "Pick the encrypted key (Ctrl+O browses), or go back."
)


def key_to_decrypt(folder: Path) -> Path:
    """The file decrypt starts on: server.key when it is encrypted, else the folder's only
    encrypted key (enc.key beside a plain server.key, or alone), else server.key."""
    default = folder / KEY_NAME
    encrypted = [path for path in _key_files(folder) if _is_encrypted_key(path)]
    if default in encrypted or len(encrypted) != 1:
        return default
    return encrypted[0]


def _key_files(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        path
        for path in entries
        if path.suffix.lower() in KEY_FILE_SUFFIXES and not path.is_symlink() and path.is_file()
    ]


def _is_encrypted_key(path: Path) -> bool:
    try:
        if path.stat().st_size > LARGEST_KEY_FILE:
            return False
        return describe_key_file(path.read_bytes()).encrypted
    except (OSError, CsrWizardError):
        return False
