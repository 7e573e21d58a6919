"""Hostile files, racing runs and killed runs: nothing hangs, nothing is lost, nothing reaches the
terminal raw. Each case is made as an attacker or an unlucky user would make it, inside tmp_path."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, PrivateFormat, pkcs12
from cryptography.x509.oid import NameOID

from csrwizard.cli import main
from csrwizard.files.bounded_reading import PKI_FILE_LIMIT
from csrwizard.files.pkcs12_limits import MAX_ITERATIONS, iteration_counts
from csrwizard.names import JOURNAL_NAME, LOCK_NAME
from csrwizard.pki.keys import private_key_pem
from csrwizard.request.csr import load_csr
from csrwizard.request.csr_der import request_pem, tlv
from csrwizard.request.subject import SubjectInput, validate_subject
from csrwizard.shown_text import shown
from tests.ca import NOW, ThrowawayCA, rsa_key
from tests.conftest import create_flags

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, device nodes and kill -9 are POSIX")
SEED = [
    "--country", "IN", "--state", "Tamil Nadu", "--locality", "Chennai", "--org", "ZOHO",
    "--cn", "www.zoho.com", "--san", "*.domain.com, manageengine.com, ems.com, desktopcentral.com",
]  # fmt: skip


def run_csrwizard(*args: str, cwd: Path, timeout: float = 20, stdin=None, preexec_fn=None, code: str | None = None):
    """csrwizard in its own process, as a script runs it: (exit code, stdout + stderr)."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "csrwizard"]
    result = subprocess.run(
        [*command, *args],
        cwd=cwd,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )
    return result.returncode, (result.stdout + result.stderr).decode("utf-8", "replace")


def assert_one_line_refusal(code: int, output: str, *words: str) -> None:
    assert code in (1, 2), output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) <= 2, output
    for word in words:
        assert word in output, output


