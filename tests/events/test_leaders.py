"""The Leaders' Corps: counting forms of support, the explained proposal, swaps, confirmation and their refusals."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, EventSeriesFactory, RegistrationFactory
from zitnet.core.errors import DomainError
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.events import leaders
from zitnet.events.enums import AttendanceSource, CandidateStatus, RegistrationStatus
from zitnet.events.models import LeaderSelection, Registration
from zitnet.events.scale import PREFIX, seed_events

pytestmark = pytest.mark.django_db

P, R, C, X = (
    CandidateStatus.PROPOSED,
    CandidateStatus.RESERVE,
    CandidateStatus.CONFIRMED,
    CandidateStatus.REJECTED,
)


def past_event(series=None, *, days_ago: int = 30):
    starts = timezone.now().replace(microsecond=0) - timedelta(days=days_ago)
    return EventFactory(series=series, starts_at=starts, ends_at=starts + timedelta(hours=4))


def attend(user, events, *, organisation=None, status=RegistrationStatus.CONFIRMED, attended=True):
    for event in events:
        RegistrationFactory(
            event=event,
            user=user,
            organisation=organisation,
            status=status,
            attended_at=event.ends_at if attended else None,
            attendance_source=AttendanceSource.CHECK_IN if attended else "",
        )


def selection(*, series=(), size=15, minimum=10, title="Korpus Liderów Samorządowych 2026"):
    chosen = LeaderSelection.objects.create(title=title, size=size, minimum_forms=minimum)
    chosen.series.set(series)
    return chosen


def association(name, *, new=False, voivodeship=Voivodeship.DOLNOSLASKIE):
    return OrganisationFactory(
        name=name, short_name=name, is_new_zit_association=new, voivodeship=voivodeship
    )


@pytest.fixture
def events(db):
    """Twelve past events, each a day apart, the oldest first."""
    return [past_event(days_ago=100 - n) for n in range(12)]


def by_user(people):
    return {p.user: p for p in people}


# --- counting ------------------------------------------------------------------------------------------------------


def test_forms_are_distinct_events_attended_on_confirmed_registrations_only(events):
    person = UserFactory()
    attend(person, events[:3])
    attend(person, events[3:4], attended=False)  # registered, did not come
    attend(person, events[4:5], status=RegistrationStatus.CANCELLED)  # attendance on a cancelled registration
    attend(person, events[5:6], status=RegistrationStatus.WAITLISTED)

    assert leaders.forms_attended(person) == 3
    [found] = leaders.eligible(selection(minimum=3))
    assert (found.user, found.forms) == (person, 3)
    assert leaders.eligible(selection(minimum=4)) == []


def test_forms_count_within_the_selections_series_or_every_event_without_one(events):
    module = EventSeriesFactory(title="Moduł zarządzania strategicznego")
    other = EventSeriesFactory(title="MOF4US")
    in_module = [past_event(module, days_ago=10 + n) for n in range(3)]
    in_other = [past_event(other, days_ago=20 + n) for n in range(2)]
    person = UserFactory()
    attend(person, [*in_module, *in_other, events[0]])

    assert leaders.forms_attended(person, [module.pk]) == 3
    assert [p.forms for p in leaders.eligible(selection(series=[module], minimum=3))] == [3]
    assert [p.forms for p in leaders.eligible(selection(series=[module, other], minimum=3))] == [5]
    assert [p.forms for p in leaders.eligible(selection(minimum=3))] == [6]
    assert leaders.eligible(selection(series=[other], minimum=3)) == []


def test_threshold_and_order_most_forms_first(events):
    many, enough, few = UserFactory(), UserFactory(), UserFactory()
    attend(many, events[:12])
    attend(enough, events[:10])
    attend(few, events[:9])

    found = leaders.eligible(selection(minimum=10))

    assert [(p.user, p.forms) for p in found] == [(many, 12), (enough, 10)]


def test_organisation_is_the_latest_attended_registrations_else_a_membership_and_the_association_follows(
    events,
):
    zit = association("ZIT AKO")
    gmina = OrganisationFactory(
        name="Gmina Kcynia",
        kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL,
        voivodeship=Voivodeship.WIELKOPOLSKIE,
    )
    gmina.associations.add(association("ZIT Poznań"), association("ZIT Bydgoszcz"))
    ngo = OrganisationFactory(name="Fundacja Razem", kind=OrganisationKind.NGO)

    moved = UserFactory()  # gave the association first, the municipality at the latest event
    attend(moved, events[:9], organisation=zit)
    attend(moved, events[9:11], organisation=gmina)
    member = MembershipFactory(organisation=zit).user  # never gave an organisation when registering
    attend(member, events[:10])
    outsider = MembershipFactory(organisation=ngo).user
    attend(outsider, events[:10])
    nobody = UserFactory()
    attend(nobody, events[:10])

    found = by_user(leaders.eligible(selection(minimum=10)))

    assert found[moved].organisation == gmina
    # The first association of a municipality in alphabetical order.
    assert found[moved].association.name == "ZIT Bydgoszcz"
    assert found[moved].voivodeship == "wielkopolskie"
    assert (found[member].organisation, found[member].association) == (zit, zit)
    assert (found[outsider].organisation, found[outsider].association) == (ngo, None)
    assert (found[nobody].organisation, found[nobody].association) == (None, None)


def test_the_computation_takes_a_fixed_number_of_queries(events, django_assert_num_queries):
    for n in range(6):
        person = MembershipFactory(organisation=association(f"ZIT {n}")).user
        attend(person, events[: 10 + n % 3])
    chosen = selection(minimum=10)

    with django_assert_num_queries(4):  # series, counts, people, organisations
        assert len(leaders.eligible(chosen)) == 6


# --- the proposal ------------------------------------------------------------------------------------------------


def test_new_associations_come_first_even_with_fewer_forms(events):
    old = association("ZIT WrOF")
    new = association("ZIT ZOF", new=True)
    veteran = MembershipFactory(organisation=old).user
    attend(veteran, events[:12])
    newcomer = MembershipFactory(organisation=new).user
    attend(newcomer, events[:10])
    loner = UserFactory()
    attend(loner, events[:12])

    placed = leaders.proposal_order(leaders.eligible(selection()), size=2, minimum=10)

    assert [(p.person.user, p.rank, p.proposed) for p in placed] == [
        (newcomer, 1, True),
        (veteran, 2, True),
        (loner, 3, False),
    ]
    with translation.override("en"):
        assert leaders.reasons_text(placed[0].reasons) == [
            "Forms of support attended: 10 (at least 10 needed).",
            "ZIT ZOF is a ZIT association new in 2021–2027: priority.",
            "Round 1 of the spread across associations: person 1 of 1 from ZIT ZOF, by forms of support "
            "attended.",
        ]
        assert leaders.reasons_text(placed[2].reasons) == [
            "Forms of support attended: 12 (at least 10 needed).",
            "Not linked to any ZIT association: placed after the people of the associations.",
            "Reserve: all 2 places went to people earlier in the order.",
        ]


def test_places_are_spread_across_associations_one_per_round(events):
    big, small = association("ZIT AW"), association("ZIT AJ")
    first, second, third = (MembershipFactory(organisation=big).user for _ in range(3))
    attend(first, events[:12])
    attend(second, events[:11])
    attend(third, events[:11])
    lone = MembershipFactory(organisation=small).user
    attend(lone, events[:10])

    placed = leaders.proposal_order(leaders.eligible(selection()), size=2, minimum=10)

    assert [p.person.user for p in placed if p.proposed] == [first, lone]
    assert [p.person.user for p in placed if not p.proposed] == [second, third]
    assert placed[2].reasons[-1] == {
        "code": "association_has_leader",
        "params": {"association": "ZIT AW", "leaders": 1},
    }
    assert placed[1].reasons[-1] == {
        "code": "spread_round",
        "params": {"round": 1, "count": 1, "association": "ZIT AJ"},
    }
    with translation.override("en"):
        assert leaders.reason_text(placed[3].reasons[-1]) == (
            "Reserve: ZIT AW already has proposed leaders (1), so people of other associations came first."
        )
        assert "person 2 of 3 from ZIT AW" in leaders.reason_text(placed[2].reasons[1])


def test_ties_go_to_the_earlier_last_attendance_and_the_order_is_deterministic(events):
    zit = association("ZIT AKO")
    late, early = (MembershipFactory(organisation=zit).user for _ in range(2))
    attend(late, events[1:11])  # last attended the 11th event
    attend(early, events[:10])  # last attended the 10th

    chosen = selection(size=1)
    orders = [
        [p.person.user for p in leaders.proposal_order(leaders.eligible(chosen), size=1, minimum=10)]
        for _ in range(3)
    ]

    assert orders[0] == [early, late]
    assert orders[0] == orders[1] == orders[2]


def test_rounds_take_associations_in_the_order_of_their_strongest_person(events):
    a, b, c = association("ZIT A"), association("ZIT B"), association("ZIT C")
    people = {}
    for name, org, count in [("a1", a, 10), ("a2", a, 10), ("b1", b, 12), ("b2", b, 10), ("c1", c, 11)]:
        people[name] = MembershipFactory(organisation=org).user
        attend(people[name], events[:count])

    placed = leaders.proposal_order(leaders.eligible(selection()), size=5, minimum=10)

    names = {user: name for name, user in people.items()}
    assert [names[p.person.user] for p in placed] == ["b1", "c1", "a1", "b2", "a2"]


# --- proposing, swapping, confirming -----------------------------------------------------------------------------


@pytest.fixture
def corps(events, coordinator):
    """Four people of three associations (one new); a selection of 2 leaders with a proposal made."""
    new, old, other = association("ZIT ZOF", new=True), association("ZIT AW"), association("ZIT AJ")
    people = {
        "nowa": (new, 10),
        "stara-1": (old, 12),
        "stara-2": (old, 11),
        "inna": (other, 10),
    }
    users = {}
    for name, (org, count) in people.items():
        users[name] = MembershipFactory(organisation=org, user__last_name=name).user
        attend(users[name], events[:count])
    chosen = selection(size=2)
    leaders.propose(actor=coordinator, selection=chosen)
    return chosen, users


def statuses(chosen):
    return [(c.user.last_name, c.rank, c.status) for c in leaders.candidates(chosen).select_related("user")]


def test_the_proposal_is_stored_with_ranks_statuses_and_reasons(corps, coordinator):
    chosen, users = corps
    chosen.refresh_from_db()

    assert chosen.proposed_at is not None
    assert statuses(chosen) == [("nowa", 1, P), ("stara-1", 2, P), ("inna", 3, R), ("stara-2", 4, R)]
    top = leaders.candidates(chosen).first()
    assert top.forms_attended == 10 and top.association.name == "ZIT ZOF"
    assert [r["code"] for r in top.reasons] == ["forms_attended", "new_association", "spread_round"]
    assert ModelLogEntry.objects.filter(action="zitnet.events.leaders.propose", user=coordinator).exists()


def test_proposing_again_replaces_the_unconfirmed_proposal(corps, coordinator, events):
    chosen, users = corps
    leaders.swap(
        actor=coordinator,
        selection=chosen,
        candidate_id=chosen.candidates.get(user=users["stara-1"]).pk,
        replacement_id=chosen.candidates.get(user=users["inna"]).pk,
        note="Zmiana pracy",
    )
    late = MembershipFactory(organisation=association("ZIT Nowy", new=True), user__last_name="nowy").user
    attend(late, events[:11])

    leaders.propose(actor=coordinator, selection=chosen)

    assert statuses(chosen) == [
        ("nowy", 1, P),
        ("nowa", 2, P),
        ("stara-1", 3, R),
        ("inna", 4, R),
        ("stara-2", 5, R),
    ]


def test_nobody_eligible_is_refused_with_the_threshold_named(events, coordinator):
    chosen = selection(minimum=10)
    attend(UserFactory(), events[:9])
    with translation.override("en"), pytest.raises(DomainError) as refused:
        leaders.propose(actor=coordinator, selection=chosen)
    assert (
        refused.value.message == "Nobody has attended 10 forms of support yet, so there is nobody to propose."
    )
    assert not chosen.candidates.exists()


def test_swap_marks_not_chosen_with_the_note_and_moves_the_reserve_up_into_the_place(corps, coordinator):
    chosen, users = corps
    leaving = chosen.candidates.get(user=users["stara-1"])
    joining = chosen.candidates.get(user=users["stara-2"])

    moved = leaders.swap(
        actor=coordinator, selection=chosen, candidate_id=leaving.pk, replacement_id=joining.pk, note="Urlop"
    )

    assert moved.pk == joining.pk
    assert statuses(chosen) == [("nowa", 1, P), ("stara-2", 2, P), ("inna", 3, R), ("stara-1", 4, X)]
    leaving.refresh_from_db()
    joining.refresh_from_db()
    assert (leaving.note, leaving.decided_by) == ("Urlop", coordinator)
    assert leaving.reasons[-1]["code"] == "not_chosen"
    assert joining.reasons[-1]["code"] == "promoted"
    assert "association_has_leader" not in [r["code"] for r in joining.reasons]


def test_swap_refusals(corps, coordinator):
    chosen, users = corps
    proposed = chosen.candidates.get(user=users["nowa"])
    reserve = chosen.candidates.get(user=users["inna"])
    with translation.override("en"):
        with pytest.raises(DomainError, match="note"):
            leaders.swap(
                actor=coordinator, selection=chosen, candidate_id=proposed.pk, replacement_id=reserve.pk
            )
        with pytest.raises(DomainError, match="Choose who from the reserve"):
            leaders.swap(actor=coordinator, selection=chosen, candidate_id=proposed.pk, note="Brak czasu")
        with pytest.raises(DomainError) as stale:
            leaders.swap(
                actor=coordinator,
                selection=chosen,
                candidate_id=reserve.pk,
                replacement_id=proposed.pk,
                note="x",
            )
        assert stale.value.code == "stale"
        with pytest.raises(DomainError, match="no longer in the reserve"):
            leaders.swap(
                actor=coordinator,
                selection=chosen,
                candidate_id=proposed.pk,
                replacement_id=proposed.pk,
                note="x",
            )
    assert statuses(chosen)[0] == ("nowa", 1, P)


def test_confirm_makes_the_proposed_leaders_and_the_rest_not_chosen(corps, coordinator):
    chosen, _users = corps

    assert leaders.confirm(actor=coordinator, selection=chosen) == 2

    chosen.refresh_from_db()
    assert chosen.confirmed_by == coordinator and chosen.confirmed_at is not None
    assert [s for _n, _r, s in statuses(chosen)] == [C, C, X, X]
    assert ModelLogEntry.objects.filter(action="zitnet.events.leaders.confirm").count() == 1
    # Confirmed: nothing changes any more.
    for change in (
        lambda: leaders.confirm(actor=coordinator, selection=chosen),
        lambda: leaders.propose(actor=coordinator, selection=chosen),
        lambda: leaders.swap(
            actor=coordinator, selection=chosen, candidate_id=chosen.candidates.first().pk, note="x"
        ),
    ):
        with pytest.raises(DomainError) as refused:
            change()
        assert refused.value.code == "stale"
    assert [s for _n, _r, s in statuses(chosen)] == [C, C, X, X]


def test_confirm_refuses_empty_places_while_the_reserve_has_people_but_not_when_nobody_else_is_eligible(
    events, coordinator
):
    people = [MembershipFactory(organisation=association(f"ZIT {n}")).user for n in range(3)]
    for person in people:
        attend(person, events[:10])
    chosen = selection(size=2)
    with translation.override("en"), pytest.raises(DomainError, match="Make the proposal first"):
        leaders.confirm(actor=coordinator, selection=chosen)
    leaders.propose(actor=coordinator, selection=chosen)
    first, second, third = leaders.candidates(chosen)
    # Two swaps: the first one takes the last reserve, the second has nobody to move up.
    leaders.swap(
        actor=coordinator, selection=chosen, candidate_id=first.pk, replacement_id=third.pk, note="a"
    )
    leaders.swap(actor=coordinator, selection=chosen, candidate_id=second.pk, note="b")
    assert leaders.confirm(actor=coordinator, selection=chosen) == 1

    other = selection(size=2, title="Druga tura")
    leaders.propose(actor=coordinator, selection=other)
    a, b, c = leaders.candidates(other)
    other.candidates.filter(pk=a.pk).update(status=R)  # a proposed place left empty
    with translation.override("en"), pytest.raises(DomainError) as refused:
        leaders.confirm(actor=coordinator, selection=other)
    assert refused.value.message == "Only 1 of 2 places are filled: move people up from the reserve first."


# --- the benchmark's data ------------------------------------------------------------------------------------------


def test_synthetic_events_have_attendance_for_the_corps_to_count(events, coordinator):
    association("ZIT AKO")
    seed_events(60, io.StringIO())
    synthetic = Registration.objects.filter(event__slug__startswith=PREFIX)
    past = synthetic.filter(event__ends_at__lt=timezone.now())
    attended = past.filter(attended_at__isnull=False)

    assert past.exists()
    assert 0.7 <= attended.count() / past.count() <= 0.9
    assert not synthetic.filter(event__starts_at__gt=timezone.now(), attended_at__isnull=False).exists()
    assert all(r.attended_at == r.event.starts_at for r in attended.select_related("event")[:50])
    # Running it again marks nothing more; the people are members of the association, so it is theirs.
    counts = attended.count()
    seed_events(60, io.StringIO())
    assert attended.count() == counts
    people = leaders.eligible(selection(minimum=1))
    assert people and {p.association.name for p in people} == {"ZIT AKO"}
