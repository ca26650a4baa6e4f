"""/api/v1/cycles/{slug}/report/sections/: the report's sections for programs, with optimistic concurrency.

Reading follows the pages' rule (`peer_review.view_report`); saving needs `peer_review.edit_report` and the
version the client edited: a stale one answers 409 with the current version and text (the client's text is
kept as a "conflict" revision, as on the pages). A cycle the reader may not see is a 404, a report they may
not read a 403.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from zitnet.core.errors import DomainError
from zitnet.core.markdown import render_markdown

from . import report as reports
from .api import CYCLE_SLUG, REFUSED, CycleScoped, refused
from .enums import SectionKind
from .models import ReportSection


class SectionSerializer(serializers.ModelSerializer):
    """A section: its Markdown text, the same rendered to safe HTML, its version and whether a newer assembled
    text waits (`pending_generated`)."""

    kind = serializers.ChoiceField(choices=SectionKind.choices, read_only=True)
    html = serializers.SerializerMethodField()
    is_edited = serializers.BooleanField(read_only=True)
    has_conflict = serializers.BooleanField(read_only=True)
    open_comments = serializers.IntegerField(read_only=True, default=0)
    updated_by = serializers.SerializerMethodField()

    class Meta:
        model = ReportSection
        fields = [
            "id",
            "key",
            "kind",
            "title",
            "position",
            "host",
            "challenge",
            "version",
            "body",
            "html",
            "generated",
            "pending_generated",
            "is_edited",
            "has_conflict",
            "open_comments",
            "updated_by",
            "updated_at",
        ]
        read_only_fields = fields

    def get_html(self, section) -> str:
        return str(render_markdown(section.body))

    def get_updated_by(self, section) -> str | None:
        return section.updated_by.display_name if section.updated_by_id else None


class SectionWriteSerializer(serializers.Serializer):
    """A new text for a section; `version` is the one the client edited."""

    body = serializers.CharField(
        allow_blank=True, trim_whitespace=False, max_length=reports.MAX_BODY, help_text="Markdown."
    )
    version = serializers.IntegerField(min_value=1)


class StaleSectionSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    version = serializers.IntegerField(help_text="The section's current version.")
    body = serializers.CharField(help_text="The section's current text: merge, then save on this version.")


SAVE_RESPONSES = {
    200: SectionSerializer,
    400: REFUSED,
    403: None,
    404: None,
    409: OpenApiResponse(
        StaleSectionSerializer, description="A stale version; the current one and its text."
    ),
}


@extend_schema(parameters=[CYCLE_SLUG])
class ReportSectionViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The sections of a cycle's report in order (an empty list until it is assembled)."""

    serializer_class = SectionSerializer
    lookup_value_regex = r"\d+"
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self.schema_only() and not request.user.has_perm("peer_review.view_report", self.cycle):
            raise PermissionDenied

    def get_queryset(self):
        if self.schema_only():
            return ReportSection.objects.none()
        return (
            ReportSection.objects.filter(report__cycle=self.cycle)
            .select_related("updated_by")
            .annotate(open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True)))
            .order_by("position", "pk")
        )

    def _answer(self, pk: int) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    def _save(self, request, *, partial: bool) -> Response:
        section = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not request.user.has_perm("peer_review.edit_report", self.cycle):
            raise PermissionDenied
        serializer = SectionWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "version" not in data:
            raise serializers.ValidationError({"version": ["Send the version of the section you edited."]})
        if "body" not in data:
            return self._answer(section.pk)
        try:
            reports.save_section(
                section=section, actor=request.user, body=data["body"], based_on_version=data["version"]
            )
        except reports.StaleSection as stale:
            return refused(stale, version=stale.section.version, body=stale.section.body)
        except DomainError as exc:
            return refused(exc)
        return self._answer(section.pk)

    @extend_schema(
        request=SectionWriteSerializer,
        responses=SAVE_RESPONSES,
        summary="Save a section's text (coordinators and experts), sending the version edited",
    )
    def update(self, request, *args, **kwargs):
        return self._save(request, partial=False)

    @extend_schema(
        request=SectionWriteSerializer,
        responses=SAVE_RESPONSES,
        summary="Save a section's text if given (coordinators and experts), sending the version edited",
    )
    def partial_update(self, request, *args, **kwargs):
        return self._save(request, partial=True)
