"""The handbook: chapter numbering and outline, editions, the print view and the whole-handbook PDF."""

from __future__ import annotations

import datetime
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.actions.copy_page import CopyPageAction, CopyPagePermissionError

from zitnet.core.cache_versions import VersionCounter

from .blocks import heading_anchor
from .models import ChapterPage, HandbookPage

# Seconds a generated PDF stays in the cache; its key changes whenever a page of the handbook is
# published or unpublished, so a long timeout never serves stale content.
PDF_CACHE_SECONDS = 7 * 24 * 3600


# --- Cache of rendered handbook pages ----------------------------------------------------------------

HANDBOOK_VERSION_KEY = "knowledge:handbook:version"
_handbook_counter = VersionCounter(HANDBOOK_VERSION_KEY)


def handbook_version() -> int:
    return _handbook_counter.current()


def bump_handbook_version(**_kwargs) -> None:
    """Signal receiver: every cached handbook page, outline and PDF key is out of date."""
    _handbook_counter.bump()


def connect() -> None:
    """Any publication, unpublication, move, rename or deletion of a handbook or chapter starts afresh."""
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for model in (HandbookPage, ChapterPage):
        for signal in (page_published, page_unpublished, page_slug_changed, post_delete):
            signal.connect(
                bump_handbook_version,
                sender=model,
                dispatch_uid=f"handbook-cache-{model.__name__}-{id(signal)}",
            )
    post_page_move.connect(bump_handbook_version, dispatch_uid="handbook-cache-move")


def fragment_cache(request, page) -> dict:
    """Seconds and key for caching a handbook or chapter page's content (the same for every visitor).

    The key carries the handbook version (any handbook change) and the practice library's version (case
    studies show practice cards). Previews are never cached: they show unpublished content."""
    from . import caching

    if request is None or getattr(request, "is_preview", False) or not page.live:
        return {"seconds": 0, "key": f"preview-{page.pk}-{id(page)}"}
    practices, _directory = caching.versions()
    return {
        "seconds": caching.timeout(),
        "key": f"{page.pk}:{page.last_published_at}:{handbook_version()}:{practices}:{get_language()}",
    }


# --- Outline ------------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: str  # "h2" or "h3"
    anchor: str


@dataclass
class OutlineEntry:
    """One live chapter of a handbook, with its number and its place in reading order."""

    id: int
    title: str
    summary: str
    path: str
    depth: int  # 1 for a chapter directly under the handbook
    number: str
    relative_url: str  # below the handbook's own URL, e.g. "wprowadzenie/cele/"
    last_published_at: datetime.datetime | None
    parent: OutlineEntry | None = None
    children: list[OutlineEntry] = field(default_factory=list)
    previous: OutlineEntry | None = None
    next: OutlineEntry | None = None
    headings: list[Heading] = field(default_factory=list)
    url: str = ""

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def anchor_prefix(self) -> str:
        """Prefix of heading ids when all chapters share one document (the print view)."""
        return f"c{self.id}-"

    @property
    def ancestors(self) -> list[OutlineEntry]:
        chain, entry = [], self.parent
        while entry is not None:
            chain.append(entry)
            entry = entry.parent
        return chain[::-1]


@dataclass
class Outline:
    handbook: HandbookPage
    entries: list[OutlineEntry]  # depth-first reading order

    def __post_init__(self):
        self.by_id = {entry.id: entry for entry in self.entries}

    @property
    def top_level(self) -> list[OutlineEntry]:
        return [entry for entry in self.entries if entry.parent is None]

    def get(self, chapter_id: int) -> OutlineEntry | None:
        return self.by_id.get(chapter_id)

    def with_urls(self, base_url: str) -> Outline:
        """Fill each entry's URL from the handbook's URL; chapter URLs are the handbook's plus their slugs."""
        for entry in self.entries:
            entry.url = base_url + entry.relative_url
        return self

    @property
    def fingerprint(self) -> str:
        """Changes whenever a chapter or the handbook is published, unpublished, moved or renamed."""
        parts = [f"{self.handbook.pk}:{self.handbook.last_published_at}"]
        parts += [f"{e.id}:{e.path}:{e.last_published_at}" for e in self.entries]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _headings(body) -> list[Heading]:
    """Heading blocks of a chapter body, read from the raw stream data without building block values."""
    found = []
    for block in getattr(body, "raw_data", None) or []:
        if block.get("type") != "heading" or not isinstance(block.get("value"), dict):
            continue
        text = str(block["value"].get("text") or "")
        level = "h3" if block["value"].get("level") == "h3" else "h2"
        if text:
            found.append(Heading(text=text, level=level, anchor=heading_anchor(text)))
    return found


