"""The one home of csrwizard's file names and defaults, as Endpoint Central's procedure names them.

Every other module takes its names from here, so a rename is one edit (a test keeps it so).
"""

from __future__ import annotations

from pathlib import Path

KEY_NAME = "server.key"
CSR_NAME = "server.csr"
CERT_NAME = "server.crt"
CHAIN_NAME = "intermediate.crt"
# Endpoint Central's manual upload takes one intermediate per field; its automatic mode finds one.
NUMBERED_CHAIN_NAME = "intermediate-{position}.crt"
PFX_NAME = "server.pfx"
CONFIG_NAME = "opensslsan.conf"
DECRYPTED_KEY_NAME = "server-decrypted.key"
# What a renewal starts from, the first one there: the old request, else the certificate in force.
RENEWAL_SOURCES = (CSR_NAME, CERT_NAME)
# Files csrwizard itself writes in the working folder; never offered as "the CA's reply".
OWN_FILE_NAMES = (KEY_NAME, CSR_NAME, CONFIG_NAME, DECRYPTED_KEY_NAME)

KEY_SIZES = (2048, 3072, 4096)
DEFAULT_KEY_SIZE = 2048
KEY_FORMATS = ("pkcs8", "pkcs1")  # BEGIN PRIVATE KEY (what openssl req -nodes writes) / BEGIN RSA PRIVATE KEY
DEFAULT_KEY_FORMAT = "pkcs8"

PFX_FRIENDLY_NAME = "csrwizard"
HTTPS_PORT = 8383  # Endpoint Central's HTTPS port, where `probe` looks by default
PROBE_TIMEOUT = 5.0  # seconds `probe` waits for the connection and for the handshake
PKCS12_SUFFIXES = (".pfx", ".p12")
# Taken in a folder while csrwizard writes there, so two runs never interleave their backups and
# renames; and the note of renames in progress, which the next run completes after a kill.
# Dot files, with suffixes no certificate or key has: never offered as a reply or a key.
LOCK_NAME = ".csrwizard.lock"
JOURNAL_NAME = ".csrwizard.journal"
LOCK_WAIT = 10.0  # seconds a run waits for another one writing in the same folder
BACKUP_SUFFIX = ".bak"


def is_pkcs12_name(path: Path | str) -> bool:
    """Whether the file name says .pfx/.p12: decrypt then unpacks it instead of reading a key."""
    return Path(path).suffix.lower() in PKCS12_SUFFIXES


# What a CA's reply is saved as: the Check screen proposes the newest such file in the folder.
CERTIFICATE_SUFFIXES = (".crt", ".cer", ".pem", ".der", ".p7b", ".p7c", ".pfx", ".p12")
# Files csrwizard wrote from a reply, which are the chain or a package rather than the reply itself.
CHAIN_PATTERN = "intermediate*.crt"


def numbered_chain_name(position: int) -> str:
    """`intermediate-1.crt` for the first intermediate in upload order (the one that signed the leaf)."""
    return NUMBERED_CHAIN_NAME.format(position=position)


def backup_pattern(name: str) -> str:
    """A glob for the backups of `name` (`server.key.20261127-093005.bak`, `...-2.bak`)."""
    return f"{name}.*{BACKUP_SUFFIX}"
