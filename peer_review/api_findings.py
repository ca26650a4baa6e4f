"""/api/v1/cycles/{slug}/findings/ and …/recommendations/: findings and consolidated recommendations for
programs, with the pages' rules.

A reader sees their own findings (drafts too) and the submitted findings of the challenges whose findings they
may read; someone else's draft does not exist (404). Changing needs the right on the object (403 otherwise).
Every change goes through `peer_review.findings`; a refusal answers 400 with {"detail", "code"}, a stale
version 409 with the current `version` in the body.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zitnet.core.errors import DomainError

from . import findings
from .api import CYCLE_SLUG, REFUSED, CycleScoped, refused
from .enums import ChallengeState, FindingKind, FindingState
from .models import PRIORITY_CHOICES, Challenge, Finding, Recommendation
from .serializers import RefusalSerializer, choice_field

CHALLENGE_FILTER = OpenApiParameter(
    "challenge", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Only this challenge (its id)."
)


# --- serializers ------------------------------------------------------------------------------------------


class StaleVersionSerializer(RefusalSerializer):
    version = serializers.IntegerField(help_text="The current version: reload it, then retry.")


STALE = OpenApiResponse(StaleVersionSerializer, description="A stale version; the body has the current one.")


class FindingSerializer(serializers.ModelSerializer):
    """A finding. `practice` is the id of a practice page of the knowledge library; `practice_title` its title,
    or the name of a practice not in the library."""

    challenge = serializers.IntegerField(source="challenge_id", read_only=True)
    author = serializers.SerializerMethodField()
    mine = serializers.SerializerMethodField()
    kind = choice_field("FindingKind", FindingKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    state = choice_field("FindingState", FindingState.choices, read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    practice = serializers.IntegerField(source="practice_id", read_only=True, allow_null=True)
    practice_title = serializers.SerializerMethodField()
    priority = choice_field("FindingPriority", [("", "—"), *PRIORITY_CHOICES], read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "challenge",
            "author",
            "mine",
            "kind",
            "kind_label",
            "text",
            "practice",
            "practice_title",
            "addressee",
            "time_frame",
            "priority",
            "state",
            "state_label",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    def get_author(self, finding) -> str:
        return finding.author.display_name if finding.author else ""

    def get_mine(self, finding) -> bool:
        request = self.context.get("request")
        return bool(request and finding.author_id == request.user.pk)

    def get_practice_title(self, finding) -> str:
        return finding.practice.title if finding.practice else finding.practice_title


class FindingWriteSerializer(serializers.Serializer):
    """A new finding, or a change of one's own draft (with the `version` edited; a stale one answers 409)."""

    challenge = serializers.IntegerField(required=False, help_text="The challenge's id (when creating).")
    kind = choice_field("FindingKind", FindingKind.choices)
    text = serializers.CharField(help_text="At most 5,000 characters.")
    practice = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of a live practice page of the knowledge library."
    )
    practice_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    addressee = serializers.CharField(required=False, allow_blank=True, max_length=200)
    time_frame = serializers.CharField(required=False, allow_blank=True, max_length=120)
    priority = choice_field(
        "FindingPriority", [("", "—"), *PRIORITY_CHOICES], required=False, allow_blank=True
    )
    version = serializers.IntegerField(required=False, min_value=1, help_text="Needed to change a draft.")
    submit = serializers.BooleanField(required=False, default=False, help_text="Submit it at once.")


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class SourceSerializer(serializers.ModelSerializer):
    """A finding a recommendation comes from: its trace."""

    author = serializers.SerializerMethodField()
    kind = choice_field("FindingKind", FindingKind.choices, read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "kind", "text", "author", "submitted_at"]
        read_only_fields = fields

    def get_author(self, finding) -> str:
        return finding.author.display_name if finding.author else ""


