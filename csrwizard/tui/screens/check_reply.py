"""Check the CA's reply: pick the files, see the checks as a checklist, then package for upload."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from csrwizard.outcome_lines import (
    check_lines,
    fetch_lines,
    next_steps_lines,
    outcome_lines,
    pfx_lines,
    probe_lines,
    reply_plan_lines,
)
from csrwizard.shown_text import shown
from csrwizard.tui.engine_worker import hand_back
from csrwizard.tui.outcome_text import styled_lines, verdict_text
from csrwizard.tui.widgets.form_field import FieldsByName, FormField
from csrwizard.tui.widgets.more_below import MoreBelow
from csrwizard.tui.widgets.stable_footer import StableFooter
from csrwizard.tui.widgets.title_bar import TitleBar

PROBE_HELP = "Server to probe, host:port; empty: the NAT address (else the certificate's name), port 8383."
FILE_FIELDS = ("input-certificate", "input-chain", "input-key_file", "input-csr_file")


class CheckReplyScreen(FieldsByName, Screen):
    TITLE = "Check the CA's reply"
    HELP = (
        "Certificate: what the CA sent (.crt, .cer, .pem, .p7b, DER or PEM). Chain files: the CA's "
        "intermediate certificate(s), separated by spaces; leave empty if the certificate file holds them.\n\n"
        "Key and CSR: the files made for this order. NAT address: the name or IP set in Endpoint "
        "Central, which the certificate must cover.\n\n"
        "Check: Enter in any field, Ctrl+L (or F4) or the Check button checks the files. Ctrl+O browses "
        "for the field you are in. When nothing fails: Ctrl+R (or F5) writes server.crt and "
        "intermediate.crt in order; F6 (or Ctrl+B) builds a .pfx. When an intermediate is missing, "
        "Ctrl+F (or F7) fetches it from the address the certificate names (HTTP).\n\n"
        "Probe: after the upload and the restart, Ctrl+P (or F8) connects to the server (the NAT "
        "address, else the certificate's name, port 8383, unless you type another) and checks what it really serves."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        # Ctrl+letters the Inputs here do not use for editing, and the function keys as well. The
        # footer shows each action's first key: F6 for the .pfx, because Ctrl+B is the prefix key of
        # tmux (and Ctrl+A of screen), which an admin on a remote session may be running in.
        Binding("ctrl+l", "check", "Check"),
        Binding("ctrl+o", "browse", "Browse"),
        Binding("ctrl+r", "write_files", "Write"),
        Binding("f6", "build_pfx", ".pfx"),
        Binding("ctrl+f", "fetch", "Fetch"),
        Binding("ctrl+p", "probe", "Probe"),
        Binding("f4", "check", "Check", show=False),
        Binding("f5", "write_files", "Write .crt", show=False),
        Binding("ctrl+b", "build_pfx", "Build .pfx", show=False),
        Binding("f7", "fetch", "Fetch", show=False),
        Binding("f8", "probe", "Probe", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]
    # Said in help beside the bindings: the keys that need no binding of this screen's own.
    OTHER_KEYS = (
        ("Enter", "in a field: check; in Probe: probe"),
        ("Page Down / Up", "scroll to the results and back"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.report = None  # the engine's ReplyReport; replaced whole, only on the event loop
        self.checklist = Text()  # the checks' verdicts, or why there are none
        self.done_lines: list[Text] = []  # what was done since: written, built, fetched, probed
        self.steps: list[str] = []  # what is left to do, shown once, after everything else

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
            yield FormField(
                "chain", "Chain files", "Intermediates, space-separated; may be empty. Ctrl+O adds one.", value=chain
            )
            yield FormField("key_file", "Key", "The private key made for this order.", value=as_text(defaults.key))
            yield FormField("csr_file", "CSR", "The CSR sent to the CA.", value=as_text(defaults.csr))
            yield FormField("host", "NAT address", "Name or IP set in Endpoint Central, e.g. ec.example.com")
            yield FormField("probe", "Probe", PROBE_HELP)
            yield Static("Enter in any field (or Ctrl+L) checks the files.", classes="step-hint", id="check-hint")
            # Two short rows, so that every button shows at 60 columns: checking, then packaging.
            with Horizontal(classes="buttons"):
                yield Button("Check", id="check", variant="primary", compact=True)
                yield Button("Probe", id="probe", compact=True)
                yield Button("Back", id="back", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Write .crt", id="write", compact=True)
                yield Button("Build .pfx", id="pfx", compact=True)
                yield Button("Fetch", id="fetch", compact=True)
            yield Static("", id="check-results")
        yield MoreBelow(".step-body")
        yield StableFooter()

    def on_mount(self) -> None:
        self.query_one("#input-certificate", Input).focus()

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
        if event.input.id == "input-probe":
            self.action_probe()
        else:
            self.action_check()

    def on_descendant_focus(self, event) -> None:
        self.refresh_bindings()  # Browse is offered in the file fields only, Probe in its own

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "input-host":
            self.say_probe_target()  # the NAT address is whom an empty Probe connects to

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.back_to_menu()

    def action_browse(self) -> None:
        from csrwizard.tui.screens.file_picker import FilePickerScreen

        focused = self.focused if isinstance(self.focused, Input) else self.query_one("#input-certificate", Input)
        if focused.id not in FILE_FIELDS:
            return
        start = Path(focused.value.split()[-1]).parent if focused.value.strip() else self.app.folder

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            focused.value = f"{focused.value} {path}".strip() if focused.id == "input-chain" else str(path)
            focused.focus()

        self.app.push_screen(FilePickerScreen(start), chosen)

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        from csrwizard.reply.loading import ReplyFiles

        files = ReplyFiles(
            certificate=self.certificate_path(),
            chain=[Path(p) for p in self.field("chain").value.split()],
            key=self.path_or_none("key_file"),
            csr=self.path_or_none("csr_file"),
        )
        self.report = None
        self.checklist, self.done_lines, self.steps = Text("Checking..."), [], []
        self.show_results()
        self.refresh_bindings()
        self.run_check(files, self.field("host").value.strip())

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def run_check(self, files, host: str) -> None:
        from csrwizard.reply.loading import load_reply
        from csrwizard.reply.operations import check_reply

        def checked():
            return check_reply(load_reply(files, host), self.check_time())

        hand_back(self.app, checked, self.show_report, self.show_check_failure)

    def show_check_failure(self, error) -> None:
        from csrwizard.problems import InputRefused

        if isinstance(error, InputRefused):
            self.show_refusal(error.problems)
        else:
            self.show_text(verdict_text("fail", str(error)))

    def show_refusal(self, problems) -> None:
        for form_field in self.query(FormField):
            form_field.show([p for p in problems if p.field == form_field.field_name])
        self.show_text(verdict_text("fail", "Fix the files marked above."))

    def show_text(self, text: Text) -> None:
        self.report = None
        self.checklist, self.done_lines, self.steps = text, [], []
        self.show_results()
        self.refresh_bindings()

    def offers(self, action: str) -> bool:
        """What the footer shows: only what can be done now, so that it fits 60 columns. The keys
        still work otherwise, to say why they cannot be done."""
        report = self.report
        packaging = report is not None and not report.failed
        if action in ("write_files", "build_pfx"):
            return packaging
        if action == "fetch":
            return report is not None and report.missing_issuer_url is not None
        focused = getattr(self.focused, "id", None)
        if action == "browse":
            # In a file field, until the results' keys take its room (the fields' help names Ctrl+O).
            return focused in FILE_FIELDS and report is None
        if action == "check":
            # Once it passed, Write and .pfx take its room; Enter in a field checks again, as the screen says.
            return not packaging
        if action == "probe":
            # The last step, after the upload: offered once the files pass, or in the Probe field.
            return packaging or focused == "input-probe"
        return True

    def show_report(self, report) -> None:
        for form_field in self.query(FormField):
            form_field.show([])
        self.report = report
        # The engine's checklist, worded as the command line words it.
        text = styled_lines(check_lines(report.results))
        text.append("\n")
        if report.failed:
            summary = "Something failed: fix it before uploading."
        elif report.inputs.renewal is not None:
            summary = "Nothing failed in the certificate in force; its renewal waits for the CA: nothing new to upload."
        else:
            summary = "Nothing failed: ready to package for upload (Ctrl+R writes, F6 builds a .pfx)."
        text.append(summary, style="bold")
        if not report.failed:
            # What Write would write and back up, shown before it is pressed.
            from csrwizard.reply.operations import pfx_plan, plan_reply_files

            plan = plan_reply_files(report, self.app.folder)
            lines = reply_plan_lines(plan, self.app.now(), self.app.folder)
            # And what F6 would package, before its password is asked (during a renewal, which key).
            lines += [pfx_plan(report)] if report.can_build_pfx else []
            text.append("\n").append_text(styled_lines(lines))
        self.checklist, self.done_lines, self.steps = text, [], []
        self.done_lines += [styled_lines([line]) for line in fetch_lines(report)]
        self.say_probe_target()
        self.show_results()
        results = self.query_one("#check-results", Static)
        self.call_after_refresh(results.scroll_visible, animate=False)
        self.refresh_bindings()  # the footer offers only what can be done now

    def default_probe_target(self) -> str | None:
        """Whom Probe connects to when its field is empty: the engine's rule (the NAT address, else
        the certificate's name), at port 8383. Said under the field, never typed into it for the admin."""
        from csrwizard.names import HTTPS_PORT
        from csrwizard.reply.upload_steps import default_probe_host

        leaf = self.report.chain.leaf if self.report is not None else None
        name = default_probe_host(self.field("host").value.strip() or None, leaf)
        return f"{name}:{HTTPS_PORT}" if name else None

    def say_probe_target(self) -> None:
        target = self.default_probe_target()
        self.field("probe").set_help(
            f"Server to probe, host:port; empty: {shown(target, None)}." if target else PROBE_HELP
        )

    def show_results(self) -> None:
        """The checklist, then what was done since, then the steps left: each once."""
        text = self.checklist.copy()
        for line in self.done_lines:
            text.append("\n")
            text.append_text(line)
        if self.steps:
            text.append("\n").append_text(styled_lines(next_steps_lines(self.steps)))
        self.query_one("#check-results", Static).update(text)

    def issuer_url(self) -> str | None:
        return self.report.missing_issuer_url if self.report is not None else None

    @on(Button.Pressed, "#fetch")
    def action_fetch(self) -> None:
        url = self.issuer_url()
        if url is None:
            self.refuse(
                "Check first: Fetch is for a missing intermediate whose address the certificate names."
                if self.report is None
                else "Nothing to fetch: no intermediate is missing, or the certificate names no address for it."
            )
            return
        self.append_line(Text(f"Fetching {shown(url, None)}..."))
        self.fetch(self.report)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def fetch(self, report) -> None:
        from csrwizard.reply.fetch import fetch_issuer
        from csrwizard.reply.operations import check_reply

        # The engine returns a new report; this screen's state changes only in show_report.
        def fetched():
            return check_reply(report.inputs, self.check_time(), fetch=fetch_issuer)

        hand_back(self.app, fetched, self.show_report, self.show_failure)

    def show_failure(self, error, what: str = "") -> None:
        self.append_line(verdict_text("fail", f"{what}{error}"))

    def ready(self, what: str) -> bool:
        """Whether the checked reply may be packaged; if not, says why, in the results and aloud."""
        if self.report is None:
            self.refuse(f"{what}: check the files first (Enter in any field, or Ctrl+L).")
            return False
        failed = [result.name for result in self.report.results if result.verdict == "fail"]
        if failed:
            self.refuse(
                f"{what}: not done, because {', '.join(failed)} failed (see above). Fix that, then check again."
            )
            return False
        return True

    def refuse(self, message: str) -> None:
        """An action that cannot be done now: said in its own words, not as a failed check (PASS
        and FAIL are the checks' words), and shown for a moment where the eye is."""
        self.append_line(Text(message, style="bold"))
        self.notify(message, severity="warning")

    @on(Button.Pressed, "#write")
    def action_write_files(self) -> None:
        if self.ready("Write .crt"):
            from csrwizard.reply.operations import plan_reply_files

            # The plan shown under the checks: into the working folder, as `check --write` writes.
            self.write_certificate_files(plan_reply_files(self.report, self.app.folder), self.app.folder)

    @work(thread=True, exclusive=True, group="package", exit_on_error=False)
    def write_certificate_files(self, plan, folder: Path) -> None:
        from csrwizard.reply.operations import write_reply_files

        def written():
            return outcome_lines(write_reply_files(plan, now=self.app.now), folder=folder)

        hand_back(self.app, written, self.append_outcome, self.show_failure)

    @on(Button.Pressed, "#pfx")
    def action_build_pfx(self) -> None:
        from csrwizard.tui.screens.pfx_dialog import PfxDialog

        if not self.ready("Build .pfx"):
            return
        if not self.report.can_build_pfx:
            self.refuse("Build .pfx: a .pfx needs the private key: fill in Key, then check again.")
            return
        report, folder = self.report, self.app.folder  # where `csrwizard pfx` writes too

        def chosen(choice) -> None:
            if choice is not None:
                self.build_pfx(report, choice, folder)

        self.app.push_screen(PfxDialog(), chosen)

    @work(thread=True, exclusive=True, group="package", exit_on_error=False)
    def build_pfx(self, report, choice, folder: Path) -> None:
        from csrwizard.reply.operations import build_pfx

        def built():
            target = folder / choice.file_name
            return pfx_lines(build_pfx(report, choice.password, target, legacy=choice.legacy, now=self.app.now), folder)

        hand_back(self.app, built, self.append_outcome, self.show_failure)

    def append_outcome(self, lines: list[str]) -> None:
        """What a write did, in the engine's words, then what is left to do."""
        from csrwizard.reply.upload_steps import upload_steps

        self.done_lines += [styled_lines([line]) for line in lines]
        if self.report is not None:
            # What is left is Endpoint Central's part: the upload, the restart, then the probe;
            # said once, after the last thing done, in the names of this screen's actions.
            self.steps = upload_steps(
                self.probe_target_shown(),
                len(self.report.chain.intermediates),
                in_wizard=True,
                renewal=self.report.inputs.renewal,
            )
        self.show_results()
        self.scroll_to_end()

    def probe_target_shown(self) -> str | None:
        typed = self.field("probe").value.strip() or self.default_probe_target()
        return typed.rsplit(":", 1)[0] if typed else None

    def append_line(self, line: Text) -> None:
        self.done_lines.append(line)
        self.show_results()
        self.scroll_to_end()

    def scroll_to_end(self) -> None:
        body = self.query_one(".step-body", VerticalScroll)
        self.call_after_refresh(body.scroll_end, animate=False)

    @on(Button.Pressed, "#probe")
    def action_probe(self) -> None:
        """Connect to the server and check what it serves, in a worker (it may take seconds)."""
        from csrwizard.problems import CsrWizardError
        from csrwizard.reply.probe import parse_target

        typed = self.field("probe").value.strip() or self.default_probe_target()
        if not typed:
            self.refuse("Probe: type the server's name in Probe (or check first: the certificate's name is used).")
            return
        try:
            host, port = parse_target(typed)
        except CsrWizardError as error:
            self.refuse(f"Probe: {error}")
            return
        roots = (self.report.inputs.given_roots, self.report.inputs.trusted_roots) if self.report else None
        self.append_line(Text(f"Probing {shown(host, None)}:{port}..."))
        # The names are judged for the NAT address when one is given (the server may be probed by its IP).
        name = self.field("host").value.strip() or None
        self.run_probe(host, port, name, self.app.folder, roots)

    @work(thread=True, exclusive=True, group="probe", exit_on_error=False)
    def run_probe(self, host: str, port: int, name: str | None, folder: Path, roots) -> None:
        from csrwizard.pki.chain import system_trusted_roots
        from csrwizard.reply.probe import probe

        def served():
            given, trusted = roots if roots is not None else ([], system_trusted_roots())
            return probe(host, port, folder, self.check_time(), name=name, given_roots=given, trusted_roots=trusted)

        hand_back(self.app, served, self.show_probe, lambda error: self.show_failure(error, "Probe: "))

    def show_probe(self, report) -> None:
        lines = [styled_lines(probe_lines(report))]
        lines.append(
            Text(
                "The server serves the new certificate." if not report.failed else "Something failed on the server.",
                style="bold",
            )
        )
        self.done_lines.extend(lines)
        self.show_results()
        self.scroll_to_end()
