"""/api/v1/events/ and /api/v1/me/registrations/: events for programs, a person's registrations, the public feed.

Reading follows `events.view_event` (public events to anyone, members-only ones to members); the link to join
is given to confirmed participants and organisers only. Registering and cancelling go through
`zitnet.events.services`: a refusal (`DomainError`) answers 400 with {"detail", "code"}, a missing permission 403.
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from zitnet.accounts.rules import is_network_coordinator
from zitnet.core.errors import DomainError
from zitnet.directory.models import Organisation

from . import caching, feeds, selectors, services
from .calendar import feed_ics
from .enums import EventKind, EventMode, RegistrationStatus
from .models import Event, Registration
from .views.public import listing_audience

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
    # Methods rather than `source="get_…"`: DRF inspects the signature of a callable source for every object,
    # which was a third of the time of a listing.
    kind = serializers.CharField(**KIND_FIELD)
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")
    page = serializers.SerializerMethodField()
    kind_label = serializers.SerializerMethodField()
    mode_label = serializers.SerializerMethodField()
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

    def get_page(self, event) -> str:
        return event.get_absolute_url()

    def _label(self, choices, value: str) -> str:
        # What get_FOO_display() answers, from one dict per list: that method rebuilds the choices (translating
        # every label) on each call.
        labels = self.__dict__.setdefault("_labels", {})
        if choices not in labels:
            labels[choices] = {key: str(label) for key, label in choices.choices}
        return labels[choices].get(value, value)

    def get_kind_label(self, event) -> str:
        return self._label(EventKind, event.kind)

    def get_mode_label(self, event) -> str:
        return self._label(EventMode, event.mode)

    def get_places_taken(self, event) -> int:
        confirmed = getattr(event, "confirmed", None)
        return selectors.confirmed_count(event) if confirmed is None else confirmed

    def get_registration_open(self, event) -> bool:
        return event.registration_is_open()

    def get_online_url(self, event) -> str | None:
        """The link to join: for confirmed participants and organisers only, otherwise null."""
        if not event.online_url or self.context.get("hide_links"):
            return None
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
        help_text="Seen only by the organisers of this event; deleted a set time after the event "
        "(30 days unless the site sets ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS).",
    )
    consent = serializers.BooleanField(
        help_text="Consent to the processing of your data for this event (required)."
    )


def refused(exc: DomainError) -> Response:
    return Response({"detail": str(exc.message), "code": exc.code}, status=status.HTTP_400_BAD_REQUEST)


REFUSAL = OpenApiResponse(
    description="Refused by the rules of registration: {detail, code}", response=OpenApiTypes.OBJECT
)


def _own_links(user, links: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The links to join of the reader's own events on a page: those they are confirmed for or organise (two
    queries over the page's events), every one for a network coordinator."""
    if not user.is_authenticated or not links:
        return []
    if is_network_coordinator(user):
        return links
    pks = [pk for _index, pk, _url in links]
    mine = set(
        Registration.objects.filter(
            user=user, status=RegistrationStatus.CONFIRMED, event_id__in=pks
        ).values_list("event_id", flat=True)
    ) | set(user.organised_events.filter(pk__in=pks).values_list("pk", flat=True))
    return [link for link in links if link[1] in mine]


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

    def list(self, request, *args, **kwargs):
        # A page of the list is the same for everyone who sees the same events but for the links to join: it is
        # cached per audience like the HTML list (caching.py), rendered and without the links, which are then
        # filled in for the reader's own events (confirmed registrations, events they organise; all for a
        # coordinator). Kept as JSON text, not as objects: unpickling and re-rendering fifty events per request
        # made the garbage collector's full passes (~100 ms on a big process) frequent enough to show at p95.
        # (A comment, not a docstring: the schema would show a docstring as the operation's description.)
        # Shared per audience (views.public.listing_audience: never for someone invited to events of their own).
        audience = listing_audience(request.user)
        # The absolute address holds the query, the page and the host the `url`s and page links are built on.
        cache_key = (
            caching.key("api", audience, get_language() or "", request.build_absolute_uri())
            if audience
            else ""
        )
        cached = caching.get(cache_key) if cache_key else None
        if cached is None:
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
            context = {**self.get_serializer_context(), "hide_links": True}
            payload = self.get_paginated_response(EventSerializer(page, many=True, context=context).data).data
            links = [
                (index, event.pk, event.online_url) for index, event in enumerate(page) if event.online_url
            ]
            cached = (JSONRenderer().render(payload), links)
            if cache_key:
                caching.put(cache_key, cached)
        content, links = cached
        links = _own_links(request.user, links)
        plain_json = request.accepted_media_type == JSONRenderer.media_type
        if not links and plain_json and isinstance(request.accepted_renderer, JSONRenderer):
            return HttpResponse(content, content_type=JSONRenderer.media_type)
        payload = json.loads(content)
        for index, _pk, url in links:
            payload["results"][index]["online_url"] = url
        return Response(payload)

    def get_object(self):
        event = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        if not self.request.user.has_perm("events.view_event", event):
            raise Http404
        return event

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
