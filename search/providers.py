"""Search providers of the directory and the knowledge library: organisations, services, good practices,
handbook sections and peer-review reports. A document says who may find it (its audience): pages behind a
Wagtail view restriction are found only by those who could open them; password-protected pages never."""

from __future__ import annotations

import re
from html import unescape

from django.db.models import Prefetch
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from search.registry import ContentType, make_key, register
from search.types import MEMBERS, PUBLIC, SearchDocument

MAX_BODY = 60_000
_SKIP_KEYS = {"type", "id", "page", "practice", "image", "document", "priority", "style", "kind"}


def html_to_text(html: str) -> str:
    text = re.sub(r"</(p|h[1-6]|li|tr)>|<br\s*/?>", "\n", html or "")
    return unescape(strip_tags(text)).strip()


def stream_text(raw) -> str:
    """The words of a StreamField's raw data: every string value but identifiers and choices."""
    out: list[str] = []

    def walk(value, key=None):
        if isinstance(value, str):
            if key not in _SKIP_KEYS and value.strip():
                out.append(html_to_text(value) if "<" in value else value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, key if not isinstance(item, dict) else None)

    walk(list(raw or []))
    return "\n".join(out)


def _joined(*parts) -> str:
    return "\n".join(p for p in parts if p)[:MAX_BODY]


# --- page audiences ---------------------------------------------------------------------------------


def restriction_audiences() -> list[tuple[str, str | None]]:
    """(tree path, audience) of every view restriction; None = password, nobody finds it by search."""
    rows = []
    for restriction in PageViewRestriction.objects.select_related("page").order_by("page__path"):
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            audience = MEMBERS
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            audience = f"restriction:{restriction.pk}"
        else:
            audience = None
        rows.append((restriction.page.path, audience))
    return rows


def page_audience(page: Page, restrictions: list[tuple[str, str | None]]) -> str | None:
    """The narrowest restriction on the page or an ancestor decides (deeper restrictions come later)."""
    audience: str | None = PUBLIC
    for path, restricted in restrictions:
        if page.path.startswith(path):
            if restricted is None:
                return None
            if audience == PUBLIC or restricted != MEMBERS:
                audience = restricted
    return audience


def findable(pages):
    """(page, audience) for each page someone may find; password-protected pages are left out."""
    restrictions = restriction_audiences()
    for page in pages:
        audience = page_audience(page, restrictions)
        if audience is not None:
            yield page, audience


def _page_date(page):
    stamp = page.last_published_at or page.first_published_at
    return stamp.date() if stamp else None


# --- knowledge ----------------------------------------------------------------------------------------


def practice_documents(ids: list[int]) -> list[SearchDocument]:
    from knowledge.models import PracticePage
    from zitnet.directory.models import Organisation

    pages = (
        PracticePage.objects.live()
        .filter(pk__in=ids)
        .select_related("programme")
        .prefetch_related(
            "thematic_areas",
            "tags",
            "principles",
            Prefetch(
                "organisations",
                queryset=Organisation.objects.only(
                    "pk", "name", "short_name", "kind", "voivodeship", "latitude", "longitude"
                ),
            ),
        )
    )
    documents = []
    for page, audience in findable(pages):
        organisations = list(page.organisations.all())
        located = next((o for o in organisations if o.latitude is not None and o.longitude is not None), None)
        started = page.start_date or (page.first_published_at.date() if page.first_published_at else None)
        documents.append(
            SearchDocument(
                key=make_key("practice", page.pk),
                type="practice",
                object_id=page.pk,
                title=page.title,
                url=page.url or "",
                summary=page.lead,
                body=_joined(
                    html_to_text(page.problem),
                    html_to_text(page.solution),
                    html_to_text(page.results),
                    page.places,
                    ", ".join(o.name for o in organisations),
                    page.transfer_conditions,
                    page.transfer_pitfalls,
                    "\n".join(p.how for p in page.principles.all()),
                    ", ".join(t.name for t in page.tags.all()),
                ),
                audience=audience,
                facets={
                    "thematic_area": [a.code for a in page.thematic_areas.all()],
                    "tag": [t.name for t in page.tags.all()],
                    "voivodeship": [page.voivodeship] + [o.voivodeship for o in organisations],
                    "organisation_kind": [o.kind for o in organisations],
                    "programme": [page.programme.code] if page.programme else [],
                    "principle": [p.principle for p in page.principles.all()],
                    "year": [started.year] if started else [],
                },
                latitude=located.latitude if located else None,
                longitude=located.longitude if located else None,
                date=_page_date(page),
            )
        )
    return documents


def handbook_documents(ids: list[int]) -> list[SearchDocument]:
    from knowledge.models import ChapterPage, HandbookPage

    pages = ChapterPage.objects.live().filter(pk__in=ids)
    books = list(HandbookPage.objects.live().only("pk", "path", "title", "edition_date"))
    documents = []
    for page, audience in findable(pages):
        book = next((b for b in books if page.path.startswith(b.path)), None)
        if book is None:
            continue
        documents.append(
            SearchDocument(
                key=make_key("handbook", page.pk),
                type="handbook",
                object_id=page.pk,
                title=page.title,
                url=page.url or "",
                summary=page.summary or book.title,
                body=_joined(book.title, stream_text(page.body.raw_data)),
                audience=audience,
                facets={"year": [book.edition_date.year] if book.edition_date else []},
                date=_page_date(page),
            )
        )
    return documents


