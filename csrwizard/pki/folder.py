"""What a working folder holds, and where it stands in a certificate's life.

Every face names a folder the same way, from here:
- *waiting for the CA*: a key and a CSR, and no certificate for them yet;
- *in force*: the certificate matches the key;
- *renewal pending*: the certificate in force matches a key backup, and a newer key and CSR
  wait for the CA (never advise restoring the old key then: the new one is what the CA signs);
- *mismatch*: a real fault, explained with the file that does match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from csrwizard.names import (
    BACKUP_SUFFIX,
    CERT_NAME,
    CERTIFICATE_SUFFIXES,
    CHAIN_NAME,
    CHAIN_PATTERN,
    CONFIG_NAME,
    CSR_NAME,
    KEY_NAME,
    PFX_NAME,
    backup_pattern,
)
from csrwizard.problems import CsrWizardError

WAITING, IN_FORCE, RENEWAL_PENDING, MISMATCH, EMPTY = (
    "waiting for the CA",
    "in force",
    "renewal pending",
    "mismatch",
    "empty",
)


@dataclass(frozen=True)
class FolderContents:
    """The files csrwizard knows in one folder, by their role. Reads names and dates only."""

    folder: Path
    key: Path | None = None
    csr: Path | None = None
    certificate: Path | None = None  # server.crt: the certificate in force, as csrwizard writes it
    chain: list[Path] = field(default_factory=list)  # intermediate.crt, else intermediate-N.crt
    pfx: Path | None = None
    config: Path | None = None
    replies: list[Path] = field(default_factory=list)  # other certificate-like files, newest first
    backups: list[Path] = field(default_factory=list)  # every .bak of the files above, newest first

    def listing(self) -> list[Path]:
        """Every file a listing shows, in the order of the upload: key, CSR, certificate, chain, .pfx."""
        named = [self.key, self.csr, self.certificate, *self.chain, self.pfx, self.config, *self.replies]
        return [path for path in named if path is not None]

    def reply_files(self) -> list[Path]:
        """What the CA's reply may have been saved as, newest first: server.crt (the reply in
        upload form) and the other certificate-like files; never the chain or the .pfx
        csrwizard wrote, which come from a reply."""
        return _newest_first([path for path in (self.certificate, *self.replies) if path is not None])


def read_folder(folder: Path) -> FolderContents:
    """What the folder holds, by role; nothing is opened."""

    def present(name: str) -> Path | None:
        return folder / name if (folder / name).is_file() else None

    chain = folder_chain_files(folder)
    known = {KEY_NAME, CSR_NAME, CERT_NAME, PFX_NAME, CONFIG_NAME, *(path.name for path in chain)}
    try:
        entries = [path for path in folder.iterdir() if path.is_file()]
    except OSError:
        entries = []
    replies = [
        path
        for path in entries
        if path.suffix.lower() in CERTIFICATE_SUFFIXES and path.name not in known and not path.name.startswith(".")
    ]
    backups = [
        path
        for path in entries
        if path.name.endswith(BACKUP_SUFFIX) and any(path.match(backup_pattern(name)) for name in known)
    ]
    return FolderContents(
        folder=folder,
        key=present(KEY_NAME),
        csr=present(CSR_NAME),
        certificate=present(CERT_NAME),
        chain=chain,
        pfx=present(PFX_NAME),
        config=present(CONFIG_NAME),
        replies=_newest_first(replies),
        backups=_newest_first(backups),
    )


def folder_chain_files(folder: Path) -> list[Path]:
    """The chain csrwizard wrote: intermediate.crt, else the numbered files in order."""
    if (folder / CHAIN_NAME).is_file():
        return [folder / CHAIN_NAME]
    return sorted(path for path in folder.glob(CHAIN_PATTERN) if path.is_file())


def _newest_first(paths: list[Path]) -> list[Path]:
    def when(path: Path) -> tuple[float, str]:
        try:
            return (path.stat().st_mtime, path.name)
        except OSError:
            return (0.0, path.name)

    return sorted(paths, key=when, reverse=True)


def modified(path: Path) -> datetime:
    """A file's last change, in UTC, to compare with a certificate's dates."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)


@dataclass(frozen=True)
class FolderStatus:
    state: str  # one of WAITING, IN_FORCE, RENEWAL_PENDING, MISMATCH, EMPTY
    sentence: str  # the state in one line, naming files and dates


