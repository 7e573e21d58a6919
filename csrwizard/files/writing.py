"""Loss-proof file writes: back up what is there, write atomically, roll back on any failure.

Every file csrwizard writes goes through `write_files`, so the promise "nothing is lost"
is kept (and tested) in one place.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.owner_only import create_new_file
from csrwizard.files.replace_retry import replace_retrying
from csrwizard.problems import CsrWizardError

# No ":" in any name we make: it is not allowed in Windows file names.
BACKUP_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    data: bytes
    secret: bool = False


@dataclass
class WriteOutcome:
    written: list[Path] = field(default_factory=list)
    backups: list[tuple[Path, Path]] = field(default_factory=list)


def read_existing(path: Path) -> bytes:
    """A file's bytes, or a one-line CsrWizardError saying why not."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        # The whole path: a relative one was taken inside the working folder, so say which.
        raise CsrWizardError(f"{Path(path).absolute()} does not exist") from None
    except IsADirectoryError:
        raise CsrWizardError(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise CsrWizardError(f"cannot read {path}: {error.strerror or error}") from None


def backup_name(path: Path, when: datetime, attempt: int = 1) -> Path:
    """`<name>.<YYYYMMDD-HHMMSS>.bak`, with `-2`, `-3`... when that second is already taken."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return path.with_name(f"{path.name}.{when.strftime(BACKUP_STAMP)}{suffix}.bak")


def needs_backup(path: Path) -> bool:
    """Whether replacing `path` would lose something (a file, or the file a link points to)."""
    return path.is_file()


def preview_backup(path: Path, when: datetime) -> Path | None:
    """The backup a write now would make, for the review screen; None when nothing is there."""
    if not needs_backup(path):
        return None
    attempt = 1
    while backup_name(path, when, attempt).exists():
        attempt += 1
    return backup_name(path, when, attempt)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _create_file(path: Path, data: bytes, secret: bool) -> None:
    """Create a new file (never an existing one), owner-only from its first byte when secret."""
    descriptor = create_new_file(path, owner_only=secret)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        _remove_quietly(path)
        raise


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    # Makes the renames durable on POSIX; Windows cannot open a folder this way, and needs not.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        _close_quietly(descriptor)


def _close_quietly(descriptor: int) -> None:
    try:
        os.close(descriptor)
    except OSError:
        pass


def backup_existing(path: Path, when: datetime) -> Path | None:
    """Copy what is at `path` to a new, never-overwritten backup beside it; owner-only."""
    if not needs_backup(path):
        return None
    data = path.read_bytes()
    attempt = 1
    while True:
        target = backup_name(path, when, attempt)
        try:
            _create_file(target, data, secret=True)
            return target
        except FileExistsError:
            attempt += 1


def _temporary_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def write_files(planned: list[PlannedFile], now: Callable[[], datetime] = datetime.now) -> WriteOutcome:
    """Write all files or none: back up each existing one, write temporaries, then swap them in.

    On any failure the originals are left byte-identical, no temporary is left behind, and a
    CsrWizardError with a one-line reason is raised.
    """
    outcome = WriteOutcome()
    temporaries: dict[Path, Path] = {}
    replaced: list[PlannedFile] = []
    when = now()
    step_path = None
    try:
        for item in planned:
            step_path = item.path
            backup = backup_existing(item.path, when)
            if backup:
                outcome.backups.append((item.path, backup))
        for item in planned:
            step_path = item.path
            temporary = _temporary_path(item.path)
            _create_file(temporary, item.data, item.secret)
            temporaries[item.path] = temporary
        for item in planned:
            step_path = item.path
            # os.replace swaps the name itself: a symlink there is replaced, never written through.
            replace_retrying(temporaries[item.path], item.path)
            del temporaries[item.path]
            replaced.append(item)
            outcome.written.append(item.path)
    except OSError as error:
        for temporary in temporaries.values():
            _remove_quietly(temporary)
        restored = _roll_back(replaced, dict(outcome.backups))
        if restored:
            for _, backup in outcome.backups:
                _remove_quietly(backup)
        reason = error.strerror or str(error)
        kept = "the original files are unchanged" if restored else "see the .bak files beside it"
        raise CsrWizardError(f"could not write {step_path}: {reason}; {kept}") from None
    if planned:
        _sync_folder(planned[0].path.parent)
    return outcome


def _roll_back(replaced: list[PlannedFile], backups: dict[Path, Path]) -> bool:
    """Put back what the replaced files held; True when every one is restored."""
    restored = True
    for item in reversed(replaced):
        try:
            backup = backups.get(item.path)
            if backup is None:
                os.unlink(item.path)
                continue
            temporary = _temporary_path(item.path)
            _create_file(temporary, backup.read_bytes(), item.secret)
            replace_retrying(temporary, item.path)
        except OSError:
            restored = False
    return restored
