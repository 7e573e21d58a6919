"""csrwizard as the README's quick start installs it, for timing what an admin really runs.

`pip install .` into a fresh virtual environment compiles every module to bytecode. Timing the
checkout instead would count compiling from source on every run wherever bytecode is not written
(PYTHONDONTWRITEBYTECODE set, or a read-only editable install): about 35 ms of a batch create.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Installed:
    """A virtual environment in `folder` with csrwizard installed from this checkout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        scripts = folder / ("Scripts" if sys.platform == "win32" else "bin")
        suffix = ".exe" if sys.platform == "win32" else ""
        self.python = scripts / f"python{suffix}"
        self.console_script = scripts / f"csrwizard{suffix}"

    @classmethod
    def made_in(cls, folder: Path) -> Installed:
        installed = cls(folder)
        print(f"installing csrwizard into {folder} ...", file=sys.stderr)
        venv.create(folder, with_pip=True)
        subprocess.run([str(installed.python), "-m", "pip", "install", "--quiet", str(ROOT)], check=True)
        return installed

    def site_packages(self) -> str:
        code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        return subprocess.run([str(self.python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()

    def launches(self) -> dict[str, list[str]]:
        """The ways to start the installed command, each a command line before the arguments."""
        # -I -S: no site module, no user site, no environment; only the install's own packages.
        bare_start = f"import sys; sys.path.append({self.site_packages()!r}); from csrwizard.cli import run; run()"
        return {
            "console script": [str(self.console_script)],
            "python -m": [str(self.python), "-m", "csrwizard"],
            "python -I -S": [str(self.python), "-I", "-S", "-c", bare_start],
        }


def add_checkout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkout", action="store_true", help="time python -m csrwizard from this checkout")


def csrwizard_command(checkout: bool, scratch: Path) -> list[str]:
    """The command to time: installed into `scratch` as the quick start does, or this checkout."""
    if checkout:
        return [sys.executable, "-m", "csrwizard"]
    return [str(Installed.made_in(scratch / "venv").console_script)]
