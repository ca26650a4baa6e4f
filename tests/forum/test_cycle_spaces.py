"""Each review cycle has a private discussion space whose members follow the cycle's people."""

import pytest

from forum.enums import Visibility
from forum.models import Space
from peer_review import selectors, services
from peer_review.enums import CyclePhase
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, grant
from tests.factories.peer_review import accepted, build_world, coordinator_user
from zitnet.accounts.enums import GlobalRole

pytestmark = pytest.mark.django_db


def test_creating_a_cycle_creates_its_private_space_moderated_by_the_network_coordinators():
    coordinator = coordinator_user()
    cycle = services.create_cycle(actor=coordinator, title="Forum Oceny i Współpracy 2027")

    space = Space.objects.get(cycle=cycle)
    assert space.visibility == Visibility.PRIVATE
    assert space.title == "Forum Oceny i Współpracy 2027"
    assert space.slug == f"cykl-{cycle.slug}"
    assert not space.is_archived
    assert list(space.members.all()) == []
    assert list(space.moderators.all()) == [coordinator]


def test_hosts_and_experts_join_and_leave_with_the_cycle():
    world = build_world(phase=CyclePhase.DRAFT)
    space = world.cycle.forum_space
    expected = set(world.host_coordinators) | set(world.experts)
    assert set(space.members.all()) == expected

    host = world.hosts[0]
    new_expert = grant(UserFactory(first_name="Nowa"), GlobalRole.EXPERT)
    services.update_host(
        actor=world.coordinator, host=host, coordinator=host.coordinator, experts=[new_expert]
    )
    assert set(space.members.all()) == expected - {world.experts[0]} | {new_expert}

    services.remove_host(actor=world.coordinator, host=world.hosts[2])
    assert world.host_coordinators[2] not in space.members.all()
    assert world.experts[2] not in space.members.all()


def test_accepted_observers_join_when_the_phase_moves_on():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=6)
    space = Space.objects.get(cycle=world.cycle)
    observers = {a.user for a in accepted(world)}
    assert observers
    members = set(space.members.all())
    assert observers <= members
    assert {u.pk for u in members} == set(selectors.participants(world.cycle))
    rejected = {a.user for a in world.applications} - observers
    assert not rejected & members
    assert world.coordinator in space.moderators.all()


def test_a_new_network_coordinator_moderates_after_the_next_change_and_one_space_per_cycle():
    world = build_world(phase=CyclePhase.DRAFT)
    newcomer = coordinator_user(last_name="Druga")
    organisation = OrganisationFactory(name="Związek ZIT gospodarz 4")
    person = MembershipFactory(organisation=organisation).user
    services.add_host(actor=world.coordinator, cycle=world.cycle, organisation=organisation, role="partner",
                      coordinator=person)  # fmt: skip
    assert Space.objects.filter(cycle=world.cycle).count() == 1
    space = world.cycle.forum_space
    assert newcomer in space.moderators.all()
    assert person in space.members.all()


def test_a_closed_cycle_keeps_its_space_archived():
    world = build_world(phase=CyclePhase.DRAFT)
    cycle = world.cycle
    cycle.phase = CyclePhase.FOLLOW_UP
    cycle.save(update_fields=["phase"])
    services.transition(
        actor=world.coordinator,
        cycle=cycle,
        to_phase=CyclePhase.CLOSED,
        override_reason="Zamykamy cykl testowo.",
    )
    space = Space.objects.get(cycle=cycle)
    assert space.is_archived
    assert set(space.members.all()) == set(world.host_coordinators) | set(world.experts)
