"""/api/v1/events/ and /api/v1/me/registrations/: events for programs, a person's registrations, the public feed.

Reading follows `events.view_event` (public events to anyone, members-only ones to members); the link to join
is given to confirmed participants and organisers only. Registering and cancelling go through
`zitnet.events.services`: a refusal (`DomainError`) answers 400 with {"detail", "code"}, a missing permission 403.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from zitnet.core.errors import DomainError
from zitnet.directory.models import Organisation

from . import feeds, selectors, services
from .calendar import feed_ics
from .enums import EventKind, EventMode, RegistrationStatus
from .models import Event, Registration

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _may_see_link(request, event) -> bool:
    """Confirmed participants and the people managing the event."""
    return request.user.has_perm("events.manage_event", event) or (
        request.user.is_authenticated
        and event.registrations.filter(user=request.user, status=RegistrationStatus.CONFIRMED).exists()
    )


# A plain string in the schema: "kind" as an enum would collide with the directory's organisation kinds.
KIND_FIELD = {"read_only": True, "help_text": "One of: " + ", ".join(EventKind.values)}


class EventSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(**KIND_FIELD)
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    page = serializers.CharField(source="get_absolute_url", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    mode_label = serializers.CharField(source="get_mode_display", read_only=True)
    series = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    series_title = serializers.CharField(source="series.title", read_only=True, default=None)
    organiser = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    place = serializers.CharField(read_only=True)
    places_taken = serializers.SerializerMethodField()
    registration_open = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "url",
            "page",
            "slug",
            "title",
            "kind",
            "kind_label",
            "series",
            "series_title",
            "mode",
            "mode_label",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "places_taken",
            "registration_opens_at",
            "registration_closes_at",
            "registration_open",
            "organiser",
            "audience",
            "target_voivodeships",
            "description",
            "materials",
            "updated_at",
        ]
        read_only_fields = fields

    def get_places_taken(self, event) -> int:
        confirmed = getattr(event, "confirmed", None)
        return selectors.confirmed_count(event) if confirmed is None else confirmed

    def get_registration_open(self, event) -> bool:
        return event.registration_is_open()

    def get_online_url(self, event) -> str | None:
        """The link to join: for confirmed participants and organisers only, otherwise null."""
        if not event.online_url:
            return None
        linked = self.context.get("linked")
        if linked is not None and event.pk in linked:
            return event.online_url
        request = self.context["request"]
        return event.online_url if _may_see_link(request, event) else None

    def get_materials(self, event) -> str:
        """Published after the event."""
        return event.materials if event.is_past else ""


class RegistrationEventSerializer(serializers.ModelSerializer):
    """The event of a registration; `online_url` is filled in for confirmed registrations only."""

    kind = serializers.CharField(**KIND_FIELD)
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    place = serializers.CharField(read_only=True)
    online_url = serializers.URLField(read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["url", "slug", "title", "kind", "mode", "starts_at", "ends_at", "place", "online_url"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "status",
            "status_label",
            "organisation",
            "role",
            "accessibility_needs",
            "consent_at",
            "created_at",
            "promoted_at",
            "cancelled_at",
        ]
        read_only_fields = fields

    @extend_schema_field(RegistrationEventSerializer)
    def get_event(self, registration) -> dict:
        event = registration.event
        data = dict(RegistrationEventSerializer(event, context=self.context).data)
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        data["online_url"] = event.online_url if event.online_url and confirmed else None
        return data


class RegistrationRequestSerializer(serializers.Serializer):
    organisation = serializers.SlugField(
        required=False, allow_blank=True, help_text="Slug of one of your organisations, or empty."
    )
    role = serializers.CharField(required=False, allow_blank=True, max_length=150)
    accessibility_needs = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Seen only by the organisers of this event; deleted after the event.",
    )
    consent = serializers.BooleanField(
        help_text="Consent to the processing of your data for this event (required)."
    )


def refused(exc: DomainError) -> Response:
    return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)


REFUSAL = OpenApiResponse(
    description="Refused by the rules of registration: {detail, code}", response=OpenApiTypes.OBJECT
)


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, enum=EventKind.values),
        OpenApiParameter("series", str, description="Slug of a series"),
        OpenApiParameter("mode", str, enum=EventMode.values),
        OpenApiParameter("past", bool, description="Past events instead of upcoming ones, latest first"),
    ]
)
class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Events the reader may see: upcoming by default. The link to join only for confirmed participants."""

    serializer_class = EventSerializer
    lookup_field = "slug"
    permission_classes = [AllowAny]

    def get_queryset(self):
        params = self.request.query_params
        if self.action == "list":
            return selectors.event_list(
                self.request.user,
                kind=params.get("kind", ""),
                series=params.get("series", ""),
                mode=params.get("mode", ""),
                past=params.get("past", "").lower() in {"1", "true", "yes"},
            )
        return Event.objects.select_related("series", "venue", "organiser")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.attach_confirmed(page)

    def get_object(self):
        event = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        if not self.request.user.has_perm("events.view_event", event):
            raise Http404
        return event

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list" and self.request.user.is_authenticated:
            context["linked"] = set(
                Registration.objects.filter(
                    user=self.request.user, status=RegistrationStatus.CONFIRMED
                ).values_list("event_id", flat=True)
            ) | set(self.request.user.organised_events.values_list("pk", flat=True))
        return context

    @extend_schema(
        request=RegistrationRequestSerializer,
        responses={
            201: RegistrationSerializer,
            200: RegistrationSerializer,
            400: REFUSAL,
            403: None,
            404: None,
        },
        methods=["POST"],
        summary="Register for the event (confirmed while places remain, else on the waiting list)",
    )
    @extend_schema(
        request=None,
        responses={200: RegistrationSerializer, 400: REFUSAL, 404: None},
        methods=["DELETE"],
        summary="Cancel your registration; a freed place goes to the waiting list by priority",
    )
    @action(detail=True, methods=["post", "delete"], permission_classes=[IsAuthenticated])
    def registration(self, request, slug=None):
        event = self.get_object()
        if request.method == "DELETE":
            registration = selectors.registration_of(request.user, event)
            if registration is None:
                raise Http404
            try:
                registration = services.cancel(user=request.user, registration=registration)
            except DomainError as exc:
                return refused(exc)
            return Response(RegistrationSerializer(registration, context=self.get_serializer_context()).data)
        incoming = RegistrationRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        organisation = None
        if data.get("organisation"):
            organisation = Organisation.objects.filter(slug=data["organisation"]).first()
            if organisation is None:
                raise ValidationError({"organisation": [_("No such organisation in the directory.")]})
        try:
            registration = services.register(
                user=request.user,
                event=event,
                organisation=organisation,
                role=data.get("role", ""),
                accessibility_needs=data.get("accessibility_needs", ""),
                consent=data["consent"],
            )
        except DomainError as exc:
            return refused(exc)
        return Response(
            RegistrationSerializer(registration, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class ICalendarRenderer(BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class EventFeedView(APIView):
    """Public events as an iCalendar feed (recent and upcoming), for calendar apps."""

    permission_classes = [AllowAny]
    renderer_classes = [ICalendarRenderer]

    @extend_schema(
        responses={(200, "text/calendar"): OpenApiTypes.BINARY}, summary="iCalendar feed of public events"
    )
    def get(self, request, format=None):  # noqa: A002 - DRF's name
        content = feed_ics(feeds.public_feed_events(), name=_("ZITnet – events of the network"))
        response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="wydarzenia-zitnet.ics"'
        return response


class MyRegistrationsView(generics.ListAPIView):
    """Your registrations that are not cancelled, by the event's start."""

    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.my_registrations(self.request.user).select_related("organisation", "event__series")
