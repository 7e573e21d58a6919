"""Printing two sets of alternating timings side by side, as every benchmark here does."""

from __future__ import annotations

import statistics


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
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return f"{label} spread: {ordered[0] * 1000:.0f} to {ordered[-1] * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"
