"""Findings and consolidated recommendations (peer_review.findings): who records them and when, drafts kept
private, stale versions refused, the trace from a recommendation to its findings, and every refusal in words."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from peer_review import findings, services
from peer_review.enums import CyclePhase, FindingKind, FindingState
from peer_review.models import Finding, Recommendation
from tests.factories import MembershipFactory
from tests.factories.knowledge import make_practice
from tests.factories.peer_review import advance, build_world
from zitnet.core.errors import DomainError

pytestmark = pytest.mark.django_db

OVERRIDE = "Test: przechodzimy dalej mimo braków w danych."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def assigned_and_not(world, observer):
    mine = set(
        world.cycle.published_run.pairs.filter(application__user=observer).values_list(
            "challenge_id", flat=True
        )
    )
    assigned = next(c for c in world.challenges if c.pk in mine)
    other = next(c for c in world.challenges if c.pk not in mine)
    return assigned, other


def expert_of(world, challenge):
    return world.experts[[h.pk for h in world.hosts].index(challenge.host_id)]


def host_coordinator_of(world, challenge):
    return world.host_coordinators[[h.pk for h in world.hosts].index(challenge.host_id)]


def other_expert(world, challenge):
    return next(e for e in world.experts if e != expert_of(world, challenge))


def strength(actor, challenge, text="Silne partnerstwo gmin w MOF.", submit=False, **kwargs):
    return findings.save_finding(
        actor=actor, challenge=challenge, kind=FindingKind.STRENGTH, text=text, submit=submit, **kwargs
    )


def recommendation_finding(actor, challenge, text="Powołać zespół ds. planowania.", submit=True):
    return findings.save_finding(
        actor=actor,
        challenge=challenge,
        kind=FindingKind.RECOMMENDATION,
        text=text,
        addressee="Zarząd związku ZIT",
        time_frame="do końca 2027 r.",
        priority="high",
        submit=submit,
    )


def to_phase(world, phase):
    while world.cycle.phase != phase:
        services.transition(
            actor=None,
            cycle=world.cycle,
            to_phase=CyclePhase.following(world.cycle.phase),
            override_reason=OVERRIDE,
        )
        world.cycle.refresh_from_db()


@pytest.fixture
def onsite():
    world = build_world(phase=CyclePhase.ONSITE)
    observer = world.applications[0].user
    assigned, other = assigned_and_not(world, observer)
    return world, observer, assigned, other


# --- recording and drafts ---------------------------------------------------------------------------------


def test_an_assigned_observer_records_a_private_draft_then_submits_it(onsite):
    world, observer, assigned, _other = onsite
    draft = strength(observer, assigned)
    assert (draft.state, draft.author, draft.version) == (FindingState.DRAFT, observer, 1)
    assert findings.submitted_findings([assigned.pk]) == {assigned.pk: []}

    # A draft is its author's alone: the coordinator, the host's expert, another observer do not see it.
    another_observer = next(
        a.user for a in world.applications[1:] if a.user.has_perm("peer_review.view_findings", assigned)
    )
    for person in (world.coordinator, expert_of(world, assigned), another_observer):
        assert not person.has_perm("peer_review.view_finding", draft)
        assert draft not in findings.visible_findings(person, world.cycle)
    assert observer.has_perm("peer_review.view_finding", draft)
    assert list(findings.visible_findings(observer, world.cycle)) == [draft]

    submitted = findings.submit_finding(actor=observer, finding=draft, expected_version=1)
    assert (submitted.state, submitted.version) == (FindingState.SUBMITTED, 2)
    assert submitted.submitted_at is not None
    assert findings.submitted_findings([assigned.pk])[assigned.pk] == [submitted]
    for person in (world.coordinator, expert_of(world, assigned), another_observer):
        assert person.has_perm("peer_review.view_finding", submitted)
    assert ModelLogEntry.objects.filter(
        action="peer_review.finding.submit", object_id=str(assigned.pk), user=observer
    ).exists()


def test_who_may_record_findings_on_a_challenge(onsite):
    world, observer, assigned, other = onsite
    # The host's expert and the network coordinator record on any of the host's / any challenge.
    assert strength(expert_of(world, assigned), assigned).author == expert_of(world, assigned)
    assert strength(world.coordinator, other).author == world.coordinator
    # Anyone else is refused by the service itself, whatever page they came from.
    for person, challenge in (
        (observer, other),  # not assigned to it
        (other_expert(world, assigned), assigned),  # an expert of another host
        (host_coordinator_of(world, assigned), assigned),  # the host does not review itself
        (MembershipFactory().user, assigned),
    ):
        error = refused(strength, actor=person, challenge=challenge)
        assert (error.code, error.message) == ("forbidden", "You cannot record findings on this challenge.")
    assert Finding.objects.count() == 2


def test_findings_are_recorded_from_the_onsite_meeting_until_report_drafting_ends():
    world = build_world(phase=CyclePhase.PREPARATION)
    observer = world.applications[0].user
    assigned, _other = assigned_and_not(world, observer)
    error = refused(strength, actor=observer, challenge=assigned)
    assert error.message == (
        "Findings are recorded from the on-site meeting until the end of report drafting "
        "(now: “Preparation”)."
    )
    advance(world, CyclePhase.REPORT_DRAFTING)
    finding = strength(observer, assigned, submit=True)
    draft = strength(observer, assigned, text="Szkic do dokończenia.")
    recommendation = recommendation_finding(observer, assigned)
    made = findings.create_recommendation(
        actor=world.coordinator, challenge=assigned, text="Zalecenie", addressee="Zarząd",
        priority="low", source_ids=[recommendation.pk],
    )  # fmt: skip

    to_phase(world, CyclePhase.HOST_REVIEW)
    closed = (
        "Report drafting has ended: findings and recommendations are read-only now (phase “Host review”)."
    )
    assert refused(strength, actor=observer, challenge=assigned).message == closed
    assert refused(findings.withdraw_finding, actor=observer, finding=finding).message == closed
    assert refused(findings.submit_finding, actor=observer, finding=draft).message == closed
    assert (
        refused(findings.delete_recommendation, actor=expert_of(world, assigned), recommendation=made).message
        == closed
    )
    assert (
        refused(
            findings.move_recommendation, actor=world.coordinator, recommendation=made, direction="up"
        ).message
        == closed
    )
    # Reading goes on: the host coordinator now reads the submitted findings, never the draft.
    host = host_coordinator_of(world, assigned)
    assert set(findings.visible_findings(host, world.cycle)) == {finding, recommendation}


def test_the_host_coordinator_reads_submitted_findings_only_from_report_drafting(onsite):
    world, observer, assigned, other = onsite
    submitted = strength(observer, assigned, submit=True)
    host = host_coordinator_of(world, assigned)
    assert not host.has_perm("peer_review.view_findings", assigned)
    assert list(findings.visible_findings(host, world.cycle)) == []
    advance(world, CyclePhase.REPORT_DRAFTING)
    host = type(host).objects.get(pk=host.pk)  # roles are cached per user object
    assert host.has_perm("peer_review.view_findings", assigned)
    assert not host.has_perm("peer_review.view_findings", other) or other.host_id == assigned.host_id
    assert list(findings.visible_findings(host, world.cycle)) == [submitted]


# --- what a finding says ----------------------------------------------------------------------------------


def test_bad_findings_are_refused_in_words_and_nothing_is_written(onsite):
    world, observer, assigned, _other = onsite
    draft_practice = make_practice(publish=False, title="Praktyka w szkicu")
    cases = [
        ({"kind": "opinion", "text": "Tekst"}, "Choose what kind of finding this is."),
        ({"kind": FindingKind.STRENGTH, "text": "   "}, "Write the finding."),
        (
            {"kind": FindingKind.STRENGTH, "text": "x" * 10_000},
            "The finding is too long: 10000 characters, at most 5000.",
        ),
        (
            {"kind": FindingKind.PRACTICE, "text": "Dobra praktyka"},
            "For a good practice, choose it from the knowledge library or give the name of a new one.",
        ),
        (
            {"kind": FindingKind.PRACTICE, "text": "Dobra praktyka", "practice_id": 999_999},
            "The chosen practice is not a published practice of the knowledge library.",
        ),
        (
            {"kind": FindingKind.PRACTICE, "text": "Dobra praktyka", "practice_id": draft_practice.pk},
            "The chosen practice is not a published practice of the knowledge library.",
        ),
        (
            {"kind": FindingKind.PRACTICE, "text": "Dobra praktyka", "practice_id": "abc"},
            "The chosen practice is not a published practice of the knowledge library.",
        ),
        (
            {
                "kind": FindingKind.RECOMMENDATION,
                "text": "Zalecenie",
                "time_frame": "2027",
                "priority": "high",
            },
            "Say to whom the recommendation is addressed.",
        ),
        (
            {
                "kind": FindingKind.RECOMMENDATION,
                "text": "Zalecenie",
                "addressee": "Zarząd",
                "priority": "low",
            },
            "Give the time frame of the recommendation.",
        ),
        (
            {"kind": FindingKind.RECOMMENDATION, "text": "Z", "addressee": "Zarząd", "time_frame": "2027"},
            "Choose the priority of the recommendation.",
        ),
    ]
    for values, message in cases:
        assert refused(findings.save_finding, actor=observer, challenge=assigned, **values).message == message
    assert not Finding.objects.exists()


def test_a_practice_from_the_library_or_a_new_one_and_the_other_kinds_keep_only_their_fields(onsite):
    world, observer, assigned, _other = onsite
    practice = make_practice(title="Wspólne centrum usług")
    from_library = findings.save_finding(
        actor=observer, challenge=assigned, kind=FindingKind.PRACTICE, text="Widzieliśmy centrum.",
        practice_id=str(practice.pk), addressee="nieużywane", priority="high",
    )  # fmt: skip
    assert (from_library.practice.pk, from_library.practice_title) == (practice.pk, "")
    assert (from_library.addressee, from_library.priority) == ("", "")
    new = findings.save_finding(
        actor=observer, challenge=assigned, kind=FindingKind.PRACTICE, text="Nowa praktyka.",
        practice_title="Budżet obywatelski MOF",
    )  # fmt: skip
    assert (new.practice, new.practice_title) == (None, "Budżet obywatelski MOF")
    both = refused(
        findings.save_finding, actor=observer, challenge=assigned, kind=FindingKind.PRACTICE, text="Obie",
        practice_id=practice.pk, practice_title="Inna",
    )  # fmt: skip
    assert both.message == "Choose a practice from the library or name a new one, not both."
    problem = findings.save_finding(
        actor=observer, challenge=assigned, kind=FindingKind.PROBLEM, text="<script>alert(1)</script>",
        practice_id=practice.pk, practice_title="x", addressee="y", time_frame="z", priority="low",
    )  # fmt: skip
    # Stored as the text it is (pages escape it), with nothing of the other kinds.
    assert problem.text == "<script>alert(1)</script>"
    assert (problem.practice, problem.practice_title, problem.addressee, problem.priority) == (
        None,
        "",
        "",
        "",
    )


def test_only_the_author_edits_a_draft_from_its_current_version(onsite):
    world, observer, assigned, _other = onsite
    draft = strength(observer, assigned)
    edited = findings.save_finding(
        actor=observer, challenge=assigned, finding=draft, kind=FindingKind.PROBLEM,
        text="Brak wspólnych danych.", expected_version=1,
    )  # fmt: skip
    assert (edited.kind, edited.text, edited.version) == (FindingKind.PROBLEM, "Brak wspólnych danych.", 2)

    stale = refused(
        findings.save_finding, actor=observer, challenge=assigned, finding=draft, kind=FindingKind.STRENGTH,
        text="Z nieaktualnej karty.", expected_version=1,
    )  # fmt: skip
    assert stale.code == "stale"
    assert stale.message.startswith("Someone changed this while you were editing it (version 2, yours 1).")
    draft.refresh_from_db()
    assert draft.text == "Brak wspólnych danych."

    coordinator = refused(
        findings.save_finding, actor=world.coordinator, challenge=assigned, finding=draft,
        kind=FindingKind.STRENGTH, text="Cudza zmiana", expected_version=2,
    )  # fmt: skip
    assert (coordinator.code, coordinator.message) == ("forbidden", "Only its author can change a finding.")
    assert refused(findings.submit_finding, actor=world.coordinator, finding=draft).code == "forbidden"
    assert refused(findings.submit_finding, actor=observer, finding=draft, expected_version=1).code == "stale"

    findings.submit_finding(actor=observer, finding=draft)
    submitted = refused(
        findings.save_finding, actor=observer, challenge=assigned, finding=draft, kind=FindingKind.STRENGTH,
        text="Po wysłaniu", expected_version=3,
    )  # fmt: skip
    assert submitted.message == "A submitted finding cannot be changed; withdraw it to a draft first."
    assert refused(findings.delete_finding, actor=observer, finding=draft).message == (
        "Only a draft can be deleted; withdraw the finding first."
    )


def test_withdrawing_a_finding_is_refused_once_a_recommendation_comes_from_it(onsite):
    world, observer, assigned, _other = onsite
    finding = recommendation_finding(observer, assigned)
    back = findings.withdraw_finding(actor=observer, finding=finding, expected_version=2)
    assert (back.state, back.submitted_at, back.version) == (FindingState.DRAFT, None, 3)
    findings.submit_finding(actor=observer, finding=back)
    made = findings.create_recommendation(
        actor=expert_of(world, assigned), challenge=assigned, text="Zespół ds. planowania w MOF.",
        addressee="Zarząd", time_frame="2027", priority="high", source_ids=[finding.pk],
    )  # fmt: skip
    error = refused(findings.withdraw_finding, actor=observer, finding=finding)
    assert error.message.startswith("This finding is a source of a consolidated recommendation")
    finding.refresh_from_db()
    assert finding.state == FindingState.SUBMITTED
    # Deleting the recommendation frees its sources again.
    findings.delete_recommendation(actor=expert_of(world, assigned), recommendation=made, expected_version=1)
    assert findings.withdraw_finding(actor=observer, finding=finding).state == FindingState.DRAFT
    assert ModelLogEntry.objects.filter(action="peer_review.recommendation.delete").exists()


# --- consolidation ----------------------------------------------------------------------------------------


def test_experts_merge_findings_into_recommendations_that_keep_the_trace(onsite):
    world, observer, assigned, other = onsite
    colleague = next(
        a.user for a in world.applications[1:] if a.user.has_perm("peer_review.record_finding", assigned)
    )
    expert = expert_of(world, assigned)
    first = recommendation_finding(observer, assigned, text="Wspólny zespół planistyczny.")
    second = recommendation_finding(colleague, assigned, text="Zespół planowania dla całego MOF.")
    third = recommendation_finding(colleague, assigned, text="Monitoring wskaźników strategii.")
    problem = findings.save_finding(
        actor=observer, challenge=assigned, kind=FindingKind.PROBLEM, text="Brak koordynacji.", submit=True
    )
    draft = recommendation_finding(observer, assigned, text="Jeszcze szkic.", submit=False)
    elsewhere = recommendation_finding(world.coordinator, other, text="Inne wyzwanie.")

    merged = findings.create_recommendation(
        actor=expert, challenge=assigned, text="Powołać wspólny zespół planowania MOF.",
        addressee="Zarząd związku ZIT", time_frame="2027", priority="high",
        source_ids=[first.pk, second.pk, problem.pk],
    )  # fmt: skip
    single = findings.create_recommendation(
        actor=world.coordinator, challenge=assigned, text="Mierzyć postęp strategii.",
        addressee="Biuro ZIT", priority="medium", source_ids=[third.pk, first.pk],
    )  # fmt: skip
    assert (merged.position, single.position) == (1, 2)
    assert ModelLogEntry.objects.filter(action="peer_review.recommendation.create").count() == 2

    # The trace: each recommendation with its findings and their authors; a finding may feed several.
    by_challenge = findings.recommendations_of([assigned.pk, other.pk])
    assert by_challenge[other.pk] == []
    assert by_challenge[assigned.pk] == [merged, single]
    trace = [[(f.text, f.author) for f in r.sources.all()] for r in by_challenge[assigned.pk]]
    assert sorted(trace[0]) == sorted(
        [(first.text, observer), (second.text, colleague), (problem.text, observer)]
    )
    assert sorted(trace[1]) == sorted([(first.text, observer), (third.text, colleague)])
    page = findings.consolidation(assigned)
    assert page["unused"] == []
    assert {f.pk: f.used_in for f in page["findings"]}[first.pk] == [1, 2]
    assert [g.kind for g in page["groups"]] == [FindingKind.PROBLEM, FindingKind.RECOMMENDATION]

    # Sources are submitted findings of this challenge only; someone's draft stays out.
    for sources, message in (
        ([draft.pk], "A source must be a submitted finding of this challenge."),
        ([elsewhere.pk], "A source must be a submitted finding of this challenge."),
        ([999_999], "A source must be a submitted finding of this challenge."),
        (["x"], "A source must be a submitted finding of this challenge."),
        ([], "Pick at least one finding the recommendation comes from."),
    ):
        error = refused(
            findings.create_recommendation, actor=expert, challenge=assigned, text="T", addressee="A",
            priority="low", source_ids=sources,
        )  # fmt: skip
        assert error.message == message
    for values, message in (
        ({"text": " ", "addressee": "A", "priority": "low"}, "Write the recommendation."),
        ({"text": "x" * 3001, "addressee": "A", "priority": "low"},
         "The recommendation is too long: 3001 characters, at most 3000."),
        ({"text": "T", "addressee": "", "priority": "low"}, "Say to whom the recommendation is addressed."),
        ({"text": "T", "addressee": "A", "priority": "urgent"}, "Choose the priority of the recommendation."),
    ):  # fmt: skip
        error = refused(
            findings.create_recommendation, actor=expert, challenge=assigned, source_ids=[first.pk], **values
        )
        assert error.message == message
    # Only the host's experts and the coordinators consolidate.
    for person in (observer, other_expert(world, assigned), host_coordinator_of(world, assigned)):
        error = refused(
            findings.create_recommendation, actor=person, challenge=assigned, text="T", addressee="A",
            priority="low", source_ids=[first.pk],
        )  # fmt: skip
        assert error.code == "forbidden"
    assert Recommendation.objects.count() == 2


def test_recommendations_change_from_their_version_reorder_and_delete(onsite):
    world, observer, assigned, _other = onsite
    expert = expert_of(world, assigned)
    sources = [recommendation_finding(observer, assigned, text=f"Zalecenie {n}") for n in range(3)]
    made = [
        findings.create_recommendation(
            actor=expert,
            challenge=assigned,
            text=f"Rekomendacja {n}",
            addressee="Zarząd",
            priority="medium",
            source_ids=[sources[n].pk],
        )  # fmt: skip
        for n in range(3)
    ]
    changed = findings.update_recommendation(
        actor=expert, recommendation=made[0], text="Rekomendacja 0, poprawiona", addressee="Biuro ZIT",
        time_frame="2028", priority="high", source_ids=[sources[0].pk, sources[1].pk], expected_version=1,
    )  # fmt: skip
    assert (changed.version, changed.text, changed.addressee) == (
        2,
        "Rekomendacja 0, poprawiona",
        "Biuro ZIT",
    )
    assert set(changed.sources.all()) == {sources[0], sources[1]}
    stale = refused(
        findings.update_recommendation, actor=world.coordinator, recommendation=made[0], text="Stara wersja",
        addressee="Zarząd", priority="low", source_ids=[sources[0].pk], expected_version=1,
    )  # fmt: skip
    assert stale.code == "stale"
    made[0].refresh_from_db()
    assert made[0].text == "Rekomendacja 0, poprawiona"
    assert ModelLogEntry.objects.filter(action="peer_review.recommendation.update").count() == 1

    def order():
        return [r.text for r in findings.recommendations_of([assigned.pk])[assigned.pk]]

    findings.move_recommendation(actor=expert, recommendation=made[2], direction="up")
    assert order() == ["Rekomendacja 0, poprawiona", "Rekomendacja 2", "Rekomendacja 1"]
    findings.move_recommendation(actor=expert, recommendation=made[0], direction="down")
    assert order() == ["Rekomendacja 2", "Rekomendacja 0, poprawiona", "Rekomendacja 1"]
    assert (
        refused(findings.move_recommendation, actor=expert, recommendation=made[2], direction="up").message
        == "This recommendation is already the first."
    )
    assert (
        refused(findings.move_recommendation, actor=expert, recommendation=made[1], direction="down").message
        == "This recommendation is already the last."
    )

    assert (
        refused(findings.delete_recommendation, actor=expert, recommendation=made[2], expected_version=5).code
        == "stale"
    )
    findings.delete_recommendation(actor=expert, recommendation=made[2], expected_version=1)
    assert order() == ["Rekomendacja 0, poprawiona", "Rekomendacja 1"]
    assert [r.position for r in findings.recommendations_of([assigned.pk])[assigned.pk]] == [1, 2]
    # The source of the deleted recommendation is unused again.
    assert findings.consolidation(assigned)["unused"] == [sources[2]]


def test_submitted_findings_for_the_report_come_by_kind_then_time(onsite):
    world, observer, assigned, other = onsite
    texts = [
        (FindingKind.RECOMMENDATION, "R1"),
        (FindingKind.STRENGTH, "S1"),
        (FindingKind.PROBLEM, "P1"),
        (FindingKind.STRENGTH, "S2"),
    ]
    for kind, text in texts:
        if kind == FindingKind.RECOMMENDATION:
            recommendation_finding(world.coordinator, assigned, text=text)
        else:
            findings.save_finding(
                actor=world.coordinator, challenge=assigned, kind=kind, text=text, submit=True
            )
    strength(world.coordinator, assigned, text="Szkic")  # a draft never reaches the report
    result = findings.submitted_findings([assigned.pk, other.pk])
    assert [f.text for f in result[assigned.pk]] == ["S1", "S2", "P1", "R1"]
    assert result[other.pk] == []
    assert result[assigned.pk][0].author == world.coordinator


def test_personal_data_exports_findings_and_erasure_keeps_only_the_submitted_ones(onsite):
    from peer_review.personal_data import erase_peer_review, export_peer_review

    world, observer, assigned, _other = onsite
    submitted = strength(observer, assigned, text="Wysłane ustalenie.", submit=True)
    strength(observer, assigned, text="Prywatny szkic.")
    exported = export_peer_review(observer)["findings"]
    assert sorted((f["text"], f["state"], f["challenge"]) for f in exported) == [
        ("Prywatny szkic.", "draft", assigned.title),
        ("Wysłane ustalenie.", "submitted", assigned.title),
    ]
    erase_peer_review(observer)
    assert list(Finding.objects.all()) == [submitted]
    assert findings.submitted_findings([assigned.pk])[assigned.pk] == [submitted]
