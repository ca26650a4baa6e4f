"""Read side of the good-practice library: the filtered list, a practice with all its page shows, the API rows."""

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from taggit.models import Tag
from wagtail.images import get_image_model

from zitnet.directory.models import Organisation, ThematicArea

from . import caching
from .filters import PracticeFilterSet, default_ordering
from .models import PracticeGalleryImage, PracticeIndexPage, PracticePage, PracticeTag, PracticeVerification

PAGE_SIZE = 20
MAIN_IMAGE_SPEC = "fill-1200x630"
GALLERY_IMAGE_SPEC = "max-800x600"
ORGANISATION_FIELDS = ("id", "name", "short_name", "slug", "kind")


def practice_filter(data) -> PracticeFilterSet:
    return PracticeFilterSet(
        data if data is not None else {}, queryset=default_ordering(PracticePage.objects.all())
    )


def without_invalid(filterset: PracticeFilterSet) -> PracticeFilterSet:
    """The same filters minus those whose values were refused: the page still shows what it can."""
    data = filterset.data.copy()
    for name in filterset.errors:
        data.pop(name, None)
    return PracticeFilterSet(data, queryset=filterset.queryset)


def _organisations_prefetch(lookup: str = "organisations") -> Prefetch:
    return Prefetch(lookup, queryset=Organisation.objects.only(*ORGANISATION_FIELDS).order_by("sort_name"))


def card_queryset(queryset: QuerySet) -> QuerySet:
    """What a practice card needs, in a fixed number of queries whatever the number of cards."""
    return (
        queryset.select_related("programme")
        .annotate(
            verified_flag=Exists(
                PracticeVerification.objects.filter(practice_id=OuterRef("pk"), verified=True)
            )
        )
        .prefetch_related(_organisations_prefetch(), "thematic_areas")
    )


def practice_page_url(index_page: PracticeIndexPage | None = None, request=None) -> str:
    index_page = index_page or PracticeIndexPage.objects.live().first()
    return index_page.get_url(request) if index_page else "/"


def _cached(name: str, compute):
    """A vocabulary for the filter form, computed once per version of the library (it costs a scan)."""
    cache_key = caching.key("options", name)
    value = caching.get(cache_key)
    if value is None:
        value = compute()
        caching.put(cache_key, value)
    return value


def organisation_options() -> list[tuple[str, str]]:
    """Organisations that took part in a live practice, for the filter (not the whole directory)."""
    return _cached("organisations", _organisation_options)


def _organisation_options() -> list[tuple[str, str]]:
    return list(
        Organisation.objects.listed()
        .filter(practices__live=True)
        .distinct()
        .order_by("sort_name")
        .values_list("slug", "name")
    )


def tag_options() -> list[tuple[str, str]]:
    """The tags used most on live practices, for the suggestions under the tag field."""
    return _cached("tags", _tag_options)


def _tag_options(limit: int = 200) -> list[tuple[str, str]]:
    return list(
        Tag.objects.filter(knowledge_practicetag_items__content_object__live=True)
        .annotate(uses=Count("knowledge_practicetag_items"))
        .order_by("-uses", "name")
        .values_list("slug", "name")[:limit]
    )


def thematic_areas() -> list[ThematicArea]:
    return list(ThematicArea.objects.all())


def prefetch_for_page(page: PracticePage) -> None:
    """Everything the practice page shows, loaded onto the page in a bounded number of queries.

    Not for previews: there the child rows live in memory (from the revision) and must not be reloaded."""
    image_model = get_image_model()
    prefetch_related_objects(
        [page],
        "indicators",
        "principles",
        Prefetch("documents", queryset=page.documents.model.objects.select_related("document")),
        Prefetch(
            "gallery_images",
            queryset=PracticeGalleryImage.objects.prefetch_related(
                Prefetch("image", queryset=image_model.objects.prefetch_renditions(GALLERY_IMAGE_SPEC))
            ),
        ),
        "related_links",
        _organisations_prefetch(),
        "thematic_areas",
        Prefetch("tagged_items", queryset=PracticeTag.objects.select_related("tag")),
    )


def main_image(page: PracticePage):
    if not page.image_id:
        return None
    return get_image_model().objects.prefetch_renditions(MAIN_IMAGE_SPEC).filter(pk=page.image_id).first()


def related_practices(page: PracticePage) -> list[PracticePage]:
    """The live practices the page points to, in the editor's order, ready for cards."""
    ids = [link.related_id for link in page.related_links.all() if link.related_id != page.pk]
    if not ids:
        return []
    found = {
        practice.pk: practice for practice in card_queryset(PracticePage.objects.live().filter(pk__in=ids))
    }
    return [found[pk] for pk in ids if pk in found]


def reports_citing(page: PracticePage) -> list:
    """The live Forum reports whose findings name this practice as a good practice seen."""
    from .models import ReportPage

    return list(
        ReportPage.objects.live()
        .filter(
            source_report__cycle__challenges__findings__practice=page,
            source_report__cycle__challenges__findings__state="submitted",
        )
        .distinct()
        .order_by("-published_on", "pk")
        .only("pk", "title", "url_path", "published_on", "cycle_name")
    )


def organisation_practices(organisation: Organisation, limit: int = 50) -> tuple[list[PracticePage], int]:
    """The live practices an organisation took part in (newest first) and how many there are in all."""
    queryset = default_ordering(PracticePage.objects.live().filter(organisations=organisation))
    rows = list(queryset.only("id", "title", "slug", "url_path", "first_published_at", "lead")[:limit])
    total = len(rows) if len(rows) < limit else queryset.count()
    return rows, total


def api_queryset() -> QuerySet:
    return (
        default_ordering(PracticePage.objects.live())
        .select_related("programme", "verification_record")
        .prefetch_related(
            _organisations_prefetch(),
            "thematic_areas",
            Prefetch("tagged_items", queryset=PracticeTag.objects.select_related("tag")),
            "indicators",
            "principles",
        )
    )


def has_filters(data) -> bool:
    return any(value for key, value in data.items() if key not in ("page", "sort"))
