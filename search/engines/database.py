"""The database engine: SQLite FTS5 or PostgreSQL full text over the processed text of SearchEntry.

Both dialects share everything but the text match and its score: filters, facet counts by aggregation, the
geographic radius (an equirectangular distance, exact enough within Poland, then the great-circle distance for
display), pagination and hydration from the same row."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from itertools import islice

from django.db import connection, transaction

from search.engines.base import Engine, Suggestion
from search.highlight import snippet
from search.models import SearchEntry, SearchFacet, SearchTerm
from search.text import ParsedQuery
from search.types import FACETS, Hit, SearchDocument, SearchQuery, SearchResults
from zitnet.directory.filters import distance_km

KM_PER_DEGREE = 111.195
TITLE_WEIGHT = 8.0
SCORED_SUGGESTIONS = 2000
SUGGESTION_CANDIDATES = 500  # unscored matches looked at when there are more than SCORED_SUGGESTIONS
BATCH = 500
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacet._meta.db_table
HIT_COLUMNS = (
    "e.id, e.key, e.type, e.object_id, e.title, e.url, e.summary, e.body, e.latitude, e.longitude, e.date"
)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def facet_token(name: str, value: str) -> str:
    """The index token of a facet value: letters and digits only, never a word of the text."""
    return "zf" + hashlib.sha1(f"{name}\x1f{value}".encode(), usedforsecurity=False).hexdigest()[:16]


class _Dialect:
    """How one database matches and scores text. `groups`: alternatives per query word (all words required,
    or any when relaxed); `facets`: alternatives per facet (every facet required), matched as index tokens."""

    vendor = ""
    ordered_join = "JOIN"  # a join whose left side the planner must loop over first

    def match(self, groups, all_words: bool, facets) -> tuple[str, str, str, list]:
        """(FROM clause ending with the entry table as e, WHERE fragment, score expression (higher is
        better; 0 without text), params of the FROM and WHERE fragments)."""
        raise NotImplementedError

    def title_prefix(self, complete, prefix: str) -> tuple[str, str, str, list]:
        raise NotImplementedError


class _SQLite(_Dialect):
    """The FTS5 table drives the join (CROSS JOIN fixes SQLite's loop order): matches first, then rows."""

    vendor = "sqlite"
    ordered_join = "CROSS JOIN"  # SQLite keeps the written order of a CROSS JOIN
    source = f"search_fts CROSS JOIN {ENTRY} e ON e.id = search_fts.rowid"

    @staticmethod
    def _group(group: tuple[str, ...], column: str = "") -> str:
        scope = f"{column}: " if column else ""
        return "(" + " OR ".join(f'{scope}"{term}"' for term in group) + ")"

    def match(self, groups, all_words, facets):
        parts = []
        if groups:
            joiner = " AND " if all_words else " OR "
            parts.append("(" + joiner.join(self._group(g, "{title_norm body_norm}") for g in groups) + ")")
        parts.extend(self._group(tokens, "facets_norm") for tokens in facets)
        score = f"-bm25(search_fts, {TITLE_WEIGHT}, 1.0, 0.0)" if groups else "0"
        return self.source, "search_fts MATCH %s", score, [" AND ".join(parts)]

    def title_prefix(self, complete, prefix):
        parts = [self._group(g, "title_norm") for g in complete]
        parts.append(f'title_norm: "{prefix}" *')
        return self.source, "search_fts MATCH %s", "-bm25(search_fts, 1.0, 0.0, 0.0)", [" AND ".join(parts)]


class _PostgreSQL(_Dialect):
    vendor = "postgresql"
    source = f"{ENTRY} e CROSS JOIN to_tsquery('simple', %s) q"
    # ts_rank weights {D, C, B, A}: facet tokens (D) never count, the title (A) most.
    rank = "ts_rank('{0, 0.1, 0.4, 1.0}', e.search_vector, q)"

    @staticmethod
    def _group(group: tuple[str, ...], suffix: str = "") -> str:
        return "(" + " | ".join(f"'{term}'{suffix}" for term in group) + ")"

    def match(self, groups, all_words, facets):
        parts = []
        if groups:
            joiner = " & " if all_words else " | "
            parts.append("(" + joiner.join(self._group(g, ":AB") for g in groups) + ")")
        parts.extend(self._group(tokens, ":D") for tokens in facets)
        return self.source, "e.search_vector @@ q", self.rank if groups else "0", [" & ".join(parts)]

    def title_prefix(self, complete, prefix):
        parts = [self._group(g) for g in complete]
        parts.append(f"'{prefix}':*")
        source = f"{ENTRY} e CROSS JOIN to_tsquery('simple', %s) q"
        return source, "e.title_vector @@ q", "ts_rank(e.title_vector, q)", [" & ".join(parts)]


def _changed() -> None:
    from search.api import INDEX_VERSION

    INDEX_VERSION.bump()


DIALECTS = {"sqlite": _SQLite(), "postgresql": _PostgreSQL()}


class DatabaseEngine(Engine):
    name = "database"

    @property
    def dialect(self) -> _Dialect:
        return DIALECTS[connection.vendor]

    # --- reading ---------------------------------------------------------------------------------

    def _filters(self, query: SearchQuery, *, with_types: bool = True) -> tuple[list[str], list]:
        where, params = ["e.audience IN (" + _placeholders(query.audience) + ")"], sorted(query.audience)
        if with_types and query.types:
            where.append(f"e.type IN ({_placeholders(query.types)})")
            params.extend(query.types)
        if query.geo:
            geo = query.geo
            scale = math.cos(math.radians(geo.latitude))
            degrees = geo.radius_km / KM_PER_DEGREE
            where.append("e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s")
            params.extend(
                [
                    geo.latitude - degrees,
                    geo.latitude + degrees,
                    geo.longitude - degrees / max(scale, 0.01),
                    geo.longitude + degrees / max(scale, 0.01),
                ]
            )
            where.append(f"{self._planar(geo)} <= %s")
            params.append(degrees * degrees)
        return where, params

    @staticmethod
    def _planar(geo) -> str:
        scale = math.cos(math.radians(geo.latitude))
        lat, lon = float(geo.latitude), float(geo.longitude)
        dy = f"(e.latitude - {lat!r})"
        dx = f"((e.longitude - {lon!r}) * {scale!r})"
        return f"({dy} * {dy} + {dx} * {dx})"

    def _matched(self, query: SearchQuery, *, with_types: bool = True) -> tuple[str, list, str]:
        """FROM … WHERE … of the matched set, its params and the score expression."""
        where, params = self._filters(query, with_types=with_types)
        source, score, text_params = f"{ENTRY} e", "0", []
        facets = [
            tuple(facet_token(name, value) for value in values)
            for name, values in sorted(query.filters.items())
            if values
        ]
        if not query.parsed.is_empty or facets:
            source, text_where, score, text_params = self.dialect.match(
                query.parsed.groups, query.match_all_words, facets
            )
            where.insert(0, text_where)
        sql = f"FROM {source} WHERE " + " AND ".join(where)
        return sql, text_params + params, score

    def search(self, query: SearchQuery) -> SearchResults:
        matched, params, score = self._matched(query)
        if query.geo and (query.sort == "distance" or query.parsed.is_empty):
            order = f"{self._planar(query.geo)}, e.id"
        elif query.parsed.is_empty or query.sort == "date":
            order = "e.date IS NULL, e.date DESC, e.id DESC"
        else:
            order = f"{score} DESC, e.date IS NULL, e.date DESC, e.id DESC"
        offset = (query.page - 1) * query.page_size
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {HIT_COLUMNS}, {score} {matched} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, query.page_size, offset],
            )
            rows = cursor.fetchall()
            facets = self._counts(cursor, query)
        type_counts = facets["type"]
        total = sum(type_counts.get(t, 0) for t in query.types) if query.types else sum(type_counts.values())
        terms = query.parsed.all_terms
        hits = []
        for row in rows:
            _id, key, type_, object_id, title, url, summary, body, lat, lon, date, rank = row
            distance = None
            if query.geo and lat is not None and lon is not None:
                distance = distance_km(query.geo.latitude, query.geo.longitude, lat, lon)
            hits.append(
                Hit(
                    key=key,
                    type=type_,
                    object_id=object_id,
                    title=title,
                    url=url,
                    summary=summary,
                    snippet=""
                    if query.ids_only
                    else snippet("\n".join(p for p in (summary, body) if p), terms),
                    score=float(rank or 0),
                    distance_km=distance,
                    latitude=lat,
                    longitude=lon,
                    date=date,
                )
            )
        return SearchResults(hits=hits, total=total, facets=facets, engine=self.name, query=query)

    def _counts(self, cursor, query: SearchQuery) -> dict[str, dict[str, int]]:
        """Type counts (without the type filter) and facet counts (with it) in one statement over the
        matched set, which the database evaluates once (a materialised common table expression)."""
        matched, params, _ = self._matched(query, with_types=False)
        sql = f"WITH m AS MATERIALIZED (SELECT e.id AS id, e.type AS type {matched}) "
        sql += "SELECT '', m.type, COUNT(*) FROM m GROUP BY m.type"
        if query.with_facets:
            sql += (
                f" UNION ALL SELECT f.name, f.value, COUNT(*) FROM m {self.dialect.ordered_join} {FACET} f "
                "ON f.entry_id = m.id"
            )
            if query.types:
                sql += f" WHERE m.type IN ({_placeholders(query.types)})"
                params = [*params, *query.types]
            sql += " GROUP BY f.name, f.value"
        cursor.execute(sql, params)
        counts: dict[str, dict[str, int]] = {"type": {}, **{name: {} for name in FACETS}}
        for name, value, count in cursor.fetchall():
            key = name or "type"
            if key in counts:
                counts[key][value] = count
        return counts

    def suggest(self, parsed: ParsedQuery, audience, types, limit) -> list[Suggestion]:
        if not parsed.prefix:
            return []
        complete = parsed.groups[:-1] if parsed.groups else []
        source, text_where, score, params = self.dialect.title_prefix(complete, parsed.prefix)
        where = [text_where, "e.audience IN (" + _placeholders(audience) + ")"]
        params = [*params, *sorted(audience)]
        if types:
            where.append(f"e.type IN ({_placeholders(types)})")
            params.extend(types)
        with connection.cursor() as cursor:
            if self.dialect.vendor == "postgresql":
                # The title-only GIN index gives the candidates; at most a few thousand of them are scored.
                cursor.execute(
                    f"SELECT c.title, c.url, c.type FROM (SELECT e.title, e.url, e.type, e.date, {score} AS s "
                    f"FROM {source} WHERE {' AND '.join(where)} LIMIT {SCORED_SUGGESTIONS}) c "
                    "ORDER BY c.s DESC, c.date IS NULL, c.date DESC LIMIT %s",
                    [*params, limit],
                )
                return [Suggestion(title=t, url=u, type=ty) for t, u, ty in cursor.fetchall()]
            # A prefix of two or three letters can match most titles: scoring them all costs more than the
            # suggestion is worth, so past a few thousand the most recently indexed come first (FTS5 walks
            # its matches in that order without sorting them; the filters apply to those).
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {text_where} LIMIT {SCORED_SUGGESTIONS + 1}) n",
                params[:1],
            )
            if cursor.fetchone()[0] <= SCORED_SUGGESTIONS:
                order = f"{score} DESC, e.date IS NULL, e.date DESC"
            else:
                source = (
                    f"(SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC "
                    f"LIMIT {SUGGESTION_CANDIDATES}) m CROSS JOIN {ENTRY} e ON e.id = m.rid"
                )
                where[0], order = "1 = 1", "m.rid DESC"
            cursor.execute(
                f"SELECT e.title, e.url, e.type FROM {source} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT %s",
                [*params, limit],
            )
            return [Suggestion(title=t, url=u, type=ty) for t, u, ty in cursor.fetchall()]

    # --- writing ---------------------------------------------------------------------------------

    def index(self, documents: list[SearchDocument]) -> None:
        if not documents:
            return
        with transaction.atomic():
            SearchEntry.objects.filter(key__in=[d.key for d in documents]).delete()
            self._insert(documents)
        _changed()

    def _insert(self, documents: list[SearchDocument]) -> None:
        from search.text import index_text

        entries, terms = [], set()
        for doc in documents:
            facet_rows = list(doc.facet_rows())
            title_norm = index_text(doc.title)
            body_norm = index_text(f"{doc.summary}\n{doc.body}")
            terms.update(title_norm.split())
            terms.update(body_norm.split())
            entries.append(
                SearchEntry(
                    key=doc.key,
                    type=doc.type,
                    object_id=doc.object_id,
                    title=doc.title[:300],
                    url=doc.url[:500],
                    summary=doc.summary,
                    body=doc.body,
                    title_norm=title_norm,
                    body_norm=body_norm,
                    facets_norm=" ".join(facet_token(name, value) for name, value in facet_rows),
                    latitude=doc.latitude,
                    longitude=doc.longitude,
                    date=doc.date,
                    audience=doc.audience,
                )
            )
        created = SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
        if connection.features.can_return_rows_from_bulk_insert:
            by_key = {entry.key: entry.pk for entry in created}
        else:
            by_key = dict(
                SearchEntry.objects.filter(key__in=[d.key for d in documents]).values_list("key", "pk")
            )
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(entry_id=by_key[doc.key], name=name, value=value)
                for doc in documents
                for name, value in doc.facet_rows()
            ],
            batch_size=BATCH * 4,
        )
        new_terms = [SearchTerm(term=t) for t in terms if 2 < len(t) <= 40]
        if new_terms:
            SearchTerm.objects.bulk_create(new_terms, batch_size=BATCH * 4, ignore_conflicts=True)
            from search.vocabulary import vocabulary_changed

            vocabulary_changed()

    def delete(self, keys: list[str]) -> None:
        if keys:
            SearchEntry.objects.filter(key__in=keys).delete()
            _changed()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """In one transaction: readers see the old index until the commit, then the new one."""
        count = 0
        iterator = iter(documents)
        with transaction.atomic():
            SearchFacet.objects.all().delete()
            SearchEntry.objects.all().delete()
            SearchTerm.objects.all().delete()
            while batch := list(islice(iterator, BATCH * 4)):
                self._insert(batch)
                count += len(batch)
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        with connection.cursor() as cursor:
            # Fresh statistics, or the planner may walk a small index and test every row's text vector.
            cursor.execute(f"ANALYZE {ENTRY}")
            cursor.execute(f"ANALYZE {FACET}")
        _changed()
        return count

    def counts(self) -> dict[str, int]:
        from django.db.models import Count

        return dict(SearchEntry.objects.values_list("type").annotate(n=Count("id")).values_list("type", "n"))

    def health(self) -> dict:
        try:
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 0)")
                else:
                    cursor.execute(f"SELECT count(*) FROM {ENTRY} WHERE search_vector IS NULL")
                    missing = cursor.fetchone()[0]
                    if missing:
                        return {"ok": False, "detail": f"{missing} entries without a text vector"}
        except Exception as error:  # noqa: BLE001 — reported, never raised
            return {"ok": False, "detail": str(error)[:200]}
        return {"ok": True, "detail": connection.vendor}
