"""/api/v1/cycles/…: the Assessment and Cooperation Forum for programs, with the pages' rules.

Reading follows the same `rules` permissions as the pages; every change goes through `peer_review.services`.
A refused change (`DomainError`) answers 400 with {"detail", "code"}, or 409 when the client worked from a
stale state (code "stale"); a missing permission answers 403, an object the reader may not see 404.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm
from zitnet.directory.models import Organisation, ThematicArea

from . import selectors, services
from .models import AssignedPair, AssignmentRun, Challenge, Cycle, Host, ObserverApplication
from .serializers import (
    ApplicationCreateSerializer,
    ApplicationSerializer,
    AssignmentSerializer,
    ChallengeActionSerializer,
    ChallengeSerializer,
    ChallengeWriteSerializer,
    CycleSerializer,
    DecisionSerializer,
    RefusalSerializer,
    RunDetailSerializer,
    RunSerializer,
    StaleChallengeSerializer,
    TransitionSerializer,
)

CYCLE_SLUG = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="The cycle's slug."
)
REFUSED = OpenApiResponse(RefusalSerializer, description="Refused, with the reason in words.")
STALE = OpenApiResponse(RefusalSerializer, description="Someone changed it meanwhile (code “stale”).")
CHALLENGE_RESPONSES = {
    200: ChallengeSerializer,
    400: REFUSED,
    403: None,
    404: None,
    409: OpenApiResponse(
        StaleChallengeSerializer, description="A stale version; the body has the current one."
    ),
}


def refused(exc: DomainError, **extra) -> Response:
    """A service's refusal as the API's answer: 409 for stale input, 400 otherwise."""
    code = status.HTTP_409_CONFLICT if exc.code == "stale" else status.HTTP_400_BAD_REQUEST
    return Response({"detail": str(exc.message), "code": exc.code, **extra}, status=code)


def _themes(codes) -> list[ThematicArea]:
    codes = list(dict.fromkeys(codes))
    found = {area.code: area for area in ThematicArea.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError(
            {"themes": [_("Unknown thematic area: %(codes)s.") % {"codes": ", ".join(unknown)}]}
        )
    return [found[code] for code in codes]


class ReadOpenWriteSignedIn:
    """Anyone may read (the rules decide what); changing anything needs a signed-in user (401 otherwise)."""

    def get_permissions(self):
        if self.request is not None and self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated()]


class CycleScoped(ReadOpenWriteSignedIn):
    """A view under /cycles/{slug}/: the cycle must be one the user may see (404 otherwise)."""

    def schema_only(self) -> bool:
        return getattr(self, "swagger_fake_view", False)

    @property
    def cycle(self) -> Cycle:
        if not hasattr(self, "_cycle"):
            self._cycle = get_object_or_404(
                selectors.visible_cycles(self.request.user), slug=self.kwargs["slug"]
            )
        return self._cycle

    def is_coordinator(self) -> bool:
        return self.request.user.has_perm("peer_review.manage_cycle", self.cycle)


# --- cycles -----------------------------------------------------------------------------------------------


class CycleViewSet(ReadOpenWriteSignedIn, viewsets.ReadOnlyModelViewSet):
    """Review cycles the user may see: public ones (from recruitment on), those they take part in, and all of
    them for coordinators. Coordinators also see what blocks the next phase."""

    serializer_class = CycleSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            selectors.visible_cycles(self.request.user)
            .select_related("published_run")
            .prefetch_related("hosts__organisation", "phase_dates")
            .order_by("-created_at", "pk")
        )

    @extend_schema(
        request=TransitionSerializer,
        responses={200: CycleSerializer, 400: REFUSED, 403: None, 409: STALE},
        summary="Move the cycle to its next phase (coordinators)",
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, slug=None):
        cycle = self.get_object()
        require_perm(request, "peer_review.manage_cycle", cycle)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.transition(
                actor=request.user,
                cycle=cycle,
                to_phase=data["to_phase"],
                expected_phase=data.get("expected_phase"),
                override_reason=data.get("override_reason", ""),
            )
        except DomainError as exc:
            return refused(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=cycle.pk)).data)

    @extend_schema(
        responses={200: AssignmentSerializer, 403: None},
        summary="The published assignment as far as the reader may see it",
    )
    @action(detail=True, methods=["get"])
    def assignment(self, request, slug=None):
        """Coordinators see every pair; an observer their own; a host coordinator those of their challenges."""
        cycle = self.get_object()
        user = request.user
        roles = selectors.roles_in(user, cycle)
        if not roles & {"coordinator", "observer", "host"}:
            require_perm(request, "peer_review.manage_cycle", cycle)  # refuses: the reader has no role here
        if cycle.published_run_id is None:
            return Response({"run": None, "pairs": []})
        pairs = AssignedPair.objects.filter(run_id=cycle.published_run_id).select_related(
            "application__user", "application__organisation", "challenge"
        )
        if "coordinator" not in roles:
            mine = Q(pk__in=[])
            if "observer" in roles:
                mine |= Q(application__user=user)
            if "host" in roles:
                mine |= Q(challenge__host__coordinator=user)
            pairs = pairs.filter(mine)
        pairs = pairs.order_by("challenge__number", "application__user__last_name", "pk")
        return Response(
            AssignmentSerializer({"run": cycle.published_run.number, "pairs": pairs}).data,
        )


# --- challenges -------------------------------------------------------------------------------------------


@extend_schema(parameters=[CYCLE_SLUG])
class ChallengeViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The challenges of a cycle the user may see. The material (context, links, state, version) only for
    the host team, the experts, the coordinators and the observers assigned to the challenge."""

    serializer_class = ChallengeSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.schema_only():
            return Challenge.objects.none()
        return selectors.challenges_for(self.request.user, self.cycle)

    def get_object(self):
        pk = int(self.kwargs["pk"])
        for challenge in self.get_queryset():
            if challenge.pk == pk:
                return challenge
        raise Http404

    def _answer(self, challenge_pk: int) -> Response:
        challenge = Challenge.objects.select_related("cycle", "host__organisation").get(pk=challenge_pk)
        return Response(self.get_serializer(challenge).data)

    def _stale(self, exc: DomainError, challenge: Challenge) -> Response:
        current = Challenge.objects.values_list("version", flat=True).get(pk=challenge.pk)
        return refused(exc, version=current) if exc.code == "stale" else refused(exc)

    def _save(self, request, *, partial: bool) -> Response:
        challenge = self.get_object()
        require_perm(request, "peer_review.edit_challenge", challenge)
        serializer = ChallengeWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "version" not in data:
            raise ValidationError({"version": [_("Send the version of the challenge you edited.")]})
        links = data["strategy_links"] if "strategy_links" in data else challenge.links
        try:
            services.save_challenge(
                actor=request.user,
                host=challenge.host,
                challenge=challenge,
                title=data.get("title", challenge.title),
                guiding_question=data.get("guiding_question", challenge.guiding_question),
                context=data.get("context", challenge.context),
                strategy_links="\n".join(links),
                themes=_themes(data["themes"]) if "themes" in data else list(challenge.themes.all()),
                expected_version=data["version"],
            )
        except DomainError as exc:
            return self._stale(exc, challenge)
        return self._answer(challenge.pk)

    @extend_schema(
        request=ChallengeWriteSerializer,
        responses=CHALLENGE_RESPONSES,
        summary="Revise a challenge (its host), sending the version edited",
    )
    def update(self, request, *args, **kwargs):
        return self._save(request, partial=False)

    @extend_schema(
        request=ChallengeWriteSerializer,
        responses=CHALLENGE_RESPONSES,
        summary="Revise some fields of a challenge (its host), sending the version edited",
    )
    def partial_update(self, request, *args, **kwargs):
        return self._save(request, partial=True)

    def _act(self, request, perm: str, service, **extra) -> Response:
        challenge = self.get_object()
        require_perm(request, perm, challenge)
        serializer = ChallengeActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = data.get("comment", "")
        arguments = {"note": comment} if service is services.submit_challenge else {"comment": comment}
        try:
            service(
                actor=request.user,
                challenge=challenge,
                expected_version=data["version"],
                **arguments,
                **extra,
            )
        except DomainError as exc:
            return self._stale(exc, challenge)
        return self._answer(challenge.pk)

    @extend_schema(
        request=ChallengeActionSerializer,
        responses=CHALLENGE_RESPONSES,
        summary="Submit a draft or returned challenge to the experts (its host)",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        return self._act(request, "peer_review.edit_challenge", services.submit_challenge)

    @extend_schema(
        request=ChallengeActionSerializer,
        responses=CHALLENGE_RESPONSES,
        summary="Return a submitted challenge with comments (its experts)",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_to_host(self, request, *args, **kwargs):
        return self._act(request, "peer_review.review_challenge", services.return_challenge)

    @extend_schema(
        request=ChallengeActionSerializer,
        responses=CHALLENGE_RESPONSES,
        summary="Approve a submitted challenge (its experts)",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        return self._act(request, "peer_review.review_challenge", services.approve_challenge)


# --- observer applications --------------------------------------------------------------------------------


@extend_schema(parameters=[CYCLE_SLUG])
class ApplicationViewSet(
    CycleScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Observer applications: a member sees only their own, coordinators all of them."""

    serializer_class = ApplicationSerializer
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        return [IsAuthenticated()]

    def get_queryset(self):
        if self.schema_only():
            return ObserverApplication.objects.none()
        applications = selectors.applications_with_details(self.cycle).prefetch_related("expertise_areas")
        if not self.request.user.has_perm("peer_review.decide_application"):
            applications = applications.filter(user=self.request.user)
        return applications

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not self.schema_only() and self.action == "list":
            context["conflicts"] = selectors.conflicts_by_application(self.cycle, self.get_queryset())
        return context

    def get_object(self):
        application = super().get_object()
        require_perm(self.request, "peer_review.view_application", application)
        return application

    def _answer(self, application_pk: int, code=status.HTTP_200_OK) -> Response:
        application = self.get_queryset().get(pk=application_pk)
        return Response(self.get_serializer(application).data, status=code)

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer, 400: REFUSED, 403: None},
        summary="Apply to observe the cycle (during recruitment)",
    )
    def create(self, request, *args, **kwargs):
        serializer = ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = Organisation.objects.listed().filter(slug=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("There is no such organisation in the directory.")]})
        declared = data.get("declared_conflicts", [])
        hosts = Host.objects.in_bulk([item["host"] for item in declared])
        if len(hosts) != len({item["host"] for item in declared}):
            raise ValidationError(
                {"declared_conflicts": [_("A declared conflict names a host that is not in this cycle.")]}
            )
        try:
            application = services.apply_as_observer(
                user=request.user,
                cycle=self.cycle,
                organisation=organisation,
                motivation=data["motivation"],
                availability=data["availability"],
                preferences=data["preferences"],
                expertise=data.get("expertise", []),
                expertise_areas=_themes(data.get("expertise_areas", [])),
                declared_conflicts=[(hosts[item["host"]], item.get("reason", "")) for item in declared],
            )
        except DomainError as exc:
            return refused(exc)
        return self._answer(application.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=DecisionSerializer,
        responses={200: ApplicationSerializer, 400: REFUSED, 403: None},
        summary="Accept, wait-list or decline an application (coordinators)",
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, *args, **kwargs):
        application = self.get_object()
        require_perm(request, "peer_review.decide_application", application)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.decide_application(
                actor=request.user,
                application=application,
                status=serializer.validated_data["status"],
                note=serializer.validated_data.get("note", ""),
            )
        except DomainError as exc:
            return refused(exc)
        return self._answer(application.pk)


# --- assignment runs --------------------------------------------------------------------------------------


@extend_schema(parameters=[CYCLE_SLUG])
class RunViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The optimiser's runs of a cycle (coordinators): run it, compare the runs, publish one."""

    serializer_class = RunSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        return [IsAuthenticated()]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        require_perm(request, "peer_review.manage_cycle", self.cycle)

    def get_queryset(self):
        if self.schema_only():
            return AssignmentRun.objects.none()
        return self.cycle.runs.select_related("cycle").order_by("-number")

    def get_serializer_class(self):
        return RunSerializer if self.action == "list" else RunDetailSerializer

    @extend_schema(
        request=None,
        responses={201: RunDetailSerializer, 400: REFUSED, 403: None},
        summary="Run the optimiser on the cycle's current data (an infeasible run is stored too)",
    )
    def create(self, request, *args, **kwargs):
        try:
            run = services.run_assignment(actor=request.user, cycle=self.cycle)
        except DomainError as exc:
            return refused(exc)
        run = self.get_queryset().get(pk=run.pk)
        return Response(RunDetailSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={200: RunDetailSerializer, 400: REFUSED, 403: None, 409: STALE},
        summary="Publish a solved run as the cycle's assignment",
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        run = self.get_object()
        try:
            services.publish_run(actor=request.user, run=run)
        except DomainError as exc:
            return refused(exc)
        return Response(RunDetailSerializer(self.get_queryset().get(pk=run.pk)).data)
