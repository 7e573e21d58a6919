"""Key files are owner-only from their first byte, on POSIX and on Windows."""

import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrwizard.files.owner_only import owner_only_sddl
from csrwizard.files.writing import PlannedFile, write_files
from tests.access import assert_owner_only, parse_sddl, same_sid, sddl_alias

USER = "S-1-5-21-3623811015-3361044348-30300820-1013"
windows_only = pytest.mark.skipif(sys.platform != "win32", reason="reads a Windows DACL")


def test_the_descriptor_grants_the_user_system_and_administrators_only():
    summary = parse_sddl(owner_only_sddl(USER))
    assert summary.owner == USER
    assert summary.dacl_flags == "P"  # protected: the folder's entries are not inherited
    assert [entry.sid for entry in summary.entries] == [USER, "SY", "BA"]
    assert all(entry.kind == "A" and entry.rights == "FA" and entry.flags == "" for entry in summary.entries)


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), min_size=1, max_size=5))
def test_any_user_sid_becomes_the_owner_and_the_first_grant(sub_authorities):
    sid = "S-1-5-" + "-".join(map(str, sub_authorities))
    summary = parse_sddl(owner_only_sddl(sid))
    assert summary.owner == sid
    assert {entry.sid for entry in summary.entries} == {sid, "SY", "BA"}
    assert len(summary.entries) == 3


@pytest.mark.parametrize("not_a_sid", ["", "SY", "Everyone", "D:P(A;;FA;;;WD)"])
def test_anything_but_a_sid_is_refused(not_a_sid):
    with pytest.raises(ValueError):
        owner_only_sddl(not_a_sid)


def test_key_its_backup_and_a_restored_key_are_owner_only(tmp_path):
    (tmp_path / "server.key").write_bytes(b"old key")
    outcome = write_files([PlannedFile(tmp_path / "server.key", b"new key", secret=True)])
    assert_owner_only(tmp_path / "server.key")
    assert_owner_only(outcome.backups[0][1])


def test_a_public_file_is_not_made_owner_only(tmp_path):
    write_files([PlannedFile(tmp_path / "server.csr", b"csr")])
    if sys.platform == "win32":
        from csrwizard.files.owner_only import file_security_sddl

        assert "P" not in parse_sddl(file_security_sddl(tmp_path / "server.csr")).dacl_flags
    else:
        umask = os.umask(0)
        os.umask(umask)
        assert (tmp_path / "server.csr").stat().st_mode & 0o777 == 0o644 & ~umask


@windows_only
def test_the_dacl_is_set_at_creation_not_afterwards(tmp_path, monkeypatch):
    """The descriptor handed to CreateFileW is the one read back: nothing is applied later."""
    from csrwizard.files import owner_only

    seen = []
    real = owner_only._create_with_descriptor
    monkeypatch.setattr(owner_only, "_create_with_descriptor", lambda p, s: seen.append(s) or real(p, s))
    write_files([PlannedFile(tmp_path / "server.key", b"key", secret=True)])
    assert seen and all(sddl == owner_only_sddl(owner_only.current_user_sid()) for sddl in seen)
    assert_owner_only(tmp_path / "server.key")


# The owner's SID as ConvertSidToStringSidW gives it, and as the DACL read back prints it.
@pytest.mark.parametrize(
    ("full", "printed"),
    [
        ("S-1-5-21-3623811015-3361044348-30300820-500", "LA"),  # the built-in Administrator
        ("S-1-5-21-3623811015-3361044348-30300820-501", "LG"),  # the built-in Guest
        ("S-1-5-18", "SY"),  # SYSTEM: a scheduled task run with /ru SYSTEM
        ("S-1-5-32-544", "BA"),
        (USER, USER),  # an ordinary account (RID 1013) keeps its full form
    ],
)
def test_a_sid_and_its_sddl_alias_are_the_same_account(full, printed):
    assert same_sid(printed, full) and same_sid(full, full)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("S-1-5-21-3623811015-3361044348-30300820-500", "S-1-5-21-3623811015-3361044348-30300820-1500"),
        ("S-1-5-21-3623811015-3361044348-30300820-500", "SY"),
        ("S-1-5-21-1-2-3-1013", "S-1-5-21-1-2-3-1014"),
    ],
)
def test_different_accounts_stay_different(a, b):
    assert not same_sid(a, b)


def test_a_key_read_back_for_the_built_in_administrator_is_owner_only():
    """The DACL Windows prints for a key made by the RID-500 Administrator, against their full SID."""
    printed = "O:LAD:P(A;;FA;;;LA)(A;;FA;;;SY)(A;;FA;;;BA)"
    user = "S-1-5-21-3623811015-3361044348-30300820-500"
    summary = parse_sddl(printed)
    assert {sddl_alias(entry.sid) for entry in summary.entries} == {sddl_alias(user), "SY", "BA"}
    assert same_sid(summary.owner, user)


def test_an_existing_file_is_never_created_over(tmp_path):
    from csrwizard.files.owner_only import create_new_file

    (tmp_path / "server.key").write_bytes(b"precious")
    for owner_only in (True, False):
        with pytest.raises(FileExistsError):
            create_new_file(tmp_path / "server.key", owner_only)
    assert (tmp_path / "server.key").read_bytes() == b"precious"


@windows_only
def test_a_handle_no_descriptor_can_own_is_closed_and_its_file_removed(tmp_path, monkeypatch):
    from csrwizard.files import owner_only

    def refusing(handle, flags):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(owner_only.msvcrt, "open_osfhandle", refusing)
    with pytest.raises(OSError):
        owner_only.create_new_file(tmp_path / "server.key", owner_only=True)
    assert not (tmp_path / "server.key").exists()  # deleted, which needs the handle closed first
