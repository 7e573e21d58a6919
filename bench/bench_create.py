"""Time `csrwizard create --batch` against `openssl req -newkey rsa:2048 -nodes` on the same fields.

csrwizard is the `csrwizard` command installed as the README's quick start installs it, in a
fresh virtual environment (bench/installed.py); --checkout times `python -m csrwizard` from this
checkout instead. Runs alternate (csrwizard, openssl, csrwizard, ...) so machine noise hits both
alike, and the medians are compared. RSA key generation time varies a lot from key to key, hence
many runs.

    python bench/bench_create.py [--runs 21] [--checkout]
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
from installed import Installed

FIELDS = {
    "country": "GB",
    "state": "England",
    "locality": "London",
    "org": "Example Ltd",
    "cn": "ec.example.com",
}
SANS = "ec.example.com,ec.example.net"


def create_arguments(folder: Path) -> list[str]:
    flags = [item for name, value in FIELDS.items() for item in (f"--{name}", value)]
    return ["create", "--batch", "--dir", str(folder), *flags, "--san", SANS]


def openssl_command(folder: Path) -> list[str]:
    subject = "/C={country}/ST={state}/L={locality}/O={org}/CN={cn}".format(**FIELDS)
    alt_names = ",".join(f"DNS:{name}" for name in SANS.split(","))
    return [
        shutil.which("openssl") or "openssl",
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        str(folder / "server.key"),
        "-out",
        str(folder / "server.csr"),
        "-subj",
        subject,
        "-addext",
        f"subjectAltName={alt_names}",
    ]


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--checkout", action="store_true", help="time python -m csrwizard from this checkout")
    options = parser.parse_args()
    runs = max(options.runs, 21)
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        if options.checkout:
            launch = [sys.executable, "-m", "csrwizard"]
        else:
            launch = [str(Installed.made_in(Path(scratch) / "venv").console_script)]
        for run in range(runs + 1):
            folder = Path(scratch) / str(run)
            folder.mkdir()
            timings = (time_once([*launch, *create_arguments(folder)]), time_once(openssl_command(folder)))
            if run:  # the first pair warms the caches
                ours.append(timings[0])
                theirs.append(timings[1])
    print_comparison("csrwizard", ours, "openssl", theirs, " (target: at most 0.70x)")
    print(spread("csrwizard", ours))
    print(spread("openssl", theirs))


if __name__ == "__main__":
    main()
