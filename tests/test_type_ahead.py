"""Keys typed ahead of Enter land where the user meant them (csrwizard/tui/type_ahead.py).

A slow remote link (RDP, ssh) delivers keys in bursts: here each burst is put in the app's queue
at once (queue_keys), as the terminal hands it over, not key by key as pilot.press does.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from csrwizard.tui.screens.country_step import CountryStep
from csrwizard.tui.screens.organisation_step import OrganisationStep
from csrwizard.tui.screens.review_step import ReviewStep
from csrwizard.tui.type_ahead import TypeAhead
from tests.pilot import SIZE, after_burst, make_app, queue_keys

SEED_SANS = "*.domain.com, manageengine.com, ems.com, desktopcentral.com"


class TwoFields(Screen):
    """Enter moves to the next field; in the last one, opens the next screen unless the value is 'bad'."""

    def __init__(self, name: str, then: Screen | None = None) -> None:
        super().__init__(name=name)
        self.then = then

    def compose(self) -> ComposeResult:
        yield Input(id=f"{self.name}1")
        yield Input(id=f"{self.name}2")

    def on_mount(self) -> None:
        self.query_one(f"#{self.name}1").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id.endswith("1"):
            self.query_one(f"#{self.name}2").focus()
        elif event.value != "bad" and self.then is not None:
            self.app.push_screen(self.then)


class Form(TypeAhead, App):
    def __init__(self) -> None:
        super().__init__()
        self.second = TwoFields("b")
        self.first = TwoFields("a", then=self.second)

    def on_mount(self) -> None:
        self.push_screen(self.first)

    def values(self) -> dict[str, str]:
        screens = (self.first, self.second)
        return {field.id: field.value for screen in screens if screen.is_mounted for field in screen.query(Input)}


def keys_of(*parts: str) -> list[str]:
    """'enter' and 'backspace' as keys, anything else as the characters typed."""
    return [key for part in parts for key in ([part] if part in ("enter", "backspace") else list(part))]


@pytest.mark.parametrize(
    "burst, values",
    [
        # Into the next field of the same screen, and on into a screen still being opened.
        (("x", "enter", "y", "enter", "z", "enter", "w"), {"a1": "x", "a2": "y", "b1": "z", "b2": "w"}),
        # Enters ahead of the text act in order: empty fields stay empty.
        (("enter", "enter", "enter", "w"), {"a1": "", "a2": "", "b1": "", "b2": "w"}),
        # A refused Enter keeps the focus, and what follows goes on in the same field.
        (("x", "enter", "bad", "enter", "more"), {"a1": "x", "a2": "badmore"}),
        # Corrections typed ahead count: the Enter after them is taken.
        (
            ("x", "enter", "bad", "enter", "backspace", "backspace", "backspace", "ok", "enter", "z"),
            {"a1": "x", "a2": "ok", "b1": "z", "b2": ""},
        ),
        # Enter past the last field of the last screen goes nowhere; nothing after it is lost.
        (("1", "enter", "2", "enter", "3", "enter", "4", "enter", "5"), {"a1": "1", "a2": "2", "b1": "3", "b2": "45"}),
    ],
)
async def test_a_burst_lands_where_it_would_land_typed_slowly(burst, values):
    app = Form()
    async with app.run_test() as pilot:
        await pilot.pause()
        queue_keys(app, *keys_of(*burst))
        await after_burst(pilot)
        assert app.values() == values


async def test_a_paste_in_a_burst_waits_for_the_enter_before_it():
    app = Form()
    async with app.run_test() as pilot:
        await pilot.pause()
        queue_keys(app, *keys_of("x", "enter"))
        app.post_message(events.Paste("pasted"))
        queue_keys(app, "!")
        await after_burst(pilot)
        assert app.values() == {"a1": "x", "a2": "pasted!"}


async def test_a_line_feed_typed_before_the_terminal_went_raw_is_enter():
    # The terminal's line discipline hands Enter over as a line feed until the app takes it over.
    app = Form()
    async with app.run_test() as pilot:
        await pilot.pause()
        queue_keys(app, "x", "ctrl+j", "y", "ctrl+j", "z")
        await after_burst(pilot)
        assert app.values() == {"a1": "x", "a2": "y", "b1": "z", "b2": ""}


def seed_burst() -> list[str]:
    """The seed's example, from the menu to Review, with every Enter, as one burst."""
    return keys_of(
        "enter",  # Create, from the menu
        "IN", "enter",
        "TN", "enter", "Chennai", "enter", "ZOHO", "enter", "enter",  # OU left empty
        "www.zoho.com", "enter", SEED_SANS, "enter",
        "enter", "enter", "enter", "enter", "enter",  # Key step: size, format, folder, key, CSR names
    )  # fmt: skip


async def test_the_seeds_example_in_one_burst_reaches_the_same_review(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue_keys(app, *seed_burst())
        await after_burst(pilot)
        typed = app.draft.typed
        assert (typed.country, typed.state, typed.locality, typed.organization) == ("IN", "TN", "Chennai", "ZOHO")
        assert (typed.organizational_unit, typed.common_name, typed.sans) == ("", "www.zoho.com", SEED_SANS)
        assert isinstance(app.screen, ReviewStep)
        summary = str(app.screen.query_one("#review-summary").render())
        assert "Subject: C = IN, ST = TN, L = Chennai, O = ZOHO, CN = www.zoho.com" in summary
        assert "DNS:*.domain.com" in summary and "DNS:desktopcentral.com" in summary


async def test_an_invalid_country_in_a_burst_keeps_every_key_in_country(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Create
        queue_keys(app, *keys_of("XX", "enter", "TN", "enter", "Chennai"))
        await after_burst(pilot)
        assert isinstance(app.screen, CountryStep)
        # Every Enter refused, with its message; every key in order, none in another step's field.
        assert app.screen.query_one("#input-country", Input).value == "XXTNChennai"
        assert app.focused is app.screen.query_one("#input-country", Input)
        assert "not an ISO 3166 country" in str(app.screen.query_one(".field-message").render())
        assert (app.draft.typed.state, app.draft.typed.locality) == ("", "")


async def test_a_corrected_country_in_a_burst_goes_on_with_the_rest(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Create
        queue_keys(app, *keys_of("XX", "enter", "backspace", "backspace", "IN", "enter", "TN", "enter", "Chennai"))
        await after_burst(pilot)
        assert isinstance(app.screen, OrganisationStep)
        typed = app.draft.typed
        assert (typed.country, typed.state, typed.locality) == ("IN", "TN", "Chennai")
