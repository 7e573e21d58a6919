"""Obvious on the first try: focus you can see, work never thrown away silently, one way to choose,
and every action reachable without function keys."""

import pytest

from csrwizard.tui.app import SCREENS_CSS, WARM_UP_DELAY
from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.discard_dialog import DiscardDialog
from csrwizard.tui.screens.key_step import KeyStep
from csrwizard.tui.screens.menu import MenuScreen
from csrwizard.tui.screens.names_step import NamesStep
from csrwizard.tui.widgets.form_field import FOCUS_MARK, FormField
from tests.pilot import SIZE, make_app, type_keys
from tests.scenes import press, to_key, to_names, with_ca_reply


def label_of(field: FormField) -> str:
    return str(field.query_one(".field-label").render())


async def test_the_focused_field_is_marked_and_only_that_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        names = {f.field_name: f for f in app.screen.query(FormField)}
        assert label_of(names["common_name"]).startswith(FOCUS_MARK)
        assert names["common_name"].has_class("-focused")
        assert not label_of(names["sans"]).startswith(FOCUS_MARK)
        await press(pilot, "tab")
        assert label_of(names["sans"]).startswith(FOCUS_MARK)
        assert not label_of(names["common_name"]).startswith(FOCUS_MARK)


async def test_entering_a_filled_field_selects_nothing_and_typing_adds_to_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        await type_keys(pilot, "ec.example.com")
        await press(pilot, "tab")
        await type_keys(pilot, "a.example.com")
        await press(pilot, "shift+tab", "tab")  # away and back into the filled SAN list
        sans = app.screen.query_one("#input-sans")
        assert sans.selection.is_empty
        assert sans.cursor_position == len(sans.value)
        await type_keys(pilot, ", b.example.com")
        assert sans.value == "a.example.com, b.example.com"


async def leave_with_an_answer_typed(pilot, leave: str) -> None:
    await press(pilot, "c")
    await type_keys(pilot, "GB")
    await press(pilot, leave)


@pytest.mark.parametrize("leave", ["escape", "ctrl+q", "ctrl+c"])
async def test_leaving_with_answers_typed_asks_first_and_keep_editing_keeps_them(tmp_path, leave):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await leave_with_an_answer_typed(pilot, leave)
        assert isinstance(app.screen, DiscardDialog)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Discard your answers?" in text and "Nothing has been written yet" in text
        await press(pilot, "enter")  # the focused button is Keep editing
        assert isinstance(app.screen, CountryStep)
        assert app.screen.query_one("#input-country").value == "GB"
        assert app.is_running


@pytest.mark.parametrize("discard", [("right", "enter"), ("d",)], ids=["right-enter", "d"])
@pytest.mark.parametrize("leave", ["escape", "ctrl+q", "ctrl+c"])
async def test_discard_leaves_and_writes_nothing(tmp_path, leave, discard):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await leave_with_an_answer_typed(pilot, leave)
        if discard == ("d",):  # the key the footer names, to say on the phone
            assert "D Discard" in visible_text(app).splitlines()[-1]
        await press(pilot, *discard)
        if leave == "escape":
            assert isinstance(app.screen, MenuScreen)
            assert app.is_running
    if leave != "escape":
        assert app.return_code == 0
    assert list(tmp_path.iterdir()) == []


