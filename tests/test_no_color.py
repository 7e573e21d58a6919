"""NO_COLOR: every screen of the wizard in greys and attributes only, and the focus still shows;
and no screen draws a glyph a Windows raster font or the Linux VT lacks."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from tests.scenes import SCENES


def colours_on_screen(app) -> set[tuple[int, int, int]]:
    """Every foreground and background colour the screen's cells are drawn with, as RGB."""
    console = Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True, width=app.size.width
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    found = set()
    for segment in console._record_buffer:
        style = segment.style
        if style is None:
            continue
        for colour in (style.color, style.bgcolor):
            if colour is not None and not colour.is_default:
                found.add(tuple(colour.get_truecolor()))
    return found


# Eighth blocks (Textual's tall borders and scroll bars), flag emoji (regional indicators), and
# the folder and file emoji of Textual's DirectoryTree (📁 📂 📄).
MISSING_GLYPHS = re.compile(
    "[\u2581-\u2587\u2589-\u258b\u258d-\u258f\u2594\U0001f1e6-\U0001f1ff\U0001f4c1\U0001f4c2\U0001f4c4]"
)


def drawn_text(app) -> str:
    console = Console(file=io.StringIO(), width=app.size.width, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.file.getvalue()


def has_hue(rgb: tuple[int, int, int]) -> bool:
    return max(rgb) - min(rgb) > 2  # a grey has its three channels (nearly) equal


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("scene", SCENES, ids=lambda scene: scene.name)
async def test_no_screen_carries_a_hue_with_no_color(scene, size, tmp_path, monkeypatch):
    monkeypatch.chdir(scene.set_up(tmp_path))
    monkeypatch.setenv("NO_COLOR", "1")
    app = scene.app()
    async with app.run_test(size=size) as pilot:
        if scene.run_before:
            await scene.run_before(pilot)
        await pilot.pause()
        colours = colours_on_screen(app)
        assert colours, "nothing was drawn"
        assert sorted(rgb for rgb in colours if has_hue(rgb)) == []
        assert MISSING_GLYPHS.findall(drawn_text(app)) == []
        # The focus shows without colour: a reversed cell somewhere on screen.
        if app.focused is not None:
            assert _has_reverse(app), "the focus does not show"


def _has_reverse(app) -> bool:
    console = Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True, width=app.size.width
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return any(segment.style is not None and segment.style.reverse for segment in console._record_buffer)
