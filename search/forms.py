"""The search form: what the search page, the suggestions and the REST API accept, validated once.

Unknown parameters are ignored; a page number that is not a number is the first page; everything else that
cannot be used is an error with a message a person can act on (the view answers 400 with it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from search import api, registry
from search.text import parse_query, words
from search.types import FACETS, MAX_PAGE, PAGE_SIZE, GeoFilter, SearchQuery
from zitnet.directory.filters import RadiusForm

MAX_QUERY_LENGTH = 500
MAX_FACET_VALUES = 20
MAX_FACET_VALUE_LENGTH = 120
SORTS = ("relevance", "date", "distance")


class FacetValuesField(forms.Field):
    """Several values of one facet (?voivodeship=02&voivodeship=12): blanks and repeats dropped."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": _("Choose at most %(limit)d values of one filter."),
        "too_long": _("A filter value is too long (at most %(limit)d characters)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        return list(dict.fromkeys(str(item).strip() for item in value if str(item).strip()))

    def validate(self, value) -> None:
        super().validate(value)
        if len(value) > MAX_FACET_VALUES:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": MAX_FACET_VALUES}
            )
        if any(len(item) > MAX_FACET_VALUE_LENGTH for item in value):
            raise forms.ValidationError(
                self.error_messages["too_long"], code="too_long", params={"limit": MAX_FACET_VALUE_LENGTH}
            )


def _type_choices():
    return [(content_type.name, content_type.label_plural) for content_type in registry.types()]


class SearchForm(RadiusForm):
    """Text, content types, facet values, "within R km of a place" (RadiusForm's near/lat/lon/radius), sort
    and page."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.MultipleChoiceField(
        label=_("Content type"),
        required=False,
        choices=_type_choices,
        error_messages={"invalid_choice": _("There is no content type “%(value)s”.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("date", _("Newest first")), ("distance", _("Distance"))],
        error_messages={"invalid_choice": _("Sort by relevance, date or distance.")},
    )
    page = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FACETS:
            self.fields[name] = FacetValuesField()
        # The facet fields come after the others, so that errors read in the order of the page.
        self.order_fields(["q", "type", *FACETS, "near", "radius", "lat", "lon", "sort", "page"])

    def clean_q(self) -> str:
        text = self.cleaned_data.get("q") or ""
        if len(text) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("The query is too long (at most %(limit)d characters)."),
                code="too_long",
                params={"limit": MAX_QUERY_LENGTH},
            )
        if text and not words(text):
            raise forms.ValidationError(_("Type at least one word."), code="no_word")
        if text and parse_query(text).is_empty:
            raise forms.ValidationError(
                _("These words are too common to search for; add a more specific word."), code="stop_words"
            )
        return text

    def clean_page(self) -> int:
        raw = (self.cleaned_data.get("page") or "").strip()
        try:
            number = int(raw)
        except ValueError:
            return 1
        return min(max(number, 1), MAX_PAGE)

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"

    # --- reading the valid form ------------------------------------------------------------------------

    @property
    def geo(self) -> GeoFilter | None:
        data = self.cleaned_data
        if data.get("lat") is None or data.get("lon") is None:
            return None
        return GeoFilter(latitude=data["lat"], longitude=data["lon"], radius_km=data["radius"])

    @property
    def filters(self) -> dict[str, list[str]]:
        return {name: self.cleaned_data[name] for name in FACETS if self.cleaned_data.get(name)}

    @property
    def has_criteria(self) -> bool:
        """Anything to search by: text, a type, a facet value or a place (else the page only explains)."""
        data = self.cleaned_data
        return bool(data.get("q") or data.get("type") or self.filters or self.geo)

    def to_query(self, user, *, page_size: int = PAGE_SIZE, page: int | None = None) -> SearchQuery:
        data = self.cleaned_data
        geo = self.geo
        sort = data["sort"]
        if sort == "distance" and geo is None:
            sort = "relevance"
        return api.make_query(
            data["q"],
            user=user,
            types=list(data["type"]),
            filters=self.filters,
            geo=geo,
            page=page or data["page"],
            page_size=page_size,
            sort=sort,
        )

    def error_dict(self) -> dict[str, list[str]]:
        """{field: [messages]} as plain strings (the REST API's 400 answer)."""
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}


class SuggestForm(forms.Form):
    """What the search box has so far, and optionally the content types to suggest from."""

    q = forms.CharField(required=False, strip=True)
    type = forms.MultipleChoiceField(
        required=False,
        choices=_type_choices,
        error_messages={"invalid_choice": _("There is no content type “%(value)s”.")},
    )

    def clean_q(self) -> str:
        text = self.cleaned_data.get("q") or ""
        if len(text) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("The query is too long (at most %(limit)d characters)."),
                code="too_long",
                params={"limit": MAX_QUERY_LENGTH},
            )
        return text

    def error_dict(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}
