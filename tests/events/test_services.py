"""Registration and cancellation: places, the waiting list by priority, the window, consents, the last seat."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, connections
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.core.errors import DomainError
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.events import selectors, services
from zitnet.events.enums import Audience, EventMode, RegistrationStatus
from zitnet.events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English; the Polish ones are checked by the catalogue test and the pages.
    with translation.override("en"):
        yield


C, W, X = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED


def register(user, event, **kwargs):
    kwargs.setdefault("consent", True)
    return services.register(user=user, event=event, **kwargs)


def status_of(user, event) -> str:
    return Registration.objects.get(user=user, event=event).status


def test_places_are_confirmed_while_they_last_then_people_wait():
    event = EventFactory(capacity=2)
    people = UserFactory.create_batch(3)

    statuses = [register(person, event).status for person in people]

    assert statuses == [C, C, W]
    assert selectors.confirmed_count(event) == 2
    assert [r.user for r in selectors.waiting_list(event)] == [people[2]]


def test_an_event_without_a_limit_confirms_everyone():
    event = EventFactory(capacity=None)
    assert {register(person, event).status for person in UserFactory.create_batch(5)} == {C}


def test_registering_twice_is_refused_with_a_message(user):
    event = EventFactory()
    register(user, event)

    with pytest.raises(DomainError) as refused:
        register(user, event)

    assert refused.value.code == "duplicate"
    assert "already registered" in str(refused.value.message)
    assert Registration.objects.filter(event=event, user=user).count() == 1


@pytest.mark.parametrize(
    "when",
    [
        {"registration_opens_at": timezone.now() + timedelta(days=2)},
        {"registration_closes_at": timezone.now() - timedelta(minutes=1)},
        {
            "starts_at": timezone.now() - timedelta(hours=1),
            "ends_at": timezone.now() + timedelta(hours=3),
            "registration_opens_at": None,
            "registration_closes_at": None,
        },
    ],
    ids=["before-it-opens", "after-it-closes", "after-the-start"],
)
def test_registering_outside_the_window_is_refused(user, when):
    event = EventFactory(**when)

    with pytest.raises(DomainError) as refused:
        register(user, event)

    assert refused.value.code == "closed"
    assert "closed" in str(refused.value.message)
    assert not Registration.objects.filter(event=event).exists()


def test_a_members_only_event_refuses_a_person_without_an_organisation(user, member):
    event = EventFactory(audience=Audience.MEMBERS)

    with pytest.raises(PermissionDenied):
        register(user, event)

    assert register(member, event).status == C
    assert list(Registration.objects.filter(event=event).values_list("user", flat=True)) == [member.pk]


def test_an_unpublished_event_takes_no_registrations(user):
    with pytest.raises(PermissionDenied):
        register(user, EventFactory(is_published=False))


def test_consent_is_required(user):
    event = EventFactory()

    with pytest.raises(DomainError) as refused:
        register(user, event, consent=False)

    assert "consent" in str(refused.value.message)
    assert not Registration.objects.filter(event=event).exists()


def test_the_organisation_must_be_one_of_the_persons(member, organisation, other_organisation):
    event = EventFactory()

    with pytest.raises(DomainError) as refused:
        register(member, event, organisation=other_organisation)
    assert "organisation you are a member of" in str(refused.value.message)

    registration = register(
        member,
        event,
        organisation=organisation,
        role="  Inspektorka ds. rozwoju  ",
        accessibility_needs="pętla",
    )
    assert (registration.organisation, registration.role, registration.accessibility_needs) == (
        organisation,
        "Inspektorka ds. rozwoju",
        "pętla",
    )
    assert registration.consent_at is not None


def test_a_registration_confirmed_by_mail_carries_the_event_for_the_calendar(
    user, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(
        title="Superwizja dla grup sieci", mode=EventMode.ONLINE, online_url="https://zoom.test/j/1"
    )

    with django_capture_on_commit_callbacks(execute=True):
        register(user, event)

    [mail] = mailoutbox
    assert mail.to == [user.email]
    assert "Superwizja dla grup sieci" in mail.subject
    assert "https://zoom.test/j/1" in mail.body
    assert [a[0] for a in mail.attachments] == ["wydarzenie.ics"]


def test_no_mail_leaves_before_the_commit(user, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(user, EventFactory())
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def member_of(organisation):
    return MembershipFactory(organisation=organisation).user


def test_a_cancelled_place_goes_by_priority_and_the_promoted_person_gets_the_event_by_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(
        title="Zarządzanie rozwojem MOF – warsztat 2",
        capacity=1,
        mode=EventMode.HYBRID,
        online_url="https://teams.test/meetup/mof-2",
        target_voivodeships=[Voivodeship.DOLNOSLASKIE],
    )
    old_association = OrganisationFactory(voivodeship=Voivodeship.WIELKOPOLSKIE)
    in_target = OrganisationFactory(voivodeship=Voivodeship.DOLNOSLASKIE)
    new_association = OrganisationFactory(voivodeship=Voivodeship.LODZKIE, is_new_zit_association=True)
    # A municipality counts as new through the new association it belongs to.
    municipality = OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL, voivodeship=Voivodeship.LODZKIE
    )
    municipality.associations.add(new_association)

    holder = UserFactory()
    register(holder, event)
    first, target, new, late_target = (
        member_of(old_association),
        member_of(in_target),
        member_of(municipality),
        member_of(in_target),
    )
    for person, organisation in [
        (first, old_association),
        (target, in_target),
        (late_target, in_target),
        (new, municipality),
    ]:
        assert register(person, event, organisation=organisation).status == W
    assert [r.user for r in selectors.waiting_list(event)] == [new, target, late_target, first]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(user=holder, registration=Registration.objects.get(user=holder, event=event))

    assert (status_of(holder, event), status_of(new, event)) == (X, C)
    assert {status_of(p, event) for p in (first, target, late_target)} == {W}
    assert Registration.objects.get(user=new, event=event).promoted_at is not None
    assert selectors.confirmed_count(event) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([holder.email, new.email])
    [promoted] = [m for m in mailoutbox if m.to == [new.email]]
    assert "Zarządzanie rozwojem MOF – warsztat 2" in promoted.subject
    [(name, content, mimetype)] = promoted.attachments
    assert (name, mimetype.split(";")[0]) == ("wydarzenie.ics", "text/calendar")
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Zarządzanie rozwojem MOF – warsztat 2"
    assert vevent["DTSTART"].dt == event.starts_at
    assert "https://teams.test/meetup/mof-2" in str(vevent["DESCRIPTION"])
    [cancelled] = [m for m in mailoutbox if m.to == [holder.email]]
    assert cancelled.attachments == []

    # Next in line: the target voivodeship, and within it the earlier registration.
    services.cancel(user=new, registration=Registration.objects.get(user=new, event=event))
    assert (status_of(target, event), status_of(late_target, event), status_of(first, event)) == (C, W, W)


def test_cancelling_a_waiting_place_promotes_nobody():
    event = EventFactory(capacity=1)
    holder, waiting, behind = UserFactory.create_batch(3)
    for person in (holder, waiting, behind):
        register(person, event)

    services.cancel(user=waiting, registration=Registration.objects.get(user=waiting, event=event))

    assert (status_of(holder, event), status_of(waiting, event), status_of(behind, event)) == (C, X, W)


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue():
    event = EventFactory(capacity=1)
    holder, early, later = UserFactory.create_batch(3)
    for person in (holder, early, later):
        register(person, event)

    services.cancel(user=early, registration=Registration.objects.get(user=early, event=event))
    again = register(early, event)

    assert again.status == W
    assert again.cancelled_at is None
    assert Registration.objects.filter(event=event, user=early).count() == 1
    assert [r.user for r in selectors.waiting_list(event)] == [later, early]
    services.cancel(user=holder, registration=Registration.objects.get(user=holder, event=event))
    assert (status_of(later, event), status_of(early, event)) == (C, W)


def test_cancelling_after_the_start_is_refused():
    event = EventFactory(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(hours=2)
    )
    registration = RegistrationFactory(event=event)

    with pytest.raises(DomainError) as refused:
        services.cancel(user=registration.user, registration=registration)

    assert "started" in str(refused.value.message)
    assert status_of(registration.user, event) == C


def test_cancelling_twice_is_refused():
    registration = RegistrationFactory(status=X)
    with pytest.raises(DomainError):
        services.cancel(user=registration.user, registration=registration)


def test_only_the_person_or_an_organiser_cancels_a_registration(user):
    organiser = UserFactory()
    event = EventFactory(organisers=[organiser])
    registration = RegistrationFactory(event=event)

    with pytest.raises(PermissionDenied):
        services.cancel(user=user, registration=registration)
    assert status_of(registration.user, event) == C

    services.cancel(user=organiser, registration=registration)
    assert status_of(registration.user, event) == X


# --- the last seat ------------------------------------------------------------------------------------------


def _register_at_once(event, people) -> list:
    """Each person registers from their own thread and database connection, released together."""
    barrier = threading.Barrier(len(people))
    outcomes: list = [None] * len(people)

    def attempt(index, person):
        try:
            barrier.wait(timeout=10)
            for _try in range(50):
                try:
                    outcomes[index] = services.register(user=person, event=event, consent=True).status
                    return
                except OperationalError as exc:
                    # SQLite's shared in-memory test database answers a second writer at once with "locked"
                    # instead of waiting (PostgreSQL queues it on the row lock); the person tries again,
                    # as a browser would. The service itself is never retried or changed.
                    if connection.vendor != "sqlite" or "locked" not in str(exc):
                        raise
                    threading.Event().wait(0.02)
            outcomes[index] = "gave up"
        except Exception as exc:  # noqa: BLE001 - reported to the main thread as the outcome
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n, person)) for n, person in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_place_goes_to_exactly_one_of_two_people_asking_at_the_same_moment():
    event = EventFactory(capacity=3)
    for person in UserFactory.create_batch(2):
        register(person, event)
    first, second = UserFactory.create_batch(2)

    outcomes = _register_at_once(event, [first, second])

    assert sorted(outcomes) == [C, W], outcomes
    assert selectors.confirmed_count(event) == 3
    assert Registration.objects.filter(event=event, status=W).count() == 1
    assert {status_of(first, event), status_of(second, event)} == {C, W}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_people_at_once_never_overbook_an_event():
    event = EventFactory(capacity=2)
    people = UserFactory.create_batch(6)

    outcomes = _register_at_once(event, people)

    assert sorted(outcomes) == [C, C, W, W, W, W], outcomes
    assert selectors.confirmed_count(event) == 2
