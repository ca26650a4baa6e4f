"""Permissions of the Forum as a matrix: role × permission × object, and each predicate on its own."""

import pytest
from django.contrib.auth.models import AnonymousUser

from peer_review import rules as pr
from peer_review import services
from peer_review.enums import ApplicationStatus, CyclePhase, MeetingKind
from tests.factories import MembershipFactory
from tests.factories.peer_review import accepted, advance, build_world, observer_user
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "host_a",
    "host_b",
    "expert_a",
    "expert_b",
    "assigned",
    "unassigned",
    "member",
    "anonymous",
]


def fresh(user):
    # Roles are cached on the user instance; each check starts from the database, like a request.
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


def people(world, challenge) -> dict:
    """One person per role, seen from `challenge` (of host A)."""
    pairs = world.cycle.published_run.pairs if world.cycle.published_run else None
    assigned_ids = (
        set(pairs.filter(challenge=challenge).values_list("application_id", flat=True)) if pairs else set()
    )
    observers = accepted(world)
    assigned = next((a for a in observers if a.pk in assigned_ids), None)
    unassigned = next(a for a in observers if a.pk not in assigned_ids)
    return {
        "coordinator": world.coordinator,
        "host_a": world.host_coordinators[0],
        "host_b": world.host_coordinators[1],
        "expert_a": world.experts[0],
        "expert_b": world.experts[1],
        "assigned": assigned.user if assigned else None,
        "unassigned": unassigned.user,
        "member": MembershipFactory().user,
        "anonymous": None,
        "_assigned_application": assigned,
    }


def allowed(who: dict, perm: str, obj) -> set[str]:
    return {role for role in ROLES if fresh(who[role]).has_perm(f"peer_review.{perm}", obj)}


@pytest.fixture
def preparation():
    world = build_world(phase=CyclePhase.PREPARATION)
    challenge = world.challenges[0]  # of host A, approved, assigned to some observers
    return world, challenge, people(world, challenge)


def test_the_permission_matrix_once_the_assignment_is_published(preparation):
    world, challenge, who = preparation
    host_a = world.hosts[0]
    application = who["_assigned_application"]
    meeting = world.cycle.meetings.get(kind=MeetingKind.PREPARATORY)
    everyone = set(ROLES)
    members = {"host_a", "host_b", "assigned", "unassigned", "member"}
    participants = {"host_a", "host_b", "expert_a", "expert_b", "assigned", "unassigned"}
    expected = {
        ("view_cycle", world.cycle): everyone,
        ("manage_cycle", world.cycle): {"coordinator"},
        ("view_board", world.cycle): {"coordinator"},
        ("apply", world.cycle): members,
        ("view_challenge", challenge): everyone,
        ("view_challenge_material", challenge): {"coordinator", "host_a", "expert_a", "expert_b", "assigned"},
        ("comment_challenge", challenge): {"coordinator", "host_a", "expert_a", "expert_b"},
        ("edit_challenge", challenge): {"coordinator", "host_a"},
        ("review_challenge", challenge): {"coordinator", "expert_a"},
        ("add_challenge", host_a): {"coordinator", "host_a"},
        ("view_host", host_a): {"coordinator", "host_a", "expert_a"},
        ("view_application", application): {"coordinator", "assigned"},
        ("change_application", application): {"assigned"},
        ("decide_application", application): {"coordinator"},
        ("view_meeting", meeting): {"coordinator"} | participants,
        ("manage_meeting", world.cycle): {"coordinator"},
        ("record_attendance", world.cycle): {"coordinator", "host_a", "host_b"},
    }
    wrong = {
        perm: (allowed(who, perm, obj), roles)
        for (perm, obj), roles in expected.items()
        if allowed(who, perm, obj) != roles
    }
    assert wrong == {}


def test_hosts_never_see_another_hosts_draft():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    draft = world.challenges[0]  # host A's, in draft
    host_a, host_b = (fresh(u) for u in world.host_coordinators[:2])
    assert host_a.has_perm("peer_review.view_challenge", draft)
    assert host_a.has_perm("peer_review.view_challenge_material", draft)
    assert not host_b.has_perm("peer_review.view_challenge", draft)
    assert not host_b.has_perm("peer_review.view_challenge_material", draft)
    assert not host_b.has_perm("peer_review.edit_challenge", draft)
    assert not host_b.has_perm("peer_review.comment_challenge", draft)
    assert not host_b.has_perm("peer_review.add_challenge", world.hosts[0])
    assert host_b.has_perm("peer_review.add_challenge", world.hosts[1])
    # Before recruitment the cycle is not public: only its people and the coordinators see it.
    assert not AnonymousUser().has_perm("peer_review.view_cycle", world.cycle)
    assert not fresh(MembershipFactory().user).has_perm("peer_review.view_cycle", world.cycle)
    assert host_b.has_perm("peer_review.view_cycle", world.cycle)
    assert not AnonymousUser().has_perm("peer_review.view_challenge", draft)


