"""The line-by-line mode's lines: each verdict said in a word, long lines cut between words."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrwizard.cli.plain.lines import LinePrompt, spell_verdict, wrap_line
from csrwizard.cli.reply_commands import print_results
from csrwizard.reply.checks import FAIL, PASS, WARN, CheckResult


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("✓ Names: Covers www.zoho.com", "✓ PASS Names: Covers www.zoho.com"),
        ("✗ Chain: Missing intermediate", "✗ FAIL Chain: Missing intermediate"),
        ("! Chain: ends below a root", "! WARNING Chain: ends below a root"),
        ("  ✓ Wrote server.crt", "  ✓ PASS Wrote server.crt"),
        ("Refused: Country: UK is not an ISO 3166 code", "Refused: Country: UK is not an ISO 3166 code"),
        ("!important", "!important"),
    ],
)
def test_each_verdict_is_said_in_a_word_beside_its_symbol(line, said):
    assert spell_verdict(line) == said
    assert spell_verdict(said) == said  # never twice


def test_the_check_lines_reach_the_line_by_line_mode_with_their_words():
    output = io.StringIO()
    prompt = LinePrompt(io.StringIO(), output, width=60)
    results = [
        CheckResult("Key match", PASS, "The certificate's key is the one in server.key"),
        CheckResult("Names", FAIL, "Not covered by the certificate: ec.example.com, ec.example.net"),
        CheckResult("Chain", WARN, "ec.example.com > Example Intermediate > Example Root validates"),
    ]
    with prompt.printed_here():
        print_results(results)
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("✓ PASS Key match:")
    assert [line.split()[1] for line in lines if line[:1] in "✓✗!"] == ["PASS", "FAIL", "WARNING"]
    assert all(len(line) <= 60 for line in lines)
    assert "ec.example.net" in output.getvalue()  # cut between words, nothing lost


@given(st.lists(st.text(alphabet="abcdefghij-.", min_size=1, max_size=12), min_size=1, max_size=30))
def test_lines_are_cut_between_words_only(words):
    line = " ".join(words)
    lines = wrap_line(line, 20)
    assert " ".join(part.strip() for part in lines).split() == line.split()  # no word cut or lost
    assert all(len(part) <= 20 or " " not in part.strip() for part in lines)


def test_a_question_wider_than_the_terminal_is_cut_between_words():
    output = io.StringIO()
    prompt = LinePrompt(io.StringIO("yes\n"), output, width=30)
    assert prompt.ask("Please confirm that the certificate should be written", "n") == "yes"
    shown = output.getvalue()
    assert "confir\n" not in shown and "confirm" in shown
    assert shown.endswith("[n]: ")
    assert all(len(line) <= 30 for line in shown.splitlines())


def test_a_pipe_gets_the_lines_whole():
    output = io.StringIO()  # not a terminal: no width, nothing cut
    LinePrompt(io.StringIO(), output).say("word " * 40)
    assert output.getvalue().count("\n") == 1


@pytest.mark.parametrize("width", [30, 40, 60, 80])
def test_a_fingerprint_wraps_between_bytes_never_inside_one(width):
    """Read aloud on the phone, a byte the terminal cut in two ("4E:4" / "B:73") is a wrong byte."""
    from csrwizard.cli.plain.lines import wrap_line

    fingerprint = ":".join(f"{byte:02X}" for byte in range(200, 232))
    rows = wrap_line(f"  Public key SHA-256: {fingerprint}", width)
    assert all(len(row) <= width for row in rows)
    continued = [row.strip() for row in rows[1:]]
    assert ":".join(continued) == fingerprint
    assert all(len(octet) == 2 for row in continued for octet in row.split(":"))


def test_inspect_lays_fingerprints_out_in_rows_of_eight_whole_bytes():
    from csrwizard.reply.inspect import render_description

    fingerprint = ":".join(f"{byte:02X}" for byte in range(32))
    text = render_description({"kind": "PEM certificate", "certificates": [{"sha256_fingerprint": fingerprint}]})
    lines = text.splitlines()[3:]
    assert lines[0] == "  SHA-256 fingerprint: 00:01:02:03:04:05:06:07"
    assert [line.strip() for line in lines[1:]] == [
        "08:09:0A:0B:0C:0D:0E:0F",
        "10:11:12:13:14:15:16:17",
        "18:19:1A:1B:1C:1D:1E:1F",
    ]
    assert all(len(line) <= 60 for line in lines)
