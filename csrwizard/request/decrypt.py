"""The decrypt operation: remove the passphrase from a key, or unpack a .pfx; the original is kept.

Shaped like create: `plan_decrypt` decides where it writes and what it backs up, touching no
file; each face shows that plan, then `perform_decrypt` carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.keyfiles import KeyFileInfo, decrypt_key, describe_key_file
from csrwizard.files.writing import PlannedFile, WriteOutcome, preview_backup, read_existing, write_files
from csrwizard.names import CERT_NAME, CHAIN_NAME, DEFAULT_KEY_FORMAT, KEY_NAME, is_pkcs12_name
from csrwizard.problems import CsrWizardError, InputRefused, Problem

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


@dataclass(frozen=True)
class DecryptPlan:
    """Where decrypt writes, decided once for every face: a key is written in place unless `out`
    names another file; a .pfx unpacks into `out` (a folder), else beside itself."""

    source: Path
    info: KeyFileInfo
    destination: Path  # the key file written, or the folder a .pfx unpacks into
    key_format: str = DEFAULT_KEY_FORMAT

    @property
    def unpacks(self) -> bool:
        return self.info is PKCS12_INFO

    @property
    def key_target(self) -> Path:
        return self.destination / KEY_NAME if self.unpacks else self.destination

    def targets(self) -> list[Path]:
        """The files written. A .pfx's chain is known once it is opened: intermediate.crt stands for
        it here (with two or more intermediates, one file each is written beside it too)."""
        if self.unpacks:
            return [self.key_target, self.destination / CERT_NAME, self.destination / CHAIN_NAME]
        return [self.destination]

    def backups_to_make(self, when: datetime) -> list[Path]:
        return [path for path in self.targets() if preview_backup(path, when)]


def plan_decrypt(source: Path, out: Path | None = None, key_format: str = DEFAULT_KEY_FORMAT) -> DecryptPlan:
    """What decrypt will do with `source`; refuses an unknown key format, or a file it cannot
    read, before any passphrase is asked. Touches no file."""
    from csrwizard.pki.keys import key_format_problem

    if message := key_format_problem(key_format):
        raise InputRefused([Problem("key_format", message)])
    info = describe_source(source)
    destination = out if out is not None else (source.parent if is_pkcs12_name(source) else source)
    return DecryptPlan(source, info, destination, key_format)


def perform_decrypt(plan: DecryptPlan, passphrase: bytes, now: Callable[[], datetime] = datetime.now) -> DecryptResult:
    """Write the unencrypted key where the plan says, after backing up what is there (the
    encrypted original itself, when written in place). A .pfx is unpacked instead: server.key,
    server.crt and intermediate.crt in the plan's folder."""
    from csrwizard.pki.keys import private_key_pem

    if plan.unpacks:
        from csrwizard.pki.packaging import unpack_pfx

        outcome = unpack_pfx(read_pkcs12_file(plan.source), passphrase, plan.destination, now=now)
        return DecryptResult(plan.source, plan.key_target, PKCS12_INFO, outcome)
    data, info = read_key_file(plan.source)
    key = decrypt_key(data, passphrase)
    planned = [PlannedFile(plan.destination, private_key_pem(key, plan.key_format), secret=True)]
    return DecryptResult(plan.source, plan.destination, info, write_files(planned, now=now))


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
