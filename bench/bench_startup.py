"""Time to the first screen: csrwizard against a bare Textual app, headless, alternating runs.

A third app, csrwizard's first screen built from Textual's stock widgets (Header, OptionList),
shows what csrwizard's own title bar and menu list save.

All run under the Python of csrwizard as pip installs it (bench/installed.py), with bytecode
compiled; --checkout runs them under this Python with this checkout instead.

Wall time on a shared 2-core machine moves by 10% from minute to minute, so besides the ratio of
the medians this prints the median of the ratios of each alternating pair (both runs of a pair
see the same machine), and the spread. --instructions counts instructions under callgrind
instead: one run each, a figure that does not depend on the neighbours (needs valgrind).

python bench/bench_startup.py [--runs 21] [--checkout] [--instructions]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import count_instructions, first_screen_options, print_comparison, spread
from installed import Installed

CHILD = Path(__file__).with_name("first_screen.py")
APPS = ("bare", "stock", "csrwizard")


def first_screen_seconds(python: str, which: str) -> float:
    sent = time.time()
    result = subprocess.run([python, str(CHILD), which, repr(sent)], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def first_screen_instructions(python: str, which: str) -> int:
    """Instructions from the start of the process to the first screen, counted by callgrind."""
    return count_instructions([python, str(CHILD), which, "0"])


def print_paired(label: str, ours: list[float], baseline: list[float]) -> None:
    ratios = [mine / theirs for mine, theirs in zip(ours, baseline, strict=True)]
    print(f"{label} against bare, pair by pair: median {statistics.median(ratios):.3f}x")
    print(spread(label, ours))


def measure_time(python: str, runs: int) -> None:
    timings: dict[str, list[float]] = {which: [] for which in APPS}
    for which in APPS:  # warm the file cache
        first_screen_seconds(python, which)
    for _ in range(runs):
        for which, series in timings.items():
            series.append(first_screen_seconds(python, which))
    print_comparison("csrwizard", timings["csrwizard"], "bare Textual", timings["bare"], " (target: at most 1.05x)")
    print_paired("csrwizard", timings["csrwizard"], timings["bare"])
    print(spread("bare Textual", timings["bare"]))
    print()
    print_comparison("stock widgets", timings["stock"], "bare Textual", timings["bare"])
    print_paired("stock widgets", timings["stock"], timings["bare"])


def measure_instructions(python: str) -> None:
    counts = {which: first_screen_instructions(python, which) for which in APPS}
    for which, count in counts.items():
        print(f"{which + ':':<15}{count / 1e6:8.0f} M instructions  {count / counts['bare']:.3f}x bare")


def main() -> None:
    options = first_screen_options(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as scratch:
        python = sys.executable if options.checkout else str(Installed.made_in(Path(scratch) / "venv").python)
        if options.instructions:
            measure_instructions(python)
        else:
            measure_time(python, options.runs)


if __name__ == "__main__":
    main()
