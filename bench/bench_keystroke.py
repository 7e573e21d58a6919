"""A key typed into the Country field, and into a long SAN list, until the screen shows it, against
the same key in a bare Textual Input. Target: at most 1.1x the bare Input at p90.

Each key is sent as the driver sends a real one; the clock stops at the first repaint after the
field holds it (Textual's own `_display`, which writes the frame). Runs alternate.

    python bench/bench_keystroke.py [--keys 60]
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
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Footer, Header, Input  # noqa: E402

from csrwizard.tui.app import CsrWizardApp  # noqa: E402

TEXT = "abcdefghij"


class BareInput(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input()
        yield Footer()


async def key_latencies(app: App, prepare, keys: int) -> list[float]:
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await prepare(pilot)
        await pilot.pause(0.5)
        field = app.focused
        painted = asyncio.Event()
        display = app._display

        def displayed(screen, renderable) -> None:
            display(screen, renderable)
            painted.set()

        app._display = displayed
        for index in range(keys):
            char = TEXT[index % len(TEXT)]
            expected = len(field.value) + 1
            painted.clear()
            started = time.perf_counter()
            event = events.Key(char, char)
            event.set_sender(app)
            app._driver.send_message(event)
            while True:
                await painted.wait()
                painted.clear()
                if len(field.value) >= expected:
                    break
            timings.append(time.perf_counter() - started)
            await pilot.pause(0.02)  # a person's pace, not a flood
    return timings


async def bare(pilot) -> None:
    pilot.app.query_one(Input).focus()


async def country(pilot) -> None:
    await pilot.press("c")


async def long_sans(pilot) -> None:
    from tests.scenes import to_names, type_into

    await to_names(pilot)
    await type_into(pilot, "ec.example.com")
    await pilot.press("tab")
    await type_into(pilot, ", ".join(f"host{n}.example.com" for n in range(8)) + ", ")


def p90(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[int(round(0.9 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    keys = parser.parse_args().keys
    results: dict[str, list[float]] = {"bare Input": [], "Country field": [], "SAN list": []}
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(3):  # alternate the three, three rounds
            results["bare Input"] += asyncio.run(key_latencies(BareInput(), bare, keys // 3))
            results["Country field"] += asyncio.run(key_latencies(CsrWizardApp(Path(scratch)), country, keys // 3))
            results["SAN list"] += asyncio.run(key_latencies(CsrWizardApp(Path(scratch)), long_sans, keys // 3))
    base = p90(results["bare Input"])
    for label, timings in results.items():
        ratio = p90(timings) / base
        print(f"{label}: median {statistics.median(timings) * 1000:.1f} ms, p90 {p90(timings) * 1000:.1f} ms "
              f"({ratio:.2f}x bare Input at p90; target at most 1.1x)")  # fmt: skip
        print("  " + spread(label, timings))


if __name__ == "__main__":
    main()
