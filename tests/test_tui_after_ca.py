"""Pilot tests of the check, .pfx and inspect screens."""

from cryptography.hazmat.primitives.serialization import pkcs12

from csrwizard.tui.screens.check_reply import CheckReplyScreen
from csrwizard.tui.screens.decrypt_done import DecryptDoneScreen
from csrwizard.tui.screens.inspect import InspectScreen
from csrwizard.tui.screens.pfx_dialog import PfxDialog
from tests.conftest import folder_snapshot, run_openssl
from tests.pilot import SIZE, make_app, settle
from tests.scenes import checked, fixed_key, press, to_check, with_ca_reply


def results_text(app) -> str:
    return str(app.screen.query_one("#check-results").render())


async def test_check_shows_a_checklist_with_reasons(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        assert isinstance(app.screen, CheckReplyScreen)
        text = results_text(app)
        for line in (
            "✓ PASS Key match",
            "✓ PASS Names: Covers ec.example.com, ec.example.net",
            "✓ PASS Key type",
            "✓ PASS Dates",
            "✓ PASS Validity length",
            # The throwaway root came with the files and no one trusts it: said, but not a failure.
            # The root is named as the root, never as part of the chain to upload.
            "! WARNING Chain: ec.example.com > Throwaway Intermediate validates, but ends at 'Throwaway Root'",
        ):
            assert line in text
        assert not app.screen.query_one("#write").disabled


async def test_check_fails_when_the_nat_address_is_not_covered(tmp_path):
    with_ca_reply(tmp_path)
    before = folder_snapshot(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        app.screen.query_one("#input-host").value = "203.0.113.99"
        await pilot.press("enter")
        await settle(pilot)
        assert "✗ FAIL Names: Not covered by the certificate: 203.0.113.99" in results_text(app)
        await pilot.press("f5")
        await settle(pilot)
        # Not silence: the key says why nothing was written, under the checklist.
        assert "Write .crt: not done, because Names failed (see above)" in results_text(app)
        assert "FAIL Write .crt" not in results_text(app)  # FAIL is a check's word, not an action's
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert "Build .pfx: not done, because Names failed (see above)" in results_text(app)
        assert "FAIL Build .pfx" not in results_text(app)
        assert not app.screen.query("PfxDialog")
    assert folder_snapshot(tmp_path) == before


async def test_a_file_that_is_no_certificate_is_marked_on_its_field(tmp_path):
    with_ca_reply(tmp_path)
    (tmp_path / "server.crt").write_text("hello")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        message = str(app.screen.query_one("#field-certificate .field-message").render())
        assert "server.crt" in message and "✗" in message


async def test_write_crt_files_puts_the_chain_in_order(tmp_path):
    with_ca_reply(tmp_path)
    bundle = (tmp_path / "ca-bundle.crt").read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await pilot.press("f5")
        await settle(pilot)
        # server.crt already held the leaf, byte for byte: unchanged, and no backup of it.
        assert "Wrote intermediate.crt" in results_text(app)
        assert "Unchanged server.crt: it already holds these bytes (no backup made)" in results_text(app)
        assert "Backed up server.crt" not in results_text(app)
        # Then Endpoint Central's part, in order: upload, restart, probe.
        assert "1. Upload in Endpoint Central" in results_text(app)
        assert "2. Restart the Endpoint Central service" in results_text(app)
        # In the wizard's words: its own actions, not commands to type elsewhere.
        # Whom to probe: the NAT address given (ec.example.net), as `csrwizard check` says it.
        assert "3. Confirm what it serves: Probe (Ctrl+P) on this screen, with ec.example.net:8383" in results_text(app)
        assert "csrwizard" not in results_text(app).split("Next steps:")[1]
    # The bundle held the intermediate, then the root: the root is left out (clients carry their own).
    assert bundle.startswith((tmp_path / "intermediate.crt").read_bytes())
    assert (tmp_path / "intermediate.crt").read_bytes().count(b"BEGIN CERTIFICATE") == 1


async def test_write_puts_the_files_in_the_working_folder_not_beside_the_cas_reply(tmp_path):
    # The CA's reply saved elsewhere (a Downloads folder): the files for the upload still go into
    # the working folder, as `csrwizard check --write` puts them into --dir.
    with_ca_reply(tmp_path)
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (tmp_path / "server.crt").rename(downloads / "reply.crt")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_check(pilot)
        app.screen.query_one("#input-certificate").value = str(downloads / "reply.crt")
        app.screen.query_one("#input-chain").value = str(tmp_path / "ca-bundle.crt")
        await press(pilot, "enter")
        await settle(pilot)
        assert "Will write server.crt" in results_text(app)  # the plan, shown before Write
        await pilot.press("f5")
        await settle(pilot)
        assert "Wrote server.crt" in results_text(app)
    assert (tmp_path / "server.crt").is_file() and (tmp_path / "intermediate.crt").is_file()
    assert sorted(path.name for path in downloads.iterdir()) == ["reply.crt"]


async def test_next_steps_are_shown_once_after_write_and_pfx(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*"pfx secret", "enter", *"pfx secret", "enter", "enter", "enter")
        await settle(pilot)
        text = results_text(app)
        assert "Wrote server.pfx" in text
        assert text.count("Next steps:") == 1 and text.count("1. Upload in Endpoint Central") == 1
        assert text.rindex("Next steps:") > text.rindex("Wrote server.pfx")  # after the last thing done


async def test_probe_checks_what_a_local_server_serves(tmp_path):
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from csrwizard.files.reading import read_bundle_file
    from tests.test_probe import tls_server

    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        # Nothing is typed into Probe for the admin: its help says whom an empty Probe connects to,
        # the NAT address given at Endpoint Central's port.
        assert app.screen.query_one("#input-probe").value == ""
        probe_help = str(app.screen.query_one("#field-probe .field-help").render())
        assert "empty: ec.example.net:8383" in probe_help
        await pilot.press("f5")
        await settle(pilot)
        leaf = read_bundle_file(tmp_path / "server.crt").certificates[0]
        chain = read_bundle_file(tmp_path / "intermediate.crt").certificates
        key = load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
        server = tls_server(tmp_path, leaf, chain, key)
        try:
            app.screen.query_one("#input-probe").value = f"127.0.0.1:{server.port}"
            await pilot.press("ctrl+p")
            await settle(pilot)
        finally:
            server.stop()
        text = results_text(app)
        assert f"Probed 127.0.0.1:{server.port}: {1 + len(chain)} certificate(s) presented" in text
        assert "✓ PASS Served certificate: The server presents server.crt" in text
        assert "✓ PASS Names: Covers ec.example.net" in text


async def test_probe_of_a_closed_port_says_so_and_the_screen_stays(tmp_path):
    import socket

    with_ca_reply(tmp_path)
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        app.screen.query_one("#input-probe").value = f"127.0.0.1:{port}"
        await pilot.press("f8")
        await settle(pilot)
        assert f"✗ FAIL Probe: 127.0.0.1:{port} refused the connection" in results_text(app)
        assert isinstance(app.screen, CheckReplyScreen)


async def test_build_pfx_asks_twice_refuses_a_mismatch_then_writes_one_openssl_reads(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, PfxDialog)
        await pilot.press(*"pfx secret", "enter", *"other", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PfxDialog)
        assert "differ" in str(app.screen.query_one("#field-again .field-message").render())
        assert app.focused.id == "input-again"  # where the fix is typed
        assert "pfx secret" not in app.export_screenshot()
        app.screen.query_one("#input-again").value = "pfx secret"
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")  # on from Again: the encryption, the file name, build
        await settle(pilot)
        assert isinstance(app.screen, CheckReplyScreen)
        assert "Wrote server.pfx" in results_text(app)
    run_openssl("pkcs12", "-info", "-noout", "-passin", "pass:pfx secret", "-in", str(tmp_path / "server.pfx"))
    key, cert, chain = pkcs12.load_key_and_certificates((tmp_path / "server.pfx").read_bytes(), b"pfx secret")
    assert len(chain) == 1 and key.public_key() == cert.public_key()  # the intermediate; no root


async def test_inspect_shows_the_decoded_file_and_asks_for_a_pfx_password(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InspectScreen)
        await pilot.press("enter")
        await settle(pilot)
        text = str(app.screen.query_one("#inspect-result").render())
        assert "Certificate signing request" in text and "DNS:ec.example.com" in text
        assert "Signature:           valid" in text
        from cryptography.hazmat.primitives.serialization import BestAvailableEncryption

        (tmp_path / "server.pfx").write_bytes(
            pkcs12.serialize_key_and_certificates(b"x", fixed_key(2048), None, None, BestAvailableEncryption(b"pw"))
        )
        app.screen.query_one("#input-certificate").value = str(tmp_path / "server.pfx")
        app.screen.query_one("#input-certificate").focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "password is needed" in str(app.screen.query_one("#field-passphrase .field-message").render())
        assert app.focused.id == "input-passphrase"
        await pilot.press(*"pw", "enter")
        await settle(pilot)
        text = str(app.screen.query_one("#inspect-result").render())
        assert "Private key" in text and "RSA 2048 bits" in text and "PRIVATE KEY" not in text


async def test_decrypt_unpacks_a_pfx(tmp_path):
    with_ca_reply(tmp_path)
    from csrwizard.files.reading import read_bundle
    from csrwizard.reply.pfx import serialize_pfx

    cert = read_bundle((tmp_path / "server.crt").read_bytes()).certificates[0]
    chain = read_bundle((tmp_path / "ca-bundle.crt").read_bytes()).certificates
    out = tmp_path / "unpacked"
    out.mkdir()
    (out / "reply.pfx").write_bytes(serialize_pfx(cert, fixed_key(2048), chain, b"pw"))
    app = make_app(out, start="decrypt", key_file=out / "reply.pfx")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "PKCS#12" in str(app.screen.query_one("#key-info").render())
        await pilot.press(*"pw", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DecryptDoneScreen)
    assert (out / "server.key").read_bytes() == (tmp_path / "server.key").read_bytes()
    assert (out / "server.crt").exists() and (out / "intermediate.crt").exists()


async def test_build_pfx_offers_the_legacy_encryption(tmp_path):
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*"pw", "enter", *"pw", "enter", "down", "enter")
        await pilot.pause()
        assert app.focused.id == "input-file_name"
        legacy = app.screen.query("RadioButton").last()
        assert legacy.value and str(legacy.label)[1] == "✓"
        await pilot.press("enter")
        await settle(pilot)
    info = run_openssl(
        "pkcs12", "-info", "-noout", "-legacy", "-passin", "pass:pw", "-in", str(tmp_path / "server.pfx")
    )
    assert "pbeWithSHA1And3-KeyTripleDES-CBC" in info.stderr.decode()


async def test_fetch_intermediate_downloads_the_missing_issuer_and_checks_again(tmp_path):
    import http.server
    import threading

    from cryptography.hazmat.primitives.serialization import Encoding

    from csrwizard.request.csr import load_csr
    from tests.ca import ThrowawayCA
    from tests.scenes import with_existing_files

    with_existing_files(tmp_path)
    ca = ThrowawayCA.create_fixed()
    served = ca.intermediate.public_bytes(Encoding.DER)

    class Issuer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            self.send_response(200)
            self.end_headers()
            self.wfile.write(served)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Issuer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/issuer.der"
        csr = load_csr((tmp_path / "server.csr").read_bytes())
        from datetime import datetime, timezone

        leaf = ca.leaf_for(
            csr,
            sans=("ec.example.com", "ec.example.net"),
            aia_url=url,
            not_before=datetime(2026, 11, 1, tzinfo=timezone.utc),
        )
        (tmp_path / "server.crt").write_bytes(leaf.public_bytes(Encoding.PEM))
        (tmp_path / "root.pem").write_bytes(ca.root.public_bytes(Encoding.PEM))
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("k")
            await pilot.pause()
            app.screen.query_one("#input-chain").value = str(tmp_path / "root.pem")
            await pilot.press("enter")
            await settle(pilot)
            assert "✗ FAIL Chain: Missing intermediate" in results_text(app) and url in results_text(app)
            assert not app.screen.query_one("#fetch").disabled
            # The footer offers Fetch, beside Back, Check and Help, and all of it fits 60 columns.
            from csrwizard.tui.widgets.stable_footer import footer_bindings, footer_width

            shown = [(app.get_key_display(b), b.description) for b, _, _ in footer_bindings(app.screen)]
            assert shown == [("Esc", "Back"), ("Ctrl+L", "Check"), ("Ctrl+F", "Fetch"), ("Ctrl+G", "Help")]
            assert footer_width(shown, compact=False) <= 60
            await pilot.press("f7")
            await settle(pilot)
            assert "! WARNING Chain: ec.example.com > Throwaway Intermediate validates" in results_text(app)
            assert f"Fetched CN=Throwaway Intermediate,O=Throwaway CA from {url}" in results_text(app)
            await pilot.press("f5")
            await settle(pilot)
        assert (tmp_path / "intermediate.crt").read_bytes().startswith(ca.intermediate.public_bytes(Encoding.PEM))
    finally:
        server.shutdown()


async def test_an_empty_probe_names_its_target_without_filling_the_field(tmp_path):
    """Without a NAT address, an empty Probe connects to the certificate's name; with one, to it.
    Either way the field stays as the admin left it, and its help line says whom."""
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        probe = app.screen.query_one("#field-probe")
        assert probe.value == ""
        assert "empty: ec.example.com:8383" in str(probe.query_one(".field-help").render())
        app.screen.query_one("#input-host").value = "203.0.113.10"
        await pilot.pause()
        assert "empty: 203.0.113.10:8383" in str(probe.query_one(".field-help").render())
        assert probe.value == ""