def report_documents(ids: list[int]) -> list[SearchDocument]:
    from knowledge.models import ReportPage

    pages = ReportPage.objects.live().filter(pk__in=ids).prefetch_related("recommendations")
    documents = []
    for page, audience in findable(pages):
        documents.append(
            SearchDocument(
                key=make_key("report", page.pk),
                type="report",
                object_id=page.pk,
                title=page.title,
                url=page.url or "",
                summary=page.summary,
                body=_joined(
                    page.cycle_name,
                    page.hosts,
                    stream_text(page.sections.raw_data),
                    "\n".join(f"{r.text} {r.addressee}" for r in page.recommendations.all()),
                ),
                audience=audience,
                facets={"year": [page.published_on.year] if page.published_on else []},
                date=page.published_on,
            )
        )
    return documents


def _live_ids(model):
    return model.objects.live().values_list("pk", flat=True).order_by("pk")


# --- directory ----------------------------------------------------------------------------------------


def organisation_documents(ids: list[int]) -> list[SearchDocument]:
    from zitnet.directory.models import Organisation

    organisations = (
        Organisation.objects.listed()
        .filter(pk__in=ids)
        .prefetch_related("expertise", "cooperation_entries__theme", "associations")
        .order_by()
    )
    documents = []
    for org in organisations:
        entries = list(org.cooperation_entries.all())
        expertise = [t.name for t in org.expertise.all()]
        documents.append(
            SearchDocument(
                key=make_key("organisation", org.pk),
                type="organisation",
                object_id=org.pk,
                title=org.name,
                url=org.get_absolute_url(),
                summary=org.description[:400],
                body=_joined(
                    org.short_name,
                    org.description,
                    org.city,
                    org.municipality,
                    ", ".join(expertise),
                    "\n".join(f"{e.title}. {e.description}" for e in entries),
                    ", ".join(a.name for a in org.associations.all()),
                ),
                facets={
                    "voivodeship": [org.voivodeship],
                    "organisation_kind": [org.kind],
                    "tag": expertise,
                    "thematic_area": [e.theme.code for e in entries if e.theme_id],
                },
                latitude=org.latitude,
                longitude=org.longitude,
                date=org.updated_at.date() if org.updated_at else None,
            )
        )
    return documents


def service_documents(ids: list[int]) -> list[SearchDocument]:
    from zitnet.directory.models import Service

    services = (
        Service.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("target_groups")
        .order_by()
    )
    from zitnet.directory.enums import ServiceCategory

    categories = {value: str(label) for value, label in ServiceCategory.choices}
    documents = []
    for service in services:
        org = service.organisation
        if org.merged_into_id is not None:
            continue
        category = categories.get(service.category, service.category)
        groups = [str(g) for g in service.target_groups.all()]
        documents.append(
            SearchDocument(
                key=make_key("service", service.pk),
                type="service",
                object_id=service.pk,
                title=service.name,
                url=f"{org.get_absolute_url()}#usluga-{service.pk}",
                summary=service.description[:400] or org.name,
                body=_joined(
                    org.name,
                    category,
                    service.description,
                    service.how_to_access,
                    service.accessibility_notes,
                    service.city or org.city,
                    ", ".join(groups),
                ),
                facets={
                    "voivodeship": [org.voivodeship],
                    "organisation_kind": [org.kind],
                    "tag": [category, *groups],
                },
                latitude=service.latitude if service.latitude is not None else org.latitude,
                longitude=service.longitude if service.longitude is not None else org.longitude,
                date=service.updated_at.date() if service.updated_at else None,
            )
        )
    return documents


def register_defaults() -> None:
    from knowledge import caching as knowledge_caching
    from knowledge.models import ChapterPage, PracticePage, ReportPage
    from zitnet.directory import caching as directory_caching
    from zitnet.directory.models import Organisation, Service

    register(
        ContentType(
            "practice", _("Good practice"), _("Good practices"), practice_documents,
            lambda: _live_ids(PracticePage), position=1, after_index=knowledge_caching.bump,
        )
    )  # fmt: skip
    register(
        ContentType(
            "handbook", _("Handbook section"), _("Handbook sections"), handbook_documents,
            lambda: _live_ids(ChapterPage), position=2,
        )
    )  # fmt: skip
    register(
        ContentType(
            "report", _("Peer-review report"), _("Peer-review reports"), report_documents,
            lambda: _live_ids(ReportPage), position=3,
        )
    )  # fmt: skip
    register(
        ContentType(
            "organisation", _("Organisation"), _("Organisations"), organisation_documents,
            lambda: Organisation.objects.listed().order_by("pk").values_list("pk", flat=True), position=4,
            after_index=directory_caching.bump,
        )
    )  # fmt: skip
    register(
        ContentType(
            "service", _("Service"), _("Services"), service_documents,
            lambda: Service.objects.filter(organisation__merged_into__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True),
            position=5,
        )
    )  # fmt: skip
