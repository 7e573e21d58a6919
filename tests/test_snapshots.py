"""Every screen at 80x24, with a fixed folder, clock and key. Review SVG diffs like code."""

import pytest

from tests.scenes import SCENES


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
def test_screen(snap_compare, scene):
    assert snap_compare(scene.app(), run_before=scene.run_before, terminal_size=(80, 24))


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
async def test_every_screen_survives_resizing(scene):
    app = scene.app()
    async with app.run_test(size=(80, 24)) as pilot:
        if scene.run_before:
            await scene.run_before(pilot)
        shown = type(app.screen)
        for size in [(40, 12), (20, 6), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert type(app.screen) is shown
        assert app.is_running
