"""Time `csrwizard check` (leaf + intermediate, against key and CSR) against `openssl verify`.

openssl verify checks only the chain; csrwizard also compares key and CSR, names and dates, so
the ratio is large by nature: the target is absolute (at most 130 ms, median). Alternating runs.
csrwizard is the command as pip installs it (bench/installed.py); --checkout times this checkout.

    python bench/bench_check.py [--runs 21] [--checkout]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from compare import print_comparison, spread, time_command
from installed import add_checkout_option, csrwizard_command

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from tests.scenes import with_ca_reply

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    add_checkout_option(parser)
    options = parser.parse_args()
    runs = options.runs
    openssl_command = [shutil.which("openssl") or "openssl", "verify", "-partial_chain", "-CAfile", "ca-bundle.crt",
                       "server.crt"]  # fmt: skip
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        ours_command = [*csrwizard_command(options.checkout, Path(scratch)), "check", "--chain", "ca-bundle.crt"]
        folder = Path(scratch) / "reply"
        folder.mkdir()
        with_ca_reply(folder)
        for run in range(runs + 1):
            timings = (time_command(ours_command, folder), time_command(openssl_command, folder))
            if run:  # the first pair warms the caches
                ours.append(timings[0])
                theirs.append(timings[1])
    print_comparison("csrwizard check", ours, "openssl verify", theirs, " (target: csrwizard at most 130 ms)")
    print(spread("csrwizard check", ours))


if __name__ == "__main__":
    main()
