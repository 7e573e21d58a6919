"""What the user has typed so far in the create flow; kept while they move back and forth."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csrwizard.request.subject import SubjectInput

CREATE_STEPS = ("Country", "Organisation", "Names", "Key", "Review")


@dataclass
class CreateDraft:
    typed: SubjectInput = field(default_factory=SubjectInput)
    folder: Path = Path(".")
    key_name: str = "server.key"
    csr_name: str = "server.csr"
    key_size: int = 2048

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
        )
