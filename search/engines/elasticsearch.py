"""The Elasticsearch engine: the interface of search.engines.base over one index per content type.

Every request has a short timeout and no retries, so a slow or absent cluster costs at most `timeout` seconds
before search.api falls back to the database engine; every client error becomes EngineError.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, ScanError, bulk
from elasticsearch_dsl import A, Q, Search

from search import documents
from search.engines.base import Engine, EngineError, Suggestion
from search.highlight import snippet
from search.text import ParsedQuery
from search.types import FACETS, Hit, SearchDocument, SearchQuery, SearchResults
from zitnet.directory.filters import distance_km

MAX_WINDOW = 10_000  # index.max_result_window: from + size may not pass it
FACET_SIZE = 50
BULK_CHUNK = 500
REBUILD_CHUNK = 2000  # a few MB per request: fewer, larger requests while nobody waits for them
PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
HIGHLIGHT_RE = re.compile(r"<em>(.*?)</em>")
# Only the fields hits are built from; the processed text stays in the index.
HIT_FIELDS = ["key", "type", "object_id", "title", "url", "summary", "body", "location", "date"]
LISTING_FIELDS = [name for name in HIT_FIELDS if name != "body"]  # ids_only: no snippet to make
SUGGESTION_FIELDS = ["title", "url", "type"]
# Creating indexes, rebuilding and moving aliases are not on a page's path and may take longer than a query.
ADMIN_TIMEOUT = 60.0


class ElasticsearchEngine(Engine):
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        index_prefix: str = "zitnet",
        timeout: float = 2.0,
        node_class=None,
        refresh: bool = False,
    ):
        """`refresh`: make every write visible to search before returning (tests); otherwise writes show up
        within the cluster's refresh interval (one second by default)."""
        if not PREFIX_RE.match(index_prefix):
            raise ValueError(f"index prefix must be lower-case letters, digits and '_': {index_prefix!r}")
        self.url = _without_credentials(url)
        self.prefix = index_prefix
        self.timeout = timeout
        self.refresh = refresh
        options = {"request_timeout": timeout, "max_retries": 0, "retry_on_timeout": False}
        if node_class is not None:
            options["node_class"] = node_class
        try:
            self.client = Elasticsearch(url, **options)
        except ValueError as error:  # an unusable URL
            raise EngineError("Elasticsearch setup: unusable address") from error
        self.admin = self.client.options(request_timeout=max(timeout, ADMIN_TIMEOUT))
        self._ready: set[str] = set()  # types whose alias is known to exist

    # Names ---------------------------------------------------------------------------------------------

    def alias(self, type_name: str) -> str:
        return f"{self.prefix}-{type_name}"

    def _new_index_name(self, type_name: str) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias(type_name)}-{stamp}"

    def _first_index_name(self, type_name: str) -> str:
        # Created on the first write before any rebuild; a fixed name (timestamp 0) so that two processes
        # racing to create it end up with one index, not two behind one alias.
        return f"{self.alias(type_name)}-0"

    def _aliases(self, types: Iterable[str] = ()) -> str:
        """Every registered type's alias, and those of `types`."""
        return self._type_aliases([*documents.DOCUMENT_CLASSES, *types])

    def _type_aliases(self, types: Iterable[str]) -> str:
        # A type is a name, never an index expression (a comma or a wildcard would widen the search).
        names = [t for t in dict.fromkeys(types) if documents.TYPE_NAME_RE.match(t)]
        return ",".join(self.alias(t) for t in names)

    def _search(self, index: str) -> Search:
        # A type that has never been written has no alias yet: skip it rather than fail.
        return Search(using=self.client, index=index).params(ignore_unavailable=True, allow_no_indices=True)

    # Search ----------------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        has_text = not parsed.is_empty
        filters = [Q("terms", audience=sorted(query.audience))]
        for name, values in query.filters.items():
            if name in FACETS and values:
                filters.append(Q("terms", **{name: list(values)}))
        if query.geo:
            filters.append(
                Q(
                    "geo_distance",
                    distance=f"{query.geo.radius_km}km",
                    location={"lat": query.geo.latitude, "lon": query.geo.longitude},
                )
            )
        # Every type is searched and the type filter applied after the aggregations, so that the type counts
        # ignore it (the other facets count what is shown: they are filtered by type inside).
        search = self._search(self._aliases(query.types))
        type_filter = Q("terms", type=list(query.types)) if query.types else None
        if type_filter:
            search = search.post_filter(type_filter)

        groups = [_group_query(group) for group in parsed.groups]
        if not groups:
            text = None
        elif query.match_all_words:
            text = Q("bool", must=groups)
        else:
            text = Q("bool", should=groups, minimum_should_match=1)
        search = search.query(Q("bool", must=[text] if text else [], filter=filters))

        search = search.sort(*self._sort(query, has_text))
        start = min((query.page - 1) * query.page_size, MAX_WINDOW)
        size = max(0, min(query.page_size, MAX_WINDOW - start))
        search = search.extra(from_=start, size=size, track_total_hits=True, track_scores=True)
        search = search.source(includes=LISTING_FIELDS if query.ids_only else HIT_FIELDS)

        if has_text and not query.ids_only:
            # Highlighting of the processed text tells which terms matched; snippets come from the original.
            search = search.highlight("title_norm", number_of_fragments=0).highlight(
                "body_norm", fragment_size=120, number_of_fragments=8
            )
            search = search.highlight_options(
                pre_tags=["<em>"], post_tags=["</em>"], require_field_match=True
            )

        search.aggs.bucket("type", A("terms", field="type", size=FACET_SIZE))
        if query.with_facets:
            facets = search.aggs.bucket("facets", A("filter", type_filter or Q("match_all")))
            for name in FACETS:
                facets.bucket(name, A("terms", field=name, size=FACET_SIZE))

        with _engine_errors("search"):
            raw = search.execute().to_dict()

        use_sort_distance = self._sorts_by_distance(query, has_text)
        hits = [self._hit(item, query, use_sort_distance) for item in raw.get("hits", {}).get("hits", [])]
        total = raw.get("hits", {}).get("total", {}).get("value", 0)
        aggregations = raw.get("aggregations", {})
        counts = {"type": _buckets(aggregations.get("type"))}
        if query.with_facets and total:
            facets = aggregations.get("facets", {})
            counts.update({name: _buckets(facets.get(name)) for name in FACETS})
        return SearchResults(hits=hits, total=total, facets=counts, engine=self.name, query=query)

    @staticmethod
    def _sorts_by_distance(query: SearchQuery, has_text: bool) -> bool:
        return query.geo is not None and (query.sort == "distance" or not has_text)

    def _sort(self, query: SearchQuery, has_text: bool) -> list:
        newest = {"date": {"order": "desc", "missing": "_last"}}
        if self._sorts_by_distance(query, has_text):
            point = {"lat": query.geo.latitude, "lon": query.geo.longitude}
            order = [{"_geo_distance": {"location": point, "order": "asc", "unit": "km"}}]
            order += ["_score", newest] if has_text else [newest]
        elif query.sort == "date" or not has_text:
            order = [newest, "_score"]
        else:
            order = ["_score", newest]
        return [*order, {"key": "asc"}]

    def _hit(self, item: dict, query: SearchQuery, use_sort_distance: bool) -> Hit:
        source = item.get("_source", {})
        location = source.get("location") or {}
        latitude, longitude = location.get("lat"), location.get("lon")
        matched: set[str] = set()
        for fragments in (item.get("highlight") or {}).values():
            for fragment in fragments:
                for marked in HIGHLIGHT_RE.findall(fragment):
                    matched.update(term.lower() for term in marked.split())
        distance = None
        if query.geo and latitude is not None:
            if use_sort_distance and item.get("sort"):
                distance = float(item["sort"][0])
            else:
                distance = distance_km(query.geo.latitude, query.geo.longitude, latitude, longitude)
        text = "\n".join(part for part in (source.get("summary"), source.get("body")) if part)
        return Hit(
            key=source.get("key", item.get("_id", "")),
            type=source.get("type", ""),
            object_id=int(source.get("object_id") or 0),
            title=source.get("title", ""),
            url=source.get("url", ""),
            summary=source.get("summary", ""),
            snippet="" if query.ids_only else snippet(text, query.parsed.all_terms | matched),
            score=float(item.get("_score") or 0.0),
            distance_km=distance,
            latitude=latitude,
            longitude=longitude,
            date=_date(source.get("date")),
            matched_terms=matched,
        )

    # Suggestions -----------------------------------------------------------------------------------------

    def suggest(
        self, parsed: ParsedQuery, audience: frozenset[str], types: list[str], limit: int
    ) -> list[Suggestion]:
        if limit <= 0 or not audience or not parsed.prefix:
            return []
        complete = parsed.groups[:-1]
        index = self._type_aliases(types) if types else self._aliases()
        if complete:
            return self._suggest_by_query(index, complete, parsed.prefix, audience, limit)
        # One word being typed: the completion suggester, whose inputs are the title's word-suffixes.
        completion = {
            "field": "suggest",
            "size": limit,
            "contexts": {documents.SUGGEST_CONTEXT: sorted(audience)},
        }
        search = self._search(index).extra(size=0).source(includes=SUGGESTION_FIELDS)
        search = search.suggest("titles", parsed.prefix, completion=completion)
        with _engine_errors("suggest"):
            raw = search.execute().to_dict()
        found: dict[str, Suggestion] = {}
        for entry in raw.get("suggest", {}).get("titles", []):
            for option in entry.get("options", []):
                key = f"{option.get('_index')}/{option.get('_id')}"  # one option per document
                found.setdefault(key, _suggestion(option.get("_source", {})))
        return list(found.values())[:limit]

    def _suggest_by_query(self, index, complete, prefix, audience, limit) -> list[Suggestion]:
        """Complete words must all be in the title and the last word must start a title term: a filter
        query, newest first (the completion suggester cannot require words elsewhere in the title)."""
        conditions = [Q("terms", title_norm=list(group)) for group in complete]
        conditions += [Q("prefix", title_norm=prefix), Q("terms", audience=sorted(audience))]
        search = (
            self._search(index)
            .query(Q("bool", filter=conditions))
            .sort({"date": {"order": "desc", "missing": "_last"}}, {"key": "asc"})
            .source(includes=SUGGESTION_FIELDS)
            .extra(size=limit)
        )
        with _engine_errors("suggest"):
            raw = search.execute().to_dict()
        return [_suggestion(item.get("_source", {})) for item in raw.get("hits", {}).get("hits", [])]

    # Writing ---------------------------------------------------------------------------------------------

    def index(self, documents_: list[SearchDocument]) -> None:
        if not documents_:
            return
        by_key = {doc.key: doc for doc in documents_}  # the last version of a key wins
        types = {doc.type for doc in by_key.values()}
        for type_name in types:
            documents.document_class(type_name)  # an unregistered type is a programming error: fail early
        with _engine_errors("index"):
            for type_name in sorted(types):
                self._ensure_alias(type_name)
            try:
                # require_alias: never let a write auto-create an index without our mapping.
                self._bulk(self._index_actions(by_key.values()), require_alias=True)
            except BulkIndexError as error:
                if not all(_item_error_type(item) == "index_not_found_exception" for item in error.errors):
                    raise
                # The alias went away (indexes deleted, an in-memory cluster restarted): create it, retry once.
                self._ready.clear()
                for type_name in sorted(types):
                    self._ensure_alias(type_name)
                self._bulk(self._index_actions(by_key.values()), require_alias=True)

    def _index_actions(self, docs: Iterable[SearchDocument]) -> Iterator[dict]:
        for doc in docs:
            cls = documents.document_class(doc.type)
            yield cls.from_search_document(doc, self.alias(doc.type)).to_dict(include_meta=True)

    def _bulk(self, actions: Iterable[dict], **options) -> int:
        done, _ = bulk(
            self.client,
            actions,
            chunk_size=BULK_CHUNK,
            refresh="true" if self.refresh else "false",
            **options,
        )
        return done

    def _ensure_alias(self, type_name: str) -> None:
        if type_name in self._ready:
            return
        alias = self.alias(type_name)
        if not self.client.indices.exists_alias(name=alias):
            try:
                self.admin.indices.create(
                    index=self._first_index_name(type_name),
                    aliases={alias: {}},
                    **documents.index_body(type_name),
                )
            except ApiError as error:
                if _error_type(error) != "resource_already_exists_exception":
                    raise
        self._ready.add(type_name)

    def delete(self, keys: list[str]) -> None:
        actions = []
        for key in dict.fromkeys(keys):
            type_name = key.partition(":")[0]
            actions.append({"_op_type": "delete", "_index": self.alias(type_name), "_id": key})
        if not actions:
            return
        with _engine_errors("delete"):
            # 404: the document (or its type's index) is not there, which is what was asked.
            self._bulk(actions, ignore_status=(404,))

    def rebuild(self, documents_: Iterable[SearchDocument]) -> int:
        """Fill a new timestamped index per type, then move every alias to the new indexes in one atomic
        `_aliases` call, then drop the old indexes. Searches meanwhile answer from the old indexes.

        Writes made by other processes while the rebuild runs go to the old indexes and are not in the new
        ones: content changed during a rebuild is current again at its next change (or the next rebuild)."""
        new: dict[str, str] = {}
        old: dict[str, list[str]] = {}
        count = 0

        def create(type_name: str) -> str:
            if type_name not in new:
                name = self._new_index_name(type_name)
                self.admin.indices.create(index=name, **documents.index_body(type_name))
                new[type_name] = name
            return new[type_name]

        def actions() -> Iterator[dict]:
            nonlocal count
            for doc in documents_:
                cls = documents.document_class(doc.type)
                index = create(doc.type)
                count += 1
                yield cls.from_search_document(doc, index).to_dict(include_meta=True)

        try:
            with _engine_errors("rebuild"):
                for type_name in documents.DOCUMENT_CLASSES:
                    create(type_name)
                bulk(self.admin, actions(), chunk_size=REBUILD_CHUNK)
                self.admin.indices.refresh(index=",".join(new.values()))
                old = self._aliased_indexes(new)
                moves = [
                    {"remove": {"index": index, "alias": alias}}
                    for alias, indexes in old.items()
                    for index in indexes
                ]
                moves += [{"add": {"index": index, "alias": self.alias(t)}} for t, index in new.items()]
                self.admin.indices.update_aliases(actions=moves)
        except BaseException:
            self._drop_quietly(list(new.values()))
            raise
        self._ready.update(new)
        self._drop_quietly([index for indexes in old.values() for index in indexes])
        return count

    def _aliased_indexes(self, types: Iterable[str]) -> dict[str, list[str]]:
        """alias → the indexes it points at now."""
        found = {}
        for type_name in types:
            alias = self.alias(type_name)
            try:
                answer = self.client.indices.get_alias(name=alias)
            except NotFoundError:
                continue
            found[alias] = sorted(answer.body)
        return found

    def _drop_quietly(self, indexes: list[str]) -> None:
        # Leftovers cost disk space only; the aliases already point where they should.
        if not indexes:
            return
        try:
            self.admin.indices.delete(index=",".join(indexes), ignore_unavailable=True)
        except (ApiError, TransportError):
            pass

    def drop(self) -> None:
        """Delete every index of this prefix (tests, and starting over)."""
        pattern = re.compile(rf"^{re.escape(self.prefix)}-[a-z][a-z0-9_]*-\d+$")
        with _engine_errors("drop"):
            answer = self.admin.indices.get(
                index=f"{self.prefix}-*", ignore_unavailable=True, allow_no_indices=True
            )
            names = [name for name in answer.body if pattern.match(name)]
            if names:
                self.admin.indices.delete(index=",".join(names))
        self._ready.clear()

    # Checks ----------------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        with _engine_errors("count"):
            for type_name in documents.DOCUMENT_CLASSES:
                try:
                    out[type_name] = self.client.count(index=self.alias(type_name)).body["count"]
                except NotFoundError:
                    out[type_name] = 0
        return out

    def health(self) -> dict:
        try:
            with _engine_errors("health"):
                info = self.client.info().body
                status = self.client.cluster.health().body.get("status", "unknown")
        except EngineError as error:
            return {"ok": False, "detail": str(error)}
        version = info.get("version", {})
        product = version.get("distribution", "elasticsearch")
        return {
            "ok": status in ("green", "yellow"),
            "detail": f"{product} {version.get('number', '?')} at {self.url}, cluster {status}",
        }


