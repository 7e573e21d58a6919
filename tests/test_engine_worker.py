"""Every worker hands the engine's answer back through one helper, which turns any failure into
words on the screen: a worker never ends in silence with the screen still waiting."""

import errno

from csrwizard.problems import CsrWizardError, InputRefused, Problem
from csrwizard.tui.engine_worker import failure_of, hand_back
from tests.pilot import SIZE, make_app, settle
from tests.scenes import checked, with_ca_reply


class SameThreadApp:
    """Stands in for the app: calls what the worker hands back, at once."""

    def call_from_thread(self, callback, *args):
        return callback(*args)


def handed_back(call):
    seen = []
    hand_back(SameThreadApp(), call, lambda result: seen.append(("done", result)),
              lambda error: seen.append(("failed", error)))  # fmt: skip
    return seen


def test_a_result_goes_to_done():
    assert handed_back(lambda: 42) == [("done", 42)]


def test_the_engines_refusal_goes_to_failed_as_it_is():
    refusal = InputRefused([Problem("host", "not covered")])

    def refuse():
        raise refusal

    assert handed_back(refuse) == [("failed", refusal)]


def test_an_os_error_is_said_with_its_reason_and_file():
    def deny():
        raise PermissionError(errno.EACCES, "Permission denied", "C:/EC/server.crt")

    [(kind, error)] = handed_back(deny)
    assert kind == "failed" and str(error) == "Permission denied: C:/EC/server.crt"


def test_a_fault_of_csrwizard_itself_is_said_too():
    error = failure_of(KeyError("chain"))
    assert isinstance(error, CsrWizardError)
    assert "unexpected fault (KeyError" in str(error) and "nothing more was done" in str(error)


async def test_a_write_the_disk_refuses_is_shown_on_the_check_screen(tmp_path, monkeypatch):
    """Before, only the engine's own errors were caught: an OSError left the screen as it was."""
    from csrwizard.reply import operations

    def refused_by_disk(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "intermediate.crt"))

    monkeypatch.setattr(operations, "write_reply_files", refused_by_disk)
    with_ca_reply(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await pilot.press("f5")
        await settle(pilot)
        results = str(app.screen.query_one("#check-results").render())
        assert "✗ FAIL Permission denied: " in results and "intermediate.crt" in results
