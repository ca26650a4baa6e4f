"""The database engine: SQLite FTS5 or PostgreSQL full text over the processed text of SearchEntry.

Both dialects share everything but the text match and its score: filters, facet counts by aggregation, the
geographic radius (an equirectangular distance, exact enough within Poland, then the great-circle distance for
display), pagination and hydration from the same row."""

from __future__ import annotations

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
BATCH = 500
ENTRY = SearchEntry._meta.db_table
FACET = SearchFacet._meta.db_table
HIT_COLUMNS = (
    "e.id, e.key, e.type, e.object_id, e.title, e.url, e.summary, e.body, e.latitude, e.longitude, e.date"
)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


class _Dialect:
    """How one database matches and scores text."""

    vendor = ""

    def match(self, groups: list[tuple[str, ...]], all_words: bool) -> tuple[str, str, str, list]:
        """(FROM fragment joined to e, WHERE fragment, score expression, params)."""
        raise NotImplementedError

    def title_prefix(self, complete: list[tuple[str, ...]], prefix: str) -> tuple[str, str, list]:
        raise NotImplementedError


class _SQLite(_Dialect):
    vendor = "sqlite"

    @staticmethod
    def _group(group: tuple[str, ...], column: str = "") -> str:
        scope = f"{column}: " if column else ""
        return "(" + " OR ".join(f'{scope}"{term}"' for term in group) + ")"

    def match(self, groups, all_words):
        joiner = " AND " if all_words else " OR "
        expression = joiner.join(self._group(g) for g in groups)
        return (
            f"JOIN (SELECT rowid AS rid, bm25(search_fts, {TITLE_WEIGHT}, 1.0) AS score FROM search_fts "
            f"WHERE search_fts MATCH %s) m ON m.rid = e.id",
            "",
            "-m.score",
            [expression],
        )

    def title_prefix(self, complete, prefix):
        parts = [self._group(g, "title_norm") for g in complete]
        parts.append(f'title_norm: "{prefix}" *')
        return (
            "JOIN (SELECT rowid AS rid, bm25(search_fts, 1.0, 0.0) AS score FROM search_fts "
            "WHERE search_fts MATCH %s) m ON m.rid = e.id",
            "m.score",
            [" AND ".join(parts)],
        )


class _PostgreSQL(_Dialect):
    vendor = "postgresql"

    @staticmethod
    def _group(group: tuple[str, ...], suffix: str = "") -> str:
        return "(" + " | ".join(f"'{term}'{suffix}" for term in group) + ")"

    def match(self, groups, all_words):
        joiner = " & " if all_words else " | "
        expression = joiner.join(self._group(g) for g in groups)
        return (
            "CROSS JOIN to_tsquery('simple', %s) q",
            "e.search_vector @@ q",
            "ts_rank(e.search_vector, q)",
            [expression],
        )

    def title_prefix(self, complete, prefix):
        parts = [self._group(g, ":A") for g in complete]
        parts.append(f"'{prefix}':*A")
        return (
            "CROSS JOIN to_tsquery('simple', %s) q",
            "-ts_rank(e.search_vector, q)",
            [" & ".join(parts)],
        )


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
        for name, values in sorted(query.filters.items()):
            if not values:
                continue
            where.append(
                f"EXISTS (SELECT 1 FROM {FACET} f WHERE f.entry_id = e.id AND f.name = %s "
                f"AND f.value IN ({_placeholders(values)}))"
            )
            params.extend([name, *values])
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
        join, score, text_params = "", "0", []
        if not query.parsed.is_empty:
            join, text_where, score, text_params = self.dialect.match(
                query.parsed.groups, query.match_all_words
            )
            if text_where:
                where.insert(0, text_where)
        sql = f"FROM {ENTRY} e {join} WHERE " + " AND ".join(where)
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
            facets: dict[str, dict[str, int]] = {}
            type_counts = self._type_counts(cursor, query)
            total = (
                sum(type_counts.get(t, 0) for t in query.types) if query.types else sum(type_counts.values())
            )
            facets["type"] = type_counts
            if query.with_facets and total:
                facets.update(self._facet_counts(cursor, matched, params))
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
                    snippet="" if query.ids_only else snippet(body or summary, terms),
                    score=float(rank or 0),
                    distance_km=distance,
                    latitude=lat,
                    longitude=lon,
                    date=date,
                )
            )
        return SearchResults(hits=hits, total=total, facets=facets, engine=self.name, query=query)

    def _type_counts(self, cursor, query: SearchQuery) -> dict[str, int]:
        matched, params, _ = self._matched(query, with_types=False)
        cursor.execute(f"SELECT e.type, COUNT(*) {matched} GROUP BY e.type", params)
        return dict(cursor.fetchall())

    def _facet_counts(self, cursor, matched: str, params: list) -> dict[str, dict[str, int]]:
        cursor.execute(
            f"SELECT f.name, f.value, COUNT(*) FROM {FACET} f WHERE f.entry_id IN (SELECT e.id {matched}) "
            f"GROUP BY f.name, f.value",
            params,
        )
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for name, value, count in cursor.fetchall():
            if name in counts:
                counts[name][value] = count
        return counts

    def suggest(self, parsed: ParsedQuery, audience, types, limit) -> list[Suggestion]:
        if not parsed.prefix:
            return []
        complete = parsed.groups[:-1] if parsed.groups else []
        join, score, params = self.dialect.title_prefix(complete, parsed.prefix)
        where = ["e.audience IN (" + _placeholders(audience) + ")"]
        params = [*params, *sorted(audience)]
        if types:
            where.append(f"e.type IN ({_placeholders(types)})")
            params.extend(types)
        if self.dialect.vendor == "postgresql":
            where.insert(0, "e.search_vector @@ q")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url, e.type FROM {ENTRY} e {join} WHERE {' AND '.join(where)} "
                f"ORDER BY {score}, e.date IS NULL, e.date DESC LIMIT %s",
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

    def _insert(self, documents: list[SearchDocument]) -> None:
        from search.text import index_text

        entries, terms = [], set()
        for doc in documents:
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