async def test_with_nothing_typed_nothing_is_asked(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c", "escape")
        assert isinstance(app.screen, MenuScreen)
        await press(pilot, "c", "ctrl+q")
    assert app.return_code == 0


async def test_arrow_keys_choose_and_enter_confirms(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        assert isinstance(app.screen, KeyStep)
        await press(pilot, "down")
        assert app.draft.key_size == 3072  # chosen by the arrow alone
        await press(pilot, "down", "up")
        assert app.draft.key_size == 3072
        assert isinstance(app.screen, KeyStep)  # nothing moves on until Enter


async def test_names_step_choice_follows_the_arrows_too(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        assert isinstance(app.screen, NamesStep)
        await press(pilot, "shift+tab", "down")
        assert app.draft.internal_ca
        await press(pilot, "up")
        assert not app.draft.internal_ca


def function_keys_without_another_way(screen) -> list[str]:
    bindings = [active.binding for active in screen.active_bindings.values()]
    other_keys = {b.action for b in bindings if not (b.key.startswith("f") and b.key[1:].isdigit())}
    return [b.key for b in bindings if b.key.startswith("f") and b.key[1:].isdigit() and b.action not in other_keys]


async def test_every_function_key_action_has_a_letter_or_ctrl_key(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        seen = {}
        seen["menu"] = function_keys_without_another_way(app.screen)
        await to_names(pilot)
        seen["names"] = function_keys_without_another_way(app.screen)
        app.back_to_menu()
        await press(pilot, "k")
        seen["check"] = function_keys_without_another_way(app.screen)
        await press(pilot, "escape", "d")
        seen["decrypt"] = function_keys_without_another_way(app.screen)
    assert seen == {"menu": [], "names": [], "check": [], "decrypt": []}


async def test_the_footer_says_keys_the_way_they_are_spoken(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        footer = app.export_screenshot()
        for spoken in ("Ctrl+N", "Ctrl+G", "Esc"):
            assert spoken in footer, spoken
        assert "^n" not in footer and "^q" not in footer


async def test_the_footer_offers_ctrl_e_only_while_there_is_a_suggestion(tmp_path):
    from csrwizard.tui.widgets.stable_footer import footer_bindings

    def footer_keys(app) -> list[str]:
        return [binding.key for binding, _, _ in footer_bindings(app.screen)]

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")
        assert "ctrl+e" not in footer_keys(app)
        await type_keys(pilot, "UK")  # GB is the fix: Ctrl+E puts it in
        assert "ctrl+e" in footer_keys(app) and "Ctrl+E" in app.export_screenshot()
        await press(pilot, "ctrl+e")
        assert app.focused.value == "GB"
        assert "ctrl+e" not in footer_keys(app)
        # One line of keys: no second line of hints repeating the footer.
        assert not app.screen.query(".step-hint")


@pytest.mark.parametrize("start", ["create-done", "decrypt-done", "check"])
async def test_q_quits_from_the_screens_that_have_nothing_to_lose(tmp_path, start):
    from tests.scenes import TEST_PASSPHRASE, on_the_passphrase, to_done, type_into, with_encrypted_key

    with_encrypted_key(tmp_path) if start == "decrypt-done" else with_ca_reply(tmp_path)
    app = make_app(tmp_path, start="decrypt" if start == "decrypt-done" else "menu")
    async with app.run_test(size=SIZE) as pilot:
        if start == "create-done":
            await to_done(pilot)
        elif start == "decrypt-done":
            await on_the_passphrase(pilot)
            await type_into(pilot, TEST_PASSPHRASE)
            await press(pilot, "enter")
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        else:
            await press(pilot, "k")
            app.screen.query_one("#check").focus()  # q types into a field; on a button it quits
            await pilot.pause()
        await press(pilot, "q")
    assert app.return_code == 0


@pytest.mark.parametrize("width", [80, 60, 40, 30])
async def test_the_step_bar_always_shows_the_current_step(tmp_path, width):
    from csrwizard.tui.widgets.step_indicator import StepIndicator

    app = make_app(tmp_path)
    async with app.run_test(size=(width, 20)) as pilot:
        await to_key(pilot)
        await press(pilot, "ctrl+n")  # Review
        line = app.screen.query_one(StepIndicator).render()
        assert "Review" in line.plain and line.cell_len <= width - 2
        assert "Step 5 of 5" in line.plain


async def test_a_backup_is_named_with_the_time_it_is_written(tmp_path):
    from datetime import datetime

    from tests.scenes import with_an_older_key

    with_an_older_key(tmp_path)  # the test key is fixed: the old one must differ, as a real one does
    clock = {"now": datetime(2026, 11, 27, 9, 30, 5)}
    app = make_app(tmp_path, now=lambda: clock["now"])
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        await press(pilot, "ctrl+n")  # a new key, 2048 bits: Review
        clock["now"] = datetime(2026, 11, 27, 9, 55, 41)  # the admin reads the review for 25 minutes
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / "server.key.20261127-095541.bak").exists()
    assert not (tmp_path / "server.key.20261127-093005.bak").exists()


async def test_the_wizard_writes_a_pkcs1_key_when_asked(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        await press(pilot, "tab")
        assert app.focused.id == "key-format"
        await press(pilot, "down", "ctrl+n")
        summary = str(app.screen.query_one("#review-summary").render())
        assert "(pkcs1)" in summary
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / "server.key").read_bytes().startswith(b"-----BEGIN RSA PRIVATE KEY-----")


def reply_as_a_ca_sends_it(folder):
    """server.key and server.csr, then the CA's answer saved as domain.cer and ca-bundle.crt."""
    import os

    with_ca_reply(folder)
    (folder / "server.crt").rename(folder / "domain.cer")
    (folder / "old-reply.pem").write_bytes((folder / "domain.cer").read_bytes())
    os.utime(folder / "old-reply.pem", (1_700_000_000, 1_700_000_000))  # an older download


def test_the_folder_tells_which_file_is_the_reply_and_which_the_chain(tmp_path):
    from csrwizard.reply.loading import reply_in_folder

    reply_as_a_ca_sends_it(tmp_path)
    (tmp_path / "server.pfx").write_bytes(b"ours, not the CA's")
    found = reply_in_folder(tmp_path)
    assert found.certificate.name == "domain.cer"  # the newest file with a server certificate
    assert [path.name for path in found.chain] == ["ca-bundle.crt"]  # only CA certificates in it
    assert "old-reply.pem" in [path.name for path in found.others]
    assert "server.pfx" not in [path.name for path in found.others]
    assert "ca-bundle.crt" not in [path.name for path in found.others]  # the chain, not a certificate


async def test_check_starts_from_the_folder_and_reads_the_chain_it_wrote(tmp_path):
    from csrwizard.tui.screens.check_reply import CheckReplyScreen

    reply_as_a_ca_sends_it(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        assert isinstance(app.screen, CheckReplyScreen)
        assert app.screen.query_one("#input-certificate").value.endswith("domain.cer")
        assert app.screen.query_one("#input-chain").value.endswith("ca-bundle.crt")
        help_line = str(app.screen.query_one("#field-certificate .field-help").render())
        assert "old-reply.pem" in help_line
        await press(pilot, "enter", "enter", "enter", "enter", "enter")  # through the fields: Check
        await app.workers.wait_for_complete()
        await pilot.pause()
        await press(pilot, "ctrl+r")  # write server.crt and intermediate.crt
        await app.workers.wait_for_complete()
        await pilot.pause()
        (tmp_path / "ca-bundle.crt").unlink()  # the CA's files are tidied away
        await press(pilot, "escape", "k")  # reopened
        assert app.screen.query_one("#input-certificate").value.endswith("server.crt")
        assert app.screen.query_one("#input-chain").value.endswith("intermediate.crt")
        app.screen.action_check()
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = str(app.screen.query_one("#check-results").render())
        assert "Missing intermediate" not in results and "Nothing failed" in results


async def test_help_lists_the_screens_keys_not_the_text_fields_internals(tmp_path):
    from csrwizard.tui.screens.help import HelpScreen

    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "k")
        app.screen.action_check()
        await app.workers.wait_for_complete()
        await press(pilot, "ctrl+g")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.help_text.split("Keys here:", 1)[1]
        for said in ("Ctrl+R or F5", "F6 or Ctrl+B", "Ctrl+O", "Ctrl+C or Ctrl+Q", "Ctrl+U", "Esc", "Enter"):
            assert said in keys, said
        assert "Scroll Up" not in keys and "UP" not in keys


async def test_no_stale_verdict_after_switching_to_another_key(tmp_path):
    from csrwizard.pki.keys import private_key_pem
    from tests.scenes import fixed_key, on_the_passphrase, type_into, with_encrypted_key

    with_encrypted_key(tmp_path)
    (tmp_path / "plain.key").write_bytes(private_key_pem(fixed_key(2048)))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d")
        await on_the_passphrase(pilot)
        await type_into(pilot, "wrong")
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = app.screen.query_one("#field-passphrase .field-message")
        assert message.display and "wrong" in str(message.render())
        app.screen.query_one("#input-key_file").value = str(tmp_path / "plain.key")
        await pilot.pause()
        assert not message.display  # the verdict was about the other file


async def test_inspect_says_only_what_applies_to_inspecting(tmp_path):
    from tests.conftest import encrypt_key_into

    encrypt_key_into(tmp_path, "the passphrase")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i")
        app.screen.query_one("#input-certificate").value = str(tmp_path / "server.key")
        app.screen.query_one("#input-passphrase").value = "wrong"
        app.screen.query_one("#input-passphrase").focus()
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(app.screen.query_one("#field-passphrase .field-message").render())
        assert "the passphrase is wrong" in message
        assert "not changed" not in message  # inspecting never changes a file


async def test_each_key_in_the_country_field_walks_the_country_table_once(tmp_path):
    from csrwizard.request.country import ranked_countries

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        # The step asks once for the empty field when it mounts: let that happen first, however
        # slow the machine, so that only the two keys are counted.
        while not app.screen.query("#input-country"):
            await pilot.pause()
        await pilot.pause()
        # The warm-up asks for "gb" once the menu has shown for a while: let it be done first.
        await pilot.pause(WARM_UP_DELAY)
        await pilot.app.workers.wait_for_complete()
        ranked_countries.cache_clear()
        await type_keys(pilot, "xq")  # no such country: its message and the list both ask
        info = ranked_countries.cache_info()
        assert info.misses == 2 and info.hits >= 2  # one walk per key; the second ask is free


async def test_the_country_suggestions_are_rebuilt_only_when_they_change(tmp_path, monkeypatch):
    # Rebuilding the list on every key asked for a new layout in the key's frame, for nothing.
    from textual.widgets import OptionList

    from csrwizard.request.country import suggest_countries

    built = []
    set_options = OptionList.set_options
    monkeypatch.setattr(OptionList, "set_options", lambda self, options: built.append(1) or set_options(self, options))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        built.clear()
        word = "Germany"
        await type_keys(pilot, word)
        lists = [tuple(match.code for match in suggest_countries(word[:end], limit=6)) for end in range(1, 8)]
        changes = sum(1 for before, after in zip([None, *lists[:-1]], lists, strict=True) if before != after)
        assert changes < len(word)  # the word has keys that leave the list as it was
        assert len(built) == changes
        first = app.screen.query_one("#country-suggestions", OptionList).get_option_at_index(0)
        assert str(first.prompt).startswith("DE")


async def test_the_footer_is_built_once_when_the_first_screen_settles(tmp_path, monkeypatch):
    from csrwizard.tui.widgets.stable_footer import StableFooter

    built = []
    compose = StableFooter.compose
    monkeypatch.setattr(StableFooter, "compose", lambda self: built.append(self._bindings_ready) or compose(self))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert built.count(True) == 1  # one real build (the first, before any binding, is empty)
        assert "Ctrl+G" in app.export_screenshot()


async def test_the_menu_paints_with_its_own_rules_and_the_other_screens_rules_follow(tmp_path, monkeypatch):
    # Parsing every screen's rules before the first paint cost the menu ~10 ms; they are read while
    # the menu is shown, without a reparse (which would drop Textual's parse cache and make each
    # later screen slower to open).
    from textual.css.stylesheet import Stylesheet

    from csrwizard.tui.screens.menu import MenuScreen

    reparsed = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparsed.append(self) or reparse(self))
    at_first_paint = []  # read when the menu has painted, not after a pause a loaded machine stretches
    after_first_paint = MenuScreen.after_first_paint

    async def watched(self):
        at_first_paint.append(self.app.stylesheet.has_source(SCREENS_CSS))
        await after_first_paint(self)

    monkeypatch.setattr(MenuScreen, "after_first_paint", watched)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert at_first_paint == [False]
        await pilot.pause(WARM_UP_DELAY + 0.2)
        assert app.stylesheet.has_source(SCREENS_CSS)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one(".step-body").styles.scrollbar_gutter == "stable"  # a rule of screens.tcss
        assert reparsed == []


async def test_a_screen_opened_before_the_menu_settles_has_its_rules(tmp_path):
    app = make_app(tmp_path, start="create")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)
        assert app.screen.query_one(".step-body").styles.scrollbar_gutter == "stable"


def visible_text(app) -> str:
    """What the screen shows now, as plain text (what a caller reads out), one row a line."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=app.size.width, color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.file.getvalue()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_done_screen_of_a_second_run_opens_at_the_top_with_the_backups(tmp_path, size):
    from csrwizard.outcome_lines import short_fingerprint
    from tests.scenes import to_done, with_an_older_key

    with_an_older_key(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await to_done(pilot)
        await pilot.pause()
        shown = visible_text(app)
        assert "Backed up server.key as server.key.20261127-093005.bak" in shown
        assert "Backed up server.csr as server.csr.20261127-093005.bak" in shown
        assert "notepad server.csr" in " ".join(shown.split())  # the sure way to copy the CSR, on screen
        fingerprint = app.screen.result.public_key_sha256
        assert short_fingerprint(fingerprint) in shown and len(short_fingerprint(fingerprint)) == 23
        await press(pilot, "c")
        notices = [notification.message for notification in app._notifications]
        assert any("depends on the terminal" in notice and "notepad server.csr" in notice for notice in notices)


async def test_state_completion_fills_the_spelling_the_hint_recommends(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "1")
        await type_keys(pilot, "IN")
        await press(pilot, "enter")
        await type_keys(pilot, "Tam")
        await pilot.pause(0.2)  # the suggester runs in a worker
        await press(pilot, "right")
        assert app.focused.value == "Tamil Nadu"  # ASCII typed, ASCII offered: not "Tamil Nādu"


async def test_the_names_list_says_each_caution_as_a_whole_sentence(tmp_path):
    from tests.scenes import to_names

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        await type_keys(pilot, "10.0.0.5")
        shown = " ".join(visible_text(app).split())
        assert "; ! is a" not in shown
        assert "the CN, added first automatically; ! 10.0.0.5 is a private" in shown


async def test_a_list_longer_than_the_window_says_there_is_more_below(tmp_path):
    from tests.scenes import to_names, type_into

    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await to_names(pilot)
        await type_into(pilot, "www.zoho.com")
        await press(pilot, "enter")
        await type_into(pilot, "*.domain.com, manageengine.com, ems.com, desktopcentral.com")
        await pilot.pause()
        assert "More below: Page Down shows it." in visible_text(app)
        assert "desktopcentral.com   DNS" not in visible_text(app)
        await press(pilot, "pagedown")
        await pilot.pause()
        assert "desktopcentral.com   DNS" in visible_text(app)
        assert "More below" not in visible_text(app)
        assert app.focused.id == "input-sans"  # the field keeps the focus while the step scrolls


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_review_opens_at_the_subject_even_in_a_small_window(tmp_path, size):
    """At 60x20 the Review opened scrolled down to its Generate button, the subject out of sight
    above with nothing to say so: an admin would press G without seeing what is generated."""
    from tests.scenes import to_country, type_into, with_existing_files

    with_existing_files(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await to_country(pilot)
        # The seed's example: TN and the OU each get a warning, and two backups: a long review.
        for answer in ("IN", "TN", "Chennai", "ZOHO", "IT", "www.zoho.com"):
            await type_into(pilot, answer)
            await press(pilot, "enter")
        await type_into(pilot, "*.domain.com, manageengine.com, ems.com, desktopcentral.com")
        await press(pilot, "enter")
        await press(pilot, "ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewStep"
        shown = visible_text(app)
        assert "Subject:" in shown and "SANs:" in shown
        assert app.focused.id == "generate"  # Enter still generates
