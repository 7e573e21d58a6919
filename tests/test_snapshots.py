"""Every screen at 80x24, each in its own folder, with a fixed clock and key. Review SVG diffs like code."""

import pytest

from tests.scenes import SCENES


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
def test_screen(snap_compare, scene, tmp_path, monkeypatch):
    monkeypatch.chdir(scene.set_up(tmp_path))
    assert snap_compare(scene.app(), run_before=scene.run_before, terminal_size=(80, 24))


# One screen of each kind (a list, a form with messages, a scrolled result): resizing is slow to test.
RESIZED_SCENES = [scene for scene in SCENES if scene.name in ("menu-existing-files", "names", "check-results")]


@pytest.mark.parametrize("scene", RESIZED_SCENES, ids=lambda scene: scene.name)
async def test_screens_survive_resizing(scene, tmp_path, monkeypatch):
    monkeypatch.chdir(scene.set_up(tmp_path))
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


# With NO_COLOR, at 80x24 and at 60x20 as on a small remote console: nothing cut off, and the focus
# mark shows without any colour. One scene of each kind of screen: a step, a dialog, help, a long result.
SMALL_SCENES = [
    scene
    for scene in SCENES
    if scene.name in ("menu-existing-files", "names", "key", "review", "help", "decrypt", "pfx-dialog", "check-results")
]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", SMALL_SCENES, ids=lambda scene: scene.name)
def test_screen_without_colour(snap_compare, scene, size, tmp_path, monkeypatch):
    monkeypatch.chdir(scene.set_up(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(scene.app(), run_before=scene.run_before, terminal_size=size)
