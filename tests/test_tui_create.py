"""Pilot tests of the create flow, driven by key presses at 80x24."""

import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from csrwizard.request.country import country_problem
from csrwizard.request.csr import load_csr
from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.create_done import CreateDoneScreen
from csrwizard.tui.screens.help import HelpScreen
from csrwizard.tui.screens.key_step import KeyStep
from csrwizard.tui.screens.menu import MenuScreen
from csrwizard.tui.screens.names_step import NamesStep
from csrwizard.tui.screens.organisation_step import OrganisationStep
from csrwizard.tui.screens.review_step import ReviewStep
from tests.conftest import folder_snapshot
from tests.pilot import SIZE, make_app, type_keys
from tests.scenes import fixed_key, with_existing_files


def shown_messages(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query(".field-message") if widget.display)


async def test_the_whole_create_flow_by_key_presses_writes_what_was_typed(tmp_path):
    app = make_app(tmp_path, key_factory=lambda size: fixed_key(size))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Create
        assert isinstance(app.screen, CountryStep)
        await type_keys(pilot, "germany")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationStep)
        await type_keys(pilot, "Bayern")
        await pilot.press("enter")
        await type_keys(pilot, "München")
        await pilot.press("enter")
        await type_keys(pilot, "Beispiel GmbH")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NamesStep)
        await type_keys(pilot, "https://ec.example.com:8443/")
        await pilot.press("enter")
        await type_keys(pilot, "ec.example.net, 8.8.4.4")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyStep)
        await pilot.press("down", "enter")  # 3072 bits
        await pilot.pause()
        # Enter visits each group in turn, as Tab does: none is skipped on the way to Review.
        for group in ("key-format", "input-folder", "input-key_name", "input-csr_name"):
            assert app.focused.id == group
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ReviewStep)
        assert folder_snapshot(tmp_path) == {}, "review must come before anything is written"
        await pilot.press("enter")  # Generate
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CreateDoneScreen)

    csr = load_csr((tmp_path / "server.csr").read_bytes())
    assert csr.is_signature_valid
    assert csr.subject.rfc4514_string() == "CN=ec.example.com,O=Beispiel GmbH,L=München,ST=Bayern,C=DE"
    sans = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(n.value) for n in sans] == ["ec.example.com", "ec.example.net", "8.8.4.4"]
    key = serialization.load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
    assert key.key_size == 3072
    assert key.public_key().public_numbers() == csr.public_key().public_numbers()


async def test_escape_goes_back_and_keeps_values_both_ways(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "GB")
        await pilot.press("enter")
        await type_keys(pilot, "England")
        await pilot.press("enter")
        await type_keys(pilot, "London")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)
        assert app.screen.query_one("#input-country").value == "GB"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationStep)
        assert app.screen.query_one("#input-state").value == "England"
        assert app.screen.query_one("#input-locality").value == "London"


async def test_invalid_input_shows_the_engines_message_and_does_not_advance(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "UK")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)
        assert country_problem("UK") in shown_messages(app.screen)
        assert "use GB" in shown_messages(app.screen)


async def test_an_empty_required_field_stops_the_step_and_takes_the_focus(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "GB")
        await pilot.press("enter", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationStep)
        assert app.focused.id == "input-state"
        assert "✗ required" in shown_messages(app.screen)


async def test_names_step_lists_entries_with_types_and_refuses_bad_ones(tmp_path):
    app = make_app(tmp_path)
    app.draft.typed.country = "GB"
    async with app.run_test(size=SIZE) as pilot:
        app.draft.typed.country, app.draft.typed.state = "GB", "England"
        app.draft.typed.locality, app.draft.typed.organization = "London", "Example"
        app.push_screen(NamesStep())
        await pilot.pause()
        await type_keys(pilot, "http://ec.example.com/")
        await pilot.press("tab")
        await type_keys(pilot, "*.example.com, 10.0.0.1, bad_name.example.com, EC.EXAMPLE.COM")
        preview = str(app.screen.query_one("#san-preview").render_line(0).text) + "".join(
            strip.text
            for strip in app.screen.query_one("#san-preview").render_lines(
                app.screen.query_one("#san-preview").region.reset_offset
            )
        )
        assert "wildcard" in preview and "IP" in preview and "duplicate" in preview
        assert "the CN, added first automatically" in preview
        assert "removed the protocol" in shown_messages(app.screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NamesStep)
        assert "underscore" in shown_messages(app.screen)


