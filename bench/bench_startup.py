"""Time to the first screen: csrwizard against a bare Textual app, headless, alternating runs.

A third app, the bare one with csrwizard's menu (an OptionList of five) in plain Textual, shows
what the menu's widgets cost by themselves.

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
    timings: dict[str, list[float]] = {"bare": [], "menu": [], "csrwizard": []}
    with tempfile.TemporaryDirectory() as scratch:
        python = sys.executable if options.checkout else str(Installed.made_in(Path(scratch) / "venv").python)
        for which in timings:  # warm the file cache
            first_screen_seconds(python, which)
        for _ in range(options.runs):
            for which, series in timings.items():
                series.append(first_screen_seconds(python, which))
    print_comparison("csrwizard", timings["csrwizard"], "bare Textual", timings["bare"], " (target: at most 1.05x)")
    # The same menu in plain Textual: how much of the difference is the menu's widgets themselves.
    print_comparison("menu alone", timings["menu"], "bare Textual", timings["bare"])


if __name__ == "__main__":
    main()
