"""/api/v1/cycles/{slug}/followup/: the follow-up for programs, with the pages' permissions; bad input is refused
with a message (400), someone else's host with 403/404, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peer_review.enums import CyclePhase, ResponseStatus
from peer_review.models import FollowUpAction, ProgressReport, RecommendationResponse
from tests.factories import MembershipFactory
from tests.factories.peer_review_followup import action_for, answer, followup_world, move_to

pytestmark = pytest.mark.django_db


def api_as(person=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


@pytest.fixture
def fw():
    return followup_world(per_challenge=2)


def base(fw) -> str:
    return f"/api/v1/cycles/{fw.cycle.slug}/followup/"


def test_reading_follows_the_pages_rules(fw):
    first = fw.of_host(0)[0]
    answer(first, by=fw.host_coordinators[0])
    action_for(first, due_in_days=-1, description="Zwołać zespół.")
    host_a = api_as(fw.host_coordinators[0]).get(base(fw))
    assert host_a.status_code == 200
    results = host_a.json()["results"]
    assert {r["host"]["id"] for r in results} == {fw.hosts[0].pk}
    assert len(results) == 6
    item = next(r for r in results if r["id"] == first.pk)
    assert item["number"] == 1
    assert item["response"]["status"] == "accepted"
    assert item["response"]["responded_by"]["name"] == fw.host_coordinators[0].display_name
    assert [(a["description"], a["overdue"], a["owner_name"]) for a in item["actions"]] == [
        ("Zwołać zespół.", True, "Wydział Strategii")
    ]
    assert [p["months"] for p in item["progress"]] == [6, 12]
    assert item["progress"][0]["text"] is None and item["progress"][0]["opens_on"]

    expert = api_as(fw.experts[0]).get(base(fw)).json()
    assert expert["count"] == 18
    assert api_as(fw.coordinator).get(base(fw)).json()["count"] == 18
    assert api_as(fw.observer).get(base(fw)).status_code == 403
    assert api_as(MembershipFactory().user).get(base(fw)).status_code == 403
    assert api_as().get(base(fw)).status_code == 401

    other = fw.of_host(1)[0]
    assert api_as(fw.host_coordinators[0]).get(f"{base(fw)}{other.pk}/").status_code == 404
    assert api_as(fw.host_coordinators[1]).get(f"{base(fw)}{other.pk}/").json()["id"] == other.pk


def test_not_before_publication(fw):
    move_to(fw.world, CyclePhase.HOST_REVIEW)
    assert api_as(fw.host_coordinators[0]).get(base(fw)).status_code == 404


def test_answering(fw):
    recommendation = fw.of_host(0)[0]
    url = f"{base(fw)}{recommendation.pk}/response/"
    client = api_as(fw.host_coordinators[0])
    response = client.put(url, {"status": "not_accepted"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Give the reason why the recommendation is “Not accepted”.",
        "code": "invalid",
    }
    response = client.put(url, {"status": "never"}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    response = client.put(url, {"status": "not_accepted", "reason": "Poza kompetencjami."}, format="json")
    assert response.status_code == 200
    assert response.json()["response"]["status"] == "not_accepted"
    assert RecommendationResponse.objects.get().reason == "Poza kompetencjami."

    assert api_as(fw.experts[0]).put(url, {"status": "accepted"}, format="json").status_code == 403
    assert api_as(fw.host_coordinators[1]).put(url, {"status": "accepted"}, format="json").status_code == 404


def test_planning_and_changing_actions(fw):
    recommendation = fw.of_host(0)[0]
    client = api_as(fw.host_coordinators[0])
    url = f"{base(fw)}{recommendation.pk}/actions/"
    payload = {"description": "Zwołać zespół.", "owner_name": "Biuro ZIT", "due_on": "2099-01-31"}
    response = client.post(url, payload, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Answer the recommendation first")
    answer(recommendation)

    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(url, payload | {"due_on": yesterday}, format="json")
    assert response.status_code == 400 and "is in the past" in response.json()["detail"]
    stranger = MembershipFactory().user
    response = client.post(url, {**payload, "owner_name": "", "owner": stranger.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{stranger.display_name} is not a member of")
    response = client.post(url, {**payload, "owner_name": "", "owner": 987654}, format="json")
    assert response.status_code == 400 and response.json() == {"owner": ["There is no such person."]}
    response = client.post(url, {**payload, "due_on": "jutro"}, format="json")
    assert response.status_code == 400 and "due_on" in response.json()
    assert not FollowUpAction.objects.exists()

    people = client.get(f"{base(fw)}hosts/{fw.hosts[0].pk}/people/")
    assert people.status_code == 200
    colleague_id = next(p["id"] for p in people.json() if p["id"] == fw.host_coordinators[0].pk)
    response = client.post(url, {**payload, "owner_name": "", "owner": colleague_id}, format="json")
    assert response.status_code == 201
    created = response.json()
    assert (created["owner"]["id"], created["status"], created["overdue"]) == (colleague_id, "planned", False)

    action_url = f"{base(fw)}actions/{created['id']}/"
    response = client.put(action_url, {"status": "done"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "done"
    response = client.patch(action_url, {"owner_name": "Wydział Strategii"}, format="json")
    assert response.status_code == 200
    assert (response.json()["owner"], response.json()["owner_name"]) == (None, "Wydział Strategii")
    assert client.put(action_url, {"status": "finished"}, format="json").status_code == 400
    assert api_as(fw.experts[0]).put(action_url, {"status": "planned"}, format="json").status_code == 403
    assert (
        api_as(fw.host_coordinators[1]).put(action_url, {"status": "planned"}, format="json").status_code
        == 404
    )
    assert api_as(fw.host_coordinators[1]).get(f"{base(fw)}hosts/{fw.hosts[0].pk}/people/").status_code == 403
    assert client.put(f"{base(fw)}actions/999999/", {"status": "done"}, format="json").status_code == 404


def test_progress_reports():
    fw = followup_world(phase=CyclePhase.FOLLOW_UP, published_days_ago=200, per_challenge=1)
    recommendation = fw.of_host(0)[0]
    answer(recommendation, ResponseStatus.PARTLY, "Częściowo.")
    client = api_as(fw.host_coordinators[0])
    url = f"{base(fw)}{recommendation.pk}/progress/"
    response = client.put(f"{url}6/", {"text": "Zespół powołany."}, format="json")
    assert response.status_code == 200
    assert response.json()["progress"][0]["text"] == "Zespół powołany."
    response = client.put(f"{url}12/", {"text": "Za wcześnie."}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The 12-month progress report opens on ")
    assert client.put(f"{url}7/", {"text": "x"}, format="json").status_code == 404
    assert client.put(f"{url}6/", {"text": ""}, format="json").status_code == 400
    assert client.put(f"{url}6/", {"text": "x" * 5001}, format="json").status_code == 400
    assert list(ProgressReport.objects.values_list("months", "text")) == [(6, "Zespół powołany.")]


def test_schema_documents_the_follow_up():
    schema = api_as().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path, methods in {
        "/api/v1/cycles/{slug}/followup/": {"get"},
        "/api/v1/cycles/{slug}/followup/{id}/": {"get"},
        "/api/v1/cycles/{slug}/followup/{id}/response/": {"put"},
        "/api/v1/cycles/{slug}/followup/{id}/actions/": {"post"},
        "/api/v1/cycles/{slug}/followup/{id}/progress/{months}/": {"put"},
        "/api/v1/cycles/{slug}/followup/actions/{action_id}/": {"put", "patch"},
        "/api/v1/cycles/{slug}/followup/hosts/{host_id}/people/": {"get"},
    }.items():
        assert methods <= set(paths[path]), path
