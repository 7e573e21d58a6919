"""Scenes of the wizard, each a fixed folder, clock and key plus the key presses that reach a screen.

Shared by the snapshot tests and by screenshots/regenerate.py, so the README shows what is tested.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable

from cryptography.hazmat.primitives import serialization

from csrwizard.tui.app import CsrWizardApp

# Screens show local times: pin the zone so scenes look the same on every machine.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()

FIXED_TIME = datetime(2026, 11, 27, 9, 30, 5)
FIXED_KEY_PEM = (Path(__file__).parent / "data" / "fixed_test_key.pem").read_bytes()
# Each scene runs inside its own folder, named "." so screens show bare file names; the header
# shows this label instead of the real temporary path, the same on every machine and platform.
SCENE_FOLDER_LABEL = r"C:\Program Files\ManageEngine\UEMS_CentralServer\bin"
TEST_PASSPHRASE = "correct horse"


def fixed_key(size: int):
    """The test key for 2048 bits (so CSRs and screens are identical run to run), else a new one."""
    if size != 2048:
        from csrwizard.request.key_generation import make_key

        return make_key(size)
    return serialization.load_pem_private_key(FIXED_KEY_PEM, None)


def fixed_clock() -> datetime:
    return FIXED_TIME


async def type_into(pilot, text: str) -> None:
    """Type into the focused input in one go; scenes only (the flow tests press every key)."""
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.pause()


def with_existing_files(folder: Path) -> None:
    """An old server.key and server.csr, as a second run on the server would find them."""
    from csrwizard.request.create import CreateRequest, perform_create, plan_create
    from csrwizard.request.subject import SubjectInput

    typed = SubjectInput(
        "IN", "Tamil Nadu", "Chennai", "Example Software Pvt Ltd", "", "ec.example.com", "ec.example.net"
    )
    perform_create(plan_create(CreateRequest(typed, folder)), key=fixed_key(2048), now=fixed_clock)
    stamp = FIXED_TIME.timestamp()
    for name in ("server.key", "server.csr"):
        os.utime(folder / name, (stamp, stamp))
    for backup in folder.glob("*.bak"):
        backup.unlink()


def with_encrypted_key(folder: Path) -> None:
    key = fixed_key(2048)
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(TEST_PASSPHRASE.encode()),
    )
    (folder / "server.key").write_bytes(encrypted)


async def wait_until(pilot, condition, timeout: float = 5.0) -> None:
    """Pause until `condition()` holds (a worker's result on screen), failing after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the screen never showed what the test waited for"
        await pilot.pause(0.02)


def directory_tree_loaded(pilot) -> bool:
    """The folder browser's rows are on screen (its loader worker runs while it is open)."""
    trees = pilot.app.screen.query("DirectoryTree")
    return bool(trees) and bool(trees.first().root.children)


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def to_country(pilot) -> None:
    await press(pilot, "1")  # the menu's numbers, as said on the phone


async def to_organisation(pilot) -> None:
    await to_country(pilot)
    await type_into(pilot, "gb")
    await press(pilot, "enter")


async def to_names(pilot) -> None:
    await to_organisation(pilot)
    await type_into(pilot, "England")
    await press(pilot, "enter")
    await type_into(pilot, "London")
    await press(pilot, "enter")
    await type_into(pilot, "Example Ltd")
    await press(pilot, "enter")
    await press(pilot, "enter")


async def to_key(pilot) -> None:
    await to_names(pilot)
    await type_into(pilot, "https://ec.example.com/")
    await press(pilot, "enter")
    await type_into(pilot, "ec.example.net, 8.8.8.8")
    await press(pilot, "enter")


async def to_review(pilot) -> None:
    await to_key(pilot)
    await press(pilot, "ctrl+n")  # Enter would visit the size, the format and each file name first


async def to_done(pilot) -> None:
    await to_review(pilot)
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@dataclass
class Scene:
    name: str
    run_before: Callable[..., Awaitable[None]] | None = None
    prepare: Callable[[Path], None] | None = None
    start: str = "menu"
    extra: dict = field(default_factory=dict)

    def set_up(self, root: Path) -> Path:
        """The scene's own folder below `root`, with its files; run the app from inside it."""
        folder = root / self.name
        folder.mkdir(parents=True)
        if self.prepare:
            self.prepare(folder)
        return folder

    def app(self) -> CsrWizardApp:
        """The app on the current folder: chdir into `set_up`'s folder first."""
        return CsrWizardApp(
            folder=Path("."),
            start=self.start,
            now=fixed_clock,
            key_factory=fixed_key,
            folder_label=SCENE_FOLDER_LABEL,
            **self.extra,
        )


async def country_uk(pilot) -> None:
    await to_country(pilot)
    await type_into(pilot, "uk")
    await press(pilot, "enter")


async def country_suggestions(pilot) -> None:
    await to_country(pilot)
    await type_into(pilot, "ger")


async def organisation_code_warning(pilot) -> None:
    await to_country(pilot)
    await type_into(pilot, "IN")
    await press(pilot, "enter")
    await type_into(pilot, "TN")
    await press(pilot, "enter")


async def names_with_problems(pilot) -> None:
    await to_names(pilot)
    await type_into(pilot, "https://ec.example.com:8443/")
    await press(pilot, "enter")
    await type_into(pilot, "*.example.com, 10.0.0.5, bad_name.example.com, EC.example.com")


async def help_on_names(pilot) -> None:
    await to_names(pilot)
    await press(pilot, "f1")


async def on_the_passphrase(pilot) -> None:
    """The decrypt screen is up with the passphrase focused (it is pushed after the app mounts)."""
    await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", None) == "input-passphrase")


async def decrypt_wrong_passphrase(pilot) -> None:
    await on_the_passphrase(pilot)
    await type_into(pilot, "wrong")
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def decrypt_done(pilot) -> None:
    await on_the_passphrase(pilot)
    await type_into(pilot, TEST_PASSPHRASE)
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def file_picker(pilot) -> None:
    await press(pilot, "ctrl+o")
    # The folder browser's loader worker runs for as long as it is open: wait for its rows instead.
    await wait_until(pilot, lambda: directory_tree_loaded(pilot))


def with_ca_reply(folder: Path) -> None:
    """Old server files plus the CA's answer: server.crt and its chain, issued for server.csr."""
    from csrwizard.request.csr import load_csr
    from tests.ca import ThrowawayCA

    with_existing_files(folder)
    csr = load_csr((folder / "server.csr").read_bytes())
    ca = ThrowawayCA.create_fixed()
    issued = datetime(2026, 11, 1, tzinfo=timezone.utc)
    leaf = ca.leaf_for(csr, sans=("ec.example.com", "ec.example.net"), not_before=issued, days=90, serial=1000)
    (folder / "server.crt").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (folder / "ca-bundle.crt").write_bytes(
        ca.intermediate.public_bytes(serialization.Encoding.PEM) + ca.root.public_bytes(serialization.Encoding.PEM)
    )


async def to_check(pilot) -> None:
    await press(pilot, "4")


async def checked(pilot) -> None:
    await to_check(pilot)
    pilot.app.screen.query_one("#input-chain").value = str(pilot.app.folder / "ca-bundle.crt")
    pilot.app.screen.query_one("#input-host").value = "ec.example.net"
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def pfx_dialog(pilot) -> None:
    await checked(pilot)
    await press(pilot, "f6")
    await type_into(pilot, "pfx secret")
    await press(pilot, "enter")
    await type_into(pilot, "other")
    await press(pilot, "enter", "enter", "enter")


async def inspected(pilot) -> None:
    await press(pilot, "i")
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def names_for_an_internal_ca(pilot) -> None:
    await to_names(pilot)
    await type_into(pilot, "ec.corp.local")
    await press(pilot, "tab")
    await type_into(pilot, "ec, 10.0.0.5")
    await press(pilot, "shift+tab", "shift+tab", "down", "enter")


async def key_kept(pilot) -> None:
    await to_key(pilot)
    await press(pilot, "down")
    await press(pilot, "space")  # chosen, without moving on: the step shows the warning


def with_an_older_key(folder: Path) -> None:
    """A second run's folder: the old files, with a key the fixed test key is not (as in real life,
    where each run makes a new key), so the Done screen shows both backups."""
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    with_existing_files(folder)
    older = fixed_key(2048).private_bytes(Encoding.PEM, PrivateFormat.TraditionalOpenSSL, NoEncryption())
    (folder / "server.key").write_bytes(older)  # the same key in PKCS#1: other bytes on disk


def with_every_file(folder: Path) -> None:
    """A folder after the whole round: key, CSR, certificate, chain, .pfx and the openssl config."""
    with_ca_reply(folder)
    (folder / "ca-bundle.crt").rename(folder / "intermediate.crt")
    (folder / "server.pfx").write_bytes(b"a .pfx")
    (folder / "opensslsan.conf").write_text("[req]\n")
    stamp = FIXED_TIME.timestamp()
    for path in folder.iterdir():
        os.utime(path, (stamp, stamp))


async def renew_from_the_menu(pilot) -> None:
    await press(pilot, "2")


async def write_refused(pilot) -> None:
    await to_check(pilot)
    pilot.app.screen.query_one("#input-chain").value = str(pilot.app.folder / "ca-bundle.crt")
    pilot.app.screen.query_one("#input-host").value = "203.0.113.99"
    await press(pilot, "enter")
    await pilot.app.workers.wait_for_complete()
    await press(pilot, "ctrl+r")


async def discard_dialog(pilot) -> None:
    await to_country(pilot)
    await type_into(pilot, "IN")
    await press(pilot, "escape")  # step 1 with an answer in it: asked first


async def help_on_check(pilot) -> None:
    await checked(pilot)
    await press(pilot, "ctrl+g")


SCENES = [
    Scene("menu"),
    Scene("menu-existing-files", prepare=with_existing_files),
    Scene("country-suggestions", country_suggestions),
    Scene("country-refused", country_uk),
    Scene("organisation-warning", organisation_code_warning),
    Scene("names", names_with_problems),
    Scene("names-internal-ca", names_for_an_internal_ca),
    Scene("key", to_key),
    Scene("key-kept", key_kept, prepare=with_existing_files),
    Scene("review", to_review, prepare=with_existing_files),
    Scene("create-done", to_done),
    Scene("create-done-second-run", to_done, prepare=with_an_older_key),
    Scene("menu-every-file", prepare=with_every_file),
    Scene("renew", renew_from_the_menu, prepare=with_ca_reply),
    Scene("help", help_on_names),
    Scene("discard-dialog", discard_dialog),
    Scene("decrypt", prepare=with_encrypted_key, start="decrypt"),
    Scene("decrypt-wrong-passphrase", decrypt_wrong_passphrase, prepare=with_encrypted_key, start="decrypt"),
    Scene("decrypt-done", decrypt_done, prepare=with_encrypted_key, start="decrypt"),
    Scene("decrypt-file-picker", file_picker, prepare=with_encrypted_key, start="decrypt"),
    Scene("check", to_check, prepare=with_ca_reply),
    Scene("check-results", checked, prepare=with_ca_reply),
    Scene("check-write-refused", write_refused, prepare=with_ca_reply),
    Scene("pfx-dialog", pfx_dialog, prepare=with_ca_reply),
    Scene("check-help", help_on_check, prepare=with_ca_reply),
    Scene("inspect", inspected, prepare=with_existing_files),
]
