"""Messages the engine gives about input: refusals that block, and warnings that do not."""

from __future__ import annotations

from dataclasses import dataclass

from csrwizard.shown_text import shown

# A message names a value cut to a readable length (shown_text.quoted); this only bounds the line.
MESSAGE_LIMIT = 1000

FIELD_LABELS = {
    "country": "Country",
    "state": "State or province",
    "locality": "Locality",
    "organization": "Organisation",
    "organizational_unit": "Organisational unit",
    "common_name": "Common name",
    "sans": "Subject alternative names",
    "key_size": "Key size",
    "key_format": "Key format",
    "passphrase": "Passphrase",
    "password": "Password",
    "file": "File",
    "key_file": "Key file",
    "output": "Output",
    "certificate": "Certificate",
    "chain": "Chain file",
    "csr_file": "CSR file",
    "host": "Host",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about one field."""

    field: str
    message: str
    fix: str = ""  # a value that would resolve it, when one is known (UK -> GB)

    def __post_init__(self) -> None:
        # Every face shows `message` as it is: whatever a file or a person put in it is made safe here.
        object.__setattr__(self, "message", shown(self.message, MESSAGE_LIMIT))

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class CsrWizardError(Exception):
    """A failure the user can act on; its text is one line, shown without a traceback.

    The text may name a file or a value from a file: it is always given out safe to show.
    """

    def __str__(self) -> str:
        return shown(super().__str__(), MESSAGE_LIMIT)


class InputRefused(CsrWizardError):
    """Input that a CA (or the engine) would refuse; carries every problem at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class SecretRefused(CsrWizardError):
    """A passphrase or password that does not open the file, or no secret to remove: refused input."""


class WrongPassphrase(SecretRefused):
    """The passphrase does not open the key; nothing was changed."""


class NotEncrypted(SecretRefused):
    """The key has no passphrase to remove."""


class PasswordNeeded(SecretRefused):
    """The file is a PKCS#12 (.pfx/.p12) and needs its password."""


class WrongPassword(SecretRefused):
    """The PKCS#12 password is wrong; nothing was changed."""