class RecommendationSerializer(serializers.ModelSerializer):
    """A consolidated recommendation, numbered by `position` within its challenge, with its source findings."""

    challenge = serializers.IntegerField(source="challenge_id", read_only=True)
    priority = choice_field("RecommendationPriority", PRIORITY_CHOICES, read_only=True)
    priority_label = serializers.CharField(source="get_priority_display", read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "challenge",
            "position",
            "text",
            "addressee",
            "time_frame",
            "priority",
            "priority_label",
            "sources",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RecommendationWriteSerializer(serializers.Serializer):
    challenge = serializers.IntegerField(required=False, help_text="The challenge's id (when creating).")
    text = serializers.CharField(help_text="At most 3,000 characters.")
    addressee = serializers.CharField(max_length=200)
    time_frame = serializers.CharField(required=False, allow_blank=True, max_length=120)
    priority = choice_field("RecommendationPriority", PRIORITY_CHOICES, required=False, default="medium")
    sources = serializers.ListField(
        child=serializers.IntegerField(),
        max_length=500,
        help_text="Ids of submitted findings of the challenge.",
    )
    version = serializers.IntegerField(required=False, min_value=1, help_text="Needed to change it.")


# --- views ------------------------------------------------------------------------------------------------


def _version_required(data) -> int:
    if "version" not in data:
        raise ValidationError({"version": [_("Send the version you edited.")]})
    return data["version"]


class FindingsScoped(CycleScoped):
    def get_permissions(self):
        return [IsAuthenticated()]

    def challenge_filter(self) -> int | None:
        value = self.request.query_params.get("challenge")
        if value in (None, ""):
            return None
        if not value.isdigit():
            raise ValidationError({"challenge": [_("Give the id of a challenge.")]})
        return int(value)

    def challenge_of_cycle(self, challenge_id) -> Challenge:
        if challenge_id is None:
            raise ValidationError({"challenge": [_("Give the id of a challenge.")]})
        challenge = (
            Challenge.objects.select_related("cycle", "host")
            .filter(cycle=self.cycle, pk=challenge_id, state=ChallengeState.APPROVED)
            .first()
        )
        if challenge is None:
            raise ValidationError({"challenge": [_("There is no such challenge in this cycle.")]})
        return challenge

    def stale_or_refused(self, exc: DomainError, model, pk) -> Response:
        if exc.code == "stale" and pk is not None:
            return refused(exc, version=model.objects.values_list("version", flat=True).get(pk=pk))
        if exc.code == "forbidden":
            return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_403_FORBIDDEN)
        return refused(exc)


