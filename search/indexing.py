"""Keeping the indexes current. A change queues the keys it affects; after the commit they are indexed in
one batch: the database index always, Elasticsearch too when configured. A key Elasticsearch did not take
(down, slow) waits in SearchOutbox and is sent again when it answers."""

from __future__ import annotations

import logging
import threading

from django.db import transaction

from search import registry
from search.engines.base import EngineError

logger = logging.getLogger(__name__)
_local = threading.local()


def _pending() -> set[str]:
    if not hasattr(_local, "keys"):
        _local.keys = set()
    return _local.keys


def queue(type_name: str, ids) -> None:
    """Index these objects after the current transaction commits (right away outside one). The first
    callback to run indexes every key waiting; the others find nothing left. Keys queued in a transaction
    that rolled back are indexed with the next commit, from the data as it is then: harmless."""
    ids = list(ids)
    if not ids:
        return
    _pending().update(registry.make_key(type_name, int(i)) for i in ids)
    transaction.on_commit(flush)


def flush() -> None:
    keys = set(_pending())
    _local.keys = set()
    if keys:
        index_keys(keys)


def index_keys(keys) -> None:
    from search import api

    documents, gone = registry.documents_for_keys(keys)
    database = api.database_engine()
    with transaction.atomic():
        database.delete(gone)
        database.index(documents)
    for type_name in {registry.split_key(key)[0] for key in keys}:
        content_type = registry.get(type_name)
        if content_type and content_type.after_index:
            content_type.after_index()
    secondary = api.elasticsearch_engine()
    if secondary is None:
        return
    try:
        replay_outbox(secondary)
        secondary.delete(gone)
        secondary.index(documents)
    except EngineError as error:
        logger.warning("search: Elasticsearch missed %d changes (%s); kept for later", len(keys), error)
        remember(keys)
        api.breaker.trip()


def remember(keys) -> None:
    from search.models import SearchOutbox

    SearchOutbox.objects.bulk_create([SearchOutbox(key=k) for k in keys], ignore_conflicts=True)


def replay_outbox(engine) -> int:
    """Sends the changes Elasticsearch missed; raises EngineError if it still cannot take them."""
    from search.models import SearchOutbox

    keys = list(SearchOutbox.objects.values_list("key", flat=True)[:5000])
    if not keys:
        return 0
    documents, gone = registry.documents_for_keys(keys)
    engine.delete(gone)
    engine.index(documents)
    SearchOutbox.objects.filter(key__in=keys).delete()
    return len(keys)


def complete_database_index() -> int | None:
    """Rebuilds the database index if its counts per type differ from the content; the number of documents
    indexed, or None when it was complete."""
    from search import api

    database = api.database_engine()
    indexed = database.counts()
    if all(indexed.get(t.name, 0) == len(list(t.all_ids())) for t in registry.types()):
        return None
    return database.rebuild(registry.all_documents())
