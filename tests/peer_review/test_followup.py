"""Follow-up of a published report: answers, actions, progress reports, the board, the phase guards and the
reminders — each refusal with its message, nothing written after it."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import formats, timezone, translation
from wagtail.models import ModelLogEntry

from peer_review import followup, services
from peer_review.enums import ActionStatus, CyclePhase, ResponseStatus
from peer_review.models import FollowUpAction, ProgressReport, RecommendationResponse, Transition
from peer_review.selectors import blockers
from tests.factories import MembershipFactory, UserFactory
from tests.factories.peer_review_followup import (
    action_for,
    answer,
    followup_world,
    move_to,
    recommend,
)
from zitnet.accounts.enums import MembershipStatus
from zitnet.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def fw():
    return followup_world(per_challenge=2)


def refused(call, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return str(caught.value.message)


# --- answers ----------------------------------------------------------------------------------------------


def test_host_coordinator_answers_and_changes_the_answer(fw):
    recommendation = fw.of_host(0)[0]
    host_coordinator = fw.host_coordinators[0]
    followup.respond(actor=host_coordinator, recommendation=recommendation, status=ResponseStatus.ACCEPTED)
    assert RecommendationResponse.objects.get(recommendation=recommendation).status == "accepted"

    followup.respond(
        actor=host_coordinator,
        recommendation=recommendation,
        status=ResponseStatus.PARTLY,
        reason="Budżet pozwala tylko na część działań.",
    )
    response = RecommendationResponse.objects.get(recommendation=recommendation)
    assert (response.status, response.reason, response.responded_by) == (
        "partly",
        "Budżet pozwala tylko na część działań.",
        host_coordinator,
    )
    logged = ModelLogEntry.objects.filter(
        action="peer_review.followup.respond", object_id=str(recommendation.pk)
    )
    assert [entry.data["status"] for entry in logged.order_by("pk")] == ["accepted", "partly"]


@pytest.mark.parametrize("status", [ResponseStatus.PARTLY, ResponseStatus.NOT_ACCEPTED])
def test_a_reason_is_required_unless_accepted(fw, status):
    recommendation = fw.of_host(0)[0]
    message = refused(
        followup.respond,
        actor=fw.host_coordinators[0],
        recommendation=recommendation,
        status=status,
        reason="   ",
    )
    assert message == f"Give the reason why the recommendation is “{ResponseStatus(status).label}”."
    assert not RecommendationResponse.objects.filter(recommendation=recommendation).exists()


def test_unknown_answer_and_too_long_reason_are_refused(fw):
    recommendation = fw.of_host(0)[0]
    kwargs = {"actor": fw.host_coordinators[0], "recommendation": recommendation}
    assert refused(followup.respond, status="maybe", **kwargs) == (
        "Choose an answer: accepted, partly accepted or not accepted."
    )
    assert refused(followup.respond, status="partly", reason="x" * 3001, **kwargs) == (
        "The reason is too long (at most 3,000 characters)."
    )


def test_answers_only_from_publication_until_follow_up_ends(fw):
    recommendation = fw.of_host(0)[0]
    kwargs = {"actor": fw.host_coordinators[0], "recommendation": recommendation, "status": "accepted"}
    move_to(fw.world, CyclePhase.HOST_REVIEW)
    assert refused(followup.respond, **kwargs) == "The follow-up starts when the report is published."
    move_to(fw.world, CyclePhase.FOLLOW_UP)
    followup.respond(**kwargs)
    move_to(fw.world, CyclePhase.CLOSED)
    assert refused(followup.respond, **kwargs) == "The cycle is closed; its follow-up can no longer change."


def test_only_the_hosts_coordinator_or_a_network_coordinator_answers(fw):
    recommendation = fw.of_host(0)[0]
    for person in (fw.host_coordinators[1], fw.experts[0], fw.observer, MembershipFactory().user):
        with pytest.raises(PermissionDenied):
            followup.respond(actor=person, recommendation=recommendation, status="accepted")
    followup.respond(actor=fw.coordinator, recommendation=recommendation, status="accepted")
    assert recommendation.response.responded_by == fw.coordinator


def test_permissions_per_role_and_host(fw):
    host_a, host_b = fw.hosts[0], fw.hosts[1]
    coordinator_a, expert_a = fw.host_coordinators[0], fw.experts[0]
    assert coordinator_a.has_perm("peer_review.respond_recommendation", host_a)
    assert coordinator_a.has_perm("peer_review.plan_actions", host_a)
    assert not coordinator_a.has_perm("peer_review.respond_recommendation", host_b)
    assert not coordinator_a.has_perm("peer_review.view_followup", host_b)
    assert expert_a.has_perm("peer_review.view_followup", host_b)  # the cycle's experts read every host's
    assert not expert_a.has_perm("peer_review.plan_actions", host_a)
    assert fw.coordinator.has_perm("peer_review.plan_actions", host_b)
    assert not fw.observer.has_perm("peer_review.view_followup", host_a)
    for person in (coordinator_a, expert_a, fw.observer, fw.coordinator):
        assert person.has_perm("peer_review.view_followup_board", fw.cycle)
    assert not MembershipFactory().user.has_perm("peer_review.view_followup_board", fw.cycle)


# --- actions ----------------------------------------------------------------------------------------------


def test_actions_need_an_accepting_answer(fw):
    recommendation = fw.of_host(0)[0]
    kwargs = {
        "actor": fw.host_coordinators[0],
        "recommendation": recommendation,
        "description": "Powołać zespół.",
        "due_on": timezone.localdate() + timedelta(days=10),
        "owner_name": "Wydział Strategii",
    }
    assert refused(followup.plan_action, **kwargs).startswith("Answer the recommendation first")
    answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Poza kompetencjami związku.")
    assert refused(followup.plan_action, **kwargs).startswith("The recommendation was not accepted")
    answer(recommendation, ResponseStatus.PARTLY, "Częściowo.")
    action = followup.plan_action(**kwargs)
    assert (action.owner_name, action.status, action.reminded_at) == ("Wydział Strategii", "planned", None)
    assert ModelLogEntry.objects.filter(action="peer_review.followup.action_add").count() == 1


def test_action_refusals_say_what_is_wrong(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    host_org = fw.hosts[0].organisation
    stranger = MembershipFactory().user  # a member of another organisation
    pending = MembershipFactory(organisation=host_org, status=MembershipStatus.PENDING).user
    today = timezone.localdate()
    base = {
        "actor": fw.host_coordinators[0],
        "recommendation": recommendation,
        "description": "Powołać zespół.",
        "due_on": today + timedelta(days=10),
    }
    assert refused(followup.plan_action, **(base | {"due_on": date(2020, 1, 15)})) == (
        f"Name the owner: a person from {host_org.display_name} or a name (e.g. a unit)."
    )
    assert refused(
        followup.plan_action, **(base | {"owner_name": "Wydział", "due_on": today - timedelta(days=1)})
    ).startswith("The due date ")
    assert "is in the past" in refused(
        followup.plan_action, **(base | {"owner_name": "Wydział", "due_on": today - timedelta(days=1)})
    )
    for person in (stranger, pending):
        assert refused(followup.plan_action, **(base | {"owner": person})) == (
            f"{person.display_name} is not a member of {host_org.display_name}; choose a person from the "
            "organisation or write the owner's name."
        )
    assert refused(
        followup.plan_action, **(base | {"owner": fw.host_coordinators[0], "owner_name": "Wydział"})
    ) == ("Choose either a person or a name as the owner, not both.")
    assert refused(followup.plan_action, **(base | {"owner_name": "W", "description": "  "})) == (
        "Describe the action."
    )
    assert not FollowUpAction.objects.exists()


def test_an_owner_from_the_organisation_is_told(fw, mailoutbox, django_capture_on_commit_callbacks):
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    colleague = MembershipFactory(organisation=fw.hosts[0].organisation).user
    with django_capture_on_commit_callbacks(execute=True):
        action = followup.plan_action(
            actor=fw.host_coordinators[0],
            recommendation=recommendation,
            description="Przygotować projekt uchwały o zespole MOF.",
            due_on=timezone.localdate(),  # today is not in the past
            owner=colleague,
        )
    assert action.owner == colleague
    assert [mail.to for mail in mailoutbox] == [[colleague.email]]
    assert "Przygotować projekt uchwały o zespole MOF." in mailoutbox[0].body


def test_updating_an_action(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    action = action_for(recommendation, due_in_days=3, reminded_at=timezone.now())
    actor = fw.host_coordinators[0]
    followup.update_action(actor=actor, action=action, status=ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.status == "in_progress" and action.reminded_at is not None

    assert refused(
        followup.update_action, actor=actor, action=action, due_on=timezone.localdate() - timedelta(days=2)
    ).startswith("The due date ")
    followup.update_action(actor=actor, action=action, due_on=timezone.localdate() + timedelta(days=40))
    action.refresh_from_db()
    assert action.reminded_at is None  # a new date restarts the reminders

    colleague = MembershipFactory(organisation=fw.hosts[0].organisation).user
    followup.update_action(actor=actor, action=action, owner=colleague)
    action.refresh_from_db()
    assert (action.owner, action.owner_name) == (colleague, "")
    assert refused(followup.update_action, actor=actor, action=action, status="finished") == (
        "Unknown status of an action."
    )
    with pytest.raises(PermissionDenied):
        followup.update_action(actor=fw.host_coordinators[1], action=action, status="done")


# --- progress reports -------------------------------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert followup.add_months(date(2026, 3, 31), 6) == date(2026, 9, 30)
    assert followup.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert followup.add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_progress_opens_six_and_twelve_months_after_publication():
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=10, per_challenge=1)
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    published = timezone.localdate() - timedelta(days=10)
    kwargs = {"actor": fw.host_coordinators[0], "recommendation": recommendation, "text": "Zespół powołany."}
    six = followup.add_months(published, 6)
    assert refused(followup.report_progress, months=6, **kwargs) == (
        f"The 6-month progress report opens on {formats.date_format(six, 'DATE_FORMAT')}."
    )
    assert not ProgressReport.objects.exists()
    moved = timezone.now() + timedelta(days=200)
    report = followup.report_progress(months=6, now=moved, **kwargs)
    assert (report.months, report.text) == (6, "Zespół powołany.")
    followup.report_progress(months=6, now=moved, **(kwargs | {"text": "Zespół pracuje."}))
    assert list(ProgressReport.objects.values_list("months", "text")) == [(6, "Zespół pracuje.")]
    assert "12-month progress report opens on" in refused(
        followup.report_progress, months=12, now=moved, **kwargs
    )
    followup.report_progress(months=12, now=timezone.now() + timedelta(days=370), **kwargs)
    assert ProgressReport.objects.count() == 2
    assert refused(followup.report_progress, months=9, now=moved, **kwargs) == (
        "Progress is reported at 6 and at 12 months."
    )


def test_progress_only_in_follow_up_and_on_accepted_recommendations(fw):
    accepted, declined = fw.of_host(0)[:2]
    answer(accepted)
    answer(declined, ResponseStatus.NOT_ACCEPTED, "Nie dotyczy.")
    later = timezone.now() + timedelta(days=200)
    kwargs = {"actor": fw.host_coordinators[0], "months": 6, "text": "Postęp.", "now": later}
    assert refused(followup.report_progress, recommendation=accepted, **kwargs) == (
        "Progress is reported once the cycle is in follow-up."
    )
    move_to(fw.world, CyclePhase.FOLLOW_UP)
    assert refused(followup.report_progress, recommendation=declined, **kwargs) == (
        "The recommendation was not accepted; it needs no progress report."
    )
    assert refused(followup.report_progress, recommendation=accepted, **(kwargs | {"text": ""})) == (
        "Describe the progress made."
    )


def test_publication_day_falls_back_to_the_move_to_published(fw):
    fw.cycle.report.delete()
    fw.cycle.refresh_from_db()
    at = timezone.now() - timedelta(days=40)
    Transition.objects.create(cycle=fw.cycle, from_phase="host_review", to_phase="published")
    Transition.objects.filter(cycle=fw.cycle).update(at=at)
    assert followup.published_on(fw.cycle) == timezone.localdate(at)
    Transition.objects.all().delete()
    assert followup.published_on(fw.cycle) == timezone.localdate(fw.cycle.phase_changed_at)


# --- the board and the guards -----------------------------------------------------------------------------


def test_board_counts_per_host(django_assert_max_num_queries):
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=200, per_challenge=2)
    first, second, third, fourth = fw.of_host(0)[:4]
    answer(first)
    answer(second, ResponseStatus.PARTLY, "Częściowo.")
    answer(third, ResponseStatus.NOT_ACCEPTED, "Nie.")
    action_for(first, due_in_days=-3)  # overdue
    action_for(first, due_in_days=-3, status=ActionStatus.DONE)
    action_for(second, due_in_days=10)
    ProgressReport.objects.create(recommendation=first, months=6, text="Postęp.")
    with django_assert_max_num_queries(6):
        rows = followup.board(fw.cycle)["rows"]
    row = rows[0]
    assert (row.recommendations, row.answered, row.accepted, row.partly, row.not_accepted) == (6, 3, 1, 1, 1)
    assert (row.actions, row.done, row.overdue) == (3, 1, 1)
    assert row.progress == [(6, 1, 2), (12, 0, 0)]  # 6 months open, 12 not yet
    assert (rows[1].recommendations, rows[1].answered) == (6, 0)


def test_board_query_count_does_not_grow_with_recommendations(django_assert_max_num_queries):
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, per_challenge=1)
    for challenge in fw.world.challenges:
        for recommendation in recommend(challenge, 3):
            answer(recommendation)
            action_for(recommendation)
    assert len(followup.recommendations_for(fw.cycle, fw.hosts)) == 36
    with django_assert_max_num_queries(6):
        followup.board(fw.cycle)
    with django_assert_max_num_queries(6):
        recommendations = followup.recommendations_for(fw.cycle, fw.hosts[:1])
        [(r.answer, list(r.actions.all()), r.progress) for r in recommendations]
    assert [r.number for r in recommendations] == list(range(1, 13))


def test_follow_up_needs_every_recommendation_answered(fw):
    for recommendation in fw.of_host(0):
        answer(recommendation)
    names = [host.organisation.display_name for host in fw.hosts]
    unmet = blockers(fw.cycle, CyclePhase.FOLLOW_UP)
    assert unmet == [
        f"Host {names[1]} has answered 0 of 6 recommendations.",
        f"Host {names[2]} has answered 0 of 6 recommendations.",
    ]
    with pytest.raises(DomainError) as caught:
        services.transition(actor=None, cycle=fw.cycle, to_phase=CyclePhase.FOLLOW_UP)
    assert f"Host {names[1]} has answered 0 of 6 recommendations." in caught.value.message
    for recommendation in fw.recommendations:
        answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Nie.")
    services.transition(actor=None, cycle=fw.cycle, to_phase=CyclePhase.FOLLOW_UP)
    assert fw.cycle.phase == CyclePhase.FOLLOW_UP


def test_closing_needs_twelve_month_reports_and_no_overdue_action():
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=400, per_challenge=1)
    for recommendation in fw.recommendations:
        answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Nie.")
    first, second = fw.of_host(0)[:2]
    answer(first)
    answer(second, ResponseStatus.PARTLY, "Częściowo.")
    overdue = action_for(first, due_in_days=-1)
    action_for(second, due_in_days=-5, status=ActionStatus.DROPPED)
    ProgressReport.objects.create(recommendation=first, months=12, text="Zrobione.")
    name = fw.hosts[0].organisation.display_name
    assert blockers(fw.cycle, CyclePhase.CLOSED) == [
        f"Host {name} has no 12-month progress report on 1 of 2 accepted recommendations.",
        f"Host {name}: overdue actions neither done nor dropped: 1.",
    ]
    ProgressReport.objects.create(recommendation=second, months=12, text="Częściowo zrobione.")
    overdue.status = ActionStatus.DONE
    overdue.save()
    assert blockers(fw.cycle, CyclePhase.CLOSED) == []
    services.transition(actor=None, cycle=fw.cycle, to_phase=CyclePhase.CLOSED)
    assert fw.cycle.phase == CyclePhase.CLOSED


# --- reminders --------------------------------------------------------------------------------------------


def _remind(*args) -> str:
    out = StringIO()
    call_command("remind_followup", *args, stdout=out)
    return out.getvalue()


def test_reminders_to_owners_and_host_coordinators_at_most_weekly(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=0, per_challenge=1)
    for recommendation in fw.recommendations:
        answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Nie.")
    first, second = fw.of_host(0)[:2]
    answer(first)
    answer(second)
    unanswered = fw.of_host(1)[0]
    RecommendationResponse.objects.filter(recommendation=unanswered).delete()
    colleague = MembershipFactory(organisation=fw.hosts[0].organisation).user
    owned = action_for(first, due_in_days=5, owner=colleague, description="Zwołać zespół MOF.")
    named = action_for(second, due_in_days=-2, owner_name="Biuro ZIT", description="Opisać wskaźniki.")
    action_for(first, due_in_days=30, description="Działanie na później.")  # not due yet
    action_for(second, due_in_days=-30, status=ActionStatus.DONE, description="Zrobione dawno.")

    with django_capture_on_commit_callbacks(execute=True):
        output = _remind("--dry-run")
    assert output.strip() == (
        "Would remind 2 person(s) about 2 action(s) and 1 host coordinator(s) about answers or progress reports."
    )
    assert mailoutbox == []
    assert not FollowUpAction.objects.filter(reminded_at__isnull=False).exists()

    with django_capture_on_commit_callbacks(execute=True):
        output = _remind()
    assert output.startswith("Reminded 2 person(s) about 2 action(s) and 1 host coordinator(s)")
    by_person = {mail.to[0]: mail.body for mail in mailoutbox}
    assert set(by_person) == {colleague.email, fw.host_coordinators[0].email, fw.host_coordinators[1].email}
    assert "Zwołać zespół MOF." in by_person[colleague.email]
    assert "Opisać wskaźniki." in by_person[fw.host_coordinators[0].email]  # the owner is a name
    assert "Działanie na później." not in "".join(by_person.values())
    assert "Zrobione dawno." not in "".join(by_person.values())
    assert f"/dzialania/gospodarz/{fw.hosts[1].pk}/" in by_person[fw.host_coordinators[1].email]
    owned.refresh_from_db()
    named.refresh_from_db()
    assert owned.reminded_at is not None and named.reminded_at is not None

    # Three days later nothing is sent again; eight days later everything still open is.
    mailoutbox.clear()
    real_now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: real_now + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        output = _remind()
    assert output.startswith("Reminded 0 person(s) about 0 action(s) and 0 host coordinator(s)")
    assert mailoutbox == []
    monkeypatch.setattr(timezone, "now", lambda: real_now + timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        output = _remind()
    assert output.startswith("Reminded 2 person(s) about 2 action(s) and 1 host coordinator(s)")
    assert len(mailoutbox) == 3


def test_host_coordinators_are_reminded_of_progress_reports_due(
    mailoutbox, django_capture_on_commit_callbacks
):
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=0, per_challenge=1)
    for recommendation in fw.recommendations:
        answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Nie.")
    answer(fw.of_host(2)[0])
    assert tuple(followup.send_reminders(dry_run=True)) == (0, 0, 0)  # nothing due yet
    later = timezone.now() + timedelta(days=190)
    with django_capture_on_commit_callbacks(execute=True):
        result = followup.send_reminders(now=later)
    assert tuple(result) == (0, 0, 1)
    assert [mail.to for mail in mailoutbox] == [[fw.host_coordinators[2].email]]
    ProgressReport.objects.create(recommendation=fw.of_host(2)[0], months=6, text="Postęp.")
    assert tuple(followup.send_reminders(now=later + timedelta(days=8), dry_run=True)) == (0, 0, 0)


def test_closed_cycles_send_no_reminders(mailoutbox, django_capture_on_commit_callbacks):
    fw = followup_world(phase=CyclePhase.CLOSED, per_challenge=1)
    action_for(fw.recommendations[0], due_in_days=-1, owner=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        assert tuple(followup.send_reminders()) == (0, 0, 0)
    assert mailoutbox == []
