"""Time `csrwizard create --batch` against `openssl req -newkey rsa:2048 -nodes` on the same fields.

The fields come from a file (bench/inputs/*.txt, `name = value` lines); the default is the seed's
example (IN, TN, Chennai, ZOHO, www.zoho.com and four SANs with a wildcard). --sweep times every
file in bench/inputs in one alternating round, each against openssl and against the lightest
case (gb-england.txt: full names, no wildcard, ASCII), whose target is "within 10%".

RSA key generation searches for primes at random (one 2048-bit key takes 50 ms, the next 600 ms),
which drowns what the inputs cost. --fixed-key takes it out of both sides: csrwizard reads a key
made beforehand (bench/create_fixed_key.py) and openssl gets it with `-key`. --instructions counts
instructions under callgrind for each input, with that fixed key: one run each, a figure that
does not depend on the neighbours (needs valgrind).

csrwizard is the `csrwizard` command installed as the README's quick start installs it, in a
fresh virtual environment (bench/installed.py); --checkout times `python -m csrwizard` from this
checkout instead. Runs alternate (csrwizard, openssl, csrwizard, ...) so machine noise hits both
alike; besides the ratio of the medians, the median of each pair's ratio is printed with its
spread. RSA key generation time varies a lot from key to key, hence many runs.

    python bench/bench_create.py [--runs 21] [--fields bench/inputs/idn.txt] [--checkout]
    python bench/bench_create.py --sweep [--runs 21] [--fixed-key]
    python bench/bench_create.py --instructions
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from compare import count_instructions, print_comparison, ratio_summary, require_valgrind, spread, time_command
from installed import add_checkout_option, csrwizard_command

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "inputs"
FIXED_KEY_CHILD = HERE / "create_fixed_key.py"
SEED = INPUTS / "seed.txt"
REFERENCE = INPUTS / "gb-england.txt"
FIELD_NAMES = ("country", "state", "locality", "org", "cn", "san")


def read_fields(path: Path = SEED) -> dict[str, str]:
    """`name = value` lines (blank lines and `#` comments skipped) for create's flags."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            fields[name.strip()] = value.strip()
    unknown = set(fields) - set(FIELD_NAMES)
    if unknown:
        raise SystemExit(f"{path}: unknown fields {sorted(unknown)}; known: {', '.join(FIELD_NAMES)}")
    return fields


def create_arguments(folder: Path, fields: dict[str, str] | None = None) -> list[str]:
    fields = fields if fields is not None else read_fields()
    flags = [item for name, value in fields.items() for item in (f"--{name}", value)]
    return ["create", "--batch", "--dir", str(folder), *flags]


def _a_label(name: str) -> str:
    if name.isascii():
        return name
    import idna  # a dependency of csrwizard, so present wherever it is installed

    wildcard = name.startswith("*.")
    encoded = idna.encode(name[2:] if wildcard else name, uts46=True).decode("ascii")
    return f"*.{encoded}" if wildcard else encoded


def openssl_command(folder: Path, fields: dict[str, str] | None = None, key: Path | None = None) -> list[str]:
    """The same request through openssl: the SAN list as csrwizard writes it (the CN first);
    with `key`, for that key instead of a new one."""
    fields = fields if fields is not None else read_fields()
    values = {**fields, "cn": _a_label(fields["cn"])}
    parts = [("C", "country"), ("ST", "state"), ("L", "locality"), ("O", "org"), ("CN", "cn")]
    subject = "".join(f"/{key}={values[name].replace('/', chr(92) + '/')}" for key, name in parts if values.get(name))
    names = [fields["cn"], *(n for n in fields.get("san", "").replace(",", " ").split() if n != fields["cn"])]
    alt_names = ",".join(f"DNS:{_a_label(name)}" for name in names)
    command = [shutil.which("openssl") or "openssl", "req", "-new"]
    if key is None:
        command += ["-newkey", "rsa:2048", "-nodes", "-keyout", str(folder / "server.key")]
    else:
        command += ["-key", str(key)]
    command += ["-out", str(folder / "server.csr")]
    command += ["-subj", subject, "-addext", f"subjectAltName={alt_names}"]
    return command + ([] if subject.isascii() else ["-utf8"])


