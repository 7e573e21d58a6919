"""Who may read a file: POSIX mode bits, or the Windows DACL read back from the file itself."""

from __future__ import annotations

import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

_OWNER = re.compile(r"O:(.*?)(?=G:|D:|S:|$)")
_DACL = re.compile(r"D:([A-Z]*)((?:\([^)]*\))*)")


@dataclass(frozen=True)
class AccessEntry:
    kind: str  # "A" allow, "D" deny
    flags: str  # "ID" marks an entry inherited from the folder
    rights: str
    sid: str


@dataclass(frozen=True)
class SecuritySummary:
    owner: str
    dacl_flags: str  # "P": protected, nothing inherited
    entries: tuple[AccessEntry, ...]


def parse_sddl(text: str) -> SecuritySummary:
    """The owner, the DACL's flags and its entries, from an SDDL string."""
    owner = _OWNER.search(text)
    dacl = _DACL.search(text)
    assert dacl, f"no DACL in {text!r}"
    entries = []
    for body in re.findall(r"\(([^)]*)\)", dacl.group(2)):
        kind, flags, rights, _object, _inherited_object, sid = body.split(";")[:6]
        entries.append(AccessEntry(kind, flags, rights, sid))
    return SecuritySummary(owner.group(1) if owner else "", dacl.group(1), tuple(entries))


# ConvertSecurityDescriptorToStringSecurityDescriptorW prints these SIDs as their SDDL aliases
# (https://learn.microsoft.com/en-us/windows/win32/secauthz/sid-strings), ConvertSidToStringSidW in
# full: both forms must compare equal. Well-known SIDs, and the RIDs of a machine's or domain's
# own accounts (https://learn.microsoft.com/en-us/windows/win32/secauthz/well-known-sids).
WELL_KNOWN_ALIASES = {"S-1-5-18": "SY", "S-1-5-19": "LS", "S-1-5-20": "NS", "S-1-5-32-544": "BA", "S-1-5-32-545": "BU"}
ACCOUNT_RID_ALIASES = {"500": "LA", "501": "LG"}
_ACCOUNT_SID = re.compile(r"S-1-5-21-\d+-\d+-\d+-(\d+)")


def sddl_alias(sid: str) -> str:
    """The form a SID takes in an SDDL string Windows prints: its alias where it has one."""
    if sid in WELL_KNOWN_ALIASES:
        return WELL_KNOWN_ALIASES[sid]
    account = _ACCOUNT_SID.fullmatch(sid)
    if account and account.group(1) in ACCOUNT_RID_ALIASES:
        return ACCOUNT_RID_ALIASES[account.group(1)]
    return sid


def same_sid(printed: str, full: str) -> bool:
    """Whether a SID as an SDDL string prints it and a SID in full form are the same account."""
    return sddl_alias(printed) == sddl_alias(full)


def assert_owner_only(path: Path) -> None:
    """POSIX: no access for group or others. Windows: a protected DACL for user, SYSTEM, Administrators."""
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, oct(path.stat().st_mode)
        return
    from csrwizard.files.owner_only import current_user_sid, file_security_sddl

    summary = parse_sddl(file_security_sddl(path))
    assert "P" in summary.dacl_flags, summary
    assert all("ID" not in entry.flags for entry in summary.entries), summary
    assert all(entry.kind == "A" for entry in summary.entries), summary
    expected = {sddl_alias(current_user_sid()), "SY", "BA"}
    assert {sddl_alias(entry.sid) for entry in summary.entries} == expected, summary
