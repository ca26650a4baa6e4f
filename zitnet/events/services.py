"""Writes of events: registration (never over capacity), cancellation with promotion from the waiting list.

Registration locks the event row, so two people asking for the last place get it one after the other: one is
confirmed, the other waits. E-mails go after the commit, with the event as an iCalendar attachment.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zitnet.accounts.enums import MembershipStatus
from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .calendar import event_ics
from .enums import Audience, RegistrationStatus
from .models import Event, Registration
from .selectors import confirmed_count, waiting_list

MAIL_SUBJECTS = {
    "confirmed": gettext_lazy("Your place: %(event)s"),
    "waitlisted": gettext_lazy("Waiting list: %(event)s"),
    "promoted": gettext_lazy("A place became free for you: %(event)s"),
    "cancelled": gettext_lazy("Registration cancelled: %(event)s"),
    "reminder": gettext_lazy("Reminder: %(event)s"),
}


def _mail(registration: Registration, kind: str) -> None:
    user, event = registration.user, registration.event
    if not user.email or not user.is_active:
        return

    def send() -> None:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = str(MAIL_SUBJECTS[kind]) % {"event": event.title}
            body = render_to_string(
                "events/email/registration.txt",
                {"registration": registration, "event": event, "kind": kind, "user": user,
                 "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + event.get_absolute_url()},
            )  # fmt: skip
            message = EmailMessage(f"[ZITnet] {subject}", body, None, [user.email])
            if kind in {"confirmed", "promoted", "reminder"}:
                message.attach(
                    "wydarzenie.ics", event_ics(event, with_link=True), "text/calendar; method=PUBLISH"
                )
            message.send(fail_silently=False)

    transaction.on_commit(send)


def _check_organisation(user, organisation) -> None:
    if organisation is None:
        return
    if not user.memberships.filter(organisation=organisation, status=MembershipStatus.ACTIVE).exists():
        raise DomainError(_("Choose an organisation you are a member of, or none."))


@transaction.atomic
def register(
    *,
    user,
    event: Event,
    organisation=None,
    role: str = "",
    accessibility_needs: str = "",
    consent: bool = False,
) -> Registration:
    """Register for an event: confirmed while places remain, else on the waiting list.

    Refuses events the person may not see, a closed registration window, a second registration and a missing
    consent. Side effects: audit entry; e-mail (with the .ics when confirmed).
    """
    if not user.has_perm("events.register", event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.audience == Audience.INVITED:
        raise DomainError(_("This meeting is by invitation only: the Forum registers the people it invites."))
    if event.audience == Audience.MEMBERS and not user.organisation_roles:
        raise DomainError(_("This event is for members of the network's organisations."))
    if not event.registration_is_open():
        raise DomainError(_("Registration for this event is closed."), code="closed")
    if not consent:
        raise DomainError(_("Registration needs your consent to the processing of your data for this event."))
    _check_organisation(user, organisation)
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.is_active:
        raise DomainError(_("You are already registered for this event."), code="duplicate")
    full = event.capacity is not None and confirmed_count(event) >= event.capacity
    status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    values = {
        "organisation": organisation,
        "role": role.strip()[:150],
        "accessibility_needs": accessibility_needs.strip()[:1000],
        "consent_at": timezone.now(),
        "status": status,
        "cancelled_at": None,
        "promoted_at": None,
    }
    if existing is not None:  # registering again after cancelling: a new place in the queue
        for name, value in values.items():
            setattr(existing, name, value)
        existing.created_at = timezone.now()
        existing.save()
        registration = existing
    else:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(event=event, user=user, **values)
        except IntegrityError as exc:
            raise DomainError(_("You are already registered for this event."), code="duplicate") from exc
    record(registration, "zitnet.events.register", user=user, data={"status": status})
    _mail(registration, "confirmed" if status == RegistrationStatus.CONFIRMED else "waitlisted")
    return registration


@transaction.atomic
def cancel(*, user, registration: Registration) -> Registration:
    """Cancel one's registration before the event; a freed place goes to the first on the waiting list by
    priority. Side effects: audit entries; e-mails to the person and to the one promoted."""
    if registration.user_id != user.pk and not user.has_perm("events.manage_event", registration.event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if event.audience == Audience.INVITED:
        raise DomainError(_("This meeting is by invitation; to decline, write to the Forum's coordinators."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This registration is already cancelled."))
    if event.starts_at <= timezone.now():
        raise DomainError(_("The event has started; registrations can no longer be cancelled."))
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    record(registration, "zitnet.events.cancel", user=user)
    _mail(registration, "cancelled")
    if was_confirmed:
        promote(event=event)
    return registration


def promote(*, event: Event) -> list[Registration]:
    """Fill free places from the waiting list in priority order (call with the event row locked)."""
    promoted = []
    free = None if event.capacity is None else event.capacity - confirmed_count(event)
    for registration in waiting_list(event):
        if free is not None and free <= 0:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        record(registration, "zitnet.events.promote", user=None)
        _mail(registration, "promoted")
        promoted.append(registration)
        if free is not None:
            free -= 1
    return promoted


def send_reminders(*, now=None, hours: int | None = None) -> int:
    """E-mail every confirmed participant of an event starting within `hours` (ZITNET_EVENT_REMINDER_HOURS,
    default 48) a reminder with the event as iCalendar, once per registration. Returns how many were sent.
    Side effects: Registration.reminded_at, e-mails after commit."""
    now = now or timezone.now()
    hours = settings.ZITNET_EVENT_REMINDER_HOURS if hours is None else hours
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(of=("self",))
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminded_at__isnull=True,
                event__is_published=True,
                event__starts_at__gt=now,
                event__starts_at__lte=now + timedelta(hours=hours),
            )
            .select_related("event", "event__venue", "user")
        )
        for registration in due:
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            _mail(registration, "reminder")
            sent += 1
    return sent
