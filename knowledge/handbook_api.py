"""/api/v1/handbook/chapters/: live chapters of live handbooks, numbered, with their bodies as safe blocks.

Public and read-only, like the handbook pages. Numbers, parents and previous/next come from the same outline
as the pages (one query for all listed handbooks); bodies are read for the listed page of results only.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from .api import KnowledgePagination
from .blocks import heading_anchor
from .handbook import current_editions, outlines_for
from .models import ChapterPage, HandbookPage
from .sanitise import clean_rich_text


def _items(raw) -> list:
    """ListBlock items, whether stored in the old plain-list format or as {"type": "item", "value": …}."""
    return [
        item.get("value") if isinstance(item, dict) and item.get("type") == "item" else item
        for item in (raw or [])
    ]


def _text(value) -> str:
    return str(value) if value is not None else ""


def _block(kind: str, value) -> dict | None:
    """One stored block as JSON; rich text becomes sanitised HTML, plain text stays plain (escape it)."""
    v = value if isinstance(value, dict) else {}
    if kind == "heading":
        text = _text(v.get("text"))
        return {
            "text": text,
            "level": "h3" if v.get("level") == "h3" else "h2",
            "anchor": heading_anchor(text),
        }
    if kind == "paragraph":
        return {"html": clean_rich_text(_text(value))}
    if kind == "recommendation":
        return {
            "html": clean_rich_text(_text(v.get("text"))),
            "addressee": _text(v.get("addressee")),
            "priority": _text(v.get("priority")),
            "source": _text(v.get("source")),
        }
    if kind == "case_study":
        practice = v.get("practice")
        return {
            "practice": practice if isinstance(practice, int) else None,
            "comment": _text(v.get("comment")),
        }
    if kind == "checklist":
        return {"title": _text(v.get("title")), "items": [_text(item) for item in _items(v.get("items"))]}
    if kind == "indicator_table":
        columns = ("name", "unit", "baseline", "target", "source")
        rows = [row if isinstance(row, dict) else {} for row in _items(v.get("rows"))]
        return {
            "title": _text(v.get("title")),
            "rows": [{c: _text(row.get(c)) for c in columns} for row in rows],
        }
    if kind == "template_download":
        document = v.get("document")
        return {
            "title": _text(v.get("title")),
            "document": document if isinstance(document, int) else None,
            "description": _text(v.get("description")),
        }
    if kind == "procedure":
        steps = [step if isinstance(step, dict) else {} for step in _items(v.get("steps"))]
        return {
            "title": _text(v.get("title")),
            "steps": [
                {"title": _text(s.get("title")), "html": clean_rich_text(_text(s.get("text")))} for s in steps
            ],
        }
    if kind == "callout":
        return {
            "kind": _text(v.get("kind")),
            "title": _text(v.get("title")),
            "html": clean_rich_text(_text(v.get("text"))),
        }
    if kind == "glossary_term":
        return {"term": _text(v.get("term")), "definition": _text(v.get("definition"))}
    return None  # a block type this API does not know is left out rather than passed through unchecked


def body_blocks(body) -> list[dict]:
    blocks = []
    for raw in getattr(body, "raw_data", None) or []:
        value = _block(raw.get("type"), raw.get("value"))
        if value is not None:
            blocks.append({"type": raw.get("type"), "id": raw.get("id"), "value": value})
    return blocks


class ChapterLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


class ChapterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="Position in the handbook, e.g. 2.1.3")
    title = serializers.CharField()
    url = serializers.CharField(help_text="The chapter's page")
    summary = serializers.CharField()
    handbook = serializers.DictField(help_text="id, title, edition, handbook_key, url")
    parent = ChapterLinkSerializer(allow_null=True)
    previous = ChapterLinkSerializer(allow_null=True)
    next = ChapterLinkSerializer(allow_null=True)
    body = serializers.ListField(
        child=serializers.DictField(),
        help_text="Blocks as {type, id, value}; rich text is sanitised HTML in value.html, other text is plain.",
    )


def _link(entry) -> dict | None:
    if entry is None:
        return None
    return {"id": entry.id, "number": entry.number, "title": entry.title, "url": entry.url}


class HandbookChapterViewSet(viewsets.ViewSet):
    """Handbook chapters. Without `handbook`, the chapters of the current edition of every handbook."""

    permission_classes = [AllowAny]
    pagination_class = KnowledgePagination
    lookup_value_regex = r"\d+"

    def _handbooks(self, request) -> list[HandbookPage]:
        wanted = (request.query_params.get("handbook") or "").strip()
        if not wanted:
            return current_editions()
        if wanted.isdigit():
            return list(HandbookPage.objects.live().filter(pk=int(wanted)))
        if len(wanted) > 80:
            raise ValidationError({"handbook": [_("Give a handbook's id or identifier.")]})
        return [h for h in current_editions() if h.handbook_key == wanted]

    def _rows(self, request, handbooks, entries) -> list[dict]:
        bodies = dict(
            ChapterPage.objects.filter(pk__in=[entry.id for _, entry in entries]).values_list("pk", "body")
        )
        by_id = {handbook.pk: handbook for handbook in handbooks}
        rows = []
        for handbook_id, entry in entries:
            handbook = by_id[handbook_id]
            rows.append(
                {
                    "id": entry.id,
                    "number": entry.number,
                    "title": entry.title,
                    "url": request.build_absolute_uri(entry.url),
                    "summary": entry.summary,
                    "handbook": {
                        "id": handbook.pk,
                        "title": handbook.title,
                        "edition": handbook.edition,
                        "handbook_key": handbook.handbook_key,
                        "url": request.build_absolute_uri(handbook.get_url(request)),
                    },
                    "parent": _link(entry.parent),
                    "previous": _link(entry.previous),
                    "next": _link(entry.next),
                    "body": body_blocks(bodies.get(entry.id)),
                }
            )
        return rows

    def _entries(self, request, handbooks):
        outlines = outlines_for(handbooks)
        entries = []
        for handbook in handbooks:
            outline = outlines[handbook.pk].with_urls(handbook.get_url(request) or "")
            entries += [(handbook.pk, entry) for entry in outline.entries]
        return entries

    @extend_schema(
        parameters=[
            OpenApiParameter("handbook", OpenApiTypes.STR, description="A handbook's id or handbook_key"),
            OpenApiParameter("q", OpenApiTypes.STR, description="Words in the title or summary"),
        ],
        responses=ChapterSerializer(many=True),
    )
    def list(self, request):
        handbooks = self._handbooks(request)
        entries = self._entries(request, handbooks)
        query = (request.query_params.get("q") or "").strip().casefold()
        if query:
            words = query.split()
            entries = [
                (h, e)
                for h, e in entries
                if all(word in f"{e.title} {e.summary}".casefold() for word in words)
            ]
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(self._rows(request, handbooks, page))

    @extend_schema(
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses=ChapterSerializer,
    )
    def retrieve(self, request, pk=None):
        if not str(pk).isdigit():
            raise Http404
        chapter = ChapterPage.objects.live().filter(pk=pk).only("id", "path", "depth").first()
        if chapter is None:
            raise Http404
        handbook = HandbookPage.objects.live().ancestor_of(chapter).order_by("-depth").first()
        if handbook is None:
            raise Http404
        entry = next((e for h, e in self._entries(request, [handbook]) if e.id == chapter.pk), None)
        if entry is None:
            raise Http404  # under an unpublished chapter
        return Response(self._rows(request, [handbook], [(handbook.pk, entry)])[0])
