"""The engine never imports Textual: each engine module is imported alone in a fresh interpreter."""

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
    # The menu must paint before the heavy engine imports; they load after, in a worker.
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from csrwizard.tui.app import CsrWizardApp\n"
        "async def first_screen():\n"
        "    app = CsrWizardApp(folder=Path(sys.argv[1]))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(sorted({m.split('.')[0] for m in sys.modules} & {'cryptography', 'pycountry'}))\n"
        "asyncio.run(first_screen())\n"
    )
    assert _loaded_top_packages(code, str(tmp_path))[-1] == "[]"
