"""/api/v1/cycles/{slug}/findings/ and …/recommendations/: the pages' rules for programs — drafts private,
404/403 by what the caller may see, 409 with the current version, bad input refused in words."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peer_review import findings
from peer_review.enums import CyclePhase, FindingKind, FindingState
from peer_review.models import Finding, Recommendation
from tests.factories import MembershipFactory
from tests.factories.knowledge import make_practice
from tests.factories.peer_review import build_world

pytestmark = pytest.mark.django_db

API = "/api/v1/cycles/"


def api_as(person=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


class People:
    def __init__(self, world):
        self.world = world
        self.observer = world.applications[0].user
        pairs = world.cycle.published_run.pairs
        mine = set(pairs.filter(application__user=self.observer).values_list("challenge_id", flat=True))
        self.assigned = next(c for c in world.challenges if c.pk in mine)
        self.other = next(c for c in world.challenges if c.pk not in mine)
        index = [h.pk for h in world.hosts].index(self.assigned.host_id)
        self.expert = world.experts[index]
        self.other_expert = world.experts[(index + 1) % len(world.experts)]
        self.coordinator = world.coordinator
        self.findings = f"{API}{world.cycle.slug}/findings/"
        self.recommendations = f"{API}{world.cycle.slug}/recommendations/"


@pytest.fixture
def people():
    return People(build_world(phase=CyclePhase.ONSITE))


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def strength(people, **extra) -> dict:
    return {"challenge": people.assigned.pk, "kind": "strength", "text": "Silne partnerstwo gmin.", **extra}


def test_a_draft_is_private_until_submitted(people):
    observer = api_as(people.observer)
    created = observer.post(people.findings, strength(people), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["state"], body["version"], body["mine"], body["challenge"]) == (
        "draft",
        1,
        True,
        people.assigned.pk,
    )
    pk = body["id"]
    assert [f["id"] for f in results(observer.get(people.findings))] == [pk]
    for person in (people.coordinator, people.expert):
        assert results(api_as(person).get(people.findings)) == []
        assert api_as(person).get(f"{people.findings}{pk}/").status_code == 404
        assert (
            api_as(person).patch(f"{people.findings}{pk}/", {"version": 1}, format="json").status_code == 404
        )

    submitted = observer.post(f"{people.findings}{pk}/submit/", {"version": 1}, format="json")
    assert submitted.status_code == 200
    assert (submitted.json()["state"], submitted.json()["version"]) == ("submitted", 2)
    for person in (people.coordinator, people.expert):
        listed = results(api_as(person).get(people.findings, {"challenge": people.assigned.pk}))
        assert [(f["id"], f["mine"], f["author"]) for f in listed] == [
            (pk, False, people.observer.display_name)
        ]
        assert results(api_as(person).get(people.findings, {"challenge": people.other.pk})) == []
    # Readers cannot change someone else's finding.
    response = api_as(people.coordinator).patch(f"{people.findings}{pk}/", {"version": 2}, format="json")
    assert response.status_code == 403
    assert api_as(people.other_expert).get(f"{people.findings}{pk}/").status_code == 404
    assert api_as(people.coordinator).get(people.findings, {"challenge": "abc"}).status_code == 400


def test_who_may_call_at_all(people):
    assert api_as().get(people.findings).status_code == 401
    member = api_as(MembershipFactory().user)
    assert results(member.get(people.findings)) == []
    assert member.post(people.findings, strength(people), format="json").status_code == 403
    # An observer on a challenge the published assignment does not give them: 403, nothing written.
    observer = api_as(people.observer)
    response = observer.post(people.findings, strength(people, challenge=people.other.pk), format="json")
    assert response.status_code == 403
    response = observer.post(people.findings, strength(people, challenge=999_999), format="json")
    assert response.status_code == 400 and "challenge" in response.json()
    assert (
        api_as(people.other_expert).post(people.findings, strength(people), format="json").status_code == 403
    )
    assert not Finding.objects.exists()
    assert api_as(people.observer).get(f"{API}nie-ma-takiego/findings/").status_code == 404


def test_a_stale_put_answers_409_with_the_current_version(people):
    observer = api_as(people.observer)
    pk = observer.post(people.findings, strength(people), format="json").json()["id"]
    url = f"{people.findings}{pk}/"
    full = {"kind": "problem", "text": "Brak koordynacji.", "version": 1}
    changed = observer.put(url, full, format="json")
    assert changed.status_code == 200
    assert (changed.json()["kind"], changed.json()["version"]) == ("problem", 2)
    stale = observer.put(url, {**full, "text": "Ze starej wersji."}, format="json")
    assert stale.status_code == 409
    assert (stale.json()["code"], stale.json()["version"]) == ("stale", 2)
    assert "version 2, yours 1" in stale.json()["detail"]
    assert observer.patch(url, {"text": "Bez wersji"}, format="json").status_code == 400
    assert observer.post(f"{url}submit/", {"version": 1}, format="json").status_code == 409
    assert Finding.objects.get().text == "Brak koordynacji."


def test_bad_input_is_refused_in_words(people):
    observer = api_as(people.observer)
    too_long = observer.post(people.findings, strength(people, text="x" * 10_000), format="json")
    assert too_long.status_code == 400
    assert too_long.json()["detail"] == "The finding is too long: 10000 characters, at most 5000."
    unknown = observer.post(
        people.findings, strength(people, kind="practice", practice=999_999), format="json"
    )
    assert unknown.status_code == 400
    assert (
        unknown.json()["detail"]
        == "The chosen practice is not a published practice of the knowledge library."
    )
    assert observer.post(people.findings, strength(people, kind="opinion"), format="json").status_code == 400
    assert not Finding.objects.exists()

    practice = make_practice(title="Centrum usług wspólnych")
    ok = observer.post(
        people.findings,
        strength(
            people, kind="practice", practice=practice.pk, text="<script>alert(1)</script>", submit=True
        ),
        format="json",
    )
    assert ok.status_code == 201
    assert (ok.json()["text"], ok.json()["practice_title"], ok.json()["state"]) == (
        "<script>alert(1)</script>",
        "Centrum usług wspólnych",
        "submitted",
    )


def test_recommendations_keep_their_trace_and_refuse_stale_changes(people):
    source = findings.save_finding(
        actor=people.observer, challenge=people.assigned, kind=FindingKind.RECOMMENDATION,
        text="Powołać zespół.", addressee="Zarząd", time_frame="2027", priority="high", submit=True,
    )  # fmt: skip
    body = {
        "challenge": people.assigned.pk,
        "text": "Powołać wspólny zespół planowania MOF.",
        "addressee": "Zarząd związku ZIT",
        "time_frame": "2027",
        "priority": "high",
        "sources": [source.pk],
    }
    assert api_as(people.observer).post(people.recommendations, body, format="json").status_code == 403
    assert api_as(people.other_expert).post(people.recommendations, body, format="json").status_code == 403
    expert = api_as(people.expert)
    created = expert.post(people.recommendations, body, format="json")
    assert created.status_code == 201, created.content
    made = created.json()
    assert (made["position"], made["version"], made["priority"]) == (1, 1, "high")
    assert [(s["id"], s["author"], s["kind"]) for s in made["sources"]] == [
        (source.pk, people.observer.display_name, "recommendation")
    ]
    url = f"{people.recommendations}{made['id']}/"

    # The observers of the challenge read it; an expert of another host does not even find it.
    assert [r["id"] for r in results(api_as(people.observer).get(people.recommendations))] == [made["id"]]
    assert results(api_as(people.other_expert).get(people.recommendations)) == []
    assert api_as(people.other_expert).get(url).status_code == 404

    changed = api_as(people.coordinator).patch(
        url, {"text": "Zespół planowania.", "version": 1}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = expert.patch(url, {"text": "Stara wersja.", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["version"] == 2
    assert expert.patch(url, {"sources": [], "version": 2}, format="json").json()["detail"] == (
        "Pick at least one finding the recommendation comes from."
    )
    # Its source cannot be withdrawn while the recommendation uses it.
    withdraw = api_as(people.observer).post(
        f"{people.findings}{source.pk}/withdraw/", {"version": 2}, format="json"
    )
    assert withdraw.status_code == 400
    assert withdraw.json()["detail"].startswith("This finding is a source of a consolidated recommendation")

    assert api_as(people.observer).delete(url).status_code == 403
    assert expert.delete(url).status_code == 204
    assert not Recommendation.objects.exists()
    source.refresh_from_db()
    assert source.state == FindingState.SUBMITTED
    withdraw = api_as(people.observer).post(
        f"{people.findings}{source.pk}/withdraw/", {"version": 2}, format="json"
    )
    assert withdraw.status_code == 200 and withdraw.json()["state"] == "draft"


def test_in_the_schema():
    schema = api_as().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/cycles/{slug}/findings/",
        "/api/v1/cycles/{slug}/findings/{id}/",
        "/api/v1/cycles/{slug}/findings/{id}/submit/",
        "/api/v1/cycles/{slug}/findings/{id}/withdraw/",
        "/api/v1/cycles/{slug}/recommendations/",
        "/api/v1/cycles/{slug}/recommendations/{id}/",
    ):
        assert path in paths, path
    assert "409" in paths["/api/v1/cycles/{slug}/findings/{id}/"]["put"]["responses"]
    assert "409" in paths["/api/v1/cycles/{slug}/recommendations/{id}/"]["patch"]["responses"]
    assert {"get", "post"} <= set(paths["/api/v1/cycles/{slug}/findings/"])
