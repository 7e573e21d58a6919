"""Promise 1: nothing is lost. Backups, atomic writes, owner-only keys, and forced failures."""

import os
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from csrwizard.files import bounded_reading, journal, owner_only, replace_retry
from csrwizard.files import writing as files
from csrwizard.files.writing import PlannedFile, backup_name, preview_backup, write_files
from csrwizard.names import JOURNAL_NAME
from csrwizard.problems import CsrWizardError
from tests.conftest import folder_snapshot, names_in

FIXED = datetime(2026, 11, 27, 9, 30, 5)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def clock():
    return FIXED


def plan(folder: Path, key=b"new key", csr=b"new csr"):
    return [PlannedFile(folder / "server.key", key, secret=True), PlannedFile(folder / "server.csr", csr)]


def test_new_files_are_written_without_backups(tmp_path):
    outcome = write_files(plan(tmp_path), now=clock)
    assert outcome.backups == []
    assert (tmp_path / "server.key").read_bytes() == b"new key"
    assert names_in(tmp_path) == ["server.csr", "server.key"]


def test_existing_files_are_backed_up_with_a_timestamp_and_no_colon(tmp_path):
    (tmp_path / "server.key").write_bytes(b"old key")
    (tmp_path / "server.csr").write_bytes(b"old csr")
    outcome = write_files(plan(tmp_path), now=clock)
    assert [b.name for _, b in outcome.backups] == [
        "server.key.20261127-093005.bak",
        "server.csr.20261127-093005.bak",
    ]
    assert (tmp_path / "server.key.20261127-093005.bak").read_bytes() == b"old key"
    assert all(":" not in b.name for _, b in outcome.backups)


def test_backups_are_unique_within_one_second_and_never_overwritten(tmp_path):
    target = tmp_path / "server.key"
    for round_number in range(4):
        target.write_bytes(f"version {round_number}".encode())
        write_files([PlannedFile(target, b"new", secret=True)], now=clock)
    names = sorted(p.name for p in tmp_path.glob("*.bak"))
    assert names == [
        "server.key.20261127-093005-2.bak",
        "server.key.20261127-093005-3.bak",
        "server.key.20261127-093005-4.bak",
        "server.key.20261127-093005.bak",
    ]
    contents = {p.read_bytes() for p in tmp_path.glob("*.bak")}
    assert contents == {b"version 0", b"version 1", b"version 2", b"version 3"}


def test_preview_names_the_backup_that_will_be_made(tmp_path):
    target = tmp_path / "server.key"
    assert preview_backup(target, FIXED) is None
    target.write_bytes(b"old")
    backup_name(target, FIXED).write_bytes(b"older")
    expected = preview_backup(target, FIXED)
    outcome = write_files([PlannedFile(target, b"new", secret=True)], now=clock)
    assert outcome.backups == [(target, expected)]


