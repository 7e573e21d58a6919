"""Build the standalone csrwizard executable for this platform into dist/.

    python -m pip install -e ".[build]"
    python packaging/build.py            # one file: dist/csrwizard (dist/csrwizard.exe on Windows)
    python packaging/build.py --onedir   # one folder: dist/csrwizard-folder/csrwizard (for comparison)

The last line printed is the executable's path, so scripts can take it with `tail -1`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "csrwizard.spec"


def executable_path(layout: str) -> Path:
    name = "csrwizard.exe" if sys.platform == "win32" else "csrwizard"
    return ROOT / "dist" / name if layout == "onefile" else ROOT / "dist" / "csrwizard-folder" / name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onedir", action="store_true", help="a folder with the executable, not one file")
    layout = "onedir" if parser.parse_args().onedir else "onefile"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(ROOT / "build" / layout),
        str(SPEC),
    ]
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, "CSRWIZARD_LAYOUT": layout})
    if result.returncode != 0:
        print(f"build.py: PyInstaller failed with exit code {result.returncode}", file=sys.stderr)
        return result.returncode
    built = executable_path(layout)
    if not built.is_file():
        print(f"build.py: PyInstaller reported success but {built} is missing", file=sys.stderr)
        return 1
    print(f"Size: {built.stat().st_size / 1_000_000:.1f} MB")
    print(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
