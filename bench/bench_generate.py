"""Generate -> Done screen, pressed the moment Review shows, through Textual's Pilot at 80x24.

The key starts in the background when the Key step shows its size, so by Review it is often made.
Targets: 2048-bit under 50 ms, 4096-bit under 300 ms (medians).

    python bench/bench_generate.py [--runs 21]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare import spread  # noqa: E402

from csrwizard.tui.app import CsrWizardApp  # noqa: E402
from csrwizard.tui.screens.create_done import CreateDoneScreen  # noqa: E402
from csrwizard.tui.screens.review_step import ReviewStep  # noqa: E402


async def once(size: int) -> float:
    from tests.scenes import to_key

    with tempfile.TemporaryDirectory() as scratch:
        app = CsrWizardApp(folder=Path(scratch))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(1.0)  # a person reads the menu; the engine's imports warm up meanwhile
            await to_key(pilot)
            if size != 2048:
                await pilot.press(*["down"] * ((size - 2048) // 1024))
            await pilot.press("enter")
            while not isinstance(app.screen, ReviewStep):
                await asyncio.sleep(0.001)
            started = time.perf_counter()
            # Pilot.press returns only once the app is idle again (~0.2 s later): time the switch
            # to the Done screen itself, while the press runs.
            press = asyncio.create_task(pilot.press("enter"))
            while not isinstance(app.screen, CreateDoneScreen):
                await asyncio.sleep(0.001)
            took = time.perf_counter() - started
            await press
            return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    for size, target in ((2048, 50), (4096, 300)):
        timings = [asyncio.run(once(size)) for _ in range(runs)]
        median = statistics.median(timings) * 1000
        print(f"Generate {size}-bit: median {median:.0f} ms over {runs} runs (target under {target} ms)")
        print(spread(f"Generate {size}-bit", timings))


if __name__ == "__main__":
    main()
