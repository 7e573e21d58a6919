"""The first screen's own widgets: the menu list (keys, mouse, a highlight that reads without
colour) and the title bar (the folder, cut in the middle when it does not fit)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from csrwizard.tui.screens.check_reply import CheckReplyScreen
from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.decrypt import DecryptScreen
from csrwizard.tui.screens.inspect import InspectScreen
from csrwizard.tui.screens.menu import MenuScreen
from csrwizard.tui.widgets.menu_list import MenuList
from csrwizard.tui.widgets.title_bar import ELLIPSIS, TitleBar, shorten_middle
from tests.pilot import SIZE, make_app
from tests.scenes import SCENE_FOLDER_LABEL, press

# Six items, numbered as in the line-by-line menu; Renew is there even with nothing to renew from.


def highlighted_prompt(app) -> str:
    menu = app.screen.query_one(MenuList)
    return menu.items[menu.highlighted].prompt


async def test_the_arrow_keys_move_the_highlight_and_wrap_around(tmp_path):
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert highlighted_prompt(pilot.app).startswith("1  Create")
        await press(pilot, "down", "down", "down")
        assert highlighted_prompt(pilot.app).startswith("4  Check")
        await press(pilot, "end")
        assert highlighted_prompt(pilot.app) == "6  Quit"
        await press(pilot, "down")
        assert highlighted_prompt(pilot.app).startswith("1  Create")
        await press(pilot, "up")
        assert highlighted_prompt(pilot.app) == "6  Quit"
        await press(pilot, "home")
        assert highlighted_prompt(pilot.app).startswith("1  Create")


async def test_enter_opens_the_highlighted_item(tmp_path):
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down", "enter")
        assert isinstance(pilot.app.screen, DecryptScreen)
        # Back on the menu, the highlight is where it was: on Decrypt.
        await press(pilot, "escape", "down", "down", "enter")
        assert isinstance(pilot.app.screen, InspectScreen)


async def test_a_click_opens_the_item_clicked(tmp_path):
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Row 0 is the menu's top border; the items follow it, Create first.
        assert await pilot.click(MenuList, offset=(4, 4))
        await pilot.pause()
        assert isinstance(pilot.app.screen, CheckReplyScreen)
        await press(pilot, "escape")
        assert await pilot.click(MenuList, offset=(4, 1))
        await pilot.pause()
        assert isinstance(pilot.app.screen, CountryStep)


async def test_the_highlighted_row_is_reversed_across_the_whole_row_not_only_coloured(tmp_path):
    # Reverse video shows on every terminal, TERM=linux and NO_COLOR included.
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "down", "down")
        menu = pilot.app.screen.query_one(MenuList)
        rows = menu.render().split()
        assert [row.plain.startswith("3  Decrypt") for row in rows] == [False, False, True, False, False, False]
        highlighted = rows[2]
        assert highlighted.cell_len == menu.content_region.width
        assert all("reverse" in str(span.style) for span in highlighted.spans)
        assert not any(row.spans for row in rows if row is not highlighted)


async def test_the_title_bar_names_the_screen_and_the_end_of_a_long_folder(tmp_path):
    app = make_app(tmp_path, folder_label=SCENE_FOLDER_LABEL)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one(TitleBar).render())
        assert line.startswith("csrwizard · Menu   Folder: C:\\")
        assert line.endswith("_CentralServer\\bin")
        assert ELLIPSIS in line and cell_len(line) <= 60 - 2
        await press(pilot, "c")
        assert str(app.screen.query_one(TitleBar).render()).startswith("csrwizard · Country")


async def test_the_title_bar_shows_a_short_folder_whole(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one(TitleBar).render()).endswith(f"Folder: {tmp_path.resolve()}")


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Mn", "Me", "Cf")), max_size=80)


@given(texts, st.integers(min_value=0, max_value=90))
def test_shortening_keeps_the_start_and_the_end_within_the_width(text, width):
    shown = shorten_middle(text, width)
    assert cell_len(shown) <= width
    if cell_len(text) <= width:
        assert shown == text
        return
    if width < 2:
        return  # no room for a start, an ellipsis and an end
    # Cut once, in the middle: a start of the text, the ellipsis, an end of the text.
    cuts = [
        (shown[:at], shown[at + 1 :])
        for at, character in enumerate(shown)
        if character == ELLIPSIS and text.startswith(shown[:at]) and text.endswith(shown[at + 1 :])
    ]
    assert cuts
    # No room wasted (a wide character may leave one cell at each side), and the end, the part
    # that tells EC folders apart, gets the larger share.
    assert cell_len(shown) >= width - 2
    assert any(cell_len(tail) >= cell_len(head) for head, tail in cuts)


async def test_renew_keeps_its_number_and_says_why_when_there_is_nothing_to_renew(tmp_path):
    # "Press 2" means Renew on every screen, as in the line-by-line menu; with no server.csr or
    # server.crt it says what it needs, and the highlight stays put when a file appears.
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = pilot.app.screen.query_one(MenuList).items
        assert [item.prompt[:1] for item in items] == ["1", "2", "3", "4", "5", "6"]
        assert "needs server.csr" in items[1].prompt
        await press(pilot, "2")
        assert isinstance(pilot.app.screen, MenuScreen)
        assert "nothing to renew from" in " ".join(str(n.message) for n in pilot.app._notifications)
        await press(pilot, "down", "down")
        assert highlighted_prompt(pilot.app).startswith("3  Decrypt")
        (tmp_path / "server.csr").write_text("a CSR")
        pilot.app.screen.refresh_files()
        await pilot.pause()
        assert highlighted_prompt(pilot.app).startswith("3  Decrypt")
        assert "Renew from server.csr" in pilot.app.screen.query_one(MenuList).items[1].prompt


@pytest.mark.parametrize(
    ("number", "letter", "screen"),
    [
        ("1", "c", "CountryStep"),
        ("3", "d", "DecryptScreen"),
        ("4", "k", "CheckReplyScreen"),
        ("5", "i", "InspectScreen"),
    ],
)
async def test_each_item_opens_by_its_number_as_in_the_line_by_line_menu_and_by_its_old_letter(
    tmp_path, number, letter, screen
):
    for key in (number, letter):
        async with make_app(tmp_path).run_test(size=SIZE) as pilot:
            await pilot.pause()
            await press(pilot, key)
            assert type(pilot.app.screen).__name__ == screen, key


async def test_the_menu_lists_every_file_of_the_round(tmp_path):
    from tests.scenes import with_every_file

    with_every_file(tmp_path)
    (tmp_path / "reply.p7b").write_text("the CA's answer")
    async with make_app(tmp_path).run_test(size=SIZE) as pilot:
        await pilot.pause()
        listed = str(pilot.app.screen.query_one("#existing-files").render())
    names = [line.split()[0] for line in listed.splitlines()[1:-1]]
    # The engine's folder model, in upload order: what every face lists.
    assert names == ["server.key", "server.csr", "server.crt", "intermediate.crt", "server.pfx", "opensslsan.conf",
                     "reply.p7b"]  # fmt: skip


async def test_a_renewal_names_its_source_and_the_expiry_in_its_title(tmp_path):
    from csrwizard.tui.widgets.title_bar import TitleBar
    from tests.scenes import with_ca_reply

    with_ca_reply(tmp_path)
    (tmp_path / "server.csr").unlink()  # renew from the certificate in force
    async with make_app(tmp_path).run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "2")
        title = str(pilot.app.screen.query_one(TitleBar).render())
        # The step first, then the renewal; at 60 columns the title takes a second line, never cut.
        assert title.startswith("Country · Renew from server.crt (expires 2027-01-29)")
        await press(pilot, *"IN", "ctrl+n")  # this certificate's subject names no country
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        title = pilot.app.screen.query_one(TitleBar)
        assert "Organisation · Renew from server.crt (expires 2027-01-29)" in str(title.render())
