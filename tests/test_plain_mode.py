"""The line-by-line mode, driven in a real pty as an admin at a dumb terminal would drive it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.access import assert_owner_only
from tests.conftest import encrypt_key_into, folder_snapshot, run_openssl

pexpect = pytest.importorskip("pexpect", reason="pexpect drives a pty, which Windows lacks")

PASSPHRASE = "correct horse battery staple"
# The review's question: a number changes that answer, y writes, n quits.
REVIEW = "Write these files? (y, n or 1 to 8)"
# The vendor's own example, as generateCSR.bat's documentation gives it.
SEED_EXAMPLE = {
    "Country": "IN",
    "State or province": "Tamil Nadu",
    "Locality": "Chennai",
    "Organisation": "ZOHO",
    "Organisational unit": "",
    "Common name": "www.zoho.com",
    "Subject alternative names": "*.domain.com, manageengine.com, ems.com, desktopcentral.com",
    "Key size": "",
}


def spawn(*words: str, folder: Path, extra_env: dict[str, str] | None = None, columns: int = 80, timeout: float = 30):
    """`csrwizard WORDS --dir FOLDER` in a pty with TERM=dumb; the child and its transcript."""
    env = {name: value for name, value in os.environ.items() if name != "CSRWIZARD_PLAIN"}
    env.update({"TERM": "dumb", **(extra_env or {})})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "csrwizard", *words, "--dir", str(folder)],
        env=env,
        encoding="utf-8",
        timeout=timeout,
        dimensions=(24, columns),
    )
    child.logfile_read = transcript = _Transcript()
    return child, transcript


class _Transcript:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def answer(child, question: str, text: str) -> None:
    child.expect_exact(question)
    child.expect_exact(": ")
    child.sendline(text)


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def assert_plain_lines(transcript: _Transcript) -> None:
    """No colour, no cursor movement: nothing but text and line ends."""
    assert "\x1b" not in transcript.text
    assert not any(ord(char) < 32 and char not in "\r\n" for char in transcript.text)


def test_the_seed_example_completes_and_openssl_verifies_the_csr(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    for question, text in SEED_EXAMPLE.items():
        answer(child, question, text)
    child.expect_exact("Review. Nothing has been written yet.")
    assert list(tmp_path.iterdir()) == []  # promise 3: nothing before the review is confirmed
    answer(child, REVIEW, "y")
    assert finish(child) == 0
    assert "Public key SHA-256:" in transcript.text
    assert_plain_lines(transcript)
    text = run_openssl("req", "-in", str(tmp_path / "server.csr"), "-verify", "-noout", "-subject").stdout.decode()
    assert "CN=www.zoho.com" in text.replace(" ", "") and "ST=TamilNadu" in text.replace(" ", "")
    assert_owner_only(tmp_path / "server.key")
    assert "BEGIN" not in transcript.text  # the private key is never printed


def test_one_answer_is_corrected_at_the_review_and_the_others_are_kept(tmp_path):
    """A 60-column terminal, a typo in the locality seen at the review: 3 asks it again, the fix
    shows in a new review, y writes; nothing is written before, no line is wider than the terminal."""
    child, transcript = spawn("create", "--plain", folder=tmp_path, columns=60)
    for question, text in {**SEED_EXAMPLE, "Locality": "Chenai"}.items():
        answer(child, question, text)
    child.expect_exact("3. Locality: Chenai")
    answer(child, REVIEW, "3")
    answer(child, "3/8 Locality (city) [Chenai]", "Chennai")
    child.expect_exact("3. Locality: Chennai")
    child.expect_exact("6. Common name: www.zoho.com")  # the other answers are as they were
    assert list(tmp_path.iterdir()) == []
    answer(child, REVIEW, "y")
    assert finish(child) == 0
    subject = run_openssl("req", "-in", str(tmp_path / "server.csr"), "-noout", "-subject", "-nameopt", "RFC2253")
    assert subject.stdout.decode().strip() == "subject=CN=www.zoho.com,O=ZOHO,L=Chennai,ST=Tamil Nadu,C=IN"
    assert_plain_lines(transcript)
    lines = transcript.text.replace("\r\n", "\n").split("\n")
    typed = tuple(text for text in SEED_EXAMPLE.values() if text)  # echoed by the terminal, not wrapped by us
    too_wide = [line for line in lines if len(line) > 60 and " " in line.strip() and not line.endswith(typed)]
    assert too_wide == []  # a path wider than the terminal is the only line left whole


def test_anything_else_at_the_review_is_asked_again(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    for question, text in SEED_EXAMPLE.items():
        answer(child, question, text)
    answer(child, REVIEW, "")
    child.expect_exact("Please type y, n, or a number from 1 to 8.")
    answer(child, REVIEW, "9")
    child.expect_exact("Please type y, n, or a number from 1 to 8.")
    answer(child, REVIEW, "n")
    child.expect_exact("Nothing was written.")
    assert finish(child) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_refused_country_is_asked_again_with_the_fix_as_default(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    answer(child, "Country", "UK")
    child.expect_exact("Refused: Country: UK is not an ISO 3166 code; use GB")
    answer(child, "Country (two-letter ISO code, e.g. GB, US, IN) [GB]", "")  # Enter takes the fix
    answer(child, "State or province", "England")
    answer(child, "Locality", "London")
    answer(child, "Organisation", "Example Ltd")
    answer(child, "Organisational unit", "")
    answer(child, "Common name", "ec.example.com")
    answer(child, "Subject alternative names", "")
    answer(child, "Key size", "")
    answer(child, REVIEW, "y")
    assert finish(child) == 0
    subject = run_openssl("req", "-in", str(tmp_path / "server.csr"), "-noout", "-subject").stdout.decode()
    assert "C=GB" in subject.replace(" ", "") or "C = GB" in subject


def test_a_code_for_the_state_is_offered_in_full_and_typing_it_again_keeps_it(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    answer(child, "Country", "IN")
    answer(child, "State or province", "TN")
    child.expect_exact("looks like a code")
    child.expect_exact("or type TN again to keep it")
    answer(child, "State or province", "TN")
    answer(child, "Locality", "")
    child.expect_exact("Refused: Locality: required")
    child.sendeof()  # Ctrl+D: the answers end here
    child.expect_exact("nothing was written")
    assert finish(child) == 1
    assert list(tmp_path.iterdir()) == []


def review_after_a_burst(child, lines: list[str]) -> str:
    """Every line sent at once, as a slow remote link delivers typed-ahead answers; the review."""
    child.expect_exact("1/8 Country")
    child.send("".join(line + "\r" for line in lines))
    child.expect_exact(REVIEW)
    return child.before


def test_a_state_code_typed_ahead_keeps_every_later_answer_in_its_own_question(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    seed = ["IN", "TN", "Chennai", "ZOHO", "", "www.zoho.com", SEED_EXAMPLE["Subject alternative names"], ""]
    review = review_after_a_burst(child, seed)
    assert "Kept TN; to use Tamil Nadu, type 2 at the review." in review
    for line in ("2. State or province: TN", "3. Locality: Chennai", "4. Organisation: ZOHO", "6. Common name: www"):
        assert line in review, review
    child.sendline("n")
    assert finish(child) == 1


def test_a_refused_answer_in_a_burst_drops_what_was_typed_after_it(tmp_path):
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    child.expect_exact("1/8 Country")
    child.send("UK\rTN\rChennai\r")  # UK refused: TN must not become the country (Tunisia)
    child.expect_exact("use GB (United Kingdom)")
    child.expect_exact("What was typed after it was not used")
    answer(child, "Country", "GB")
    child.expect_exact("2/8 State or province")
    child.sendeof()
    assert finish(child) == 1
    assert "Tunisia" not in transcript.text and list(tmp_path.iterdir()) == []


def test_no_at_the_confirmation_writes_nothing(tmp_path):
    (tmp_path / "server.key").write_bytes(b"the key in use")
    before = folder_snapshot(tmp_path)
    child, transcript = spawn("create", "--plain", folder=tmp_path)
    for question, text in SEED_EXAMPLE.items():
        answer(child, question, text)
    child.expect_exact("Will back up")
    answer(child, REVIEW, "n")
    child.expect_exact("Nothing was written.")
    assert finish(child) == 1
    assert folder_snapshot(tmp_path) == before


def test_decrypt_asks_again_after_a_wrong_passphrase_and_never_echoes_it(tmp_path):
    encrypt_key_into(tmp_path, PASSPHRASE)
    encrypted = (tmp_path / "server.key").read_bytes()
    child, transcript = spawn("decrypt", "--plain", folder=tmp_path)
    child.expect_exact("Key file or .pfx [server.key]: ")
    child.sendline("")
    child.expect_exact("Passphrase")
    child.sendline("not the passphrase")
    child.expect_exact("Refused: the passphrase is wrong")
    child.expect_exact("(try 2 of 3)")
    child.expect_exact("Passphrase")
    child.sendline(PASSPHRASE)
    answer(child, "Write it? [y/N]", "y")
    assert finish(child) == 0
    assert PASSPHRASE not in transcript.text and "not the passphrase" not in transcript.text
    assert_plain_lines(transcript)
    key = serialization.load_pem_private_key((tmp_path / "server.key").read_bytes(), None)
    assert key.key_size == 2048
    backups = list(tmp_path.glob("server.key.*.bak"))
    assert [backup.read_bytes() for backup in backups] == [encrypted]


def test_three_wrong_passphrases_end_with_the_key_unchanged(tmp_path):
    encrypt_key_into(tmp_path, PASSPHRASE)
    before = folder_snapshot(tmp_path)
    child, _ = spawn("decrypt", "--plain", "server.key", folder=tmp_path)
    for _ in range(3):
        child.expect_exact("Passphrase")
        child.sendline("wrong")
    child.expect_exact("the passphrase is wrong")
    assert finish(child) == 2
    assert folder_snapshot(tmp_path) == before


@pytest.mark.parametrize("environment", [{"TERM": "dumb"}, {"TERM": "xterm-256color", "CSRWIZARD_PLAIN": "1"}])
def test_bare_csrwizard_shows_a_numbered_menu_where_the_wizard_cannot_draw(tmp_path, environment):
    child, transcript = spawn(folder=tmp_path, extra_env=environment)
    child.expect_exact("1. Create a new key and CSR")
    answer(child, "What would you like to do? (1 to 6)", "9")
    child.expect_exact("Please type a number from 1 to 6.")
    answer(child, "What would you like to do? (1 to 6)", "6")
    assert finish(child) == 0
    assert_plain_lines(transcript)


def test_renew_from_the_menu_offers_the_old_answers(tmp_path):
    from csrwizard.cli import main

    assert main(["create", "--batch", "--dir", str(tmp_path), "--country", "GB", "--state", "England",
                 "--locality", "London", "--org", "Example Ltd", "--cn", "ec.example.com"]) == 0  # fmt: skip
    child, transcript = spawn(folder=tmp_path)
    answer(child, "What would you like to do? (1 to 6)", "2")
    child.expect_exact("Country (two-letter ISO code, e.g. GB, US, IN) [GB]")
    child.sendline("")
    child.expect_exact("[England]")
    child.sendeof()
    assert finish(child) == 1


def test_renew_without_a_csr_says_so_and_offers_the_menu_again(tmp_path):
    child, transcript = spawn(folder=tmp_path)
    answer(child, "What would you like to do? (1 to 6)", "2")
    child.expect_exact("Refused: neither server.csr nor server.crt is in")
    child.expect(r"nothing\s+to\s+renew\s+from")  # wrapped at the width, between words
    answer(child, "What would you like to do? (1 to 6)", "6")
    assert finish(child) == 0


def test_inspect_of_a_pfx_at_a_terminal_asks_its_password_hidden(tmp_path):
    """It refused before, naming a file that needs a password, and never asked for one."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    from tests.scenes import fixed_key

    key = fixed_key(2048)
    (tmp_path / "server.pfx").write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"ec", key, None, None, serialization.BestAvailableEncryption(PASSPHRASE.encode())
        )
    )
    child, transcript = spawn("inspect", "server.pfx", folder=tmp_path)
    child.expect_exact("Password of server.pfx: ")
    child.sendline(PASSPHRASE)
    assert finish(child) == 0
    assert "Private key" in transcript.text and "RSA 2048 bits" in transcript.text
    assert PASSPHRASE not in transcript.text  # typed hidden
