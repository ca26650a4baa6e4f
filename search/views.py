"""The search page (/szukaj/) and the suggestions as you type (/szukaj/podpowiedzi/).

The page is a GET form that works without JavaScript: text, content-type tabs, facet check boxes with counts,
a place and radius, sort; results with highlighted snippets, a map of those that have a position
(?widok=mapa), and help when nothing is found. The view validates (search.forms), asks the search API
(search.api) and shapes its answer for the template."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import api, labels, registry
from search.forms import MAX_QUERY_LENGTH, SearchForm, SuggestForm
from search.highlight import highlight
from search.types import FACETS, PAGE_SIZE, SearchResults

VIEW_PARAM, MAP_VIEW = "widok", "mapa"
MAP_PAGE_SIZE = 100
FACET_VISIBLE = 10  # values shown before "more"; the selected ones are always shown
GEO_PARAMS = ("near", "lat", "lon", "radius")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    title: str
    values: list[FacetValue] = field(default_factory=list)
    more: list[FacetValue] = field(default_factory=list)


def _url(params) -> str:
    encoded = params.urlencode()
    return reverse("search:page") + (f"?{encoded}" if encoded else "")


def _without(request, name: str, value: str | None = None) -> str:
    """The address of this search without one parameter (or one of its values), back on page 1."""
    params = request.GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return _url(params)


def _with_type(request, type_name: str | None) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    if type_name:
        params.setlist("type", [type_name])
    else:
        params.pop("type", None)
    return _url(params)


def facet_groups(form: SearchForm, results: SearchResults) -> list[FacetGroup]:
    """Facets with their values, most frequent first; a selected value stays even when it counts 0."""
    groups = []
    for name in FACETS:
        counts = dict(results.facets.get(name, {}))
        selected = form.cleaned_data.get(name) or []
        for value in selected:
            counts.setdefault(value, 0)
        if not counts:
            continue
        table = labels.table(name)
        values = [
            FacetValue(value, table.get(value, value), count, value in selected)
            for value, count in counts.items()
        ]
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
        shown = [v for v in values if v.checked] + [v for v in values if not v.checked]
        group = FacetGroup(name=name, title=labels.facet_title(name))
        group.values = shown[: max(FACET_VISIBLE, len(selected))]
        group.more = shown[len(group.values) :]
        groups.append(group)
    return groups


def type_tabs(request, form: SearchForm, results: SearchResults) -> list[dict]:
    counts = results.facets.get("type", {})
    chosen = form.cleaned_data.get("type") or []
    tabs = [
        {
            "label": _("All"),
            "count": sum(counts.values()),
            "url": _with_type(request, None),
            "current": not chosen,
        }
    ]
    for content_type in registry.types():
        count = counts.get(content_type.name, 0)
        if not count and content_type.name not in chosen:
            continue
        tabs.append(
            {
                "label": str(content_type.label_plural),
                "count": count,
                "url": _with_type(request, content_type.name),
                "current": chosen == [content_type.name],
            }
        )
    return tabs


def active_filters(request, form: SearchForm) -> list[dict]:
    """Each filter in use with the address that removes it (the empty-result help)."""
    data = form.cleaned_data
    found = []
    for type_name in data.get("type") or []:
        found.append(
            {
                "label": f"{labels.facet_title('type')}: {labels.label('type', type_name)}",
                "url": _without(request, "type", type_name),
            }
        )
    for name in FACETS:
        for value in data.get(name) or []:
            found.append(
                {
                    "label": f"{labels.facet_title(name)}: {labels.label(name, value)}",
                    "url": _without(request, name, value),
                }
            )
    if form.geo:
        params = request.GET.copy()
        params.pop("page", None)
        for name in GEO_PARAMS:
            params.pop(name, None)
        if params.get("sort") == "distance":
            params.pop("sort")
        place = data.get("near") or f"{form.geo.latitude:.4f}, {form.geo.longitude:.4f}"
        found.append(
            {
                "label": _("Within %(radius)s km of %(place)s")
                % {"radius": form.geo.radius_km, "place": place},
                "url": _url(params),
            }
        )
    return found


def _hits(results: SearchResults) -> list[dict]:
    terms = results.query.parsed.all_terms if results.query else set()
    return [
        {
            "hit": hit,
            "type_label": labels.type_label(hit.type),
            "title_html": highlight(hit.title, terms | hit.matched_terms),
            "has_position": hit.latitude is not None and hit.longitude is not None,
        }
        for hit in results.hits
    ]


def _map_points(rows: list[dict]) -> list[dict]:
    return [
        {
            "title": row["hit"].title,
            "url": row["hit"].url,
            "type": row["hit"].type,
            "type_label": row["type_label"],
            "lat": round(row["hit"].latitude, 5),
            "lon": round(row["hit"].longitude, 5),
            "distance": round(row["hit"].distance_km, 1) if row["hit"].distance_km is not None else None,
        }
        for row in rows
        if row["has_position"]
    ]


def search_with_last_page(form: SearchForm, user, page_size: int = PAGE_SIZE) -> SearchResults:
    """Results of the page asked for; past the end, those of the last page."""
    results = api.search(form.to_query(user, page_size=page_size))
    if not results.hits and results.total and results.query.page > results.pages:
        results = api.search(form.to_query(user, page_size=page_size, page=results.pages))
    return results


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def search_page(request):
    form = SearchForm(request.GET or None)
    map_view = request.GET.get(VIEW_PARAM) == MAP_VIEW
    context = {
        "form": form,
        "map_view": map_view,
        "results": None,
        "search_url": reverse("search:page"),
        "q": request.GET.get("q", "")[:MAX_QUERY_LENGTH],
    }
    if not form.is_bound:
        return render(request, "search/page.html", context)
    if not form.is_valid():
        context.update(errors=form.errors, geo_errors=any(name in form.errors for name in GEO_PARAMS))
        return render(request, "search/page.html", context, status=400)
    context.update(q=form.cleaned_data["q"], selected_types=form.cleaned_data.get("type") or [])
    if not form.has_criteria:
        return render(request, "search/page.html", context)

    results = search_with_last_page(form, request.user, MAP_PAGE_SIZE if map_view else PAGE_SIZE)
    rows = _hits(results)
    list_params = request.GET.copy()
    list_params.pop(VIEW_PARAM, None)
    list_params.pop("page", None)
    map_params = list_params.copy()
    map_params[VIEW_PARAM] = MAP_VIEW
    parsed = results.query.parsed
    context.update(
        results=results,
        rows=rows,
        page=results.query.page,
        pages=results.pages,
        first_number=(results.query.page - 1) * results.query.page_size + 1,
        querystring=_querystring_without_page(request),
        tabs=type_tabs(request, form, results),
        facets=facet_groups(form, results),
        active=active_filters(request, form),
        corrections=list(parsed.corrections.items()),
        geo=form.geo,
        list_url=_url(list_params),
        map_url=_url(map_params),
        clear_url=_url(_only_text(request)),
    )
    if map_view:
        context.update(
            map_points=_map_points(rows),
            tile_url=settings.ZITNET_MAP_TILE_URL,
        )
    return render(request, "search/page.html", context)


def _only_text(request):
    params = request.GET.copy()
    for name in list(params.keys()):
        if name not in ("q", VIEW_PARAM):
            params.pop(name)
    return params


def suggestion_rows(form: SuggestForm, user) -> tuple[list[dict], bool]:
    suggestions, degraded = api.suggest(
        form.cleaned_data["q"], user=user, types=form.cleaned_data.get("type") or []
    )
    rows = [
        {"title": s.title, "url": s.url, "type": s.type, "type_label": labels.type_label(s.type)}
        for s in suggestions
    ]
    return rows, degraded


@require_GET
def suggest(request):
    """JSON for the search box's list of suggestions; always private (it depends on who asks)."""
    form = SuggestForm(request.GET)
    if not form.is_valid():
        response = JsonResponse({"errors": form.error_dict()}, status=400)
    else:
        rows, degraded = suggestion_rows(form, request.user)
        response = JsonResponse({"suggestions": rows, "degraded": degraded})
    response["Cache-Control"] = "private, no-store"
    return response
