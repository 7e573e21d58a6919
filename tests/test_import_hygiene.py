"""The engine never imports Textual: each engine module is imported alone in a fresh interpreter."""

import os
import pkgutil
import subprocess
import sys

import pytest

import csrwizard

ENGINE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(csrwizard.__path__, prefix="csrwizard.")
    if not info.name.startswith(("csrwizard.tui", "csrwizard.__main__"))
)


def _loaded_top_packages(code: str, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()


def test_there_are_engine_modules_to_check():
    expected = {
        "csrwizard.request.subject",
        "csrwizard.files.writing",
        "csrwizard.cli.entry",
        "csrwizard.cli.reply_commands",
        "csrwizard.files.keyfiles",
        "csrwizard.reply.checks",
        "csrwizard.problems",
    }
    assert expected <= set(ENGINE_MODULES)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_does_not_import_textual(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    assert _loaded_top_packages(code)[-1] == "[]"


def test_the_batch_path_does_not_import_textual(tmp_path):
    code = (
        "import sys; from csrwizard.cli import main; "
        "main(['create', '--batch', '--dir', sys.argv[1], '--country', 'GB', '--state', 'England', "
        "'--locality', 'London', '--org', 'Example', '--cn', 'ec.example.com']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    assert _loaded_top_packages(code, str(tmp_path))[-1] == "[]"
    assert (tmp_path / "server.csr").exists()


def test_the_first_screen_needs_neither_cryptography_nor_pycountry(tmp_path):
    # The menu must paint before the heavy engine imports: the folder's model (which reads
    # certificates through cryptography.x509) and Textual's Footer load in the frame after it.
    (tmp_path / "server.csr").write_text("listed after the first frame")
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from csrwizard.tui.app import CsrWizardApp\n"
        "from csrwizard.tui.screens.menu import MenuScreen\n"
        "seen = {}\n"
        "after_first_paint = MenuScreen.after_first_paint\n"
        "async def watched(self):\n"
        "    seen['at first paint'] = sorted(sys.modules)\n"
        "    await after_first_paint(self)\n"
        "MenuScreen.after_first_paint = watched\n"
        "async def first_screen():\n"
        "    app = CsrWizardApp(folder=Path(sys.argv[1]))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(seen['at first paint'])\n"
        "        print(sorted(type(widget).__name__ for widget in app.screen.query('Header, OptionList')))\n"
        "        print(repr(str(app.screen.query_one('#existing-files').render())))\n"
        "asyncio.run(first_screen())\n"
    )
    at_first_paint, heavier_widgets, listed = _loaded_top_packages(code, str(tmp_path))[-3:]
    loaded = set(eval(at_first_paint))
    assert not {m for m in loaded if m.split(".")[0] in ("cryptography", "pycountry")}
    # What the menu needs of csrwizard, and nothing more: the engine loads after the first paint.
    assert {m for m in loaded if m.startswith("csrwizard")} == FIRST_SCREEN_MODULES
    assert "textual.widgets._footer" not in loaded
    # The title bar and the menu are one light widget each, not Textual's Header (four widgets)
    # and OptionList (a scrolling view with its own caches): each widget costs before the paint.
    assert heavier_widgets == "[]"
    # A frame later, the folder is listed as its model knows it.
    assert "server.csr" in eval(listed)


FIRST_SCREEN_MODULES = {
    "csrwizard",
    "csrwizard.menu_words",  # both menus' items, worded once
    "csrwizard.names",
    "csrwizard.tui",
    "csrwizard.tui.app",
    "csrwizard.tui.screens",
    "csrwizard.tui.screens.menu",
    "csrwizard.tui.type_ahead",  # keys typed ahead of the menu's Enter reach the Country field
    "csrwizard.tui.widgets",
    "csrwizard.tui.widgets.menu_list",
    "csrwizard.tui.widgets.plain_scrollbar",  # scroll bars without glyphs a raster font lacks
    "csrwizard.tui.widgets.title_bar",
}


def test_the_bare_command_reaches_the_wizard_without_argparse(tmp_path):
    # `csrwizard` alone opens the menu: the command line's parser, the secrets' flags, the engine's
    # messages and the batch key's module are loaded only by commands that use them.
    code = (
        "import os, sys\n"
        "import textual.app\n"
        "def stop(self, *args, **kwargs):\n"
        "    print(sorted(sys.modules))\n"
        "    sys.stdout.flush()\n"
        "    os._exit(0)\n"
        "textual.app.App.run = stop\n"
        "sys.stdin.isatty = sys.stdout.isatty = lambda: True  # as at the console\n"
        "sys.argv = ['csrwizard']\n"
        "from csrwizard.cli import run\n"
        "run()\n"
    )
    environment = {**os.environ, "TERM": "xterm-256color"}
    environment.pop("CSRWIZARD_PLAIN", None)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=environment)
    loaded = set(eval(result.stdout.strip().splitlines()[-1]))
    # The menu's own modules load as App.run builds its first screen.
    assert {m for m in loaded if m.startswith("csrwizard")} == BARE_COMMAND_MODULES
    assert not {"argparse", "getpass", "csrwizard.problems", "csrwizard.cli.secrets"} & loaded


BARE_COMMAND_MODULES = {
    "csrwizard",
    "csrwizard.names",
    "csrwizard.tui",
    "csrwizard.tui.app",
    "csrwizard.tui.type_ahead",  # the app's own key handling, as the app is
    "csrwizard.tui.widgets",
    "csrwizard.tui.widgets.plain_scrollbar",
    "csrwizard.cli",
    "csrwizard.cli.entry",
    "csrwizard.cli.exit_status",
    "csrwizard.cli.key_commands",
    "csrwizard.cli.parser",  # the bare command's parse is known without argparse
    "csrwizard.cli.run_context",
    "csrwizard.cli.terminal",
    "csrwizard.tui.launch",
}


# Exactly what `create --batch` loads of csrwizard, and what it must never load: a new import on
# this path costs every scripted renewal, so it shows up here first. A state typed as a code (TN)
# reads pycountry's subdivisions file, without importing pycountry, so the set is the same.
BATCH_CREATE_MODULES = {
    "csrwizard",
    "csrwizard.cli",
    "csrwizard.cli.entry",
    "csrwizard.cli.exit_status",
    "csrwizard.cli.key_commands",
    "csrwizard.cli.one_line_parser",
    "csrwizard.cli.parser",
    "csrwizard.cli.run_context",
    "csrwizard.cli.safe_output",
    "csrwizard.cli.secrets",
    "csrwizard.cli.summaries",
    "csrwizard.files",
    "csrwizard.files.bounded_reading",
    "csrwizard.files.folder_lock",
    "csrwizard.files.journal",
    "csrwizard.files.owner_only",
    "csrwizard.files.replace_retry",
    "csrwizard.files.writing",
    "csrwizard.names",
    "csrwizard.outcome_lines",
    "csrwizard.pki",
    "csrwizard.pki.hostnames",
    "csrwizard.pki.keys",
    "csrwizard.pki.suffix_cache",
    "csrwizard.pki.validity",
    "csrwizard.problems",
    "csrwizard.request",
    "csrwizard.request.country",
    "csrwizard.request.create",
    "csrwizard.request.csr_der",  # the CSR written without cryptography.x509 (~23 ms to import)
    "csrwizard.request.iso3166",
    "csrwizard.request.key_generation",
    "csrwizard.request.key_in_background",
    "csrwizard.request.next_steps",
    "csrwizard.request.subject",
    "csrwizard.shown_text",
}
NEVER_ON_THE_BATCH_PATH = ("textual", "rich", "pycountry", "importlib.metadata", "ssl", "http", "urllib.request")
# What a locking library brought (an eighth of a batch create): the folder lock is two system calls.
NEVER_ON_THE_BATCH_PATH += ("logging", "secrets", "asyncio", "platform", "filelock")
# One SHA-256 of a public key: cryptography's, loaded to sign anyway, not hashlib's OpenSSL as well.
NEVER_ON_THE_BATCH_PATH += ("hashlib",)
# cryptography.x509 only reads certificates and CSRs: writing the CSR needs none of it (~23 ms).
NEVER_ON_THE_BATCH_PATH += ("cryptography.x509",)


# The seed's example (generateCSR.bat's fields as the vendor's manual fills them): a state typed
# as a code, and a wildcard, which takes the public suffix list.
SEED_EXAMPLE = [
    "--country", "IN", "--state", "TN", "--locality", "Chennai", "--org", "ZOHO", "--cn", "www.zoho.com",
    "--san", "*.domain.com, manageengine.com, ems.com, desktopcentral.com",
]  # fmt: skip
GB_ENGLAND = ["--country", "GB", "--state", "England", "--locality", "London", "--org", "Example"]
GB_ENGLAND += ["--cn", "ec.example.com", "--san", "ec.example.net"]
IDN_NAMES = ["--country", "DE", "--state", "Bayern", "--locality", "München", "--org", "Bücher GmbH"]
IDN_NAMES += ["--cn", "www.bücher.de", "--san", "straße.de"]
# The most a request is likely to carry: 50 SANs, wildcards and IPv4 and IPv6 addresses among them.
FIFTY_SANS = [
    *GB_ENGLAND[:-1],
    ", ".join(
        [f"*.s{n}.example.net" for n in range(24)]
        + [f"h{n}.example.org" for n in range(24)]
        + ["198.51.100.7", "2001:db8::7"]
    ),
]
# The packages outside the standard library each path loads: idna only for an internationalised name.
LIBRARIES = {"cryptography", "publicsuffixlist"}
# Loaded with them, not chosen by csrwizard: cryptography's cffi half, and setuptools' .pth hook.
INCIDENTAL = {"_cffi_backend", "_openssl", "_distutils_hack"}


def _batch_create_loads(folder, fields: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from csrwizard.cli import main\n"
        "main(['create', '--batch', '--dir', *sys.argv[1:]])\n"
        "print(sorted(sys.modules))\n"
    )
    loaded = set(eval(_loaded_top_packages(code, str(folder), *fields)[-1]))
    assert (folder / "server.csr").exists()
    return loaded


def _libraries(loaded: set[str]) -> set[str]:
    return {m.split(".")[0] for m in loaded} - set(sys.stdlib_module_names) - {"csrwizard", "__main__"}


@pytest.mark.parametrize(
    "fields, libraries",
    [(GB_ENGLAND, LIBRARIES), (SEED_EXAMPLE, LIBRARIES), (IDN_NAMES, LIBRARIES | {"idna"}), (FIFTY_SANS, LIBRARIES)],
    ids=["gb-england", "seed-example", "idn", "fifty-sans"],
)
def test_the_import_set_of_batch_create_is_pinned(tmp_path, fields, libraries):
    loaded = _batch_create_loads(tmp_path, fields)
    assert not [m for m in loaded if m.startswith(NEVER_ON_THE_BATCH_PATH)]
    assert {m for m in loaded if m.startswith("csrwizard")} == BATCH_CREATE_MODULES
    assert libraries <= _libraries(loaded) <= libraries | INCIDENTAL


def test_the_seed_examples_state_code_is_looked_up_without_pycountry(tmp_path):
    # Not merely skipped: the warning names the full name, read from pycountry's data file.
    code = (
        "import sys\n"
        "from csrwizard.request.subject import SubjectInput, assess_subject\n"
        "typed = SubjectInput(country='IN', state='TN', locality='Chennai', organization='ZOHO',\n"
        "                     common_name='www.zoho.com', sans='*.domain.com, manageengine.com')\n"
        "print([w.message for w in assess_subject(typed).warnings])\n"
        "print('pycountry' in sys.modules)\n"
    )
    warnings, pycountry_loaded = _loaded_top_packages(code)[-2:]
    assert "Tamil Nadu (ISO 3166-2 spells it Tamil Nādu)" in warnings
    assert pycountry_loaded == "False"


HEAVY_MODULES = ("cryptography.hazmat.primitives.serialization", "csrwizard.request.csr_der")


def test_the_batch_key_starts_before_the_heavy_imports_and_is_awaited_after_them(tmp_path):
    # The key is the longest single step: it must start before serialization and the CSR's encoder load (they
    # load beside it), and be waited for only once they have.
    code = (
        "import sys\n"
        "from csrwizard.request.key_in_background import KeyInBackground\n"
        f"HEAVY = {HEAVY_MODULES!r}\n"
        "seen = {}\n"
        "started, result = KeyInBackground.started.__func__, KeyInBackground.result\n"
        "def watched_start(cls, size, factory=None):\n"
        "    seen['at start'] = [m for m in HEAVY if m in sys.modules]\n"
        "    return started(cls, size, factory)\n"
        "def watched_result(self):\n"
        "    seen['at wait'] = [m for m in HEAVY if m in sys.modules]\n"
        "    return result(self)\n"
        "KeyInBackground.started = classmethod(watched_start)\n"
        "KeyInBackground.result = watched_result\n"
        "from csrwizard.cli import main\n"
        "main(['create', '--batch', '--dir', sys.argv[1], '--country', 'GB', '--state', 'England',\n"
        "      '--locality', 'London', '--org', 'Example', '--cn', 'ec.example.com'])\n"
        "print(seen)\n"
    )
    seen = eval(_loaded_top_packages(code, str(tmp_path))[-1])
    assert (tmp_path / "server.key").exists()
    assert seen["at start"] == []
    assert seen["at wait"] == list(HEAVY_MODULES)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' roots are in its system store, read through ssl")
def test_check_reads_the_machines_roots_without_loading_ssl(tmp_path):
    from tests.scenes import with_ca_reply

    with_ca_reply(tmp_path)
    code = (
        "import sys; from csrwizard.cli.entry import main\n"
        "try:\n"
        "    main(['check', '--dir', sys.argv[1], '--chain', 'ca-bundle.crt'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "from csrwizard.pki.chain import system_trusted_roots\n"
        "print(len(system_trusted_roots()) > 0)\n"
        "print('ssl' in sys.modules)\n"
    )
    found_roots, ssl_loaded = _loaded_top_packages(code, str(tmp_path))[-2:]
    assert found_roots == "True"
    assert ssl_loaded == "False"  # importing ssl cost every check ~5 ms


def test_the_store_files_are_the_ones_ssl_names(monkeypatch, tmp_path):
    import ssl

    from csrwizard.pki.chain import store_files

    paths = ssl.get_default_verify_paths()
    assert paths.openssl_cafile in store_files()
    if paths.cafile:
        assert store_files()[0] == paths.cafile
    bundle = tmp_path / "roots.pem"
    bundle.write_text("")
    monkeypatch.setenv(paths.openssl_cafile_env, str(bundle))
    assert store_files()[0] == str(bundle) == ssl.get_default_verify_paths().cafile
