"""Time `csrwizard check` (leaf + intermediate, against key and CSR) against `openssl verify`.

openssl verify checks only the chain; csrwizard also compares key and CSR, names and dates, so
the ratio is large by nature: the target is absolute (at most 130 ms, median). Alternating runs.

    python bench/bench_check.py [--runs 21]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import print_comparison, spread

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def time_once(command: list[str], folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    from tests.scenes import with_ca_reply

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    ours_command = [sys.executable, "-m", "csrwizard", "check", "--chain", "ca-bundle.crt"]
    openssl_command = [shutil.which("openssl") or "openssl", "verify", "-partial_chain", "-CAfile", "ca-bundle.crt",
                       "server.crt"]  # fmt: skip
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with_ca_reply(folder)
        for run in range(runs + 1):
            timings = (time_once(ours_command, folder), time_once(openssl_command, folder))
            if run:  # the first pair warms the caches
                ours.append(timings[0])
                theirs.append(timings[1])
    print_comparison("csrwizard check", ours, "openssl verify", theirs, " (target: csrwizard at most 130 ms)")
    print(spread("csrwizard check", ours))


if __name__ == "__main__":
    main()
