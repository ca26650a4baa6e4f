"""Reads of events: listings, a person's registrations, the waiting list in priority order."""

from django.db.models import Count
from django.utils import timezone

from zitnet.directory.enums import OrganisationKind

from .enums import RegistrationStatus
from .models import Event, Registration


def event_list(user, *, kind: str = "", series: str = "", mode: str = "", past: bool = False):
    # No per-event count here: aggregating every event's registrations made a listing page cost the whole
    # table; `attach_confirmed` counts the places taken for the one page shown.
    events = Event.objects.visible_to(user).select_related("series", "venue", "organiser")
    if past:
        events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    else:
        events = events.upcoming().order_by("starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if series:
        events = events.filter(series__slug=series)
    if mode:
        events = events.filter(mode=mode)
    return events


def attach_confirmed(events) -> list[Event]:
    """Set `confirmed` (places taken) on each event, with one grouped query for all of them."""
    events = list(events)
    counts = dict(
        Registration.objects.filter(event__in=[e.pk for e in events], status=RegistrationStatus.CONFIRMED)
        .values("event")
        .annotate(n=Count("pk"))
        .values_list("event", "n")
    )
    for event in events:
        event.confirmed = counts.get(event.pk, 0)
    return events


def registration_of(user, event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def my_registrations(user):
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__venue")
        .order_by("event__starts_at")
    )


def confirmed_count(event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def is_new_association(organisation) -> bool:
    if organisation is None:
        return False
    if organisation.kind == OrganisationKind.ZIT_ASSOCIATION:
        return organisation.is_new_zit_association
    return any(a.is_new_zit_association for a in organisation.associations.all())


def priority_key(registration: Registration, event: Event) -> tuple:
    """New 2021–2027 associations first, then the event's target voivodeships, then order of registration."""
    organisation = registration.organisation
    targets = set(event.target_voivodeships or [])
    in_target = organisation is not None and organisation.voivodeship in targets
    return (not is_new_association(organisation), not in_target, registration.created_at, registration.pk)


def waiting_list(event: Event) -> list[Registration]:
    waiting = (
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("organisation", "user")
        .prefetch_related("organisation__associations")
    )
    return sorted(waiting, key=lambda r: priority_key(r, event))
