"""The print view and the whole-handbook PDF: content, TOC with page numbers, drafts left out, caching."""

import io
import time
import uuid

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from knowledge.handbook import handbook_outline, local_file_for, pdf_cache_key, pdf_filename
from tests.factories.knowledge import make_chapter, make_handbook

pytestmark = pytest.mark.django_db


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def book():
    handbook = make_handbook(title="Podręcznik zarządzania strategicznego", edition="Wydanie 1")
    handbook.authors.create(name="Żaneta Łukasiewicz", affiliation="ZIT AKO", sort_order=0)
    handbook.save_revision().publish()
    chapters = []
    for n, title in enumerate(
        ["Diagnoza obszaru", "Planowanie strategiczne", "Partycypacja", "Monitorowanie", "Ewaluacja"], 1
    ):
        chapters.append(
            make_chapter(
                handbook,
                title=title,
                summary=f"Streszczenie rozdziału {n}.",
                body=[
                    block("heading", {"text": f"Zakres rozdziału {n}", "level": "h2"}),
                    block("paragraph", f"<p>Treść rozdziału {n}: zażółć gęślą jaźń.</p>"),
                    block("glossary_term", {"term": "MOF", "definition": "Miejski obszar funkcjonalny."}),
                ],
            )
        )
    make_chapter(chapters[1], title="Cele i wskaźniki")
    return handbook, chapters


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_print_view_has_cover_toc_and_all_chapters_without_site_chrome(client, book):
    handbook, chapters = book
    response = client.get(handbook.url + "druk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Żaneta Łukasiewicz" in html and "Wydanie 1" in html
    assert "css/print.css" in html
    assert 'class="site-header"' not in html and 'class="main-nav"' not in html
    for n, chapter in enumerate(chapters, 1):
        assert f'<span class="print-chapter__number">{n}.</span> {chapter.title}</h2>' in html
        assert f"Treść rozdziału {n}" in html
        # TOC entries point at chapter and heading anchors that exist in the document
        assert f'href="#chapter-{chapter.pk}"' in html and f'id="chapter-{chapter.pk}"' in html
        assert f'href="#c{chapter.pk}-s-zakres-rozdzialu-{n}"' in html
        assert f'id="c{chapter.pk}-s-zakres-rozdzialu-{n}"' in html
    assert '<span class="print-chapter__number">2.1.</span> Cele i wskaźniki' in html


def test_print_view_leaves_out_drafts(client, book):
    handbook, chapters = book
    make_chapter(handbook, title="Rozdział w przygotowaniu", publish=False)
    chapters[0].body = [block("paragraph", "<p>Nieopublikowana poprawka.</p>")]
    chapters[0].save_revision()  # a draft revision of a live chapter: the published text stays
    html = client.get(handbook.url + "druk/").content.decode()
    assert "Rozdział w przygotowaniu" not in html
    assert "Nieopublikowana poprawka" not in html
    assert "Treść rozdziału 1" in html


def test_pdf_is_a_real_document_with_toc_and_chapters(client, book):
    handbook, chapters = book
    make_chapter(handbook, title="Szkic niepublikowany", publish=False)
    started = time.monotonic()
    response = client.get(handbook.url + "pdf/")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="podrecznik-zarzadzania-strategicznego-wydanie-1.pdf"'
    )
    content = response.content
    assert content.startswith(b"%PDF")
    pages, text = pdf_text(content)
    assert pages >= 7  # cover, table of contents, one page per chapter at least
    for chapter in chapters:
        assert text.count(chapter.title) >= 2  # in the table of contents and as the chapter title
    assert "2.1. Cele i wskaźniki" in text
    assert "zażółć gęślą jaźń" in text
    assert "Żaneta Łukasiewicz" in text
    assert "Szkic niepublikowany" not in text
    assert elapsed < 10


def test_pdf_toc_has_page_numbers_and_footer_counts_pages(client, book):
    handbook, _ = book
    reader = PdfReader(io.BytesIO(client.get(handbook.url + "pdf/").content))
    toc_lines = [" ".join(line.split()) for line in reader.pages[1].extract_text().splitlines()]
    # target-counter(): each TOC line ends with the page its chapter starts on (cover 1, TOC 2, then 3...)
    starts = {line.split(" .")[0]: line.rsplit(" ", 1)[-1] for line in toc_lines if " ..." in line}
    assert starts["1. Diagnoza obszaru"] == "3"
    assert starts["2. Planowanie strategiczne"] == "4"
    assert starts["2.1. Cele i wskaźniki"] == "5"
    assert starts["5. Ewaluacja"] == "8"
    total = len(reader.pages)
    assert total == 8
    assert "3 / 8" in reader.pages[2].extract_text()


def test_pdf_is_cached_until_a_page_is_published(client, book):
    handbook, chapters = book
    handbook.refresh_from_db()
    first = client.get(handbook.url + "pdf/").content
    key = pdf_cache_key(handbook, handbook_outline(handbook))
    assert cache.get(key) == first
    started = time.monotonic()
    assert client.get(handbook.url + "pdf/").content == first
    assert time.monotonic() - started < 1

    chapters[2].title = "Partycypacja mieszkańców"
    chapters[2].save_revision().publish()
    assert pdf_cache_key(handbook, handbook_outline(handbook)) != key
    _, text = pdf_text(client.get(handbook.url + "pdf/").content)
    assert "Partycypacja mieszkańców" in text


def test_draft_handbook_print_and_pdf_are_404_for_visitors(client, book):
    handbook, _ = book
    handbook.unpublish()
    assert client.get(handbook.url + "pdf/").status_code == 404
    assert client.get(handbook.url + "druk/").status_code == 404


def test_fetcher_serves_only_local_static_files():
    assert local_file_for("http://testserver/static/css/print.css").name == "print.css"
    assert local_file_for("https://example.com/evil.css") is None
    assert local_file_for("http://testserver/static/../../etc/passwd") is None
    assert local_file_for("file:///etc/passwd") is None


def test_pdf_filename_is_ascii(book):
    handbook, _ = book
    handbook.title, handbook.edition = "Łódzki podręcznik żółwia", "Wydanie 2 — 2027"
    assert pdf_filename(handbook) == "lodzki-podrecznik-zolwia-wydanie-2-2027.pdf"
