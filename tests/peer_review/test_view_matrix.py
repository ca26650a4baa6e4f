"""Every page of the Forum for every role, on objects of their own and of others (role × view × object).

A row says what each person gets: the page (200), a redirect to log in (login), 403 or 404 (404 where the person
may not even know the object exists, such as another host's draft).
"""

import pytest
from django.test import Client
from django.urls import reverse

from peer_review.enums import ApplicationStatus, ChallengeState, CyclePhase
from tests.factories import MembershipFactory, with_totp
from tests.factories.peer_review import build_world

pytestmark = pytest.mark.django_db

LOGIN = "login"
ROLES = ("anonymous", "member", "host_a", "host_b", "expert_a", "observer", "coordinator")


def outcome(response) -> int | str:
    if response.status_code == 302 and "/konto/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def clients(world) -> dict[str, Client]:
    coordinator = world.coordinator
    with_totp(coordinator)
    observer = world.refresh().applications[0].user
    people = {
        "anonymous": None,
        "member": MembershipFactory().user,
        "host_a": world.host_coordinators[0],
        "host_b": world.host_coordinators[1],
        "expert_a": world.experts[0],
        "observer": observer,
        "coordinator": coordinator,
    }
    out = {}
    for role, person in people.items():
        client = Client()
        if person is not None:
            client.force_login(person)
        out[role] = client
    return out


def check(clients_by_role, path, expected) -> None:
    got = tuple(outcome(clients_by_role[role].get(path)) for role in ROLES)
    assert got == expected, path


@pytest.fixture
def published():
    """The cycle after the assignment is published: the observer has challenges of host A and host B."""
    world = build_world(phase=CyclePhase.PREPARATION, observers=12)
    return world, clients(world)


def _assigned_and_not(world):
    observer_application = world.applications[0]
    pairs = world.cycle.published_run.pairs.filter(application=observer_application)
    mine = {pair.challenge_id for pair in pairs}
    assigned = next(c for c in world.challenges if c.pk in mine)
    other = next(c for c in world.challenges if c.pk not in mine)
    return assigned, other


def test_cycle_pages_by_role(published):
    world, by_role = published
    slug = world.cycle.slug
    #                                                      anon  member host_a host_b exp_a  obs  coord
    check(by_role, reverse("peer_review:index"), (200, 200, 200, 200, 200, 200, 200))
    check(by_role, reverse("peer_review:cycle", args=[slug]), (200, 200, 200, 200, 200, 200, 200))
    check(by_role, reverse("peer_review:observer", args=[slug]), (LOGIN, 404, 404, 404, 404, 200, 404))
    check(by_role, reverse("peer_review:host", args=[slug]), (LOGIN, 403, 200, 200, 403, 403, 200))
    check(by_role, reverse("peer_review:expert", args=[slug]), (LOGIN, 403, 403, 403, 200, 403, 200))
    for name in ("board", "settings", "hosts", "applications", "assignment", "meetings"):
        check(by_role, reverse(f"peer_review:{name}", args=[slug]), (LOGIN, 403, 403, 403, 403, 403, 200))
    run = world.cycle.published_run.number
    check(by_role, reverse("peer_review:run", args=[slug, run]), (LOGIN, 403, 403, 403, 403, 403, 200))
    application = world.applications[1]
    check(
        by_role,
        reverse("peer_review:application", args=[slug, application.pk]),
        (LOGIN, 403, 403, 403, 403, 403, 200),
    )
    meeting = world.cycle.meetings.get()
    check(by_role, meeting.get_absolute_url(), (LOGIN, 403, 200, 200, 200, 200, 200))


def test_challenge_material_by_role_and_object(published):
    world, by_role = published
    assigned, other = _assigned_and_not(world)
    host_a = world.hosts[0]
    own_of_a = next(c for c in world.challenges if c.host_id == host_a.pk)
    for challenge in (assigned, other, own_of_a):
        response = by_role["observer"].get(challenge.get_absolute_url())
        assert response.status_code == 200  # the summary of an approved challenge of a public cycle
        material_shown = challenge.context in response.content.decode()
        assert material_shown is (challenge.pk == assigned.pk), challenge
    for role in ("anonymous", "member", "host_b"):
        html = by_role[role].get(own_of_a.get_absolute_url()).content.decode()
        assert own_of_a.guiding_question in html and own_of_a.context not in html, role
    for role in ("host_a", "expert_a", "coordinator"):
        html = by_role[role].get(own_of_a.get_absolute_url()).content.decode()
        assert own_of_a.context in html, role
    # Editing pages: only the host's own coordinator (and the network coordinator); approved means frozen.
    edit = reverse("peer_review:challenge_edit", args=[world.cycle.slug, own_of_a.pk])
    check(by_role, edit, (LOGIN, 403, 200, 403, 403, 403, 200))


def test_hosts_never_see_each_others_drafts():
    world = build_world(phase=CyclePhase.IDENTIFICATION, observers=0)
    by_role = {
        "anonymous": Client(),
        "host_a": Client(),
        "host_b": Client(),
        "expert_a": Client(),
        "coordinator": Client(),
    }
    by_role["host_a"].force_login(world.host_coordinators[0])
    by_role["host_b"].force_login(world.host_coordinators[1])
    by_role["expert_a"].force_login(world.experts[0])
    with_totp(world.coordinator)
    by_role["coordinator"].force_login(world.coordinator)
    draft_of_a = next(c for c in world.challenges if c.host_id == world.hosts[0].pk)
    assert draft_of_a.state == ChallengeState.DRAFT
    got = {role: outcome(client.get(draft_of_a.get_absolute_url())) for role, client in by_role.items()}
    assert got == {"anonymous": 404, "host_a": 200, "host_b": 404, "expert_a": 200, "coordinator": 200}
    # Nor in lists: host B's pages never name host A's draft.
    for path in (
        reverse("peer_review:host", args=[world.cycle.slug]),
        reverse("peer_review:cycle", args=[world.cycle.slug]),
        reverse("peer_review:index"),
    ):
        assert draft_of_a.title not in by_role["host_b"].get(path).content.decode()
    # The cycle itself is not public before recruitment.
    assert outcome(by_role["anonymous"].get(world.cycle.get_absolute_url())) == 404


def test_a_rejected_observer_loses_the_material():
    world = build_world(phase=CyclePhase.PREPARATION, observers=12)
    application = world.applications[0]
    assigned, _other = _assigned_and_not(world)
    client = Client()
    client.force_login(application.user)
    assert assigned.context in client.get(assigned.get_absolute_url()).content.decode()
    application.status = ApplicationStatus.REJECTED
    application.save(update_fields=["status"])
    assert assigned.context not in client.get(assigned.get_absolute_url()).content.decode()
