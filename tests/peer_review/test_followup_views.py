"""Follow-up pages: who sees the board, a host's follow-up, a recommendation and an action (role × view ×
object), and what the host's coordinator does there — answers, actions, progress — with the refusals shown."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext, override

from peer_review.enums import ActionStatus, CyclePhase, ResponseStatus
from peer_review.followup import milestone_dates
from peer_review.models import FollowUpAction, ProgressReport, RecommendationResponse
from tests.factories import MembershipFactory, with_totp
from tests.factories.peer_review_followup import action_for, answer, followup_world, move_to

pytestmark = pytest.mark.django_db

LOGIN = "login"
ROLES = ("anonymous", "member", "host_a", "host_b", "expert_a", "observer", "coordinator")


def login(person) -> Client:
    client = Client()
    client.force_login(person)
    session = client.session
    session["zitnet_2fa_ok"] = True  # coordinators' second factor, as after a TOTP sign-in
    session.save()
    return client


def polish(msgid: str, **params) -> str:
    """A message as the (Polish) page shows it, HTML-escaped."""
    with override("pl"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def polish_date(value) -> str:
    with override("pl"):
        return formats.date_format(value, "DATE_FORMAT")


def url(name: str, fw, *args) -> str:
    return reverse(f"peer_review:{name}", args=[fw.cycle.slug, *args])


def outcome(response) -> int | str:
    if response.status_code == 302 and "/konto/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def clients(fw) -> dict[str, Client]:
    with_totp(fw.coordinator)
    people = {
        "member": MembershipFactory().user,
        "host_a": fw.host_coordinators[0],
        "host_b": fw.host_coordinators[1],
        "expert_a": fw.experts[0],
        "observer": fw.observer,
        "coordinator": fw.coordinator,
    }
    return {"anonymous": Client()} | {role: login(person) for role, person in people.items()}


def check(by_role, path, expected) -> None:
    got = tuple(outcome(by_role[role].get(path)) for role in ROLES)
    assert got == expected, path


@pytest.fixture
def fw():
    return followup_world(per_challenge=2)


def test_pages_by_role_and_host(fw):
    by_role = clients(fw)
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    action = action_for(recommendation)
    #                                                              anon  member host_a host_b exp_a obs  coord
    check(by_role, url("followup_board", fw), (LOGIN, 403, 200, 200, 200, 200, 200))
    check(by_role, url("followup_host", fw, fw.hosts[0].pk), (LOGIN, 403, 200, 403, 200, 403, 200))
    check(by_role, url("followup_host", fw, fw.hosts[1].pk), (LOGIN, 403, 403, 200, 200, 403, 200))
    check(
        by_role, url("followup_recommendation", fw, recommendation.pk), (LOGIN, 403, 200, 403, 200, 403, 200)
    )
    check(by_role, url("followup_action", fw, action.pk), (LOGIN, 403, 200, 403, 403, 403, 200))
    check(by_role, url("followup_host", fw, 999999), (LOGIN, 404, 404, 404, 404, 404, 404))
    check(by_role, url("followup_recommendation", fw, 999999), (LOGIN, 404, 404, 404, 404, 404, 404))


def test_before_publication_the_board_says_so_and_the_rest_does_not_exist(fw):
    move_to(fw.world, CyclePhase.HOST_REVIEW)
    client = login(fw.host_coordinators[0])
    response = client.get(url("followup_board", fw))
    assert response.status_code == 200
    assert polish("The follow-up starts when the report is published.") in response.content.decode()
    assert client.get(url("followup_host", fw, fw.hosts[0].pk)).status_code == 404
    assert client.get(url("followup_recommendation", fw, fw.of_host(0)[0].pk)).status_code == 404


def test_board_shows_each_hosts_counts_with_links_for_those_who_may_see(fw):
    first, second = fw.of_host(0)[:2]
    answer(first)
    answer(second, ResponseStatus.NOT_ACCEPTED, "Nie dotyczy.")
    action_for(first, due_in_days=-2)
    html = login(fw.host_coordinators[0]).get(url("followup_board", fw)).content.decode()
    assert url("followup_host", fw, fw.hosts[0].pk) in html
    assert url("followup_host", fw, fw.hosts[1].pk) not in html  # another host's follow-up: no link
    assert fw.hosts[1].organisation.display_name in html
    observer_html = login(fw.observer).get(url("followup_board", fw)).content.decode()
    assert url("followup_host", fw, fw.hosts[0].pk) not in observer_html
    expert_html = login(fw.experts[0]).get(url("followup_board", fw)).content.decode()
    assert url("followup_host", fw, fw.hosts[1].pk) in expert_html


def test_host_page_shows_answers_actions_and_progress_within_a_query_bound(django_assert_max_num_queries):
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=200, per_challenge=10)
    recommendations = fw.of_host(0)
    assert len(recommendations) == 30
    for n, recommendation in enumerate(recommendations):
        answer(recommendation, by=fw.host_coordinators[0])
        action_for(recommendation, description=f"Działanie numer {n}", due_in_days=-1 if n == 0 else 20)
        ProgressReport.objects.create(recommendation=recommendation, months=6, text=f"Postęp numer {n}")
    client = login(fw.host_coordinators[0])
    with django_assert_max_num_queries(18):
        response = client.get(url("followup_host", fw, fw.hosts[0].pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f"Działanie numer {n}<" in html or f"Działanie numer {n} " in html for n in range(30))
    assert "Postęp numer 29" in html
    assert "R1<" in html or "R1 " in html
    with django_assert_max_num_queries(20):
        assert client.get(url("followup_board", fw)).status_code == 200


def test_answering_on_the_page(fw, django_capture_on_commit_callbacks):
    recommendation = fw.of_host(0)[0]
    page = url("followup_recommendation", fw, recommendation.pk)
    client = login(fw.host_coordinators[0])
    response = client.post(page, {"form": "response", "status": "partly", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    label = polish("Partly accepted")
    assert polish("Give the reason why the recommendation is “%(answer)s”.", answer=label) in html
    assert not RecommendationResponse.objects.exists()

    response = client.post(
        page, {"form": "response", "status": "partly", "reason": "Brak środków na całość."}
    )
    assert response.status_code == 302 and response["Location"].endswith("#answer")
    assert RecommendationResponse.objects.get().reason == "Brak środków na całość."

    for person in (fw.experts[0], fw.host_coordinators[1]):
        assert login(person).post(page, {"form": "response", "status": "accepted"}).status_code == 403
    assert client.post(page, {"form": "nonsense"}).status_code == 400


def test_planning_and_updating_actions_on_the_page(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    page = url("followup_recommendation", fw, recommendation.pk)
    client = login(fw.host_coordinators[0])
    past = timezone.localdate() - timedelta(days=3)
    response = client.post(
        page,
        {
            "form": "action",
            "description": "Zwołać zespół.",
            "owner_name": "Biuro",
            "due_on": past.isoformat(),
        },
    )
    assert response.status_code == 400
    assert (
        polish("The due date %(date)s is in the past; choose today or a later day.", date=polish_date(past))
        in response.content.decode()
    )

    stranger = MembershipFactory().user
    response = client.post(
        page,
        {"form": "action", "description": "Zwołać zespół.", "owner": stranger.pk, "due_on": "2099-01-31"},
    )
    assert response.status_code == 400
    assert polish("Choose a person from the host organisation, or write the owner's name.") in (
        response.content.decode()
    )
    assert not FollowUpAction.objects.exists()

    colleague = MembershipFactory(organisation=fw.hosts[0].organisation).user
    response = client.post(
        page,
        {"form": "action", "description": "Zwołać zespół.", "owner": colleague.pk, "due_on": "2099-01-31"},
    )
    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert (action.owner, action.due_on.isoformat()) == (colleague, "2099-01-31")

    response = client.post(page, {"form": f"status-{action.pk}", f"a{action.pk}-status": "in_progress"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS

    edit = url("followup_action", fw, action.pk)
    assert colleague.display_name in client.get(edit).content.decode()
    response = client.post(
        edit,
        {"description": "Zwołać zespół MOF.", "owner": "", "owner_name": "Wydział Strategii",
         "due_on": "2099-02-28", "status": "done"},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.owner, action.owner_name, action.status) == (
        "Zwołać zespół MOF.",
        None,
        "Wydział Strategii",
        "done",
    )
    assert login(fw.experts[0]).get(edit).status_code == 403


def test_no_actions_for_a_recommendation_not_accepted(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation, ResponseStatus.NOT_ACCEPTED, "Nie dotyczy.")
    client = login(fw.host_coordinators[0])
    page = url("followup_recommendation", fw, recommendation.pk)
    html = client.get(page).content.decode()
    assert 'value="action"' not in html
    response = client.post(
        page, {"form": "action", "description": "X", "owner_name": "Biuro", "due_on": "2099-01-31"}
    )
    assert response.status_code == 400
    assert (
        polish(
            "The recommendation was not accepted; actions are planned for accepted or partly accepted "
            "recommendations only."
        )
        in response.content.decode()
    )


def test_progress_report_on_the_page_opens_after_six_months():
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=20, per_challenge=1)
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    page = url("followup_recommendation", fw, recommendation.pk)
    client = login(fw.host_coordinators[0])
    html = client.get(page).content.decode()
    assert 'value="progress-6"' not in html  # not open yet: no form
    response = client.post(page, {"form": "progress-6", "m6-text": "Zespół powołany."})
    assert response.status_code == 400
    opens_on = milestone_dates(fw.cycle)[6]
    assert polish(
        "The %(months)d-month progress report opens on %(date)s.", months=6, date=polish_date(opens_on)
    ) in (response.content.decode())
    assert not ProgressReport.objects.exists()

    fw.cycle.report.published_at = timezone.now() - timedelta(days=190)
    fw.cycle.report.save()
    assert 'value="progress-6"' in client.get(page).content.decode()
    response = client.post(page, {"form": "progress-6", "m6-text": "Zespół powołany."})
    assert response.status_code == 302 and response["Location"].endswith("#progress")
    assert ProgressReport.objects.get().text == "Zespół powołany."


def test_closed_cycle_shows_the_follow_up_read_only(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation)
    action = action_for(recommendation)
    move_to(fw.world, CyclePhase.CLOSED)
    client = login(fw.host_coordinators[0])
    page = url("followup_recommendation", fw, recommendation.pk)
    html = client.get(page).content.decode()
    assert polish("The cycle is closed; its follow-up can no longer change.") in html
    assert 'value="response"' not in html
    response = client.post(page, {"form": "response", "status": "not_accepted", "reason": "Zmiana zdania."})
    assert response.status_code == 400
    assert RecommendationResponse.objects.get().status == "accepted"
    response = client.post(
        url("followup_action", fw, action.pk),
        {"description": "X", "owner_name": "Biuro", "due_on": "2099-01-31", "status": "done"},
    )
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == "planned"


def test_links_from_the_host_page_and_the_coordinators_board(fw):
    host_html = login(fw.host_coordinators[0]).get(reverse("peer_review:host", args=[fw.cycle.slug])).content
    assert url("followup_host", fw, fw.hosts[0].pk) in host_html.decode()
    with_totp(fw.coordinator)
    board_html = login(fw.coordinator).get(reverse("peer_review:board", args=[fw.cycle.slug])).content
    assert url("followup_board", fw) in board_html.decode()


def test_script_in_any_field_is_escaped(fw):
    recommendation = fw.of_host(0)[0]
    answer(recommendation, ResponseStatus.PARTLY, "<script>alert(1)</script>")
    action_for(recommendation, description="<script>alert(2)</script>", owner_name="<b>Biuro</b>")
    html = login(fw.host_coordinators[0]).get(url("followup_host", fw, fw.hosts[0].pk)).content.decode()
    assert "<script>alert" not in html and "<b>Biuro" not in html
    assert "&lt;script&gt;alert(1)" in html and "&lt;script&gt;alert(2)" in html
