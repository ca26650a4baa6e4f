"""Filters of the good-practice library, shared by the listing page and the API: one definition, the same URLs."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Lower, Replace
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.filters import CheckboxFilter, search_matches
from zitnet.directory.models import Organisation, ThematicArea

from .enums import HorizontalPrinciple, PracticeStatus
from .models import FundingProgramme, PracticePage, PracticePrinciple, PracticeTag, PracticeVerification

MIN_YEAR, MAX_YEAR = 1990, 2100

# Polish alphabetical order in any database (the same mapping as the directory's sort key): a letter with
# a diacritic sorts right after its base letter. SQLite's LOWER() leaves non-ASCII letters alone, so both
# cases are replaced explicitly.
_POLISH_LETTERS = {
    "ą": "a{", "ć": "c{", "ę": "e{", "ł": "l{", "ń": "n{", "ó": "o{", "ś": "s{", "ź": "z{", "ż": "z|",
}  # fmt: skip


def polish_title_key():
    expression = Lower("title")
    for letter, replacement in _POLISH_LETTERS.items():
        expression = Replace(expression, Value(letter.upper()), Value(replacement))
        expression = Replace(expression, Value(letter), Value(replacement))
    return expression


class YearFilter(django_filters.NumberFilter):
    """A whole year: the number filter's decimal field would accept 2024.5."""

    field_class = forms.IntegerField


class PracticeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search for"), method="filter_text", max_length=100)
    area = django_filters.ModelMultipleChoiceFilter(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.all(),
        to_field_name="code",
        method="filter_area",
        widget=forms.CheckboxSelectMultiple,
    )
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag", max_length=100)
    programme = django_filters.ModelChoiceFilter(
        label=_("Funding programme"),
        queryset=FundingProgramme.objects.all(),
        to_field_name="code",
        field_name="programme",
        empty_label=_("Any programme"),
        error_messages={"invalid_choice": _("There is no such funding programme.")},
    )
    programme_kind = django_filters.ChoiceFilter(
        label=_("Kind of programme"),
        choices=FundingProgramme.Kind.choices,
        field_name="programme__kind",
        empty_label=_("Any kind"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PracticeStatus.choices, empty_label=_("Any status")
    )
    voivodeship = django_filters.ChoiceFilter(
        label=_("Voivodeship"), choices=Voivodeship.choices, empty_label=_("All voivodeships")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.listed(),
        to_field_name="slug",
        method="filter_organisation",
        empty_label=_("Any organisation"),
        error_messages={"invalid_choice": _("There is no such organisation in the directory.")},
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        choices=OrganisationKind.choices,
        method="filter_organisation_kind",
        empty_label=_("Any kind"),
    )
    principle = django_filters.ChoiceFilter(
        label=_("Horizontal principle"),
        choices=HorizontalPrinciple.choices,
        method="filter_principle",
        empty_label=_("Any principle"),
    )
    year = YearFilter(
        label=_("Year"),
        method="filter_year",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Practices running in that year."),
    )
    verified = CheckboxFilter(label=_("Verified good practices only"), method="filter_verified")
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("title", _("Title A–Z"))],
        method="filter_sort",
        empty_label=_("Best match when searching, otherwise newest first"),
    )

    class Meta:
        model = PracticePage
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).live()

    def filter_text(self, queryset, name, value):
        """The site's search over the whole practice, best match first unless another sort is chosen."""
        value = value.strip()
        return search_matches(queryset, value, "practice") if value else queryset

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def filter_area(self, queryset, name, areas):
        if not areas:
            return queryset
        through = PracticePage.thematic_areas.through
        return queryset.filter(
            Exists(through.objects.filter(practicepage_id=OuterRef("pk"), thematicarea__in=areas))
        )

    def filter_tag(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Exists(PracticeTag.objects.filter(content_object_id=OuterRef("pk"), tag__slug=value))
        )

    @extend_schema_field(OpenApiTypes.STR)
    def filter_organisation(self, queryset, name, organisation):
        if organisation is None:
            return queryset
        through = PracticePage.organisations.through
        return queryset.filter(
            Exists(through.objects.filter(practicepage_id=OuterRef("pk"), organisation=organisation))
        )

    def filter_organisation_kind(self, queryset, name, value):
        if not value:
            return queryset
        through = PracticePage.organisations.through
        return queryset.filter(
            Exists(through.objects.filter(practicepage_id=OuterRef("pk"), organisation__kind=value))
        )

    def filter_principle(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(PracticePrinciple.objects.filter(page_id=OuterRef("pk"), principle=value))
        )

    @extend_schema_field(OpenApiTypes.INT)
    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        # An open end means the practice is still running; a practice without any dates matches no year.
        return queryset.filter(
            Q(start_date__lte=last) | Q(start_date__isnull=True),
            Q(end_date__gte=first) | Q(end_date__isnull=True),
        ).exclude(start_date__isnull=True, end_date__isnull=True)

    def filter_verified(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(PracticeVerification.objects.filter(practice_id=OuterRef("pk"), verified=True))
        )

    def filter_sort(self, queryset, name, value):
        if value == "title":
            return queryset.order_by(polish_title_key(), "pk")
        return queryset

    def active_filters(self) -> dict:
        """The filters in use (for "N results for …" and the "clear filters" link)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            key: value
            for key, value in self.form.cleaned_data.items()
            if key != "sort" and value not in (None, "", [], False) and not _is_empty_queryset(value)
        }


def _is_empty_queryset(value) -> bool:
    return hasattr(value, "model") and hasattr(value, "exists") and not value.exists()


def default_ordering(queryset):
    """Newest first; the pk breaks ties so that pages of results never overlap."""
    return queryset.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