@extend_schema(parameters=[CYCLE_SLUG])
@extend_schema_view(
    list=extend_schema(parameters=[CHALLENGE_FILTER], summary="Findings the reader may see"),
    retrieve=extend_schema(summary="One finding (someone else's draft is not found)"),
)
class FindingViewSet(
    FindingsScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Findings of a cycle: one's own (drafts too) and the submitted findings of the challenges one may read."""

    serializer_class = FindingSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.schema_only():
            return Finding.objects.none()
        found = findings.visible_findings(self.request.user, self.cycle)
        challenge = self.challenge_filter()
        return found.filter(challenge_id=challenge) if challenge is not None else found

    def _answer(self, pk: int, code=status.HTTP_200_OK) -> Response:
        finding = Finding.objects.select_related("author", "practice").get(pk=pk)
        return Response(self.get_serializer(finding).data, status=code)

    @extend_schema(
        request=FindingWriteSerializer,
        responses={201: FindingSerializer, 400: REFUSED, 403: None},
        summary="Record a finding (a draft, or submitted at once with submit=true)",
    )
    def create(self, request, *args, **kwargs):
        serializer = FindingWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        challenge = self.challenge_of_cycle(data.get("challenge"))
        if not request.user.has_perm("peer_review.record_finding", challenge):
            raise PermissionDenied(_("You cannot record findings on this challenge."))
        try:
            finding = findings.save_finding(
                actor=request.user,
                challenge=challenge,
                kind=data["kind"],
                text=data["text"],
                practice_id=data.get("practice"),
                practice_title=data.get("practice_title", ""),
                addressee=data.get("addressee", ""),
                time_frame=data.get("time_frame", ""),
                priority=data.get("priority", ""),
                submit=data.get("submit", False),
            )
        except DomainError as exc:
            return self.stale_or_refused(exc, Finding, None)
        return self._answer(finding.pk, status.HTTP_201_CREATED)

    def _own(self) -> Finding:
        finding = self.get_object()
        if not self.request.user.has_perm("peer_review.change_finding", finding):
            raise PermissionDenied(_("Only its author can change a finding."))
        return finding

    def _save(self, request, *, partial: bool) -> Response:
        finding = self._own()
        serializer = FindingWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = _version_required(data)
        practice = data["practice"] if "practice" in data else finding.practice_id
        try:
            findings.save_finding(
                actor=request.user,
                challenge=finding.challenge,
                finding=finding,
                kind=data.get("kind", finding.kind),
                text=data.get("text", finding.text),
                practice_id=practice,
                practice_title=data.get("practice_title", finding.practice_title),
                addressee=data.get("addressee", finding.addressee),
                time_frame=data.get("time_frame", finding.time_frame),
                priority=data.get("priority", finding.priority),
                expected_version=version,
                submit=data.get("submit", False),
            )
        except DomainError as exc:
            return self.stale_or_refused(exc, Finding, finding.pk)
        return self._answer(finding.pk)

    @extend_schema(
        request=FindingWriteSerializer,
        responses={200: FindingSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Change one's own draft, sending the version edited",
    )
    def update(self, request, *args, **kwargs):
        return self._save(request, partial=False)

    @extend_schema(
        request=FindingWriteSerializer,
        responses={200: FindingSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Change some fields of one's own draft, sending the version edited",
    )
    def partial_update(self, request, *args, **kwargs):
        return self._save(request, partial=True)

    def _act(self, request, service) -> Response:
        finding = self._own()
        serializer = VersionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            service(
                actor=request.user, finding=finding, expected_version=serializer.validated_data["version"]
            )
        except DomainError as exc:
            return self.stale_or_refused(exc, Finding, finding.pk)
        return self._answer(finding.pk)

    @extend_schema(
        request=VersionSerializer,
        responses={200: FindingSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Submit one's own draft",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        return self._act(request, findings.submit_finding)

    @extend_schema(
        request=VersionSerializer,
        responses={200: FindingSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Take one's own submitted finding back to a draft (not once a recommendation uses it)",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        return self._act(request, findings.withdraw_finding)


@extend_schema(parameters=[CYCLE_SLUG])
@extend_schema_view(
    list=extend_schema(
        parameters=[CHALLENGE_FILTER], summary="Consolidated recommendations the reader may see"
    ),
    retrieve=extend_schema(summary="One consolidated recommendation with its source findings"),
)
class RecommendationViewSet(
    FindingsScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Consolidated recommendations of a cycle, for those who may read the challenge's findings; the host's
    experts and the coordinators create, change and delete them."""

    serializer_class = RecommendationSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.schema_only():
            return Recommendation.objects.none()
        found = findings.visible_recommendations(self.request.user, self.cycle)
        challenge = self.challenge_filter()
        return found.filter(challenge_id=challenge) if challenge is not None else found

    def _answer(self, pk: int, code=status.HTTP_200_OK) -> Response:
        recommendation = findings.visible_recommendations(self.request.user, self.cycle).get(pk=pk)
        return Response(self.get_serializer(recommendation).data, status=code)

    def _consolidator(self, challenge) -> None:
        if not self.request.user.has_perm("peer_review.consolidate_findings", challenge):
            raise PermissionDenied(
                _("Only the host's experts and the coordinators consolidate recommendations.")
            )

    @extend_schema(
        request=RecommendationWriteSerializer,
        responses={201: RecommendationSerializer, 400: REFUSED, 403: None},
        summary="Merge submitted findings into a consolidated recommendation (the host's experts, coordinators)",
    )
    def create(self, request, *args, **kwargs):
        serializer = RecommendationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        challenge = self.challenge_of_cycle(data.get("challenge"))
        self._consolidator(challenge)
        try:
            made = findings.create_recommendation(
                actor=request.user,
                challenge=challenge,
                text=data["text"],
                addressee=data["addressee"],
                time_frame=data.get("time_frame", ""),
                priority=data.get("priority", "medium"),
                source_ids=data["sources"],
            )
        except DomainError as exc:
            return self.stale_or_refused(exc, Recommendation, None)
        return self._answer(made.pk, status.HTTP_201_CREATED)

    def _save(self, request, *, partial: bool) -> Response:
        recommendation = self.get_object()
        self._consolidator(recommendation.challenge)
        serializer = RecommendationWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = _version_required(data)
        sources = data["sources"] if "sources" in data else [s.pk for s in recommendation.sources.all()]
        try:
            findings.update_recommendation(
                actor=request.user,
                recommendation=recommendation,
                text=data.get("text", recommendation.text),
                addressee=data.get("addressee", recommendation.addressee),
                time_frame=data.get("time_frame", recommendation.time_frame),
                priority=data.get("priority", recommendation.priority),
                source_ids=sources,
                expected_version=version,
            )
        except DomainError as exc:
            return self.stale_or_refused(exc, Recommendation, recommendation.pk)
        return self._answer(recommendation.pk)

    @extend_schema(
        request=RecommendationWriteSerializer,
        responses={200: RecommendationSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Change a recommendation, sending the version edited",
    )
    def update(self, request, *args, **kwargs):
        return self._save(request, partial=False)

    @extend_schema(
        request=RecommendationWriteSerializer,
        responses={200: RecommendationSerializer, 400: REFUSED, 403: None, 404: None, 409: STALE},
        summary="Change some fields of a recommendation, sending the version edited",
    )
    def partial_update(self, request, *args, **kwargs):
        return self._save(request, partial=True)

    @extend_schema(
        request=None,
        responses={204: None, 400: REFUSED, 403: None, 404: None},
        summary="Delete a recommendation; its source findings are free again",
    )
    def destroy(self, request, *args, **kwargs):
        recommendation = self.get_object()
        self._consolidator(recommendation.challenge)
        try:
            findings.delete_recommendation(actor=request.user, recommendation=recommendation)
        except DomainError as exc:
            return self.stale_or_refused(exc, Recommendation, recommendation.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
