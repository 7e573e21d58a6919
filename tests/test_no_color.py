"""NO_COLOR: every screen of the wizard in greys and attributes only, and the focus still shows;
and no screen draws a glyph a Windows raster font or the Linux VT lacks."""

from __future__ import annotations

import io
import re

import pytest
from rich.cells import cell_len
from rich.console import Console
from textual.containers import ScrollableContainer
from textual.geometry import Region

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


SCREENS_SEEN: set[str] = set()


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
        SCREENS_SEEN.add(type(app.screen).__name__)
        colours = colours_on_screen(app)
        assert colours, "nothing was drawn"
        assert sorted(rgb for rgb in colours if has_hue(rgb)) == []
        assert MISSING_GLYPHS.findall(drawn_text(app)) == []
        # The focus shows without colour: reversed text where the focus is.
        if app.focused is not None and not isinstance(app.focused, ScrollableContainer):
            assert reversed_text_in(app, focus_region(app)), f"the focus on {app.focused!r} does not show"


def focus_region(app) -> Region:
    """Where the focus shows: the focused widget, or the whole field it is the text box of (whose
    label is reversed)."""
    from csrwizard.tui.widgets.form_field import FormField

    for node in app.focused.ancestors_with_self:
        if isinstance(node, FormField):
            return node.region
    return app.focused.region


def reversed_text_in(app, region: Region) -> bool:
    """Whether some visible character inside `region` is drawn in reverse video."""
    strips = app.screen._compositor.render_strips()
    for y in range(region.y, min(region.bottom, len(strips))):
        x = 0
        for segment in strips[y]:
            width = cell_len(segment.text)
            inside = x < region.right and x + width > region.x
            if inside and segment.style is not None and segment.style.reverse and segment.text.strip():
                return True
            x += width
    return False


def test_the_scenes_show_every_screen_and_dialog():
    """The test above saw every screen and dialog the wizard has: a new one without a scene fails."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import csrwizard.tui.screens as screens

    if len(SCREENS_SEEN) < 2:
        pytest.skip("run with the test above (not alone, not filtered)")
    every = set()
    for module in pkgutil.iter_modules(screens.__path__):
        for value in vars(importlib.import_module(f"{screens.__name__}.{module.name}")).values():
            if isinstance(value, type) and issubclass(value, Screen) and value.__module__.startswith(screens.__name__):
                every.add(value.__name__)
    every -= {"WizardStep"}  # the steps' common base, never shown itself
    assert sorted(every - SCREENS_SEEN) == []
