"""Pilot tests of the decrypt flow: masked passphrase, wrong then right, outputs, folder browser."""

from cryptography.hazmat.primitives import serialization

from csrwizard.cli.parser import build_parser
from csrwizard.tui import launch as launch_module
from csrwizard.tui.app import CsrWizardApp
from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.decrypt import DecryptScreen
from csrwizard.tui.screens.decrypt_done import DecryptDoneScreen
from csrwizard.tui.screens.file_picker import FilePickerScreen
from tests.conftest import folder_snapshot
from tests.pilot import SIZE, make_app, settle, type_keys
from tests.scenes import TEST_PASSPHRASE, directory_tree_loaded, fixed_key, wait_until, with_encrypted_key


async def submit_passphrase(pilot, text):
    await type_keys(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_wrong_then_right_passphrase(tmp_path):
    with_encrypted_key(tmp_path)
    before = folder_snapshot(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DecryptScreen)
        info = str(app.screen.query_one("#key-info").render())
        assert "encrypted PKCS#8 (PEM)" in info
        await submit_passphrase(pilot, "not it")
        assert isinstance(app.screen, DecryptScreen)
        assert "passphrase is wrong" in str(app.screen.query_one("#field-passphrase .field-message").render())
        assert app.focused.id == "input-passphrase" and app.focused.value == ""
        assert folder_snapshot(tmp_path) == before
        await submit_passphrase(pilot, TEST_PASSPHRASE)
        assert isinstance(app.screen, DecryptDoneScreen)
        summary = str(app.screen.query_one("#decrypt-summary").render())
        assert "server.key.20261127-093005.bak" in summary
    key = serialization.load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
    assert key.private_numbers() == fixed_key(2048).private_numbers()
    assert (tmp_path / "server.key.20261127-093005.bak").read_bytes() == before["server.key"]


async def test_the_passphrase_is_never_shown(tmp_path):
    with_encrypted_key(tmp_path)
    app = make_app(tmp_path, start="decrypt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_keys(pilot, "SuperSecret")
        assert app.focused.password
        assert "SuperSecret" not in app.export_screenshot()


async def test_output_to_another_file_keeps_the_encrypted_key(tmp_path):
    with_encrypted_key(tmp_path)
    before = folder_snapshot(tmp_path)
    app = make_app(tmp_path, start="decrypt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#output-choice").query("RadioButton").last().value = True
        await pilot.pause()
        await submit_passphrase(pilot, TEST_PASSPHRASE)
        assert isinstance(app.screen, DecryptDoneScreen)
    assert (tmp_path / "server.key").read_bytes() == before["server.key"]
    assert (tmp_path / "server-decrypted.key").read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


async def test_an_unencrypted_key_is_reported_and_left_alone(tmp_path):
    key = fixed_key(2048)
    (tmp_path / "server.key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    before = folder_snapshot(tmp_path)
    app = make_app(tmp_path, start="decrypt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "not encrypted: the server can load it as it is" in str(app.screen.query_one("#key-info").render())
        await submit_passphrase(pilot, "anything")
        assert isinstance(app.screen, DecryptScreen)
        assert "not encrypted" in str(app.screen.query_one("#field-passphrase .field-message").render())
    assert folder_snapshot(tmp_path) == before


async def test_the_folder_browser_picks_another_key(tmp_path):
    with_encrypted_key(tmp_path)
    (tmp_path / "server.key").rename(tmp_path / "old.key")
    app = make_app(tmp_path, start="decrypt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # No server.key: the screen starts on the folder's only encrypted key, not on "does not exist".
        assert app.screen.query_one("#input-key_file").value == str(tmp_path / "old.key")
        assert "encrypted: type its passphrase" in str(app.screen.query_one("#key-info").render())
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: directory_tree_loaded(pilot))
        assert isinstance(app.screen, FilePickerScreen)
        await pilot.press("down", "enter")  # the only file below the root
        await pilot.pause()
        assert isinstance(app.screen, DecryptScreen)
        assert app.screen.query_one("#input-key_file").value.endswith("old.key")
        assert "encrypted PKCS#8" in str(app.screen.query_one("#key-info").render())


def captured_app(monkeypatch, argv):
    seen = {}

    def fake_run(self, *args, **kwargs):
        seen["app"] = self

    monkeypatch.setattr(CsrWizardApp, "run", fake_run)
    from csrwizard.cli.key_commands import typed_subject

    args = build_parser().parse_args(argv)
    launch_module.launch(args, typed_subject if args.command == "create" else None)
    return seen["app"]


async def test_cli_create_without_batch_opens_the_wizard_prefilled(tmp_path, monkeypatch):
    app = captured_app(monkeypatch, ["create", "--dir", str(tmp_path), "--country", "DE", "--cn", "ec.example.com"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CountryStep)
        assert app.screen.query_one("#input-country").value == "DE"
        assert app.draft.typed.common_name == "ec.example.com"


async def test_cli_decrypt_without_batch_opens_the_decrypt_flow_on_the_file(tmp_path, monkeypatch):
    with_encrypted_key(tmp_path)
    app = captured_app(monkeypatch, ["decrypt", str(tmp_path / "server.key")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DecryptScreen)
        assert app.screen.query_one("#input-key_file").value == str(tmp_path / "server.key")


async def test_the_folder_browser_goes_up_a_folder(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    with_encrypted_key(tmp_path)
    app = make_app(inner, start="decrypt")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause(0.2)
        await pilot.press("backspace")
        await pilot.pause(0.3)
        tree = app.screen.query_one("DirectoryTree")
        assert tree.path == tmp_path.resolve()
