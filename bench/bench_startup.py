"""Time to the first screen: csrwizard against a bare Textual app, headless, alternating runs.

Both run under the Python of csrwizard as pip installs it (bench/installed.py), with bytecode
compiled; --checkout runs them under this Python with this checkout instead.

python bench/bench_startup.py [--runs 21] [--checkout]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import print_comparison
from installed import Installed

CHILD = Path(__file__).with_name("first_screen.py")


def first_screen_seconds(python: str, which: str) -> float:
    sent = time.time()
    result = subprocess.run([python, str(CHILD), which, repr(sent)], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--checkout", action="store_true", help="run under this Python, with this checkout")
    options = parser.parse_args()
    bare, ours = [], []
    with tempfile.TemporaryDirectory() as scratch:
        python = sys.executable if options.checkout else str(Installed.made_in(Path(scratch) / "venv").python)
        first_screen_seconds(python, "bare")  # warm the file cache
        first_screen_seconds(python, "csrwizard")
        for _ in range(options.runs):
            bare.append(first_screen_seconds(python, "bare"))
            ours.append(first_screen_seconds(python, "csrwizard"))
    print_comparison("csrwizard", ours, "bare Textual", bare, " (target: at most 1.05x)")


if __name__ == "__main__":
    main()
