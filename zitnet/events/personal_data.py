"""What the events app holds about a person, for export and erasure (see zitnet.privacy), and the retention of
accessibility needs (special-category data, deleted a set time after the event)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from zitnet.core.audit import record
from zitnet.privacy.registry import PersonalDataSection

from .models import Event, Registration


def export_registrations(user) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "starts": r.event.starts_at.isoformat(),
            "organisation": r.organisation.name if r.organisation else None,
            "role": r.role,
            "accessibility_needs": r.accessibility_needs,
            "status": r.status,
            "attended": r.attended_at.isoformat() if r.attended_at else None,
            "registered": r.created_at.isoformat(),
            "consent_given": r.consent_at.isoformat() if r.consent_at else None,
        }
        for r in Registration.objects.filter(user=user).select_related("event", "organisation")
    ]


def erase_registrations(user) -> None:
    # The rows stay for attendance totals; what the person told us about themselves goes.
    Registration.objects.filter(user=user).update(role="", accessibility_needs="")


events_section = PersonalDataSection(
    key="events",
    description=_("Registrations for events, with the accessibility needs you gave"),
    export=export_registrations,
    erase=erase_registrations,
)


def needs_retention_days() -> int:
    return settings.ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS


def needs_to_purge(*, now: datetime):
    """Registrations still holding accessibility needs of events that ended more than the retention ago."""
    cutoff = now - timedelta(days=needs_retention_days())
    return Registration.objects.filter(event__ends_at__lt=cutoff).exclude(accessibility_needs="")


@transaction.atomic
def purge_accessibility_needs(*, now: datetime, dry_run: bool = False) -> int:
    """Delete the accessibility needs given for events that ended more than the retention period before `now`.

    Returns how many registrations had needs to delete (with `dry_run`, nothing is written). Idempotent: a purged
    registration holds no needs any more. Side effects: `accessibility_needs_purged_at` set; one audit entry per
    event (the count only, never the needs).
    """
    registrations = needs_to_purge(now=now)
    per_event = dict(registrations.values("event").annotate(n=Count("pk")).values_list("event", "n"))
    if dry_run or not per_event:
        return sum(per_event.values())
    purged = registrations.update(accessibility_needs="", accessibility_needs_purged_at=now)
    for event in Event.objects.filter(pk__in=per_event):
        record(event, "zitnet.events.purge_needs", user=None, data={"registrations": per_event[event.pk]})
    return purged
