"""The search API: every view, the REST API and the listings ask here.

It prepares the query once for both engines (Polish processing, typo correction, the user's audience), asks
the configured engine and, when Elasticsearch is down, slow or erroring, answers from the database engine and
says so (`results.degraded`). A failure opens a breaker for a while; the next query after it tries
Elasticsearch again, so recovery needs nobody."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from search import vocabulary
from search.audience import tokens_for
from search.engines.base import Engine, EngineError, Suggestion
from search.engines.database import DatabaseEngine
from search.text import parse_query
from search.types import SearchQuery, SearchResults
from zitnet.core.cache_versions import VersionCounter

logger = logging.getLogger(__name__)
SUGGESTION_LIMIT = 8
SUGGESTION_CACHE_SECONDS = 300
# Bumped by every write to the index (search.engines.database): cached suggestions never outlive a change.
INDEX_VERSION = VersionCounter("search:index")


class Breaker:
    def __init__(self):
        self.open_until = 0.0
        self.tripped = False
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self) -> None:
        with self._lock:
            self.tripped = True
            self.open_until = time.monotonic() + float(settings.SEARCH.get("BREAKER_SECONDS", 30))

    def recovered(self) -> bool:
        """True once, on the first success after a failure."""
        with self._lock:
            was, self.tripped, self.open_until = self.tripped, False, 0.0
            return was


breaker = Breaker()
_database = DatabaseEngine()
_engines: dict[tuple, Engine] = {}


def database_engine() -> DatabaseEngine:
    return _database


def elasticsearch_engine() -> Engine | None:
    config = settings.SEARCH
    url = config.get("ELASTICSEARCH_URL")
    if not url:
        return None
    key = (url, config.get("INDEX_PREFIX"), config.get("TIMEOUT"), config.get("NODE_CLASS"))
    if key not in _engines:
        from search.engines.elasticsearch import ElasticsearchEngine

        node_class = config.get("NODE_CLASS")
        _engines[key] = ElasticsearchEngine(
            url,
            index_prefix=config.get("INDEX_PREFIX") or "zitnet",
            timeout=float(config.get("TIMEOUT") or 2.0),
            node_class=import_string(node_class) if isinstance(node_class, str) else node_class,
        )
    return _engines[key]


def configured_engine() -> Engine:
    return elasticsearch_engine() or _database


def _ask(method: str, *args, engine: Engine | None = None) -> tuple[object, str, bool]:
    """(answer, engine name, degraded). An explicit engine answers alone (tests, benchmarks)."""
    if engine is not None:
        return getattr(engine, method)(*args), engine.name, False
    primary = elasticsearch_engine()
    if primary is not None and not breaker.is_open():
        try:
            answer = getattr(primary, method)(*args)
        except EngineError as error:
            logger.warning("search: Elasticsearch failed (%s); answering from the database", error)
            breaker.trip()
        else:
            if breaker.recovered():
                _replay_after_recovery(primary)
            return answer, primary.name, False
    return getattr(_database, method)(*args), _database.name, primary is not None


def _replay_after_recovery(engine: Engine) -> None:
    from search.indexing import replay_outbox

    try:
        replay_outbox(engine)
    except EngineError as error:
        logger.warning("search: Elasticsearch is back but did not take the missed changes (%s)", error)
        breaker.trip()


def make_query(text: str = "", *, user=None, **options) -> SearchQuery:
    """A query for this user; options are SearchQuery fields (types, filters, geo, page …)."""
    return SearchQuery(parsed=parse_query(text), audience=tokens_for(user), **options)


def search(query: SearchQuery, *, engine: Engine | None = None) -> SearchResults:
    vocabulary.correct(query.parsed)
    results, name, degraded = _ask("search", query, engine=engine)
    if not results.total and query.match_all_words and len(query.parsed.groups) > 1:
        relaxed_query = dataclasses.replace(query, match_all_words=False)
        relaxed, name, degraded_again = _ask("search", relaxed_query, engine=engine)
        if relaxed.total:
            results, degraded = relaxed, degraded or degraded_again
            results.relaxed = True
    results.engine, results.degraded = name, degraded
    return results


def suggest(
    text: str, *, user=None, types: list[str] | None = None, limit: int = SUGGESTION_LIMIT, engine=None
) -> tuple[list[Suggestion], bool]:
    """(suggestions, degraded) for what the user has typed so far."""
    parsed = parse_query(text)
    if not parsed.prefix or len(parsed.prefix) < 2:
        return [], False
    audience, types = tokens_for(user), sorted(types or [])
    # The same prefixes come back from many people typing: answers are kept until the index next changes.
    key = None
    if engine is None:
        signature = repr((parsed.groups[:-1], parsed.prefix, sorted(audience), types, limit))
        digest = hashlib.sha1(signature.encode(), usedforsecurity=False).hexdigest()
        key = f"search:suggest:{INDEX_VERSION.current()}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            return [Suggestion(*row) for row in cached], False
    suggestions, _name, degraded = _ask("suggest", parsed, audience, types, limit, engine=engine)
    if key and not degraded:
        cache.set(key, [(s.title, s.url, s.type) for s in suggestions], SUGGESTION_CACHE_SECONDS)
    return suggestions, degraded


def object_ids(text: str, type_name: str, *, user=None, limit: int = 2000) -> list[int]:
    """Ids of the objects of one type matching the text, best first: what the listings filter on."""
    query = make_query(text, user=user, types=[type_name], page_size=limit, with_facets=False, ids_only=True)
    if query.parsed.is_empty:
        return []
    return [hit.object_id for hit in search(query).hits]


__all__ = ["Suggestion", "make_query", "search", "suggest", "object_ids", "breaker"]
