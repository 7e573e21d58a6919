"""The create operation: check everything, then back up and write the key and CSR together."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from csrwizard.files.writing import PlannedFile, WriteOutcome, preview_backup, write_files
from csrwizard.names import CONFIG_NAME, CSR_NAME, DEFAULT_KEY_FORMAT, DEFAULT_KEY_SIZE, KEY_NAME
from csrwizard.problems import InputRefused, Problem
from csrwizard.request.subject import Subject, SubjectInput, assess_subject


@dataclass
class CreateRequest:
    typed: SubjectInput
    folder: Path = Path(".")
    csr_path: Path | None = None
    key_path: Path | None = None
    key_size: int = DEFAULT_KEY_SIZE
    key_format: str = DEFAULT_KEY_FORMAT
    write_config: bool = False
    internal_ca: bool = False  # signed by the organisation's own CA (AD CS), not a public one
    reuse_key: bool = False  # a new CSR for the key already in key_target, which is left as it is

    @property
    def csr_target(self) -> Path:
        return self.csr_path if self.csr_path is not None else self.folder / CSR_NAME

    @property
    def key_target(self) -> Path:
        return self.key_path if self.key_path is not None else self.folder / KEY_NAME

    @property
    def config_target(self) -> Path:
        return self.csr_target.parent / CONFIG_NAME


@dataclass
class CreatePlan:
    """A request that passed every rule; what review shows before anything is written."""

    request: CreateRequest
    subject: Subject
    reused_key: object | None = None  # the existing key, when the request reuses it

    @functools.cached_property
    def pending_renewal(self) -> str | None:
        """The folder's state when a renewal already waits for the CA (a second Renew). Read when
        the review is shown, not each time a step checks the request: it opens the key, the
        certificate and every key backup."""
        return None if self.reused_key is not None else _pending_renewal(self.request.key_target)

    @property
    def key_warnings(self) -> list[Problem]:
        if self.reused_key is not None:
            return [reuse_warning(self.request.key_target.name)]
        if self.pending_renewal is not None:
            return [pending_renewal_warning(self.request.key_target.name, self.pending_renewal)]
        return []

    @property
    def key_size(self) -> int:
        return self.reused_key.key_size if self.reused_key is not None else self.request.key_size

    def targets(self) -> list[Path]:
        # A reused key is read, never written: only the CSR (and the config) are.
        paths = [self.request.csr_target]
        if self.reused_key is None:
            paths.insert(0, self.request.key_target)
        if self.request.write_config:
            paths.append(self.request.config_target)
        return paths

    def backups_to_make(self, when: datetime) -> list[tuple[Path, Path]]:
        pairs = [(path, preview_backup(path, when)) for path in self.targets()]
        return [(path, backup) for path, backup in pairs if backup]


@dataclass
class CreateResult:
    plan: CreatePlan
    outcome: WriteOutcome
    csr_pem: bytes
    public_key_sha256: str
    warnings: list[Problem] = field(default_factory=list)


def plan_create(request: CreateRequest) -> CreatePlan:
    """Check the subject and the options; InputRefused lists every problem. Touches no file."""
    from csrwizard.pki.keys import key_format_problem
    from csrwizard.request.key_generation import key_size_problem

    assessment = assess_subject(request.typed, request.internal_ca)
    problems = list(assessment.problems)
    reused_key = None
    if request.reuse_key:
        reused_key, message = _key_to_reuse(request.key_target)
        if message:
            problems.append(Problem("key_file", message))
    elif message := key_size_problem(request.key_size):
        problems.append(Problem("key_size", message))
    if message := key_format_problem(request.key_format):
        problems.append(Problem("key_format", message))
    targets = [request.key_target, request.csr_target]
    for target in targets:
        if not target.parent.is_dir():
            problems.append(Problem("output", f"the folder {target.parent} does not exist"))
        elif target.is_dir():
            problems.append(Problem("output", f"{target} is a folder, not a file name"))
    if request.key_target.resolve() == request.csr_target.resolve():
        problems.append(Problem("output", "the key and the CSR cannot be the same file"))
    if problems:
        # The key and the CSR share a folder: one missing folder is one problem, said once.
        raise InputRefused(list(dict.fromkeys(problems)))
    return CreatePlan(request, assessment.subject, reused_key)


def _pending_renewal(key_target: Path) -> str | None:
    """The folder's state sentence when a renewal already waits for the CA (a second Renew)."""
    from csrwizard.names import CERT_NAME, KEY_NAME

    folder = key_target.parent
    if key_target.name != KEY_NAME or not (folder / CERT_NAME).is_file():
        return None
    from csrwizard.pki.folder import RENEWAL_PENDING, folder_status, read_folder

    status = folder_status(read_folder(folder))
    return status.sentence if status.state == RENEWAL_PENDING else None


