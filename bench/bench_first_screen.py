"""The first screen as the user waits for it: the whole process, from exec until the menu is on
screen in a real terminal (a pty at 80x24), against the least Textual app started the same way.

The least app is an App whose compose yields one Static (bench/least_app.py); bench_startup.py's
bare app (Header, Static, Footer) runs beside it for reference. Each shows the menu's question,
and the clock stops when that text has been written to the terminal. Everything runs under the
Python of csrwizard as pip installs it (bench/installed.py), with bytecode compiled; csrwizard is
the installed console script, in an empty folder. Runs alternate, so machine noise hits all
alike; besides the ratio of the medians, the median of each pair's ratio is printed with its
spread. --instructions counts instructions under callgrind instead, for the same starts in the
same pty, each ended the moment the question is written (bench/first_paint.py): a figure that
does not depend on the neighbours.

    python bench/bench_first_screen.py [--runs 21] [--checkout] [--instructions]
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from compare import first_screen_options, print_comparison, ratio_summary, spread
from installed import Installed

HERE = Path(__file__).resolve().parent
QUESTION = "What would you like to do?"
TERMINAL = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def first_screen_seconds(command: list[str], folder: Path) -> float:
    """Seconds from spawning `command` in a pty at 80x24 until the question is on screen."""
    import pexpect

    started = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], cwd=str(folder), env={**TERMINAL, "HOME": str(folder)},
                          dimensions=(24, 80), timeout=60)  # fmt: skip
    child.expect_exact(QUESTION)
    took = time.perf_counter() - started
    # The whole process group: a one-file build's bootloader runs the program as its own child,
    # which would outlive it, spinning on a closed terminal.
    os.killpg(child.pid, signal.SIGKILL)
    child.close(force=True)
    return took


def commands(python: str, console_script: str) -> dict[str, list[str]]:
    return {
        "least Textual app": [python, str(HERE / "least_app.py"), "least"],
        "Header+Static+Footer": [python, str(HERE / "least_app.py"), "header-footer"],
        "csrwizard": [console_script],
    }


def measure_time(starts: dict[str, list[str]], runs: int, folder: Path) -> None:
    timings: dict[str, list[float]] = {label: [] for label in starts}
    for command in starts.values():  # warm the file cache
        first_screen_seconds(command, folder)
    for _ in range(runs):
        for label, command in starts.items():
            timings[label].append(first_screen_seconds(command, folder))
    least = timings["least Textual app"]
    for label in ("csrwizard", "Header+Static+Footer"):
        target = " (target: at most 1.05x)" if label == "csrwizard" else ""
        print_comparison(label, timings[label], "least Textual app", least, target)
        print(f"  {ratio_summary(timings[label], least)}")
        print(spread(label, timings[label]))
        print()
    print(spread("least Textual app", least))
    print(f"least Textual app median: {statistics.median(least) * 1000:.0f} ms")


def instructions_until_first_paint(python: str, which: str, folder: str) -> int:
    """Instructions callgrind counts for one start in a pty at 80x24, until the question is written."""
    import pexpect

    log = Path(folder) / f"callgrind-{which}.log"
    child = pexpect.spawn(
        "valgrind",
        ["--tool=callgrind", "--callgrind-out-file=" + os.devnull, f"--log-file={log}",
         python, str(HERE / "first_paint.py"), which],
        cwd=folder, env={**TERMINAL, "HOME": folder, "PYTHONHASHSEED": "0"}, dimensions=(24, 80), timeout=600,
    )  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    return int(re.search(r"Collected : (\d+)", log.read_text()).group(1))


def measure_instructions(python: str) -> None:
    counts = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, which in (("least Textual app", "least"), ("Header+Static+Footer", "header-footer"),
                             ("csrwizard", "csrwizard")):  # fmt: skip
            counts[label] = instructions_until_first_paint(python, which, folder)
    for label, count in counts.items():
        print(f"{label + ':':<22}{count / 1e6:8.0f} M instructions  {count / counts['least Textual app']:.3f}x least")


def main() -> None:
    options = first_screen_options(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as scratch:
        if options.checkout:
            python, console_script = sys.executable, shutil.which("csrwizard") or sys.exit("csrwizard is not on PATH")
        else:
            installed = Installed.made_in(Path(scratch) / "venv")
            python, console_script = str(installed.python), str(installed.console_script)
        if options.instructions:
            measure_instructions(python)
        else:
            folder = Path(scratch) / "empty"
            folder.mkdir()
            measure_time(commands(python, console_script), options.runs, folder)


if __name__ == "__main__":
    main()
