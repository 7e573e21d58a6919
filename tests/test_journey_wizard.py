"""The seed's example through a whole life, in the wizard, driven by key presses at 80x24.

Each stage is a new run of the wizard, as it is on the server: create; days later the CA's reply
is checked, written, packaged and, after the upload, probed; months later Renew; then the check
between the renewal and its certificate; then the renewed certificate. The CA is the openssl CLI,
its root trusted as a public root is (the machine's store, SSL_CERT_FILE), never --trust.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from csrwizard.request.csr import load_csr
from csrwizard.tui.app import CsrWizardApp
from csrwizard.tui.screens.check_reply import CheckReplyScreen
from csrwizard.tui.screens.create_done import CreateDoneScreen
from csrwizard.tui.screens.pfx_dialog import PfxDialog
from csrwizard.tui.screens.review_step import ReviewStep
from csrwizard.x509_fields import alt_name_texts
from tests.conftest import run_openssl
from tests.journey import (
    PFX_PASSWORD,
    SEED,
    SEED_NAMES,
    assert_daily_line_ok,
    serve_folder,
    start_journey,
)
from tests.pilot import SIZE

# The answers in the order the wizard asks for them; "" keeps what is there (or leaves it empty).
ANSWERS = [
    SEED["country"],
    SEED["state"],
    SEED["locality"],
    SEED["organization"],
    "",
    SEED["common_name"],
    SEED["sans"],
]


def wizard(folder) -> CsrWizardApp:
    """The wizard as the admin starts it: the real clock and real key generation."""
    return CsrWizardApp(folder=folder, now=datetime.now)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def answer_until_review(pilot, answers: list[str]) -> None:
    """Type each answer into the field that has the focus, then Enter; then Enter through the
    Key step's groups until the Review shows."""
    app = pilot.app
    for text in answers:
        focused = app.focused
        if text:
            focused.value = ""
            await pilot.press(*text)
        await pilot.press("enter")
        await pilot.pause()
    for _ in range(12):
        if isinstance(app.screen, ReviewStep):
            return
        await pilot.press("enter")
        await pilot.pause()
    raise AssertionError(f"no Review after the answers; on {type(app.screen).__name__}")


def results(app) -> str:
    return str(app.screen.query_one("#check-results").render())


def every_line_passes(text: str) -> None:
    lines = [line for line in text.splitlines() if line[:1] in ("✓", "!", "✗")]
    assert lines and all(line.startswith("✓") for line in lines), text


async def check_in_wizard(folder) -> str:
    """Menu 4, Check (Ctrl+L): the checklist, the files found in the folder as the screen proposes them."""
    app = wizard(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, CheckReplyScreen)
        await pilot.press("ctrl+l")
        await settle(pilot)
        return results(app)


async def check_and_write_the_reply(pilot) -> None:
    """Menu 4: the Check screen starts on the CA's newest file; Check (Ctrl+L), every line passes,
    then Write (Ctrl+R)."""
    app = pilot.app
    await pilot.press("4")
    await pilot.pause()
    assert app.screen.query_one("#input-certificate").value.endswith("reply.p7b")
    await pilot.press("ctrl+l")
    await settle(pilot)
    every_line_passes(results(app))
    await pilot.press("ctrl+r")
    await settle(pilot)
    assert "Wrote server.crt" in results(app)  # and intermediate.crt, or "unchanged" when it is the same


@pytest.fixture
def journey(tmp_path, monkeypatch):
    return start_journey(tmp_path, monkeypatch)


async def test_the_seeds_example_from_create_to_a_served_and_renewed_certificate(journey):
    folder, ca = journey

    # 1. Create, from the menu.
    app = wizard(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await answer_until_review(pilot, ANSWERS)
        assert not any(folder.iterdir()), "nothing is written before the review"
        await pilot.press("enter")  # Generate
        await settle(pilot)
        assert isinstance(app.screen, CreateDoneScreen)
    assert alt_name_texts(load_csr((folder / "server.csr").read_bytes())) == SEED_NAMES

    # 2-5. The CA's reply: checked, written, packaged, then probed once Endpoint Central serves it.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    app = wizard(folder)
    async with app.run_test(size=SIZE) as pilot:
        await check_and_write_the_reply(pilot)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, PfxDialog)
        await pilot.press(*PFX_PASSWORD, "enter", *PFX_PASSWORD, "enter", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckReplyScreen)
        assert "Wrote server.pfx" in results(app)
        server = serve_folder(folder)
        try:
            app.screen.query_one("#input-probe").value = f"127.0.0.1:{server.port}"
            app.screen.query_one("#input-host").value = SEED["common_name"]
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert "The server presents server.crt" in results(app)
        finally:
            server.stop()
    listed = run_openssl("pkcs12", "-nokeys", "-passin", f"pass:{PFX_PASSWORD}", "-in", "server.pfx", cwd=folder)
    assert listed.stdout.count(b"BEGIN CERTIFICATE") == 2

    # 7. Renew, from the menu: the answers come back, a new key is made.
    old_key = (folder / "server.key").read_bytes()
    app = wizard(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "Renew" in app.screen.title or "Renew" in app.export_screenshot()
        await answer_until_review(pilot, [""] * len(ANSWERS))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CreateDoneScreen)
    assert (folder / "server.key").read_bytes() != old_key
    assert alt_name_texts(load_csr((folder / "server.csr").read_bytes())) == SEED_NAMES

    # Between the renewal and its certificate: pending, and nothing destructive advised.
    text = await check_in_wizard(folder)
    assert "Renewal pending" in text and "Restore" not in text and "✗" not in text
    assert "nothing new to upload" in text and "ready to package" not in text
    # A .pfx built meanwhile: before F6, the checklist says which key it would pack.
    (key_backup,) = [path.name for path in folder.glob("server.key.*.bak") if path.read_bytes() == old_key]
    said = " ".join(text.split())
    assert f"The .pfx will hold the certificate in force, 1 chain certificate(s) and its key, {key_backup}" in said

    # 8-9. The CA signs the renewal: checked and written.
    ca.sign(folder / "server.csr", folder / "reply.p7b")
    app = wizard(folder)
    async with app.run_test(size=SIZE) as pilot:
        await check_and_write_the_reply(pilot)
    every_line_passes(await check_in_wizard(folder))

    # 10. The daily line, as the README writes it, on the folder this face wrote.
    assert_daily_line_ok(folder)
