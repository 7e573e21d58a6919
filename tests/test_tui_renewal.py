"""Pilot tests of the renewal kit's wizard choices: an internal CA, a kept key, renewing from server.crt."""

from cryptography.hazmat.primitives.serialization import Encoding

from csrwizard.request.csr import load_csr
from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.create_done import CreateDoneScreen
from csrwizard.tui.screens.key_step import KeyStep
from csrwizard.tui.screens.names_step import NamesStep
from csrwizard.tui.screens.review_step import ReviewStep
from csrwizard.tui.widgets.san_preview import SanPreview
from tests.pilot import SIZE, make_app, settle, type_keys
from tests.scenes import press, to_key, to_names, with_existing_files


def _rendered(app) -> str:
    from rich.console import Console

    console = Console(width=80, record=True)
    console.print(app.screen.query_one(SanPreview).content)
    return console.export_text()


async def test_an_internal_ca_is_chosen_on_the_names_step_and_changes_what_is_flagged(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_names(pilot)
        assert isinstance(app.screen, NamesStep)
        await type_keys(pilot, "ec.corp.local")
        await press(pilot, "tab")
        await type_keys(pilot, "10.0.0.5")
        assert "internal name" in _rendered(app) and "private or reserved" in _rendered(app)
        await press(pilot, "shift+tab", "shift+tab")  # back past the common name to "Signed by"
        assert app.focused.id == "ca-kind"
        await press(pilot, "down", "enter")
        assert app.draft.internal_ca
        assert app.focused.id == "input-common_name"
        assert "internal name" not in _rendered(app) and "private or reserved" not in _rendered(app)
        await press(pilot, "tab", "enter")
        assert isinstance(app.screen, KeyStep)
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, ReviewStep)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CreateDoneScreen)
        steps = str(app.screen.query_one("#next-steps").render())
        assert 'certreq -submit -attrib "CertificateTemplate:WebServer" server.csr server.crt' in steps
        assert "EDITF_ATTRIBUTESUBJECTALTNAME2" in steps


async def test_keeping_the_key_writes_only_a_new_csr_for_it(tmp_path):
    with_existing_files(tmp_path)
    key_before = (tmp_path / "server.key").read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        assert isinstance(app.screen, KeyStep)
        assert app.focused.id == "key-source"
        await press(pilot, "down", "enter")  # Keep server.key: no size or format to choose
        assert app.focused.id == "input-folder"
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, ReviewStep)
        summary = str(app.screen.query_one("#review-summary").render())
        assert "reused from server.key" in summary and "never reuse a key that may have been exposed" in summary
        assert "Will back up server.key" not in summary  # no backup of a key that is not written
        assert "Will write server.key" not in summary
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CreateDoneScreen)
    assert (tmp_path / "server.key").read_bytes() == key_before
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    csr = load_csr((tmp_path / "server.csr").read_bytes())
    key = load_pem_private_key(key_before, None)
    assert csr.public_key().public_numbers() == key.public_key().public_numbers()


async def test_without_a_key_there_is_nothing_to_keep(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        assert isinstance(app.screen, KeyStep)
        assert not app.screen.query("#key-source")
        assert app.focused.id == "key-size"


async def test_a_weak_key_cannot_be_kept_and_the_key_step_says_why(tmp_path):
    from tests.test_renewal_kit import weak_or_foreign_key

    (tmp_path / "server.key").write_bytes(weak_or_foreign_key("rsa-1024"))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_key(pilot)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, KeyStep)  # refused: stays
        messages = " ".join(str(w.render()) for w in app.screen.query(".field-message") if w.display)
        assert "weaker than today's minimum of 2048" in messages


async def test_renew_from_the_menu_uses_server_crt_when_there_is_no_csr(tmp_path):
    from tests.test_renewal_kit import certificate_in_force

    ca, key, leaf = certificate_in_force(tmp_path)
    (tmp_path / "server.crt").write_bytes(leaf.public_bytes(Encoding.PEM))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "server.crt" in str(app.screen.query_one("#menu").item("renew").prompt)
        await press(pilot, "r")
        assert isinstance(app.screen, CountryStep)
        assert app.draft.typed.common_name == "ec.example.com"
        assert app.draft.typed.sans == "ec.example.net, 198.51.100.7"
