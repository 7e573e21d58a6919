"""Completion for the State field: the country's subdivisions, in the script being typed."""

from __future__ import annotations

from textual.suggester import Suggester


class StateSuggester(Suggester):
    """Typed in ASCII, "Tam" completes to "Tamil Nadu", the spelling the field's hint and its
    warning recommend; typed with accents, to ISO 3166-2's own "Tamil Nādu"."""

    def __init__(self, country_code: str) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.country_code = country_code

    async def get_suggestion(self, value: str) -> str | None:
        from csrwizard.request.country import suggest_subdivision

        suggestion = suggest_subdivision(self.country_code, value)
        # The completion keeps what was typed as typed, and adds the rest of the name.
        return value + suggestion[len(value) :] if suggestion else None
