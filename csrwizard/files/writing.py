"""Loss-proof file writes: back up what is there, write atomically, roll back on any failure.

Every file csrwizard writes goes through `write_files`, so the promise "nothing is lost"
is kept (and tested) in one place.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.bounded_reading import PKI_FILE_LIMIT, kind_of, read_regular_file
from csrwizard.files.journal import finish_interrupted_write, forget_renames, note_renames, sync_folder, temporary_path
from csrwizard.files.owner_only import create_new_file
from csrwizard.files.replace_retry import replace_retrying
from csrwizard.names import BACKUP_SUFFIX
from csrwizard.problems import CsrWizardError
from csrwizard.shown_text import shown

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
    # What was found and put right first: a killed run's renames completed, its temporaries removed.
    notes: list[str] = field(default_factory=list)
    # Files that already held exactly these bytes: left as they were, with no backup made.
    unchanged: list[Path] = field(default_factory=list)


def holds_already(item: PlannedFile) -> bool:
    """Whether the file there is a regular file with exactly these bytes (a symlink never counts)."""
    try:
        path = Path(item.path)
        if path.is_symlink() or not path.is_file() or path.stat().st_size != len(item.data):
            return False
        return path.read_bytes() == item.data
    except OSError:
        return False


def read_existing(path: Path, limit: int = PKI_FILE_LIMIT) -> bytes:
    """A regular file's bytes (at most `limit`), or a one-line CsrWizardError saying why not."""
    return read_regular_file(path, limit)


def backup_name(path: Path, when: datetime, attempt: int = 1) -> Path:
    """`<name>.<YYYYMMDD-HHMMSS>.bak`, with `-2`, `-3`... when that second is already taken."""
    suffix = "" if attempt == 1 else f"-{attempt}"
    return path.with_name(f"{path.name}.{when.strftime(BACKUP_STAMP)}{suffix}{BACKUP_SUFFIX}")


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


def backup_existing(path: Path, when: datetime, attempt: int = 1) -> Path | None:
    """Copy what is at `path` to a new, never-overwritten backup beside it; owner-only."""
    if not needs_backup(path):
        return None
    data = read_existing(path)
    while True:
        target = backup_name(path, when, attempt)
        try:
            _create_file(target, data, secret=True)
            return target
        except FileExistsError:
            attempt += 1


def _first_free_attempt(paths: list[Path], when: datetime) -> int:
    """One backup number for every file of a write, so a key's backup sits beside its own CSR's."""
    attempt = 1
    while any(backup_name(path, when, attempt).exists() for path in paths):
        attempt += 1
    return attempt


def refuse_unsafe_targets(planned: list[PlannedFile]) -> None:
    """A target may be a file or a symlink (replaced, never written through); never a device,
    a named pipe, a socket or a folder: os.replace would put a file where /dev/null was."""
    for item in planned:
        try:
            mode = os.lstat(item.path).st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CsrWizardError(f"cannot write {shown(item.path)}: {error.strerror or error}") from None
        if stat.S_ISLNK(mode):
            continue
        kind = kind_of(mode)
        if kind is not None:
            raise CsrWizardError(f"{shown(item.path)} is {kind}: csrwizard replaces only files; nothing was written")


def write_files(planned: list[PlannedFile], now: Callable[[], datetime] = datetime.now) -> WriteOutcome:
    """Write all files or none: back up each existing one, write temporaries, then swap them in.

    On any failure the originals are left byte-identical, no temporary is left behind, and a
    CsrWizardError with a one-line reason is raised. One run at a time writes in a folder, and a
    run killed between the renames is completed by the next (see journal.py).
    """
    from csrwizard.files.folder_lock import folders_locked

    folders = list(dict.fromkeys(item.path.parent for item in planned))
    with folders_locked(folders):
        notes = [note for folder in folders for note in finish_interrupted_write(folder)]
        refuse_unsafe_targets(planned)
        outcome = _write_locked(planned, now)
    outcome.notes = notes
    return outcome


def _write_locked(planned: list[PlannedFile], now: Callable[[], datetime]) -> WriteOutcome:
    outcome = WriteOutcome()
    # Rewriting the same bytes (check --write run twice) changes nothing: no write, no backup.
    outcome.unchanged = [item.path for item in planned if holds_already(item)]
    planned = [item for item in planned if item.path not in outcome.unchanged]
    temporaries: dict[Path, Path] = {}
    replaced: list[PlannedFile] = []
    when = now()
    attempt = _first_free_attempt([item.path for item in planned], when)
    step_path = None
    journal = None
    try:
        for item in planned:
            step_path = item.path
            backup = backup_existing(item.path, when, attempt)
            if backup:
                outcome.backups.append((item.path, backup))
        for item in planned:
            step_path = item.path
            temporary = temporary_path(item.path)
            _create_file(temporary, item.data, item.secret)
            temporaries[item.path] = temporary
        if len(planned) > 1:
            # From here the new files are whole: a run killed now is completed by the next one.
            step_path = planned[0].path
            journal = note_renames(planned[0].path.parent, [(temporaries[i.path], i.path) for i in planned])
        for item in planned:
            step_path = item.path
            # os.replace swaps the name itself: a symlink there is replaced, never written through.
            replace_retrying(temporaries[item.path], item.path)
            del temporaries[item.path]
            replaced.append(item)
            outcome.written.append(item.path)
    except (OSError, CsrWizardError) as error:  # a disk error, or an original that cannot be read
        for temporary in temporaries.values():
            _remove_quietly(temporary)
        restored = _roll_back(replaced, dict(outcome.backups))
        if journal is not None:
            forget_renames(journal)
        if restored:
            for _, backup in outcome.backups:
                _remove_quietly(backup)
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        kept = "the original files are unchanged" if restored else f"see the {BACKUP_SUFFIX} files beside it"
        raise CsrWizardError(f"could not write {shown(step_path)}: {reason}; {kept}") from None
    if planned:
        sync_folder(planned[0].path.parent)
    if journal is not None:
        forget_renames(journal)
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
            temporary = temporary_path(item.path)
            _create_file(temporary, backup.read_bytes(), item.secret)
            replace_retrying(temporary, item.path)
        except OSError:
            restored = False
    return restored
