"""The menu's items, worded once for both menus (the wizard's and the line-by-line one) and
numbered alike, 1 to 6, so that "press 4, Check the CA's reply" is true in either."""

from __future__ import annotations

from csrwizard.names import CSR_NAME

MENU_WORDS = {
    "create": "Create a new key and CSR",
    "renew": "Renew",  # with the file it starts from, once the folder is read: renew_words
    "decrypt": "Decrypt a key, or unpack a .pfx",
    "check": "Check the CA's reply, and build the .pfx",
    "inspect": "Inspect a file (CSR, certificate, key, .pfx)",
    "quit": "Quit",
}


def renew_words(source: str | None) -> str:
    """Renew's item: the file a renewal starts from, or what it needs when there is none."""
    return f"Renew from {source}" if source else f"Renew (needs {CSR_NAME} or a certificate)"


def numbered(number: int, words: str) -> str:
    """An item as both menus show it: its number, two spaces, its words."""
    return f"{number}  {words}"
