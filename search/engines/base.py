"""What every engine does. The API (search.api) validates and prepares the query (Polish processing, typo
correction, audience) and turns engine failures into a fallback; an engine only answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from search.text import ParsedQuery
from search.types import SearchDocument, SearchQuery, SearchResults


class EngineError(Exception):
    """The engine could not answer (down, slow, refused the request). Never shown raw to a user."""


@dataclass
class Suggestion:
    title: str
    url: str
    type: str


class Engine:
    name = "base"

    def search(self, query: SearchQuery) -> SearchResults:
        """Hits for the page asked, total, facet counts (conjunctive over the matched set, except `type`
        which is counted without the type filter). Text semantics: every group of `query.parsed.groups`
        must match one of its terms (any group when `query.match_all_words` is false); title matches weigh
        more than body matches. An empty text lists by date, newest first. With `query.geo`, only documents
        within the radius, sorted by distance when `query.sort == "distance"` or the text is empty."""
        raise NotImplementedError

    def suggest(
        self, parsed: ParsedQuery, audience: frozenset[str], types: list[str], limit: int
    ) -> list[Suggestion]:
        """Titles for the search box as the user types: every complete word of `parsed` (all groups but the
        last) must match the title, and the last word `parsed.prefix` is a prefix of a title term."""
        raise NotImplementedError

    def index(self, documents: list[SearchDocument]) -> None:
        """Add or replace these documents (by key)."""
        raise NotImplementedError

    def delete(self, keys: list[str]) -> None:
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Replace the whole index with these documents; readers never see an empty or partial index."""
        raise NotImplementedError

    def counts(self) -> dict[str, int]:
        """Documents per type."""
        raise NotImplementedError

    def health(self) -> dict:
        """{"ok": bool, "detail": str}"""
        raise NotImplementedError
