"""seed_demo: the knowledge demo content (practices, handbook, report) and the synthetic practices for benchmarks."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from wagtail.models import Page

from knowledge.blocks import BaseStreamBlock
from knowledge.enums import VerificationCriterion
from knowledge.models import (
    ChapterPage,
    CriterionAssessment,
    HandbookPage,
    PracticeIndexPage,
    PracticePage,
    PracticeRelation,
    PracticeVerification,
    ReportPage,
)
from knowledge.scale import SLUG_PREFIX, seed_practices
from zitnet.directory.enums import Voivodeship

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def knowledge_counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "practices": PracticePage.objects.count(),
        "chapters": ChapterPage.objects.count(),
        "handbooks": HandbookPage.objects.count(),
        "reports": ReportPage.objects.count(),
        "verifications": PracticeVerification.objects.count(),
        "assessments": CriterionAssessment.objects.count(),
        "relations": PracticeRelation.objects.count(),
    }


def block_types(chapters) -> set[str]:
    return {block.block_type for chapter in chapters for block in chapter.body}


def test_seed_demo_creates_the_knowledge_content_and_is_idempotent(client):
    output = seed()
    assert "demo practices" in output
    counts = knowledge_counts()

    handbook = HandbookPage.objects.get(slug="podrecznik")
    assert handbook.live and handbook.is_demo
    assert handbook.handbook_key == "podrecznik-zarzadzania-strategicznego"
    assert handbook.title == "Podręcznik zarządzania strategicznego w Związkach ZIT"
    assert handbook.authors.count() >= 3
    chapters = ChapterPage.objects.live().descendant_of(handbook)
    top_level = chapters.child_of(handbook)
    assert top_level.count() >= 6
    nested = [chapter for chapter in top_level if chapter.get_children().live().exists()]
    assert len(nested) >= 2
    assert block_types(chapters) == set(BaseStreamBlock.base_blocks)

    # Case studies point to live demo practices; the download is a real spreadsheet.
    for chapter in chapters:
        for block in chapter.body:
            if block.block_type == "case_study":
                assert block.value["practice"].specific.is_demo
            if block.block_type == "template_download":
                document = block.value["document"]
                with document.file.open("rb") as handle:
                    sheet = load_workbook(handle).active
                assert sheet["A1"].value == "Wskaźnik"

    practices = PracticePage.objects.live().filter(is_demo=True)
    assert practices.count() >= 20
    for practice in practices:
        assert practice.organisations.exists(), practice.title
        assert practice.thematic_areas.exists(), practice.title
        assert practice.indicators.count() >= 2, practice.title
        assert practice.principles.exists(), practice.title
        assert practice.tags.exists(), practice.title
        assert practice.voivodeship in Voivodeship.values
        if practice.total_cost is not None:
            assert practice.eu_contribution <= practice.total_cost
    kooperacja = PracticePage.objects.get(slug="kooperacja-efektywna-i-skuteczna")
    assert str(kooperacja.total_cost) == "31604368.34"
    assert {link.related.slug for link in kooperacja.related_links.all()} >= {"kooperacja-naklo-kcynia"}

    verifications = PracticeVerification.objects.filter(verified=True)
    assert 4 <= verifications.count() <= 6
    for verification in verifications:
        assert verification.reviewer.email == "koordynator@zitnet.test"
        assert {a.criterion for a in verification.assessments.all()} == set(VerificationCriterion.values)
        assert all(a.met and a.justification for a in verification.assessments.all())

    draft = PracticePage.objects.get(owner__email="czlonek@zitnet.test")
    assert not draft.live and draft.latest_revision is not None
    assert draft.current_workflow_state is None

    report = ReportPage.objects.get(is_demo=True)
    assert report.live and "(przykład)" in report.title
    assert 4 <= len(report.sections) <= 6
    assert 6 <= report.recommendations.count() <= 9

    response = client.get(kooperacja.url)
    assert response.status_code == 200
    assert "Kooperacja – efektywna i skuteczna" in response.content.decode()
    for page in [handbook, report, *chapters]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()

    seed()
    assert knowledge_counts() == counts


def test_seed_demo_practices_adds_live_routable_filterable_synthetic_practices(client):
    seed("--practices", "50")
    synthetic = PracticePage.objects.filter(slug__startswith=SLUG_PREFIX)
    assert synthetic.count() == 50
    assert synthetic.live().count() == 50
    index = PracticeIndexPage.objects.get()
    assert index.numchild == index.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])

    practice = synthetic.order_by("path").last()
    assert practice.url_path == f"{index.url_path}{practice.slug}/"
    assert practice.organisations.exists()
    assert practice.thematic_areas.exists()
    assert practice.indicators.count() == 2
    assert practice.tags.count() == 2
    response = client.get(practice.url)
    assert response.status_code == 200
    assert practice.title in response.content.decode()

    voivodeship = practice.voivodeship
    listing = client.get(index.url, {"voivodeship": voivodeship})
    assert listing.status_code == 200
    expected = synthetic.filter(voivodeship=voivodeship)
    other = synthetic.exclude(voivodeship=voivodeship).first()
    html = listing.content.decode()
    assert expected.first().title in html
    assert other.title not in html

    # Topping up creates only the missing ones, after the existing pages in the tree.
    seed_practices(60, io.StringIO())
    assert synthetic.count() == 60
    assert PracticeIndexPage.objects.get().numchild == index.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])
    seed_practices(60, io.StringIO())
    assert synthetic.count() == 60


def test_seed_demo_refuses_a_negative_number_of_practices():
    with pytest.raises(CommandError):
        seed("--practices", "-1")