def seed_files(folder: Path) -> dict[str, bytes]:
    """A folder as the seed's example leaves it, with the CA's reply beside it."""
    key = rsa_key()
    subject = validate_subject(SubjectInput("IN", "Tamil Nadu", "Chennai", "ZOHO", "", "www.zoho.com", "ems.com"))
    csr_text = request_pem(subject, key)
    csr = load_csr(csr_text)
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(csr, sans=("www.zoho.com", "ems.com"))
    files = {
        "server.key": private_key_pem(key),
        "server.csr": csr_text,
        "server.crt": leaf.public_bytes(Encoding.PEM),
        "server.pfx": pkcs12.serialize_key_and_certificates(
            b"x", key, leaf, [ca.intermediate], serialization.BestAvailableEncryption(b"pw")
        ),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


# --- Readers read only regular files, and only so much -------------------------------------------

FIFO_READERS = {
    "inspect": ["inspect", "pipe"],
    "check --cert": ["check", "--cert", "pipe"],
    "check --chain": ["check", "--chain", "pipe"],
    "decrypt": ["decrypt", "--batch", "pipe", "--password-env", "HOME"],
    "decrypt a .pfx": ["decrypt", "--batch", "pipe.pfx", "--password-env", "HOME"],
    "create --from-cert": ["create", "--batch", "--from-cert", "pipe", *SEED],
    "create --from-csr": ["create", "--batch", "--from-csr", "pipe", *SEED],
    "--password-file": ["inspect", "server.pfx", "--password-file", "pipe"],
}


@posix_only
@pytest.mark.parametrize("args", FIFO_READERS.values(), ids=FIFO_READERS.keys())
def test_a_named_pipe_is_refused_at_once_not_read_forever(tmp_path, args):
    seed_files(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    os.mkfifo(tmp_path / "pipe.pfx")
    code, output = run_csrwizard(*args, cwd=tmp_path, timeout=15)
    assert_one_line_refusal(code, output, "named pipe")


def make_device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A character device node inside the test's own folder (never a system path), or a skip."""
    path = folder / name
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, AttributeError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    return path


def limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


@posix_only
@pytest.mark.parametrize(
    "args", [["inspect", "zero"], ["check", "--cert", "zero"], ["create", "--batch", "--from-cert", "zero", *SEED]]
)
def test_an_endless_device_is_refused_under_a_memory_cap(tmp_path, args):
    seed_files(tmp_path)
    make_device(tmp_path, "zero", 1, 5)  # what /dev/zero is
    code, output = run_csrwizard(*args, cwd=tmp_path, preexec_fn=limit_memory)
    assert_one_line_refusal(code, output, "a device")


@posix_only
def test_endless_standard_input_is_refused_under_a_memory_cap(tmp_path):
    seed_files(tmp_path)
    with open(make_device(tmp_path, "zero", 1, 5), "rb") as zeros:
        code, output = run_csrwizard(
            "inspect", "server.pfx", "--password-stdin", cwd=tmp_path, stdin=zeros, preexec_fn=limit_memory
        )
    assert_one_line_refusal(code, output, "standard input", "64 KiB")


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path, capsys):
    with open(tmp_path / "huge.crt", "wb") as huge:
        huge.truncate(PKI_FILE_LIMIT + 1)  # sparse: no disk is used
    assert main(["inspect", "--dir", str(tmp_path), "huge.crt"]) == 2
    output = capsys.readouterr()
    assert "larger than 64 MiB" in output.err and output.out == ""


def test_a_password_file_over_its_cap_is_refused(tmp_path, capsys):
    seed_files(tmp_path)
    (tmp_path / "pass.txt").write_bytes(b"p" * (64 * 1024 + 1))
    code = main(["inspect", "--dir", str(tmp_path), "server.pfx", "--password-file", "pass.txt"])
    assert code in (1, 2)
    assert "larger than 64 KiB" in capsys.readouterr().err


# --- Writers never replace a device, a FIFO or a socket ------------------------------------------


@posix_only
@pytest.mark.parametrize("flag", ["--key-out", "--csr-out"])
def test_a_named_pipe_given_as_an_output_is_left_as_it_is(tmp_path, flag, capsys):
    os.mkfifo(tmp_path / "target")
    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED, flag, "target"]) == 1
    assert stat.S_ISFIFO(os.lstat(tmp_path / "target").st_mode)
    assert "named pipe" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("server")]


@posix_only
def test_a_device_given_as_the_key_out_is_never_replaced(tmp_path, capsys):
    device = make_device(tmp_path, "null", 1, 3)  # what /dev/null is
    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED, "--key-out", "null"]) == 1
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    error = capsys.readouterr().err
    assert "a device" in error and "nothing was written" in error and len(error.strip().splitlines()) == 1


# --- One lock per folder -------------------------------------------------------------------------


def public_key_fingerprints(output: str) -> list[str]:
    return re.findall(r"Public key SHA-256: ([0-9A-F:]+)", output)


def fingerprint_of(data: bytes, kind: str) -> str:
    from csrwizard.pki.keys import public_key_sha256

    if kind == "key":
        public = serialization.load_pem_private_key(data, None).public_key()
    else:
        public = x509.load_pem_x509_csr(data).public_key()
    return public_key_sha256(public)


@posix_only
def test_concurrent_creates_lose_no_key_and_keep_each_key_beside_its_own_csr(tmp_path):
    runs, rounds = 5, 4
    reported = []
    for _ in range(rounds):
        started = [
            subprocess.Popen(
                [sys.executable, "-m", "csrwizard", "create", "--batch", *SEED],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for _ in range(runs)
        ]
        for process in started:
            output = process.communicate(timeout=60)[0].decode()
            assert process.returncode == 0, output
            reported += public_key_fingerprints(output)
    assert len(reported) == runs * rounds
    pairs = {}  # the suffix of a key file ("" or ".<stamp>.bak") -> its key's fingerprint
    for path in tmp_path.glob("server.key*"):
        suffix = path.name[len("server.key") :]
        key = fingerprint_of(path.read_bytes(), "key")
        csr = fingerprint_of((tmp_path / f"server.csr{suffix}").read_bytes(), "csr")
        assert key == csr, f"server.key{suffix} sits beside the CSR of another key"
        pairs[suffix] = key
    assert sorted(pairs.values()) == sorted(reported), "a key a run reported writing is nowhere in the folder"


HOLD_THE_LOCK = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from csrwizard.files.folder_lock import folder_locked\n"
    "with folder_locked(Path(sys.argv[1]), wait=5):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(60)\n"
)


