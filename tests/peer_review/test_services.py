"""The Forum's services: the phase state machine, challenges, applications, priority, conflicts, the
assignment runs and the meetings — each refusal with its message, the cycle unchanged after it."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from peer_review import services
from peer_review.enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    ConflictSource,
    CyclePhase,
    HostRole,
    MeetingKind,
    PairRuleKind,
    RunStatus,
)
from peer_review.models import ChallengeVersion, Transition
from peer_review.selectors import conflicts, priority_order
from peer_review.services import PHASE_MESSAGES, REASON_MESSAGES, reason_text
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, grant
from tests.factories.peer_review import accepted, advance, build_world, observer_user
from zitnet.accounts.enums import GlobalRole
from zitnet.core.errors import DomainError
from zitnet.directory.enums import OrganisationKind, Voivodeship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted by their English msgid, whatever translations the catalogue holds.
    with translation.override("en"):
        yield


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value


def municipality(voivodeship=Voivodeship.LODZKIE, associations=(), **kwargs):
    organisation = OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL, voivodeship=voivodeship, **kwargs
    )
    organisation.associations.set(associations)
    return organisation


def apply(world, organisation, *, preferences=None, user=None, **kwargs):
    user = user or observer_user(organisation)
    return services.apply_as_observer(
        user=user,
        cycle=world.cycle,
        organisation=organisation,
        motivation=kwargs.pop("motivation", "Chcę poznać praktyki zarządzania strategicznego w innych MOF."),
        availability=kwargs.pop("availability", "both"),
        preferences=preferences or [world.challenges[-1].pk],
        **kwargs,
    )


# --- the phase state machine ------------------------------------------------------------------------------


def test_recruitment_guard_names_each_host_and_its_approved_challenges():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    host = world.hosts[0]
    for challenge in world.challenges[:2]:
        services.submit_challenge(actor=None, challenge=challenge)
        services.approve_challenge(actor=None, challenge=challenge)

    error = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.RECRUITMENT)

    assert error.code == "guard"
    assert f"Host {host} has 2 of 3 approved challenges." in error.message
    assert f"Host {world.hosts[1]} has 0 of 3 approved challenges." in error.message
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION
    assert not Transition.objects.filter(to_phase=CyclePhase.RECRUITMENT).exists()


def test_identification_guard_names_a_host_without_coordinator_or_expert():
    world = build_world(phase=CyclePhase.DRAFT)
    services.update_host(actor=None, host=world.hosts[1], coordinator=None, experts=[])
    error = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.IDENTIFICATION)
    assert f"Host {world.hosts[1]} has no host coordinator." in error.message
    assert f"Host {world.hosts[1]} has no expert." in error.message


def test_assignment_guard_counts_accepted_observers_and_undecided_applications():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=12)
    cycle = world.cycle
    services.update_cycle(
        actor=None, cycle=cycle, title=cycle.title, description="", observers_minimum=30, observers_maximum=40
    )
    for application in world.applications[:9]:
        services.decide_application(actor=None, application=application, status=ApplicationStatus.ACCEPTED)

    error = refused(services.transition, actor=None, cycle=cycle, to_phase=CyclePhase.ASSIGNMENT)

    assert "9 of 30 observers accepted." in error.message
    assert "3 applications await a decision." in error.message


def test_preparation_and_onsite_guards_name_the_missing_assignment_and_meetings():
    world = build_world(phase=CyclePhase.ASSIGNMENT)
    error = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.PREPARATION)
    assert "No assignment of observers has been published." in error.message
    assert "The online preparatory meeting is not scheduled." in error.message

    world = build_world(phase=CyclePhase.PREPARATION)
    error = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.ONSITE)
    assert "Attendance at the preparatory meeting is not recorded." in error.message
    assert "The on-site meeting is not scheduled." in error.message


def test_override_needs_a_written_reason_of_fifteen_characters_and_is_logged():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    cycle = world.cycle

    error = refused(
        services.transition,
        actor=None,
        cycle=cycle,
        to_phase=CyclePhase.RECRUITMENT,
        override_reason="bo tak",
    )
    assert "at least 15 characters" in error.message
    cycle.refresh_from_db()
    assert cycle.phase == CyclePhase.IDENTIFICATION

    reason = "Eksperci zatwierdzą resztę wyzwań na spotkaniu w piątek."
    entry = services.transition(
        actor=world.coordinator, cycle=cycle, to_phase=CyclePhase.RECRUITMENT, override_reason=reason
    )

    assert cycle.phase == CyclePhase.RECRUITMENT
    assert entry.override_reason == reason
    assert entry.actor == world.coordinator
    assert f"Host {world.hosts[0]} has 0 of 3 approved challenges." in entry.unmet
    log = ModelLogEntry.objects.get(action="peer_review.cycle.override")
    assert log.data["reason"] == reason
    assert log.data["unmet"] == entry.unmet
    assert log.user_id == world.coordinator.pk


def test_transitions_out_of_order_are_refused_with_the_cycle_unchanged():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    before = Transition.objects.count()

    error = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.ASSIGNMENT)
    assert error.code == "order"
    assert "it can only move on to" in error.message
    backwards = refused(services.transition, actor=None, cycle=world.cycle, to_phase=CyclePhase.DRAFT)
    assert backwards.code == "order"
    unknown = refused(services.transition, actor=None, cycle=world.cycle, to_phase="somewhere")
    assert unknown.message == "Unknown phase."

    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION
    assert Transition.objects.count() == before


def test_a_stale_expected_phase_is_refused():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    error = refused(
        services.transition,
        actor=None,
        cycle=world.cycle,
        to_phase=CyclePhase.RECRUITMENT,
        expected_phase=CyclePhase.DRAFT,
        override_reason="Ręczne przejście w teście stanu.",
    )
    assert error.code == "stale"
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION


def test_a_transition_is_recorded_and_mails_every_participant_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    world = build_world(phase=CyclePhase.DRAFT)
    english = world.experts[0]
    english.preferred_language = "en"
    english.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        entry = services.transition(actor=None, cycle=world.cycle, to_phase=CyclePhase.IDENTIFICATION)

    assert (entry.from_phase, entry.to_phase, entry.unmet, entry.override_reason) == (
        CyclePhase.DRAFT,
        CyclePhase.IDENTIFICATION,
        [],
        "",
    )
    assert ModelLogEntry.objects.filter(action="peer_review.cycle.transition").exists()
    people = {u.email for u in world.host_coordinators + world.experts}
    assert {m.to[0] for m in mailoutbox} == people
    by_address = {m.to[0]: m for m in mailoutbox}
    params = {"cycle": str(world.cycle)}
    with translation.override("pl"):  # everyone else keeps the default language, Polish
        polish = str(PHASE_MESSAGES[CyclePhase.IDENTIFICATION]) % params
    with translation.override("en"):
        in_english = str(PHASE_MESSAGES[CyclePhase.IDENTIFICATION]) % params
    assert in_english in by_address[english.email].body
    assert polish in by_address[world.host_coordinators[0].email].body
    assert world.cycle.get_absolute_url() in by_address[english.email].body


# --- challenges -------------------------------------------------------------------------------------------


def test_a_challenge_goes_through_submit_return_revise_approve_and_keeps_its_versions():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    host, author, expert = world.hosts[0], world.host_coordinators[0], world.experts[0]
    challenge = world.challenges[0]

    services.submit_challenge(actor=author, challenge=challenge, expected_version=1)
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.SUBMITTED

    error = refused(services.return_challenge, actor=expert, challenge=challenge, comment="  ")
    assert "needs a comment" in error.message
    services.return_challenge(actor=expert, challenge=challenge, comment="Doprecyzujcie pytanie przewodnie.")
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.RETURNED

    services.save_challenge(
        actor=author,
        host=host,
        challenge=challenge,
        title=challenge.title,
        guiding_question="Jak uzgadniać wskaźniki strategii ZIT ze strategiami gmin?",
        expected_version=1,
    )
    challenge.refresh_from_db()
    assert (challenge.state, challenge.version) == (ChallengeState.RETURNED, 2)
    services.submit_challenge(actor=author, challenge=challenge, expected_version=2)
    services.approve_challenge(actor=expert, challenge=challenge, comment="Dziękuję.")
    challenge.refresh_from_db()

    assert challenge.state == ChallengeState.APPROVED
    assert challenge.approved_by == expert
    versions = {v.number: v.guiding_question for v in ChallengeVersion.objects.filter(challenge=challenge)}
    assert versions == {
        1: "Jak lepiej koordynować planowanie strategiczne w MOF?",
        2: "Jak uzgadniać wskaźniki strategii ZIT ze strategiami gmin?",
    }
    kinds = list(challenge.comments.values_list("kind", flat=True))
    assert kinds == ["submission", "return", "submission", "approval"]


def test_only_submitted_challenges_are_returned_or_approved_and_only_approved_reopened():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    assert "Only a submitted challenge can be approved." == (
        refused(services.approve_challenge, actor=None, challenge=challenge).message
    )
    assert "Only a submitted challenge can be returned." == (
        refused(
            services.return_challenge, actor=None, challenge=challenge, comment="Proszę poprawić."
        ).message
    )
    assert "Only an approved challenge can be reopened." == (
        refused(
            services.reopen_challenge, actor=None, challenge=challenge, reason="Nowe dane z gmin."
        ).message
    )
    services.submit_challenge(actor=None, challenge=challenge)
    assert refused(services.submit_challenge, actor=None, challenge=challenge).message == (
        "Only a draft or a returned challenge can be submitted."
    )
    services.approve_challenge(actor=None, challenge=challenge)
    assert "Say why" in refused(services.reopen_challenge, actor=None, challenge=challenge, reason="").message
    services.reopen_challenge(actor=world.coordinator, challenge=challenge, reason="Nowe dane z gmin.")
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.RETURNED
    assert challenge.comments.last().body == "Nowe dane z gmin."


def test_an_approved_challenge_cannot_be_edited():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    services.submit_challenge(actor=None, challenge=challenge)
    services.approve_challenge(actor=None, challenge=challenge)

    error = refused(
        services.save_challenge,
        actor=world.host_coordinators[0],
        host=world.hosts[0],
        challenge=challenge,
        title="Nowy tytuł",
        guiding_question="Nowe pytanie?",
    )

    assert (
        "cannot be edited" in error.message and "Ask the network coordinator to reopen it." in error.message
    )
    challenge.refresh_from_db()
    assert challenge.title != "Nowy tytuł"


def test_a_stale_version_of_a_challenge_is_refused():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    services.save_challenge(
        actor=None,
        host=world.hosts[0],
        challenge=challenge,
        title="Wersja druga",
        guiding_question="Pytanie?",
    )
    error = refused(
        services.save_challenge,
        actor=None,
        host=world.hosts[0],
        challenge=challenge,
        title="Zmiana na starej wersji",
        guiding_question="Pytanie?",
        expected_version=1,
    )
    assert error.code == "stale"
    assert (
        refused(services.submit_challenge, actor=None, challenge=challenge, expected_version=1).code
        == "stale"
    )
    challenge.refresh_from_db()
    assert (challenge.title, challenge.version, challenge.state) == ("Wersja druga", 2, ChallengeState.DRAFT)


def test_challenges_change_only_during_identification():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    draft = world.challenges[0]
    services.transition(
        actor=None,
        cycle=world.cycle,
        to_phase=CyclePhase.RECRUITMENT,
        override_reason="Test: rekrutacja mimo braków.",
    )
    error = refused(
        services.save_challenge,
        actor=None,
        host=world.hosts[0],
        challenge=draft,
        title="X",
        guiding_question="Y?",
    )
    assert "only change while the cycle is identifying them" in error.message
    new = refused(services.save_challenge, actor=None, host=world.hosts[0], title="X", guiding_question="Y?")
    assert "only change while the cycle is identifying them" in new.message
    assert "identifying" in refused(services.submit_challenge, actor=None, challenge=draft).message


def test_a_challenge_needs_a_title_a_question_and_web_links():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    host = world.hosts[0]
    assert "title and a guiding question" in (
        refused(
            services.save_challenge, actor=None, host=host, title=" ", guiding_question="Pytanie?"
        ).message
    )
    error = refused(
        services.save_challenge,
        actor=None,
        host=host,
        title="Tytuł",
        guiding_question="Pytanie?",
        strategy_links="https://sako-info.pl/\nstrategia.pdf",
    )
    assert "“strategia.pdf” is not a web address" in error.message


def test_hosts_change_only_before_recruitment():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    error = refused(
        services.add_host,
        actor=None,
        cycle=world.cycle,
        organisation=OrganisationFactory(),
        role=HostRole.PARTNER,
    )
    assert error.message == "Hosts can only be added before observer recruitment starts."


# --- applications -----------------------------------------------------------------------------------------


def test_a_second_application_of_the_same_person_is_refused():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    organisation = municipality()
    application = apply(world, organisation)
    error = refused(apply, world, organisation, user=application.user)
    assert error.code == "duplicate"
    assert world.cycle.applications.count() == 1


def test_preferences_must_name_approved_challenges_of_the_cycle_once_each():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    unapproved = services.save_challenge(
        actor=None, host=world.hosts[0], title="Wyzwanie w szkicu", guiding_question="Czy to działa?"
    )
    advance(world, CyclePhase.RECRUITMENT)
    organisation = municipality()
    person = observer_user(organisation)

    for preferences in ([999999], [unapproved.pk], [world.challenges[0].pk, world.challenges[0].pk]):
        error = refused(apply, world, organisation, user=person, preferences=preferences)
        assert "not open for observers" in error.message or "only once" in error.message
    assert not world.cycle.applications.exists()


def test_a_preference_for_a_conflicted_challenge_is_refused():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    host_org = world.hosts[0].organisation
    member_of_host = municipality(associations=[host_org])
    error = refused(apply, world, member_of_host, preferences=[world.challenges[0].pk])
    assert f"conflict of interest with {world.hosts[0]}" in error.message

    declared = refused(
        apply,
        world,
        municipality(),
        preferences=[world.challenges[3].pk],
        declared_conflicts=[(world.hosts[1], "Byłam konsultantką tej strategii.")],
    )
    assert f"conflict of interest with {world.hosts[1]}" in declared.message
    assert not world.cycle.applications.exists()


def test_applications_are_accepted_only_during_recruitment():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    error = refused(apply, world, municipality())
    assert error.code == "closed"


def test_one_can_apply_only_for_an_organisation_one_belongs_to():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    person = observer_user(municipality())
    error = refused(apply, world, municipality(), user=person)
    assert error.message == "You can apply only on behalf of an organisation you are a member of."


def test_an_application_needs_a_motivation_and_a_preference():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    assert "at least 20 characters" in refused(apply, world, municipality(), motivation="Chcę.").message
    organisation = municipality()
    error = refused(
        services.apply_as_observer,
        user=observer_user(organisation),
        cycle=world.cycle,
        organisation=organisation,
        motivation="Chcę poznać praktyki innych związków ZIT.",
        availability="both",
        preferences=[],
    )
    assert error.message == "Rank at least one challenge you would like to observe."


# --- priority and places ----------------------------------------------------------------------------------


def priority_world():
    """Four applicants, in order of application: an old association's member (Łódzkie), a new
    association's member (Pomorskie), another member of the old association (Łódzkie), a municipality
    without an association (Lubuskie)."""
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    old = OrganisationFactory(voivodeship=Voivodeship.LODZKIE, is_new_zit_association=False)
    new = OrganisationFactory(voivodeship=Voivodeship.POMORSKIE, is_new_zit_association=True)
    first = apply(world, municipality(Voivodeship.LODZKIE, [old]))
    newcomer = apply(world, municipality(Voivodeship.POMORSKIE, [new]))
    third = apply(world, municipality(Voivodeship.LODZKIE, [old]))
    alone = apply(world, municipality(Voivodeship.LUBUSKIE))
    return world, first, newcomer, third, alone


def test_priority_puts_new_associations_first_then_spreads_then_keeps_the_earlier():
    world, first, newcomer, third, alone = priority_world()
    order = priority_order(world.cycle)
    assert [r.application for r in order] == [newcomer, first, alone, third]
    assert "ZIT association new in 2021–2027" in order[0].reasons
    assert [r.position for r in order] == [1, 2, 3, 4]


def test_accept_by_priority_fills_the_places_and_waitlists_the_rest():
    world, first, newcomer, third, alone = priority_world()
    cycle = world.cycle
    services.update_cycle(
        actor=None, cycle=cycle, title=cycle.title, description="", observers_minimum=1, observers_maximum=2
    )
    assert services.accept_by_priority(actor=None, cycle=cycle) == {"accepted": 2, "waitlisted": 2}
    statuses = {a.pk: a.status for a in cycle.applications.all()}
    assert statuses == {
        newcomer.pk: ApplicationStatus.ACCEPTED,
        first.pk: ApplicationStatus.ACCEPTED,
        alone.pk: ApplicationStatus.WAITLISTED,
        third.pk: ApplicationStatus.WAITLISTED,
    }
    error = refused(
        services.decide_application, actor=None, application=alone, status=ApplicationStatus.ACCEPTED
    )
    assert "All 2 places for observers are taken." in error.message


def test_withdrawing_an_accepted_place_promotes_the_first_on_the_waiting_list():
    world, first, newcomer, third, alone = priority_world()
    cycle = world.cycle
    services.update_cycle(
        actor=None, cycle=cycle, title=cycle.title, description="", observers_minimum=1, observers_maximum=2
    )
    services.accept_by_priority(actor=None, cycle=cycle)

    services.withdraw_application(user=first.user, application=first)

    # Both waiting applicants would be the first of their association and voivodeship: the earlier wins.
    statuses = {a.pk: a.status for a in cycle.applications.all()}
    assert statuses[first.pk] == ApplicationStatus.WITHDRAWN
    assert statuses[third.pk] == ApplicationStatus.ACCEPTED
    assert statuses[alone.pk] == ApplicationStatus.WAITLISTED
    assert refused(services.withdraw_application, user=first.user, application=first).message == (
        "This application is already withdrawn."
    )


# --- conflicts of interest --------------------------------------------------------------------------------


def test_conflicts_come_from_the_directory_declarations_and_coordinators_each_with_its_reason():
    world = build_world(phase=CyclePhase.DRAFT)
    host_a, host_b, host_c = world.hosts
    association = OrganisationFactory(short_name="ZIT Wspólny", voivodeship=Voivodeship.LODZKIE)
    host_town = municipality(short_name="Gmina Gospodarz", associations=[association])
    expert = grant(UserFactory(), GlobalRole.EXPERT)
    host_d = services.add_host(
        actor=None,
        cycle=world.cycle,
        organisation=host_town,
        role=HostRole.PARTNER,
        coordinator=MembershipFactory(organisation=host_town).user,
        experts=[expert],
    )
    services.transition(actor=None, cycle=world.cycle, to_phase=CyclePhase.IDENTIFICATION)
    for host in (*world.hosts, host_d):
        for n in range(3):
            world.challenges.append(
                services.save_challenge(actor=None, host=host, title=f"W{n} {host}", guiding_question="Jak?")
            )
    advance(world, CyclePhase.RECRUITMENT)
    of_host = {h.pk: [c.pk for c in world.challenges if c.host_id == h.pk] for h in (*world.hosts, host_d)}

    own = apply(world, host_a.organisation, preferences=of_host[host_b.pk][:1])
    member_of_b = municipality(short_name="Gmina w B", associations=[host_b.organisation])
    in_b = apply(world, member_of_b, preferences=of_host[host_a.pk][:1])
    neighbour = municipality(short_name="Gmina sąsiednia", associations=[association])
    same_association = apply(world, neighbour, preferences=of_host[host_a.pk][:1])
    declaring = apply(
        world,
        municipality(short_name="Gmina deklarująca"),
        preferences=of_host[host_a.pk][:1],
        declared_conflicts=[(host_c, "Pracowałam w biurze tego związku.")],
    )
    services.add_conflict(
        actor=world.coordinator, application=declaring, host=host_b, reason="Mąż kieruje biurem tego związku."
    )
    assert (
        "Give the reason"
        in refused(services.add_conflict, actor=None, application=own, host=host_c, reason="").message
    )

    found = {(c.application_id, c.host_id): (c.source, c.reason) for c in conflicts(world.cycle)}

    assert found[(own.pk, host_a.pk)] == (
        ConflictSource.ORGANISATION,
        f"{host_a.organisation.display_name} is the observer's own organisation.",
    )
    assert found[(in_b.pk, host_b.pk)] == (
        ConflictSource.ASSOCIATION,
        f"Gmina w B belongs to the ZIT association {host_b.organisation.display_name}.",
    )
    assert found[(same_association.pk, host_d.pk)] == (
        ConflictSource.ASSOCIATION_MEMBER,
        "Gmina Gospodarz belongs to the same ZIT association as Gmina sąsiednia.",
    )
    assert found[(declaring.pk, host_c.pk)] == (ConflictSource.DECLARED, "Pracowałam w biurze tego związku.")
    assert found[(declaring.pk, host_b.pk)] == (
        ConflictSource.COORDINATOR,
        "Mąż kieruje biurem tego związku.",
    )
    assert len(found) == 5


# --- assignment -------------------------------------------------------------------------------------------


def test_a_solved_run_gives_every_observer_k_challenges_within_the_quotas_keeping_pins_and_prohibitions():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    cycle = world.cycle
    observers = accepted(world)
    pinned = (observers[0], world.challenges[8])
    forbidden = (observers[1], world.challenges[1])
    services.set_pair_rule(
        actor=None, cycle=cycle, application=pinned[0], challenge=pinned[1], kind=PairRuleKind.PIN
    )
    services.set_pair_rule(
        actor=None, cycle=cycle, application=forbidden[0], challenge=forbidden[1], kind=PairRuleKind.FORBID
    )
    services.add_conflict(
        actor=None, application=observers[2], host=world.hosts[0], reason="Zgłoszony konflikt."
    )

    run = services.run_assignment(actor=None, cycle=cycle)

    assert run.status == RunStatus.SOLVED and run.number == 1 and run.proven_optimal
    pairs = {(p.application_id, p.challenge_id) for p in run.pairs.all()}
    per_observer = Counter(a for a, _c in pairs)
    assert per_observer == {a.pk: cycle.challenges_per_observer for a in observers}
    per_challenge = Counter(c for _a, c in pairs)
    assert all(
        cycle.observers_per_challenge_min <= per_challenge[c.pk] <= cycle.observers_per_challenge_max
        for c in world.challenges
    )
    assert (pinned[0].pk, pinned[1].pk) in pairs
    assert run.pairs.get(application=pinned[0], challenge=pinned[1]).pinned
    assert (forbidden[0].pk, forbidden[1].pk) not in pairs
    conflicted = {(c.application_id, c.host_id) for c in conflicts(cycle)}
    assert not any((p.application_id, p.challenge.host_id) in conflicted for p in run.pairs.all())
    assert not any(
        c.host_id == world.hosts[0].pk
        for c in [p.challenge for p in run.pairs.filter(application=observers[2])]
    )
    assert [list(pair) for pair in run.inputs["pinned"]] == [[str(pinned[0].pk), str(pinned[1].pk)]]


def test_a_second_run_stores_its_difference_to_the_first():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    first = services.run_assignment(actor=None, cycle=world.cycle)
    moved = first.pairs.first()
    services.set_pair_rule(
        actor=None, cycle=world.cycle, application=moved.application, challenge=moved.challenge,
        kind=PairRuleKind.FORBID,
    )  # fmt: skip
    second = services.run_assignment(actor=None, cycle=world.cycle)
    assert second.number == 2
    assert second.diff["previous"] == 1 and second.diff["score_before"] == first.score
    change = second.diff["changes"][str(moved.application_id)]
    assert str(moved.challenge_id) in change["removed"]
    assert first.diff == {"previous": None, "score_before": None, "changes": {}}


def test_an_infeasible_run_is_stored_with_the_binding_constraint_in_words():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    cycle = world.cycle
    target = world.challenges[0]
    for application in accepted(world)[1:]:
        services.set_pair_rule(
            actor=None, cycle=cycle, application=application, challenge=target, kind=PairRuleKind.FORBID
        )

    run = services.run_assignment(actor=None, cycle=cycle)

    assert run.status == RunStatus.INFEASIBLE
    assert not run.pairs.exists()
    short = next(r for r in run.reasons if r["code"] == "challenge_short")
    assert short["params"] == {"challenge": str(target), "eligible": 1, "needed": 2}
    assert short["message"] == f"{target} has 1 eligible observers but needs 2."
    with translation.override("pl"):
        expected = str(REASON_MESSAGES["challenge_short"]) % short["params"]
        assert reason_text(short) == expected
    assert str(target) in expected and "1" in expected
    assert reason_text({"code": "unknown", "message": "Tekst zapasowy."}) == "Tekst zapasowy."
    cycle.refresh_from_db()
    assert cycle.published_run is None
    assert refused(services.publish_run, actor=None, run=run).message == "Only a solved run can be published."


def test_too_few_reviews_for_the_quotas_is_named():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    cycle = world.cycle
    services.update_cycle(
        actor=None, cycle=cycle, title=cycle.title, description="", observers_per_challenge_min=3,
        observers_per_challenge_max=4,
    )  # fmt: skip
    run = services.run_assignment(actor=None, cycle=cycle)
    assert run.status == RunStatus.INFEASIBLE
    assert "12 observers give 24 reviews, but the challenges need at least 27." in [
        reason_text(r) for r in run.reasons
    ]


def test_a_run_cannot_be_published_once_the_accepted_observers_changed():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    run = services.run_assignment(actor=None, cycle=world.cycle)
    services.decide_application(
        actor=None, application=accepted(world)[0], status=ApplicationStatus.REJECTED, note="Rezygnacja."
    )
    error = refused(services.publish_run, actor=None, run=run)
    assert error.code == "stale"
    world.cycle.refresh_from_db()
    assert world.cycle.published_run is None


def test_runs_and_pair_rules_only_in_the_assignment_phase():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=4)
    assert refused(services.run_assignment, actor=None, cycle=world.cycle).message == (
        "Observers can be assigned only in the assignment phase."
    )
    error = refused(
        services.set_pair_rule, actor=None, cycle=world.cycle, application=world.applications[0],
        challenge=world.challenges[0], kind=PairRuleKind.PIN,
    )  # fmt: skip
    assert "only during the assignment phase" in error.message


def test_a_conflicted_pair_cannot_be_pinned():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    application = accepted(world)[0]
    services.add_conflict(
        actor=None, application=application, host=world.hosts[0], reason="Zgłoszony konflikt."
    )
    error = refused(
        services.set_pair_rule, actor=None, cycle=world.cycle, application=application,
        challenge=world.challenges[0], kind=PairRuleKind.PIN,
    )  # fmt: skip
    assert "has a conflict of interest" in error.message


def test_settings_freeze_once_the_assignment_is_published():
    world = build_world(phase=CyclePhase.PREPARATION)
    cycle = world.cycle
    error = refused(
        services.update_cycle,
        actor=None,
        cycle=cycle,
        title=cycle.title,
        description="",
        challenges_per_observer=3,
    )
    assert "cannot change after the assignment" in error.message
    assert (
        "cannot need more observers"
        in refused(
            services.create_cycle,
            actor=None,
            title="Cykl",
            observers_per_challenge_min=5,
            observers_per_challenge_max=4,
        ).message
    )


# --- meetings ---------------------------------------------------------------------------------------------


def meeting_kwargs(world, **overrides):
    now = timezone.now()
    values = {
        "actor": None,
        "cycle": world.cycle,
        "kind": MeetingKind.ONSITE,
        "title": "Spotkanie stacjonarne w Kaliszu",
        "starts_at": now - timedelta(hours=3),
        "ends_at": now - timedelta(hours=1),
        "address": "Kalisz",
    }
    values.update(overrides)
    return values


def test_meetings_are_validated():
    world = build_world(phase=CyclePhase.ASSIGNMENT)
    now = timezone.now()
    assert refused(
        services.save_meeting, **meeting_kwargs(world, starts_at=now, ends_at=now - timedelta(hours=1))
    ).message == ("The meeting must end after it starts.")
    assert refused(services.save_meeting, **meeting_kwargs(world, kind=MeetingKind.PREPARATORY)).message == (
        "The preparatory meeting is online: give the link to join."
    )
    assert refused(services.save_meeting, **meeting_kwargs(world, address="")).message == (
        "Say where the on-site meeting takes place."
    )
    meeting = services.save_meeting(**meeting_kwargs(world))
    assert "already has this meeting" in refused(services.save_meeting, **meeting_kwargs(world)).message
    error = refused(
        services.add_agenda_item, actor=None, meeting=meeting, kind="session", title="Sesja",
        starts_at=meeting.ends_at, ends_at=meeting.ends_at + timedelta(minutes=30),
    )  # fmt: skip
    assert error.message == "The agenda item lies outside the meeting's time."
    assert not meeting.agenda.exists()


def test_attendance_is_recorded_only_for_invited_people_and_after_the_start():
    world = build_world(phase=CyclePhase.PREPARATION)
    meeting = world.cycle.meetings.get(kind=MeetingKind.PREPARATORY)  # held an hour ago
    invited = services.send_invitations(actor=None, meeting=meeting)
    assert invited == len(world.host_coordinators) + len(world.experts) + len(accepted(world))
    assert services.send_invitations(actor=None, meeting=meeting) == 0

    stranger = UserFactory()
    error = refused(services.record_attendance, actor=None, meeting=meeting, present=[stranger.pk])
    assert error.message == "Only invited people can be marked present."
    assert not meeting.attendance.exclude(status=AttendanceStatus.INVITED).exists()

    came = world.host_coordinators[0]
    assert services.record_attendance(actor=None, meeting=meeting, present=[came.pk]) == {
        "attended": 1,
        "absent": invited - 1,
    }
    assert meeting.attendance.get(user=came).status == AttendanceStatus.ATTENDED

    future = services.save_meeting(
        **meeting_kwargs(
            world, starts_at=timezone.now() + timedelta(days=7), ends_at=timezone.now() + timedelta(days=8)
        )
    )
    services.send_invitations(actor=None, meeting=future)
    error = refused(services.record_attendance, actor=None, meeting=future, present=[came.pk])
    assert error.message == "Attendance can be recorded once the meeting has started."
