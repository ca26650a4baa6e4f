"""Elasticsearch documents: one elasticsearch-dsl class per content type, all sharing one explicit mapping.

The text fields hold terms already processed in Python by search.text (lemmatised, folded), so that both
engines see the same terms; Elasticsearch only splits them on whitespace and must not stem or fold again.
The original title, summary and body are kept in the source, unindexed, for display and snippets.

Each content type lives in its own index `<prefix>-<type>-<timestamp>`, reached through the alias
`<prefix>-<type>` (a rebuild fills a new index, then moves the alias). Apps that add content types later
(forum posts, challenges) call `register("post")`, or subclass `SearchableDocument` with a `type_name`.
"""

from __future__ import annotations

import re

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    GeoPoint,
    Index,
    Keyword,
    Long,
    MetaField,
    Text,
    analyzer,
)

from search.text import index_text
from search.types import FACETS, SearchDocument

# Terms are already processed: split on whitespace, lower-case (a no-op safety net), nothing else.
TERMS_ANALYZER = analyzer("zitnet_terms", tokenizer="whitespace", filter=["lowercase"])

SUGGEST_CONTEXT = "audience"
MAX_SUGGEST_INPUTS = 24  # word-suffixes of the title fed to the completion field
TYPE_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

DOCUMENT_CLASSES: dict[str, type[SearchableDocument]] = {}


class SearchableDocument(Document):
    """The shared mapping. A subclass per content type sets `type_name` and is registered on definition."""

    type_name = ""  # not annotated: elasticsearch-dsl would take an annotation for a field

    key = Keyword()
    type = Keyword()
    object_id = Long()
    title = Text(index=False)
    title_norm = Text(analyzer=TERMS_ANALYZER)
    body_norm = Text(analyzer=TERMS_ANALYZER)
    summary = Text(index=False)
    body = Text(index=False)
    url = Keyword(index=False)
    audience = Keyword()
    # The facets (search.types.FACETS), each a list of values.
    thematic_area = Keyword(multi=True)
    tag = Keyword(multi=True)
    voivodeship = Keyword(multi=True)
    organisation_kind = Keyword(multi=True)
    programme = Keyword(multi=True)
    principle = Keyword(multi=True)
    year = Keyword(multi=True)
    location = GeoPoint()
    date = Date()
    suggest = Completion(analyzer=TERMS_ANALYZER, contexts=[{"name": SUGGEST_CONTEXT, "type": "category"}])

    class Meta:
        dynamic = MetaField("strict")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.type_name:
            _add(cls.type_name, cls)

    @classmethod
    def from_search_document(cls, doc: SearchDocument, index: str) -> SearchableDocument:
        """The Elasticsearch document for `doc`, to be written to `index` (an alias or a concrete index)."""
        title_norm = index_text(doc.title)
        fields = {
            "key": doc.key,
            "type": doc.type,
            "object_id": doc.object_id,
            "title": doc.title,
            "title_norm": title_norm,
            "body_norm": index_text(f"{doc.summary}\n{doc.body}"),
            "summary": doc.summary,
            "body": doc.body,
            "url": doc.url,
            "audience": doc.audience,
            "date": doc.date,
        }
        facets: dict[str, list[str]] = {}
        for name, value in doc.facet_rows():
            if name in FACETS:
                facets.setdefault(name, []).append(value)
        fields.update(facets)
        if _valid_position(doc.latitude, doc.longitude):
            fields["location"] = {"lat": doc.latitude, "lon": doc.longitude}
        inputs = suggest_inputs(title_norm)
        if inputs:
            fields["suggest"] = {"input": inputs, "contexts": {SUGGEST_CONTEXT: [doc.audience]}}
        return cls(meta={"id": doc.key, "index": index}, **fields)


def suggest_inputs(title_norm: str) -> list[str]:
    """The title's terms and their word-suffixes, so that a prefix of any title word finds the title:
    'edukacja wlaczac gmina' → ['edukacja wlaczac gmina', 'wlaczac gmina', 'gmina']."""
    terms = title_norm.split()
    return list(dict.fromkeys(" ".join(terms[i:]) for i in range(min(len(terms), MAX_SUGGEST_INPUTS))))


def _valid_position(latitude: float | None, longitude: float | None) -> bool:
    if latitude is None or longitude is None:
        return False
    return -90 <= latitude <= 90 and -180 <= longitude <= 180


def _add(type_name: str, cls: type[SearchableDocument]) -> None:
    if not TYPE_NAME_RE.match(type_name):
        raise ValueError(f"search type names are lower-case identifiers: {type_name!r}")
    DOCUMENT_CLASSES[type_name] = cls


def register(type_name: str, cls: type[SearchableDocument] | None = None) -> type[SearchableDocument]:
    """Make a content type searchable in Elasticsearch, with the shared mapping unless `cls` is given."""
    if cls is None:
        existing = DOCUMENT_CLASSES.get(type_name)
        if existing is not None:
            return existing
        class_name = "".join(part.title() for part in type_name.split("_")) + "Document"
        return type(class_name, (SearchableDocument,), {"type_name": type_name, "__module__": __name__})
    cls.type_name = type_name
    _add(type_name, cls)
    return cls


def document_class(type_name: str) -> type[SearchableDocument]:
    try:
        return DOCUMENT_CLASSES[type_name]
    except KeyError:
        raise KeyError(
            f"search type {type_name!r} has no Elasticsearch document class (documents.register)"
        ) from None


def index_body(type_name: str) -> dict:
    """Settings (the terms analyzer) and explicit mappings of a new index for this content type."""
    index = Index("unused")
    index.document(document_class(type_name))
    return index.to_dict()


class PracticeDocument(SearchableDocument):
    """A good practice (knowledge base)."""

    type_name = "practice"


class HandbookDocument(SearchableDocument):
    """A section (chapter) of a handbook."""

    type_name = "handbook"


class ReportDocument(SearchableDocument):
    """A report or study."""

    type_name = "report"


class OrganisationDocument(SearchableDocument):
    """A member organisation from the directory."""

    type_name = "organisation"


class ServiceDocument(SearchableDocument):
    """A service offered in the directory."""

    type_name = "service"
