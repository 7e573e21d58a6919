"""What ships beside the executable: the version resource, the zip of the folder build and its
SHA-256 (packaging/release.py, which build.py and the PyInstaller spec use)."""

import ast
import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))

import release  # noqa: E402

import csrwizard  # noqa: E402


@pytest.mark.parametrize(
    "version, numbers",
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("1.0.dev3", (1, 0, 0, 0)),
        ("3.4.5.6.7", (3, 4, 5, 6)),
    ],
)
def test_the_file_version_is_four_numbers(version, numbers):
    assert release.version_numbers(version) == numbers


def _evaluated_resource(text: str) -> dict:
    """The version file evaluated with stand-ins for PyInstaller's classes, which record their arguments."""

    def record(kind):
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo"]
    namespace = {name: record(name) for name in [*names, "VarStruct"]}
    return eval(compile(ast.parse(text, mode="eval"), "version_resource.txt", "eval"), namespace)


def test_the_version_resource_names_this_version():
    text = release.version_resource_text(csrwizard.__version__)
    resource = _evaluated_resource(text)
    numbers = release.version_numbers(csrwizard.__version__)
    assert resource["ffi"]["filevers"] == resource["ffi"]["prodvers"] == numbers
    string_table = resource["kids"][0]["args"][0][0]
    strings = dict(struct["args"] for struct in string_table["args"][1])
    assert strings["ProductVersion"] == strings["FileVersion"] == csrwizard.__version__
    assert strings["OriginalFilename"] == "csrwizard.exe"
    assert set(strings) == set(release.STRING_FIELDS)


def test_pyinstaller_reads_the_version_resource(tmp_path):
    versioninfo = pytest.importorskip("PyInstaller.utils.win32.versioninfo", exc_type=ImportError)
    path = tmp_path / "version_resource.txt"
    path.write_text(release.version_resource_text(csrwizard.__version__), encoding="utf-8")
    loaded = versioninfo.load_version_info_from_text_file(str(path))
    assert csrwizard.__version__ in str(loaded)


def _folder_build(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "csrwizard"
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "csrwizard.exe").write_bytes(b"MZ" + bytes(range(256)) * 8)
    (folder / "_internal" / "python313.dll").write_bytes(b"\x00dll" * 1000)
    (folder / "_internal" / "lib" / "data.json").write_text("{}")
    return folder


def test_the_archive_holds_the_folder_under_one_top_folder(tmp_path):
    folder = _folder_build(tmp_path)
    archive = release.make_archive(folder, tmp_path / "dist" / release.archive_name("0.1.0", "windows"))
    assert archive.name == "csrwizard-0.1.0-windows.zip"
    with zipfile.ZipFile(archive) as zipped:
        names = sorted(zipped.namelist())
        assert names == [
            "csrwizard/_internal/lib/data.json",
            "csrwizard/_internal/python313.dll",
            "csrwizard/csrwizard.exe",
        ]
        assert zipped.read("csrwizard/csrwizard.exe") == (folder / "csrwizard.exe").read_bytes()
    assert not list(archive.parent.glob("*.partial"))


def test_the_sha256_file_is_what_sha256sum_checks(tmp_path):
    archive = release.make_archive(_folder_build(tmp_path), tmp_path / "csrwizard-0.1.0-linux.zip")
    digest, checksum = release.write_sha256(archive)
    assert digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert checksum.read_bytes() == f"{digest}  csrwizard-0.1.0-linux.zip\n".encode()
    sha256sum = shutil.which("sha256sum")
    if sha256sum:  # the coreutils tool as the independent judge, where there is one
        checked = subprocess.run([sha256sum, "-c", checksum.name], cwd=tmp_path, capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        archive.write_bytes(archive.read_bytes() + b"tampered")
        assert subprocess.run([sha256sum, "-c", checksum.name], cwd=tmp_path, capture_output=True).returncode != 0


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("tmux"), reason="its screens need tmux")
def test_the_smoke_tests_screens_are_the_ones_csrwizard_shows():
    """packaging/smoke.py runs only against a built executable, after the suite: run here on the
    installed command, a screen whose words changed fails in the suite, not after the build."""
    installed = Path(sys.executable).with_name("csrwizard")
    if not installed.exists():
        pytest.skip("csrwizard is not installed in this environment")
    smoke = Path(__file__).resolve().parents[1] / "packaging" / "smoke.py"
    result = subprocess.run(
        [sys.executable, str(smoke), str(installed)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
