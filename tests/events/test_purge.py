"""Accessibility needs are deleted a set time after the event (ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS)."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.forms import RegistrationForm
from zitnet.events.models import Registration
from zitnet.events.personal_data import purge_accessibility_needs

pytestmark = pytest.mark.django_db

ENDED = datetime(2026, 10, 1, 16, 0, tzinfo=timezone.get_fixed_timezone(0))


def event_ended(at: datetime, **fields):
    return EventFactory(starts_at=at - timedelta(hours=6), ends_at=at, **fields)


def needs_of(registration) -> tuple[str, object]:
    registration.refresh_from_db()
    return registration.accessibility_needs, registration.accessibility_needs_purged_at


@pytest.fixture
def registration(db):
    return RegistrationFactory(event=event_ended(ENDED), accessibility_needs="Tłumacz PJM")


def test_needs_stay_29_days_after_the_event_and_go_after_31(registration):
    assert purge_accessibility_needs(now=ENDED + timedelta(days=29)) == 0
    assert needs_of(registration) == ("Tłumacz PJM", None)

    moment = ENDED + timedelta(days=31)
    assert purge_accessibility_needs(now=moment) == 1
    assert needs_of(registration) == ("", moment)


def test_purging_again_changes_nothing(registration):
    first = ENDED + timedelta(days=31)
    purge_accessibility_needs(now=first)

    assert purge_accessibility_needs(now=first + timedelta(days=1)) == 0
    assert needs_of(registration) == ("", first)


def test_a_dry_run_counts_but_deletes_nothing(registration):
    assert purge_accessibility_needs(now=ENDED + timedelta(days=31), dry_run=True) == 1
    assert needs_of(registration) == ("Tłumacz PJM", None)


def test_only_needs_of_events_past_the_retention_go_and_the_rest_of_the_registration_stays(registration):
    attended = ENDED - timedelta(hours=2)
    Registration.objects.filter(pk=registration.pk).update(role="Inspektorka", attended_at=attended)
    recent = RegistrationFactory(event=event_ended(ENDED + timedelta(days=5)), accessibility_needs="Winda")
    no_needs = RegistrationFactory(event=registration.event)

    assert purge_accessibility_needs(now=ENDED + timedelta(days=31)) == 1

    registration.refresh_from_db()
    assert (registration.role, registration.attended_at, registration.status) == (
        "Inspektorka",
        attended,
        "confirmed",
    )
    assert needs_of(recent) == ("Winda", None)
    assert needs_of(no_needs) == ("", None)


def test_the_retention_is_a_setting(registration, settings):
    settings.ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS = 7

    assert purge_accessibility_needs(now=ENDED + timedelta(days=6)) == 0
    assert purge_accessibility_needs(now=ENDED + timedelta(days=8)) == 1


def test_each_purged_event_gets_an_audit_entry_without_the_needs(registration):
    RegistrationFactory(event=registration.event, accessibility_needs="Pętla indukcyjna")

    purge_accessibility_needs(now=ENDED + timedelta(days=31))

    [entry] = ModelLogEntry.objects.filter(action="zitnet.events.purge_needs")
    assert entry.object_id == str(registration.event.pk)
    assert entry.data == {"registrations": 2}
    assert "PJM" not in str(entry.data)


def test_the_command_uses_the_real_clock_and_reports_the_count(db):
    now = timezone.now()
    old = RegistrationFactory(event=event_ended(now - timedelta(days=31)), accessibility_needs="Pętla")
    recent = RegistrationFactory(event=event_ended(now - timedelta(days=29)), accessibility_needs="Winda")

    dry = StringIO()
    call_command("purge_accessibility_needs", "--dry-run", stdout=dry)
    assert "Would delete the accessibility needs of 1 registration(s)" in dry.getvalue()
    assert needs_of(old)[0] == "Pętla"

    out = StringIO()
    call_command("purge_accessibility_needs", stdout=out)
    assert "Deleted the accessibility needs of 1 registration(s)" in out.getvalue()
    assert "more than 30 days ago" in out.getvalue()
    assert needs_of(old)[0] == ""
    assert needs_of(recent)[0] == "Winda"

    again = StringIO()
    call_command("purge_accessibility_needs", stdout=again)
    assert "of 0 registration(s)" in again.getvalue()


def test_organisers_see_that_the_needs_were_deleted_after_the_event(client_for, registration, settings):
    settings.LANGUAGE_CODE = "en"
    organiser = UserFactory()
    registration.event.organisers.add(organiser)
    purge_accessibility_needs(now=ENDED + timedelta(days=31))

    page = client_for(organiser).get(registration.event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")

    text = page.content.decode()
    assert registration.user.display_name in text
    assert "deleted after the event" in text
    assert "Tłumacz PJM" not in text


def test_the_form_promises_the_configured_retention(user, settings):
    with translation.override("en"):
        assert "deleted 30 days after the event" in str(
            RegistrationForm(user=user).fields["accessibility_needs"].help_text
        )
        settings.ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS = 1
        assert "deleted 1 day after the event" in str(
            RegistrationForm(user=user).fields["accessibility_needs"].help_text
        )
