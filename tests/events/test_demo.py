"""seed_demo's events: the seeds' events with their dates and places, a full event with a waiting list, twice."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from zitnet.events import selectors
from zitnet.events.enums import Audience, EventKind, EventMode, RegistrationStatus
from zitnet.events.models import Event, EventSeries, Registration

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seeding_twice_adds_nothing_and_the_seed_events_are_there():
    seed()
    counts = (EventSeries.objects.count(), Event.objects.count(), Registration.objects.count())
    seed()
    assert (EventSeries.objects.count(), Event.objects.count(), Registration.objects.count()) == counts

    module = EventSeries.objects.get(title="Moduł zarządzania strategicznego")
    in_module = module.events.all()
    assert in_module.filter(kind=EventKind.WORKSHOP, slug__startswith="zasady-horyzontalne").count() == 4
    assert in_module.filter(kind=EventKind.WORKSHOP, slug__startswith="zarzadzanie-projektami").count() == 5
    assert in_module.filter(kind=EventKind.WORKSHOP, slug__startswith="rozwoj-mof").count() == 5
    assert in_module.filter(kind=EventKind.SUPERVISION).count() == 5
    assert set(in_module.values_list("organiser__short_name", flat=True)) == {"ZIT AW", "ZIT AJ", "ZIT AKO"}

    # Seed 002: the dates and places as given.
    inaugural = Event.objects.get(title="MOF4US: warsztat inaugurujący cykl „Nowoczesna edukacja”")
    assert inaugural.starts_at.astimezone(WARSAW).date() == date(2025, 9, 25)
    assert inaugural.place == "Kraków"
    assert (inaugural.ends_at - inaugural.starts_at).total_seconds() == 5 * 3600
    webinars = Event.objects.filter(kind=EventKind.WEBINAR, series__slug="mof4us-nowoczesna-edukacja")
    assert sorted(e.starts_at.astimezone(WARSAW).strftime("%d.%m.%Y") for e in webinars) == [
        "12.12.2025",
        "24.10.2025",
        "28.11.2025",
    ]
    consultation = Event.objects.get(kind=EventKind.CONSULTATION)
    assert consultation.starts_at.astimezone(WARSAW).strftime("%d.%m.%Y %H:%M") == "02.10.2025 10:00"
    assert consultation.mode == EventMode.ONLINE
    assert Event.objects.filter(kind=EventKind.STUDY_VISIT).exists()
    assert Event.objects.filter(kind=EventKind.CONFERENCE, organiser__short_name="ZIT WrOF").exists()
    assert all(e.description for e in Event.objects.all())


def test_one_event_is_full_with_a_waiting_list_in_order():
    seed()
    full = Event.objects.get(slug="superwizja-5-komunikacja-i-emocje")

    assert full.audience == Audience.MEMBERS
    assert selectors.confirmed_count(full) == full.capacity
    assert [r.user.email for r in selectors.waiting_list(full)] == [
        "obserwator@zitnet.test",
        "adam.michalak@zitnet.test",
    ]
    assert full.organisers.filter(email="moderator@zitnet.test").exists()


def test_no_demo_event_is_overbooked_and_the_demo_member_has_registrations():
    seed()
    for event in Event.objects.exclude(capacity=None):
        assert selectors.confirmed_count(event) <= event.capacity, event.slug
    mine = selectors.my_registrations(
        Registration.objects.get(
            user__email="czlonek@zitnet.test", event__slug="mof4us-konferencja-cal-scal"
        ).user
    )
    assert mine.filter(status=RegistrationStatus.CONFIRMED).count() >= 3
    assert all(r.organisation is not None for r in mine)


def test_the_leaders_corps_has_eligible_demo_people_and_a_proposal():
    from zitnet.events import leaders
    from zitnet.events.enums import CandidateStatus
    from zitnet.events.models import LeaderSelection

    seed()
    selection = LeaderSelection.objects.get(title="Korpus Liderów Samorządowych 2026")
    assert list(selection.series.values_list("title", flat=True)) == ["Moduł zarządzania strategicznego"]
    eligible = leaders.eligible(selection)
    assert len(eligible) >= 20
    assert all(person.forms >= 10 for person in eligible)
    associations = {person.association.pk for person in eligible if person.association}
    assert len(associations) >= 10
    assert sum(person.is_new_association for person in eligible) >= 5
    # The proposal is made, not confirmed: 15 proposed, new associations first, the rest in reserve.
    assert selection.confirmed_at is None
    candidates = list(leaders.candidates(selection))
    assert len(candidates) == len(eligible) >= 15
    proposed = [c for c in candidates if c.status == CandidateStatus.PROPOSED]
    assert [c.rank for c in proposed] == list(range(1, 16))
    assert proposed[0].association.is_new_zit_association
    # Attendance is of past events only, and seeding again changes nothing.
    attended = Registration.objects.filter(
        attended_at__isnull=False, event__series__slug="modul-zarzadzania-strategicznego"
    )
    assert all(
        r.event.starts_at <= r.attended_at <= r.event.ends_at for r in attended.select_related("event")
    )
    counts = (attended.count(), selection.candidates.count())
    seed()
    assert (attended.count(), selection.candidates.count()) == counts
