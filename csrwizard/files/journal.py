"""The key and the CSR land as a pair, even when the run is killed between their renames.

Each file is first written whole to a temporary beside its target (`.server.key.<hex>.tmp`) and
fsynced. Then, before the first rename, a journal naming every rename is put in place; it is
removed after the last. A run killed in between leaves the journal: the next run that writes in
the folder completes those renames (every temporary named there is whole), so the folder holds
the new pair; killed before the journal, the old pair is untouched and only temporaries remain,
which the next run removes. Either way it says what it did.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from csrwizard.files.bounded_reading import read_regular_file
from csrwizard.files.owner_only import create_new_file
from csrwizard.files.replace_retry import replace_retrying
from csrwizard.names import JOURNAL_NAME
from csrwizard.problems import CsrWizardError
from csrwizard.shown_text import shown

# `.<name>.<8 hex digits>.tmp`: what `temporary_path` makes, and nothing a person names a file.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.tmp$")
_JOURNAL_LIMIT = 64 * 1024


def temporary_path(path: Path) -> Path:
    # os.urandom, as the secrets module draws it, without that module's imports (hashlib, hmac, base64)
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")


def is_temporary_of(temporary: Path, target: Path) -> bool:
    """Whether `temporary` is a name csrwizard gives the temporary of `target`, in its folder."""
    match = _TEMPORARY.match(temporary.name)
    return match is not None and match["name"] == target.name and temporary.parent == target.parent


def sync_folder(folder: Path) -> None:
    """Makes renames durable on POSIX; Windows cannot open a folder this way, and needs not."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        try:
            os.close(descriptor)
        except OSError:
            pass


def note_renames(folder: Path, renames: list[tuple[Path, Path]]) -> Path:
    """Put the journal of these (temporary, target) renames in place, durably, before the first."""
    journal = folder / JOURNAL_NAME
    text = json.dumps(
        {"renames": [[str(temporary.absolute()), str(target.absolute())] for temporary, target in renames]}
    )
    temporary = temporary_path(journal)
    descriptor = create_new_file(temporary, owner_only=False)
    try:
        try:
            view = memoryview(text.encode("utf-8"))
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        replace_retrying(temporary, journal)
    except BaseException:
        _unlink_quietly(temporary)
        raise
    sync_folder(folder)
    return journal


def forget_renames(journal: Path) -> None:
    """The renames are done (or undone): the journal goes."""
    _unlink_quietly(journal)
    sync_folder(journal.parent)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def finish_interrupted_write(folder: Path) -> list[str]:
    """Complete the renames of a run killed in the middle, then remove every temporary a killed
    run left; what was done, in words (empty when there was nothing). Called under the folder's lock."""
    notes = _complete_journal(folder)
    notes += _remove_leftover_temporaries(folder)
    return notes


def _complete_journal(folder: Path) -> list[str]:
    journal = folder / JOURNAL_NAME
    if not os.path.lexists(journal):
        return []
    renames = _read_journal(journal)
    completed = []
    for temporary, target in renames:
        if _is_regular_file(temporary):
            try:
                replace_retrying(temporary, target)
            except OSError as error:
                raise CsrWizardError(
                    f"cannot complete the writing of a csrwizard run that was stopped ({shown(target)}): "
                    f"{error.strerror or error}; nothing more was written"
                ) from None
            completed.append(target.name)
    sync_folder(folder)
    forget_renames(journal)
    if not completed:
        return []
    return [f"Completed the writing of a csrwizard run that was stopped: {shown(', '.join(completed))} now in place"]


def _read_journal(journal: Path) -> list[tuple[Path, Path]]:
    damaged = CsrWizardError(
        f"{shown(journal)} is damaged: check that the key and the CSR belong together, then delete it"
    )
    try:
        entries = json.loads(read_regular_file(journal, _JOURNAL_LIMIT))["renames"]
        renames = [(Path(temporary), Path(target)) for temporary, target in entries]
    except (ValueError, TypeError, KeyError):
        raise damaged from None
    # Only ever a temporary onto its own target, in one folder: never a path the journal invents.
    if not all(is_temporary_of(temporary, target) for temporary, target in renames):
        raise damaged
    return renames


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove_leftover_temporaries(folder: Path) -> list[str]:
    """Temporaries of a killed run. One may hold a private key: it was owner-only from its first
    byte, and is unlinked, never followed through a link."""
    notes = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if _TEMPORARY.match(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            notes.append(f"Removed {shown(entry.name)}, left by a csrwizard run that was stopped")
    return notes
