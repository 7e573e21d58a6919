"""Check the CA's reply: pick the files, see the checks as a checklist, then package for upload."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from csrwizard.shown_text import shown
from csrwizard.tui.widgets.form_field import FormField
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar

VERDICT_STYLES = {"pass": "green", "warn": "yellow", "fail": "bold red"}


class CheckReplyScreen(Screen):
    TITLE = "Check the CA's reply"
    HELP = (
        "Certificate: what the CA sent (.crt, .cer, .pem, .p7b, DER or PEM). Chain files: the CA's "
        "intermediate certificate(s), separated by spaces; leave empty if the certificate file holds them.\n\n"
        "Key and CSR: the files made for this order. NAT address: the name or IP set in Endpoint "
        "Central, which the certificate must cover.\n\n"
        "Ctrl+O browses for the field you are in. When nothing fails: Ctrl+R (or F5) writes server.crt and "
        "intermediate.crt in order; Ctrl+B (or F6) builds a .pfx. When an intermediate is missing, "
        "Ctrl+F (or F7) fetches it "
        "from the address the certificate names (HTTP)."
    )
    BINDINGS = [
        Binding("escape", "back", "Back", show=False),  # the Back button says it; the footer must fit 60 columns
        Binding("ctrl+o", "browse", "Browse"),
        # Ctrl+letters the Inputs here do not use for editing, and the function keys as well.
        Binding("ctrl+r", "write_files", "Write"),
        Binding("ctrl+b", "build_pfx", ".pfx"),
        Binding("ctrl+f", "fetch", "Fetch"),
        Binding("f5", "write_files", "Write .crt", show=False),
        Binding("f6", "build_pfx", "Build .pfx", show=False),
        Binding("f7", "fetch", "Fetch", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report = None  # the engine's ReplyReport; replaced whole, only on the event loop
        self.result_text = Text()

    def compose(self) -> ComposeResult:
        from csrwizard.reply.loading import ReplyFiles

        # The same defaults as `csrwizard check`: server.crt, and server.key / server.csr when there.
        defaults = ReplyFiles.in_folder(self.app.folder)
        from csrwizard.reply.loading import reply_in_folder

        as_text = lambda path: str(path) if path else ""  # noqa: E731
        # Start from what is in the folder: the newest file holding a server certificate, and the
        # chain written beside it by an earlier check (or the CA's bundle).
        found = reply_in_folder(self.app.folder)
        certificate = found.certificate or defaults.certificate
        others = ", ".join(shown(path.name, None) for path in found.others[:5])
        chain = " ".join(str(path) for path in found.chain)
        yield TitleBar()
        with VerticalScroll(classes="step-body", can_focus=False):
            yield FormField(
                "certificate",
                "Certificate",
                f"The newest here; also here: {others}. Ctrl+O picks."
                if others
                else "The CA's certificate, any format.",
                value=as_text(certificate),
            )
            yield FormField("chain", "Chain files", "Intermediates, space-separated; may be empty.", value=chain)
            yield FormField("key_file", "Key", "The private key made for this order.", value=as_text(defaults.key))
            yield FormField("csr_file", "CSR", "The CSR sent to the CA.", value=as_text(defaults.csr))
            yield FormField("host", "NAT address", "Name or IP set in Endpoint Central, e.g. ec.example.com")
            with Horizontal(classes="buttons"):
                yield Button("Check", id="check", variant="primary", compact=True)
                yield Button("Write .crt", id="write", compact=True, disabled=True)
                yield Button("Build .pfx", id="pfx", compact=True, disabled=True)
                yield Button("Fetch", id="fetch", compact=True, disabled=True)
                yield Button("Back", id="back", compact=True)
            yield Static("", id="check-results")
        yield StableFooter()

    def on_mount(self) -> None:
        self.query_one("#input-certificate", Input).focus()

    def field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def path_or_none(self, name: str) -> Path | None:
        text = self.field(name).value.strip()
        return Path(text) if text else None

    def certificate_path(self) -> Path:
        from csrwizard.names import CERT_NAME

        return self.path_or_none("certificate") or self.app.folder / CERT_NAME

    def check_time(self):
        # The app's clock is local time; the checks compare in UTC.
        return self.app.now().astimezone(timezone.utc)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "check": self.action_check,
            "write": self.action_write_files,
            "pfx": self.action_build_pfx,
            "fetch": self.action_fetch,
            "back": self.action_back,
        }
        actions[event.button.id]()

    def action_back(self) -> None:
        self.app.back_to_menu()

    def action_browse(self) -> None:
        from csrwizard.tui.screens.file_picker import FilePickerScreen

        focused = self.focused if isinstance(self.focused, Input) else self.query_one("#input-certificate", Input)
        if focused.id == "input-host":
            return
        start = Path(focused.value.split()[-1]).parent if focused.value.strip() else self.app.folder

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            focused.value = f"{focused.value} {path}".strip() if focused.id == "input-chain" else str(path)
            focused.focus()

        self.app.push_screen(FilePickerScreen(start), chosen)

    def action_check(self) -> None:
        from csrwizard.reply.loading import ReplyFiles

        files = ReplyFiles(
            certificate=self.certificate_path(),
            chain=[Path(p) for p in self.field("chain").value.split()],
            key=self.path_or_none("key_file"),
            csr=self.path_or_none("csr_file"),
        )
        self.query_one("#check-results", Static).update("Checking...")
        self.run_check(files, self.field("host").value.strip())

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def run_check(self, files, host: str) -> None:
        from csrwizard.problems import CsrWizardError, InputRefused
        from csrwizard.reply.loading import load_reply
        from csrwizard.reply.operations import check_reply

        try:
            report = check_reply(load_reply(files, host), self.check_time())
        except InputRefused as refusal:
            self.app.call_from_thread(self.show_refusal, refusal.problems)
            return
        except CsrWizardError as error:
            self.app.call_from_thread(self.show_text, Text(f"✗ {error}", style="bold red"))
            return
        self.app.call_from_thread(self.show_report, report)

    def show_refusal(self, problems) -> None:
        for form_field in self.query(FormField):
            form_field.show([p for p in problems if p.field == form_field.field_name])
        self.show_text(Text("✗ Fix the files marked above.", style="bold red"))

    def show_text(self, text: Text) -> None:
        self.report = None
        self.result_text = text
        self.query_one("#check-results", Static).update(text)
        self.query_one("#write", Button).disabled = True
        self.query_one("#pfx", Button).disabled = True
        self.query_one("#fetch", Button).disabled = True

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Offered in the footer only when it can be done: a short footer fits 60 columns.
        report = self.report
        if action in ("write_files", "build_pfx"):
            return report is not None and not report.failed
        if action == "fetch":
            return report is not None and report.missing_issuer_url is not None
        return True

    def show_report(self, report) -> None:
        for form_field in self.query(FormField):
            form_field.show([])
        self.report = report
        text = Text()
        for result in report.results:
            text.append(f"{result.symbol} {result.name}: ", style=VERDICT_STYLES[result.verdict])
            text.append(f"{shown(result.reason, None)}\n")
        text.append(
            "Nothing failed: ready to package for upload."
            if not report.failed
            else "Something failed: fix it before uploading.",
            style="bold",
        )
        self.result_text = text
        results = self.query_one("#check-results", Static)
        results.update(text)
        self.call_after_refresh(results.scroll_visible, animate=False)
        self.query_one("#write", Button).disabled = report.failed
        self.query_one("#pfx", Button).disabled = not report.can_build_pfx
        self.query_one("#fetch", Button).disabled = report.missing_issuer_url is None
        self.refresh_bindings()  # the footer offers only what can be done now
        for cert in report.fetched:
            self.append_line(f"✓ Fetched {cert.subject.rfc4514_string()} from {report.fetched_from}")
        if report.fetch_problem:
            self.append_line(f"✗ {report.fetch_problem}")

    def issuer_url(self) -> str | None:
        return self.report.missing_issuer_url if self.report is not None else None

    def action_fetch(self) -> None:
        url = self.issuer_url()
        if url is None:
            self.notify("No intermediate is missing, or the certificate names no address for it.")
            return
        self.append_line(f"Fetching {url}...")
        self.fetch(self.report)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def fetch(self, report) -> None:
        from csrwizard.reply.fetch import fetch_issuer
        from csrwizard.reply.operations import check_reply

        # The engine returns a new report; this screen's state changes only in show_report.
        fetched = check_reply(report.inputs, self.check_time(), fetch=fetch_issuer)
        self.app.call_from_thread(self.show_report, fetched)

    def ready(self) -> bool:
        if self.report is None or self.report.failed:
            self.notify("Check first; package only when nothing fails.", severity="warning")
            return False
        return True

    def action_write_files(self) -> None:
        if self.ready():
            # Widgets are read here, on the event loop; the worker gets plain values.
            self.write_certificate_files(self.report, self.certificate_path().parent)

    @work(thread=True, exclusive=True, group="package", exit_on_error=False)
    def write_certificate_files(self, report, folder: Path) -> None:
        from csrwizard.problems import CsrWizardError
        from csrwizard.reply.operations import write_reply_files

        try:
            outcome = write_reply_files(report, folder, now=self.app.now)
        except CsrWizardError as error:
            self.app.call_from_thread(self.append_line, f"✗ {error}")
            return
        self.app.call_from_thread(self.append_outcome, outcome)

    def action_build_pfx(self) -> None:
        from csrwizard.tui.screens.pfx_dialog import PfxDialog

        if not self.ready():
            return
        if not self.report.can_build_pfx:
            self.notify("A .pfx needs the private key: fill in Key.", severity="warning")
            return
        report, folder = self.report, self.certificate_path().parent

        def chosen(choice) -> None:
            if choice is not None:
                self.build_pfx(report, choice, folder)

        self.app.push_screen(PfxDialog(), chosen)

    @work(thread=True, exclusive=True, group="package", exit_on_error=False)
    def build_pfx(self, report, choice, folder: Path) -> None:
        from csrwizard.problems import CsrWizardError
        from csrwizard.reply.operations import build_pfx

        try:
            result = build_pfx(
                report, choice.password, folder / choice.file_name, legacy=choice.legacy, now=self.app.now
            )
        except CsrWizardError as error:
            self.app.call_from_thread(self.append_line, f"✗ {error}")
            return
        self.app.call_from_thread(self.append_outcome, result.outcome)

    def append_outcome(self, outcome) -> None:
        from csrwizard.reply.upload_steps import upload_steps

        for note in outcome.notes:  # what a stopped run left, put right first
            self.append_line(note)
        for original, backup in outcome.backups:
            self.append_line(f"  backup of {original.name}: {backup.name}")
        self.append_line("✓ Wrote " + ", ".join(p.name for p in outcome.written))
        if self.report is not None:
            # What is left is Endpoint Central's part: the upload, the restart, then the probe.
            steps = upload_steps(self.report.inputs.host, len(self.report.chain.intermediates))
            self.append_line("Next steps:")
            for number, step in enumerate(steps, start=1):
                self.append_line(f"  {number}. {step}")

    def append_line(self, line: str) -> None:
        self.result_text.append(f"\n{shown(line, None)}")
        self.query_one("#check-results", Static).update(self.result_text)
        body = self.query_one(".step-body", VerticalScroll)
        self.call_after_refresh(body.scroll_end, animate=False)