def pending_renewal_warning(key_name: str, state: str) -> Problem:
    """What a new key costs while a renewal waits for the CA, said on every face's review."""
    return Problem(
        "key_file",
        f"a renewal is already pending ({state}): a new key replaces the {key_name} that request was made "
        f"with, so the CA's certificate for it would need that key back from its backup. To send another "
        f"request for the same key, keep {key_name} (Keep {key_name} on the Key step, or --reuse-key)",
    )


REUSE_WARNING = (
    "the key in {name} is reused: never reuse a key that may have been exposed (a copy left on a share, "
    "an admin who has left, a server that was compromised); make a new one then"
)


def reuse_warning(key_name: str) -> Problem:
    """What keeping a key risks, said wherever keeping it is chosen."""
    return Problem("key_file", REUSE_WARNING.format(name=key_name))


def _key_to_reuse(path: Path):
    """(the key, None) when it may be reused, else (None, why not)."""
    from csrwizard.files.keyfiles import describe_key_file, load_private_key
    from csrwizard.files.writing import read_existing
    from csrwizard.names import KEY_SIZES
    from csrwizard.problems import CsrWizardError

    try:
        data = read_existing(path)
        if describe_key_file(data).encrypted:
            return None, f"{path.name} is encrypted: remove its passphrase first (csrwizard decrypt)"
        key = load_private_key(data)
    except CsrWizardError as error:
        return None, f"cannot reuse {path.name}: {error}"
    from cryptography.hazmat.primitives.asymmetric import rsa

    if not isinstance(key, rsa.RSAPrivateKey):
        return None, f"{path.name} is not an RSA key, the only kind Endpoint Central accepts: make a new key"
    if key.key_size < min(KEY_SIZES):
        return None, (
            f"{path.name} is RSA {key.key_size} bits, weaker than today's minimum of {min(KEY_SIZES)}: make a new key"
        )
    return key, None


def perform_create(plan: CreatePlan, key=None, now: Callable[[], datetime] = datetime.now) -> CreateResult:
    """Make the key (unless one is given, e.g. made in the background) and CSR, then write both."""
    from csrwizard.pki.keys import private_key_pem, public_key_sha256
    from csrwizard.request.csr_der import request_pem
    from csrwizard.request.key_generation import make_key

    request = plan.request
    if plan.reused_key is not None:
        key = plan.reused_key
    elif key is None or key.key_size != request.key_size:
        key = make_key(request.key_size)
    csr_text = request_pem(plan.subject, key)
    planned = [PlannedFile(request.csr_target, csr_text)]
    if plan.reused_key is None:
        planned.insert(0, PlannedFile(request.key_target, private_key_pem(key, request.key_format), secret=True))
    if request.write_config:
        from csrwizard.request.opensslconf import render_config

        config = render_config(plan.subject, request.key_size).encode("utf-8")
        planned.append(PlannedFile(request.config_target, config))
    warnings = [*plan.subject.warnings, *plan.key_warnings]  # before writing: a new key changes the folder's state
    outcome = write_files(planned, now=now)
    return CreateResult(plan, outcome, csr_text, public_key_sha256(key.public_key()), warnings)
