"""The engine never imports Textual: each engine module is imported alone in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import pytest

import csrwizard

ENGINE_MODULES = sorted(
    f"csrwizard.{info.name}"
    for info in pkgutil.iter_modules(csrwizard.__path__)
    if info.name not in ("tui", "__main__")
)


def test_there_are_engine_modules_to_check():
    assert {"csrwizard.subject", "csrwizard.files", "csrwizard.cli", "csrwizard.keyfiles"} <= set(ENGINE_MODULES)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_engine_module_does_not_import_textual(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_batch_path_does_not_import_textual(tmp_path):
    code = (
        "import sys; from csrwizard.cli import main; "
        "main(['create', '--batch', '--dir', sys.argv[1], '--country', 'GB', '--state', 'England', "
        "'--locality', 'London', '--org', 'Example', '--cn', 'ec.example.com']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "server.csr").exists()
