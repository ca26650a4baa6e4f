"""/api/v1/cycles/{slug}/report/sections/: read with the pages' rules, saved on a version (stale → 409 with the
current version and text), bad input refused in words, listed in the OpenAPI schema."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from peer_review import report as reports
from peer_review.enums import CyclePhase, RevisionKind
from peer_review.models import SectionRevision
from tests.factories import MembershipFactory
from tests.peer_review.test_report import drafting_world, section, to_phase

pytestmark = pytest.mark.django_db

API = "/api/v1/cycles/"


def api_as(person=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


def sections_url(world, pk=None) -> str:
    base = f"{API}{world.cycle.slug}/report/sections/"
    return f"{base}{pk}/" if pk else base


@pytest.fixture
def world():
    world = drafting_world()
    reports.assemble(cycle=world.cycle, actor=None)
    return world


def test_sections_listed_in_order_for_readers_only(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = api_as(world.host_coordinators[0]).get(sections_url(world))
    assert response.status_code == 200
    items = response.json()
    assert [i["key"] for i in items][:2] == ["introduction", f"host-{world.hosts[0].pk}"]
    assert len(items) == 15
    first = items[0]
    assert first["version"] == 1 and first["is_edited"] is False and first["has_conflict"] is False
    assert first["html"].startswith("<h3>") and first["body"] == section(world, "introduction").body
    detail = api_as(world.experts[0]).get(sections_url(world, first["id"]))
    assert detail.status_code == 200 and detail.json()["key"] == "introduction"

    for person in (None, world.observers[0], MembershipFactory().user):
        assert api_as(person).get(sections_url(world)).status_code in (401, 403)
    assert api_as(world.coordinator).get(f"{API}nie-ma-takiego/report/sections/").status_code == 404
    other = drafting_world()
    reports.assemble(cycle=other.cycle, actor=None)
    foreign = section(other, "introduction")
    assert api_as(world.coordinator).get(sections_url(world, foreign.pk)).status_code == 404


def test_put_and_patch_with_the_version(world):
    item = section(world, "annex")
    expert = api_as(world.experts[0])
    response = expert.put(sections_url(world, item.pk), {"body": "Nowy aneks.", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2 and response.json()["body"] == "Nowy aneks."
    assert response.json()["is_edited"] is True
    patched = expert.patch(sections_url(world, item.pk), {"body": "Aneks 3.", "version": 2}, format="json")
    assert patched.status_code == 200 and patched.json()["version"] == 3
    unchanged = expert.patch(sections_url(world, item.pk), {"version": 3}, format="json")
    assert unchanged.status_code == 200 and unchanged.json()["version"] == 3


def test_a_stale_put_answers_409_with_the_current_version_and_text(world):
    item = section(world, "introduction")
    api_as(world.experts[0]).put(
        sections_url(world, item.pk), {"body": "Wersja A.", "version": 1}, format="json"
    )
    response = api_as(world.coordinator).put(
        sections_url(world, item.pk), {"body": "Wersja B.", "version": 1}, format="json"
    )
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "stale" and data["version"] == 2 and data["body"] == "Wersja A."
    assert "Someone saved this section while you were editing it" in data["detail"]
    kept = SectionRevision.objects.get(section=item, kind=RevisionKind.CONFLICT)
    assert kept.body == "Wersja B." and kept.author == world.coordinator
    item.refresh_from_db()
    assert item.body == "Wersja A." and item.version == 2


def test_bad_input_and_missing_permission(world):
    item = section(world, "introduction")
    coordinator = api_as(world.coordinator)
    too_long = coordinator.put(
        sections_url(world, item.pk), {"body": "x" * 60001, "version": 1}, format="json"
    )
    assert too_long.status_code == 400 and "body" in too_long.json()
    no_version = coordinator.put(sections_url(world, item.pk), {"body": "Tekst"}, format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()
    partial = coordinator.patch(sections_url(world, item.pk), {"body": "Tekst"}, format="json")
    assert partial.status_code == 400 and "version" in partial.json()
    assert (
        coordinator.put(
            sections_url(world, item.pk), {"body": "T", "version": "x"}, format="json"
        ).status_code
        == 400
    )
    host = api_as(world.host_coordinators[0])
    assert (
        host.put(sections_url(world, item.pk), {"body": "T", "version": 1}, format="json").status_code == 403
    )
    to_phase(world, CyclePhase.PUBLISHED)
    closed = coordinator.put(sections_url(world, item.pk), {"body": "Po", "version": 1}, format="json")
    assert closed.status_code == 400 and "only while it is drafted or reviewed" in closed.json()["detail"]
    item.refresh_from_db()
    assert item.version == 1


def test_listed_in_the_schema():
    schema = api_as().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    detail = paths["/api/v1/cycles/{slug}/report/sections/{id}/"]
    assert "/api/v1/cycles/{slug}/report/sections/" in paths
    assert {"get", "put", "patch"} <= set(detail)
    assert "409" in detail["put"]["responses"] and "409" in detail["patch"]["responses"]
