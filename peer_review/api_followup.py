"""/api/v1/cycles/{slug}/followup/: the follow-up of a published report for programs, with the pages' rules.

Reading lists the recommendations of the hosts whose follow-up the reader may see (their coordinator, the
cycle's experts, the coordinators), each with its answer, actions and progress reports. Writing goes through
`peer_review.followup`: a refused change answers 400 with {"detail", "code"}, a missing permission 403, a
recommendation or action the reader may not see 404.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm

from . import followup
from .api import CYCLE_SLUG, REFUSED, CycleScoped, refused
from .enums import ActionStatus, CyclePhase, ResponseStatus
from .models import PRIORITY_CHOICES, FollowUpAction, Host, Recommendation
from .serializers import choice_field

RECOMMENDATION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The recommendation's id."
)
ACTION_ID = OpenApiParameter(
    "action_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The action's id."
)
MONTHS = OpenApiParameter(
    "months", OpenApiTypes.INT, OpenApiParameter.PATH, enum=[6, 12], description="The milestone: 6 or 12."
)


# --- what the follow-up looks like ------------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


class FollowUpHostSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="organisation.display_name", read_only=True)


class FollowUpChallengeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class ResponseSerializer(serializers.Serializer):
    status = choice_field("RecommendationResponseStatus", ResponseStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reason = serializers.CharField(read_only=True)
    responded_by = PersonSerializer(read_only=True, allow_null=True)
    responded_at = serializers.DateTimeField(read_only=True)


class ActionSerializer(serializers.ModelSerializer):
    status = choice_field("FollowUpActionStatus", ActionStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    owner = PersonSerializer(read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpAction
        fields = ["id", "description", "owner", "owner_name", "due_on", "status", "status_label", "overdue"]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return followup.is_overdue(obj, self.context["today"])


class ProgressSerializer(serializers.Serializer):
    months = serializers.IntegerField(read_only=True)
    opens_on = serializers.DateField(read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True, allow_null=True)
    submitted_by = PersonSerializer(read_only=True, allow_null=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)


class FollowUpRecommendationSerializer(serializers.ModelSerializer):
    priority = choice_field("RecommendationPriority", PRIORITY_CHOICES, read_only=True)
    number = serializers.IntegerField(read_only=True, allow_null=True, help_text="R1…Rn as in the report.")
    host = FollowUpHostSerializer(source="challenge.host", read_only=True)
    challenge = FollowUpChallengeSerializer(read_only=True)
    response = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "number",
            "host",
            "challenge",
            "text",
            "addressee",
            "time_frame",
            "priority",
            "response",
            "actions",
            "progress",
        ]
        read_only_fields = fields

    @extend_schema_field(ResponseSerializer(allow_null=True))
    def get_response(self, obj):
        return ResponseSerializer(obj.answer).data if obj.answer else None

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, obj):
        return ActionSerializer(obj.actions.all(), many=True, context=self.context).data

    @extend_schema_field(ProgressSerializer(many=True))
    def get_progress(self, obj):
        opens = self.context["opens"]
        rows = []
        for months in followup.MILESTONES:
            report = obj.progress.get(months)
            rows.append(
                {
                    "months": months,
                    "opens_on": opens[months],
                    "text": report.text if report else None,
                    "submitted_by": report.submitted_by if report else None,
                    "submitted_at": report.submitted_at if report else None,
                }
            )
        return ProgressSerializer(rows, many=True).data


# --- what programs send -----------------------------------------------------------------------------------


class ResponseWriteSerializer(serializers.Serializer):
    status = choice_field("RecommendationResponseStatus", ResponseStatus.choices)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=followup.REASON_MAX,
        help_text="Required unless accepted.",
    )


class ActionCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=followup.DESCRIPTION_MAX)
    owner = serializers.IntegerField(
        required=False, allow_null=True, help_text="A person of the host organisation (see …/people/)."
    )
    owner_name = serializers.CharField(
        required=False, allow_blank=True, max_length=followup.OWNER_NAME_MAX, help_text="Or a name or a unit."
    )
    due_on = serializers.DateField(help_text="Today or later.")


class ActionUpdateSerializer(serializers.Serializer):
    """Fields left out keep their value; an owner, when sent, is given whole (owner or owner_name)."""

    description = serializers.CharField(required=False, max_length=followup.DESCRIPTION_MAX)
    owner = serializers.IntegerField(required=False, allow_null=True)
    owner_name = serializers.CharField(required=False, allow_blank=True, max_length=followup.OWNER_NAME_MAX)
    due_on = serializers.DateField(required=False)
    status = choice_field("FollowUpActionStatus", ActionStatus.choices, required=False)


class ProgressWriteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=followup.PROGRESS_MAX)


# --- the endpoints ----------------------------------------------------------------------------------------


@extend_schema(parameters=[CYCLE_SLUG])
class FollowUpViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The recommendations of the report with their follow-up, as far as the reader may see it."""

    serializer_class = FollowUpRecommendationSerializer
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        return [IsAuthenticated()]

    def _visible_hosts(self) -> list[Host]:
        if not hasattr(self, "_hosts"):
            cycle = self.cycle
            hosts = list(cycle.hosts.select_related("organisation"))
            for host in hosts:
                host.cycle = cycle
            self._hosts = [h for h in hosts if self.request.user.has_perm("peer_review.view_followup", h)]
        return self._hosts

    def _check_started(self) -> None:
        # Like the pages: the follow-up does not exist before the report is published.
        if not self.cycle.reached(CyclePhase.PUBLISHED):
            raise Http404

    def get_queryset(self):
        if self.schema_only():
            return Recommendation.objects.none()
        self._check_started()
        hosts = self._visible_hosts()
        if not hosts:
            raise PermissionDenied
        return followup.recommendations_for(self.cycle, hosts)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not self.schema_only():
            context["today"] = timezone.localdate()
            context["opens"] = followup.milestone_dates(self.cycle)
        return context

    def get_object(self):
        self._check_started()
        pk = int(self.kwargs["pk"])
        try:
            recommendation = followup.recommendation_detail(self.cycle, pk)
        except Recommendation.DoesNotExist as exc:
            raise Http404 from exc
        host = recommendation.challenge.host
        host.cycle = self.cycle
        if not self.request.user.has_perm("peer_review.view_followup", host):
            raise Http404
        return recommendation

    def _answer(self, recommendation_id: int, code=status.HTTP_200_OK) -> Response:
        recommendation = followup.recommendation_detail(self.cycle, recommendation_id)
        return Response(self.get_serializer(recommendation).data, status=code)

    @extend_schema(
        request=ResponseWriteSerializer,
        responses={200: FollowUpRecommendationSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Answer a recommendation or change the answer (its host's coordinator)",
    )
    @action(detail=True, methods=["put"], url_path="response", url_name="response")
    def answer(self, request, *args, **kwargs):
        recommendation = self.get_object()
        require_perm(request, "peer_review.respond_recommendation", recommendation.challenge.host)
        serializer = ResponseWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            followup.respond(
                actor=request.user,
                recommendation=recommendation,
                status=data["status"],
                reason=data.get("reason", ""),
            )
        except DomainError as exc:
            return refused(exc)
        return self._answer(recommendation.pk)

    def _owner(self, data: dict):
        if data.get("owner") is None:
            return None
        from zitnet.accounts.models import User

        person = User.objects.filter(pk=data["owner"]).first()
        if person is None:
            raise ValidationError({"owner": [_("There is no such person.")]})
        return person

    @extend_schema(
        request=ActionCreateSerializer,
        responses={201: ActionSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Plan an action for an accepted or partly accepted recommendation (its host's coordinator)",
    )
    @action(detail=True, methods=["post"], url_path="actions", url_name="actions")
    def plan(self, request, *args, **kwargs):
        recommendation = self.get_object()
        require_perm(request, "peer_review.plan_actions", recommendation.challenge.host)
        serializer = ActionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            created = followup.plan_action(
                actor=request.user,
                recommendation=recommendation,
                description=data["description"],
                due_on=data["due_on"],
                owner=self._owner(data),
                owner_name=data.get("owner_name", ""),
            )
        except DomainError as exc:
            return refused(exc)
        created = FollowUpAction.objects.select_related("owner").get(pk=created.pk)
        return Response(
            ActionSerializer(created, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[ACTION_ID],
        request=ActionUpdateSerializer,
        responses={200: ActionSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Change an action: its status, description, owner or due date (its host's coordinator)",
    )
    @action(detail=False, methods=["put", "patch"], url_path=r"actions/(?P<action_id>\d+)")
    def change_action(self, request, *args, action_id=None, **kwargs):
        self._check_started()
        item = (
            FollowUpAction.objects.select_related("recommendation__challenge__host__organisation")
            .filter(recommendation__challenge__cycle=self.cycle, pk=int(action_id))
            .first()
        )
        if item is None:
            raise Http404
        host = item.recommendation.challenge.host
        host.cycle = self.cycle
        if not request.user.has_perm("peer_review.view_followup", host):
            raise Http404
        require_perm(request, "peer_review.plan_actions", host)
        serializer = ActionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        changes = {key: data[key] for key in ("description", "due_on", "status") if key in data}
        if "owner" in data or "owner_name" in data:
            changes["owner"] = self._owner(data)
            changes["owner_name"] = data.get("owner_name", "")
        try:
            followup.update_action(actor=request.user, action=item, **changes)
        except DomainError as exc:
            return refused(exc)
        item = FollowUpAction.objects.select_related("owner").get(pk=item.pk)
        return Response(ActionSerializer(item, context=self.get_serializer_context()).data)

    @extend_schema(
        parameters=[RECOMMENDATION_ID, MONTHS],
        request=ProgressWriteSerializer,
        responses={200: FollowUpRecommendationSerializer, 400: REFUSED, 403: None, 404: None},
        summary="Report progress at 6 or 12 months, or change the report (its host's coordinator)",
    )
    @action(detail=True, methods=["put"], url_path=r"progress/(?P<months>6|12)")
    def progress(self, request, *args, months=None, **kwargs):
        recommendation = self.get_object()
        require_perm(request, "peer_review.plan_actions", recommendation.challenge.host)
        serializer = ProgressWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            followup.report_progress(
                actor=request.user,
                recommendation=recommendation,
                months=int(months),
                text=serializer.validated_data["text"],
            )
        except DomainError as exc:
            return refused(exc)
        return self._answer(recommendation.pk)

    @extend_schema(
        parameters=[OpenApiParameter("host_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: PersonSerializer(many=True), 403: None, 404: None},
        summary="The people who may own the host's actions (its coordinator)",
    )
    @action(detail=False, methods=["get"], url_path=r"hosts/(?P<host_id>\d+)/people", pagination_class=None)
    def people(self, request, *args, host_id=None, **kwargs):
        host = Host.objects.select_related("organisation").filter(cycle=self.cycle, pk=int(host_id)).first()
        if host is None:
            raise Http404
        host.cycle = self.cycle
        require_perm(request, "peer_review.plan_actions", host)
        return Response(PersonSerializer(followup.owner_choices(host), many=True).data)
