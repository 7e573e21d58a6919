"""Commands for after the CA answers (check, pfx, inspect); added as they are built."""

from __future__ import annotations

import argparse
from typing import Callable


def add_after_commands(commands, add_folder: Callable[[argparse.ArgumentParser], None]) -> None:
    """Nothing yet."""
