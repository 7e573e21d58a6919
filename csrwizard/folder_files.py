"""The files csrwizard knows in a folder, in upload order, for the menu's "Already in this folder".

A small stand-in for the engine's folder model (reply/folder.py's read_folder(...).listing()),
which says the same and more; names and dates only, nothing is opened.
"""

from __future__ import annotations

import re
from pathlib import Path

from csrwizard.names import CERT_NAME, CHAIN_NAME, CONFIG_NAME, CSR_NAME, KEY_NAME, NUMBERED_CHAIN_NAME, PFX_NAME

NUMBERED_CHAIN = re.compile(re.escape(NUMBERED_CHAIN_NAME).replace(re.escape("{position}"), r"(\d+)"))


def folder_listing(folder: Path) -> list[Path]:
    """key, CSR, certificate, intermediate.crt, intermediate-1.crt..., .pfx, opensslsan.conf: those there."""
    try:
        names = {path.name for path in folder.iterdir() if path.is_file()}
    except OSError:
        return []
    numbered = sorted(
        (int(match.group(1)), name) for name in names if (match := NUMBERED_CHAIN.fullmatch(name)) is not None
    )
    order = [KEY_NAME, CSR_NAME, CERT_NAME, CHAIN_NAME, *(name for _, name in numbered), PFX_NAME, CONFIG_NAME]
    return [folder / name for name in order if name in names]
