"""The README says what `inspect` prints for a file with nothing readable: the two must agree."""

from __future__ import annotations

import re
from pathlib import Path

from csrwizard.cli import main

README = Path(__file__).parents[1] / "README.md"
WORDS = {"one": 1, "two": 2, "three": 3}


def test_inspect_of_a_garbage_file_prints_what_the_readme_says(tmp_path, capsys):
    said = re.search(r"a file with nothing readable ends with exit 1 or\s+2 and (\w+) lines?", README.read_text())
    assert said, "the README no longer says what a garbage file prints"
    (tmp_path / "garbage.bin").write_bytes(bytes(range(256)) * 3)
    assert main(["inspect", str(tmp_path / "garbage.bin")]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == WORDS[said.group(1)]
    assert lines[0] == "Cannot read the file:" and "garbage.bin" in lines[1]
