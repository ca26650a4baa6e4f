"""The Forum's meetings in the events calendar: each meeting has an event of kind "Forum meeting".

The event is for invited people only (`Audience.INVITED`): its invitees are registered (confirmed, without the
events e-mail: the Forum sends its own invitation), so the meeting is in their "My events" and personal feed,
and the attendance the Forum records is mirrored into those registrations, where the Leaders' Corps counts it.
Nobody registers for it through the events pages: its registration window is never open. The functions here
are called by `peer_review.services` inside the same transaction as the meeting's change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from anyascii import anyascii
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import slugify

from zitnet.accounts.enums import GlobalRole, MembershipStatus
from zitnet.accounts.models import Membership, User
from zitnet.core.audit import record
from zitnet.events.enums import AttendanceSource, Audience, EventKind, EventMode, RegistrationStatus
from zitnet.events.models import Event, EventSeries, Registration

from . import signals
from .enums import ApplicationStatus, AttendanceStatus, MeetingKind
from .models import Cycle, Meeting

SLUG_LENGTH = 120


def _slug(text: str, fallback: str) -> str:
    # Readable Polish (Współpraca → wspolpraca, not wspopraca), as the directory's addresses.
    return slugify(anyascii(text))[:SLUG_LENGTH].strip("-") or fallback


def _unique_slug(model, base: str, *, exclude_pk: int | None = None) -> str:
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base[:SLUG_LENGTH]}-{number}"
        number += 1
    return slug


def series_for(cycle: Cycle) -> EventSeries:
    """The cycle's series of events ("Forum Oceny i Współpracy 2025–2026"), grouping its meetings."""
    series = (
        EventSeries.objects.filter(events__forum_meeting__cycle=cycle).order_by("pk").first()
        if cycle.pk
        else None
    )
    if series is None:
        series = EventSeries(slug=_unique_slug(EventSeries, _slug(cycle.slug, "forum")))
    series.title = cycle.title[:200]
    series.description = cycle.description[:3000]
    series.save()
    return series


def _coordinators():
    return User.objects.filter(role_grants__role=GlobalRole.NETWORK_COORDINATOR, is_active=True)


def _mode(meeting: Meeting) -> str:
    if meeting.kind == MeetingKind.PREPARATORY:
        return EventMode.ONLINE
    # An on-site meeting someone can also join by a link is hybrid.
    return EventMode.HYBRID if meeting.online_url else EventMode.ONSITE


def sync_event(meeting: Meeting) -> Event:
    """Create or update the meeting's event: kind, title, dates, form, place or link, description, the cycle's
    series, its organisers (the network coordinators, who manage the cycle). Side effects: `meeting.event` is
    set (and saved, for a meeting that exists already)."""
    event = meeting.event or Event(kind=EventKind.FORUM_MEETING, audience=Audience.INVITED)
    if event.pk is None:
        event.slug = _unique_slug(Event, _slug(meeting.title, "spotkanie-forum"))
    event.kind = EventKind.FORUM_MEETING
    event.audience = Audience.INVITED
    event.is_published = True
    event.title = meeting.title[:200]
    event.series = series_for(meeting.cycle)
    event.mode = _mode(meeting)
    event.starts_at, event.ends_at = meeting.starts_at, meeting.ends_at
    event.venue, event.address, event.online_url = meeting.venue, meeting.address, meeting.online_url
    event.description = meeting.description
    event.capacity = None
    # Invited people are registered by the Forum; a window that closes as it opens is never open to others.
    event.registration_opens_at = event.registration_closes_at = meeting.starts_at
    event.save()
    event.organisers.set(_coordinators())
    if meeting.event_id != event.pk:
        meeting.event = event
        if meeting.pk is not None:  # a new meeting is saved by the caller, with its event
            meeting.save(update_fields=["event"])
    return event


def _organisations(cycle: Cycle, user_ids: set[int]) -> dict[int, int]:
    """User id → the organisation they take part for: the observer's application, the host they coordinate,
    else their only active membership (an expert's own organisation)."""
    found: dict[int, int] = dict(
        cycle.applications.filter(status=ApplicationStatus.ACCEPTED, user_id__in=user_ids).values_list(
            "user_id", "organisation_id"
        )
    )
    found.update(
        cycle.hosts.filter(coordinator_id__in=user_ids).values_list("coordinator_id", "organisation_id")
    )
    memberships: dict[int, list[int]] = defaultdict(list)
    for user_id, organisation_id in Membership.objects.filter(
        user_id__in=user_ids - set(found), status=MembershipStatus.ACTIVE
    ).values_list("user_id", "organisation_id"):
        memberships[user_id].append(organisation_id)
    found.update({user_id: ids[0] for user_id, ids in memberships.items() if len(ids) == 1})
    return found


