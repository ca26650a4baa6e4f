"""The network coordinator's pages of a cycle: board and transitions, applications, assignment, meetings.

Pages are read in English (Accept-Language) so the assertions do not depend on the Polish catalogue.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from peer_review import services
from peer_review.enums import ApplicationStatus, CyclePhase, MeetingKind, PairRuleKind, RunStatus
from peer_review.models import AssignedPair, Cycle, Meeting, PairRule, Transition
from tests.factories import MembershipFactory, OrganisationFactory, with_totp
from tests.factories.peer_review import accepted, build_world, coordinator_user


def english_client(person=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.force_login(person)
    return client


@pytest.fixture
def as_coordinator(coordinator):
    return english_client(coordinator)


def url(name, world, *args):
    return reverse(f"peer_review:{name}", args=[world.cycle.slug, *args])


def page(response) -> str:
    return response.content.decode()


# --- the board and transitions ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_board_shows_the_phases_the_current_one_and_what_blocks_the_next(coordinator, as_coordinator):
    world = build_world(coordinator=coordinator)
    response = as_coordinator.get(url("board", world))
    html = page(response)
    assert response.status_code == 200
    assert 'aria-current="step"' in html
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Challenge identification" in current
    host = world.hosts[0].organisation.display_name
    assert f"Host {host} has 0 of 3 approved challenges." in html
    assert "Next phase: Observer recruitment" in html
    assert 'name="expected_phase" value="identification"' in html
    assert 'name="to_phase" value="recruitment"' in html
    assert "At least 15 characters. The reason is logged with the phase change" in html
    for name in ("settings", "hosts", "applications", "assignment", "meetings"):
        assert url(name, world) in html


@pytest.mark.django_db
def test_a_transition_moves_the_phase_is_listed_and_emails_the_participants(
    coordinator, as_coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    world = build_world(phase=CyclePhase.DRAFT, coordinator=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(
            url("transition", world), {"expected_phase": "draft", "to_phase": "identification"}
        )
    assert response.status_code == 302 and response.url == url("board", world)
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION
    entry = Transition.objects.get(cycle=world.cycle, to_phase=CyclePhase.IDENTIFICATION)
    assert entry.actor == coordinator and entry.override_reason == ""
    html = page(as_coordinator.get(url("board", world)))
    assert "Draft → Challenge identification" in html
    assert coordinator.display_name in html
    recipients = {address for mail in mailoutbox for address in mail.to}
    people = {u.email for u in world.host_coordinators + world.experts}
    assert people <= recipients
    assert all(world.cycle.title in mail.subject for mail in mailoutbox)


@pytest.mark.django_db
def test_a_transition_with_blockers_and_no_reason_is_refused(coordinator, as_coordinator):
    world = build_world(coordinator=coordinator)
    response = as_coordinator.post(
        url("transition", world), {"expected_phase": "identification", "to_phase": "recruitment"}
    )
    assert response.status_code == 400
    assert "The cycle cannot move on yet" in page(response)
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION
    short = as_coordinator.post(
        url("transition", world),
        {"expected_phase": "identification", "to_phase": "recruitment", "override_reason": "too short"},
    )
    assert short.status_code == 400 and "at least 15 characters" in page(short)
    assert "too short" in page(short)  # what was written is kept
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION


@pytest.mark.django_db
def test_a_transition_with_blockers_passes_with_a_reason_which_the_board_shows(coordinator, as_coordinator):
    world = build_world(coordinator=coordinator)
    reason = "The board of the association decided to open recruitment early."
    response = as_coordinator.post(
        url("transition", world),
        {"expected_phase": "identification", "to_phase": "recruitment", "override_reason": reason},
    )
    assert response.status_code == 302
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.RECRUITMENT
    entry = Transition.objects.get(cycle=world.cycle, to_phase=CyclePhase.RECRUITMENT)
    assert entry.override_reason == reason and entry.unmet
    html = page(as_coordinator.get(url("board", world)))
    assert reason in html
    assert "has 0 of 3 approved challenges" in html  # the unmet conditions logged with the override


@pytest.mark.django_db
def test_a_stale_expected_phase_gives_409_and_a_fresh_form(coordinator, as_coordinator):
    world = build_world(coordinator=coordinator)
    response = as_coordinator.post(
        url("transition", world), {"expected_phase": "draft", "to_phase": "identification"}
    )
    assert response.status_code == 409
    html = page(response)
    assert "while you were looking at it" in html
    assert 'name="expected_phase" value="identification"' in html
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.IDENTIFICATION


@pytest.mark.django_db
def test_out_of_order_and_unknown_phases_are_refused(coordinator, as_coordinator):
    world = build_world(phase=CyclePhase.DRAFT, coordinator=coordinator)
    skip = as_coordinator.post(
        url("transition", world), {"expected_phase": "draft", "to_phase": "recruitment"}
    )
    assert skip.status_code == 400
    assert "it can only move on to “Challenge identification”" in page(skip)
    unknown = as_coordinator.post(url("transition", world), {"expected_phase": "draft", "to_phase": "party"})
    assert unknown.status_code == 400
    missing = as_coordinator.post(url("transition", world), {})
    assert missing.status_code == 400
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.DRAFT
    assert not Transition.objects.filter(cycle=world.cycle).exists()


# --- a new cycle, settings, hosts -------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_a_cycle_then_change_its_settings_and_phase_dates(as_coordinator):
    form = as_coordinator.get(reverse("peer_review:cycle_create"))
    assert form.status_code == 200 and 'name="observers_per_challenge_min"' in page(form)
    data = {
        "title": "Forum 2027",
        "description": "",
        "challenges_per_host": 3,
        "observers_minimum": 10,
        "observers_maximum": 20,
        "observers_per_challenge_min": 2,
        "observers_per_challenge_max": 5,
        "challenges_per_observer": 2,
        "max_per_organisation": 1,
    }
    response = as_coordinator.post(reverse("peer_review:cycle_create"), data)
    cycle = Cycle.objects.get(title="Forum 2027")
    assert response.status_code == 302 and response.url == reverse("peer_review:board", args=[cycle.slug])
    assert cycle.phase == CyclePhase.DRAFT and cycle.observers_maximum == 20

    settings_url = reverse("peer_review:settings", args=[cycle.slug])
    changed = {
        **data,
        "observers_maximum": 25,
        "starts_recruitment": "2027-03-01",
        "ends_recruitment": "2027-03-31",
    }
    assert as_coordinator.post(settings_url, changed).status_code == 302
    cycle.refresh_from_db()
    assert cycle.observers_maximum == 25
    dates = cycle.phase_dates.get(phase=CyclePhase.RECRUITMENT)
    assert (dates.starts_on.isoformat(), dates.ends_on.isoformat()) == ("2027-03-01", "2027-03-31")
    assert "1.03.2027" in page(as_coordinator.get(reverse("peer_review:board", args=[cycle.slug])))

    wrong = as_coordinator.post(settings_url, {**changed, "observers_per_challenge_min": 9})
    assert wrong.status_code == 400
    assert "cannot need more observers (9) than it takes (5)" in page(wrong)
    backwards = as_coordinator.post(settings_url, {**changed, "ends_recruitment": "2027-02-01"})
    assert backwards.status_code == 400
    missing = as_coordinator.post(settings_url, {"title": ""})
    assert missing.status_code == 400
    cycle.refresh_from_db()
    assert cycle.observers_per_challenge_min == 2


@pytest.mark.django_db
def test_hosts_are_added_named_and_removed(as_coordinator, coordinator):
    world = build_world(phase=CyclePhase.DRAFT, coordinator=coordinator)
    organisation = OrganisationFactory(name="Miejski Obszar Funkcjonalny Testowo")
    person = MembershipFactory(organisation=organisation, user__first_name="Gospodyni").user
    outsider = MembershipFactory(user__first_name="Obca").user
    hosts_url = url("hosts", world)
    html = page(as_coordinator.get(hosts_url))
    assert world.hosts[0].organisation.display_name in html and world.experts[0].display_name in html

    refused = as_coordinator.post(
        hosts_url,
        {"action": "add", "organisation": organisation.pk, "role": "partner", "coordinator": outsider.pk},
    )
    assert refused.status_code == 400 and "is not a member of" in page(refused)
    response = as_coordinator.post(
        hosts_url,
        {
            "action": "add",
            "organisation": organisation.pk,
            "role": "partner",
            "coordinator": person.pk,
            "experts": [world.experts[0].pk],
        },
    )
    assert response.status_code == 302
    host = world.cycle.hosts.get(organisation=organisation)
    assert host.coordinator == person and list(host.experts.all()) == [world.experts[0]]

    second_leader = as_coordinator.post(
        hosts_url, {"action": "add", "organisation": OrganisationFactory().pk, "role": "leader"}
    )
    assert second_leader.status_code == 400 and "already has a leader" in page(second_leader)

    updated = as_coordinator.post(
        hosts_url,
        {"action": "update", "host": host.pk, f"host-{host.pk}-experts": [world.experts[1].pk]},
    )
    assert updated.status_code == 302
    host.refresh_from_db()
    assert host.coordinator is None and list(host.experts.all()) == [world.experts[1]]

    assert as_coordinator.post(hosts_url, {"action": "remove", "host": host.pk}).status_code == 302
    assert not world.cycle.hosts.filter(pk=host.pk).exists()
    assert as_coordinator.post(hosts_url, {"action": "remove", "host": "abc"}).status_code == 400
    assert as_coordinator.post(hosts_url, {"action": "remove", "host": 999999}).status_code == 404
    assert as_coordinator.post(hosts_url, {"action": "dance"}).status_code == 400


# --- applications -----------------------------------------------------------------------------------------


@pytest.fixture
def recruiting(coordinator):
    """A cycle in recruitment with 6 applicants and 4 places."""
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=6, coordinator=coordinator)
    services.update_cycle(
        actor=None,
        cycle=world.cycle,
        title=world.cycle.title,
        description="",
        observers_minimum=2,
        observers_maximum=4,
    )
    world.cycle.refresh_from_db()
    return world


@pytest.mark.django_db
def test_applications_list_priority_with_reasons_and_details(recruiting, as_coordinator):
    world = recruiting
    response = as_coordinator.get(url("applications", world))
    html = page(response)
    assert response.status_code == 200
    assert "Priority order" in html
    first = world.applications[0]
    assert "first observer from this voivodeship" in html
    assert f"first observer from {first.organisation.display_name}" in html
    assert first.user.display_name in html
    with translation.override("en"):
        assert first.organisation.get_voivodeship_display() in html
    assert "Online and on site" in html
    assert world.challenges[0].title in html  # a ranked preference
    rows = html.split("Priority order")[1].split("All applications")[0]
    names = [a.user.display_name for a in world.applications]
    assert rows.index(names[0]) < rows.index(names[1])


@pytest.mark.django_db
def test_conflicts_are_shown_with_their_source_and_reason(recruiting, as_coordinator):
    world = recruiting
    application = world.applications[0]
    detail_url = url("application", world, application.pk)
    response = as_coordinator.post(
        detail_url,
        {
            "action": "conflict",
            "host": world.hosts[1].pk,
            "reason": "Advised this host on its strategy in 2025.",
        },
    )
    assert response.status_code == 302
    html = page(as_coordinator.get(detail_url))
    assert "Added by the coordinator" in html and "Advised this host on its strategy in 2025." in html
    assert application.motivation in html
    listing = page(as_coordinator.get(url("applications", world)))
    assert "Added by the coordinator" in listing
    short = as_coordinator.post(detail_url, {"action": "conflict", "host": world.hosts[1].pk, "reason": "no"})
    assert short.status_code == 400 and "Give the reason" in page(short)
    foreign = as_coordinator.post(
        detail_url, {"action": "conflict", "host": "x", "reason": "A long enough reason."}
    )
    assert foreign.status_code == 400


@pytest.mark.django_db
def test_accept_by_priority_fills_the_places_and_the_rest_wait(recruiting, as_coordinator):
    world = recruiting
    response = as_coordinator.post(url("applications", world), {"action": "accept_by_priority"})
    assert response.status_code == 302
    statuses = [a.status for a in world.refresh().applications]
    assert statuses.count(ApplicationStatus.ACCEPTED) == 4
    assert statuses.count(ApplicationStatus.WAITLISTED) == 2
    html = page(as_coordinator.get(response.url))
    assert "Accepted: 4. Put on the waiting list: 2." in html
    waiting = page(as_coordinator.get(url("applications", world) + "?status=waitlisted"))
    assert waiting.count('name="application"') == 2


@pytest.mark.django_db
def test_single_decisions_and_their_history(recruiting, as_coordinator, coordinator):
    world = recruiting
    application = world.applications[2]
    response = as_coordinator.post(
        url("applications", world), {"action": "decide", "application": application.pk, "status": "rejected"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED and application.decided_by == coordinator
    detail_url = url("application", world, application.pk)
    assert (
        as_coordinator.post(
            detail_url, {"action": "decide", "status": "accepted", "note": "A place after all."}
        ).status_code
        == 302
    )
    html = page(as_coordinator.get(detail_url))
    assert "A place after all." in html and "Not accepted" in html and coordinator.display_name in html
    for bad in ({"action": "decide", "application": "abc", "status": "accepted"},
                {"action": "decide", "application": application.pk, "status": "crowned"},
                {"action": "decide"}):  # fmt: skip
        assert as_coordinator.post(url("applications", world), bad).status_code == 400
    other = build_world(phase=CyclePhase.RECRUITMENT, observers=1, coordinator=coordinator)
    foreign = as_coordinator.post(
        url("applications", world),
        {"action": "decide", "application": other.applications[0].pk, "status": "accepted"},
    )
    assert foreign.status_code == 404
    assert as_coordinator.get(url("applications", world) + "?status=nonsense").status_code == 400
    assert as_coordinator.get(url("application", world, 999999)).status_code == 404


@pytest.mark.django_db
def test_the_applications_page_needs_the_same_queries_for_more_applications(
    coordinator, as_coordinator, django_assert_max_num_queries
):
    small = build_world(phase=CyclePhase.RECRUITMENT, observers=2, coordinator=coordinator)
    as_coordinator.get(url("applications", small))  # warm the session and role caches
    with CaptureQueriesContext(connection) as few:
        assert as_coordinator.get(url("applications", small)).status_code == 200
    allowed = len(few)  # now: the query log is reset by later requests
    large = build_world(phase=CyclePhase.RECRUITMENT, observers=14, coordinator=coordinator)
    as_coordinator.get(url("applications", large))
    with django_assert_max_num_queries(allowed):
        html = page(as_coordinator.get(url("applications", large)))
    assert all(a.user.display_name in html for a in large.applications)


# --- assignment -------------------------------------------------------------------------------------------


@pytest.fixture
def assigning(coordinator):
    return build_world(phase=CyclePhase.ASSIGNMENT, observers=12, coordinator=coordinator)


@pytest.mark.django_db
def test_running_the_optimiser_shows_a_solved_run_with_explanations(assigning, as_coordinator, coordinator):
    world = assigning
    page_url = url("assignment", world)
    before = page(as_coordinator.get(page_url))
    assert "Run the optimiser" in before and "at least 2, at most 4" in before
    response = as_coordinator.post(page_url, {"action": "run"})
    assert response.status_code == 302
    run = world.cycle.runs.get()
    assert run.status == RunStatus.SOLVED
    html = page(as_coordinator.get(page_url))
    assert "Run 1 found an assignment." in html
    assert "Latest run: 1" in html and "Solved" in html
    assert "(needs 2–4)" in html
    assert "1st choice" in html
    assert "Why each observer got their challenges" in html
    assert coordinator.display_name in html  # who ran it
    assert "Publish the assignment of run 1" in html
    pair = AssignedPair.objects.filter(run=run).select_related("application__user", "challenge").first()
    assert pair.application.user.display_name in html and pair.challenge.title in html
    detail = as_coordinator.get(url("run", world, 1))
    assert detail.status_code == 200 and "1st choice" in page(detail)
    assert as_coordinator.get(url("run", world, 7)).status_code == 404


@pytest.mark.django_db
def test_an_impossible_assignment_is_explained_in_words(assigning, as_coordinator):
    world = assigning
    chosen = accepted(world)[0]
    for challenge in world.challenges:
        services.set_pair_rule(
            actor=None, cycle=world.cycle, application=chosen, challenge=challenge, kind=PairRuleKind.FORBID
        )
    as_coordinator.post(url("assignment", world), {"action": "run"})
    run = world.cycle.runs.get()
    assert run.status == RunStatus.INFEASIBLE
    html = page(as_coordinator.get(url("assignment", world)))
    assert "No assignment meets every condition, because:" in html
    assert f"{chosen.user.display_name} may review only 0 challenges but must review 2." in html
    assert "Publish the assignment" not in html
    refused = as_coordinator.post(url("assignment", world), {"action": "publish", "run": run.number})
    assert refused.status_code == 400 and "Only a solved run can be published." in page(refused)


@pytest.mark.django_db
def test_publishing_a_run(assigning, as_coordinator, mailoutbox, django_capture_on_commit_callbacks):
    world = assigning
    as_coordinator.post(url("assignment", world), {"action": "run"})
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(url("assignment", world), {"action": "publish", "run": "1"})
    assert response.status_code == 302
    world.cycle.refresh_from_db()
    assert world.cycle.published_run.number == 1
    html = page(as_coordinator.get(url("assignment", world)))
    assert "Published: the assignment of run 1." in html
    assert "Publish the assignment of run 1" not in html
    assert {a.user.email for a in accepted(world)} <= {address for m in mailoutbox for address in m.to}
    assert as_coordinator.post(url("assignment", world), {"action": "publish", "run": "x"}).status_code == 400
    assert as_coordinator.post(url("assignment", world), {"action": "publish", "run": "9"}).status_code == 404


@pytest.mark.django_db
def test_pinning_then_running_again_shows_the_difference(assigning, as_coordinator):
    world = assigning
    page_url = url("assignment", world)
    as_coordinator.post(page_url, {"action": "run"})
    first = world.cycle.runs.get()
    assigned = set(first.pairs.values_list("application_id", "challenge_id"))
    observer = accepted(world)[0]
    conflicted = {h.pk for h in world.hosts if h.organisation_id == observer.organisation_id}
    target = next(
        c for c in world.challenges
        if (observer.pk, c.pk) not in assigned and c.host_id not in conflicted
    )  # fmt: skip
    response = as_coordinator.post(
        page_url,
        {
            "action": "rule",
            "application": observer.pk,
            "challenge": target.pk,
            "kind": "pin",
            "reason": "Asked for it",
        },
    )
    assert response.status_code == 302
    assert PairRule.objects.get(application=observer, challenge=target).kind == PairRuleKind.PIN
    html = page(as_coordinator.get(page_url))
    assert "Always assign" in html and "Asked for it" in html
    as_coordinator.post(page_url, {"action": "run"})
    second = world.cycle.runs.get(number=2)
    assert second.pairs.filter(application=observer, challenge=target, pinned=True).exists()
    html = page(as_coordinator.get(page_url))
    assert "Changes since the previous run" in html
    diff = html.split("Changes since the previous run")[1]
    assert observer.user.display_name in diff and target.title in diff
    assert "pinned" in html
    removed = as_coordinator.post(
        page_url, {"action": "rule", "application": observer.pk, "challenge": target.pk, "kind": "remove"}
    )
    assert removed.status_code == 302 and not PairRule.objects.filter(application=observer).exists()
    bad = as_coordinator.post(
        page_url, {"action": "rule", "application": "abc", "challenge": target.pk, "kind": "pin"}
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_the_optimiser_refuses_outside_the_assignment_phase(coordinator, as_coordinator):
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=2, coordinator=coordinator)
    response = as_coordinator.post(url("assignment", world), {"action": "run"})
    assert response.status_code == 400
    assert "only in the assignment phase" in page(response)
    assert not world.cycle.runs.exists()


# --- meetings ---------------------------------------------------------------------------------------------


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def meeting_data(kind: str, **fields) -> dict:
    return {
        "action": "save",
        "kind": kind,
        **{f"meeting-{kind}-{name}": value for name, value in fields.items()},
    }


def agenda_data(meeting, **fields) -> dict:
    return {
        "action": "agenda_add",
        "meeting": meeting.pk,
        **{f"agenda-{meeting.pk}-{name}": value for name, value in fields.items()},
    }


@pytest.mark.django_db
def test_meetings_are_scheduled_given_an_agenda_and_invitations(
    assigning, as_coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    world = assigning
    meetings_url = url("meetings", world)
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    html = page(as_coordinator.get(meetings_url))
    assert "Preparatory meeting (online)" in html and 'type="datetime-local"' in html
    online = {
        "title": "Spotkanie online",
        "starts_at": _local(start),
        "ends_at": _local(start + timedelta(hours=2)),
    }
    no_link = as_coordinator.post(meetings_url, meeting_data("preparatory", **online))
    assert no_link.status_code == 400 and "give the link to join" in page(no_link)
    response = as_coordinator.post(
        meetings_url,
        meeting_data(
            "preparatory", **online, online_url="https://spotkanie.example.org/forum", invite_observers="on"
        ),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(cycle=world.cycle, kind=MeetingKind.PREPARATORY)
    assert meeting.starts_at == start and meeting.invite_observers
    item = as_coordinator.post(
        meetings_url,
        agenda_data(
            meeting,
            kind="plenary",
            title="Przedstawienie wyzwań",
            starts_at=_local(start),
            ends_at=_local(start + timedelta(hours=1)),
            challenge=world.challenges[0].pk,
        ),
    )
    assert item.status_code == 302
    late = start + timedelta(days=1)
    outside = as_coordinator.post(
        meetings_url,
        agenda_data(
            meeting,
            kind="plenary",
            title="Za późno",
            starts_at=_local(late),
            ends_at=_local(late + timedelta(hours=1)),
        ),
    )
    assert outside.status_code == 400 and "outside the meeting" in page(outside)
    html = page(as_coordinator.get(meetings_url))
    assert "Przedstawienie wyzwań" in html
    assert reverse("peer_review:meeting", args=[world.cycle.slug, meeting.pk]) in html
    with django_capture_on_commit_callbacks(execute=True):
        invited = as_coordinator.post(meetings_url, {"action": "invite", "meeting": meeting.pk})
    assert invited.status_code == 302
    count = meeting.attendance.count()
    assert count == len(world.host_coordinators) + len(world.experts) + len(accepted(world))
    assert f"Invitations sent: {count}." in page(as_coordinator.get(meetings_url))
    assert any("Spotkanie online" in m.subject for m in mailoutbox)
    agenda_item = meeting.agenda.get()
    assert (
        as_coordinator.post(meetings_url, {"action": "agenda_remove", "item": agenda_item.pk}).status_code
        == 302
    )
    assert not meeting.agenda.exists()
    assert as_coordinator.post(meetings_url, {"action": "save", "kind": "party"}).status_code == 400
    assert as_coordinator.post(meetings_url, {"action": "invite", "meeting": "x"}).status_code == 400
    assert as_coordinator.post(meetings_url, {"action": "invite", "meeting": 999999}).status_code == 404


# --- who may see the coordinator's pages ------------------------------------------------------------------


def coordinator_urls(world) -> list[tuple[str, str]]:
    application = world.applications[0].pk
    return [
        ("get", reverse("peer_review:cycle_create")),
        ("post", reverse("peer_review:cycle_create")),
        ("get", url("board", world)),
        ("post", url("transition", world)),
        ("get", url("settings", world)),
        ("post", url("settings", world)),
        ("get", url("hosts", world)),
        ("post", url("hosts", world)),
        ("get", url("applications", world)),
        ("post", url("applications", world)),
        ("get", url("application", world, application)),
        ("post", url("application", world, application)),
        ("get", url("assignment", world)),
        ("post", url("assignment", world)),
        ("get", url("run", world, 1)),
        ("get", url("meetings", world)),
        ("post", url("meetings", world)),
    ]


@pytest.mark.django_db
def test_only_network_coordinators_reach_the_coordinators_pages(coordinator, member):
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=4, coordinator=coordinator)
    services.run_assignment(actor=None, cycle=world.cycle)
    observer = accepted(world)[0].user
    for person in (member, world.host_coordinators[0], world.experts[0], observer):
        with_totp(person)
        client = english_client(person)
        for method, address in coordinator_urls(world):
            response = getattr(client, method)(address, {"action": "run"} if method == "post" else None)
            assert response.status_code == 403, (person, method, address)
    anonymous = Client()
    for method, address in coordinator_urls(world):
        response = getattr(anonymous, method)(address)
        assert response.status_code == 302 and "/login" in response.url, address
    world.cycle.refresh_from_db()
    assert world.cycle.runs.count() == 1


@pytest.mark.django_db
def test_another_coordinator_sees_the_board_and_unknown_cycles_are_404(coordinator):
    world = build_world(phase=CyclePhase.DRAFT, coordinator=coordinator)
    other = coordinator_user()
    with_totp(other)
    client = english_client(other)
    assert client.get(url("board", world)).status_code == 200
    assert client.get(reverse("peer_review:board", args=["no-such-cycle"])).status_code == 404
    assert client.get(f"/forum-oceny/{world.cycle.slug}/przydzial/abc/").status_code == 404
    assert client.get(url("transition", world)).status_code == 405
