"""Every screen of the wizard in a real terminal: tmux at 80x24 and at 60x20, TERM=linux, NO_COLOR=1.

The pilot and snapshot tests draw the screens inside Textual; these read what a terminal really
shows, keyboard only, with the seed's example: the buttons and the footer's keys whole, the
chosen option's mark, a "More below" line where a list or a text is cut, the focus drawn in
reverse video, and no colour with a hue anywhere. One tmux session per size walks every screen.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.scenes import TEST_PASSPHRASE, fixed_key, with_ca_reply

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None or sys.platform == "win32", reason="tmux is not installed")

SIZES = [(80, 24), (60, 20)]
MORE_BELOW = "More below"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


class Terminal:
    """csrwizard in a tmux session of its own (its own server socket, no user configuration)."""

    def __init__(self, folder: Path, width: int, height: int) -> None:
        self.socket = f"csrwizard-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.last = ""
        cache = os.environ.get("CSRWIZARD_CACHE_DIR", "")
        # Started in the folder, as an admin starts it in Endpoint Central's bin folder; sized by
        # the terminal, not by a COLUMNS or LINES the test runner may have set.
        command = (
            f"cd '{folder}' && env -u COLUMNS -u LINES TERM=linux NO_COLOR=1 CSRWIZARD_CACHE_DIR='{cache}' "
            f"'{sys.executable}' -m csrwizard; sleep 60"  # a crash stays readable
        )
        self.tmux("new-session", "-d", "-s", "w", "-x", str(width), "-y", str(height), command, cwd=folder)

    def tmux(self, *args: str, cwd: Path | None = None) -> str:
        result = subprocess.run(
            [TMUX, "-L", self.socket, "-f", os.devnull, *args], capture_output=True, text=True, cwd=cwd
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "w", key)

    def burst(self, *keys: str) -> None:
        """Keys and text in one send, as a slow remote link delivers them: the app reads them together."""
        self.tmux("send-keys", "-t", "w", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "w", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "w")

    def styled(self) -> str:
        """The screen with its SGR escapes, as the terminal drew it."""
        return self.tmux("capture-pane", "-p", "-e", "-t", "w")

    def wait_for(self, *texts: str, gone: str | None = None, seconds: float = 15) -> str:
        """The screen once it shows every one of `texts` (and no longer `gone`); polled, never slept."""
        deadline = time.monotonic() + seconds
        while True:
            shown = self.screen()
            flat = " ".join(shown.split())  # a title or a sentence may wrap
            if all(text in shown or text in flat for text in texts) and (gone is None or gone not in shown):
                self.last = shown
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"waited for {texts!r} at {self.width}x{self.height}; the screen shows:\n{shown}")
            time.sleep(0.05)


def footer(screen: str, height: int) -> str:
    """The terminal's last row."""
    rows = screen.split("\n")
    return rows[height - 1] if len(rows) >= height else ""


def line_with(terminal: Terminal, *labels: str, seconds: float = 10) -> str:
    """The one line showing all `labels` side by side (a row of buttons, whole); polled, else fails."""
    deadline = time.monotonic() + seconds
    while True:
        screen = terminal.screen()
        lines = [line for line in screen.splitlines() if all(label in line for label in labels)]
        if lines:
            return lines[0]
        if time.monotonic() > deadline:
            pytest.fail(f"{labels!r} are not whole on one line at {terminal.width}x{terminal.height}:\n{screen}")
        time.sleep(0.05)


def assert_keys_in_footer(terminal: Terminal, *keys: str) -> str:
    """Each 'key description' whole on the last row (one cut off at the right edge fails); polled,
    as the footer is drawn once the screen's keys are known."""
    deadline = time.monotonic() + 10
    while True:
        shown = footer(terminal.screen(), terminal.height)
        if all(key in shown for key in keys):
            return shown
        if time.monotonic() > deadline:
            missing = [key for key in keys if key not in shown]
            pytest.fail(f"{missing!r} not whole in the footer {shown!r} at {terminal.width}x{terminal.height}")
        time.sleep(0.05)