def _locked(meeting: Meeting) -> tuple[Event, dict[int, Registration]]:
    event = Event.objects.select_for_update().get(pk=(meeting.event or sync_event(meeting)).pk)
    registrations = {r.user_id: r for r in Registration.objects.select_for_update().filter(event=event)}
    return event, registrations


def _cancel(registration: Registration, *, actor, now) -> None:
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    record(registration, "zitnet.events.cancel", user=actor, data={"reason": "forum_invitation_withdrawn"})


def _withdraw(registrations: Iterable[Registration], keep: set[int], *, actor, now) -> int:
    """Cancel the registrations of people the meeting no longer invites; attendance already recorded stays."""
    cancelled = 0
    for registration in registrations:
        if registration.user_id in keep or registration.status == RegistrationStatus.CANCELLED:
            continue
        if registration.attended_at is not None:
            continue
        _cancel(registration, actor=actor, now=now)
        cancelled += 1
    return cancelled


def register_invitees(*, actor, meeting: Meeting, invitees: dict[int, str]) -> dict[str, int]:
    """Give every invitee a confirmed registration (no consent step, no events e-mail) and cancel those of
    people no longer invited. Re-sending changes nothing for those already registered.
    Side effects: registrations, audit entries per registration."""
    event, registrations = _locked(meeting)
    now = timezone.now()
    organisations = _organisations(meeting.cycle, set(invitees) - set(registrations))
    counts = {"registered": 0, "cancelled": 0}
    for user_id, role in invitees.items():
        registration = registrations.get(user_id)
        if registration is None:
            registration = Registration.objects.create(
                event=event,
                user_id=user_id,
                organisation_id=organisations.get(user_id),
                role=role[:150],
                consent_at=now,
                status=RegistrationStatus.CONFIRMED,
            )
        elif registration.status != RegistrationStatus.CONFIRMED:
            registration.status = RegistrationStatus.CONFIRMED
            registration.cancelled_at = None
            registration.consent_at = registration.consent_at or now
            registration.save(update_fields=["status", "cancelled_at", "consent_at", "updated_at"])
        else:
            continue
        record(
            registration, "zitnet.events.register", user=actor, data={"status": "confirmed", "forum": True}
        )
        counts["registered"] += 1
    counts["cancelled"] = _withdraw(registrations.values(), set(invitees), actor=actor, now=now)
    return counts


def mirror_attendance(*, actor, meeting: Meeting, rows) -> None:
    """Copy the Forum's attendance into the registrations: present → attended (source: the Forum), absent →
    not attended. Someone present without an active registration gets a confirmed one: they were there."""
    event, registrations = _locked(meeting)
    organisations = _organisations(meeting.cycle, {row.user_id for row in rows} - set(registrations))
    for row in rows:
        registration = registrations.get(row.user_id)
        if row.status == AttendanceStatus.ATTENDED:
            if registration is None:
                Registration.objects.create(
                    event=event,
                    user_id=row.user_id,
                    organisation_id=organisations.get(row.user_id),
                    role=row.role,
                    consent_at=row.recorded_at,
                    status=RegistrationStatus.CONFIRMED,
                    attended_at=row.recorded_at,
                    attendance_source=AttendanceSource.FORUM,
                    attendance_recorded_by=actor,
                )
                continue
            if registration.attended_at is not None and registration.status == RegistrationStatus.CONFIRMED:
                continue  # recorded before: the first time stays
            registration.status = RegistrationStatus.CONFIRMED
            registration.cancelled_at = None
            registration.attended_at = registration.attended_at or row.recorded_at
            registration.attendance_source = AttendanceSource.FORUM
        elif registration is not None and registration.attended_at is not None:
            registration.attended_at = None
            registration.attendance_source = ""
        else:
            continue
        registration.attendance_recorded_by = actor
        registration.save(
            update_fields=[
                "status",
                "cancelled_at",
                "attended_at",
                "attendance_source",
                "attendance_recorded_by",
                "updated_at",
            ]
        )


@receiver(signals.participants_changed, dispatch_uid="peer_review.events_bridge.participants_changed")
def participants_changed(sender, cycle: Cycle, **kwargs) -> None:
    """Someone left the cycle (an observer no longer accepted, a host coordinator or expert replaced): their
    registrations for its meetings are cancelled at once. Newcomers are registered when invitations go out."""
    from .services import invitees

    now = timezone.now()
    for meeting in cycle.meetings.filter(invitations_sent_at__isnull=False, event__isnull=False):
        _event, registrations = _locked(meeting)
        _withdraw(registrations.values(), set(invitees(meeting)), actor=None, now=now)


@receiver(post_delete, sender=Meeting, dispatch_uid="peer_review.events_bridge.meeting_deleted")
def meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    """A deleted meeting (or cycle) takes its event and registrations along, and the series once empty."""
    if instance.event_id is None:
        return
    event = Event.objects.filter(pk=instance.event_id).select_related("series").first()
    if event is None:
        return
    series = event.series
    event.delete()
    if series is not None and not series.events.exists():
        series.delete()
