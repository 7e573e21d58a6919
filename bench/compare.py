"""Timing a command, and printing alternating timings side by side, as every benchmark here does."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_command(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Seconds for one run of `command`, its output thrown away; a failure stops the benchmark."""
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def require_valgrind() -> None:
    """--instructions counts under callgrind: stop at once, saying so, where there is none."""
    if not shutil.which("valgrind"):
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")


def first_screen_options(description: str) -> argparse.Namespace:
    """The options both first-screen benches take: runs, this checkout, or callgrind's count."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--checkout", action="store_true", help="run under this Python, with this checkout")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    options = parser.parse_args()
    if options.instructions:
        require_valgrind()
    return options


def count_instructions(
    command: list[str], cwd: Path | str | None = None, env: dict[str, str] | None = None, children: bool = False
) -> int:
    """Instructions one run of `command` executes, counted by callgrind: the same figure whatever
    the neighbours do. PYTHONHASHSEED is fixed so that every run lays its dicts out alike.
    `children`: also count the processes it starts or execs into (a frozen executable's
    bootloader starts the program anew), each logged to its own file, and add them up."""
    environment = {**(env if env is not None else os.environ), "PYTHONHASHSEED": "0"}
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.devnull]
    if not children:
        result = subprocess.run(
            [*valgrind, *command], capture_output=True, text=True, check=True, env=environment, cwd=cwd
        )
        return int(re.search(r"Collected : (\d+)", result.stderr).group(1))
    with tempfile.TemporaryDirectory() as logs:
        valgrind += ["--trace-children=yes", f"--log-file={logs}/callgrind.%p.log"]
        subprocess.run([*valgrind, *command], capture_output=True, check=True, env=environment, cwd=cwd)
        counts = [re.search(r"Collected : (\d+)", log.read_text()) for log in Path(logs).glob("*.log")]
        return sum(int(found.group(1)) for found in counts if found)


def print_comparison(
    ours_label: str, ours: list[float], baseline_label: str, baseline: list[float], target: str = ""
) -> None:
    ours_median, baseline_median = statistics.median(ours), statistics.median(baseline)
    width = max(len(ours_label), len(baseline_label)) + 9
    print(f"{'runs each:':<{width}}{len(ours)}")
    print(f"{baseline_label + ' median:':<{width}}{baseline_median * 1000:.0f} ms")
    print(f"{ours_label + ' median:':<{width}}{ours_median * 1000:.0f} ms")
    print(f"{'ratio:':<{width}}{ours_median / baseline_median:.2f}x {baseline_label}{target}")


def spread(label: str, timings: list[float]) -> str:
    """The range and the 90th percentile, for the README's 'spread'."""
    ordered = sorted(timings)
    return f"{label} spread: {ordered[0] * 1000:.0f} to {ordered[-1] * 1000:.0f} ms, p90 {_p90(timings) * 1000:.0f} ms"


def _p90(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def print_table(baseline_label: str, baseline: list[float], series: dict[str, list[float]]) -> None:
    """Several alternating series against one baseline: median, p90 and ratio of each."""
    baseline_median = statistics.median(baseline)
    width = max(map(len, [baseline_label, *series])) + 2
    print(f"runs each: {len(baseline)}")
    print(f"{'':<{width}}{'median':>8}{'p90':>8}{'ratio':>8}")
    for label, timings in {baseline_label: baseline, **series}.items():
        median = statistics.median(timings)
        print(f"{label:<{width}}{median * 1000:>6.0f}ms{_p90(timings) * 1000:>6.0f}ms{median / baseline_median:>7.2f}x")


def paired_ratios(ours: list[float], baseline: list[float]) -> list[float]:
    """Each alternating pair's ratio: both runs of a pair saw the same machine, so neighbours'
    load cancels out better than in the ratio of the medians."""
    return [mine / theirs for mine, theirs in zip(ours, baseline, strict=True)]


def ratio_summary(ours: list[float], baseline: list[float]) -> str:
    """The median of the pairwise ratios with their middle half (quartiles) and whole range."""
    ratios = sorted(paired_ratios(ours, baseline))
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
    return (
        f"{statistics.median(ratios):.2f}x pair by pair "
        f"(middle half {quartiles[0]:.2f} to {quartiles[2]:.2f}x, range {ratios[0]:.2f} to {ratios[-1]:.2f}x)"
    )