def lock_holder(folder: Path, command: list[str] | None = None) -> subprocess.Popen:
    """Another process holding `folder`'s lock: a second csrwizard by default."""
    holder = subprocess.Popen(command or [sys.executable, "-c", HOLD_THE_LOCK, str(folder)], stdout=subprocess.PIPE)
    assert holder.stdout.readline() == b"held\n"
    return holder


def create_refused_as_busy(folder: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("csrwizard.names.LOCK_WAIT", 0.3, raising=False)
    started = time.monotonic()
    assert main(["create", "--batch", "--dir", str(folder), *SEED]) == 1
    assert time.monotonic() - started < 5
    error = capsys.readouterr().err
    assert "another csrwizard is writing in this folder" in error and len(error.strip().splitlines()) == 1
    assert not (folder / "server.key").exists()


def test_a_second_run_waits_then_says_another_csrwizard_is_writing(tmp_path, monkeypatch, capsys):
    holder = lock_holder(tmp_path)
    try:
        create_refused_as_busy(tmp_path, monkeypatch, capsys)
    finally:
        holder.kill()
        holder.wait()


@posix_only
def test_the_lock_is_the_systems_own_flock(tmp_path, monkeypatch, capsys):
    # util-linux's flock(1), a peer that knows nothing of csrwizard, holds the same lock.
    (tmp_path / LOCK_NAME).touch()
    holder = lock_holder(tmp_path, ["flock", str(tmp_path / LOCK_NAME), "sh", "-c", "echo held; sleep 60"])
    try:
        create_refused_as_busy(tmp_path, monkeypatch, capsys)
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_the_folder_free_at_once(tmp_path, monkeypatch):
    holder = lock_holder(tmp_path)
    holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no handler of ours runs
    holder.wait()
    # Windows frees a dead process's locks "depending upon available system resources" (LockFile).
    monkeypatch.setattr("csrwizard.names.LOCK_WAIT", 5.0, raising=False)
    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED]) == 0
    assert (tmp_path / "server.key").exists()


def test_a_run_waiting_for_the_lock_writes_once_the_holder_ends(tmp_path, monkeypatch):
    holder = lock_holder(tmp_path)
    monkeypatch.setattr("csrwizard.names.LOCK_WAIT", 10.0, raising=False)
    threading.Timer(0.5, holder.kill).start()
    try:
        assert main(["create", "--batch", "--dir", str(tmp_path), *SEED]) == 0
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / "server.csr").exists()


@posix_only
@pytest.mark.parametrize("plant", ["link to a file", "dangling link", "named pipe", "folder"])
def test_a_planted_lock_file_is_refused_and_nothing_is_written(tmp_path, plant, capsys):
    lock = tmp_path / LOCK_NAME
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    if plant == "link to a file":
        elsewhere.write_bytes(b"precious")
        lock.symlink_to(elsewhere)
    elif plant == "dangling link":
        lock.symlink_to(elsewhere)
    elif plant == "named pipe":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    started = time.monotonic()
    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED]) == 1
    assert time.monotonic() - started < 5  # a pipe is never waited on
    error = capsys.readouterr().err
    assert f"cannot lock {tmp_path}" in error and len(error.strip().splitlines()) == 1, error
    assert not (tmp_path / "server.key").exists()
    assert plant != "link to a file" or elsewhere.read_bytes() == b"precious"
    assert plant != "dangling link" or not elsewhere.exists()  # never created through the link


