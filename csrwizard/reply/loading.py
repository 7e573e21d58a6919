"""Loading the CA's reply and the files it is checked against, for the CLI and the wizard alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csrwizard.files.reading import Bundle, read_bundle_file
from csrwizard.names import (
    CERT_NAME,
    CSR_NAME,
    KEY_NAME,
)
from csrwizard.pki.folder import folder_chain_files, matching_csr_backup, matching_key_backup, read_folder
from csrwizard.problems import CsrWizardError, InputRefused, PasswordNeeded, Problem, WrongPassphrase, WrongPassword
from csrwizard.reply.checks import CheckInputs
from csrwizard.x509_fields import holds_key


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
        """The named files, else server.crt, the folder's chain, and server.key / server.csr when
        they are there: what every face checks when told nothing."""

        def present(name: str) -> Path | None:
            return folder / name if (folder / name).is_file() else None

        certificate = given.get("certificate") or folder / CERT_NAME
        chain = given.get("chain") or folder_chain(folder, certificate)
        return cls(
            certificate=certificate,
            chain=list(chain),
            key=given.get("key") or present(KEY_NAME),
            csr=given.get("csr") or present(CSR_NAME),
            trust=list(given.get("trust") or []),
            password=given.get("password"),
        )


def folder_chain(folder: Path, certificate: Path | None = None) -> list[Path]:
    """The chain beside the certificate: intermediate*.crt written earlier, else every file that
    holds only CA certificates (a ca-bundle.crt, or a CA's zip of one file per certificate). The
    path builder takes what it needs from them and names the rest as left out."""
    chain = folder_chain_files(folder)
    if not chain:
        chain = [p for p in read_folder(folder).reply_files() if p != certificate and _holds_only_ca_certificates(p)]
    return [path for path in chain if path != certificate]


@dataclass(frozen=True)
class FolderReply:
    """What the folder seems to hold of the CA's reply, for the Check screen to start from."""

    certificate: Path | None  # the newest file that holds a server certificate
    others: list[Path]  # the other files holding a server certificate, newest first, to pick from
    chain: list[Path]  # intermediate*.crt written earlier, else CA-only bundles (ca-bundle.crt)


def reply_in_folder(folder: Path) -> FolderReply:
    candidates = read_folder(folder).reply_files()
    bundles = [path for path in candidates if _holds_only_ca_certificates(path)]
    leaves = [path for path in candidates if path not in bundles]
    certificate = leaves[0] if leaves else None
    # A CA-only bundle is the chain, never the certificate: it is not offered as one.
    others = [path for path in leaves if path != certificate]
    chain = folder_chain_files(folder) or bundles
    return FolderReply(certificate, others, [path for path in chain if path != certificate])


def _holds_only_ca_certificates(path: Path) -> bool:
    """A chain file such as ca-bundle.crt; False when unreadable or locked (a .pfx), to be safe."""
    from cryptography import x509

    from csrwizard.x509_fields import extension_value

    try:
        certificates = read_bundle_file(path).certificates
        return bool(certificates) and all(
            (constraints := extension_value(cert, x509.BasicConstraints)) is not None and constraints.ca
            for cert in certificates
        )
    except CsrWizardError:
        return False


def read_as(path: Path, field_name: str, password: bytes | None = None) -> Bundle:
    """A bundle, or InputRefused naming the field; password problems pass through as themselves."""
    try:
        return read_bundle_file(path, password)
    except (PasswordNeeded, WrongPassword, WrongPassphrase):
        raise  # said under the password, where it is fixed
    except CsrWizardError as error:
        raise InputRefused([Problem(field_name, str(error))]) from None


def read_roots(paths: list[Path]) -> list:
    """The certificates of the files given to trust (an internal CA's root), as `--trust` names them."""
    return [cert for path in paths for cert in read_as(path, "chain").certificates]


def load_reply(files: ReplyFiles, host: str | None = None, system_roots: bool = True) -> CheckInputs:
    """Everything `run_checks` needs, read from the files."""
    main = read_as(files.certificate, "certificate", files.password)
    certificates = list(main.certificates)
    for path in files.chain:
        certificates += read_as(path, "chain", files.password).certificates
    if not certificates:
        raise InputRefused([Problem("certificate", f"{files.certificate} holds no certificate")])
    csr = read_as(files.csr, "csr_file").csr if files.csr is not None else None
    key, key_name, backup, renewal = main.private_key, "the key in the certificate file", None, None
    csr_name = "the CSR"
    if key is None and files.key is not None:
        key, key_name = read_as(files.key, "key_file").private_key, files.key.name
        if key is None:
            raise InputRefused([Problem("key_file", f"{files.key} is encrypted: decrypt it first")])
        match = None
        if not any(holds_key(cert, key.public_key()) for cert in certificates):
            match = matching_key_backup(files.key, certificates, files.csr)
        if match is not None and match.renewal is not None:
            # A renewal: the certificate in force is judged with the key and CSR it was made for.
            renewal, key, key_name = match.renewal, match.private_key, match.path.name
            csr_backup = matching_csr_backup(files.csr, key.public_key()) if files.csr is not None else None
            csr = read_as(csr_backup, "csr_file").csr if csr_backup is not None else None
            csr_name = csr_backup.name if csr_backup is not None else csr_name
        elif match is not None:
            backup = match.path
    trusted = []
    if system_roots:
        from csrwizard.pki.chain import system_trusted_roots

        trusted = system_trusted_roots()
    given = read_roots(files.trust)
    return CheckInputs(certificates, key, csr, host or None, trusted, given, key_name, backup, renewal, csr_name)
