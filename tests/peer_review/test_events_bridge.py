"""The Forum's meetings as events of kind "Forum meeting": saved with the meeting, invitees registered without
the events e-mail, people who leave the cycle unregistered, attendance mirrored for the Leaders' Corps, the demo
meetings in the calendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from peer_review import services
from peer_review.enums import ApplicationStatus, CyclePhase, MeetingKind
from peer_review.models import Cycle, Meeting
from tests.factories import OrganisationFactory, UserFactory, grant
from tests.factories.peer_review import accepted, build_world, coordinator_user
from zitnet.accounts.enums import GlobalRole
from zitnet.core.errors import DomainError
from zitnet.events.enums import AttendanceSource, Audience, EventKind, EventMode, RegistrationStatus
from zitnet.events.models import Event, EventSeries, Registration

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
LINK = "https://spotkania.example.org/forum"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def login(person) -> Client:
    client = Client()
    client.force_login(person)
    session = client.session
    session["zitnet_2fa_ok"] = True  # coordinators' second factor, as after a TOTP sign-in
    session.save()
    return client


def preparatory(world, *, days: float = 7, **overrides) -> Meeting:
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    values = {
        "actor": world.coordinator,
        "cycle": world.cycle,
        "kind": MeetingKind.PREPARATORY,
        "title": "Spotkanie przygotowawcze Forum Oceny i Współpracy",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2, minutes=30),
        "online_url": LINK,
        "description": "Gospodarze przedstawiają wyzwania, obserwatorzy poznają materiały.",
    }
    values.update(overrides)
    return services.save_meeting(**values)


def registered(event) -> dict[int, Registration]:
    return {r.user_id: r for r in event.registrations.all()}


def active(event) -> set[int]:
    return set(
        event.registrations.exclude(status=RegistrationStatus.CANCELLED).values_list("user_id", flat=True)
    )


@pytest.fixture
def world():
    return build_world(phase=CyclePhase.ASSIGNMENT, observers=8)


def test_saving_a_meeting_creates_its_event_and_saving_again_updates_it(world):
    other_coordinator = grant(UserFactory(first_name="Druga"), GlobalRole.NETWORK_COORDINATOR)
    meeting = preparatory(world)
    event = meeting.event
    assert event is not None
    assert (event.kind, event.audience, event.mode, event.is_published) == (
        EventKind.FORUM_MEETING,
        Audience.INVITED,
        EventMode.ONLINE,
        True,
    )
    assert (event.title, event.starts_at, event.ends_at) == (
        meeting.title,
        meeting.starts_at,
        meeting.ends_at,
    )
    assert event.online_url == LINK
    assert event.description == meeting.description
    assert event.capacity is None
    assert not event.registration_is_open(event.starts_at - timedelta(days=30))
    assert not event.registration_is_open(event.starts_at + timedelta(minutes=1))
    assert set(event.organisers.all()) == {world.coordinator, other_coordinator}
    assert event.series.title == world.cycle.title
    assert event.slug == "spotkanie-przygotowawcze-forum-oceny-i-wspolpracy"

    later = meeting.starts_at + timedelta(days=1)
    services.save_meeting(
        actor=world.coordinator, cycle=world.cycle, kind=MeetingKind.PREPARATORY, meeting=meeting,
        title="Spotkanie przygotowawcze (nowy termin)", starts_at=later, ends_at=later + timedelta(hours=2),
        online_url="https://spotkania.example.org/forum-2",
    )  # fmt: skip
    event.refresh_from_db()
    assert Event.objects.filter(kind=EventKind.FORUM_MEETING).count() == 1
    assert (event.title, event.starts_at, event.online_url) == (
        "Spotkanie przygotowawcze (nowy termin)",
        later,
        "https://spotkania.example.org/forum-2",
    )
    assert event.slug == "spotkanie-przygotowawcze-forum-oceny-i-wspolpracy"  # the address stays


def test_the_onsite_meeting_is_on_site_at_its_venue_in_the_same_series_and_a_second_cycle_gets_its_own(world):
    venue = world.hosts[0].organisation
    start = timezone.now() + timedelta(days=20)
    onsite = services.save_meeting(
        actor=None, cycle=world.cycle, kind=MeetingKind.ONSITE, title="Spotkanie stacjonarne w Kaliszu",
        starts_at=start, ends_at=start + timedelta(days=1, hours=6), venue=venue, address="Kalisz",
    )  # fmt: skip
    online = preparatory(world)
    assert (onsite.event.mode, onsite.event.venue, onsite.event.address) == (
        EventMode.ONSITE,
        venue,
        "Kalisz",
    )
    assert onsite.event.online_url == ""
    assert onsite.event.series == online.event.series
    assert list(onsite.event.series.events.order_by("starts_at")) == [online.event, onsite.event]

    second = build_world(phase=CyclePhase.ASSIGNMENT, observers=4, coordinator=world.coordinator)
    again = services.save_meeting(
        actor=None, cycle=second.cycle, kind=MeetingKind.ONSITE, title="Spotkanie stacjonarne w Kaliszu",
        starts_at=start, ends_at=start + timedelta(hours=6), address="Kalisz", online_url=LINK,
    )  # fmt: skip
    assert again.event.mode == EventMode.HYBRID  # on site, and a link to join
    assert again.event.slug == f"{onsite.event.slug}-2"
    assert again.event.series != onsite.event.series
    assert again.event.series.slug == second.cycle.slug


def test_a_refused_meeting_leaves_no_event(world):
    with pytest.raises(DomainError):
        preparatory(world, online_url="")
    assert not Event.objects.exists()
    assert not EventSeries.objects.exists()


def test_invitations_register_every_invitee_once_without_the_events_email(
    world, django_capture_on_commit_callbacks
):
    meeting = preparatory(world)
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.send_invitations(actor=world.coordinator, meeting=meeting)
    observers = accepted(world)
    people = {*(u.pk for u in world.host_coordinators), *(u.pk for u in world.experts)}
    people |= {a.user_id for a in observers}
    rows = registered(meeting.event)
    assert invited == len(people) and set(rows) == people
    assert {r.status for r in rows.values()} == {RegistrationStatus.CONFIRMED}
    assert all(r.consent_at is not None for r in rows.values())
    for application in observers:
        assert rows[application.user_id].organisation_id == application.organisation_id
    for host, person in zip(world.hosts, world.host_coordinators, strict=True):
        assert rows[person.pk].organisation_id == host.organisation_id
    # Only the Forum's invitation: no "Your place" e-mail of the events app.
    with translation.override("pl"):  # each person's language: Polish by default
        invitation = "[ZITnet] " + translation.gettext("Invitation: %(meeting)s") % {"meeting": meeting.title}
    assert {m.subject for m in mail.outbox} == {invitation}
    assert len(mail.outbox) == len(people)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_invitations(actor=world.coordinator, meeting=meeting) == 0
    assert Registration.objects.filter(event=meeting.event).count() == len(people)
    assert len(mail.outbox) == len(people)


def test_without_observers_invited_only_hosts_and_experts_are_registered(world):
    meeting = preparatory(world, invite_observers=False)
    services.send_invitations(actor=None, meeting=meeting)
    assert active(meeting.event) == {*(u.pk for u in world.host_coordinators), *(u.pk for u in world.experts)}


def test_people_who_leave_the_cycle_lose_their_registration_and_the_event(world):
    meeting = preparatory(world)
    services.send_invitations(actor=None, meeting=meeting)
    leaving = accepted(world)[0]
    replaced_expert = world.experts[0]
    services.decide_application(actor=None, application=leaving, status=ApplicationStatus.WAITLISTED)
    new_expert = grant(UserFactory(first_name="Nowy"), GlobalRole.EXPERT)
    services.update_host(
        actor=None, host=world.hosts[0], coordinator=world.host_coordinators[0], experts=[new_expert]
    )

    rows = registered(meeting.event)
    assert rows[leaving.user_id].status == RegistrationStatus.CANCELLED
    assert rows[leaving.user_id].cancelled_at is not None
    assert rows[replaced_expert.pk].status == RegistrationStatus.CANCELLED
    assert new_expert.pk not in rows  # newcomers are registered when invitations go out
    assert not Event.objects.visible_to(leaving.user).filter(pk=meeting.event_id).exists()
    assert login(leaving.user).get(meeting.event.get_absolute_url()).status_code == 404

    services.send_invitations(actor=None, meeting=meeting)
    assert new_expert.pk in active(meeting.event)
    assert leaving.user_id not in active(meeting.event)
    services.decide_application(actor=None, application=leaving, status=ApplicationStatus.ACCEPTED)
    services.send_invitations(actor=None, meeting=meeting)
    assert leaving.user_id in active(meeting.event)
    assert Registration.objects.filter(event=meeting.event, user_id=leaving.user_id).count() == 1


def test_attendance_is_mirrored_into_the_registrations(world):
    meeting = preparatory(world, days=-1)  # held yesterday
    services.send_invitations(actor=None, meeting=meeting)
    came, also_came = world.host_coordinators[0], accepted(world)[0].user
    recorder = world.coordinator

    services.record_attendance(actor=recorder, meeting=meeting, present=[came.pk, also_came.pk])
    rows = registered(meeting.event)
    attended = {pk for pk, r in rows.items() if r.attended_at is not None}
    assert attended == {came.pk, also_came.pk}
    assert rows[came.pk].attendance_source == AttendanceSource.FORUM
    assert rows[came.pk].attendance_recorded_by == recorder
    first_time = rows[came.pk].attended_at

    services.record_attendance(actor=recorder, meeting=meeting, present=[came.pk])
    rows = registered(meeting.event)
    assert rows[came.pk].attended_at == first_time  # recorded again: the first time stays
    assert rows[also_came.pk].attended_at is None
    assert rows[also_came.pk].attendance_source == ""
    assert rows[also_came.pk].status == RegistrationStatus.CONFIRMED


def test_the_event_page_links_to_the_meeting_for_the_cycles_people(world):
    meeting = preparatory(world)
    services.send_invitations(actor=None, meeting=meeting)
    observer = accepted(world)[0].user
    page = login(observer).get(meeting.event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    assert "This is a meeting of the Assessment and Cooperation Forum." in text
    assert f'href="{meeting.get_absolute_url()}"' in text
    assert LINK in text  # a confirmed participant sees the link to join
    coordinator = login(world.coordinator).get(meeting.event.get_absolute_url()).content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in coordinator


def test_deleting_a_cycle_removes_its_events_and_series(world):
    meeting = preparatory(world)
    services.send_invitations(actor=None, meeting=meeting)
    other = Event.objects.create(
        title="Warsztat", slug="warsztat", kind=EventKind.WORKSHOP, starts_at=meeting.starts_at,
        ends_at=meeting.ends_at, series=EventSeries.objects.create(title="Moduł", slug="modul"),
    )  # fmt: skip
    Cycle.objects.filter(pk=world.cycle.pk).delete()
    assert list(Event.objects.all()) == [other]
    assert list(EventSeries.objects.all()) == [other.series]
    assert not Registration.objects.exists()


def test_the_demo_meetings_are_events_with_the_cycles_people_registered():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    forum = Cycle.objects.get(slug="forum-oceny-2025-2026")
    events = {m.kind: m.event for m in forum.meetings.select_related("event__series")}
    prep, onsite = events[MeetingKind.PREPARATORY], events[MeetingKind.ONSITE]
    assert prep.series == onsite.series
    assert prep.series.title == "Forum Oceny i Współpracy 2025–2026"
    assert (prep.mode, prep.starts_at) == (EventMode.ONLINE, datetime(2026, 10, 1, 10, tzinfo=WARSAW))
    assert (onsite.mode, onsite.address) == (EventMode.ONSITE, "Kalisz")
    assert onsite.starts_at.astimezone(WARSAW).date().isoformat() == "2026-10-15"
    people = services.invitees(forum.meetings.get(kind=MeetingKind.ONSITE))
    assert len(people) >= 30 + 3
    for event in (prep, onsite):
        assert event.kind == EventKind.FORUM_MEETING and event.audience == Audience.INVITED
        assert active(event) == set(people)
    observer = forum.applications.filter(status=ApplicationStatus.ACCEPTED).first()
    assert Registration.objects.get(event=onsite, user=observer.user).organisation == observer.organisation


def test_deleting_a_meeting_deletes_its_event_but_not_the_venue(world):
    venue = OrganisationFactory(name="Centrum Kultury w Kaliszu")
    start = timezone.now() + timedelta(days=3)
    meeting = services.save_meeting(
        actor=coordinator_user(), cycle=world.cycle, kind=MeetingKind.ONSITE, title="Spotkanie w Kaliszu",
        starts_at=start, ends_at=start + timedelta(hours=6), venue=venue,
    )  # fmt: skip
    assert meeting.event.venue == venue
    meeting.delete()
    assert not Event.objects.exists()
    assert not EventSeries.objects.exists()
    venue.refresh_from_db()  # still in the directory