def test_the_lock_file_is_never_taken_for_a_reply_or_a_key(tmp_path):
    from csrwizard.pki.folder import read_folder

    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED]) == 0
    # Left in place on POSIX, hidden by its dot; deleted on release on Windows (folder_lock.py).
    assert (tmp_path / LOCK_NAME).exists() != (sys.platform == "win32")
    assert read_folder(tmp_path).reply_files() == []


# --- kill -9: the key and CSR land as a pair -----------------------------------------------------

KILLED_RUN = textwrap.dedent(
    """
    import os, signal, sys
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        if FAULT_BEFORE(target):
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target, *args, **kwargs)
        if FAULT_AFTER(target):
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    from csrwizard.cli import main
    main(sys.argv[1:])
    """
)


def killed_create(folder: Path, before: str = "False", after: str = "False") -> tuple[int, str]:
    """A real create in its own process, killed with SIGKILL at a fault point around os.replace."""
    code = KILLED_RUN.replace("FAULT_BEFORE(target)", before).replace("FAULT_AFTER(target)", after)
    return run_csrwizard("create", "--batch", *SEED, cwd=folder, code=code)


@posix_only
def test_a_run_killed_between_the_renames_is_completed_by_the_next_into_a_pair(tmp_path):
    seed_files(tmp_path)
    old_key = (tmp_path / "server.key").read_bytes()
    code, _ = killed_create(tmp_path, after="os.path.basename(target) == 'server.key'")
    assert code == -9
    killed_key = (tmp_path / "server.key").read_bytes()
    assert killed_key != old_key  # killed between the key's rename and the CSR's
    code, output = run_csrwizard("create", "--batch", *SEED, cwd=tmp_path)
    assert code == 0, output
    assert "Completed the writing of a csrwizard run that was stopped" in output
    # The next run backed up the killed run's pair, whole: its key beside its own CSR.
    (key_backup,) = [p for p in tmp_path.glob("server.key.*.bak") if p.read_bytes() == killed_key]
    csr_backup = tmp_path / key_backup.name.replace("server.key", "server.csr")
    assert fingerprint_of(csr_backup.read_bytes(), "csr") == fingerprint_of(killed_key, "key")
    assert not (tmp_path / JOURNAL_NAME).exists()
    assert not list(tmp_path.glob(".*.tmp"))


@posix_only
def test_a_run_killed_before_any_rename_leaves_the_old_pair_and_its_temporaries_are_removed(tmp_path):
    files = seed_files(tmp_path)
    code, _ = killed_create(tmp_path, before="True")
    assert code == -9
    assert (tmp_path / "server.key").read_bytes() == files["server.key"]
    assert (tmp_path / "server.csr").read_bytes() == files["server.csr"]
    left = sorted(p.name for p in tmp_path.glob(".*.tmp"))
    assert any(name.startswith(".server.key.") for name in left)
    assert all(stat.S_IMODE(os.lstat(tmp_path / name).st_mode) == 0o600 for name in left if ".server.key." in name)
    code, output = run_csrwizard("create", "--batch", *SEED, cwd=tmp_path)
    assert code == 0, output
    for name in left:
        assert f"Removed {name}, left by a csrwizard run that was stopped" in output
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_planted_journal_never_renames_outside_its_own_temporaries(tmp_path, capsys):
    seed_files(tmp_path)
    precious = tmp_path / "elsewhere.txt"
    precious.write_bytes(b"keep")
    (tmp_path / JOURNAL_NAME).write_text(f'{{"renames": [["{precious}", "{tmp_path / "server.key"}"]]}}')
    assert main(["create", "--batch", "--dir", str(tmp_path), *SEED]) == 1
    assert precious.read_bytes() == b"keep"
    assert "is damaged" in capsys.readouterr().err


# --- A cap on PKCS#12 iterations -----------------------------------------------------------------

ROUNDS = 0x012345  # three bytes, so the count can be raised in place to 0x7FFFFF
COSTLY_ROUNDS = 0x7FFFFF


