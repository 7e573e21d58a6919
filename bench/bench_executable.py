"""The built executable against the pip-installed command: time to the wizard's first screen,
and a whole `create --batch`.

For the first screen, each command starts in a real pty at 80x24 and the clock stops when the
menu's question is on screen. Runs alternate, so machine noise hits all alike; medians are
compared.

    python packaging/build.py && python packaging/build.py --onedir
    python bench/bench_executable.py [--runs 11]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from bench_create import create_arguments
from compare import print_comparison, time_command

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = ".exe" if sys.platform == "win32" else ""
CANDIDATES = {
    "one file": ROOT / "dist" / f"csrwizard{SUFFIX}",
    "one folder": ROOT / "dist" / "csrwizard-folder" / f"csrwizard{SUFFIX}",
}
FIRST_SCREEN = "What would you like to do?"


def first_screen_seconds(command: str, folder: Path) -> float:
    started = time.perf_counter()
    child = pexpect.spawn(command, cwd=str(folder), env={"TERM": "xterm-256color", "PATH": "/usr/bin:/bin"},
                          dimensions=(24, 80), timeout=30)  # fmt: skip
    child.expect_exact(FIRST_SCREEN)
    took = time.perf_counter() - started
    child.terminate(force=True)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    installed = shutil.which("csrwizard")
    if not installed:
        sys.exit("bench_executable.py: run it where `pip install .` put csrwizard on PATH")
    built = {label: path for label, path in CANDIDATES.items() if path.is_file()}
    if not built:
        sys.exit("bench_executable.py: build first: python packaging/build.py [--onedir]")
    commands = {"pip-installed": installed, **{label: str(path) for label, path in built.items()}}
    screens: dict[str, list[float]] = {label: [] for label in commands}
    creates: dict[str, list[float]] = {label: [] for label in commands}
    with tempfile.TemporaryDirectory() as scratch:
        for command in commands.values():  # warm the file cache once
            first_screen_seconds(command, Path(scratch))
        for run in range(runs):
            for index, (label, command) in enumerate(commands.items()):
                screens[label].append(first_screen_seconds(command, Path(scratch)))
                folder = Path(scratch) / f"{run}-{index}"
                folder.mkdir()
                creates[label].append(time_command([command, *create_arguments(folder)], env={"PATH": "/usr/bin:/bin"}))
    for label, path in built.items():
        size = path.stat().st_size if label == "one file" else sum(p.stat().st_size for p in path.parent.rglob("*"))
        print(f"{label}: {size / 1_000_000:.1f} MB")
        print("first screen:")
        print_comparison(label, screens[label], "pip-installed", screens["pip-installed"])
        print("create --batch:")
        print_comparison(label, creates[label], "pip-installed", creates["pip-installed"])
        print()


if __name__ == "__main__":
    main()
