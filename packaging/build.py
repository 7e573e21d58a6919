"""Build the standalone csrwizard for this platform into dist/.

    python -m pip install -e ".[build]"
    python packaging/build.py            # one folder, zipped: the format to ship (see below)
    python packaging/build.py --onefile  # one self-unpacking file, for comparison (bench_executable.py)
    python packaging/build.py --noarchive  # one folder, modules as files, not one archive (the same)

The folder build is dist/csrwizard/ (csrwizard.exe and its _internal folder beside it), shipped
as one zip, dist/csrwizard-<version>-<platform>.zip, with its SHA-256 in a .sha256 file beside it.
It loads every DLL from where it is put, where a one-file build unpacks python3x.dll into
%TEMP%\\_MEI... at each start, which AppLocker's and SRP's default rules block on a hardened server.
It also starts faster (README, "On the Endpoint Central server").

The SHA-256 is printed; the last line printed is the executable's path, so scripts can take it
with `tail -1`. --github-output FILE also appends path=, archive= and sha256= lines to FILE (a
workflow's $GITHUB_OUTPUT), so a failed build fails the step instead of hiding behind an echo.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from release import archive_name, make_archive, write_sha256

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "csrwizard.spec"
DIST = ROOT / "dist"
PLATFORMS = {"win32": "windows", "darwin": "macos"}


def executable_path(layout: str) -> Path:
    name = "csrwizard.exe" if sys.platform == "win32" else "csrwizard"
    if layout == "noarchive":
        return DIST / "noarchive" / "csrwizard" / name
    return DIST / "csrwizard" / name if layout == "onedir" else DIST / "onefile" / name


def current_version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "csrwizard" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def run_pyinstaller(layout: str) -> int:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST if layout == "onedir" else DIST / layout),
        "--workpath", str(ROOT / "build" / layout),
        str(SPEC),
    ]  # fmt: skip
    environment = {**os.environ, "CSRWIZARD_LAYOUT": "onedir" if layout == "noarchive" else layout}
    if layout == "onedir":
        # The archive of modules stored, not deflated: each import then reads its module without
        # inflating it (~25 M instructions of a bare start). The shipped zip compresses the whole
        # folder anyway, and smaller than module by module: 17.1 MB against 18.1 MB. PyInstaller's
        # archive writer reads this variable (PyInstaller/archive/writers.py, ZlibArchiveWriter).
        environment["PYINSTALLER_ZLIB_COMPRESSION_LEVEL"] = "0"
    if layout == "noarchive":
        environment["CSRWIZARD_NOARCHIVE"] = "1"
    return subprocess.run(command, cwd=ROOT, env=environment).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onefile", action="store_true", help="one self-unpacking file instead of a folder")
    parser.add_argument("--noarchive", action="store_true", help="a folder with modules as files, to compare")
    parser.add_argument("--github-output", type=Path, help="append path=, archive= and sha256= lines to this file")
    options = parser.parse_args()
    layout = "onefile" if options.onefile else "noarchive" if options.noarchive else "onedir"
    code = run_pyinstaller(layout)
    if code != 0:
        print(f"build.py: PyInstaller failed with exit code {code}", file=sys.stderr)
        return code
    built = executable_path(layout)
    if not built.is_file():
        print(f"build.py: PyInstaller reported success but {built} is missing", file=sys.stderr)
        return 1
    shipped = built
    if layout == "onedir":
        platform = PLATFORMS.get(sys.platform, sys.platform)
        shipped = make_archive(built.parent, DIST / archive_name(current_version(), platform))
        files = sum(1 for path in built.parent.rglob("*") if path.is_file())
        print(f"Folder: {built.parent} ({files} files)")
    digest, checksum = write_sha256(shipped)
    print(f"Size: {shipped.stat().st_size / 1_000_000:.1f} MB")
    print(f"SHA-256: {digest}  {shipped.name}  (also in {checksum.name})")
    if options.github_output:
        with open(options.github_output, "a", encoding="utf-8", newline="\n") as outputs:
            outputs.write(f"path={built}\narchive={shipped}\nsha256={digest}\n")
    print(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
