"""csrwizard's exit codes, defined once: scripts, cron and Task Scheduler read them."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1  # something failed: a check, a disk, or an answer that left nothing written
    REFUSED = 2  # bad input: every problem listed, each naming its field
    RENEW_SOON = 3  # --warn-days: nothing failed, and it is time to renew
