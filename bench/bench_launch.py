"""How csrwizard is started, and what it costs: `create --batch` through each launch, beside openssl.

The installed console script (what the README's quick start gives), `python -m csrwizard`,
`python -I -S` with the install's packages on the path and no site module, and the checkout
compiled from source on every run (an editable install where bytecode is not written). Runs
alternate across all five, so noise hits each alike; medians are compared.

    python bench/bench_launch.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from bench_create import create_arguments, openssl_command
from compare import print_table, time_command
from installed import ROOT, Installed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = max(parser.parse_args().runs, 21)
    with tempfile.TemporaryDirectory() as scratch:
        installed = Installed.made_in(Path(scratch) / "venv")
        launches = installed.launches()
        # csrwizard's own modules with no bytecode beside them, and none written: each run compiles
        # them, as an editable install does under PYTHONDONTWRITEBYTECODE. Libraries keep theirs.
        source = Path(scratch) / "source"
        shutil.copytree(ROOT / "csrwizard", source / "csrwizard", ignore=shutil.ignore_patterns("__pycache__"))
        from_source = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(source))
        timings: dict[str, list[float]] = {name: [] for name in [*launches, "checkout, from source", "openssl"]}
        for run in range(runs + 1):
            for index, name in enumerate(timings):
                folder = Path(scratch) / f"{run}-{index}"
                folder.mkdir()
                if name == "openssl":
                    took = time_command(openssl_command(folder))
                elif name == "checkout, from source":
                    took = time_command(
                        [str(installed.python), "-m", "csrwizard", *create_arguments(folder)], env=from_source
                    )
                else:
                    took = time_command([*launches[name], *create_arguments(folder)])
                if run:  # the first round warms the caches
                    timings[name].append(took)
        baseline = timings.pop("openssl")
    print_table("openssl", baseline, timings)


if __name__ == "__main__":
    main()