def folder_status(contents: FolderContents) -> FolderStatus:
    """Where the folder stands, judged from server.key, server.csr, server.crt and the key backups.

    Unreadable files are a mismatch that names the file; nothing here raises.
    """
    from csrwizard.files.reading import read_bundle_file
    from csrwizard.x509_fields import holds_key

    if contents.key is None and contents.certificate is None:
        if contents.csr is not None:
            return FolderStatus(MISMATCH, f"{CSR_NAME} is here without its {KEY_NAME}")
        return FolderStatus(EMPTY, f"No {KEY_NAME}, {CSR_NAME} or {CERT_NAME} here yet")
    try:
        key = _public_key(contents.key) if contents.key is not None else None
        certificates = read_bundle_file(contents.certificate).certificates if contents.certificate else []
    except CsrWizardError as error:
        return FolderStatus(MISMATCH, f"A file cannot be read: {error}")
    if not certificates:
        if key is None:
            return FolderStatus(MISMATCH, f"{KEY_NAME} is encrypted: decrypt it to see where the folder stands")
        return FolderStatus(WAITING, f"{KEY_NAME} and {CSR_NAME} wait for the CA's certificate")
    leaf = certificates[0]
    expires = f"{leaf.not_valid_after_utc:%Y-%m-%d}"
    if key is not None and holds_key(leaf, key):
        return FolderStatus(IN_FORCE, f"{CERT_NAME} matches {KEY_NAME}; it expires {expires}")
    match = matching_key_backup(contents.folder / KEY_NAME, certificates, contents.csr)
    if match is not None and match.renewal is not None:
        return FolderStatus(
            RENEWAL_PENDING,
            f"{match.renewal.request} waits for the CA; {CERT_NAME} (in force, matching {match.path.name}) "
            f"expires {expires}",
        )
    if match is not None:
        return FolderStatus(
            MISMATCH, f"{CERT_NAME} does not match {KEY_NAME}, but matches its backup {match.path.name}"
        )
    return FolderStatus(MISMATCH, f"{CERT_NAME} matches neither {KEY_NAME} nor any of its backups")


def _public_key(path: Path):
    from csrwizard.files.reading import read_bundle_file

    private_key = read_bundle_file(path).private_key
    return private_key.public_key() if private_key is not None else None


@dataclass(frozen=True)
class PendingRenewal:
    """A newer key and CSR waiting for the CA, beside the certificate in force."""

    key_name: str  # server.key: the new key, to keep
    csr_name: str | None  # server.csr: the new request, at the CA
    made: datetime  # when the new key was written

    @property
    def request(self) -> str:
        """The request at the CA with its date (server.csr of 2026-11-29), as every face names it."""
        return f"{self.csr_name or 'a request'} of {self.made:%Y-%m-%d}"

    def sentence(self, leaf) -> str:
        return (
            f"Renewal pending: {self.request} waits for the CA, made with the new {self.key_name}; the certificate "
            f"in force expires {leaf.not_valid_after_utc:%Y-%m-%d}. Keep {self.key_name}: the new certificate "
            "will need it"
        )


@dataclass(frozen=True)
class KeyBackupMatch:
    """The key backup a certificate was issued for, when the current key is not it."""

    path: Path
    private_key: object
    certificate: object  # the certificate the backup's key is in
    # Set when the current key was written after that certificate was issued: a renewal's new key,
    # which must never be replaced by the backup. Else the key was made again by mistake.
    renewal: PendingRenewal | None


def matching_key_backup(key_path: Path, certificates: list, csr_path: Path | None = None) -> KeyBackupMatch | None:
    """The newest unencrypted backup of the key that matches one of the certificates, if any, and
    whether the key beside it is a renewal's (`csr_path`: the renewal's request, to name it)."""
    from csrwizard.files.keyfiles import load_private_key
    from csrwizard.files.writing import read_existing
    from csrwizard.x509_fields import holds_key

    for backup in _newest_first(list(key_path.parent.glob(backup_pattern(key_path.name)))):
        try:
            candidate = load_private_key(read_existing(backup))  # a regular file, under the size cap
        except (CsrWizardError, OSError):
            continue
        public_key = candidate.public_key()
        certificate = next((cert for cert in certificates if holds_key(cert, public_key)), None)
        if certificate is not None:
            renewal = None
            if _written_after_issue(key_path, certificate):
                csr_name = csr_path.name if csr_path is not None and csr_path.is_file() else None
                renewal = PendingRenewal(key_path.name, csr_name, modified(key_path))
            return KeyBackupMatch(backup, candidate, certificate, renewal)
    return None


def _written_after_issue(key_path: Path, certificate) -> bool:
    try:
        return modified(key_path) > certificate.not_valid_before_utc
    except OSError:  # no key there any more: nothing that a backup could be put over
        return False


def matching_csr_backup(csr_path: Path, public_key) -> Path | None:
    """The newest backup of the CSR made for this key (the request of the certificate in force)."""
    from csrwizard.files.reading import read_bundle_file
    from csrwizard.x509_fields import holds_key

    for backup in _newest_first(list(csr_path.parent.glob(backup_pattern(csr_path.name)))):
        try:
            csr = read_bundle_file(backup).csr
        except CsrWizardError:
            continue
        if csr is not None and holds_key(csr, public_key):
            return backup
    return None
