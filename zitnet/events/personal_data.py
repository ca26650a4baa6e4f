"""What the events app holds about a person, for export and erasure (see zitnet.privacy)."""

from django.utils.translation import gettext_lazy as _

from zitnet.privacy.registry import PersonalDataSection

from .models import Registration


def export_registrations(user) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "starts": r.event.starts_at.isoformat(),
            "organisation": r.organisation.name if r.organisation else None,
            "role": r.role,
            "accessibility_needs": r.accessibility_needs,
            "status": r.status,
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
