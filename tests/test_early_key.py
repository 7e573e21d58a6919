"""A batch create's key starts from the words of the command line, before the program loads."""

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from csrwizard.cli.early_key import early_key_size
from csrwizard.names import DEFAULT_KEY_SIZE, KEY_SIZES

FIELDS = ["--country", "GB", "--state", "England", "--locality", "London", "--org", "Example", "--cn", "ec.example.com"]


def test_a_batch_create_starts_the_default_size_or_the_size_it_names():
    assert early_key_size(["create", "--batch", *FIELDS]) == DEFAULT_KEY_SIZE
    assert early_key_size(["--dir", "renew", "create", "--batch", "--key-size", "4096"]) == 4096
    assert early_key_size(["create", "--key-size=3072", "--batch"]) == 3072


def test_nothing_starts_where_no_new_key_may_be_wanted():
    assert early_key_size(["create", *FIELDS]) is None  # the wizard makes its own
    assert early_key_size(["create", "--batch", "--reuse-key"]) is None
    assert early_key_size(["create", "--batch", "--help"]) is None
    assert early_key_size(["decrypt", "--batch"]) is None
    assert early_key_size(["check", "--cert", "server.crt"]) is None
    # A size the parser will refuse, or no size at all: let the parser say so.
    assert early_key_size(["create", "--batch", "--key-size", "1024"]) is None
    assert early_key_size(["create", "--batch", "--key-size"]) is None
    assert early_key_size(["create", "--batch", "--key-size", "big"]) is None


WORDS = ["create", "--batch", "--key-size", "--key-size=", "--key-size=4096", "4096", "2048", "1024", "x", "-h", "--"]


@given(st.lists(st.sampled_from(WORDS), max_size=8) | st.lists(st.text(max_size=12), max_size=8))
def test_any_command_line_gives_an_offered_size_or_none_and_never_fails(words):
    assert early_key_size(words) in (None, *KEY_SIZES)


def test_the_installed_command_starts_the_key_before_loading_the_program_and_uses_that_one(tmp_path):
    code = (
        "import sys\n"
        "from csrwizard.request.key_in_background import KeyInBackground\n"
        "started = KeyInBackground.started.__func__\n"
        "def watched(cls, size, factory=None):\n"
        "    print('started', size, 'csrwizard.cli.entry' in sys.modules, 'cryptography.x509' in sys.modules)\n"
        "    return started(cls, size, factory)\n"
        "KeyInBackground.started = classmethod(watched)\n"
        "sys.argv[1:] = ['create', '--batch', '--dir', sys.argv[1], '--key-size', '3072', *sys.argv[2:]]\n"
        "from csrwizard.cli import run\n"
        "run()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path), *FIELDS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # One key, started before the command-line module or x509 was loaded, and it is the one written.
    assert [line for line in result.stdout.splitlines() if line.startswith("started")] == ["started 3072 False False"]
    from csrwizard.files.keyfiles import load_private_key

    assert load_private_key((tmp_path / "server.key").read_bytes()).key_size == 3072


def test_a_refused_batch_create_writes_nothing_though_its_key_was_started(tmp_path):
    fields = [*FIELDS[:1], "XX", *FIELDS[2:]]
    result = subprocess.run([sys.executable, "-m", "csrwizard", "create", "--batch", "--dir", str(tmp_path), *fields],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert "country" in result.stderr and "XX" in result.stderr
    assert list(tmp_path.iterdir()) == []
