"""The create flow's order is written once (tui/create_flow.py): numbers, names and next screens."""

import pytest

from csrwizard.tui.create_flow import CREATE_FLOW, STEP_NAMES, step_class, step_number
from csrwizard.tui.screens.wizard_step import WizardStep


def test_the_step_indicator_names_the_flows_steps_in_order():
    assert STEP_NAMES == ("Country", "Organisation", "Names", "Key", "Review")


@pytest.mark.parametrize("number", range(1, len(CREATE_FLOW) + 1))
def test_each_step_knows_its_number_from_the_one_list(number):
    screen = step_class(number)
    assert issubclass(screen, WizardStep)
    assert step_number(screen) == number
    assert screen.TITLE == STEP_NAMES[number - 1]


def test_a_screen_outside_the_flow_has_no_number():
    from csrwizard.tui.screens.check_reply import CheckReplyScreen

    with pytest.raises(LookupError):
        step_number(CheckReplyScreen)
