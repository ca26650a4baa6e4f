"""The demo cycles of seed_demo: the seed's Forum in report drafting, and a cycle to walk."""

from collections import Counter

import pytest
from django.core.management import call_command

from peer_review.enums import (
    ApplicationStatus,
    ChallengeState,
    CyclePhase,
    FindingState,
    HostRole,
    MeetingKind,
)
from peer_review.models import (
    AssignedPair,
    ChallengeVersion,
    Cycle,
    Finding,
    ObserverApplication,
    Recommendation,
)
from peer_review.selectors import blockers, conflicts
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_cycles_are_built_once_and_rebuilt_without_duplicates():
    seed()
    first_users = User.objects.count()
    seed()
    assert User.objects.count() == first_users
    assert Cycle.objects.filter(slug__startswith="forum-oceny").count() == 2

    forum = Cycle.objects.get(slug="forum-oceny-2025-2026")
    assert forum.title == "Forum Oceny i Współpracy 2025–2026"
    assert forum.phase == CyclePhase.REPORT_DRAFTING
    hosts = {h.organisation.short_name: h for h in forum.hosts.select_related("organisation", "coordinator")}
    assert hosts["ZIT AKO"].role == HostRole.LEADER
    assert {hosts["ZIT AJ"].role, hosts["ZIT AW"].role} == {HostRole.PARTNER}
    assert hosts["ZIT AW"].coordinator.email == "gospodarz@zitnet.test"
    assert hosts["ZIT AKO"].coordinator.email == "redaktor@zitnet.test"
    assert not hosts["ZIT AJ"].coordinator.has_usable_password()
    for host in hosts.values():
        assert "ekspert@zitnet.test" in host.experts.values_list("email", flat=True)
        assert host.challenges.filter(state=ChallengeState.APPROVED).count() == 3

    assert forum.challenges.count() == 9
    revised = forum.challenges.get(version=2)
    assert ChallengeVersion.objects.filter(challenge=revised).count() == 2
    assert revised.comments.filter(kind="return").exists()

    assert forum.applications.count() == 36
    assert ObserverApplication.objects.filter(cycle=forum).values("user").distinct().count() == 36
    accepted = list(forum.applications.filter(status=ApplicationStatus.ACCEPTED))
    assert len(accepted) >= forum.observers_minimum
    assert all(a.preferences.count() == 3 for a in forum.applications.all())
    assert forum.applications.filter(conflicts__source="declared").count() == 1

    run = forum.published_run
    assert run is not None and run.status == "solved" and run.number == 2
    assert run.diff["previous"] == 1
    per_observer = Counter(run.pairs.values_list("application_id", flat=True))
    assert set(per_observer) == {a.pk for a in accepted}
    assert set(per_observer.values()) == {forum.challenges_per_observer}
    per_challenge = Counter(run.pairs.values_list("challenge_id", flat=True))
    assert len(per_challenge) == 9
    assert all(
        forum.observers_per_challenge_min <= n <= forum.observers_per_challenge_max
        for n in per_challenge.values()
    )
    conflicted = {(c.application_id, c.host_id) for c in conflicts(forum)}
    assert not any((p.application_id, p.challenge.host_id) in conflicted for p in run.pairs.all())
    assert (
        AssignedPair.objects.filter(run=run, application__user__email="obserwator@zitnet.test").count() == 2
    )
    assert blockers(forum, CyclePhase.PREPARATION) == []  # what the preparation needed is there

    preparatory = forum.meetings.get(kind=MeetingKind.PREPARATORY)
    assert preparatory.online_url == "https://spotkania.zitnet.test/forum-2026"
    onsite = forum.meetings.get(kind=MeetingKind.ONSITE)
    assert "Kalisz" in onsite.title
    assert onsite.agenda.filter(kind="session").count() == 9
    assert onsite.agenda.filter(kind="study_visit").exists()
    assert all(d.starts_on.year in (2025, 2026, 2027) for d in forum.phase_dates.all())
    # Both meetings took place; the attendance was recorded (two observers missed the online one).
    assert preparatory.attendance.filter(status="absent").count() == 2
    assert onsite.attendance.filter(status="absent").count() == 1


def test_the_seed_cycle_is_in_report_drafting_with_findings_recommendations_and_a_report():
    seed()
    forum = Cycle.objects.get(slug="forum-oceny-2025-2026")
    submitted = Finding.objects.filter(challenge__cycle=forum, state=FindingState.SUBMITTED)
    assert submitted.count() >= 50
    for challenge in forum.challenges.all():
        authors = submitted.filter(challenge=challenge).values("author").distinct().count()
        assert authors >= 3, challenge.title  # several observers per challenge
    assert submitted.filter(practice__isnull=False).exists()  # practices from the library are linked
    drafts = Finding.objects.filter(challenge__cycle=forum, state=FindingState.DRAFT)
    assert list(drafts.values_list("author__email", flat=True)) == ["obserwator@zitnet.test"]

    recommendations = Recommendation.objects.filter(challenge__cycle=forum)
    assert recommendations.count() == 11
    assert all(r.sources.exists() for r in recommendations)
    left = forum.challenges.exclude(recommendations__isnull=False).get()
    assert left.title.startswith("Partnerstwo")  # left for the experts to consolidate in the browser

    report = forum.report
    assert report.sections.filter(kind="challenge").count() == 9
    assert report.sections.get(key="introduction").body.count(forum.title) >= 1
    assert any(left.title in reason for reason in blockers(forum, CyclePhase.HOST_REVIEW))

    walk = Cycle.objects.get(slug="forum-oceny-2027")
    assert walk.phase == CyclePhase.IDENTIFICATION
    leader = walk.hosts.get(role=HostRole.LEADER)
    assert leader.organisation.short_name == "ZIT AW"
    assert leader.coordinator.email == "gospodarz@zitnet.test"
    assert list(leader.experts.values_list("email", flat=True)) == ["ekspert@zitnet.test"]
    assert sorted(leader.challenges.values_list("state", flat=True)) == ["approved", "draft", "submitted"]
    for partner in walk.hosts.filter(role=HostRole.PARTNER):
        assert not partner.coordinator.has_usable_password()
        assert partner.challenges.filter(state=ChallengeState.APPROVED).count() == 3


def test_the_seed_cycle_can_be_carried_to_a_published_report_and_seeded_again():
    seed()
    call_command("seed_demo", "--forum-published", stdout=open("/dev/null", "w"))  # noqa: SIM115
    forum = Cycle.objects.get(slug="forum-oceny-2025-2026")
    assert forum.phase == CyclePhase.PUBLISHED
    page = forum.report.page
    assert page.live and page.recommendations.count() == 12
    assert forum.hosts.filter(report_reviews__status="approved").count() == 3
    assert Recommendation.objects.filter(challenge__cycle=forum, response__isnull=False).count() == 2
    seed()  # back to report drafting, the published page gone with the cycle it came from
    assert not type(page).objects.filter(pk=page.pk).exists()
    assert Cycle.objects.get(slug="forum-oceny-2025-2026").phase == CyclePhase.REPORT_DRAFTING
