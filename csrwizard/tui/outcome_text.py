"""The engine's outcome lines (csrwizard.outcome_lines) on a wizard screen: the same words, styled.

Each verdict's symbol and word are coloured (greys with NO_COLOR: Textual's monochrome filter),
warnings are yellow, headings bold; no line is re-worded. What came from a file or a person is
shown escaped, as the command line's output is.
"""

from __future__ import annotations

from typing import Iterable

from rich.text import Text

from csrwizard.outcome_lines import FINGERPRINT, NEXT_STEPS, VERDICT_SYMBOLS, VERDICT_WORDS, byte_rows, verdict_line
from csrwizard.shown_text import shown

VERDICT_STYLES = {"pass": "green", "warn": "yellow", "fail": "bold red"}
BOLD_HEADS = (NEXT_STEPS, "Public key SHA-256, first 8 bytes:", "To send the CSR:")
LABELS = ("Subject:", "SANs:", "Key:")
FINGERPRINT_ROW_BYTES = 16  # two rows of 16 bytes fit 60 columns, and no row ends inside a byte


def styled_line(line: str) -> Text:
    safe = shown(line, None)
    for verdict, symbol in VERDICT_SYMBOLS.items():
        if safe.startswith(f"{symbol} {VERDICT_WORDS[verdict]} "):
            # The symbol, its word and what the line is about coloured; the reason plain.
            head, colon, rest = safe.partition(": ")
            text = Text(head + colon, style=VERDICT_STYLES[verdict])
            return text.append(rest)
    if safe.startswith("Warning: "):
        return Text(safe, style="yellow")
    if safe.startswith(BOLD_HEADS):
        return Text(safe, style="bold")
    if safe.startswith(f"{FINGERPRINT} "):
        # Laid out, not re-worded: the whole fingerprint under its label, in rows of whole bytes.
        rows = byte_rows(safe.removeprefix(f"{FINGERPRINT} "), FINGERPRINT_ROW_BYTES)
        return Text(FINGERPRINT).append("".join(f"\n  {row}" for row in rows))
    if safe.startswith(LABELS):
        label, _, rest = safe.partition(" ")
        return Text(label + " ", style="bold").append(rest)
    return Text(safe)


def styled_lines(lines: Iterable[str]) -> Text:
    return Text("\n").join(styled_line(line) for line in lines)


def verdict_text(verdict: str, text: str) -> Text:
    """A line of the wizard's own (a refusal, a fetch) with a verdict, worded as the checks are."""
    return styled_line(verdict_line(verdict, text))
