"""Regenerate screenshots/*.svg from the same scenes the snapshot tests check.

python screenshots/regenerate.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.scenes import SCENES  # noqa: E402


async def save(scene) -> Path:
    app = scene.app()  # on the current folder, which main() sets to the scene's own
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if scene.run_before:
            await scene.run_before(pilot)
        await pilot.pause()
        return Path(app.save_screenshot(filename=f"{scene.name}.svg", path=str(HERE)))


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for scene in SCENES:
            os.chdir(scene.set_up(Path(scratch)))
            print(asyncio.run(save(scene)).relative_to(HERE.parent))


if __name__ == "__main__":
    main()
