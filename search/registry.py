"""Content types the search knows. Each app registers a provider: how to turn its objects into
SearchDocuments and which of them may be found at all. Later apps (forum, peer review) register theirs the
same way, in their AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise

from search.types import SearchDocument


@dataclass
class ContentType:
    name: str  # "practice"; the key prefix and the facet value of `type`
    label: str | Promise  # singular, shown on each hit
    label_plural: str | Promise  # shown in the type facet
    documents: Callable[[list[int]], list[SearchDocument]]  # only the findable ones among these ids
    all_ids: Callable[[], Iterable[int]]  # every id that should be findable
    position: int = 0
    # Called after its documents were indexed: listings cached with text-search results start a new version.
    after_index: Callable[[], None] | None = None


_types: dict[str, ContentType] = {}


def register(content_type: ContentType) -> None:
    _types[content_type.name] = content_type
    from search import documents

    documents.register(content_type.name)  # its Elasticsearch document class, with the shared mapping


def types() -> list[ContentType]:
    return sorted(_types.values(), key=lambda t: (t.position, t.name))


def get(name: str) -> ContentType | None:
    return _types.get(name)


def names() -> list[str]:
    return [t.name for t in types()]


def make_key(type_name: str, object_id: int) -> str:
    return f"{type_name}:{object_id}"


def split_key(key: str) -> tuple[str, int]:
    type_name, _, object_id = key.partition(":")
    return type_name, int(object_id)


def documents_for_keys(keys: Iterable[str]) -> tuple[list[SearchDocument], list[str]]:
    """(documents to index, keys to delete: objects gone or no longer findable)."""
    by_type: dict[str, list[int]] = {}
    for key in keys:
        type_name, object_id = split_key(key)
        by_type.setdefault(type_name, []).append(object_id)
    documents, gone = [], []
    for type_name, ids in by_type.items():
        content_type = get(type_name)
        with translation.override("pl"):  # indexed text and facet values in one language, whoever saved
            found = content_type.documents(ids) if content_type else []
        documents.extend(found)
        present = {d.object_id for d in found}
        gone.extend(make_key(type_name, i) for i in ids if i not in present)
    return documents, gone


def all_documents(type_names: list[str] | None = None, batch: int = 500) -> Iterator[SearchDocument]:
    for content_type in types():
        if type_names and content_type.name not in type_names:
            continue
        ids = list(content_type.all_ids())
        for start in range(0, len(ids), batch):
            with translation.override("pl"):
                documents = content_type.documents(ids[start : start + batch])
            yield from documents