def _tlv(data: bytes, position: int) -> tuple[int, int]:
    """(header length, content length) of the DER element at `position`."""
    first = data[position + 1]
    if first < 0x80:
        return 2, first
    count = first & 0x7F
    return 2 + count, int.from_bytes(data[position + 2 : position + 2 + count], "big")


def with_mac_rounds(pfx: bytes, rounds: int) -> bytes:
    """The .pfx with its MacData's iteration count replaced: PFX ::= SEQUENCE { version, authSafe,
    macData SEQUENCE { mac, macSalt, iterations } }, re-encoded around the new INTEGER."""
    header, _ = _tlv(pfx, 0)
    position, parts = header, []
    for _ in range(3):
        head, length = _tlv(pfx, position)
        parts.append(pfx[position : position + head + length])
        position += head + length
    mac = parts[2]
    head, _ = _tlv(mac, 0)
    inner, position = [], head
    for _ in range(3):
        part_head, length = _tlv(mac, position)
        inner.append(mac[position : position + part_head + length])
        position += part_head + length
    count = rounds.to_bytes((rounds.bit_length() + 8) // 8, "big")
    new_mac = tlv(0x30, inner[0] + inner[1] + tlv(0x02, count))
    return tlv(0x30, parts[0] + parts[1] + new_mac)


def crafted_pfx(legacy: bool = False) -> tuple[bytes, bytes]:
    """(a .pfx whose MAC asks for 2^31 - 1 rounds, one whose key and certificate PBEs ask for 8,388,607)."""
    key = rsa_key()
    ca = ThrowawayCA.create()
    leaf = ca.leaf_for(key.public_key(), sans=("www.zoho.com",))
    builder = PrivateFormat.PKCS12.encryption_builder().kdf_rounds(ROUNDS)
    if legacy:
        builder = builder.key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(hashes.SHA1())
    else:
        builder = builder.key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256())
    good = pkcs12.serialize_key_and_certificates(b"x", key, leaf, [ca.intermediate], builder.build(b"pw"))
    costly_mac = with_mac_rounds(good, 2**31 - 1)
    assert iteration_counts(costly_mac)[0] == 2**31 - 1
    costly_kdf = good.replace(b"\x02\x03\x01\x23\x45", b"\x02\x03\x7f\xff\xff")
    assert max(iteration_counts(costly_kdf)) == COSTLY_ROUNDS > MAX_ITERATIONS
    return costly_mac, costly_kdf


@pytest.mark.parametrize("legacy", [False, True], ids=["PBES2", "PKCS#12 PBE"])
@pytest.mark.parametrize("which", ["MAC", "key PBKDF2"])
@pytest.mark.parametrize(
    "args",
    [
        ["inspect", "costly.pfx"],
        ["inspect", "costly.pfx", "--password-env", "PFX_PASS"],
        ["check", "--cert", "costly.pfx", "--password-env", "PFX_PASS"],
        ["create", "--batch", "--from-cert", "costly.pfx", "--password-env", "PFX_PASS", *SEED],
        ["decrypt", "--batch", "costly.pfx", "--password-env", "PFX_PASS"],
    ],
    ids=["inspect", "inspect with password", "check", "create --from-cert", "decrypt"],
)
def test_a_pfx_asking_for_too_many_rounds_is_refused_at_once(tmp_path, args, which, legacy, monkeypatch):
    costly_mac, costly_kdf = crafted_pfx(legacy)
    (tmp_path / "costly.pfx").write_bytes(costly_mac if which == "MAC" else costly_kdf)
    monkeypatch.setenv("PFX_PASS", "pw")
    code, output = run_csrwizard(*args, cwd=tmp_path, timeout=15)
    assert_one_line_refusal(code, output, "key-derivation rounds", "1,000,000")


def test_real_pfx_files_are_under_the_cap(tmp_path):
    """What openssl and csrwizard write are opened as before."""
    seed_files(tmp_path)
    assert max(iteration_counts((tmp_path / "server.pfx").read_bytes())) <= MAX_ITERATIONS
    key = tmp_path / "server.key"
    result = subprocess.run(
        ["openssl", "pkcs12", "-export", "-inkey", key, "-in", tmp_path / "server.crt", "-passout", "pass:pw"],
        capture_output=True,
    )
    if result.returncode != 0:
        pytest.skip("no openssl")
    assert 0 < max(iteration_counts(result.stdout)) <= MAX_ITERATIONS


