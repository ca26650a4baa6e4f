"""Every block renders hostile stored data inert: no script, no event handler, no javascript: URL.

Stream data is written raw (as an API or an import would store it), bypassing the editor's form validation."""

import json
import uuid
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from wagtail.documents.models import Document

from knowledge.models import ChapterPage, HandbookPage, PracticePage
from tests.factories.knowledge import make_chapter, make_handbook, make_practice, make_report

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
RICH = (
    f"<p>Bezpieczny tekst {SCRIPT}<img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(2)">js2</a>'
    '<a href="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">data</a>'
    '<a href="https://example.org/" onclick="alert(4)">ok</a>'
    '<svg onload=alert(5)></svg><iframe src="javascript:alert(6)"></iframe>'
    '<b style="x" onmouseover="alert(7)">b</b></p>'
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class ExecutableFinder(HTMLParser):
    """Collects anything a browser would execute: inline scripts, on* handlers, script URLs."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed"}:
            src = dict(attrs).get("src") or ""
            if not (tag == "script" and src.startswith("/static/")):
                self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES:
                compact = "".join(ch for ch in (value or "") if ch > " ").lower()
                if compact.startswith(BAD_SCHEMES):
                    self.found.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag


def executable(html: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(html)
    return finder.found


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def hostile_practice():
    return make_practice(title=f"Praktyka {SCRIPT}", lead=f'<img src=x onerror="alert(1)"> {SCRIPT}')


@pytest.fixture
def hostile_document():
    document = Document(title=f"Szablon {SCRIPT}")
    document.file.save("szablon.docx", ContentFile(b"PK\x03\x04 docx" * 300), save=False)
    document.file_size = document.file.size  # what Wagtail's upload form records
    document.save()
    return document


def hostile_blocks(practice_id, document_id) -> dict:
    """One stored block of each type of BaseStreamBlock, every text field hostile."""
    return {
        "heading": block(
            "heading", {"text": SCRIPT + "<img src=x onerror=alert(1)>", "level": 'h2" onclick="x'}
        ),
        "paragraph": block("paragraph", RICH),
        "recommendation": block(
            "recommendation",
            {"text": RICH, "addressee": SCRIPT, "priority": '"><script>alert(1)</script>', "source": SCRIPT},
        ),
        "case_study": block("case_study", {"practice": practice_id, "comment": SCRIPT}),
        "checklist": block(
            "checklist", {"title": SCRIPT, "items": [item(SCRIPT), item("javascript:alert(1)")]}
        ),
        "indicator_table": block(
            "indicator_table",
            {
                "title": SCRIPT,
                "rows": [
                    item(dict.fromkeys(("name", "unit", "baseline", "target", "source"), SCRIPT)),
                ],
            },
        ),
        "template_download": block(
            "template_download", {"title": SCRIPT, "document": document_id, "description": SCRIPT}
        ),
        "procedure": block("procedure", {"title": SCRIPT, "steps": [item({"title": SCRIPT, "text": RICH})]}),
        "callout": block("callout", {"kind": '"><script>alert(1)</script>', "title": SCRIPT, "text": RICH}),
        "glossary_term": block("glossary_term", {"term": SCRIPT, "definition": SCRIPT}),
    }


def chapter_with(body) -> ChapterPage:
    handbook = make_handbook()
    chapter = make_chapter(handbook, title="Rozdział")
    # Straight to the row, as an import would: no form, no block validation.
    ChapterPage.objects.filter(pk=chapter.pk).update(body=json.dumps(body))
    return ChapterPage.objects.get(pk=chapter.pk)


@pytest.mark.parametrize(
    "kind",
    [
        "heading",
        "paragraph",
        "recommendation",
        "case_study",
        "checklist",
        "indicator_table",
        "template_download",
        "procedure",
        "callout",
        "glossary_term",
    ],
)
def test_block_renders_hostile_data_inert(client, kind, hostile_practice, hostile_document):
    chapter = chapter_with([hostile_blocks(hostile_practice.pk, hostile_document.pk)[kind]])
    for url in (chapter.url, chapter.get_parent().url + "druk/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert executable(html) == [], (kind, url)
        assert "&lt;script&gt;" in html or "Bezpieczny tekst" in html  # the text is there, escaped or cleaned


def test_hostile_heading_still_links_from_the_tocs(client):
    chapter = chapter_with([block("heading", {"text": SCRIPT, "level": "h2"})])
    html = client.get(chapter.get_parent().url).content.decode()
    assert executable(html) == []
    assert f'href="{chapter.url}#s-scriptalertxscript"' in html


def test_rich_text_keeps_safe_markup(client):
    chapter = chapter_with([block("paragraph", RICH)])
    html = client.get(chapter.url).content.decode()
    assert '<a href="https://example.org/" rel="noopener noreferrer">ok</a>' in html
    assert "<b>b</b>" in html


def test_case_study_renders_the_practice_as_a_card(client, hostile_practice):
    practice = make_practice(title="Wspólna mapa usług społecznych")
    chapter = chapter_with([block("case_study", {"practice": practice.pk, "comment": "Dobry przykład."})])
    html = client.get(chapter.url).content.decode()
    assert 'class="practice-card' in html
    assert f'href="{practice.url}"' in html and "Wspólna mapa usług społecznych" in html
    assert "Dobry przykład." in html


@pytest.mark.parametrize("state", ["deleted", "unpublished"])
def test_case_study_copes_with_a_missing_practice(client, state):
    practice = make_practice(title="Praktyka, która zniknie")
    chapter = chapter_with([block("case_study", {"practice": practice.pk, "comment": "Komentarz."})])
    if state == "deleted":
        practice.delete()
    else:
        practice.unpublish()
    response = client.get(chapter.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Praktyka, która zniknie" not in html
    assert 'class="block-case-study__missing"' in html
    assert "Komentarz." in html


def test_template_download_shows_file_type_and_size(client, hostile_document):
    chapter = chapter_with(
        [block("template_download", {"title": "Wzór", "document": hostile_document.pk, "description": ""})]
    )
    html = client.get(chapter.url).content.decode()
    assert f'href="{hostile_document.url}"' in html
    meta = html.split('class="block-download__meta">')[1].split("</span>")[0]
    assert meta.startswith("(DOCX, 2") and "KB" in meta


def test_indicator_table_and_glossary_markup(client):
    chapter = chapter_with(
        [
            block(
                "indicator_table",
                {
                    "title": "Wskaźniki",
                    "rows": [
                        item(
                            {
                                "name": "Liczba usług",
                                "unit": "szt.",
                                "baseline": "3",
                                "target": "10",
                                "source": "GUS",
                            }
                        )
                    ],
                },
            ),
            block("glossary_term", {"term": "MOF", "definition": "Miejski obszar funkcjonalny."}),
            block(
                "procedure",
                {"title": "Kroki", "steps": [item({"title": "Krok pierwszy", "text": "<p>A</p>"})]},
            ),
            block("checklist", {"title": "Lista", "items": [item("Punkt")]}),
            block("callout", {"kind": "warning", "title": "Uwaga", "text": "<p>Ważne.</p>"}),
        ]
    )
    html = client.get(chapter.url).content.decode()
    assert "<caption>Wskaźniki</caption>" in html
    assert '<th scope="col">' in html and '<th scope="row">Liczba usług</th>' in html
    assert "<dt>MOF</dt>" in html
    assert '<ol class="block-procedure__steps">' in html
    assert '<ul class="block-checklist__items">' in html and "<input" not in html.split("chapter__body")[1]
    assert '<aside class="block-callout block-callout--warning"' in html


def test_report_section_renders_hostile_data_inert(client):
    report = make_report(
        recommendations=[
            {"text": SCRIPT, "addressee": SCRIPT, "challenge": SCRIPT, "challenge_url": "javascript:alert(1)"}
        ]
    )
    type(report).objects.filter(pk=report.pk).update(
        sections=json.dumps([block("section", {"title": SCRIPT, "body": RICH})]),
        summary=SCRIPT,
    )
    html = client.get(report.url).content.decode()
    assert executable(html) == []
    assert "Bezpieczny tekst" in html and "&lt;script&gt;" in html


def test_page_rich_text_fields_are_sanitised(client):
    practice = make_practice(title="Praktyka", problem=RICH, solution=RICH, results=RICH)
    html = client.get(practice.url).content.decode()
    assert executable(html) == []
    assert "Bezpieczny tekst" in html

    handbook = make_handbook()
    HandbookPage.objects.filter(pk=handbook.pk).update(introduction=RICH)
    for url in (handbook.url, handbook.url + "druk/"):
        html = client.get(url).content.decode()
        assert executable(html) == []
        assert "Bezpieczny tekst" in html
    assert PracticePage.objects.get(pk=practice.pk).problem == RICH  # cleaned on the way out, stored as is


def test_safe_richtext_filter_directly():
    html = Template("{% load knowledge_tags %}{{ value|safe_richtext }}").render(Context({"value": RICH}))
    assert executable(html) == []
    assert "Bezpieczny tekst" in html


def test_the_checker_catches_what_it_should():
    assert executable('<a href=" javascript:x">') and executable("<img onerror=x>") and executable("<script>")
    assert executable('<script src="/static/js/a.js"></script>') == []
