"""What ships beside the built executable: its Windows version resource, the zip of the folder
build, and that zip's SHA-256. Standard library only, so the tests can check it without PyInstaller.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

PRODUCT = "csrwizard"
DESCRIPTION = "csrwizard: CSR, key and certificate checks for ManageEngine Endpoint Central"
STRING_FIELDS = ("CompanyName", "FileDescription", "FileVersion", "InternalName", "LegalCopyright")
STRING_FIELDS += ("OriginalFilename", "ProductName", "ProductVersion")


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows shows as the file version: "0.1.0" -> (0, 1, 0, 0); a suffix such
    as "rc1" or ".dev2" is dropped (it stays in the version strings)."""
    leading = re.match(r"\d+(\.\d+)*", version)
    numbers = [int(part) for part in leading.group().split(".")[:4]] if leading else []
    numbers = [number if 0 <= number <= 0xFFFF else 0xFFFF for number in numbers]
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def version_strings(version: str) -> dict[str, str]:
    """What Explorer's Details tab and `(Get-Item csrwizard.exe).VersionInfo` show."""
    values = {
        "CompanyName": PRODUCT,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": PRODUCT,
        "LegalCopyright": "MIT License",
        "OriginalFilename": f"{PRODUCT}.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    return {name: values[name] for name in STRING_FIELDS}


def version_resource_text(version: str) -> str:
    """A PyInstaller version file (the text `pyi-grab_version` writes): EXE(version=...) reads it."""
    numbers = version_numbers(version)
    strings = ",\n".join(
        f"          StringStruct({name!r}, {value!r})" for name, value in version_strings(version).items()
    )
    return f"""# The Windows version resource of {PRODUCT}.exe, made by packaging/release.py.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{strings}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def archive_name(version: str, platform: str) -> str:
    """csrwizard-0.1.0-windows.zip: the version and the platform, so downloads do not collide."""
    return f"{PRODUCT}-{version}-{platform}.zip"


def make_archive(folder: Path, archive: Path) -> Path:
    """Zip the folder build, every file under one top folder named like the folder, so that
    extracting it anywhere gives `csrwizard\\csrwizard.exe` and its `_internal` beside it."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                zipped.write(path, Path(folder.name) / path.relative_to(folder))
    os.replace(partial, archive)  # a failed build leaves no half-written archive under the real name
    return archive


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sha256(path: Path) -> tuple[str, Path]:
    """The file's SHA-256, and a `<name>.sha256` beside it in the form `sha256sum -c` reads."""
    digest = sha256_of(path)
    checksum = path.with_name(path.name + ".sha256")
    checksum.write_text(f"{digest}  {path.name}\n", encoding="ascii", newline="\n")
    return digest, checksum