def test_approved_challenges_summary_is_public_only_from_recruitment():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    advance(world, CyclePhase.RECRUITMENT)
    challenge.refresh_from_db()
    anonymous = AnonymousUser()
    assert anonymous.has_perm("peer_review.view_cycle", world.cycle)
    assert anonymous.has_perm("peer_review.view_challenge", challenge)
    assert not anonymous.has_perm("peer_review.view_challenge_material", challenge)


def test_observers_read_material_only_of_their_challenges_until_publication(preparation):
    world, challenge, who = preparation
    assert fresh(who["assigned"]).has_perm("peer_review.view_challenge_material", challenge)
    assert not fresh(who["unassigned"]).has_perm("peer_review.view_challenge_material", challenge)
    assert not fresh(who["assigned"]).has_perm("peer_review.comment_challenge", challenge)

    advance(world, CyclePhase.PUBLISHED)
    challenge.refresh_from_db()
    for role in ("unassigned", "member", "anonymous"):
        assert fresh(who[role]).has_perm("peer_review.view_challenge_material", challenge), role


def test_an_observer_whose_place_was_withdrawn_loses_the_material():
    world = build_world(phase=CyclePhase.ASSIGNMENT)
    run = services.run_assignment(actor=None, cycle=world.cycle)
    services.publish_run(actor=None, run=run)
    pair = run.pairs.select_related("application__user", "challenge").first()
    person = pair.application.user
    assert fresh(person).has_perm("peer_review.view_challenge_material", pair.challenge)
    services.decide_application(actor=None, application=pair.application, status=ApplicationStatus.REJECTED)
    assert not fresh(person).has_perm("peer_review.view_challenge_material", pair.challenge)


# --- each predicate ---------------------------------------------------------------------------------------


def test_cycle_role_predicates(preparation):
    world, challenge, who = preparation
    cycle = world.cycle
    checks = {
        pr.is_host_coordinator_in_cycle: {"host_a", "host_b"},
        pr.is_expert_in_cycle: {"expert_a", "expert_b"},
        pr.is_observer_in_cycle: {"assigned", "unassigned"},
        pr.is_participant: {"host_a", "host_b", "expert_a", "expert_b", "assigned", "unassigned"},
        pr.cycle_is_public: set(ROLES),
        pr.cycle_report_published: set(),
    }
    for predicate, roles in checks.items():
        assert {r for r in ROLES if predicate.test(fresh(who[r]), cycle)} == roles, predicate.name
        # A challenge or a host stands for its cycle.
        assert {r for r in ROLES if predicate.test(fresh(who[r]), challenge)} == roles, predicate.name


def test_host_and_challenge_predicates(preparation):
    world, challenge, who = preparation
    host_a, host_b = world.hosts[:2]
    other = world.challenges[3]  # host B's
    assert {r for r in ROLES if pr.is_coordinator_of_host.test(fresh(who[r]), host_a)} == {"host_a"}
    assert {r for r in ROLES if pr.is_expert_of_host.test(fresh(who[r]), host_b)} == {"expert_b"}
    assert {r for r in ROLES if pr.is_challenge_host_coordinator.test(fresh(who[r]), other)} == {"host_b"}
    assert {r for r in ROLES if pr.is_challenge_expert.test(fresh(who[r]), challenge)} == {"expert_a"}
    assert {r for r in ROLES if pr.is_assigned_observer.test(fresh(who[r]), challenge)} == {"assigned"}
    assert pr.challenge_is_approved.test(None, challenge)
    assert not pr.is_coordinator_of_host.test(fresh(who["host_a"]), None)


def test_an_applicant_is_not_a_participant_until_accepted():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=1)
    application = world.applications[0]
    person = fresh(application.user)
    assert pr.cycle_roles(person, world.cycle) == frozenset({"applicant"})
    assert not pr.is_participant.test(person, world.cycle)
    assert not pr.is_observer_in_cycle.test(person, world.cycle)
    assert pr.is_own_application.test(person, application)
    assert not pr.is_own_application.test(fresh(observer_user()), application)
    assert not pr.is_own_application.test(AnonymousUser(), application)
    assert person.has_perm("peer_review.view_application", application)
    assert not person.has_perm("peer_review.view_meeting", world.cycle)
