"""Directory filters, shared by the list, the map, the exports and the API: one definition, the same URLs."""

import math

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .enums import CooperationKind, OrganisationKind, ServiceCategory, VerificationStatus, Voivodeship
from .geocoding import geocode
from .models import CooperationEntry, ExpertiseTag, Organisation, Service

EARTH_RADIUS_KM = 6371.0
MAX_RADIUS_KM = 300


class CheckboxFilter(django_filters.BooleanFilter):
    """A tick box: ticked narrows the list, unticked does not filter at all (methods check the value too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs


def bounding_box(latitude: float, longitude: float, radius_km: float) -> tuple[float, float, float, float]:
    delta_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    delta_lon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(latitude)), 0.01)))
    return latitude - delta_lat, latitude + delta_lat, longitude - delta_lon, longitude + delta_lon


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def search_matches(queryset, text: str, type_name: str):
    """The rows the site's search (search.api) finds for the text, best match first: Polish word forms and
    words typed without diacritics match as on /szukaj/. A text with no searchable word does not filter.

    Listings are cached and answered alike for every visitor, so they search with the public audience."""
    from search import api as search_api
    from search.text import parse_query

    if parse_query(text).is_empty:
        return queryset
    ids = search_api.object_ids(text, type_name, user=None)
    if not ids:
        return queryset.none()
    relevance = Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)], output_field=IntegerField()
    )
    # A sort the visitor chooses is applied after this one and replaces it.
    return queryset.filter(pk__in=ids).order_by(relevance, "pk")


class RadiusForm(forms.Form):
    """The "within R km of a place" part: a town name (geocoded offline) or explicit coordinates."""

    near = forms.CharField(label=_("Near (town)"), required=False, max_length=120)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    radius = forms.IntegerField(label=_("Radius (km)"), required=False, min_value=1, max_value=MAX_RADIUS_KM)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        near, lat, lon, radius = data.get("near"), data.get("lat"), data.get("lon"), data.get("radius")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if near and lat is None:
            place = geocode(near)
            if place is None:
                self.add_error("near", _("We do not know a Polish town called “%(name)s”.") % {"name": near})
                return data
            data["lat"], data["lon"], data["place"] = place.latitude, place.longitude, place
        if radius and data.get("lat") is None:
            self.add_error("near", _("Say around which town to search."))
        elif data.get("lat") is not None and not radius:
            data["radius"] = 30
        return data


class RadiusMixin:
    """Adds the "within R km of a place" form to a filter set; the box is cut in SQL, the circle in Python."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.radius_form = RadiusForm(data)

    def is_valid(self):
        return super().is_valid() and (self.radius_form.is_valid() if self.radius_form.is_bound else True)

    @property
    def errors(self):
        errors = ErrorDict(super().errors)
        if self.is_bound and not self.radius_form.is_valid():
            errors.update(self.radius_form.errors)
        return errors

    @property
    def qs(self):
        queryset = super().qs
        if self.is_bound and self.radius_form.is_valid():
            queryset = within_box(queryset, self.radius_form.cleaned_data)
        return queryset

    @property
    def center(self):
        if (
            self.is_bound
            and self.radius_form.is_valid()
            and self.radius_form.cleaned_data.get("lat") is not None
        ):
            data = self.radius_form.cleaned_data
            return data["lat"], data["lon"], data["radius"]
        return None


def within_box(queryset, data):
    if data.get("lat") is None:
        return queryset
    south, north, west, east = bounding_box(data["lat"], data["lon"], data["radius"])
    return queryset.filter(latitude__range=(south, north), longitude__range=(west, east))


