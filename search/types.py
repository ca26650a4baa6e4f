"""Plain data passed between the search API, the content providers and the engines."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from search.text import ParsedQuery

PUBLIC = "public"
MEMBERS = "members"

# Facets every engine counts and filters on (the type is a column, not a facet row).
FACETS = ("thematic_area", "tag", "voivodeship", "organisation_kind", "programme", "principle", "year")
PAGE_SIZE = 20
MAX_PAGE = 500
MAX_RADIUS_KM = 1000


@dataclass
class SearchDocument:
    """What a content provider hands to the engines for one object."""

    key: str
    type: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    body: str = ""
    audience: str = PUBLIC  # one token; a user finds it if their tokens include it (search.audience)
    facets: dict[str, list[str]] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    date: datetime.date | None = None

    def facet_rows(self):
        for name, values in self.facets.items():
            for value in dict.fromkeys(str(v)[:120] for v in values if v not in (None, "")):
                yield name, value


@dataclass
class GeoFilter:
    latitude: float
    longitude: float
    radius_km: float


@dataclass
class SearchQuery:
    """A validated query: the engines trust every field."""

    parsed: ParsedQuery
    types: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    geo: GeoFilter | None = None
    audience: frozenset[str] = frozenset({PUBLIC})
    page: int = 1
    page_size: int = PAGE_SIZE
    match_all_words: bool = True
    with_facets: bool = True
    ids_only: bool = False  # listings only need the order of object ids: no snippets
    sort: str = "relevance"  # relevance | date | distance (geo) ; an empty text query sorts by date


@dataclass
class Hit:
    key: str
    type: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    snippet: str = ""  # safe HTML with <mark>
    score: float = 0.0
    distance_km: float | None = None
    latitude: float | None = None
    longitude: float | None = None
    date: datetime.date | None = None
    matched_terms: set[str] = field(default_factory=set)  # engine-reported matches (highlighting)


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # name → value → count; "type" included
    engine: str = "database"
    degraded: bool = False  # the configured engine failed, these results come from the database
    relaxed: bool = False  # no document had every word; these have some of them
    query: SearchQuery | None = None

    @property
    def pages(self) -> int:
        if not self.query:
            return 1
        return max(1, -(-self.total // self.query.page_size))