def chapter_headings(chapter: ChapterPage) -> list[Heading]:
    return _headings(chapter.body)


def _build(handbook: HandbookPage, rows) -> Outline:
    """Numbers and links chapters from rows ordered by tree path (which is depth-first reading order)."""
    entries: list[OutlineEntry] = []
    by_path: dict[str, OutlineEntry] = {}
    child_count: dict[str, int] = {}
    base_depth = handbook.depth
    base_url_path = handbook.url_path
    for row in rows:
        parent_path = row["path"][: -ChapterPage.steplen]
        parent = by_path.get(parent_path)
        if parent is None and parent_path != handbook.path:
            continue  # under an unpublished chapter: not reachable by reading, so not numbered
        position = child_count[parent_path] = child_count.get(parent_path, 0) + 1
        number = f"{parent.number}.{position}" if parent else str(position)
        entry = OutlineEntry(
            id=row["id"],
            title=row["title"],
            summary=row.get("summary") or "",
            path=row["path"],
            depth=row["depth"] - base_depth,
            number=number,
            relative_url=row["url_path"][len(base_url_path) :],
            last_published_at=row["last_published_at"],
            parent=parent,
            headings=_headings(row["body"]) if "body" in row else [],
        )
        if parent:
            parent.children.append(entry)
        by_path[entry.path] = entry
        entries.append(entry)
    for before, after in zip(entries, entries[1:], strict=False):
        before.next, after.previous = after, before
    return Outline(handbook=handbook, entries=entries)


OUTLINE_FIELDS = ("id", "title", "summary", "path", "depth", "url_path", "last_published_at")


def handbook_outline(handbook: HandbookPage, *, with_headings: bool = False) -> Outline:
    """The live chapters of a handbook, numbered and linked, from ONE query."""
    fields = OUTLINE_FIELDS + (("body",) if with_headings else ())
    rows = ChapterPage.objects.live().descendant_of(handbook).order_by("path").values(*fields)
    return _build(handbook, rows)


def outlines_for(handbooks) -> dict[int, Outline]:
    """Outlines of several handbooks from ONE query (used by the API)."""
    handbooks = sorted(handbooks, key=lambda h: h.path)
    if not handbooks:
        return {}
    from django.db.models import Q

    condition = Q()
    for handbook in handbooks:
        condition |= Q(path__startswith=handbook.path, depth__gt=handbook.depth)
    rows = list(ChapterPage.objects.live().filter(condition).order_by("path").values(*OUTLINE_FIELDS))
    outlines = {}
    for handbook in handbooks:
        mine = [row for row in rows if row["path"].startswith(handbook.path)]
        outlines[handbook.pk] = _build(handbook, mine)
    return outlines


def handbook_of(chapter: ChapterPage) -> HandbookPage | None:
    return HandbookPage.objects.ancestor_of(chapter).order_by("-depth").first()


def current_edition(handbook: HandbookPage) -> HandbookPage | None:
    """The newest live edition sharing the handbook's key (by edition date, then creation)."""
    return (
        HandbookPage.objects.live()
        .filter(handbook_key=handbook.handbook_key)
        .order_by("-edition_date", "-first_published_at", "-pk")
        .first()
    )


def current_editions():
    """The current (newest live) edition of every handbook, as a list."""
    seen, result = set(), []
    for handbook in HandbookPage.objects.live().order_by(
        "handbook_key", "-edition_date", "-first_published_at", "-pk"
    ):
        if handbook.handbook_key not in seen:
            seen.add(handbook.handbook_key)
            result.append(handbook)
    return result


# --- Editions -----------------------------------------------------------------------------------


class EditionError(Exception):
    """A new edition cannot be made; the message says why."""