# --- inspect is linear in the size of a bundle ---------------------------------------------------


def big_bundle(count: int) -> bytes:
    """`count` certificates whose issuer is not in the file: each look-up finds nothing."""
    key = ed25519.Ed25519PrivateKey.generate()
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "absent issuer")])
    pems = []
    for number in range(count):
        certificate = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"host{number}.example.com")]))
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(number + 1)
            .not_valid_before(NOW - timedelta(days=1))
            .not_valid_after(NOW + timedelta(days=90))
            .sign(key, None)
        )
        pems.append(certificate.public_bytes(Encoding.PEM))
    return b"".join(pems)


def timed_inspect(folder: Path, count: int, capsys) -> float:
    (folder / f"bundle-{count}.pem").write_bytes(big_bundle(count))
    started = time.perf_counter()
    assert main(["inspect", "--dir", str(folder), f"bundle-{count}.pem"]) == 0
    elapsed = time.perf_counter() - started
    assert capsys.readouterr().out.count(f"Certificate {count}\n") == 1
    return elapsed


def test_inspect_describes_a_bundle_of_5000_certificates_in_linear_time(tmp_path, capsys):
    # Against the machine's own pace: ten times the certificates, at most about ten times the time
    # (measured 6x); the quadratic issuer search took 65x, and 111 s in all where it was found.
    small, large = timed_inspect(tmp_path, 500, capsys), timed_inspect(tmp_path, 5000, capsys)
    assert large < 25 * small, f"500 certificates: {small:.2f} s; 5,000: {large:.2f} s"


# --- Nothing from a file or a person reaches the terminal raw ------------------------------------

HOSTILE = "\x1b]0;owned\x07\x1b[2J"


def hostile_certificate(folder: Path) -> None:
    """server.crt for server.key, with escape sequences in its subject, its SANs and its issuer
    (which is not in the file, so check's Chain line names it)."""
    key = rsa_key()
    (folder / "server.key").write_bytes(private_key_pem(key))
    ca = ThrowawayCA.create()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Evil\u202eCorp"),
                    x509.NameAttribute(NameOID.COMMON_NAME, f"www.zoho.com{HOSTILE}"),
                ]
            )
        )
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Issuer{HOSTILE}")]))
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=90))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(f"a{HOSTILE}.example.com")]), critical=False)
        .sign(ca.intermediate_key, hashes.SHA256())
    )
    (folder / "server.crt").write_bytes(certificate.public_bytes(Encoding.PEM))


