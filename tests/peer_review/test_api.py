"""/api/v1/cycles/…: the forum's API follows the pages' rules and refuses bad input with a message, never a 500."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peer_review import services
from peer_review.enums import ApplicationStatus, ChallengeState, CyclePhase
from peer_review.models import AssignedPair, ObserverApplication
from tests.factories.peer_review import accepted, build_world, observer_user

pytestmark = pytest.mark.django_db

API = "/api/v1/cycles/"


def api_as(person=None) -> APIClient:
    """A client reading English messages, signed in with a token (coordinators need no browser 2FA here)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def challenge_url(world, challenge, suffix="") -> str:
    return f"{API}{world.cycle.slug}/challenges/{challenge.pk}/{suffix}"


# --- cycles -----------------------------------------------------------------------------------------------


def test_anonymous_sees_public_cycles_only():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=2)
    draft = services.create_cycle(actor=None, title="Cykl w przygotowaniu")
    anonymous = api_as()

    listed = results(anonymous.get(API))
    assert [c["slug"] for c in listed] == [world.cycle.slug]
    cycle = listed[0]
    assert cycle["phase"] == CyclePhase.RECRUITMENT
    assert cycle["settings"]["challenges_per_observer"] == 2
    assert [(h["organisation"]["name"], h["role"]) for h in cycle["hosts"]] == [
        ("Związek ZIT gospodarz 1", "leader"),
        ("Związek ZIT gospodarz 2", "partner"),
        ("Związek ZIT gospodarz 3", "partner"),
    ]
    assert cycle["next_phase"] == CyclePhase.ASSIGNMENT
    assert cycle["blockers"] is None  # what blocks the next phase is for coordinators

    assert anonymous.get(f"{API}{draft.slug}/").status_code == 404
    assert anonymous.get(f"{API}{draft.slug}/challenges/").status_code == 404

    coordinator = api_as(world.coordinator)
    assert {c["slug"] for c in results(coordinator.get(API))} == {world.cycle.slug, draft.slug}
    detail = coordinator.get(f"{API}{world.cycle.slug}/").json()
    assert "0 of 2 observers accepted." in detail["blockers"]
    assert "2 applications await a decision." in detail["blockers"]


