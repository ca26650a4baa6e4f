"""/api/v1/practices/: the published good practices for programs, with the library's own filters.

Reading is public like the pages; drafts and unpublished practices never appear. Rich text leaves the API
sanitised exactly as the page shows it."""

from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import caching, selectors
from .filters import PracticeFilterSet
from .models import PracticeIndicator, PracticePage, PracticePrinciple
from .sanitise import clean_rich_text


class SanitisedHTMLField(serializers.Field):
    """A RichTextField as the cleaned HTML the page shows."""

    def to_representation(self, value) -> str:
        return str(clean_rich_text(value or ""))


SanitisedHTMLField = extend_schema_field({"type": "string", "format": "html"})(SanitisedHTMLField)


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = PracticeIndicator
        fields = ["name", "unit", "baseline", "target", "achieved"]
        read_only_fields = fields


class PrincipleSerializer(serializers.ModelSerializer):
    principle_label = serializers.CharField(source="get_principle_display", read_only=True)

    class Meta:
        model = PracticePrinciple
        fields = ["principle", "principle_label", "how"]
        read_only_fields = fields


class OrganisationRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    page = serializers.CharField(source="get_absolute_url", read_only=True)


class ProgrammeSerializer(serializers.Serializer):
    code = serializers.SlugField(read_only=True)
    abbreviation = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)


class PracticeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:practice-detail")
    page = serializers.SerializerMethodField()
    problem = SanitisedHTMLField()
    solution = SanitisedHTMLField()
    results = SanitisedHTMLField()
    indicators = IndicatorSerializer(many=True, read_only=True)
    programme = ProgrammeSerializer(read_only=True, allow_null=True)
    eu_share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=1, read_only=True, allow_null=True
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    organisations = OrganisationRefSerializer(many=True, read_only=True)
    voivodeship_label = serializers.CharField(source="get_voivodeship_display", read_only=True)
    thematic_areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    tags = serializers.SerializerMethodField()
    principles = PrincipleSerializer(many=True, read_only=True)
    verified = serializers.SerializerMethodField()

    class Meta:
        model = PracticePage
        fields = [
            "id",
            "url",
            "page",
            "title",
            "slug",
            "lead",
            "problem",
            "solution",
            "results",
            "indicators",
            "programme",
            "funding_note",
            "total_cost",
            "eu_contribution",
            "eu_share_percent",
            "start_date",
            "end_date",
            "status",
            "status_label",
            "organisations",
            "places",
            "voivodeship",
            "voivodeship_label",
            "thematic_areas",
            "tags",
            "principles",
            "transfer_conditions",
            "transfer_costs",
            "transfer_pitfalls",
            "kohesio_url",
            "keep_eu_url",
            "verified",
            "is_demo",
            "first_published_at",
            "last_published_at",
        ]
        read_only_fields = fields

    def get_page(self, practice) -> str:
        return practice.get_full_url(self.context.get("request")) or ""

    def get_tags(self, practice) -> list[str]:
        return sorted(item.tag.name for item in practice.tagged_items.all())

    def get_verified(self, practice) -> bool:
        record = getattr(practice, "verification_record", None) if practice.pk else None
        return bool(record and record.verified)


class KnowledgePagination(PageNumberPagination):
    """20 a page, as on the library page (a full practice is large); up to 100 on request."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"


class PracticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published good practices. Filters as on the library page (q, area, tag, programme, year, verified, …)."""

    serializer_class = PracticeSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PracticeFilterSet
    permission_classes = [AllowAny]
    pagination_class = KnowledgePagination

    def get_queryset(self):
        return selectors.api_queryset()

    def list(self, request, *args, **kwargs):
        return self._cached(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(request, super().retrieve, *args, **kwargs)

    def _cached(self, request, answer, *args, **kwargs):
        """Published practices read the same for everyone: the data is kept per absolute URL under the
        library's cache version (bumped by every publication) and language (the labels), so only the first reader pays for serialising."""
        key = caching.key("api", request.build_absolute_uri(), get_language())
        data = caching.get(key)
        if data is not None:
            return Response(data)
        response = answer(request, *args, **kwargs)
        if response.status_code == 200:
            caching.put(key, response.data)
        return response