def assert_nothing_raw(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, repr(text)


@pytest.mark.parametrize(
    "args", [["inspect", "server.crt"], ["check"], ["check", "--json"], ["inspect", "--json", "server.crt"]]
)
def test_escape_sequences_in_a_subject_and_a_san_are_shown_escaped(tmp_path, args, capsys):
    hostile_certificate(tmp_path)
    main([*args, "--dir", str(tmp_path)])
    output = capsys.readouterr()
    assert_nothing_raw(output.out + output.err)
    if "--json" not in args:
        assert "\\x1b" in output.out + output.err


async def test_the_wizard_shows_a_hostile_certificate_escaped(tmp_path):
    from csrwizard.tui.screens.check_reply import CheckReplyScreen
    from csrwizard.tui.screens.inspect import InspectScreen
    from tests.pilot import SIZE, make_app, settle
    from tests.scenes import press, to_check

    hostile_certificate(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await to_check(pilot)
        assert isinstance(app.screen, CheckReplyScreen)
        await press(pilot, "enter")
        await settle(pilot)
        checked = str(app.screen.query_one("#check-results").render())
        assert "Missing intermediate: CN=Issuer\\x1b" in checked
        assert_nothing_raw(checked)
        await press(pilot, "escape", "i")
        assert isinstance(app.screen, InspectScreen)
        app.screen.query_one("#input-certificate").value = str(tmp_path / "server.crt")
        app.screen.query_one("#input-certificate").focus()
        await press(pilot, "enter")
        await settle(pilot)
        inspected = str(app.screen.query_one("#inspect-result").render())
        assert "Evil<U+202E>Corp" in inspected
        assert_nothing_raw(inspected)


@pytest.mark.parametrize("name", [f"evil{HOSTILE}.crt", "two\nlines.crt", "right\u202eto-left.crt"])
def test_a_file_name_is_shown_escaped_and_on_one_line(tmp_path, name, capsys):
    if sys.platform == "win32":
        pytest.skip("Windows file names cannot hold control characters")
    (tmp_path / name).write_bytes(b"not a certificate")
    for args in (["inspect", name], ["check", "--cert", name], ["inspect", f"missing{name}"]):
        main([*args, "--dir", str(tmp_path)])
        output = capsys.readouterr()
        assert_nothing_raw(output.out + output.err)
        assert len(output.err.strip().splitlines()) <= 2, output.err


@pytest.mark.parametrize("field", ["--org", "--locality", "--state", "--ou"])
def test_a_bidi_control_is_refused_in_a_subject_field(tmp_path, field, capsys):
    flags = create_flags("ec.example.net")
    flags += [field, "Evil\u202eCorp"]
    assert main(["create", "--batch", "--dir", str(tmp_path), *flags]) == 2
    error = capsys.readouterr().err
    assert "bidi control" in error
    assert_nothing_raw(error)
    assert not (tmp_path / "server.csr").exists()


@pytest.mark.parametrize("field", ["--cn", "--san", "--country"])
def test_a_long_value_is_cut_in_its_refusal(tmp_path, field, capsys):
    flags = dict(zip(SEED[::2], SEED[1::2], strict=True))
    flags[field] = "x" * 10_000 + ".example.com"
    args = [word for pair in flags.items() for word in pair]
    assert main(["create", "--batch", "--dir", str(tmp_path), *args]) == 2
    error = capsys.readouterr().err
    assert "characters)" in error and len(error) < 2_000, error[:300]


def test_a_key_backups_name_in_the_pfx_line_is_shown_escaped():
    # The line-by-line Check says it before the .pfx question, outside the batch's escaped output.
    from csrwizard.outcome_lines import pfx_contents, pfx_plan_line

    line = pfx_plan_line(1, "server.key.\x1b[2J\u202e.bak")
    assert_nothing_raw(line)
    assert "server.key.\\x1b[2J" in line and pfx_contents(1, None).endswith("and the key")


def test_shown_writes_out_controls_and_cuts_long_text():
    assert shown("a\x1b[2Jb\u202ec\nd") == "a\\x1b[2Jb<U+202E>c\\x0ad"
    assert shown("x" * 500, 10) == "xxxxxxxxxx… (500 characters)"
    assert shown("Tamil Nādu, 東京, ✓") == "Tamil Nādu, 東京, ✓"


# --- Wording -------------------------------------------------------------------------------------


def test_random_bytes_named_pfx_are_called_not_pkcs12(tmp_path, capsys, monkeypatch):
    (tmp_path / "reply.pfx").write_bytes(os.urandom(3000))
    monkeypatch.setenv("PFX_PASS", "pw")
    assert main(["decrypt", "--batch", "--dir", str(tmp_path), "reply.pfx", "--password-env", "PFX_PASS"]) == 1
    error = capsys.readouterr().err
    assert "not PKCS#12" in error and "password" not in error


def test_from_cert_names_the_file_once(tmp_path, capsys):
    (tmp_path / "damaged.crt").write_bytes(os.urandom(3000))
    assert main(["create", "--batch", "--dir", str(tmp_path), "--from-cert", "damaged.crt"]) in (1, 2)
    assert capsys.readouterr().err.count("damaged.crt") == 1
