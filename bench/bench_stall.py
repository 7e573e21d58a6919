"""The UI's largest stall while a 4096-bit key is generated the way the wizard does it.

A 10 ms timer runs on the event loop; the largest gap between its ticks, less 10 ms, is how long
the UI could not respond. Target: under 50 ms.

    python bench/bench_stall.py [--keys 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from csrwizard.tui.app import CsrWizardApp  # noqa: E402

TICK = 0.010


async def largest_stall(size: int) -> tuple[float, float]:
    app = CsrWizardApp(folder=Path("."))
    ticks: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.8)  # let start-up and the warm-up imports finish
        app.set_interval(TICK, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        started = time.perf_counter()
        job = app.key_in_background(size)
        while not job.ready:
            await asyncio.sleep(TICK)
        took = time.perf_counter() - started
        await pilot.pause(0.05)
    window = [t for t in ticks if t >= started]
    gaps = [later - earlier for earlier, later in zip(window, window[1:], strict=False)]
    return max(gaps) - TICK, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=5)
    parser.add_argument("--size", type=int, default=4096)
    args = parser.parse_args()
    stalls, durations = [], []
    for _ in range(args.keys):
        stall, took = asyncio.run(largest_stall(args.size))
        stalls.append(stall)
        durations.append(took)
    print(f"keys generated:        {args.keys} x RSA {args.size}")
    print(f"generation median:     {statistics.median(durations) * 1000:.0f} ms")
    print(f"largest stall median:  {statistics.median(stalls) * 1000:.1f} ms")
    print(f"largest stall worst:   {max(stalls) * 1000:.1f} ms (target: under 50 ms)")


if __name__ == "__main__":
    main()
