"""Never a traceback on any file: `inspect` and `check` read damaged copies of every kind of file
the project reads or writes, and each ends with exit 0, 1 or 2 and one short reason."""

from __future__ import annotations

import base64
import random
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

from csrwizard.cli import main
from csrwizard.pki.keys import private_key_pem
from csrwizard.reply.pfx import serialize_pfx
from csrwizard.request.csr import load_csr
from csrwizard.request.csr_der import request_pem
from csrwizard.request.subject import SubjectInput, validate_subject
from tests.ca import NOW, ThrowawayCA, rsa_key
from tests.conftest import create_flags

PER_KIND = 180  # mutants of each kind of file: 7 kinds, over 1,000 in all
LABELS = [b"CERTIFICATE", b"CERTIFICATE REQUEST", b"PRIVATE KEY", b"PKCS7", b"RSA PRIVATE KEY"]


def originals() -> dict[str, bytes]:
    """One good file of each kind: what csrwizard writes and what a CA sends."""
    ca = ThrowawayCA.create(aia_url="http://127.0.0.1:1/issuer.der")
    key = rsa_key()
    subject = validate_subject(
        SubjectInput("GB", "England", "London", "Example", "", "ec.example.com", "a.example.net")
    )
    csr_text = request_pem(subject, key)
    csr = load_csr(csr_text)
    leaf = ca.leaf_for(csr, sans=("ec.example.com", "a.example.net"))
    return {
        "server.csr": csr_text,
        "server.key": private_key_pem(key),
        "leaf.der": leaf.public_bytes(Encoding.DER),
        "chain.pem": b"".join(c.public_bytes(Encoding.PEM) for c in (leaf, ca.intermediate, ca.root)),
        "reply.p7b": pkcs7.serialize_certificates([leaf, ca.intermediate], Encoding.PEM),
        "reply-der.p7b": pkcs7.serialize_certificates([leaf, ca.intermediate], Encoding.DER),
        "server.pfx": serialize_pfx(leaf, key, [ca.intermediate], b"pw"),
    }


def der_elements(data: bytes) -> list[tuple[int, int, int]]:
    """(start, header length, content length) of every DER element, walking into constructed ones."""
    found, stack = [], [(0, len(data))]
    while stack:
        position, end = stack.pop()
        while position + 2 <= end:
            tag, first = data[position], data[position + 1]
            if first < 0x80:
                header, length = 2, first
            else:
                count = first & 0x7F
                if count == 0 or count > 4 or position + 2 + count > end:
                    break
                header, length = 2 + count, int.from_bytes(data[position + 2 : position + 2 + count], "big")
            if position + header + length > end:
                break
            found.append((position, header, length))
            if tag & 0x20:  # constructed: its content is more elements
                stack.append((position + header, position + header + length))
            position += header + length
    return found


