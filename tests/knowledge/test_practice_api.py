"""/api/v1/practices/: public, read-only, the library's filters, no drafts, sanitised HTML, bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from knowledge.enums import PracticeStatus
from knowledge.models import PracticeIndicator, PracticeVerification
from tests.factories import OrganisationFactory
from tests.factories.directory import theme
from tests.factories.knowledge import make_practice, programme
from zitnet.directory.enums import Voivodeship

pytestmark = pytest.mark.django_db

API = "/api/v1/practices/"


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def practices(db):
    ops = OrganisationFactory(name="MOPS w Wałbrzychu", slug="mops-walbrzych")
    care = make_practice(
        title="Centrum usług społecznych",
        problem='<p>Problem<script>alert(1)</script> <a href="javascript:alert(2)">x</a></p>',
        organisations=[ops],
        thematic_areas=[theme("deinstytucjonalizacja")],
        tags=["opieka"],
        programme=programme("fers"),
        status=PracticeStatus.ONGOING,
        voivodeship=Voivodeship.DOLNOSLASKIE,
        total_cost=Decimal("1000000.00"),
        eu_contribution=Decimal("850000.00"),
        kohesio_url="https://kohesio.ec.europa.eu/pl/projects/1",
        start_date=datetime.date(2022, 1, 1),
        end_date=None,
    )
    PracticeIndicator.objects.create(
        page=care, name="Osoby", unit="os.", target=Decimal("10"), achieved=Decimal("12")
    )
    PracticeVerification.objects.create(practice=care, verified=True, reviewed_at=timezone.now())
    bikes = make_practice(
        title="Rower aglomeracyjny",
        programme=programme("feng"),
        voivodeship=Voivodeship.WIELKOPOLSKIE,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2019, 12, 31),
    )
    draft = make_practice(title="Szkic praktyki", publish=False, organisations=[ops])
    return {"care": care, "bikes": bikes, "draft": draft}


def test_public_list_without_drafts(client, practices):
    response = client.get(API)
    assert response.status_code == 200
    assert titles(response) == ["Rower aglomeracyjny", "Centrum usług społecznych"]


def test_detail_serialises_the_practice(client, practices):
    care = practices["care"]
    data = client.get(f"{API}{care.pk}/").json()
    assert data["title"] == "Centrum usług społecznych"
    assert data["page"].endswith("/dobre-praktyki/" + care.slug + "/")
    assert data["organisations"] == [
        {"slug": "mops-walbrzych", "name": "MOPS w Wałbrzychu", "page": "/katalog/mops-walbrzych/"}
    ]
    assert data["thematic_areas"] == ["deinstytucjonalizacja"]
    assert data["tags"] == ["opieka"]
    assert data["programme"]["code"] == "fers"
    assert data["total_cost"] == "1000000.00" and data["eu_share_percent"] == "85.0"
    assert data["indicators"] == [
        {"name": "Osoby", "unit": "os.", "baseline": None, "target": "10.00", "achieved": "12.00"}
    ]
    assert data["verified"] is True
    assert data["kohesio_url"] == "https://kohesio.ec.europa.eu/pl/projects/1"
    assert "<script>" not in data["problem"] and "javascript:" not in data["problem"]
    assert "Problem" in data["problem"]


def test_drafts_and_unpublished_practices_are_never_served(client, practices):
    assert client.get(f"{API}{practices['draft'].pk}/").status_code == 404
    practices["bikes"].unpublish()
    assert client.get(f"{API}{practices['bikes'].pk}/").status_code == 404
    assert titles(client.get(API)) == ["Centrum usług społecznych"]


def test_the_same_filters_as_the_page(client, practices):
    assert titles(client.get(API, {"organisation": "mops-walbrzych"})) == ["Centrum usług społecznych"]
    assert titles(client.get(API, {"programme": "feng"})) == ["Rower aglomeracyjny"]
    assert titles(client.get(API, {"year": "2019"})) == ["Rower aglomeracyjny"]
    assert titles(client.get(API, {"verified": "true"})) == ["Centrum usług społecznych"]
    assert titles(client.get(API, {"area": "deinstytucjonalizacja", "voivodeship": "02"})) == [
        "Centrum usług społecznych"
    ]
    assert titles(client.get(API, {"area": "deinstytucjonalizacja", "voivodeship": "30"})) == []
    assert titles(client.get(API, {"sort": "title"})) == ["Centrum usług społecznych", "Rower aglomeracyjny"]


def test_bad_filter_values_are_a_400_with_reasons(client, practices):
    response = client.get(API, {"programme": "nie-ma", "year": "abc"})
    assert response.status_code == 400
    assert set(response.json()) == {"programme", "year"}


def test_read_only(client, client_for, coordinator, practices):
    assert client.post(API, {"title": "X"}).status_code in (401, 403, 405)
    assert client_for(coordinator).delete(f"{API}{practices['care'].pk}/").status_code == 405


def test_listed_in_the_root_and_the_schema(client, db):
    assert client.get("/api/v1/").json()["practices"].endswith("/api/v1/practices/")
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/practices/" in schema and "/api/v1/practices/{id}/" in schema


def test_queries_do_not_grow_with_the_number_of_practices(client, django_assert_max_num_queries, db):
    def add(n):
        for _ in range(n):
            practice = make_practice(
                organisations=[OrganisationFactory(), OrganisationFactory()],
                thematic_areas=[theme("deinstytucjonalizacja"), theme("zdrowie")],
                tags=["a", "b"],
                programme=programme("fers"),
            )
            PracticeIndicator.objects.create(page=practice, name="Wskaźnik", target=Decimal("1"))

    add(1)
    cache.clear()  # measure serialising, not the cached answer
    with django_assert_max_num_queries(20) as few:
        client.get(API)
    add(9)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert len(client.get(API).json()["results"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


def test_pages_of_twenty_like_the_library_and_larger_on_request(client):
    for n in range(22):
        make_practice(title=f"Praktyka {n:02d}")
    first = client.get(API).json()
    assert first["count"] == 22 and len(first["results"]) == 20 and first["next"]
    assert len(client.get(API, {"page": 2}).json()["results"]) == 2
    assert len(client.get(API, {"page_size": 50}).json()["results"]) == 22


def test_cached_answers_follow_publication_and_language(client, django_assert_max_num_queries):
    practice = make_practice(title="Klub Senior+", status=PracticeStatus.ONGOING)
    assert titles(client.get(API)) == ["Klub Senior+"]
    with django_assert_max_num_queries(0):
        assert titles(client.get(API)) == ["Klub Senior+"]  # the second reader is served from the cache
    polish = client.get(API, HTTP_ACCEPT_LANGUAGE="pl").json()["results"][0]["status_label"]
    english = client.get(API, HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]["status_label"]
    assert (polish, english) == ("W trakcie realizacji", "Ongoing")

    practice.unpublish()
    assert titles(client.get(API)) == []
    assert client.get(f"{API}{practice.pk}/").status_code == 404