def test_transition_out_of_order_stale_and_forbidden():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    url = f"{API}{world.cycle.slug}/transition/"
    coordinator = api_as(world.coordinator)

    response = coordinator.post(url, {"to_phase": "assignment"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The cycle is in “Challenge identification”; it can only move on to “Observer recruitment”.",
        "code": "order",
    }

    response = coordinator.post(url, {"to_phase": "recruitment", "expected_phase": "draft"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale"

    response = coordinator.post(url, {"to_phase": "recruitment"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "guard"
    assert "has 0 of 3 approved challenges" in response.json()["detail"]

    assert api_as(world.host_coordinators[0]).post(url, {"to_phase": "recruitment"}).status_code == 403
    assert api_as().post(url, {"to_phase": "recruitment"}).status_code == 401

    response = coordinator.post(
        url,
        {
            "to_phase": "recruitment",
            "expected_phase": "identification",
            "override_reason": "Eksperci zatwierdzą wyzwania na spotkaniu.",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["phase"] == CyclePhase.RECRUITMENT
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.RECRUITMENT
    assert world.cycle.transitions.last().override_reason == "Eksperci zatwierdzą wyzwania na spotkaniu."


# --- challenges -------------------------------------------------------------------------------------------


def test_host_coordinator_never_reaches_another_hosts_draft():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    mine, theirs = world.challenges[0], world.challenges[3]
    assert mine.host == world.hosts[0] and theirs.host == world.hosts[1]
    host = api_as(world.host_coordinators[0])

    listed = results(host.get(f"{API}{world.cycle.slug}/challenges/"))
    assert [c["id"] for c in listed] == [c.pk for c in world.challenges[:3]]
    assert listed[0]["context"] == "Kontekst wyzwania: opis sytuacji w obszarze funkcjonalnym."
    assert listed[0]["version"] == 1 and listed[0]["state"] == ChallengeState.DRAFT

    assert host.get(challenge_url(world, theirs)).status_code == 404
    response = host.patch(challenge_url(world, theirs), {"title": "Przejęte", "version": 1}, format="json")
    assert response.status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.title == "Wyzwanie 1 gospodarza 2"

    # Their expert reads it, with its material; nobody outside the cycle does.
    expert_view = api_as(world.experts[1]).get(challenge_url(world, theirs)).json()
    assert expert_view["context"].startswith("Kontekst wyzwania")
    assert api_as(observer_user()).get(challenge_url(world, theirs)).status_code == 404


def test_stale_put_is_409_with_the_current_version_and_changes_nothing():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    host = api_as(world.host_coordinators[0])
    revision = {
        "title": "Wspólne planowanie w MOF",
        "guiding_question": "Jak gminy MOF mogą wspólnie planować usługi?",
        "context": "Nowy kontekst.",
        "strategy_links": ["https://zit.example.org/strategia"],
        "themes": ["partycypacja_partnerstwo"],
        "version": 1,
    }

    response = host.put(challenge_url(world, challenge), revision, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["version"], body["strategy_links"], body["themes"]) == (
        "Wspólne planowanie w MOF",
        2,
        ["https://zit.example.org/strategia"],
        ["partycypacja_partnerstwo"],
    )

    stale = {**revision, "title": "Wersja sprzed zmiany", "version": 1}
    response = host.put(challenge_url(world, challenge), stale, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    assert response.json()["version"] == 2
    challenge.refresh_from_db()
    assert (challenge.title, challenge.version) == ("Wspólne planowanie w MOF", 2)

    response = host.patch(challenge_url(world, challenge), {"context": "Bez wersji."}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    response = host.patch(challenge_url(world, challenge), {"themes": ["nie-ma-takiego"], "version": 2})
    assert response.status_code == 400 and "themes" in response.json()
    response = host.patch(
        challenge_url(world, challenge), {"strategy_links": ["ftp://x"], "version": 2}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "“ftp://x” is not a web address (http or https)."
    challenge.refresh_from_db()
    assert challenge.version == 2


def test_submit_return_and_approve_through_the_api():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    host, expert = api_as(world.host_coordinators[0]), api_as(world.experts[0])

    response = host.post(challenge_url(world, challenge, "submit/"), {"version": 1, "comment": "Prośba"})
    assert response.status_code == 200 and response.json()["state"] == ChallengeState.SUBMITTED
    assert host.post(challenge_url(world, challenge, "approve/"), {"version": 1}).status_code == 403
    assert (
        api_as(world.experts[1]).post(challenge_url(world, challenge, "approve/"), {"version": 1}).status_code
        == 403
    )

    response = expert.post(challenge_url(world, challenge, "return/"), {"version": 1, "comment": "ok"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Say what should change: a returned challenge needs a comment."
    response = expert.post(
        challenge_url(world, challenge, "return/"), {"version": 1, "comment": "Doprecyzujcie pytanie."}
    )
    assert response.json()["state"] == ChallengeState.RETURNED

    host.patch(challenge_url(world, challenge), {"title": "Poprawione", "version": 1}, format="json")
    host.post(challenge_url(world, challenge, "submit/"), {"version": 2})
    response = expert.post(challenge_url(world, challenge, "approve/"), {"version": 1})
    assert response.status_code == 409 and response.json()["version"] == 2
    response = expert.post(challenge_url(world, challenge, "approve/"), {"version": 2})
    assert response.status_code == 200 and response.json()["state"] == ChallengeState.APPROVED
    challenge.refresh_from_db()
    assert (challenge.state, challenge.title) == (ChallengeState.APPROVED, "Poprawione")


def test_the_public_sees_summaries_of_approved_challenges_without_material():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=1)
    listed = results(api_as().get(f"{API}{world.cycle.slug}/challenges/"))
    assert len(listed) == 9
    assert listed[0]["guiding_question"] == "Jak lepiej koordynować planowanie strategiczne w MOF?"
    assert {listed[0][name] for name in ("context", "version", "state", "strategy_links")} == {None}


# --- applications -----------------------------------------------------------------------------------------


def application_payload(world, organisation, preferences) -> dict:
    return {
        "organisation": organisation.slug,
        "motivation": "Chcę poznać, jak inne MOF planują usługi społeczne.",
        "availability": "online",
        "preferences": preferences,
        "expertise": ["usługi społeczne", "partycypacja"],
        "expertise_areas": ["uslugi_spoleczne"],
        "declared_conflicts": [{"host": world.hosts[2].pk, "reason": "Współpracuję z tym związkiem."}],
    }


def test_apply_duplicate_and_bad_preferences_are_400_with_the_message():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=2)
    person = observer_user()
    organisation = person.memberships.get().organisation
    client = api_as(person)
    url = f"{API}{world.cycle.slug}/applications/"

    response = client.post(url, application_payload(world, organisation, [999999]), format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Your preferences name a challenge that is not open for observers in this cycle."
    )
    conflicting = world.challenges[6].pk  # a challenge of the host the applicant declared a conflict with
    response = client.post(url, application_payload(world, organisation, [conflicting]), format="json")
    assert response.status_code == 400
    assert "conflict of interest" in response.json()["detail"]
    assert not ObserverApplication.objects.filter(user=person).exists()

    wanted = [world.challenges[1].pk, world.challenges[0].pk]
    response = client.post(url, application_payload(world, organisation, wanted), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert [p["challenge"] for p in created["preferences"]] == wanted
    assert created["expertise"] == ["partycypacja", "usługi społeczne"]
    assert created["expertise_areas"] == ["uslugi_spoleczne"]
    assert {"host": world.hosts[2].pk, "source": "declared", "reason": "Współpracuję z tym związkiem."} in (
        created["conflicts"]
    )

    response = client.post(url, application_payload(world, organisation, wanted), format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "You have already applied to this cycle; you can change your application.",
        "code": "duplicate",
    }
    assert ObserverApplication.objects.filter(user=person).count() == 1

    assert (
        api_as().post(url, application_payload(world, organisation, wanted), format="json").status_code == 401
    )


def test_members_see_their_own_application_and_coordinators_decide():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=3)
    first, second = world.applications[:2]
    url = f"{API}{world.cycle.slug}/applications/"

    own = results(api_as(first.user).get(url))
    assert [a["id"] for a in own] == [first.pk]
    assert api_as(first.user).get(f"{url}{second.pk}/").status_code == 404
    assert results(api_as(observer_user()).get(url)) == []
    assert len(results(api_as(world.coordinator).get(url))) == 3

    decision = {"status": "rejected", "note": "Brak miejsc."}
    assert api_as(first.user).post(f"{url}{first.pk}/decision/", decision).status_code == 403
    response = api_as(world.coordinator).post(f"{url}{second.pk}/decision/", decision)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["decision_note"]) == ("rejected", "Brak miejsc.")
    second.refresh_from_db()
    assert second.status == ApplicationStatus.REJECTED


# --- assignment -------------------------------------------------------------------------------------------


def test_each_role_sees_its_part_of_the_published_assignment():
    world = build_world(phase=CyclePhase.PREPARATION, observers=12)
    url = f"{API}{world.cycle.slug}/assignment/"
    run = world.cycle.published_run

    everything = api_as(world.coordinator).get(url).json()
    assert everything["run"] == run.number
    assert len(everything["pairs"]) == AssignedPair.objects.filter(run=run).count() == 24

    observer = world.applications[0]
    mine = api_as(observer.user).get(url).json()["pairs"]
    assert len(mine) == 2
    assert {p["application"] for p in mine} == {observer.pk}
    assert {p["observer"] for p in mine} == {observer.user.display_name}
    pair = AssignedPair.objects.get(run=run, application=observer, challenge_id=mine[0]["challenge"]["id"])
    assert (mine[0]["rank"], mine[0]["points"], mine[0]["shared_themes"]) == (
        pair.rank,
        pair.points,
        pair.shared_themes,
    )
    # The observer reads the material of their challenges only.
    assigned = {p["challenge"]["id"] for p in mine}
    challenges = results(api_as(observer.user).get(f"{API}{world.cycle.slug}/challenges/"))
    assert {c["id"] for c in challenges if c["context"] is not None} == assigned

    host_pairs = api_as(world.host_coordinators[1]).get(url).json()["pairs"]
    own_challenges = {c.pk for c in world.hosts[1].challenges.all()}
    assert host_pairs and {p["challenge"]["id"] for p in host_pairs} <= own_challenges

    assert api_as(world.experts[0]).get(url).status_code == 403
    assert api_as(observer_user()).get(url).status_code == 403
    assert api_as().get(url).status_code in (401, 403)


def test_an_impossible_quota_gives_an_infeasible_run_explained_in_words():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    services.update_cycle(
        actor=None,
        cycle=world.cycle,
        title=world.cycle.title,
        description="",
        observers_per_challenge_min=4,
        observers_per_challenge_max=4,
    )
    response = api_as(world.coordinator).post(f"{API}{world.cycle.slug}/runs/")
    assert response.status_code == 201, response.content
    run = response.json()
    assert run["status"] == "infeasible"
    assert run["pairs"] == []
    assert run["reasons"] == ["12 observers give 24 reviews, but the challenges need at least 36."]
    assert world.cycle.runs.get().status == "infeasible"


def test_run_and_publish_by_coordinators_only():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=12)
    runs = f"{API}{world.cycle.slug}/runs/"
    assert api_as(world.host_coordinators[0]).post(runs).status_code == 403
    assert api_as(accepted(world)[0].user).get(runs).status_code == 403

    coordinator = api_as(world.coordinator)
    first = coordinator.post(runs).json()
    assert (first["number"], first["status"], first["published"]) == (1, "solved", False)
    assert first["proven_optimal"] is True and len(first["pairs"]) == 24
    second = coordinator.post(runs).json()
    assert second["diff"] == {"previous": 1, "score_before": first["score"], "changes": {}}
    assert [r["number"] for r in results(coordinator.get(runs))] == [2, 1]

    # An observer sees nothing before publication.
    assert api_as(accepted(world)[0].user).get(f"{API}{world.cycle.slug}/assignment/").json() == {
        "run": None,
        "pairs": [],
    }
    response = coordinator.post(f"{runs}1/publish/")
    assert response.status_code == 200 and response.json()["published"] is True
    world.cycle.refresh_from_db()
    assert world.cycle.published_run.number == 1
    assert coordinator.get(f"{API}{world.cycle.slug}/").json()["published_run"] == 1
    assert coordinator.get(f"{API}{world.cycle.slug}/assignment/").json()["run"] == 1

    # The accepted observers changed since the run: publishing it again is refused as stale.
    services.decide_application(
        actor=None, application=accepted(world)[0], status=ApplicationStatus.REJECTED, note=""
    )
    response = coordinator.post(f"{runs}2/publish/")
    assert response.status_code == 409 and response.json()["code"] == "stale"


# --- the index and the schema -----------------------------------------------------------------------------


def test_listed_in_the_root_and_the_schema():
    assert api_as().get("/api/v1/").json()["cycles"].endswith("/api/v1/cycles/")
    schema = api_as().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/cycles/",
        "/api/v1/cycles/{slug}/",
        "/api/v1/cycles/{slug}/transition/",
        "/api/v1/cycles/{slug}/assignment/",
        "/api/v1/cycles/{slug}/challenges/",
        "/api/v1/cycles/{slug}/challenges/{id}/",
        "/api/v1/cycles/{slug}/challenges/{id}/submit/",
        "/api/v1/cycles/{slug}/challenges/{id}/return/",
        "/api/v1/cycles/{slug}/challenges/{id}/approve/",
        "/api/v1/cycles/{slug}/applications/",
        "/api/v1/cycles/{slug}/applications/{id}/decision/",
        "/api/v1/cycles/{slug}/runs/",
        "/api/v1/cycles/{slug}/runs/{number}/publish/",
    ):
        assert path in paths, path
    assert {"get", "put", "patch"} <= set(paths["/api/v1/cycles/{slug}/challenges/{id}/"])
    assert "409" in paths["/api/v1/cycles/{slug}/challenges/{id}/"]["put"]["responses"]
    assert {"get", "post"} <= set(paths["/api/v1/cycles/{slug}/applications/"])