def measure_one(launch: list[str], fields: dict[str, str], runs: int, scratch: Path) -> None:
    ours, theirs = [], []
    for run in range(runs + 1):
        folder = scratch / str(run)
        folder.mkdir()
        timings = (
            time_command([*launch, *create_arguments(folder, fields)]),
            time_command(openssl_command(folder, fields)),
        )
        if run:  # the first pair warms the caches
            ours.append(timings[0])
            theirs.append(timings[1])
    print_comparison("csrwizard", ours, "openssl", theirs, " (target: at most 0.70x)")
    print(f"{'':<18}{ratio_summary(ours, theirs)}")
    print(spread("csrwizard", ours))
    print(spread("openssl", theirs))


def make_fixed_key(scratch: Path) -> Path:
    key = scratch / "fixed.key"
    command = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)]
    subprocess.run(command, check=True, capture_output=True)
    return key


def python_of(launch: list[str]) -> str:
    """The interpreter behind a csrwizard command: the checkout's, or the fresh install's."""
    if launch[1:2] == ["-m"]:
        return launch[0]
    return str(Path(launch[0]).with_name("python" + (".exe" if sys.platform == "win32" else "")))


def measure_sweep(launch: list[str], runs: int, scratch: Path, fixed_key: bool) -> None:
    inputs = {path.stem: read_fields(path) for path in sorted(INPUTS.glob("*.txt"))}
    key = make_fixed_key(scratch) if fixed_key else None
    if key is not None:
        launch = [python_of(launch), str(FIXED_KEY_CHILD), str(key)]
    timings: dict[str, list[float]] = {name: [] for name in ["openssl", *inputs]}
    for run in range(runs + 1):
        for name in timings:
            folder = scratch / f"{run}-{name}"
            folder.mkdir()
            if name == "openssl":
                took = time_command(openssl_command(folder, inputs[SEED.stem], key))
            else:
                took = time_command([*launch, *create_arguments(folder, inputs[name])])
            if run:
                timings[name].append(took)
    reference, openssl = timings[REFERENCE.stem], timings["openssl"]
    print(f"runs each: {runs}{', the key read from a file' if key else ''}")
    print(
        f"openssl (the seed's fields): median {statistics.median(openssl) * 1000:.0f} ms; {spread('', openssl).strip()}"
    )
    for name, series in timings.items():
        if name == "openssl":
            continue
        print(f"{name}: median {statistics.median(series) * 1000:.0f} ms; {spread('', series).strip()}")
        print(f"  against openssl:    {ratio_summary(series, openssl)}")
        if name != REFERENCE.stem:
            print(f"  against {REFERENCE.stem}: {ratio_summary(series, reference)} (target: within 10%)")


def measure_instructions(launch: list[str], scratch: Path) -> None:
    """Instructions of one create --batch per input, with the key read from a file."""
    key = make_fixed_key(scratch)
    python = python_of(launch)
    counts = {}
    for path in sorted(INPUTS.glob("*.txt")):
        folder = scratch / f"instructions-{path.stem}"
        folder.mkdir()
        command = [python, str(FIXED_KEY_CHILD), str(key), *create_arguments(folder, read_fields(path))]
        counts[path.stem] = count_instructions(command)
    for name, count in counts.items():
        ratio = count / counts[REFERENCE.stem]
        print(f"{name + ':':<13}{count / 1e6:8.1f} M instructions  {ratio:.3f}x {REFERENCE.stem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--fields", type=Path, default=SEED, help="a file of `name = value` lines")
    parser.add_argument("--sweep", action="store_true", help="every file in bench/inputs, alternating")
    parser.add_argument("--fixed-key", action="store_true", help="with --sweep: a key read from a file, not made")
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind, per input")
    add_checkout_option(parser)
    options = parser.parse_args()
    runs = max(options.runs, 21)
    with tempfile.TemporaryDirectory() as scratch:
        launch = csrwizard_command(options.checkout, Path(scratch))
        if options.instructions:
            require_valgrind()
            measure_instructions(launch, Path(scratch))
        elif options.sweep:
            measure_sweep(launch, runs, Path(scratch), options.fixed_key)
        else:
            print(f"fields: {options.fields}")
            measure_one(launch, read_fields(options.fields), runs, Path(scratch))


if __name__ == "__main__":
    main()
