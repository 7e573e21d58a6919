"""The exit codes are defined once, and are the ones the README promises scripts."""

from __future__ import annotations

import re
from pathlib import Path

from csrwizard.cli.exit_status import ExitStatus

PACKAGE = Path(__file__).resolve().parent.parent / "csrwizard"
README = PACKAGE.parent / "README.md"


def test_no_module_defines_exit_codes_of_its_own():
    own = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"\s*EXIT_\w+\s*(,|=)", line)
    ]
    assert own == []


def test_the_codes_are_the_readmes():
    text = README.read_text(encoding="utf-8")
    assert "Exit codes: 0 success, 1 failure" in text and "2 refused input" in text
    assert "3 with `--warn-days`" in text
    assert [int(code) for code in ExitStatus] == [0, 1, 2, 3]
    assert (ExitStatus.OK, ExitStatus.FAILURE, ExitStatus.REFUSED, ExitStatus.RENEW_SOON) == (0, 1, 2, 3)