def der_mutants(data: bytes, rng: random.Random) -> list[bytes]:
    mutants = []
    for start, header, length in der_elements(data):
        mutants.append(data[:start])  # truncated at a structure boundary
        mutants.append(data[: start + header + length // 2])  # truncated inside an element
        flipped = bytearray(data)
        flipped[start + header + rng.randrange(max(length, 1)) if length else start] ^= 0xFF
        mutants.append(bytes(flipped))  # a flipped byte inside the element
        for delta in (1, -1):  # a wrong length
            lengths = bytearray(data)
            lengths[start + header - 1] = (lengths[start + header - 1] + delta) % 256
            mutants.append(bytes(lengths))
    return mutants


def pem_mutants(data: bytes, rng: random.Random) -> list[bytes]:
    mutants = []
    for label in LABELS:
        for other in LABELS:
            if label != other and b"BEGIN " + label + b"-----" in data:
                mutants.append(data.replace(b" " + label + b"-----", b" " + other + b"-----"))
    lines = data.splitlines(keepends=True)
    for _ in range(40):
        junk = list(lines)
        where = rng.randrange(len(junk))
        choice = rng.randrange(4)
        if choice == 0:
            del junk[where]
        elif choice == 1:
            junk.insert(where, base64.b64encode(rng.randbytes(rng.randrange(1, 48))) + b"\n")
        elif choice == 2:
            junk[where] = junk[where][: len(junk[where]) // 2] + b"!*$\n"
        else:
            junk[where] = b"-----END CERTIFICATE-----\n"
        mutants.append(b"".join(junk))
    body = b"".join(line for line in lines if not line.startswith(b"-----"))
    try:
        der = base64.b64decode(body)
    except ValueError:
        return mutants
    header, footer = lines[0], lines[-1]
    for mutant in der_mutants(der, rng)[:PER_KIND]:
        mutants.append(header + base64.encodebytes(mutant) + footer)
    return mutants


def mutants_of(name: str, data: bytes) -> list[bytes]:
    rng = random.Random(name)  # the same corpus on every run
    every = pem_mutants(data, rng) if data.startswith(b"-----BEGIN") else der_mutants(data, rng)
    every += [b"", data[:1], data + b"\x00" * 7, rng.randbytes(64)]
    return rng.sample(every, min(PER_KIND, len(every)))


CORPUS = [
    (name, index, mutant) for name, data in originals().items() for index, mutant in enumerate(mutants_of(name, data))
]


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 1000


def run(argv, capsys) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize("name", sorted({name for name, _, _ in CORPUS}))
def test_damaged_files_never_raise_and_say_one_short_reason(tmp_path, capsys, name):
    for _, index, mutant in (entry for entry in CORPUS if entry[0] == name):
        path = tmp_path / name
        path.write_bytes(mutant)
        commands = [["inspect", str(path)], ["check", "--dir", str(tmp_path), "--cert", str(path)]]
        if name == "server.csr":  # renewal reads the old CSR too
            commands.append(["create", "--batch", "--dir", str(tmp_path / "renewed"), "--from-csr", str(path)])
            (tmp_path / "renewed").mkdir(exist_ok=True)
        for argv in commands[: len(commands) if index % 3 == 0 else 1]:  # the slower ones on a third
            code, err = run(argv, capsys)
            assert code in (0, 1, 2), (argv, index)
            assert "Traceback" not in err and "Warning" not in err, (argv, index, err)
            if code != 0 and argv[0] == "inspect":
                lines = [line for line in err.splitlines() if line.strip()]
                assert 1 <= len(lines) <= 3 and all(len(line) <= 300 for line in lines), (index, err)


def test_no_library_warning_escapes(tmp_path, capsys):
    import warnings

    # A serial number of zero makes cryptography warn when it is read.
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    from tests.ca import name

    key = rsa_key()
    zero_serial = (
        x509.CertificateBuilder()
        .subject_name(name("zero"))
        .issuer_name(name("zero"))
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(NOW)
        .not_valid_after(NOW + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    der = bytearray(zero_serial.public_bytes(Encoding.DER))
    serial_at = der.index(bytes([0x02, 0x01, 0x01]))
    der[serial_at + 2] = 0  # serial 1 -> 0: the signature breaks, the warning comes on reading it
    (tmp_path / "zero.der").write_bytes(bytes(der))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["inspect", str(tmp_path / "zero.der")])
    assert code == 0 and "Serial" in capsys.readouterr().out
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize(
    "command",
    [
        ["inspect", "chain.pem"],
        ["check", "--cert", "chain.pem", "--json"],
        ["create", "--batch", *create_flags("ec.example.net")],
    ],
)
def test_a_closed_output_pipe_ends_quietly(tmp_path, command):
    import os
    import subprocess
    import sys

    (tmp_path / "chain.pem").write_bytes(originals()["chain.pem"])
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`| head -1`) is already gone
    try:
        result = subprocess.run(
            [sys.executable, "-m", "csrwizard", *command[:1], "--dir", str(tmp_path), *command[1:]],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode in (0, 1)


def test_a_name_with_an_unknown_string_type_is_refused_in_one_line(tmp_path, capsys):
    """Found by the mutants above: cryptography raised KeyError for the tag, as a traceback."""
    ca = ThrowawayCA.create()
    der = ca.intermediate.public_bytes(Encoding.DER)
    # Organisation "Throwaway CA" is a UTF8String (tag 0x0C): give it a tag no ASN.1 string has.
    value = b"Throwaway CA"
    where = der.index(bytes([0x0C, len(value)]) + value)
    (tmp_path / "odd.der").write_bytes(der[:where] + b"\xf3" + der[where + 1 :])
    code, err = run(["inspect", str(tmp_path / "odd.der")], capsys)
    assert code == 2  # refused input, as every unreadable file is
    assert "issuer cannot be read" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2  # the heading and one reason
