"""Reminder e-mails before an event: confirmed participants only, once, with the event as iCalendar."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.enums import RegistrationStatus
from zitnet.events.services import send_reminders

pytestmark = pytest.mark.django_db


def test_confirmed_participants_of_events_starting_soon_are_reminded_once(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.ZITNET_EVENT_REMINDER_HOURS = 48
    now = timezone.now()
    soon = EventFactory(title="Superwizja grupy sieci", starts_at=now + timedelta(hours=30))
    later = EventFactory(title="Warsztat za tydzień", starts_at=now + timedelta(days=7))
    confirmed = RegistrationFactory(event=soon, user__email="uczestniczka@gmina.test")
    RegistrationFactory(event=soon, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=soon, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=later)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [m.to for m in mailoutbox] == [["uczestniczka@gmina.test"]]
    message = mailoutbox[0]
    assert "Superwizja grupy sieci" in message.subject
    assert message.attachments[0][0] == "wydarzenie.ics"
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None

    # Run again: nothing new. Five days later (a moved clock) the second event's turn comes.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
        assert send_reminders(now=now + timedelta(days=5, hours=12)) == 1
    assert len(mailoutbox) == 2 and "Warsztat za tydzień" in mailoutbox[1].subject


def test_events_that_started_are_not_reminded(mailoutbox):
    started = EventFactory(starts_at=timezone.now() - timedelta(minutes=5))
    RegistrationFactory(event=started)
    assert send_reminders() == 0 and mailoutbox == []
