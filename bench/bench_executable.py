"""The built executable, in each format considered, against the pip-installed command: `--version`,
a whole `create --batch` with the seed's example, and the time until the wizard's first screen
is on screen in a real pty at 80x24.

The formats: one folder (what build.py ships, zipped), one self-unpacking file
(`build.py --onefile`), and one folder whose modules are .pyc files rather than one compressed
archive (`build.py --noarchive`). The pip-installed command is the console script of a fresh virtual
environment with csrwizard installed as the README's quick start does (bench/installed.py).
Runs alternate, so machine noise hits all alike; besides the ratio of the medians, the median of
each pair's ratio is printed with its spread.

--instructions counts instructions under callgrind instead, for `--version` and for a `create
--batch --reuse-key` with the seed's example: the key read from the folder rather than made, so
what is left is what the frozen start costs, free of RSA key generation's lottery (one key takes
50 ms, the next 300) and of the neighbours (needs valgrind).

    python packaging/build.py && python packaging/build.py --onefile && python packaging/build.py --noarchive
    python bench/bench_executable.py [--runs 11] [--instructions]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench_create import create_arguments
from bench_first_screen import first_screen_seconds
from compare import count_instructions, print_comparison, ratio_summary, require_valgrind, spread, time_command
from installed import Installed

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = ".exe" if sys.platform == "win32" else ""
CANDIDATES = {
    "one folder": ROOT / "dist" / "csrwizard" / f"csrwizard{SUFFIX}",
    "one file": ROOT / "dist" / "onefile" / f"csrwizard{SUFFIX}",
    "one folder, no archive": ROOT / "dist" / "noarchive" / "csrwizard" / f"csrwizard{SUFFIX}",
}
TARGETS = {"--version": " (target: at most 2x)", "create --batch": " (target: at most 1.2x)"}
TARGETS["first screen"] = " (target: at most 1.2x)"
BARE = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def size_of(label: str, path: Path) -> str:
    if label == "one file":
        return f"{path.stat().st_size / 1_000_000:.1f} MB"
    files = [p for p in path.parent.rglob("*") if p.is_file()]
    zips = sorted((ROOT / "dist").glob("csrwizard-*.zip"))
    zipped = f", zipped {zips[-1].stat().st_size / 1_000_000:.1f} MB" if zips and label == "one folder" else ""
    return f"{sum(p.stat().st_size for p in files) / 1_000_000:.1f} MB in {len(files)} files{zipped}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    options = parser.parse_args()
    built = {label: path for label, path in CANDIDATES.items() if path.is_file()}
    if not built:
        sys.exit("bench_executable.py: build first: python packaging/build.py [--onefile]")
    if options.instructions:
        require_valgrind()
        measure_instructions(built)
        return
    runs = options.runs
    # A pty child killed at its first screen may still be writing there (the one-file build unpacks).
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as scratch:
        installed = Installed.made_in(Path(scratch) / "venv")
        commands = {
            "pip-installed": str(installed.console_script),
            **{label: str(path) for label, path in built.items()},
        }
        measures = ("--version", "create --batch", "first screen")
        timings = {measure: {label: [] for label in commands} for measure in measures}
        home = Path(scratch) / "home"
        home.mkdir()
        environment = {**BARE, "HOME": str(home)}

        def one_round(run: int, keep: bool) -> None:
            for index, (label, command) in enumerate(commands.items()):
                folder = Path(scratch) / f"{run}-{index}"
                folder.mkdir()
                took = {
                    "--version": time_command([command, "--version"], env=environment),
                    "create --batch": time_command([command, *create_arguments(folder)], env=environment),
                    "first screen": first_screen_seconds([command], folder),
                }
                if keep:
                    for measure, seconds in took.items():
                        timings[measure][label].append(seconds)

        one_round(-1, keep=False)  # warm the file cache (and the one-file build's first unpacking)
        for run in range(runs):
            one_round(run, keep=True)
    print_results(built, timings)


def measure_instructions(built: dict[str, Path]) -> None:
    """Instructions of `--version` and of a seed create that reuses a key, each command once."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with tempfile.TemporaryDirectory() as scratch:
        installed = Installed.made_in(Path(scratch) / "venv")
        commands = {"pip-installed": str(installed.console_script), **{k: str(v) for k, v in built.items()}}
        environment = {**BARE, "HOME": scratch}
        counts: dict[str, dict[str, int]] = {"--version": {}, "create --batch --reuse-key": {}}
        for index, (label, command) in enumerate(commands.items()):
            folder = Path(scratch) / str(index)
            folder.mkdir()
            (folder / "server.key").write_bytes(pem)
            create = [command, *create_arguments(folder), "--reuse-key"]
            time_command(create, env=environment)  # once first: the suffix list's cache is built by the first run
            counts["--version"][label] = count_instructions([command, "--version"], env=environment, children=True)
            counts["create --batch --reuse-key"][label] = count_instructions(create, env=environment, children=True)
    for measure, by_label in counts.items():
        print(f"{measure}:")
        for label, count in by_label.items():
            print(f"  {label + ':':<26}{count / 1e6:8.0f} M instructions  {count / by_label['pip-installed']:.3f}x")


def print_results(built: dict[str, Path], timings: dict[str, dict[str, list[float]]]) -> None:
    for label, path in built.items():
        print(f"{label}: {size_of(label, path)}")
        for measure in timings:
            ours, pip = timings[measure][label], timings[measure]["pip-installed"]
            print(f"  {measure}:")
            print_comparison(label, ours, "pip-installed", pip, TARGETS[measure])
            print(f"    {ratio_summary(ours, pip)}")
            print(f"    {spread(label, ours)}; {spread('pip-installed', pip)}")
        print()


if __name__ == "__main__":
    main()