def _group_query(group: tuple[str, ...]) -> Q:
    """One query word: any of its alternative terms, in the title (weighing more) or the body."""
    alternatives = [Q("multi_match", query=term, fields=["title_norm^3", "body_norm"]) for term in group]
    if len(alternatives) == 1:
        return alternatives[0]
    return Q("bool", should=alternatives, minimum_should_match=1)


def _suggestion(source: dict) -> Suggestion:
    return Suggestion(title=source.get("title", ""), url=source.get("url", ""), type=source.get("type", ""))


def _buckets(aggregation: dict | None) -> dict[str, int]:
    if not aggregation:
        return {}
    return {str(bucket["key"]): bucket["doc_count"] for bucket in aggregation.get("buckets", [])}


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _without_credentials(url: str) -> str:
    """The address as shown in health details: no user name or password."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username and not parts.password:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _error_type(error: ApiError) -> str:
    body = error.body if isinstance(error.body, dict) else {}
    detail = body.get("error")
    return detail.get("type", "") if isinstance(detail, dict) else str(error.message)


def _item_error_type(item: dict) -> str:
    """The error type of one failed bulk item ({"index": {"status": 404, "error": {...}}})."""
    for result in item.values():
        error = result.get("error") if isinstance(result, dict) else None
        if isinstance(error, dict):
            return error.get("type", "")
    return ""


@contextmanager
def _engine_errors(action: str):
    """Client and cluster failures → EngineError with a short message (the cause stays chained for logs)."""
    try:
        yield
    except BulkIndexError as error:
        raise EngineError(f"Elasticsearch {action}: {len(error.errors)} document(s) refused") from error
    except ApiError as error:
        raise EngineError(f"Elasticsearch {action}: HTTP {error.meta.status} {_error_type(error)}") from error
    except TransportError as error:
        raise EngineError(f"Elasticsearch {action}: {type(error).__name__}") from error
    except ScanError as error:
        raise EngineError(f"Elasticsearch {action}: scroll failed") from error
