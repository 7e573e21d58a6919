"""The first screen: what to do, and which files are already in the working folder."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from csrwizard.menu_words import MENU_WORDS, numbered, renew_words
from csrwizard.names import CSR_NAME, KEY_NAME, RENEWAL_SOURCES
from csrwizard.tui.widgets.menu_list import MenuItem, MenuList
from csrwizard.tui.widgets.title_bar import TitleBar


class MenuScreen(Screen):
    TITLE = "Menu"
    HELP = (
        "1 Create a new key and CSR: answer a few questions; csrwizard checks each answer the way a CA "
        "does, shows a review, then writes server.key and server.csr (backing up old ones).\n\n"
        "2 Renew: the same, starting from the details of the existing server.csr (or, without one, "
        "of server.crt).\n\n"
        "3 Decrypt a key: remove the passphrase from an encrypted key so the server can load it.\n\n"
        "4 Check the CA's reply: when the certificate comes back, check it against the key, the CSR and "
        "the NAT address, put the chain in order and build the .pfx for upload.\n\n"
        "5 Inspect a file: see what a CSR, certificate, key, .p7b or .pfx holds.\n\n"
        "Keys: arrow keys and Enter, or the number shown before each item (the same numbers as the "
        "line-by-line menu; the letters C, R, D, K, I and Q work too). Ctrl+Q (or Ctrl+C) quits "
        "anywhere, asking first if answers would be lost."
    )
    # Each item's number is shown in the list itself ("1  Create a new key and CSR"), where a caller
    # reads it, rather than in a footer too long for 60 columns. Numbers, as the line-by-line menu
    # has them, because "press C for check" started Create; the letters stay as aliases.
    BINDINGS = [
        Binding("1,c", "pick('create')", "Create", show=False),
        Binding("2,r", "pick('renew')", "Renew", show=False),
        Binding("3,d", "pick('decrypt')", "Decrypt", show=False),
        Binding("4,k", "pick('check')", "Check", show=False),
        Binding("5,i", "pick('inspect')", "Inspect", show=False),
        Binding("6,q", "pick('quit')", "Quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("What would you like to do?", id="menu-title")
        yield MenuList(id="menu")

    def on_mount(self) -> None:
        self.show_items()  # Renew says what it renews from once the folder is read
        self.query_one(MenuList).focus()
        self.call_after_refresh(self.after_first_paint)

    async def after_first_paint(self) -> None:
        """The footer and the folder's files, drawn a frame after the menu: the folder's model and
        Textual's Footer are the first screen's two largest imports, and the question is what the
        user reads first. Nothing moves when they come: the footer is docked below, the files
        listed under the menu."""
        from csrwizard.tui.widgets.folder_listing import FolderListing
        from csrwizard.tui.widgets.stable_footer import StableFooter

        await self.mount(FolderListing(id="existing-files"), StableFooter())
        self.refresh_files()  # and the footer's keys, now that it is there to show them

    def existing(self) -> dict[str, datetime]:
        from csrwizard.pki.folder import read_folder

        # The engine's folder model, as every face lists a folder: names and dates, nothing opened.
        found = {}
        for path in read_folder(self.app.folder).listing():
            try:
                found[path.name] = datetime.fromtimestamp(path.stat().st_mtime)
            except OSError:  # gone since it was listed
                continue
        return found

    def refresh_files(self) -> None:
        from csrwizard.tui.widgets.folder_listing import FolderListing

        existing = self.existing()
        # Renew keeps its number 2 even with nothing to renew from, as in the line-by-line menu:
        # "press 2" means the same on every screen and in every face.
        source = self.renewal_source(existing)
        self.show_items(renew=renew_words(source))
        listing = self.query_one("#existing-files", FolderListing)
        if existing:
            width = max(len(name) for name in existing)
            rows = [f"  {name:<{width}}  {when:%Y-%m-%d %H:%M}" for name, when in existing.items()]
            listing.show("Already in this folder:", rows, "Anything replaced is backed up first: nothing is lost.")
        else:
            listing.show("", [], f"No {KEY_NAME} or {CSR_NAME} in this folder yet.")
        self.refresh_bindings()

    def show_items(self, renew: str = MENU_WORDS["renew"]) -> None:
        """The six items in both menus' words and numbers (menu_words.py); Renew's names its file
        once the folder has been read."""
        words = {**MENU_WORDS, "renew": renew}
        items = [MenuItem(action, numbered(number, words[action])) for number, action in enumerate(words, start=1)]
        self.query_one(MenuList).set_items(items)

    @staticmethod
    def renewal_source(existing: dict[str, datetime]) -> str | None:
        """The file Renew starts from, by the engine's rule (request.prefill.renewal_source), read
        from the listing already made rather than from the disk again."""
        return next((name for name in RENEWAL_SOURCES if name in existing), None)

    def on_menu_list_picked(self, event: MenuList.Picked) -> None:
        self.action_pick(event.item.id)

    def action_pick(self, choice: str) -> None:
        if choice == "create":
            self.app.start_create()
        elif choice == "renew":
            self.renew()  # with nothing to renew from, the engine's message says why
        elif choice == "decrypt":
            self.app.start_decrypt()
        elif choice == "check":
            from csrwizard.tui.screens.check_reply import CheckReplyScreen

            self.app.push_screen(CheckReplyScreen())
        elif choice == "inspect":
            from csrwizard.tui.screens.inspect import InspectScreen

            self.app.push_screen(InspectScreen())
        elif choice == "quit":
            self.app.exit()

    def renew(self) -> None:
        from csrwizard.problems import CsrWizardError
        from csrwizard.request.prefill import plan_renewal

        try:
            renewal = plan_renewal(self.app.folder)
        except CsrWizardError as error:
            self.notify(str(error), severity="error")
            return
        self.app.start_create(renewal.typed, renewal.heading)
