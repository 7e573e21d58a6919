"""The batch CLI: exit codes, one problem per line naming its field, summaries, and secrets kept."""

import errno
import subprocess
import sys

import pytest
from cryptography import x509

from csrwizard import __version__
from csrwizard.cli import main
from csrwizard.request.csr import load_csr
from tests.conftest import create_flags, encrypt_key_into, folder_snapshot, run_openssl

GOOD = create_flags("ec.example.net, 8.8.8.8")


def create(tmp_path, *extra):
    return main(["create", "--batch", "--dir", str(tmp_path), *GOOD, *extra])


def test_create_writes_a_csr_openssl_verifies_and_prints_a_summary(tmp_path, capsys):
    assert create(tmp_path) == 0
    out = capsys.readouterr().out
    run_openssl("req", "-in", "server.csr", "-verify", "-noout", cwd=tmp_path)
    run_openssl("rsa", "-in", "server.key", "-check", "-noout", cwd=tmp_path)
    assert "Subject: C = GB, ST = England, L = London, O = Example Ltd, CN = ec.example.com" in out
    assert "SANs: DNS:ec.example.com, DNS:ec.example.net, IP Address:8.8.8.8" in out
    assert "Public key SHA-256:" in out and "Next steps:" in out
    assert "PRIVATE KEY" not in out


