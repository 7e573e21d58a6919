"""The live list of names the certificate will cover: each entry, its type, and its verdict."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from csrwizard.pki.hostnames import SanList


class SanPreview(Static):
    def show(self, san_list: SanList, cautions: bool = True) -> None:
        """`cautions=False` for an internal CA, which minds none of what a public CA refuses."""
        table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
        table.add_column("Name", ratio=3, overflow="fold")
        table.add_column("Type", width=8)
        table.add_column("Note", ratio=4, overflow="fold")
        for entry in san_list.entries:
            if entry.error:
                table.add_row(Text(entry.typed), "✗", Text(entry.error, style="bold red"))
                continue
            host = entry.host
            if entry.is_common_name:
                note = "the CN, added first automatically"
            elif entry.duplicate:
                note = "duplicate: listed once"
            else:
                note = ""
            if host.cautions and cautions:
                # The engine's caution as the whole sentence that names the entry.
                note = "; ".join(filter(None, [note, f"! {host.warnings[0]}"]))
            table.add_row(Text(host.value), host.kind_label, Text(note))
        if not san_list.entries:
            table.add_row("(type the common name above)", "", "")
        self.update(table)
