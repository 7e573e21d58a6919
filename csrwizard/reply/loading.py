"""Loading the CA's reply and the files it is checked against, for the CLI and the wizard alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csrwizard.files.reading import Bundle, read_bundle_file
from csrwizard.reply.checks import CheckInputs
from csrwizard.request.create import DEFAULT_CSR_NAME
from csrwizard.problems import CsrWizardError, InputRefused, PasswordNeeded, Problem, WrongPassword
from csrwizard.reply.packaging import CERT_NAME, KEY_NAME


@dataclass
class ReplyFiles:
    certificate: Path
    chain: list[Path] = field(default_factory=list)
    key: Path | None = None
    csr: Path | None = None
    trust: list[Path] = field(default_factory=list)
    password: bytes | None = None  # for a .pfx given as the certificate or chain

    @classmethod
    def in_folder(cls, folder: Path, **given) -> "ReplyFiles":
        """The named files, else server.crt, and server.key / server.csr when they are there."""
        def present(name: str) -> Path | None:
            return folder / name if (folder / name).is_file() else None

        return cls(
            certificate=given.get("certificate") or folder / CERT_NAME,
            chain=list(given.get("chain") or []),
            key=given.get("key") or present(KEY_NAME),
            csr=given.get("csr") or present(DEFAULT_CSR_NAME),
            trust=list(given.get("trust") or []),
            password=given.get("password"),
        )


def read_as(path: Path, field_name: str, password: bytes | None = None) -> Bundle:
    """A bundle, or InputRefused naming the field; password problems pass through as themselves."""
    try:
        return read_bundle_file(path, password)
    except (PasswordNeeded, WrongPassword):
        raise
    except CsrWizardError as error:
        raise InputRefused([Problem(field_name, str(error))]) from None


def load_reply(files: ReplyFiles, host: str | None = None, system_roots: bool = True) -> CheckInputs:
    """Everything `run_checks` needs, read from the files."""
    main = read_as(files.certificate, "certificate", files.password)
    certificates = list(main.certificates)
    for path in files.chain:
        certificates += read_as(path, "chain", files.password).certificates
    if not certificates:
        raise InputRefused([Problem("certificate", f"{files.certificate} holds no certificate")])
    key = main.private_key
    if key is None and files.key is not None:
        key = read_as(files.key, "key_file").private_key
        if key is None:
            raise InputRefused([Problem("key_file", f"{files.key} is encrypted: decrypt it first")])
    csr = read_as(files.csr, "csr_file").csr if files.csr is not None else None
    trusted = []
    if system_roots:
        from csrwizard.reply.chain import system_trusted_roots

        trusted = system_trusted_roots()
    for path in files.trust:
        trusted += read_as(path, "chain").certificates
    return CheckInputs(certificates, key, csr, host or None, trusted)