def test_second_create_backs_up_and_prints_the_backup_paths(tmp_path, capsys):
    create(tmp_path)
    first_key = (tmp_path / "server.key").read_bytes()
    capsys.readouterr()
    assert create(tmp_path, "--key-size", "3072") == 0
    out = capsys.readouterr().out
    backups = sorted(tmp_path.glob("server.key.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == first_key
    assert f"Backed up {tmp_path / 'server.key'} as {backups[0].name}" in out
    csr = load_csr((tmp_path / "server.csr").read_bytes())
    assert csr.public_key().key_size == 3072


def test_refused_input_exits_2_lists_every_problem_and_changes_nothing(tmp_path, capsys):
    (tmp_path / "server.key").write_bytes(b"precious")
    before = folder_snapshot(tmp_path)
    code = main(
        [
            "create",
            "--batch",
            "--dir",
            str(tmp_path),
            "--country",
            "UK",
            "--state",
            "England",
            "--locality",
            "London",
            "--org",
            "Example",
            "--cn",
            "https://bad_name.example.com/",
            "--san",
            "*.com",
            "--key-size",
            "1024",
        ]
    )
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert folder_snapshot(tmp_path) == before
    assert any(line.strip().startswith("Country: UK is not an ISO 3166 code; use GB") for line in err)
    assert any(line.strip().startswith("Common name:") for line in err)
    assert any(line.strip().startswith("Subject alternative names:") for line in err)
    assert any(line.strip().startswith("Key size:") for line in err)
    assert not any("Traceback" in line for line in err)


def test_a_write_failure_exits_1_with_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EC_PASS", "any")  # set on every platform (HOME is unset on Windows)
    missing = tmp_path / "no" / "such"
    (tmp_path / "server.csr").mkdir()
    assert main(["create", "--batch", "--dir", str(tmp_path), *GOOD]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["decrypt", "--batch", str(missing), "--passphrase-env", "EC_PASS"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def test_write_config_and_from_config_round_trip(tmp_path, capsys):
    assert create(tmp_path, "--write-config") == 0
    config = tmp_path / "opensslsan.conf"
    run_openssl("req", "-new", "-key", "server.key", "-config", "opensslsan.conf", "-out", "again.csr", cwd=tmp_path)
    again = load_csr((tmp_path / "again.csr").read_bytes())
    ours = load_csr((tmp_path / "server.csr").read_bytes())
    assert again.subject == ours.subject
    other = tmp_path / "other"
    other.mkdir()
    assert main(["create", "--batch", "--dir", str(other), "--from-config", str(config)]) == 0
    assert load_csr((other / "server.csr").read_bytes()).subject == ours.subject


def test_from_csr_renews_with_the_same_subject_and_flags_override(tmp_path):
    create(tmp_path)
    old = load_csr((tmp_path / "server.csr").read_bytes())
    renewed = tmp_path / "renewed"
    renewed.mkdir()
    assert (
        main(
            [
                "create",
                "--batch",
                "--dir",
                str(renewed),
                "--from-csr",
                str(tmp_path / "server.csr"),
                "--locality",
                "Manchester",
            ]
        )
        == 0
    )
    new = load_csr((renewed / "server.csr").read_bytes())
    assert new.subject.get_attributes_for_oid(x509.NameOID.LOCALITY_NAME)[0].value == "Manchester"
    assert (
        new.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        == old.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    )


def test_csr_out_and_key_out_for_the_older_flow(tmp_path):
    assert (
        create(
            tmp_path,
            "--csr-out",
            str(tmp_path / "req.csr"),
            "--key-out",
            str(tmp_path / "private.key"),
            "--key-format",
            "pkcs1",
        )
        == 0
    )
    assert (tmp_path / "private.key").read_bytes().startswith(b"-----BEGIN RSA PRIVATE KEY-----")
    assert (tmp_path / "req.csr").exists() and not (tmp_path / "server.csr").exists()


@pytest.fixture
def encrypted_key(tmp_path):
    encrypt_key_into(tmp_path, "s3cret phrase")
    return tmp_path / "server.key"


def test_decrypt_batch_from_env(tmp_path, encrypted_key, monkeypatch, capsys):
    monkeypatch.setenv("EC_PASS", "s3cret phrase")
    assert main(["decrypt", "--batch", "--dir", str(tmp_path), "--passphrase-env", "EC_PASS"]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out and "PRIVATE KEY" not in out
    assert encrypted_key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert len(list(tmp_path.glob("server.key.*.bak"))) == 1


def test_decrypt_batch_from_file_to_another_output(tmp_path, encrypted_key):
    secret = tmp_path / "pass.txt"
    secret.write_text("s3cret phrase\n")
    out = tmp_path / "plain.key"
    assert main(["decrypt", "--batch", str(encrypted_key), "--out", str(out), "--passphrase-file", str(secret)]) == 0
    run_openssl("rsa", "-in", str(out), "-check", "-noout")


def test_decrypt_batch_from_stdin_in_a_real_process(tmp_path, encrypted_key):
    result = subprocess.run(
        [sys.executable, "-m", "csrwizard", "decrypt", "--batch", str(encrypted_key), "--passphrase-stdin"],
        input=b"wrong\n",
        capture_output=True,
    )
    assert result.returncode == 2
    assert b"passphrase is wrong" in result.stderr and b"Traceback" not in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "csrwizard", "decrypt", "--batch", str(encrypted_key), "--passphrase-stdin"],
        input=b"s3cret phrase\n",
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr
    assert b"s3cret" not in result.stdout + result.stderr


def test_decrypt_batch_needs_a_passphrase_source_and_never_takes_one_from_argv(tmp_path, encrypted_key, capsys):
    before = folder_snapshot(tmp_path)
    assert main(["decrypt", "--batch", str(encrypted_key)]) == 2
    assert "Passphrase:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["decrypt", "--batch", str(encrypted_key), "--passphrase", "s3cret phrase"])
    assert exited.value.code == 2
    assert folder_snapshot(tmp_path) == before


def test_version_and_help_with_examples(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["create", "--help"])
    assert "examples:" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["create", "--country", "GB"], ["decrypt"]])
def test_the_wizard_without_a_terminal_says_to_use_batch(tmp_path, argv):
    result = subprocess.run(
        [sys.executable, "-m", "csrwizard", "--dir", str(tmp_path), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert b"--batch" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("extra", "code"), [([], 0), (["--country", "UK"], 2)])
def test_the_fast_exit_flushes_everything_and_keeps_the_exit_code(tmp_path, extra, code):
    """`csrwizard` ends with os._exit after flushing: output sent to a file (fully buffered) is whole."""
    import subprocess
    import sys

    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        result = subprocess.run(
            [sys.executable, "-m", "csrwizard", "create", "--batch", "--dir", str(tmp_path), *create_flags(""), *extra],
            stdout=sink,
            stderr=subprocess.PIPE,
        )
    assert result.returncode == code
    text = out.read_text(encoding="utf-8", errors="replace")
    if code == 0:
        assert text.rstrip().splitlines()[-1].startswith("  5. ")  # the last of the next steps
    else:
        assert b"Country: UK is not an ISO 3166 code" in result.stderr


def windows_error(code: int, winerror: int | None) -> OSError:
    error = OSError(code, "Invalid argument")
    error.winerror = winerror  # what Windows sets on errors from its own calls
    return error


@pytest.mark.parametrize(
    ("error", "platform", "quiet"),
    [
        (OSError(errno.EINVAL, "Invalid argument"), "win32", True),  # the C runtime's write to a closed pipe
        (windows_error(errno.EINVAL, None), "win32", True),
        (windows_error(errno.EINVAL, 87), "win32", False),  # ERROR_INVALID_PARAMETER from a Windows call
        (OSError(errno.EINVAL, "Invalid argument"), "linux", False),
        (OSError(errno.EIO, "I/O error"), "win32", False),
    ],
)
def test_only_a_closed_pipe_on_windows_ends_quietly(error, platform, quiet):
    from csrwizard.cli.entry import is_closed_output_on_windows

    assert is_closed_output_on_windows(error, platform) is quiet


def test_the_bare_command_is_parsed_as_the_parser_would():
    # `csrwizard` alone skips building the parser (the menu paints sooner); the answer must not drift.
    from csrwizard.cli.parser import build_parser, parse_command_line

    assert vars(parse_command_line([])) == vars(build_parser().parse_args([]))
    assert vars(parse_command_line(["--plain"])) == vars(build_parser().parse_args(["--plain"]))


def test_every_command_runs_through_the_function_its_parser_names():
    """One parser module: each subcommand, and the bare command, names the function that runs it."""
    import argparse
    import importlib

    from csrwizard.cli.parser import MENU, Command, build_parser

    parser = build_parser()
    assert parser.get_default("run") == MENU
    (commands,) = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    assert set(commands.choices) == {"create", "decrypt", "check", "pfx", "probe", "inspect"}
    for name, command in commands.choices.items():
        run = command.get_default("run")
        assert isinstance(run, Command), name
        assert callable(getattr(importlib.import_module(run.module), run.function)), name