async def test_renewal_prefills_from_the_existing_csr(tmp_path):
    with_existing_files(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)
        assert app.screen.query_one("#input-country").value == "IN"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#input-organization").value == "Example Software Pvt Ltd"
        assert app.draft.typed.common_name == "ec.example.com"
        assert app.draft.typed.sans == "ec.example.net"


async def test_menu_lists_existing_files_and_promises_a_backup(tmp_path):
    with_existing_files(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#existing-files").render())
        assert "server.key" in text and "server.csr" in text and "2026-11-27 09:30" in text
        assert "backed up" in text


async def test_renew_is_not_offered_without_a_csr(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)


async def test_generate_writes_backups_and_the_done_screen_lists_them(tmp_path):
    from tests.scenes import with_an_older_key

    with_an_older_key(tmp_path)  # the test key is fixed: the old one must differ, as a real one does
    old_key = (tmp_path / "server.key").read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        for _ in range(4):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, ReviewStep)
        review = str(app.screen.query_one("#review-summary").render())
        assert "Will back up server.key as server.key.<date>-<time>.bak" in review
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = str(app.screen.query_one("#written").render())
        assert "server.key.20261127-093005.bak" in written
    assert (tmp_path / "server.key.20261127-093005.bak").read_bytes() == old_key


async def test_the_key_is_made_in_a_worker_thread_as_soon_as_its_size_is_known(tmp_path):
    made_on = []

    def recording_factory(size):
        made_on.append(threading.current_thread())
        return fixed_key(size)

    app = make_app(tmp_path, key_factory=recording_factory)
    async with app.run_test(size=SIZE) as pilot:
        app.draft.typed.__init__("GB", "England", "London", "Example", "", "ec.example.com", "")
        app.push_screen(KeyStep())
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert [job for job in app.background_keys] == [2048], "arriving with the default size starts it"
        await pilot.press("down")  # 3072 chosen: started at once, before moving on
        await app.workers.wait_for_complete()
        assert sorted(app.background_keys) == [2048, 3072]
        await pilot.press("ctrl+n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewStep)
        assert made_on, "the key is made in the background"
        assert all(thread is not threading.main_thread() for thread in made_on)
        assert folder_snapshot(tmp_path) == {}


async def test_a_write_failure_is_shown_on_review_and_changes_nothing(tmp_path):
    with_existing_files(tmp_path)
    before = folder_snapshot(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        for _ in range(4):
            await pilot.press("ctrl+n")
            await pilot.pause()
        (tmp_path / "server.csr").unlink()
        (tmp_path / "server.csr").mkdir()  # a folder where the CSR goes: never replaced
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewStep)
        error = str(app.screen.query_one("#review-error").render())
        assert "server.csr is a folder" in error and "nothing was written" in error
    assert (tmp_path / "server.key").read_bytes() == before["server.key"]


async def test_f1_shows_help_for_the_current_step(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.help_text.startswith(CountryStep.HELP)
        keys = app.screen.help_text.split("Keys here:", 1)[1]
        # Every key of the screen, as said on the phone, with the field-editing ones.
        for said in ("Ctrl+N", "Esc", "Ctrl+E or F2", "Ctrl+Q", "Ctrl+G or F1", "Ctrl+U", "Shift+Tab"):
            assert said in keys, said
        assert "^" not in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (120, 40), (20, 6), (10, 4)])
async def test_resizing_never_crashes(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "G")
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await type_keys(pilot, "B")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationStep)


async def test_no_color_still_marks_errors_with_symbols(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "XX")
        await pilot.press("enter")
        await pilot.pause()
        assert "✗" in app.export_screenshot()