def reversed_text(styled: str) -> str:
    """The characters drawn in reverse video (the focus, the cursor bar), rows joined by newlines."""
    out = []
    for row in styled.splitlines():
        reverse = False
        position = 0
        for match in SGR.finditer(row):
            if reverse:
                out.append(row[position : match.start()])
            codes = [code for code in re.split("[;:]", match.group(1))]
            for code in codes:
                if code in ("", "0"):
                    reverse = False
                elif code == "7":
                    reverse = True
                elif code == "27":
                    reverse = False
            position = match.end()
        if reverse:
            out.append(row[position:])
        out.append("\n")
    return "".join(out)


def hues(styled: str) -> list[str]:
    """Every SGR colour with a hue (not black, white or a grey) the terminal was sent."""
    found = []
    for match in SGR.finditer(styled):
        codes = [int(code) for code in re.split("[;:]", match.group(1)) if code.isdigit()]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code in (38, 48) and index + 1 < len(codes) and codes[index + 1] == 5 and index + 2 < len(codes):
                colour = codes[index + 2]
                cube = colour - 16
                grey = (
                    colour in (0, 7, 8, 15)
                    or colour >= 232
                    or (16 <= colour <= 231 and cube // 36 == (cube // 6) % 6 == cube % 6)
                )
                if not grey:
                    found.append(match.group(0))
                index += 3
            elif code in (38, 48) and index + 1 < len(codes) and codes[index + 1] == 2 and index + 4 < len(codes):
                red, green, blue = codes[index + 2 : index + 5]
                if max(red, green, blue) - min(red, green, blue) > 2:
                    found.append(match.group(0))
                index += 5
            else:
                if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                    if code % 10 not in (0, 7):  # black and white (and their bright greys)
                        found.append(match.group(0))
                index += 1
    return found


def looked_at(terminal: Terminal, focused: str | None = None, seconds: float = 10) -> str:
    """The screen as drawn: no hue anywhere, and the focus (`focused`) in reverse video (polled:
    the focus moves a frame after the key)."""
    deadline = time.monotonic() + seconds
    while True:
        styled = terminal.styled()
        assert hues(styled) == [], f"colours with a hue at {terminal.width}x{terminal.height}:\n{terminal.last}"
        if focused is None or focused in reversed_text(styled):
            return terminal.last
        if time.monotonic() > deadline:
            pytest.fail(f"{focused!r} is not drawn in reverse:\n{terminal.screen()}")
        time.sleep(0.05)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The CA's reply beside server.key and server.csr, and an encrypted enc.key to decrypt."""
    with_ca_reply(tmp_path)
    encrypted = fixed_key(2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(TEST_PASSPHRASE.encode()),
    )
    (tmp_path / "enc.key").write_bytes(encrypted)
    (tmp_path / "opensslsan.conf").write_text("[req]\n")  # five files to list: too many at 60x20
    return tmp_path


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_screen_is_whole_in_a_real_terminal(folder: Path, size: tuple[int, int]) -> None:
    width, height = size
    small = height < 24
    terminal = Terminal(folder, width, height)
    try:
        walk_menu(terminal, small)
        walk_check(terminal, small)
        walk_inspect(terminal, small)
        walk_decrypt(terminal, small)
        walk_renewal(terminal)
        walk_create(terminal, small)
    finally:
        terminal.close()


def walk_menu(terminal: Terminal, small: bool) -> None:
    screen = terminal.wait_for("What would you like to do?", "6  Quit", "Already in this folder")
    looked_at(terminal, focused="1  Create a new key and CSR")
    assert_keys_in_footer(terminal, "Ctrl+G Help")
    for item in ("1  Create a new key and CSR", "2  Renew from server.csr", "4  Check the CA's reply"):
        assert item in screen
    if small:  # five files do not fit under the menu at 60x20: how many are left out is said
        assert re.search(r"\+ \d more \(a taller window lists them\)", screen), screen
    else:
        assert "opensslsan.conf" in screen and "nothing is lost" in screen
    terminal.press("C-g")
    screen = terminal.wait_for("Help: Menu")
    assert_keys_in_footer(terminal, "Esc Close")
    if small:
        terminal.wait_for("More below: Down or Page Down")
        terminal.press("End")
        terminal.wait_for("Ctrl+G or F1", "Escape closes this help.")
    terminal.press("Escape")
    terminal.wait_for("What would you like to do?")


def walk_check(terminal: Terminal, small: bool) -> None:
    terminal.press("4")
    screen = terminal.wait_for("Chain files", "Certificate", "server.crt")
    looked_at(terminal, focused="Certificate")
    # Before a check, in a file field: Back, Check, Browse and Help, each whole.
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+L Check", "Ctrl+O Browse", "Ctrl+G Help")
    if small:
        terminal.wait_for(MORE_BELOW)
    # The file picker, from the Certificate field: its own keys in its own footer.
    terminal.press("C-o")
    screen = terminal.wait_for("Enter opens a folder or picks a file", "server.crt", "ca-bundle.crt")
    looked_at(terminal)
    assert_keys_in_footer(terminal, "Esc Cancel", "Backspace Up a folder", "Ctrl+G Help")
    terminal.press("Escape")
    terminal.wait_for("Check the CA's reply", gone="picks a file")
    # Down goes from field to field: to the NAT address, where the seed's names are typed.
    terminal.press("Down", "Down", "Down", "Down")
    terminal.wait_for("▶ NAT address")
    terminal.press("PageDown")
    screen = terminal.wait_for("Check", "Probe", "Back", "Write .crt")
    line_with(terminal, "Check", "Probe", "Back")
    line_with(terminal, "Write .crt", "Build .pfx", "Fetch")
    terminal.type("ec.example.net")
    terminal.press("Enter")
    screen = terminal.wait_for("PASS", "Nothing failed")
    looked_at(terminal)
    assert "✓ PASS Key match" in screen and "! WARNING Chain" in " ".join(screen.split())
    # Once it passes: Write, the .pfx by a key tmux leaves alone (F6, not Ctrl+B), Probe.
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+R Write", "F6 .pfx", "Ctrl+P Probe", "Ctrl+G Help")
    # Probe is not filled in for the admin; its help says whom an empty Probe connects to.
    terminal.press("PageUp", "PageUp")
    screen = terminal.wait_for("empty: ec.example.net:8383")
    assert re.search(r"^ +Probe *$", screen, re.MULTILINE), screen  # nothing after the label
    terminal.press("C-g")
    screen = terminal.wait_for("Help: Check the CA's reply")
    assert_keys_in_footer(terminal, "Esc Close")
    terminal.press("End")
    screen = terminal.wait_for("F6 or Ctrl+B", "Enter", "Escape closes this help.")  # at the end: no more below
    terminal.press("Escape")
    terminal.wait_for("Check the CA's reply", gone="Help:")
    # The .pfx dialog: every field, its choice with the chosen mark, both buttons, its own keys.
    terminal.press("F6")
    screen = terminal.wait_for("Build the .pfx", "Again", "File name")
    looked_at(terminal, focused="Password")
    line_with(terminal, "Build", "Cancel")
    assert "✓ AES-256 with PBKDF2 (recommended)" in screen
    assert_keys_in_footer(terminal, "Esc Cancel", "Ctrl+G Help")
    terminal.type("pfx secret")
    terminal.press("Enter")
    terminal.wait_for("▶ Again")
    terminal.type("pfx secret")
    terminal.press("Enter")
    screen = terminal.wait_for("Encryption: arrow keys choose, Enter confirms")
    looked_at(terminal, focused="AES-256")
    terminal.press("Enter")
    terminal.wait_for("▶ File name")
    terminal.press("Enter")
    screen = terminal.wait_for("Wrote server.pfx", "Next steps")
    assert "F6, Build .pfx" in " ".join(screen.split()) or MORE_BELOW not in screen or small
    terminal.press("Escape")
    terminal.wait_for("What would you like to do?")


def walk_inspect(terminal: Terminal, small: bool) -> None:
    terminal.press("5")
    terminal.wait_for("CSR, certificate, key, .p7b or .pfx.", "server.csr")
    line_with(terminal, "Inspect", "Back")
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+O Browse", "Ctrl+G Help")
    terminal.press("Enter")
    terminal.wait_for("Certificate signing request")
    looked_at(terminal, focused="File")
    if small:
        terminal.wait_for(MORE_BELOW)
    terminal.press("Escape")
    terminal.wait_for("What would you like to do?")


def walk_decrypt(terminal: Terminal, small: bool) -> None:
    terminal.press("3")
    # It starts on the folder's only encrypted key, with the passphrase focused.
    screen = terminal.wait_for("Decrypt a private key", "enc.key", "▶ Passphrase")
    looked_at(terminal, focused="Passphrase")
    assert "✓ In place" in screen
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+O Browse", "Ctrl+G Help")
    if small:
        terminal.wait_for(MORE_BELOW)
        terminal.press("PageDown")
    screen = terminal.wait_for("Decrypt", "Browse", "Back")
    line_with(terminal, "Decrypt", "Browse", "Back")
    terminal.type("wrong")
    terminal.press("Enter")
    terminal.wait_for("the passphrase is wrong")
    terminal.type(TEST_PASSPHRASE)
    terminal.press("Enter")
    screen = terminal.wait_for("Key decrypted", "Backed up enc.key as")
    looked_at(terminal, focused="Menu")
    assert_keys_in_footer(terminal, "M Menu", "Ctrl+G Help")
    terminal.press("m")
    terminal.wait_for("What would you like to do?")


def walk_renewal(terminal: Terminal) -> None:
    terminal.press("2")
    # The step's name first, then what it renews from, whole (on two lines at 60 columns).
    terminal.wait_for("Country · Renew from server.csr (server.crt expires 2027-01-29)")
    terminal.press("Escape")  # step 1 with answers in it: asked first
    terminal.wait_for("Discard your answers?")
    looked_at(terminal, focused="Keep editing")
    line_with(terminal, "Keep editing", "Discard")
    assert_keys_in_footer(terminal, "Esc Keep editing")
    terminal.press("Right")
    terminal.wait_for("Discard your answers?")
    looked_at(terminal, focused="Discard")
    terminal.press("Enter")
    terminal.wait_for("What would you like to do?")


def walk_create(terminal: Terminal, small: bool) -> None:
    terminal.press("1")
    screen = terminal.wait_for("Step 1 of 5", "▶ Country")
    looked_at(terminal, focused="Country")
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+N Next", "Ctrl+G Help")
    terminal.type("IN")
    terminal.press("Enter")
    terminal.wait_for("Step 2 of 5", "▶ State/province")
    terminal.type("TN")
    screen = terminal.wait_for("looks like a code")
    assert_keys_in_footer(terminal, "Ctrl+E Suggestion", "Esc Back", "Ctrl+N Next", "Ctrl+G Help")
    terminal.press("C-e")
    terminal.wait_for("Tamil Nadu", gone="looks like a code")
    for answer, following in (("", "▶ Locality"), ("Chennai", "▶ Organisation"), ("ZOHO", "▶ Unit")):
        if answer:
            terminal.type(answer)
        terminal.press("Enter")
        terminal.wait_for(following)
    terminal.press("Up")  # Up goes back a field, as Down and Enter go on
    terminal.wait_for("▶ Organisation")
    terminal.press("Down")
    terminal.wait_for("▶ Unit")
    terminal.press("Enter")
    screen = terminal.wait_for("Step 3 of 5", "▶ Common name")
    # The choice's hint only while the choice has the focus, not under the common name's cursor.
    assert "Signed by: arrow keys" not in screen and "✓ A public CA" in screen
    terminal.type("www.zoho.com")
    terminal.press("Enter")
    terminal.wait_for("▶ Other names")
    terminal.type("*.domain.com, manageengine.com, ems.com, desktopcentral.com")
    screen = terminal.wait_for("desktopcentral.com")
    if small:  # five names and their notes: the list is cut, and says so
        terminal.wait_for(MORE_BELOW)
    terminal.press("C-g")
    screen = terminal.wait_for("Help: Names")
    if small:
        terminal.wait_for("More below: Down or Page Down")
    terminal.press("Escape")
    terminal.wait_for("▶ Other names", gone="Help:")
    terminal.press("Up")  # left, the list reads from its start
    screen = terminal.wait_for("▶ Common name")
    assert "*.domain.com, manage" in screen
    terminal.press("Up")
    screen = terminal.wait_for("Signed by: arrow keys choose, Enter confirms")
    looked_at(terminal, focused="A public CA")
    terminal.press("Enter")  # confirms the public CA, back in the common name
    terminal.wait_for("▶ Common name", gone="Signed by: arrow keys")
    terminal.press("C-n")
    screen = terminal.wait_for("Step 4 of 5", "▶✓ A new key (recommended)")
    looked_at(terminal, focused="A new key")
    terminal.press("Enter")  # Enter visits each group in turn
    screen = terminal.wait_for("RSA key size: arrow keys choose", "▶✓ 2048 bits")
    looked_at(terminal, focused="2048 bits")  # the arrow's row reversed, its chosen mark never cut
    assert_keys_in_footer(terminal, "Esc Back", "Ctrl+N Next", "Ctrl+G Help")
    terminal.press("C-n")
    screen = terminal.wait_for("Step 5 of 5", "Subject:", "Generate")
    looked_at(terminal, focused="Generate")
    line_with(terminal, "Generate", "Back")
    # One key for writing in the footer: G Generate, not Ctrl+N Next beside it.
    assert_keys_in_footer(terminal, "Esc Back", "G Generate", "Ctrl+G Help")
    assert "Ctrl+N" not in footer(terminal.screen(), terminal.height)
    terminal.press("C-q")  # quitting with answers: asked first
    screen = terminal.wait_for("Discard your answers?")
    looked_at(terminal, focused="Keep editing")
    terminal.press("Escape")
    terminal.wait_for("Step 5 of 5", gone="Discard your answers?")
    terminal.press("Enter")
    screen = terminal.wait_for("Wrote server.key", "Backed up server.key as", "notepad")
    looked_at(terminal, focused="Copy to clipboard")
    assert_keys_in_footer(terminal, "C Copy CSR", "M Menu", "Ctrl+G Help")
    terminal.wait_for(MORE_BELOW)  # the steps and the CSR below
    line_with(terminal, "Copy to clipboard", "Menu")
    terminal.press("m")
    terminal.wait_for("What would you like to do?")


def test_keys_typed_before_the_menu_is_up_still_reach_review(tmp_path: Path) -> None:
    """Typed at once after starting csrwizard, before it takes the terminal over: the terminal
    hands Enter over as a line feed then, and each must still act as Enter."""
    terminal = Terminal(tmp_path, 80, 24)
    try:
        terminal.burst(
            "1",  # Create, before the menu has drawn
            "IN", "Enter", "TN", "Enter", "Chennai", "Enter", "ZOHO", "Enter", "Enter",
            "www.zoho.com", "Enter", "*.domain.com, manageengine.com, ems.com, desktopcentral.com", "Enter",
            "Enter", "Enter", "Enter", "Enter", "Enter",
        )  # fmt: skip
        screen = terminal.wait_for("Step 5 of 5", "Subject:", "Generate")
        flat = " ".join(screen.split())
        assert "Subject: C = IN, ST = TN, L = Chennai, O = ZOHO, CN = www.zoho.com" in flat, screen
    finally:
        terminal.close()


def test_the_seeds_example_typed_ahead_in_one_burst_reaches_review(tmp_path: Path) -> None:
    """Over RDP or a slow ssh link the keys come in bursts: typed ahead of every Enter, each lands
    in the field it was meant for, and the Enters act in order, through every step to Review."""
    terminal = Terminal(tmp_path, 80, 24)
    try:
        terminal.wait_for("What would you like to do?", "6  Quit")
        terminal.burst(
            "Enter",  # Create
            "IN", "Enter",
            "TN", "Enter", "Chennai", "Enter", "ZOHO", "Enter", "Enter",  # the unit left empty
            "www.zoho.com", "Enter", "*.domain.com, manageengine.com, ems.com, desktopcentral.com", "Enter",
            "Enter", "Enter", "Enter", "Enter", "Enter",  # size, format, folder, key and CSR names
        )  # fmt: skip
        screen = terminal.wait_for("Step 5 of 5", "Subject:", "Generate")
        flat = " ".join(screen.split())
        assert "Subject: C = IN, ST = TN, L = Chennai, O = ZOHO, CN = www.zoho.com" in flat, screen
        assert "DNS:www.zoho.com, DNS:*.domain.com, DNS:manageengine.com, DNS:ems.com, DNS:desktopcentral.com" in flat
    finally:
        terminal.close()
