"""The line-by-line mode without a pty: answers from a pipe, and when it is chosen by itself.

These run on every platform, Windows included.
"""

import subprocess
import sys

import pytest

from csrwizard.cli.terminal import wants_plain
from tests.conftest import run_openssl


def create_plain_piped(folder, answers: bytes) -> subprocess.CompletedProcess:
    """`csrwizard create --plain` with its answers piped in, as `Get-Content answers.txt |` does."""
    command = [sys.executable, "-m", "csrwizard", "create", "--plain", "--dir", str(folder)]
    return subprocess.run(command, input=answers, capture_output=True)


def test_answers_from_a_pipe_work_without_a_terminal(tmp_path):
    """--plain reads plain lines, so it can be answered from a file too (and on any platform)."""
    answers = "GB\nEngland\nLondon\nExample Ltd\n\nec.example.com\n\n\ny\n"
    result = create_plain_piped(tmp_path, answers.encode())
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "server.csr").exists()


def test_answers_that_end_early_write_nothing(tmp_path):
    result = create_plain_piped(tmp_path, b"GB\nEngland\n")
    assert result.returncode == 1
    assert b"the answers ended" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("environ", "platform", "plain"),
    [
        ({"TERM": "xterm-256color"}, "linux", False),
        ({"TERM": "linux"}, "linux", False),
        ({"TERM": "dumb"}, "linux", True),
        ({}, "linux", True),
        ({"TERM": ""}, "darwin", True),
        ({"TERM": "xterm", "CSRWIZARD_PLAIN": "1"}, "linux", True),
        ({"TERM": "dumb", "CSRWIZARD_PLAIN": "0"}, "linux", True),
        ({"TERM": "xterm", "CSRWIZARD_PLAIN": "0"}, "linux", False),
    ],
)
def test_the_line_by_line_mode_is_chosen_where_the_wizard_cannot_draw(environ, platform, plain):
    assert wants_plain(environ, platform) is plain


@pytest.mark.parametrize(("console_draws", "plain"), [(True, False), (False, True)])
def test_on_windows_the_console_decides_not_term(console_draws, plain):
    # Windows consoles set no TERM: an unset TERM there says nothing about the console.
    assert wants_plain({}, "win32", console_draws=lambda: console_draws) is plain
    assert wants_plain({"TERM": "dumb"}, "win32", console_draws=lambda: True) is True


def test_a_script_without_batch_or_plain_is_told_what_to_add(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "csrwizard", "create", "--dir", str(tmp_path)], input=b"", capture_output=True
    )
    assert result.returncode == 2
    assert b"--batch" in result.stderr and b"--plain" in result.stderr


SEED_WITH_THE_STATE_CODE = "IN\nTN\nChennai\nZOHO\n\nwww.zoho.com\n*.domain.com, manageengine.com, ems.com\n\ny\n"


def test_piped_answers_stay_with_their_questions_after_a_warning(tmp_path):
    # TN is warned about, not asked about again: the next line is Chennai's, the Locality.
    result = create_plain_piped(tmp_path, SEED_WITH_THE_STATE_CODE.encode())
    assert result.returncode == 0, result.stderr
    assert b"Kept TN; to use Tamil Nadu, type 2 at the review." in result.stdout
    subject = run_openssl("req", "-in", str(tmp_path / "server.csr"), "-noout", "-subject").stdout.decode()
    assert "ST=TN" in subject.replace(" ", "") and "L=Chennai" in subject.replace(" ", ""), subject


def test_a_refused_piped_answer_stops_the_run_and_writes_nothing(tmp_path):
    # Asked again, Country would take the State's line (TN, Tunisia) and every answer would shift.
    result = create_plain_piped(tmp_path, b"UK\nTN\nChennai\n")
    assert result.returncode == 2
    assert b"Country: UK is not an ISO 3166 code; use GB (United Kingdom)" in result.stderr
    assert list(tmp_path.iterdir()) == []
