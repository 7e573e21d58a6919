"""Time to the first screen: csrwizard against a bare Textual app, headless, alternating runs.

python bench/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from compare import print_comparison

CHILD = Path(__file__).with_name("first_screen.py")


def first_screen_seconds(which: str) -> float:
    sent = time.time()
    result = subprocess.run([sys.executable, str(CHILD), which, repr(sent)], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    bare, ours = [], []
    first_screen_seconds("bare")  # warm the file cache
    first_screen_seconds("csrwizard")
    for _ in range(runs):
        bare.append(first_screen_seconds("bare"))
        ours.append(first_screen_seconds("csrwizard"))
    print_comparison("csrwizard", ours, "bare Textual", bare, " (target: at most 1.20x)")


if __name__ == "__main__":
    main()
