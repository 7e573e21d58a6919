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
import tempfile
from pathlib import Path

from compare import print_comparison, spread, time_command
from installed import add_checkout_option, csrwizard_command

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    add_checkout_option(parser)
    options = parser.parse_args()
    runs = max(options.runs, 21)
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as scratch:
        launch = csrwizard_command(options.checkout, Path(scratch))
        for run in range(runs + 1):
            folder = Path(scratch) / str(run)
            folder.mkdir()
            timings = (time_command([*launch, *create_arguments(folder)]), time_command(openssl_command(folder)))
            if run:  # the first pair warms the caches
                ours.append(timings[0])
                theirs.append(timings[1])
    print_comparison("csrwizard", ours, "openssl", theirs, " (target: at most 0.70x)")
    print(spread("csrwizard", ours))
    print(spread("openssl", theirs))


if __name__ == "__main__":
    main()