def _free_slug(parent, base: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_new_edition(
    *, handbook: HandbookPage, edition: str, edition_date: datetime.date, user
) -> HandbookPage:
    """Copy a handbook with all its chapters as a new, unpublished edition.

    Side effects: new pages (draft, with a revision each) under the same parent and Wagtail's copy entries
    in the audit log. The old edition stays published and readable; publishing the new one makes it current.
    Raises EditionError when the user may not copy the page or the edition data is missing.
    """
    edition = (edition or "").strip()
    if not edition or edition_date is None:
        raise EditionError(_("Give the new edition a name and a date."))
    parent = handbook.get_parent()
    slug = _free_slug(parent, slugify(f"{handbook.handbook_key}-{edition}")[:240] or "wydanie")
    action = CopyPageAction(
        handbook,
        to=parent,
        recursive=True,
        keep_live=False,
        user=user,
        update_attrs={
            "slug": slug,
            "edition": edition,
            "edition_date": edition_date,
        },
    )
    try:
        with transaction.atomic():
            copy = action.execute(skip_permission_checks=user is None)
    except CopyPagePermissionError as error:
        raise EditionError(_("You may not copy this handbook.")) from error
    except ValidationError as error:
        raise EditionError("; ".join(error.messages)) from error
    return HandbookPage.objects.get(pk=copy.pk)


# --- Print view and PDF ----------------------------------------------------------------------------


def _check_readable(request, handbook: HandbookPage) -> None:
    # Wagtail routes only live pages to these views; privacy restrictions are enforced by its serve view.
    if not handbook.live:
        raise Http404


def print_context(request, handbook: HandbookPage) -> dict:
    outline = handbook_outline(handbook, with_headings=True).with_urls(handbook.get_url(request) or "")
    chapters = {
        chapter.pk: chapter
        for chapter in ChapterPage.objects.live()
        .descendant_of(handbook)
        .filter(pk__in=[entry.id for entry in outline.entries])
    }
    return {
        "page": handbook,
        "self": handbook,
        "outline": outline,
        "chapters": [(entry, chapters[entry.id]) for entry in outline.entries if entry.id in chapters],
        "authors": list(handbook.authors.all()),
        "current_edition": current_edition(handbook),
        "request": request,
    }


def handbook_print(request, handbook: HandbookPage) -> HttpResponse:
    """The whole handbook as one HTML document for printing (and for WeasyPrint)."""
    _check_readable(request, handbook)
    html = render_to_string(
        "knowledge/handbook_print.html", print_context(request, handbook), request=request
    )
    return HttpResponse(html)


def local_files_fetcher():
    """A WeasyPrint URL fetcher that serves static and media files from disk and refuses everything else.

    Built on call so that WeasyPrint (slow to import) loads only when a PDF is made."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            local = local_file_for(url)
            if local is None:
                raise ValueError(f"Refused to fetch {url}: only local static and media files")
            content_type = mimetypes.guess_type(str(local))[0] or "application/octet-stream"
            return URLFetcherResponse(
                local.as_uri(), local.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalFilesFetcher()


def local_file_for(url: str) -> Path | None:
    """The file behind a static or media URL of this site, or None."""
    path = unquote(urlsplit(url).path)
    if ".." in path.split("/"):
        return None
    static_url = urlsplit(settings.STATIC_URL).path
    media_url = urlsplit(settings.MEDIA_URL).path
    if path.startswith(static_url):
        found = finders.find(path[len(static_url) :])
        return Path(found) if found else None
    if path.startswith(media_url):
        name = path[len(media_url) :]
        try:
            local = Path(default_storage.path(name))
        except NotImplementedError:
            return None  # storage without local files (e.g. in tests)
        return local if local.is_file() else None
    return None


def pdf_filename(handbook: HandbookPage) -> str:
    """An ASCII file name from the Polish title and edition (ł -> l, ż -> z)."""
    from anyascii import anyascii

    return (slugify(anyascii(f"{handbook.title} {handbook.edition}"))[:120] or "podrecznik") + ".pdf"


def render_pdf(request, handbook: HandbookPage, context: dict) -> bytes:
    """WeasyPrint over the print view's HTML; the print stylesheet is read from the static files on disk."""
    from weasyprint import CSS, HTML

    html = render_to_string("knowledge/handbook_print.html", {**context, "for_pdf": True}, request=request)
    stylesheet = finders.find("css/print.css")
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=local_files_fetcher()
    ).write_pdf(stylesheets=[CSS(filename=stylesheet)] if stylesheet else None)


def pdf_cache_key(handbook: HandbookPage, outline: Outline) -> str:
    return f"handbook:pdf:{handbook.pk}:{get_language()}:{outline.fingerprint}"


def handbook_pdf(request, handbook: HandbookPage) -> HttpResponse:
    """The whole handbook as a PDF, cached until any of its pages is published or unpublished."""
    _check_readable(request, handbook)
    key = pdf_cache_key(handbook, handbook_outline(handbook))
    content = cache.get(key)
    if content is None:
        content = render_pdf(request, handbook, print_context(request, handbook))
        cache.set(key, content, PDF_CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, pdf_filename(handbook))
    return response
