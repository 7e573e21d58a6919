"""The create flow's steps in order, in one place: the step indicator's names, each step's
number, and which screen Enter on a step opens next. Screens are named, not imported, so the
menu's start-up loads none of them."""

from __future__ import annotations

import importlib
from typing import NamedTuple

from textual.screen import Screen


class Step(NamedTuple):
    name: str  # as the step indicator shows it
    module: str
    screen: str


CREATE_FLOW = (
    Step("Country", "csrwizard.tui.screens.country_step", "CountryStep"),
    Step("Organisation", "csrwizard.tui.screens.organisation_step", "OrganisationStep"),
    Step("Names", "csrwizard.tui.screens.names_step", "NamesStep"),
    Step("Key", "csrwizard.tui.screens.key_step", "KeyStep"),
    Step("Review", "csrwizard.tui.screens.review_step", "ReviewStep"),
)
STEP_NAMES = tuple(step.name for step in CREATE_FLOW)


def step_number(screen: type[Screen]) -> int:
    """1 for the first step."""
    for number, step in enumerate(CREATE_FLOW, start=1):
        if (screen.__module__, screen.__name__) == (step.module, step.screen):
            return number
    raise LookupError(f"{screen.__name__} is not a step of the create flow")


def step_class(number: int) -> type[Screen]:
    step = CREATE_FLOW[number - 1]
    return getattr(importlib.import_module(step.module), step.screen)


def step_screen(number: int) -> Screen:
    """A new screen for the step of this number."""
    return step_class(number)()
