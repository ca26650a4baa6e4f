"""Publishing a cycle's report into the knowledge library: page, numbered recommendations, links back."""

import pytest
from django.utils import translation

from knowledge.models import ReportPage
from peer_review import services
from peer_review.enums import CyclePhase, FindingKind, FindingState, SectionKind
from peer_review.models import Finding, Recommendation, Report, ReportSection
from tests.factories.knowledge import make_chapter, make_handbook, make_practice
from tests.factories.peer_review import build_world

pytestmark = pytest.mark.django_db

OVERRIDE = "Przegląd gospodarzy zakończony na spotkaniu, bez zapisów w systemie."


def _report(world) -> Report:
    cycle = world.cycle
    report = Report.objects.create(cycle=cycle, title=f"Raport: {cycle.title}")
    ReportSection.objects.create(
        report=report, key="introduction", kind=SectionKind.INTRODUCTION, position=0, title="Wprowadzenie",
        body="Cykl objął trzy obszary funkcjonalne.\n\n## Metoda\n\nObserwatorzy <script>alert(1)</script>.",
    )  # fmt: skip
    first, second = world.challenges[0], world.challenges[1]
    for position, challenge in enumerate([second, first], start=1):
        ReportSection.objects.create(
            report=report, key=f"challenge-{challenge.pk}", kind=SectionKind.CHALLENGE, challenge=challenge,
            host=challenge.host, position=position, title=challenge.title, body=f"Ustalenia: {challenge.title}.",
        )  # fmt: skip
    # Numbering follows the sections (second challenge first), then each challenge's own order.
    Recommendation.objects.create(challenge=first, text="Zalecenie A", addressee="Biuro ZIT", position=0)
    Recommendation.objects.create(challenge=second, text="Zalecenie B2", addressee="Gminy MOF", position=1)
    Recommendation.objects.create(challenge=second, text="Zalecenie B1", addressee="Zarząd", position=0)
    return report


def _to_host_review(world):
    services.transition(
        actor=world.coordinator, cycle=world.cycle, to_phase=CyclePhase.HOST_REVIEW, override_reason=OVERRIDE
    )


def test_publishing_creates_the_report_page_with_numbered_recommendations_linking_back():
    world = build_world(phase=CyclePhase.REPORT_DRAFTING)
    report = _report(world)
    _to_host_review(world)
    services.transition(
        actor=world.coordinator, cycle=world.cycle, to_phase=CyclePhase.PUBLISHED, override_reason=OVERRIDE
    )
    report.refresh_from_db()
    page = ReportPage.objects.get(pk=report.page_id)
    assert page.live and page.title == report.title and page.cycle_name == world.cycle.title
    assert page.summary == "Cykl objął trzy obszary funkcjonalne."
    assert [block.value["title"] for block in page.sections] == [
        "Wprowadzenie", world.challenges[1].title, world.challenges[0].title,
    ]  # fmt: skip
    items = list(page.recommendations.order_by("sort_order"))
    assert [item.text for item in items] == ["Zalecenie B1", "Zalecenie B2", "Zalecenie A"]
    assert items[0].challenge_url == world.challenges[1].get_absolute_url()
    assert Recommendation.objects.get(text="Zalecenie A").published_item == items[2]
    assert report.published_at is not None

    html = page.serve(_request(page)).render().content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert 'id="recommendation-3"' in html and world.challenges[0].get_absolute_url() in html


def test_without_an_assembled_report_the_cycle_stays_in_host_review():
    world = build_world(phase=CyclePhase.REPORT_DRAFTING)
    _to_host_review(world)
    with translation.override("en"), pytest.raises(services.DomainError, match="not been assembled"):
        services.transition(
            actor=world.coordinator,
            cycle=world.cycle,
            to_phase=CyclePhase.PUBLISHED,
            override_reason=OVERRIDE,
        )
    world.cycle.refresh_from_db()
    assert world.cycle.phase == CyclePhase.HOST_REVIEW
    assert not ReportPage.objects.filter(title__startswith="Raport: ").exists()


def test_a_practice_seen_links_to_the_report_and_a_chapter_embeds_a_recommendation(client):
    world = build_world(phase=CyclePhase.REPORT_DRAFTING)
    practice = make_practice(title="Wspólna mapa usług społecznych")
    unseen = make_practice(title="Praktyka nieobserwowana")
    Finding.objects.create(
        challenge=world.challenges[0], author=world.experts[0], kind=FindingKind.PRACTICE,
        text="Dobra praktyka do przeniesienia.", practice=practice, state=FindingState.SUBMITTED,
    )  # fmt: skip
    report = _report(world)
    _to_host_review(world)
    services.transition(
        actor=world.coordinator, cycle=world.cycle, to_phase=CyclePhase.PUBLISHED, override_reason=OVERRIDE
    )
    report.refresh_from_db()
    page = report.page

    body = client.get(practice.url).content.decode()
    assert page.title in body and page.url in body
    assert page.title not in client.get(unseen.url).content.decode()

    chapter = make_chapter(
        make_handbook(),
        body=[("report_recommendation", {"report": page, "number": 3})],
    )
    chapter_html = client.get(chapter.url).content.decode()
    assert "Zalecenie A" in chapter_html and f"{page.url}#recommendation-3" in chapter_html


def _request(page):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    return request


def test_the_cycle_and_report_pages_link_to_the_published_report(client, client_for):
    world = build_world(phase=CyclePhase.REPORT_DRAFTING)
    report = _report(world)
    _to_host_review(world)
    services.transition(
        actor=world.coordinator, cycle=world.cycle, to_phase=CyclePhase.PUBLISHED, override_reason=OVERRIDE
    )
    report.refresh_from_db()
    assert f'href="{report.page.url}"' in client.get(world.cycle.get_absolute_url()).content.decode()
    page = client_for(world.experts[0]).get(f"{world.cycle.get_absolute_url()}raport/").content.decode()
    assert f'href="{report.page.url}"' in page
