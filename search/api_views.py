"""/api/v1/search/ and /api/v1/search/suggest/: the site's search for programs.

The same form validates as on the search page, and the same search API answers, with the caller's
permissions: an anonymous call finds only what an anonymous visitor could open."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from search import api, labels
from search.forms import SearchForm, SuggestForm
from search.types import FACETS, SearchResults
from search.views import search_with_last_page, suggestion_rows


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(
        help_text="Content type: practice, handbook, report, organisation, service …"
    )
    type_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    snippet = serializers.CharField(help_text="HTML: the text around the matches, each match in <mark>.")
    distance_km = serializers.FloatField(allow_null=True, help_text="With a place: the distance to it.")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    date = serializers.DateField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    engine = serializers.CharField(help_text="database or elasticsearch: the engine that answered.")
    degraded = serializers.BooleanField(
        help_text="True when Elasticsearch failed and the database answered instead."
    )
    relaxed = serializers.BooleanField(help_text="True when no result has every word: these have some.")
    corrections = serializers.DictField(
        child=serializers.CharField(), help_text="Typed word → the similar indexed word also searched for."
    )
    results = HitSerializer(many=True)
    facets = serializers.DictField(
        child=FacetValueSerializer(many=True),
        help_text="Per facet (type, thematic_area, tag, voivodeship, organisation_kind, programme, principle, "
        "year): its values with their counts among the results.",
    )


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    type = serializers.CharField()
    type_label = serializers.CharField()


ERRORS = inline_serializer(
    "SearchErrors",
    {"errors": serializers.DictField(child=serializers.ListField(child=serializers.CharField()))},
)

SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q", str, description="Words to search for (at most 500 characters); Polish forms match."
    ),
    OpenApiParameter("type", str, many=True, description="Content types to search (repeat for several)."),
    *[
        OpenApiParameter(name, str, many=True, description=f"Facet filter on {name} (repeat for several).")
        for name in FACETS
    ],
    OpenApiParameter("near", str, description="A Polish town: only results within `radius` km of it."),
    OpenApiParameter("lat", float, description="Latitude of the point (with `lon`), instead of `near`."),
    OpenApiParameter("lon", float, description="Longitude of the point (with `lat`)."),
    OpenApiParameter("radius", int, description="Radius in km (1–300; 30 when a place is given alone)."),
    OpenApiParameter("sort", str, enum=["relevance", "date", "distance"]),
    OpenApiParameter("page", int, description="Page number, 20 results a page."),
]


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def results_data(request, form: SearchForm, results: SearchResults | None) -> dict:
    if results is None:
        return {
            "count": 0,
            "page": 1,
            "pages": 1,
            "engine": api.configured_engine().name,
            "degraded": False,
            "relaxed": False,
            "corrections": {},
            "results": [],
            "facets": {},
        }
    facets = {}
    for name in ("type", *FACETS):
        # A value asked for is listed even when nothing has it, as on the page.
        counts = {**dict.fromkeys(form.cleaned_data.get(name) or [], 0), **results.facets.get(name, {})}
        if not counts:
            continue
        table = labels.table(name)
        facets[name] = [
            {"value": value, "label": table.get(value, value), "count": count}
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
    return {
        "count": results.total,
        "page": results.query.page,
        "pages": results.pages,
        "engine": results.engine,
        "degraded": results.degraded,
        "relaxed": results.relaxed,
        "corrections": dict(results.query.parsed.corrections),
        "results": [
            {
                "type": hit.type,
                "type_label": labels.type_label(hit.type),
                "title": hit.title,
                "url": _absolute(request, hit.url),
                "snippet": str(hit.snippet),
                "distance_km": round(hit.distance_km, 2) if hit.distance_km is not None else None,
                "latitude": hit.latitude,
                "longitude": hit.longitude,
                "date": hit.date.isoformat() if hit.date else None,
            }
            for hit in results.hits
        ],
        "facets": facets,
    }


class SearchView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        summary="Search everything the caller may open",
        description=(
            "Good practices, handbook sections, peer-review reports, organisations and services in one query, "
            "with facet counts, highlighted snippets and an optional radius around a place. Without words, "
            "types, facets or a place there is nothing to search for and the answer is empty. Invalid "
            "parameters give 400 with `errors` (field → messages); unknown parameters are ignored."
        ),
        parameters=SEARCH_PARAMETERS,
        responses={200: SearchResponseSerializer, 400: ERRORS},
    )
    def get(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            return Response({"errors": form.error_dict()}, status=400)
        results = None
        if form.has_criteria:
            results = search_with_last_page(form, request.user)
        return Response(results_data(request, form, results))


class SuggestView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_suggest",
        summary="Titles for a search box, as the user types",
        description="Titles whose words start with what was typed (the last word may be unfinished).",
        parameters=[
            OpenApiParameter("q", str, description="What has been typed so far (at most 500 characters)."),
            OpenApiParameter("type", str, many=True, description="Only these content types."),
        ],
        responses={
            200: inline_serializer(
                "SearchSuggestions",
                {"suggestions": SuggestionSerializer(many=True), "degraded": serializers.BooleanField()},
            ),
            400: ERRORS,
        },
    )
    def get(self, request):
        form = SuggestForm(request.query_params)
        if not form.is_valid():
            return Response({"errors": form.error_dict()}, status=400)
        rows, degraded = suggestion_rows(form, request.user)
        for row in rows:
            row["url"] = _absolute(request, row["url"])
        return Response({"suggestions": rows, "degraded": degraded})
