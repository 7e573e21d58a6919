"""Files that hold a private key: readable by their owner alone, from the moment they exist.

POSIX: mode 0600, given to `open` itself. Windows: the mode bit only toggles "read-only", and the
file would inherit the folder's ACL, so the file is created with its own protected DACL (the
current user, SYSTEM and the Administrators group) passed to CreateFileW, as certbot does.
Setting the ACL afterwards would leave a moment in which any user who reads the folder reads
the key.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

OWNER_ONLY_MODE = 0o600
PUBLIC_MODE = 0o644
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

# SDDL names: full access ("FA") for the Local System account ("SY") and Administrators ("BA").
SYSTEM_SID = "SY"
ADMINISTRATORS_SID = "BA"
FULL_ACCESS = "FA"


def owner_only_sddl(user_sid: str) -> str:
    """The security descriptor of a key file, in SDDL.

    "D:P" makes the DACL protected: no entry is inherited from the folder. Each entry grants full
    access and carries no inheritance flags. The owner is the user, so the key stays theirs even
    when they run elevated (where Windows would otherwise make Administrators the owner).
    """
    if not user_sid.startswith("S-1-"):
        raise ValueError(f"not a SID: {user_sid!r}")
    grants = "".join(f"(A;;{FULL_ACCESS};;;{sid})" for sid in (user_sid, SYSTEM_SID, ADMINISTRATORS_SID))
    return f"O:{user_sid}D:P{grants}"


def create_new_file(path: Path, owner_only: bool) -> int:
    """Create `path` (never an existing file: FileExistsError) and return a descriptor to write."""
    if owner_only and sys.platform == "win32":
        return _create_with_descriptor(path, owner_only_sddl(current_user_sid()))
    return os.open(path, _CREATE_FLAGS, OWNER_ONLY_MODE if owner_only else PUBLIC_MODE)


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    _TOKEN_QUERY = 0x0008
    _TOKEN_USER_CLASS = 1
    _SDDL_REVISION_1 = 1
    _GENERIC_WRITE = 0x40000000
    _CREATE_NEW = 1
    _FILE_ATTRIBUTE_NORMAL = 0x80
    _ERROR_FILE_EXISTS = 80
    _ERROR_ALREADY_EXISTS = 183
    _SE_FILE_OBJECT = 1
    _OWNER_SECURITY_INFORMATION = 0x1
    _DACL_SECURITY_INFORMATION = 0x4
    _INVALID_HANDLE_VALUE = wintypes.HANDLE(-1).value

    class _SecurityAttributes(ctypes.Structure):
        _fields_ = [
            ("nLength", wintypes.DWORD),
            ("lpSecurityDescriptor", ctypes.c_void_p),
            ("bInheritHandle", wintypes.BOOL),
        ]

    _kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    _kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    _kernel32.DeleteFileW.argtypes = [wintypes.LPCWSTR]
    _kernel32.DeleteFileW.restype = wintypes.BOOL
    _kernel32.LocalFree.argtypes = [ctypes.c_void_p]
    _kernel32.LocalFree.restype = ctypes.c_void_p
    _kernel32.CreateFileW.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(_SecurityAttributes),
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HANDLE,
    ]
    _kernel32.CreateFileW.restype = wintypes.HANDLE
    _advapi32.OpenProcessToken.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
    _advapi32.GetTokenInformation.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]
    _advapi32.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    _advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(wintypes.ULONG),
    ]
    _advapi32.GetNamedSecurityInfoW.argtypes = [
        wintypes.LPCWSTR,
        ctypes.c_int,
        wintypes.DWORD,
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    _advapi32.GetNamedSecurityInfoW.restype = wintypes.DWORD
    _advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
        ctypes.c_void_p,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.LPWSTR),
        ctypes.POINTER(wintypes.ULONG),
    ]

    def _raise_last_error() -> None:
        raise ctypes.WinError(ctypes.get_last_error())

    def _taken_string(text) -> str:
        """The text of a string Windows allocated for us, which is then freed."""
        try:
            return text.value
        finally:
            _kernel32.LocalFree(text)

    @functools.lru_cache(maxsize=1)
    def current_user_sid() -> str:
        """The SID of the user this process runs as, e.g. "S-1-5-21-...-1001" (asked once: it is
        the same for every key file, temporary and backup of the run)."""
        token = wintypes.HANDLE()
        if not _advapi32.OpenProcessToken(_kernel32.GetCurrentProcess(), _TOKEN_QUERY, ctypes.byref(token)):
            _raise_last_error()
        try:
            size = wintypes.DWORD()
            _advapi32.GetTokenInformation(token, _TOKEN_USER_CLASS, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(size.value)
            if not _advapi32.GetTokenInformation(token, _TOKEN_USER_CLASS, buffer, size, ctypes.byref(size)):
                _raise_last_error()
            # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first member is the SID's address.
            sid_address = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]
            text = wintypes.LPWSTR()
            if not _advapi32.ConvertSidToStringSidW(sid_address, ctypes.byref(text)):
                _raise_last_error()
            return _taken_string(text)
        finally:
            _kernel32.CloseHandle(token)

    def _create_with_descriptor(path: Path, sddl: str) -> int:
        descriptor = ctypes.c_void_p()
        if not _advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, _SDDL_REVISION_1, ctypes.byref(descriptor), None
        ):
            _raise_last_error()
        try:
            attributes = _SecurityAttributes(ctypes.sizeof(_SecurityAttributes), descriptor, False)
            # https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew
            handle = _kernel32.CreateFileW(
                str(path), _GENERIC_WRITE, 0, ctypes.byref(attributes), _CREATE_NEW, _FILE_ATTRIBUTE_NORMAL, None
            )
            # Read now: LocalFree below may set the thread's last error, and ctypes would save that
            # over this one (https://learn.microsoft.com/en-us/windows/win32/api/errhandlingapi/nf-errhandlingapi-getlasterror).
            error = ctypes.get_last_error()
        finally:
            _kernel32.LocalFree(descriptor)
        if handle is None or handle == _INVALID_HANDLE_VALUE:
            if error in (_ERROR_FILE_EXISTS, _ERROR_ALREADY_EXISTS):
                raise FileExistsError(17, "file exists", str(path))
            raise ctypes.WinError(error)
        return _descriptor_owning(handle, path)

    def _descriptor_owning(handle: int, path: Path) -> int:
        """A C descriptor that owns the handle; if none can be made, the handle is closed and the
        new, empty file removed, so nothing is left open or behind.

        https://learn.microsoft.com/en-us/cpp/c-runtime-library/reference/open-osfhandle: on
        success the descriptor owns the handle (os.close closes it); on failure the handle is
        still ours to close (CloseHandle), and only then can the file be deleted: it was opened
        with share mode 0 (https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-deletefilew).
        """
        try:
            return msvcrt.open_osfhandle(handle, os.O_WRONLY | os.O_BINARY)
        except BaseException:
            _kernel32.CloseHandle(handle)
            _kernel32.DeleteFileW(str(path))
            raise

    def file_security_sddl(path: Path) -> str:
        """The owner and DACL of a file as Windows reports them, in SDDL (for checks and tests)."""
        descriptor = ctypes.c_void_p()
        unused = ctypes.c_void_p()
        information = _OWNER_SECURITY_INFORMATION | _DACL_SECURITY_INFORMATION
        status = _advapi32.GetNamedSecurityInfoW(
            str(path),
            _SE_FILE_OBJECT,
            information,
            ctypes.byref(unused),
            ctypes.byref(unused),
            ctypes.byref(unused),
            ctypes.byref(unused),
            ctypes.byref(descriptor),
        )
        if status != 0:
            raise ctypes.WinError(status)
        try:
            text = wintypes.LPWSTR()
            if not _advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                descriptor, _SDDL_REVISION_1, information, ctypes.byref(text), None
            ):
                _raise_last_error()
            return _taken_string(text)
        finally:
            _kernel32.LocalFree(descriptor)

else:

    def current_user_sid() -> str:
        raise OSError("SIDs exist on Windows only")

    def _create_with_descriptor(path: Path, sddl: str) -> int:
        raise OSError("security descriptors exist on Windows only")

    def file_security_sddl(path: Path) -> str:
        raise OSError("security descriptors exist on Windows only")
