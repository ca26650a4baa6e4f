"""The Forum report as a document and as files: numbering, the HTML page, the PDF and the DOCX, and who may
download them."""

import re
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from peer_review import document as report_document
from peer_review import exports
from peer_review.enums import CyclePhase, SectionKind
from peer_review.models import Report
from tests.factories.peer_review_report import ReportSectionFactory, report_world

pytestmark = pytest.mark.django_db


def login(person) -> Client:
    client = Client()
    client.force_login(person)
    session = client.session
    session["zitnet_2fa_ok"] = True  # coordinators' second factor, as after a TOTP sign-in
    session.save()
    return client


def polish(msgid: str) -> str:
    with override("pl"):
        return gettext(msgid)


def url(name: str, world) -> str:
    return reverse(f"peer_review:{name}", args=[world.cycle.slug])


def docx_of(world) -> Document:
    built = report_document.build(world.cycle)
    return Document(BytesIO(exports.to_docx(built, base_url="https://zitnet.example/")))


def headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


class Outline(HTMLParser):
    """Headings, ids, links, tables and text of an HTML page."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.captions = 0
        self.tables = 0
        self.header_cells_without_scope = 0
        self.scripts = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "th" and "scope" not in attrs:
            self.header_cells_without_scope += 1
        if tag == "script":
            self.scripts += 1


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


# --- the document -----------------------------------------------------------------------------------------


def test_sections_are_numbered_with_challenges_under_their_host_and_recommendations_across_the_report(
    django_assert_max_num_queries,
):
    world = report_world(hosts=2, challenges_per_host=2, recommendations_per_challenge=2)
    with django_assert_max_num_queries(5):
        built = report_document.build(world.cycle)
        numbers = [(s.label, s.title) for s in built.sections]
    assert numbers == [
        ("1.", "Wprowadzenie"),
        ("2.", "Gospodarz: Związek ZIT gospodarz 1"),
        ("2.1", "Wyzwanie 1: gospodarz 1"),
        ("2.2", "Wyzwanie 2: gospodarz 1"),
        ("3.", "Gospodarz: Związek ZIT gospodarz 2"),
        ("3.1", "Wyzwanie 3: gospodarz 2"),
        ("3.2", "Wyzwanie 4: gospodarz 2"),
        ("4.", "Uczestnictwo"),
    ]
    assert [(r.label, r.text) for r in built.recommendations] == [
        (f"R{n + 1}", f"Rekomendacja {n % 2 + 1} do wyzwania {n // 2 + 1}.") for n in range(8)
    ]
    challenge_sections = [s for s in built.sections if s.kind == SectionKind.CHALLENGE]
    assert [[r.label for r in s.recommendations] for s in challenge_sections] == [
        ["R1", "R2"],
        ["R3", "R4"],
        ["R5", "R6"],
        ["R7", "R8"],
    ]
    assert [h.name for h in built.hosts] == ["Związek ZIT gospodarz 1", "Związek ZIT gospodarz 2"]


def test_recommendations_follow_the_order_of_the_sections_not_of_the_challenges():
    world = report_world(hosts=1, challenges_per_host=2, recommendations_per_challenge=1)
    first, second = [s for s in world.sections if s.kind == SectionKind.CHALLENGE]
    first.position, second.position = second.position, first.position
    first.save()
    second.save()
    built = report_document.build(world.cycle)
    assert [(r.label, r.challenge.pk) for r in built.recommendations] == [
        ("R1", second.challenge_id),
        ("R2", first.challenge_id),
    ]


def test_no_document_before_the_report_is_assembled():
    world = report_world(with_report=False)
    assert report_document.build(world.cycle) is None


# --- HTML -------------------------------------------------------------------------------------------------


def test_html_is_a_polish_page_with_a_toc_of_anchors_headings_in_order_and_captioned_tables():
    world = report_world()
    html = exports.to_html(report_document.build(world.cycle))
    page = outline(html)
    assert page.lang == "pl"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False))
    assert page.links and set(page.links) <= page.ids
    assert len(page.links) == len(world.sections)
    assert page.tables == page.captions == 4  # one recommendations table per challenge
    assert page.header_cells_without_scope == 0
    assert page.scripts == 0
    assert polish("Table of contents") in html
    assert '<th scope="row" class="report-recommendations__number">R1</th>' in html
    assert "<title>Raport: Forum Oceny i Współpracy 2026</title>" in html


def test_html_escapes_script_and_markup_in_titles_sections_and_recommendations():
    world = report_world(hosts=1, challenges_per_host=1, recommendations_per_challenge=1)
    section = world.sections[-1]
    section.title = "<b>Uczestnictwo</b>"
    section.body = "Tekst <script>alert('x')</script> i **pogrubienie**\n\n<img src=x onerror=alert(1)>"
    section.save()
    world.recommendations[0].text = "<script>alert(2)</script>"
    world.recommendations[0].save()
    html = exports.to_html(report_document.build(world.cycle))
    assert "<script" not in html
    assert "<img" not in html
    assert "Tekst &lt;script&gt;alert('x')&lt;/script&gt; i" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b&gt;Uczestnictwo&lt;/b&gt;" in html
    assert "<strong>pogrubienie</strong>" in html


def test_raport_html_is_served_inline_to_the_coordinator_with_links_to_the_files():
    world = report_world()
    response = login(world.coordinator).get(url("report_html", world))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"] == f'inline; filename="raport-{world.cycle.slug}.html"'
    html = response.content.decode()
    assert f'href="{url("report_pdf", world)}"' in html
    assert f'href="{url("report_docx", world)}"' in html
    assert "css/report-print.css" in html
    assert polish("Working version of the report: not published.") in html


def test_html_of_a_big_report_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    world = report_world(hosts=3, challenges_per_host=3, recommendations_per_challenge=4)
    client = login(world.coordinator)
    with django_assert_max_num_queries(16):  # session, user, roles, cycle and the document's 5
        response = client.get(url("report_html", world))
    assert response.content.decode().count('scope="row"') == 36


# --- who may download -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report_html", "report_pdf", "report_docx"])
def test_draft_is_for_coordinators_experts_and_hosts_only(name):
    world = report_world(hosts=1, challenges_per_host=1)
    assert login(world.coordinator).get(url(name, world)).status_code == 200
    assert login(world.experts[0]).get(url(name, world)).status_code == 200
    assert login(world.host_coordinators[0]).get(url(name, world)).status_code == 200
    assert login(world.observer).get(url(name, world)).status_code == 404
    assert Client().get(url(name, world)).status_code == 404


def test_observers_and_visitors_get_the_report_once_published():
    world = report_world(phase=CyclePhase.HOST_REVIEW, hosts=1, challenges_per_host=1)
    assert login(world.observer).get(url("report_html", world)).status_code == 404
    world.cycle.phase = CyclePhase.PUBLISHED
    world.cycle.save()
    assert login(world.observer).get(url("report_html", world)).status_code == 200
    html = Client().get(url("report_html", world)).content.decode()
    assert polish("Working version of the report: not published.") not in html


@pytest.mark.parametrize("name", ["report_html", "report_pdf", "report_docx"])
def test_published_report_is_public(name):
    world = report_world(phase=CyclePhase.PUBLISHED, hosts=1, challenges_per_host=1)
    response = Client().get(url(name, world))
    assert response.status_code == 200
    assert f"raport-{world.cycle.slug}." in response["Content-Disposition"]


def test_draft_cycle_does_not_exist_for_the_public():
    world = report_world(phase=CyclePhase.DRAFT, hosts=1, challenges_per_host=1)
    assert Client().get(url("report_pdf", world)).status_code == 404


def test_report_not_assembled_is_a_404_page_that_says_so():
    world = report_world(with_report=False)
    response = login(world.coordinator).get(url("report_docx", world))
    assert response.status_code == 404
    assert polish("The report is not ready yet") in response.content.decode()
    # Those who could not see the draft learn nothing more than "not found".
    anonymous = Client().get(url("report_docx", world))
    assert anonymous.status_code == 404
    assert polish("The report is not ready yet") not in anonymous.content.decode()


def test_unknown_cycle_is_404():
    world = report_world(with_report=False, hosts=1, challenges_per_host=1)
    response = login(world.coordinator).get(reverse("peer_review:report_pdf", args=["nie-ma-takiego"]))
    assert response.status_code == 404


# --- PDF --------------------------------------------------------------------------------------------------


def test_pdf_has_the_title_the_numbered_headings_the_toc_and_the_recommendations():
    world = report_world(hosts=1, challenges_per_host=2, recommendations_per_challenge=2)
    response = login(world.coordinator).get(url("report_pdf", world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="raport-{world.cycle.slug}.pdf"'
    reader = PdfReader(BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Raport: Forum Oceny i Współpracy 2026" in text
    assert polish("Table of contents") in text
    for heading in ["1. Wprowadzenie", "2.1 Wyzwanie 1: gospodarz 1", "2.2 Wyzwanie 2: gospodarz 1"]:
        assert heading in text
    for label in ["R1", "R2", "R3", "R4"]:
        assert label in text
    assert reader.metadata.title == "Raport: Forum Oceny i Współpracy 2026"
    # Page numbers in the footer: "n / total" on the pages after the cover.
    assert f"2 / {len(reader.pages)}" in reader.pages[1].extract_text()


# --- DOCX -------------------------------------------------------------------------------------------------


def test_docx_has_headings_in_order_with_heading_styles():
    world = report_world(hosts=1, challenges_per_host=2, recommendations_per_challenge=1)
    doc = docx_of(world)
    assert headings(doc) == [
        ("Title", "Raport: Forum Oceny i Współpracy 2026"),
        ("Heading 1", "1. Wprowadzenie"),
        ("Heading 1", "2. Gospodarz: Związek ZIT gospodarz 1"),
        ("Heading 2", "2.1 Wyzwanie 1: gospodarz 1"),
        ("Heading 2", "2.2 Wyzwanie 2: gospodarz 1"),
        ("Heading 1", "3. Uczestnictwo"),
    ]


def test_docx_has_a_toc_field_with_a_polish_hint_and_core_properties():
    world = report_world(hosts=1, challenges_per_host=1)
    doc = docx_of(world)
    body = doc.element.body
    instructions = [el.text for el in body.iter(qn("w:instrText"))]
    assert any('TOC \\o "1-3" \\h \\z \\u' in text for text in instructions)
    kinds = [el.get(qn("w:fldCharType")) for el in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    assert any(p.text == polish("Right-click to update the table of contents.") for p in doc.paragraphs)
    props = doc.core_properties
    assert props.title == "Raport: Forum Oceny i Współpracy 2026"
    assert props.author == "ZITnet"
    assert props.language == "pl-PL"


def test_docx_recommendations_are_numbered_tables_with_a_row_each():
    world = report_world(hosts=2, challenges_per_host=2, recommendations_per_challenge=3)
    doc = docx_of(world)
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == polish("No.")]
    assert len(tables) == 4
    rows = [row for table in tables for row in table.rows[1:]]
    assert len(rows) == len(world.recommendations) == 12
    assert [row.cells[0].text for row in rows] == [f"R{n}" for n in range(1, 13)]
    first = rows[0].cells
    assert [c.text for c in first[1:]] == [
        "Rekomendacja 1 do wyzwania 1.",
        "Zarząd związku ZIT",
        "do końca 2027 r.",
        polish_priority("High"),
    ]


def polish_priority(label: str) -> str:
    from django.utils.translation import pgettext

    with override("pl"):
        return pgettext("priority", label)


MARKDOWN = """Wstęp z **pogrubieniem**, *kursywą* i [odnośnikiem](https://example.org/dokument).
Zobacz też [stronę praktyki](/dobre-praktyki/kooperacja/).

<script>alert("x")</script>

- pierwszy punkt
- drugi punkt

1. krok pierwszy
2. krok drugi

Między listami.

1. znów od jedynki

| Gmina | Liczba usług |
|---|---|
| Kalisz | **12** |
| Ostrów | 7 |

# Nagłówek w treści
"""


def test_docx_converts_markdown_to_word_paragraphs_lists_links_and_tables():
    world = report_world(hosts=1, challenges_per_host=1, recommendations_per_challenge=0)
    world.sections[0].body = MARKDOWN
    world.sections[0].save()
    doc = docx_of(world)
    paragraphs = doc.paragraphs
    intro = next(p for p in paragraphs if p.text.startswith("Wstęp z"))
    assert [r.text for r in intro.runs if r.bold] == ["pogrubieniem"]
    assert [r.text for r in intro.runs if r.italic] == ["kursywą"]
    # Links are real hyperlinks; a link within the site is made absolute.
    assert [link.address for link in intro.hyperlinks] == [
        "https://example.org/dokument",
        "https://zitnet.example/dobre-praktyki/kooperacja/",
    ]
    assert "odnośnikiem" in intro.text
    # Raw HTML stays text.
    assert any(p.text == '<script>alert("x")</script>' for p in paragraphs)
    styles = [(p.style.name, p.text) for p in paragraphs]
    assert ("List Bullet", "pierwszy punkt") in styles
    assert ("List Bullet", "drugi punkt") in styles
    assert ("List Number", "krok pierwszy") in styles
    assert ("List Number", "znów od jedynki") in styles
    # Each numbered list restarts at 1: its own numbering instance.
    num_ids = {p.text: p._p.pPr.numPr.numId.val for p in paragraphs if p.style.name == "List Number"}
    assert num_ids["krok pierwszy"] == num_ids["krok drugi"] != num_ids["znów od jedynki"]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Gmina")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Gmina", "Liczba usług"],
        ["Kalisz", "12"],
        ["Ostrów", "7"],
    ]
    assert ("Heading 2", "Nagłówek w treści") in styles


def test_docx_survives_control_characters_and_a_huge_section():
    world = report_world(hosts=1, challenges_per_host=1)
    world.sections[0].body = "Znak sterujący \x07 w tekście.\n\n" + ("Długi akapit. " * 4000)
    world.sections[0].title = "Tytuł \x0b z pionowym tabulatorem"
    world.sections[0].save()
    response = login(world.coordinator).get(url("report_docx", world))
    assert response.status_code == 200
    doc = Document(BytesIO(response.content))
    assert ("Heading 1", "1. Tytuł  z pionowym tabulatorem") in headings(doc)
    assert any(p.text == "Znak sterujący  w tekście." for p in doc.paragraphs)


def test_docx_download_has_its_file_name():
    world = report_world(hosts=1, challenges_per_host=1)
    response = login(world.coordinator).get(url("report_docx", world))
    assert response["Content-Disposition"] == f'attachment; filename="raport-{world.cycle.slug}.docx"'
    assert response["Content-Type"] == exports_docx_type()


def exports_docx_type() -> str:
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_report_without_sections_still_exports():
    world = report_world(hosts=1, challenges_per_host=1, with_report=False)
    Report.objects.create(cycle=world.cycle, title="Pusty raport")
    client = login(world.coordinator)
    for name in ["report_html", "report_pdf", "report_docx"]:
        assert client.get(url(name, world)).status_code == 200


def test_section_factory_default_is_an_introduction():
    # Guards the factory the tests above rely on.
    assert ReportSectionFactory().kind == SectionKind.INTRODUCTION


# --- the benchmark cycle ----------------------------------------------------------------------------------


def test_scale_cycle_has_the_issues_figures_is_built_once_and_exports():
    from io import StringIO

    from peer_review.enums import ApplicationStatus, ChallengeState, FindingState
    from peer_review.models import AssignedPair, Finding, Recommendation
    from peer_review.scale import SLUG, seed_forum_report_scale

    cycle = seed_forum_report_scale(StringIO())
    assert cycle.slug == SLUG and cycle.phase == CyclePhase.REPORT_DRAFTING
    assert cycle.hosts.count() == 3
    assert cycle.challenges.filter(state=ChallengeState.APPROVED).count() == 9
    assert cycle.applications.filter(status=ApplicationStatus.ACCEPTED).count() == 60
    per_challenge = [
        AssignedPair.objects.filter(run=cycle.published_run, challenge=c).count()
        for c in cycle.challenges.all()
    ]
    assert min(per_challenge) >= 4 and max(per_challenge) <= 8
    findings = Finding.objects.filter(challenge__cycle=cycle, state=FindingState.SUBMITTED)
    assert findings.count() == 300
    assert len(set(findings.values_list("kind", flat=True))) == 4
    assert findings.values("text").distinct().count() > 250  # varied text
    recommendations = Recommendation.objects.filter(challenge__cycle=cycle)
    assert recommendations.count() == 30
    assert all(r.sources.exists() for r in recommendations)

    out = StringIO()
    assert seed_forum_report_scale(out).pk == cycle.pk
    assert "already there" in out.getvalue()
    assert Finding.objects.filter(challenge__cycle=cycle).count() == 300

    built = report_document.build(cycle)
    assert len(built.recommendations) == 30
    assert [r.label for r in built.recommendations][-1] == "R30"
    doc = Document(BytesIO(exports.to_docx(built)))
    assert sum(len(t.rows) - 1 for t in doc.tables if t.rows[0].cells[0].text == polish("No.")) == 30


def test_files_are_made_again_when_a_section_or_a_recommendation_changes():
    world = report_world(hosts=1, challenges_per_host=1, recommendations_per_challenge=1)
    client = login(world.coordinator)

    def docx_text() -> str:
        doc = Document(BytesIO(client.get(url("report_docx", world)).content))
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)

    def pdf_text() -> str:
        reader = PdfReader(BytesIO(client.get(url("report_pdf", world)).content))
        return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))

    assert "O cyklu i metodzie." in docx_text() and "O cyklu i metodzie." in pdf_text()
    section = world.sections[0]
    section.body = "Nowy tekst wprowadzenia."
    section.version += 1
    section.save()
    assert "Nowy tekst wprowadzenia." in docx_text() and "Nowy tekst wprowadzenia." in pdf_text()
    recommendation = world.recommendations[0]
    recommendation.addressee = "Rada gmin MOF"
    recommendation.save()
    assert "Rada gmin MOF" in docx_text() and "Rada gmin MOF" in pdf_text()
