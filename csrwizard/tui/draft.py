"""What the user has typed so far in the create flow; kept while they move back and forth."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csrwizard.names import CSR_NAME, DEFAULT_KEY_FORMAT, DEFAULT_KEY_SIZE, KEY_NAME
from csrwizard.request.subject import SubjectInput


@dataclass
class CreateDraft:
    typed: SubjectInput = field(default_factory=SubjectInput)
    folder: Path = Path(".")
    key_name: str = KEY_NAME
    csr_name: str = CSR_NAME
    key_size: int = DEFAULT_KEY_SIZE
    key_format: str = DEFAULT_KEY_FORMAT
    reuse_key: bool = False  # a new CSR for the key already there
    internal_ca: bool = False  # signed by the organisation's own CA (AD CS)
    renewal: str = ""  # 'Renew from server.crt (expires 2027-03-01)' when the answers came from there

    def has_answers(self) -> bool:
        """Whether anything was typed (or prefilled) that leaving would lose."""
        return any(value.strip() for value in vars(self.typed).values() if isinstance(value, str))

    def request(self):
        """The engine's request for this draft."""
        from csrwizard.request.create import CreateRequest

        folder = Path(self.folder)
        return CreateRequest(
            typed=self.typed,
            folder=folder,
            csr_path=folder / self.csr_name,
            key_path=folder / self.key_name,
            key_size=self.key_size,
            key_format=self.key_format,
            reuse_key=self.reuse_key,
            internal_ca=self.internal_ca,
        )
