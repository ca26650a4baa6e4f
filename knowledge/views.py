"""Reader-facing views of the good-practice library: the filterable listing and the body of a practice page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.views import serve as wagtail_serve

from zitnet.core.views_helpers import querystring_without

from . import caching, selectors
from .models import PracticeIndexPage, PracticePage

# Wagtail's own page pattern, minus its _util/ views (password and login forms), which come first in its urls.
PAGE_PATH_PATTERN = r"^(?!_util/)((?:[\w\-]+/)*)$"


def _full_page_key(request) -> str:
    from .handbook import handbook_version

    # The handbook's version too: chapter and handbook pages are stored here as well (serve_storable).
    return caching.key(
        "full",
        str(handbook_version()),
        request.get_host(),
        request.path,
        request.GET.urlencode(),
        get_language(),
    )


def _storable(request, page) -> bool:
    """Pages the same for every anonymous visitor: never a preview, never a page behind a view restriction."""
    if getattr(request, "is_preview", False) or request.user.is_authenticated or request.method != "GET":
        return False
    return not page.get_view_restrictions().exists()


def serve_cached(request, path):
    """Wagtail's page view, answered from the cache for anonymous visitors when the page stored itself there.

    Routing a request through the page tree costs several queries; the library's listing and practice pages
    are the same for every anonymous visitor, so their content is kept per URL and language (knowledge.caching,
    invalidated by every publication). Anything else, or a miss, goes to Wagtail unchanged."""
    if request.method == "GET" and not request.user.is_authenticated:
        entry = caching.get(_full_page_key(request))
        if entry is not None:
            return render(request, entry["template"], entry["context"])
    return wagtail_serve(request, path)


def serve_storable(request, page, *, content_template: str, head_description: str):
    """A page's answer for an anonymous visitor, its content kept for serve_cached; None for everyone else.

    The content is rendered once into its own template so the cached copy never carries the page chrome
    (CSRF token, messages, the account menu), which base.html renders afresh for every request."""
    if not _storable(request, page) or request.path != page.get_url(request):
        return None
    full_key = _full_page_key(request)  # taken before rendering: a publication meanwhile is never stored
    template = page.get_template(request)
    context = page.get_context(request)
    shell = {
        "head_title": page.seo_title or page.title,
        "head_description": head_description,
        "body_html": mark_safe(  # noqa: S308 - rendered by our own template
            render_to_string(content_template, context, request=request)
        ),
    }
    caching.put(full_key, {"template": template, "context": shell})
    return render(request, template, {**context, **shell})


def _propose_url() -> str | None:
    """The front-end drafting form, when that part of the library is installed."""
    try:
        return reverse("knowledge:practice_create")
    except NoReverseMatch:
        return None


def practice_list(request, index_page: PracticeIndexPage):
    """The library: filters in the URL, 20 cards a page, newest first or by title.

    The filters and results are the same for every visitor, so their HTML is cached per query and language
    (knowledge.caching). Refused filter values are reported on the form (status 400) and the other filters
    still apply; a page number that is not a number or past the end shows the first or the last page."""
    querystring = querystring_without(request, "page")
    # Both keys are taken before reading, so a publication during rendering is never stored as current.
    cache_key = caching.key("list", str(index_page.pk), get_language(), request.GET.urlencode())
    full_key = _full_page_key(request)
    body = caching.get(cache_key)
    status = 200
    if body is None:
        filterset = selectors.practice_filter(request.GET)
        errors = None
        results = filterset
        if filterset.is_bound and not filterset.is_valid():
            errors, status = filterset.errors, 400
            results = selectors.without_invalid(filterset)
            if not results.is_valid():  # cannot happen, but never fail the page over it
                results = selectors.practice_filter({})
        page_obj = Paginator(selectors.card_queryset(results.qs), selectors.PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        body_context = {
            "filter": filterset,
            "errors": errors,
            "page_obj": page_obj,
            "querystring": querystring,
            "list_url": request.path,
            "filtered": selectors.has_filters(request.GET),
            "tag_options": selectors.tag_options(),
            # Only organisations with a live practice, not the whole directory, are offered in the select.
            "organisation_options": selectors.organisation_options(),
        }
        body = render_to_string("knowledge/includes/practice_listing.html", body_context, request=request)
        if status == 200:
            caching.put(cache_key, body)
    shell = {
        "head_title": index_page.seo_title or index_page.title,
        "head_description": index_page.search_description or index_page.introduction,
        "heading": index_page.title,
        "introduction": index_page.introduction,
        "listing_html": mark_safe(body),  # noqa: S308 - rendered by our own template above
        "propose_url": _propose_url(),
    }
    if status == 200 and _storable(request, index_page):
        caching.put(full_key, {"template": "knowledge/practice_index_page.html", "context": shell})
    context = {"page": index_page, "self": index_page, **shell}
    return render(request, "knowledge/practice_index_page.html", context, status=status)


def practice_body(request, page: PracticePage) -> SafeString:
    """The body of a practice page; cached for anonymous visitors, rendered afresh for signed-in users.

    The key holds the page, its live revision and the library's and directory's versions, so a new revision,
    a verification, or a change to a related practice or organisation shows at once."""
    preview = getattr(request, "is_preview", False)
    cacheable = not preview and not request.user.is_authenticated
    cache_key = (
        caching.key("page", str(page.pk), str(page.live_revision_id), get_language()) if cacheable else None
    )
    full_key = _full_page_key(request) if cacheable else None
    body = caching.get(cache_key) if cacheable else None
    if body is None:
        if not preview:
            selectors.prefetch_for_page(page)
        body = render_to_string(
            "knowledge/includes/practice_body.html", practice_context(request, page), request=request
        )
        if cacheable:
            caching.put(cache_key, body)
    body = mark_safe(body)  # noqa: S308 - rendered by our own template above
    if cacheable and request.path == page.get_url(request) and _storable(request, page):
        shell = {
            "head_title": page.seo_title or page.title,
            "head_description": page.search_description or page.lead,
            "body_html": body,
        }
        caching.put(full_key, {"template": "knowledge/practice_page.html", "context": shell})
    return body


def practice_context(request, page: PracticePage) -> dict:
    parent = page.get_parent() if page.pk and page.depth else None
    index_url = parent.get_url(request) if parent else selectors.practice_page_url(request=request)
    verification = page.verification if page.pk else None
    return {
        "page": page,
        "index_url": index_url,
        "main_image": selectors.main_image(page),
        "indicators": list(page.indicators.all()),
        "principles": list(page.principles.all()),
        "documents": list(page.documents.all()),
        "gallery": list(page.gallery_images.all()),
        "organisations": list(page.organisations.all()),
        "thematic_areas": list(page.thematic_areas.all()),
        "tags": [item.tag for item in page.tagged_items.all()],
        "related": selectors.related_practices(page),
        "cited_in_reports": selectors.reports_citing(page) if page.pk else [],
        "verification": verification,
        "assessments": list(verification.assessments.all()) if verification else [],
        "show_email": request.user.is_authenticated,
    }
