"""/api/v1/handbook/chapters/: public, numbered, safe bodies, current editions by default, bounded queries."""

import datetime
import uuid

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from knowledge.handbook import create_new_edition
from knowledge.models import ChapterPage
from tests.factories.knowledge import make_chapter, make_handbook

pytestmark = pytest.mark.django_db
LIST = "api:handbook-chapter-list"


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def book():
    handbook = make_handbook()
    one = make_chapter(
        handbook,
        title="Diagnoza obszaru",
        summary="Dane o gminach MOF.",
        body=[
            block("heading", {"text": "Źródła danych", "level": "h2"}),
            block("paragraph", '<p>Tekst <a href="javascript:alert(1)">link</a><script>x()</script></p>'),
            block("checklist", {"title": "Lista", "items": ["<b>pierwszy</b>", "drugi"]}),
        ],
    )
    two = make_chapter(handbook, title="Planowanie strategiczne", summary="Strategia ZIT.")
    sub = make_chapter(two, title="Partycypacja mieszkańców")
    make_chapter(handbook, title="Szkic", publish=False)
    return handbook, [one, two, sub]


def test_list_is_public_numbered_and_linked(book):
    handbook, (one, two, sub) = book
    response = APIClient().get(reverse(LIST))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["number"], r["title"]) for r in rows] == [
        ("1", "Diagnoza obszaru"),
        ("2", "Planowanie strategiczne"),
        ("2.1", "Partycypacja mieszkańców"),
    ]
    sub_row = rows[2]
    assert sub_row["parent"]["id"] == two.pk
    assert sub_row["previous"]["title"] == "Planowanie strategiczne" and sub_row["next"] is None
    assert sub_row["url"] == "http://testserver" + sub.url
    assert rows[0]["handbook"]["id"] == handbook.pk


def test_body_is_structured_and_sanitised(book):
    row = APIClient().get(reverse(LIST)).json()["results"][0]
    kinds = [b["type"] for b in row["body"]]
    assert kinds == ["heading", "paragraph", "checklist"]
    assert row["body"][0]["value"]["anchor"] == "s-zrodla-danych"
    html = row["body"][1]["value"]["html"]
    assert "javascript:" not in html and "<script" not in html and "Tekst" in html
    assert row["body"][2]["value"]["items"] == [
        "<b>pierwszy</b>",
        "drugi",
    ]  # plain text, for the client to escape


def test_filters_by_query_and_handbook(book):
    handbook, _ = book
    other = make_handbook(title="Inny podręcznik", handbook_key="inny")
    make_chapter(other, title="Rozdział innego podręcznika")
    client = APIClient()
    titles = lambda params: [r["title"] for r in client.get(reverse(LIST), params).json()["results"]]  # noqa: E731
    assert "Rozdział innego podręcznika" in titles({})
    assert titles({"q": "strategia"}) == ["Planowanie strategiczne"]
    assert titles({"q": "PARTYCYPACJA"}) == ["Partycypacja mieszkańców"]
    assert titles({"handbook": "inny"}) == ["Rozdział innego podręcznika"]
    assert titles({"handbook": str(other.pk)}) == ["Rozdział innego podręcznika"]
    assert titles({"handbook": "999999"}) == []
    assert client.get(reverse(LIST), {"handbook": "x" * 200}).status_code == 400


def test_default_is_the_current_edition_but_old_ones_stay_readable(book, coordinator):
    handbook, chapters = book
    coordinator.is_superuser = True
    coordinator.save()
    new = create_new_edition(
        handbook=handbook, edition="Wydanie 2", edition_date=datetime.date(2027, 1, 1), user=coordinator
    )
    for page in [new, *ChapterPage.objects.descendant_of(new)]:
        page.save_revision().publish()
    client = APIClient()
    rows = client.get(reverse(LIST)).json()["results"]
    assert {r["handbook"]["id"] for r in rows} == {new.pk}
    old = client.get(reverse(LIST), {"handbook": str(handbook.pk)}).json()["results"]
    assert [r["id"] for r in old] == [c.pk for c in chapters]


def test_detail_only_for_live_chapters_of_live_handbooks(book):
    handbook, (one, two, sub) = book
    client = APIClient()
    row = client.get(reverse("api:handbook-chapter-detail", args=[sub.pk])).json()
    assert row["number"] == "2.1" and row["parent"]["number"] == "2"
    draft = ChapterPage.objects.get(title="Szkic")
    assert client.get(reverse("api:handbook-chapter-detail", args=[draft.pk])).status_code == 404
    handbook.unpublish()
    assert client.get(reverse("api:handbook-chapter-detail", args=[one.pk])).status_code == 404
    assert client.get(reverse(LIST)).json()["results"] == []


def test_queries_do_not_grow_with_chapters(book, django_assert_max_num_queries):
    handbook, _ = book
    client = APIClient()
    client.get(reverse(LIST))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse(LIST))
    for n in range(12):
        make_chapter(handbook, title=f"Dodatkowy {n}", body=[block("paragraph", "<p>Tekst.</p>")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(LIST)).json()["count"] == 15
