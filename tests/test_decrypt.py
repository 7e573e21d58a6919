"""Keys the openssl CLI encrypted, in every format it writes, decrypt to the same key."""

from datetime import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import given
from hypothesis import strategies as st

from csrwizard.files.keyfiles import NotEncrypted, WrongPassphrase, describe_key_file
from csrwizard.pki.keys import private_key_pem
from csrwizard.problems import CsrWizardError
from csrwizard.request.decrypt import perform_decrypt, plan_decrypt
from csrwizard.request.key_generation import make_key
from tests.access import assert_owner_only
from tests.conftest import folder_snapshot, run_openssl

PASSPHRASE = "correct horse battery"
ENCRYPTIONS = {
    "pkcs8-pbes2-aes256-pem": ["pkcs8", "-topk8", "-v2", "aes-256-cbc"],
    "pkcs8-pbes2-des3-pem": ["pkcs8", "-topk8", "-v2", "des3"],
    "pkcs8-pbes1-sha1-3des-pem": ["pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES"],
    "pkcs8-pbes2-aes256-der": ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-outform", "DER"],
    "pkcs8-pbes1-sha1-3des-der": ["pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-outform", "DER"],
    "traditional-aes256": ["rsa", "-aes256", "-traditional"],
    "traditional-aes128": ["rsa", "-aes128", "-traditional"],
    "traditional-des3": ["rsa", "-des3", "-traditional"],
}
FIXED = datetime(2026, 11, 27, 9, 30, 5)


@pytest.fixture(scope="module")
def plain_key():
    return make_key(2048)


def encrypt_with_openssl(folder, plain_key, name):
    (folder / "plain.pem").write_bytes(private_key_pem(plain_key))
    command = ENCRYPTIONS[name]
    run_openssl(*command, "-in", "plain.pem", "-out", "server.key", "-passout", f"pass:{PASSPHRASE}", cwd=folder)
    (folder / "plain.pem").unlink()
    return folder / "server.key"


def private_numbers(path):
    return serialization.load_pem_private_key(path.read_bytes(), None).private_numbers()


@pytest.mark.parametrize("name", ENCRYPTIONS)
def test_openssl_encrypted_keys_decrypt_in_place_to_the_same_key(tmp_path, plain_key, name):
    encrypted_path = encrypt_with_openssl(tmp_path, plain_key, name)
    encrypted = encrypted_path.read_bytes()
    assert describe_key_file(encrypted).encrypted
    result = perform_decrypt(plan_decrypt(encrypted_path), PASSPHRASE.encode(), now=lambda: FIXED)
    assert private_numbers(encrypted_path) == plain_key.private_numbers()
    assert result.outcome.backups[0][1].read_bytes() == encrypted
    assert_owner_only(encrypted_path)


@pytest.mark.parametrize("name", ["pkcs8-pbes2-aes256-pem", "traditional-des3"])
def test_a_wrong_passphrase_changes_nothing(tmp_path, plain_key, name):
    encrypt_with_openssl(tmp_path, plain_key, name)
    before = folder_snapshot(tmp_path)
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        perform_decrypt(plan_decrypt(tmp_path / "server.key"), b"wrong")
    assert folder_snapshot(tmp_path) == before


def test_an_unencrypted_key_is_reported_and_left_alone(tmp_path, plain_key):
    (tmp_path / "server.key").write_bytes(private_key_pem(plain_key))
    before = folder_snapshot(tmp_path)
    with pytest.raises(NotEncrypted, match="not encrypted"):
        perform_decrypt(plan_decrypt(tmp_path / "server.key"), b"anything")
    assert folder_snapshot(tmp_path) == before


def test_output_to_another_file_keeps_the_original_and_can_be_pkcs1(tmp_path, plain_key):
    source = encrypt_with_openssl(tmp_path, plain_key, "traditional-aes256")
    original = source.read_bytes()
    perform_decrypt(plan_decrypt(source, tmp_path / "plain.key", "pkcs1"), PASSPHRASE.encode())
    assert source.read_bytes() == original
    assert (tmp_path / "plain.key").read_bytes().startswith(b"-----BEGIN RSA PRIVATE KEY-----")
    run_openssl("rsa", "-in", "plain.key", "-check", "-noout", cwd=tmp_path)


@pytest.mark.parametrize("content", [b"", b"hello", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
def test_files_that_are_not_keys_are_named_as_such(tmp_path, content):
    (tmp_path / "server.key").write_bytes(content)
    with pytest.raises(CsrWizardError):
        perform_decrypt(plan_decrypt(tmp_path / "server.key"), b"x")


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(CsrWizardError, match="does not exist"):
        perform_decrypt(plan_decrypt(tmp_path / "nope.key"), b"x")


@pytest.mark.parametrize(
    "name, described",
    [
        ("pkcs8-pbes2-aes256-pem", "encrypted PKCS#8 (PEM)"),
        ("pkcs8-pbes2-aes256-der", "encrypted PKCS#8 (DER)"),
        ("traditional-aes256", "AES-256-CBC"),
    ],
)
def test_the_format_is_described(tmp_path, plain_key, name, described):
    path = encrypt_with_openssl(tmp_path, plain_key, name)
    assert described in describe_key_file(path.read_bytes()).format


@given(
    st.binary(max_size=300)
    | st.builds(
        lambda body: b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + b"\n-----END ENCRYPTED PRIVATE KEY-----\n",
        st.binary(max_size=200),
    )
)
def test_any_bytes_as_a_key_give_a_message_never_a_traceback(data):
    from csrwizard.files.keyfiles import decrypt_key

    try:
        decrypt_key(data, b"passphrase")
    except CsrWizardError as error:
        assert str(error) and "\n" not in str(error)


def test_decrypt_starts_on_the_folders_only_encrypted_key(tmp_path):
    """enc.key is the only encrypted key: decrypt offers it, not server.key's "does not exist"."""
    from csrwizard.request.decrypt import key_to_decrypt
    from tests.conftest import encrypt_key_into

    assert key_to_decrypt(tmp_path) == tmp_path / "server.key"  # nothing there: the usual name
    encrypt_key_into(tmp_path, "secret")
    (tmp_path / "server.key").rename(tmp_path / "enc.key")
    assert key_to_decrypt(tmp_path) == tmp_path / "enc.key"
    (tmp_path / "server.key").write_bytes((tmp_path / "enc.key").read_bytes())
    assert key_to_decrypt(tmp_path) == tmp_path / "server.key"  # an encrypted server.key comes first
