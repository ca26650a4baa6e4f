"""Published peer-review reports: the library lists live reports newest first; a report shows its parts."""

import datetime
import uuid

import pytest

from knowledge.enums import Priority
from knowledge.models import ReportPage
from tests.factories.knowledge import make_report, report_index

pytestmark = pytest.mark.django_db


def section(title, html):
    return {"type": "section", "value": {"title": title, "body": html}, "id": str(uuid.uuid4())}


@pytest.fixture
def report():
    page = make_report(
        title="Raport z Forum Oceny i Współpracy 2026",
        cycle_name="Forum Oceny i Współpracy — cykl 1",
        hosts="ZIT AKO, MOF Jeleniej Góry",
        published_on=datetime.date(2026, 10, 15),
        summary="Podsumowanie wizyty studyjnej.",
        is_demo=True,
        recommendations=[
            {
                "text": "Powołać wspólny zespół ds. usług społecznych.",
                "addressee": "Biuro Związku ZIT",
                "priority": Priority.HIGH,
                "time_frame": "do końca 2027 r.",
                "challenge": "Koordynacja usług",
                "challenge_url": "/forum/wyzwania/1/",
            },
            {"text": "Mierzyć efekty co roku.", "addressee": "Gminy MOF", "priority": Priority.LOW},
        ],
    )
    ReportPage.objects.filter(pk=page.pk).update(
        sections=[section("Wprowadzenie", "<p>Cel przeglądu.</p>"), section("Wnioski", "<p>Co dalej.</p>")]
    )
    return ReportPage.objects.get(pk=page.pk)


def test_report_page_shows_meta_sections_and_numbered_recommendations(client, report):
    response = client.get(report.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Raport z Forum Oceny i Współpracy 2026" in html
    assert "Forum Oceny i Współpracy — cykl 1" in html and "ZIT AKO, MOF Jeleniej Góry" in html
    assert '<time datetime="2026-10-15">' in html
    assert "Podsumowanie wizyty studyjnej." in html
    assert 'class="demo-banner"' in html
    # table of contents pointing at the sections
    assert 'href="#s-wprowadzenie"' in html and 'id="s-wprowadzenie"' in html
    assert 'href="#s-wnioski"' in html and "Cel przeglądu." in html
    assert 'href="#recommendations"' in html
    # recommendations in order, with their number, addressee, priority, time frame and challenge link
    first = html.index("Powołać wspólny zespół")
    assert first < html.index("Mierzyć efekty co roku.")
    assert 'id="recommendation-1"' in html and 'id="recommendation-2"' in html
    assert "<strong>1.</strong> Powołać wspólny zespół" in html
    assert "Biuro Związku ZIT" in html and "do końca 2027 r." in html
    assert '<a href="/forum/wyzwania/1/">Koordynacja usług</a>' in html
    assert "report-recommendation--high" in html


def test_unsafe_challenge_link_is_not_a_link(client, report):
    report.recommendations.filter(sort_order=0).update(challenge_url="javascript:alert(1)")
    html = client.get(report.url).content.decode()
    assert "javascript:" not in html
    assert "Koordynacja usług" in html


def test_index_lists_live_reports_newest_first(client, report):
    older = make_report(title="Raport starszy", published_on=datetime.date(2025, 5, 1))
    newest = make_report(title="Raport najnowszy", published_on=datetime.date(2026, 12, 1))
    draft = make_report(title="Raport w przygotowaniu")
    draft.unpublish()
    html = client.get(report_index().url).content.decode()
    positions = [html.index(title) for title in (newest.title, report.title, older.title)]
    assert positions == sorted(positions)
    assert "Raport w przygotowaniu" not in html
    assert f'href="{newest.url}"' in html


def test_index_queries_do_not_grow_with_reports(client, report, django_assert_max_num_queries):
    index_url = report_index().url
    client.get(index_url)
    with django_assert_max_num_queries(12) as few:
        client.get(index_url)
    for n in range(8):
        make_report(title=f"Raport dodatkowy {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Raport dodatkowy 7" in client.get(index_url).content.decode()


def test_empty_index_says_so(client):
    html = client.get(report_index().url).content.decode()
    assert 'class="report-list"' not in html and "<h1" in html