class DirectoryFilterSet(RadiusMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search for"), method="filter_text", max_length=100)
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=OrganisationKind.choices, widget=forms.CheckboxSelectMultiple
    )
    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=Voivodeship.choices, empty_label=_("All voivodeships")
    )
    county = django_filters.CharFilter(label=_("County"), method="filter_county", max_length=80)
    association = django_filters.ModelChoiceFilter(
        label=_("ZIT association"),
        queryset=Organisation.objects.listed().associations(),
        to_field_name="slug",
        method="filter_association",
        empty_label=_("Any association"),
    )
    expertise = django_filters.ModelChoiceFilter(
        label=_("Area of expertise"),
        queryset=ExpertiseTag.objects.all(),
        to_field_name="slug",
        field_name="expertise",
        empty_label=_("Any area"),
        error_messages={"invalid_choice": _("There is no such area of expertise in the directory.")},
    )
    service_category = django_filters.ChoiceFilter(
        label=_("Offers a service"),
        choices=ServiceCategory.choices,
        method="filter_service_category",
        empty_label=_("Any service"),
    )
    has_offers = CheckboxFilter(label=_("Offers cooperation"), method="filter_has_offers")
    new_association = CheckboxFilter(
        label=_("New ZIT association (2021–2027)"), field_name="is_new_zit_association"
    )
    verified = CheckboxFilter(label=_("Verified entries only"), method="filter_verified")
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("sort_name", "name"), ("updated_at", "updated"), ("voivodeship", "voivodeship")),
        field_labels={
            "sort_name": _("Name A–Z"),
            "-sort_name": _("Name Z–A"),
            "-updated_at": _("Recently updated"),
            "voivodeship": _("Voivodeship"),
        },
        empty_label=_("Name A–Z"),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["sort"].choices = [
            (value, label)
            for value, label in self.form.fields["sort"].choices
            if value in {"", "-name", "-updated", "voivodeship"}
        ]
        self.form.fields["expertise"].widget = forms.TextInput(attrs={"list": "expertise-options"})
        self.form.fields["expertise"].help_text = _("Type an area, e.g. deinstitutionalisation.")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.listed()

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return search_matches(queryset, value, "organisation") if value else queryset

    def filter_county(self, queryset, name, value):
        value = value.strip().lower()
        for prefix in ("powiat ", "pow. "):
            value = value.removeprefix(prefix)
        return queryset.filter(county__iexact=value) if value else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_association(self, queryset, name, association):
        if association is None:
            return queryset
        return queryset.filter(Q(associations=association) | Q(pk=association.pk)).distinct()

    def filter_service_category(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Service.objects.filter(organisation=OuterRef("pk"), category=value)))

    def filter_has_offers(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(CooperationEntry.objects.filter(organisation=OuterRef("pk"), kind=CooperationKind.OFFER))
        )

    def filter_verified(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(verification_status=VerificationStatus.VERIFIED)

    def active_filters(self) -> dict:
        """The filters in use, for the "N results for …" summary."""
        if not self.is_bound or not self.is_valid():
            return {}
        cleaned = {**self.form.cleaned_data, **self.radius_form.cleaned_data}
        return {
            key: value
            for key, value in cleaned.items()
            if value not in (None, "", [], False) and key != "sort"
        }


def exact_distance_rows(rows, center):
    """Keep rows inside the circle (the SQL box is a square) and sort them by distance."""
    lat, lon, radius = center
    kept = []
    for row in rows:
        distance = distance_km(lat, lon, row.latitude, row.longitude)
        if distance <= radius:
            row.distance_km = distance
            kept.append(row)
    kept.sort(key=lambda row: row.distance_km)
    return kept


class ServiceFilterSet(RadiusMixin, django_filters.FilterSet):
    """Services for the map: by category and target group, and by their organisation's directory filters."""

    category = django_filters.MultipleChoiceFilter(label=_("Category"), choices=ServiceCategory.choices)
    target_group = django_filters.CharFilter(label=_("Target group"), field_name="target_groups__code")
    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=Voivodeship.choices, field_name="organisation__voivodeship"
    )
    organisation = django_filters.CharFilter(label=_("Organisation"), field_name="organisation__slug")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of organisation"), choices=OrganisationKind.choices, field_name="organisation__kind"
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).filter(organisation__merged_into__isnull=True)
