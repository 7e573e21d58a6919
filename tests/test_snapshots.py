"""Every screen at 80x24, with a fixed folder, clock and key. Review SVG diffs like code."""

import pytest

from tests.scenes import SCENES


@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
def test_screen(snap_compare, scene):
    assert snap_compare(scene.app(), run_before=scene.run_before, terminal_size=(80, 24))
