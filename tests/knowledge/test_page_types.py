"""Creation rules and routability of every knowledge page type, with Wagtail's own page test helpers."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from knowledge.models import (
    ChapterPage,
    FundingProgramme,
    HandbookPage,
    HomePage,
    PracticeIndexPage,
    PracticePage,
    ReportIndexPage,
    ReportPage,
    StandardPage,
)
from tests.factories.knowledge import make_chapter, make_handbook, make_practice, make_report

ALL = {
    HomePage,
    StandardPage,
    PracticeIndexPage,
    PracticePage,
    HandbookPage,
    ChapterPage,
    ReportIndexPage,
    ReportPage,
}


class PageTypeRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedParentPageTypes(HandbookPage, {HomePage})
        self.assertAllowedParentPageTypes(ChapterPage, {HandbookPage, ChapterPage})
        self.assertAllowedParentPageTypes(ReportIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ReportPage, {ReportIndexPage})

        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertAllowedSubpageTypes(HandbookPage, {ChapterPage})
        self.assertAllowedSubpageTypes(ChapterPage, {ChapterPage})
        self.assertAllowedSubpageTypes(ReportIndexPage, {ReportPage})
        self.assertAllowedSubpageTypes(ReportPage, set())

    def test_can_and_cannot_create(self):
        self.assertCanCreateAt(HomePage, HandbookPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(HandbookPage, ChapterPage)
        self.assertCanCreateAt(ChapterPage, ChapterPage)
        self.assertCanCreateAt(PracticeIndexPage, PracticePage)
        self.assertCanCreateAt(ReportIndexPage, ReportPage)
        self.assertCanNotCreateAt(HomePage, ChapterPage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(HomePage, ReportPage)
        self.assertCanNotCreateAt(HandbookPage, HandbookPage)
        self.assertCanNotCreateAt(ChapterPage, PracticePage)
        self.assertCanNotCreateAt(PracticePage, PracticePage)
        self.assertCanNotCreateAt(ReportPage, ChapterPage)
        self.assertCanNotCreateAt(StandardPage, HandbookPage)

    def test_singletons_cannot_be_added_twice(self):
        home = HomePage.objects.get()
        # PracticeIndexPage and ReportIndexPage exist already (migrations); max_count = 1
        self.assertFalse(PracticeIndexPage.can_create_at(home))
        self.assertFalse(ReportIndexPage.can_create_at(home))
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))


class PageTypesRouteAndRender(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.standard = StandardPage(title="O sieci", slug="o-sieci", introduction="Sieć związków ZIT.")
        cls.home.add_child(instance=cls.standard)
        cls.standard.save_revision().publish()
        cls.practice_index = PracticeIndexPage.objects.get()
        cls.practice = make_practice(title="Wspólna mapa usług", programme=FundingProgramme.objects.first())
        cls.handbook = make_handbook()
        cls.chapter = make_chapter(cls.handbook, title="Wprowadzenie")
        cls.section = make_chapter(cls.chapter, title="Cele podręcznika")
        cls.report_index = ReportIndexPage.objects.get()
        cls.report = make_report(
            recommendations=[{"text": "Utworzyć zespół.", "addressee": "Biuro ZIT"}],
            published_on=datetime.date(2026, 10, 1),
        )

    def pages(self):
        return [
            self.home,
            self.standard,
            self.practice_index,
            self.practice,
            self.handbook,
            self.chapter,
            self.section,
            self.report_index,
            self.report,
        ]

    def test_every_type_is_covered(self):
        self.assertEqual({type(page.specific) for page in self.pages()}, ALL)

    def test_routable_and_renderable_for_visitors(self):
        for page in self.pages():
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_handbook_sub_routes(self):
        self.assertPageIsRoutable(self.handbook, "druk/")
        self.assertPageIsRoutable(self.handbook, "pdf/")
        self.assertPageIsRenderable(self.handbook, "druk/")
        self.assertPageIsRenderable(self.handbook, "pdf/")
        with self.assertRaises(AssertionError):
            self.assertPageIsRoutable(self.handbook, "nie-ma-takiej/")

    def test_draft_is_not_routable(self):
        draft = make_chapter(self.handbook, title="Szkic", publish=False)
        with self.assertRaises(AssertionError):
            self.assertPageIsRoutable(draft)
        self.assertPageIsRenderable(draft, accept_404=True)


class FundingProgrammeSnippet(WagtailPageTestCase):
    def test_programmes_are_a_snippet_under_the_knowledge_menu(self):
        from django.urls import reverse
        from wagtail.snippets.models import get_snippet_models

        self.assertIn(FundingProgramme, get_snippet_models())
        self.assertTrue(reverse(FundingProgramme.snippet_viewset.get_url_name("list")).startswith("/admin/"))