@posix_only
def test_key_file_is_owner_only_from_its_first_byte(tmp_path, monkeypatch):
    seen_modes = []
    real_open = os.open

    def watching_open(path, flags, mode=0o777, *args):
        descriptor = real_open(path, flags, mode, *args)
        if flags & os.O_CREAT:  # creations only: the old key is also opened, to read it for its backup
            seen_modes.append((Path(path).name, stat.S_IMODE(os.fstat(descriptor).st_mode)))
        return descriptor

    monkeypatch.setattr(files.os, "open", watching_open)
    (tmp_path / "server.key").write_bytes(b"old")
    write_files(plan(tmp_path), now=clock)
    monkeypatch.undo()
    key_creations = [mode for name, mode in seen_modes if "server.key" in name]
    assert key_creations and all(mode == 0o600 for mode in key_creations)
    assert stat.S_IMODE((tmp_path / "server.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "server.key.20261127-093005.bak").stat().st_mode) == 0o600


@posix_only
def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"do not touch")
    (tmp_path / "server.csr").symlink_to(elsewhere)
    write_files([PlannedFile(tmp_path / "server.csr", b"new csr")], now=clock)
    assert elsewhere.read_bytes() == b"do not touch"
    assert not (tmp_path / "server.csr").is_symlink()
    assert (tmp_path / "server.csr").read_bytes() == b"new csr"
    assert (tmp_path / "server.csr.20261127-093005.bak").read_bytes() == b"do not touch"


class FailingOs:
    """`os` as files.py sees it, except that the nth call to one function fails like a full disk.

    It also keeps Windows' rule for open files: a file with an open descriptor cannot be removed or
    renamed (Windows refuses with a sharing violation), so a step that leaves a descriptor open
    fails here on every platform, as it would on Windows.
    """

    def __init__(self, function: str, nth: int):
        self.function, self.nth, self.calls = function, nth, 0
        self.open_paths: dict[int, str] = {}

    def __getattr__(self, name):
        real = getattr(os, name)
        if name in ("unlink", "remove", "replace", "rename"):
            real = self._refusing_open_files(real)
        if name != self.function:
            return self._tracking(name, real)

        def failing(*args, **kwargs):
            self.calls += 1
            if self.calls == self.nth:
                if name == "close":
                    # A failed close still releases the descriptor (POSIX close(2); Windows CloseHandle).
                    self._tracking(name, real)(*args, **kwargs)
                raise OSError(28, "No space left on device")
            return self._tracking(name, real)(*args, **kwargs)

        return failing

    def _tracking(self, name, real):
        if name == "open":

            def opening(path, *args, **kwargs):
                descriptor = real(path, *args, **kwargs)
                self.open_paths[descriptor] = os.path.abspath(path)
                return descriptor

            return opening
        if name == "close":

            def closing(descriptor):
                real(descriptor)
                self.open_paths.pop(descriptor, None)

            return closing
        return real

    def _refusing_open_files(self, real):
        def refusing(path, *args, **kwargs):
            if os.path.abspath(path) in self.open_paths.values():
                raise PermissionError(13, "The process cannot access the file because it is being used", path)
            return real(path, *args, **kwargs)

        return refusing


def with_originals(folder: Path) -> Path:
    folder.mkdir()
    (folder / "server.key").write_bytes(b"precious key")
    (folder / "server.csr").write_bytes(b"old csr")
    return folder


def fail_os_calls(monkeypatch, failing_os) -> None:
    """Every module that touches the disk in a write sees the failing `os`: writing, owner-only
    creation, replacing, the journal of the renames, and reading the originals for their backups."""
    monkeypatch.setattr(files, "os", failing_os)
    monkeypatch.setattr(owner_only, "os", failing_os)
    monkeypatch.setattr(replace_retry, "os", failing_os)
    monkeypatch.setattr(journal, "os", failing_os)
    monkeypatch.setattr(bounded_reading, "os", failing_os)


def count_calls(folder: Path, function: str, monkeypatch) -> int:
    counter = FailingOs(function, nth=10**9)
    with monkeypatch.context() as patch:
        fail_os_calls(patch, counter)
        write_files(plan(folder), now=clock)
    return counter.calls


@pytest.mark.parametrize("function", ["open", "write", "fsync", "close", "replace"])
def test_a_failure_at_every_step_leaves_the_originals_byte_identical(tmp_path, monkeypatch, function):
    calls = count_calls(with_originals(tmp_path / "probe"), function, monkeypatch)
    assert calls >= 2
    failures = 0
    for nth in range(1, calls + 1):
        folder = with_originals(tmp_path / f"{function}-{nth}")
        before = folder_snapshot(folder)
        undo = monkeypatch.context()
        fail_os_calls(undo.__enter__(), FailingOs(function, nth))
        try:
            write_files(plan(folder), now=clock)
        except CsrWizardError as error:
            failures += 1
            assert "No space left on device" in str(error) and "\n" not in str(error)
            assert folder_snapshot(folder) == before, f"{function} failing at call {nth} changed the folder"
        else:
            # Only the folder syncs may fail harmlessly (after the journal is placed, after the
            # renames, after the journal goes): each leaves every file in place.
            assert (folder / "server.key").read_bytes() == b"new key"
            assert not (folder / JOURNAL_NAME).exists()
            assert (folder / "server.key.20261127-093005.bak").read_bytes() == b"precious key"
        finally:
            undo.__exit__(None, None, None)
    assert failures >= calls - 3


def test_a_failure_with_no_originals_leaves_nothing(tmp_path, monkeypatch):
    fail_os_calls(monkeypatch, FailingOs("replace", 2))
    with pytest.raises(CsrWizardError):
        write_files(plan(tmp_path), now=clock)
    assert names_in(tmp_path) == []


class FailingCreation:
    """`create_new_file` failing at its nth call: the fault point of every file's creation, which on
    Windows is also the only one of a key file's (CreateFileW, not os.open)."""

    def __init__(self, nth: int):
        self.nth, self.calls, self.secret_calls = nth, 0, 0

    def __call__(self, path, owner_only):
        self.calls += 1
        self.secret_calls += owner_only
        if self.calls == self.nth:
            raise OSError(28, "No space left on device")
        return owner_only_create(path, owner_only)


owner_only_create = owner_only.create_new_file


def test_a_failed_creation_of_any_file_key_files_included_leaves_the_originals(tmp_path, monkeypatch):
    counter = FailingCreation(nth=10**9)
    with monkeypatch.context() as patch:
        patch.setattr(files, "create_new_file", counter)
        write_files(plan(with_originals(tmp_path / "probe")), now=clock)
    assert counter.calls >= 4 and counter.secret_calls >= 3  # key backup, CSR backup, key, CSR
    for nth in range(1, counter.calls + 1):
        folder = with_originals(tmp_path / f"create-{nth}")
        before = folder_snapshot(folder)
        with monkeypatch.context() as patch:
            patch.setattr(files, "create_new_file", FailingCreation(nth))
            with pytest.raises(CsrWizardError, match="No space left on device"):
                write_files(plan(folder), now=clock)
        assert folder_snapshot(folder) == before, f"creation {nth} failing changed the folder"


class BusyReplace:
    """`os` whose replace is refused the way Windows refuses a file an antivirus scanner holds."""

    def __init__(self, refusals: int, winerror: int | None = 32):
        self.refusals, self.winerror, self.attempts = refusals, winerror, 0

    def __getattr__(self, name):
        return self.replace if name == "replace" else getattr(os, name)

    def replace(self, source, target):
        self.attempts += 1
        if self.attempts <= self.refusals:
            error = PermissionError(13, "Access is denied", str(target))
            error.winerror = self.winerror  # what Windows sets; POSIX errors have none
            raise error
        os.replace(source, target)


def busy_everywhere(monkeypatch, busy: BusyReplace) -> None:
    monkeypatch.setattr(files, "os", busy)
    monkeypatch.setattr(replace_retry, "os", busy)


@pytest.fixture
def no_pauses(monkeypatch):
    monkeypatch.setattr(replace_retry, "RETRY_DELAYS", (0,) * len(replace_retry.RETRY_DELAYS))


@pytest.mark.parametrize("winerror", [5, 32])  # ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION
def test_a_file_briefly_held_by_a_scanner_is_replaced_on_a_later_try(tmp_path, monkeypatch, no_pauses, winerror):
    folder = with_originals(tmp_path / "folder")
    busy = BusyReplace(refusals=len(replace_retry.RETRY_DELAYS), winerror=winerror)
    busy_everywhere(monkeypatch, busy)
    write_files(plan(folder), now=clock)
    assert (folder / "server.key").read_bytes() == b"new key"
    assert (folder / "server.key.20261127-093005.bak").read_bytes() == b"precious key"
    assert not list(folder.glob("*.tmp"))


def test_a_file_held_for_good_rolls_back_after_the_last_try(tmp_path, monkeypatch, no_pauses):
    folder = with_originals(tmp_path / "folder")
    before = folder_snapshot(folder)
    busy = BusyReplace(refusals=10**9)
    busy_everywhere(monkeypatch, busy)
    with pytest.raises(CsrWizardError, match="Access is denied"):
        write_files(plan(folder), now=clock)
    assert busy.attempts == len(replace_retry.RETRY_DELAYS) + 1
    assert folder_snapshot(folder) == before


@pytest.mark.parametrize("winerror", [None, 2, 183])  # POSIX; file not found; already exists
def test_other_refusals_are_not_tried_again(tmp_path, monkeypatch, no_pauses, winerror):
    folder = with_originals(tmp_path / "folder")
    busy = BusyReplace(refusals=1, winerror=winerror)
    busy_everywhere(monkeypatch, busy)
    with pytest.raises(CsrWizardError):
        write_files(plan(folder), now=clock)
    assert busy.attempts == 1


def test_rewriting_the_same_bytes_says_unchanged_and_makes_no_backup(tmp_path):
    from csrwizard.files.writing import PlannedFile, write_files

    (tmp_path / "server.crt").write_bytes(b"the certificate")
    (tmp_path / "intermediate.crt").write_bytes(b"the old chain")
    outcome = write_files(
        [PlannedFile(tmp_path / "server.crt", b"the certificate"), PlannedFile(tmp_path / "intermediate.crt", b"new")]
    )
    assert outcome.unchanged == [tmp_path / "server.crt"]
    assert outcome.written == [tmp_path / "intermediate.crt"]
    assert [original.name for original, _ in outcome.backups] == ["intermediate.crt"]
    assert sorted(path.name for path in tmp_path.glob("*.bak")) == [outcome.backups[0][1].name]


def test_a_symlink_holding_the_same_bytes_is_still_replaced(tmp_path):
    from csrwizard.files.writing import PlannedFile, write_files

    (tmp_path / "elsewhere.crt").write_bytes(b"the certificate")
    try:
        (tmp_path / "server.crt").symlink_to(tmp_path / "elsewhere.crt")
    except OSError:
        pytest.skip("no symlinks here")
    outcome = write_files([PlannedFile(tmp_path / "server.crt", b"the certificate")])
    assert outcome.unchanged == [] and not (tmp_path / "server.crt").is_symlink()
