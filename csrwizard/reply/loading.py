"""Loading the CA's reply and the files it is checked against, for the CLI and the wizard alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csrwizard.files.reading import Bundle, read_bundle_file
from csrwizard.names import (
    CERT_NAME,
    CERTIFICATE_SUFFIXES,
    CHAIN_NAME,
    CHAIN_PATTERN,
    CSR_NAME,
    KEY_NAME,
    PFX_NAME,
    backup_pattern,
)
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
        """The named files, else server.crt, and server.key / server.csr when they are there."""

        def present(name: str) -> Path | None:
            return folder / name if (folder / name).is_file() else None

        return cls(
            certificate=given.get("certificate") or folder / CERT_NAME,
            chain=list(given.get("chain") or []),
            key=given.get("key") or present(KEY_NAME),
            csr=given.get("csr") or present(CSR_NAME),
            trust=list(given.get("trust") or []),
            password=given.get("password"),
        )


def reply_candidates(folder: Path) -> list[Path]:
    """The certificate-like files in the folder, newest first: what the CA's reply was saved as.

    The chain files and the .pfx csrwizard writes are left out (they come from a reply); the
    certificate csrwizard writes is kept, since it is the reply in upload form.
    """
    ours = {PFX_NAME, *(path.name for path in folder.glob(CHAIN_PATTERN))}
    try:
        files = [
            path
            for path in folder.iterdir()
            if path.suffix.lower() in CERTIFICATE_SUFFIXES and path.name not in ours and path.is_file()
        ]
    except OSError:
        return []
    return sorted(files, key=lambda path: (path.stat().st_mtime, path.name), reverse=True)


def chain_files(folder: Path) -> list[Path]:
    """The chain csrwizard wrote: intermediate.crt, else the numbered files in order."""
    if (folder / CHAIN_NAME).is_file():
        return [folder / CHAIN_NAME]
    return sorted(folder.glob(CHAIN_PATTERN))


@dataclass(frozen=True)
class FolderReply:
    """What the folder seems to hold of the CA's reply, for the Check screen to start from."""

    certificate: Path | None  # the newest file that holds a server certificate
    others: list[Path]  # the other certificate-like files, newest first, to pick from
    chain: list[Path]  # intermediate*.crt written earlier, else CA-only bundles (ca-bundle.crt)


def reply_in_folder(folder: Path) -> FolderReply:
    candidates = reply_candidates(folder)
    bundles = [path for path in candidates if _holds_only_ca_certificates(path)]
    leaves = [path for path in candidates if path not in bundles]
    certificate = leaves[0] if leaves else None
    others = [path for path in candidates if path != certificate]
    chain = chain_files(folder) or bundles[:1]
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
    key, key_name, backup = main.private_key, "the key in the certificate file", None
    if key is None and files.key is not None:
        key, key_name = read_as(files.key, "key_file").private_key, files.key.name
        if key is None:
            raise InputRefused([Problem("key_file", f"{files.key} is encrypted: decrypt it first")])
        if not any(holds_key(cert, key.public_key()) for cert in certificates):
            backup = matching_key_backup(files.key, certificates)
    csr = read_as(files.csr, "csr_file").csr if files.csr is not None else None
    trusted = []
    if system_roots:
        from csrwizard.reply.chain import system_trusted_roots

        trusted = system_trusted_roots()
    given = read_roots(files.trust)
    return CheckInputs(certificates, key, csr, host or None, trusted, given, key_name, backup)


def matching_key_backup(key_path: Path, certificates: list) -> Path | None:
    """The newest unencrypted backup of the key that matches one of the certificates, if any."""
    from csrwizard.files.keyfiles import load_private_key

    backups = sorted(key_path.parent.glob(backup_pattern(key_path.name)), key=lambda p: p.stat().st_mtime, reverse=True)
    for backup in backups:
        try:
            candidate = load_private_key(backup.read_bytes())
        except (CsrWizardError, OSError):
            continue
        if any(holds_key(cert, candidate.public_key()) for cert in certificates):
            return backup
    return None