async def test_ctrl_q_quits_from_any_step(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_f2_puts_in_the_engines_suggested_fix(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "uk")
        assert "(Ctrl+E uses it)" in shown_messages(app.screen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#input-country").value == "GB"
        await pilot.press("backspace", "backspace")
        await type_keys(pilot, "IN")
        await pilot.press("enter")
        await pilot.pause()
        await type_keys(pilot, "TN")
        await pilot.press("enter")  # a warning does not stop Enter: the focus moves on
        await pilot.pause()
        assert app.focused.id == "input-locality"
        # Typed in ASCII: offered in ASCII, with ISO's spelling shown beside it.
        assert "full name: Tamil Nadu (ISO 3166-2 spells it Tamil Nādu)" in shown_messages(app.screen)
        assert app.draft.typed.state == "TN"  # nothing changes until a key is pressed
        await pilot.press("f2")  # the function key still works too
        await pilot.pause()
        assert app.draft.typed.state == "Tamil Nadu"
        assert "looks like a code" not in shown_messages(app.screen)


async def test_every_character_typed_into_a_long_san_list_is_drawn(tmp_path):
    # As the preview grows past the screen, the scrollbar appears; the field must not lose its
    # last characters to that change of width (it did at 162, 178 and 194 characters).
    names = ",".join(f"host{index:02}.example.com" for index in range(11))  # 208 characters
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.draft.typed.country, app.draft.typed.state = "GB", "England"
        app.draft.typed.locality, app.draft.typed.organization = "London", "Example"
        app.draft.typed.common_name = "ec.example.com"
        app.push_screen(NamesStep())
        await pilot.pause()
        field = app.screen.query_one("#input-sans")
        field.focus()
        await pilot.pause()
        # The first 150 characters at once (the preview overflows from about 120), then key by key.
        field.value = names[:150]
        field.cursor_position = 150
        await pilot.pause()
        undrawn = []
        for char in names[150:]:
            await pilot.press(char)
            await pilot.pause()
            rows = app.screen._compositor.render_strips()[field.region.y : field.region.bottom]
            if field.value[-6:] not in "".join(strip.text for strip in rows):
                undrawn.append(len(field.value))
        assert field.value == names
        assert undrawn == []


async def test_a_key_and_its_verdict_are_drawn_in_the_same_frame(tmp_path):
    # The verdict is made while the key is handled, before anything is drawn: one frame per key,
    # so the next key never waits behind a second frame for the messages.
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#input-country")
        field.value = "UK"  # no await: nothing else runs before the next check
        assert country_problem("UK") in shown_messages(app.screen)
        assert app.draft.typed.country == "UK"
        field.value = "GB"
        assert country_problem("UK") not in shown_messages(app.screen)


async def test_a_key_that_keeps_the_verdicts_height_repaints_without_a_new_layout(tmp_path, monkeypatch):
    # After a layout Textual paints every widget on the screen again: most of what a key cost.
    from textual.screen import Screen

    layouts = []
    refresh_layout = Screen._refresh_layout
    monkeypatch.setattr(
        Screen, "_refresh_layout", lambda self, *a, **k: layouts.append(1) or refresh_layout(self, *a, **k)
    )
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "xq")  # the verdict appears: a layout
        layouts.clear()
        await type_keys(pilot, "zzz")
        assert layouts == []
        assert country_problem("xqzzz") in shown_messages(app.screen)
        assert "xqzzz" in "".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_a_verdict_that_grows_a_line_and_a_long_value_are_both_drawn_whole(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await type_keys(pilot, "xq")
        message = app.screen.query_one(".field-message")
        assert message.size.height == 1
        typed = "xq" + "".join(chr(ord("a") + index % 26) for index in range(100))
        field = app.screen.query_one("#input-country")
        field.value, field.cursor_position = typed[:-5], len(typed) - 5  # as if typed or pasted
        await pilot.pause()
        for char in typed[-5:]:
            await pilot.press(char)
        await pilot.pause()
        screen_text = [strip.text for strip in app.screen._compositor.render_strips()]
        # The verdict wrapped onto more lines, and got them: its end is on screen.
        assert message.size.height > 1
        assert "country code or name" in "".join(screen_text[message.region.y : message.region.bottom])
        # The field scrolled with its text: the last characters typed are the ones shown.
        assert typed[-8:] in "".join(screen_text[field.region.y : field.region.bottom])
