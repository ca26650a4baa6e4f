"""The handbook: numbering, outline, chapter and handbook pages, previous/next, editions, query counts."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from knowledge.handbook import (
    EditionError,
    bump_handbook_version,
    create_new_edition,
    current_edition,
    handbook_outline,
)
from knowledge.models import ChapterPage, HandbookPage
from tests.factories.knowledge import make_chapter, make_handbook

pytestmark = pytest.mark.django_db


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}, "id": str(uuid.uuid4())}


def paragraph(html):
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


@pytest.fixture
def book():
    handbook = make_handbook()
    one = make_chapter(handbook, title="Diagnoza obszaru")
    two = make_chapter(
        handbook,
        title="Planowanie strategiczne",
        summary="Jak przygotować strategię ZIT.",
        body=[heading("Cele strategii"), paragraph("<p>Tekst o celach.</p>"), heading("Wskaźniki", "h3")],
    )
    two_one = make_chapter(two, title="Partycypacja")
    two_one_one = make_chapter(two_one, title="Konsultacje społeczne")
    two_two = make_chapter(two, title="Monitorowanie")
    three = make_chapter(handbook, title="Współpraca ponadlokalna")
    return handbook, [one, two, two_one, two_one_one, two_two, three]


def test_outline_numbers_and_reading_order(book):
    handbook, chapters = book
    outline = handbook_outline(handbook)
    assert [(e.number, e.title) for e in outline.entries] == [
        ("1", "Diagnoza obszaru"),
        ("2", "Planowanie strategiczne"),
        ("2.1", "Partycypacja"),
        ("2.1.1", "Konsultacje społeczne"),
        ("2.2", "Monitorowanie"),
        ("3", "Współpraca ponadlokalna"),
    ]
    two = outline.get(chapters[1].pk)
    assert [c.number for c in two.children] == ["2.1", "2.2"]
    assert two.previous.title == "Diagnoza obszaru"
    assert two.next.title == "Partycypacja"
    assert outline.get(chapters[4].pk).previous.title == "Konsultacje społeczne"
    assert outline.entries[0].previous is None and outline.entries[-1].next is None
    assert [a.number for a in outline.get(chapters[3].pk).ancestors] == ["2", "2.1"]


def test_outline_is_one_query(book, django_assert_num_queries):
    handbook, _ = book
    with django_assert_num_queries(1):
        outline = handbook_outline(handbook, with_headings=True)
    assert [h.text for h in outline.entries[1].headings] == ["Cele strategii", "Wskaźniki"]


def test_drafts_are_not_numbered(book):
    handbook, chapters = book
    make_chapter(handbook, title="Szkic rozdziału", publish=False)
    chapters[2].unpublish()  # 2.1 and, with it, its section 2.1.1 leave the reading order
    outline = handbook_outline(handbook)
    assert [(e.number, e.title) for e in outline.entries] == [
        ("1", "Diagnoza obszaru"),
        ("2", "Planowanie strategiczne"),
        ("2.1", "Monitorowanie"),
        ("3", "Współpraca ponadlokalna"),
    ]


def test_chapter_page_shows_number_breadcrumbs_toc_and_neighbours(client, book):
    handbook, chapters = book
    response = client.get(chapters[1].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<span class="chapter__number">2.</span> Planowanie strategiczne</h1>' in html
    assert "Jak przygotować strategię ZIT." in html
    # own table of contents from heading blocks, with anchors the headings carry
    assert 'href="#s-cele-strategii"' in html and 'id="s-cele-strategii"' in html
    assert '<h3 id="s-wskazniki"' in html
    # breadcrumbs, subsections, previous/next
    assert f'<a href="{handbook.url}">{handbook.title}</a>' in html
    assert "2.1. Partycypacja" in html and "2.2. Monitorowanie" in html
    assert 'rel="prev"' in html and "1. Diagnoza obszaru" in html
    assert 'rel="next"' in html
    # the whole handbook's TOC marks the current chapter
    assert f'<a href="{chapters[1].url}" aria-current="page">' in html


def test_nested_chapter_breadcrumbs(client, book):
    _, chapters = book
    html = client.get(chapters[3].url).content.decode()
    assert "2.1.1.</span> Konsultacje społeczne" in html
    assert f'<a href="{chapters[1].url}">2. Planowanie strategiczne</a>' in html
    assert f'<a href="{chapters[2].url}">2.1. Partycypacja</a>' in html


def test_chapter_queries_do_not_grow_with_chapters(client, book, django_assert_max_num_queries):
    handbook, chapters = book
    client.get(chapters[1].url)  # warm the site root paths cache
    bump_handbook_version()  # measure a render, not a cache hit
    with django_assert_max_num_queries(13) as few:
        client.get(chapters[1].url)
    for n in range(15):
        make_chapter(handbook, title=f"Dodatkowy rozdział {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(chapters[1].url)
    assert "Dodatkowy rozdział 14" in response.content.decode()
    # a second anonymous visitor is answered from the full-page cache, before Wagtail's routing
    with django_assert_max_num_queries(0):
        assert "Dodatkowy rozdział 14" in client.get(chapters[1].url).content.decode()


def test_handbook_page_has_full_toc_and_links(client, book):
    handbook, chapters = book
    handbook.authors.create(name="Anna Nowak", affiliation="ZIT AKO", sort_order=0)
    handbook.save_revision().publish()
    html = client.get(handbook.url).content.decode()
    assert f"{handbook.edition} · " in html and '<time datetime="2026-06-01">' in html
    assert "Podręcznik dla pracowników związków ZIT." in html
    assert "Anna Nowak" in html
    assert f'href="{chapters[1].url}#s-cele-strategii"' in html
    assert "2.1.1.</span> Konsultacje społeczne" in html
    assert f'href="{handbook.url}druk/"' in html and f'href="{handbook.url}pdf/"' in html


def test_handbook_page_queries_are_bounded(client, book, django_assert_max_num_queries):
    handbook, _ = book
    client.get(handbook.url)
    bump_handbook_version()  # measure a render, not a cache hit
    with django_assert_max_num_queries(12) as few:
        client.get(handbook.url)
    for n in range(10):
        make_chapter(handbook, title=f"Dodatkowy rozdział {n}", body=[heading(f"Nagłówek {n}")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Nagłówek 9" in client.get(handbook.url).content.decode()


def test_draft_chapter_is_not_listed_or_readable(client, book):
    handbook, _ = book
    draft = make_chapter(handbook, title="Tajny szkic", publish=False)
    assert "Tajny szkic" not in client.get(handbook.url).content.decode()
    assert client.get(handbook.url + draft.slug + "/").status_code == 404


@pytest.fixture
def moderator(coordinator):
    coordinator.is_superuser = True
    coordinator.save()
    return coordinator


def test_new_edition_copies_chapters_as_draft_and_keeps_old_readable(client, book, moderator):
    handbook, chapters = book
    new = create_new_edition(
        handbook=handbook, edition="Wydanie 2", edition_date=datetime.date(2027, 3, 1), user=moderator
    )
    assert new.pk != handbook.pk and new.slug != handbook.slug
    assert (new.edition, new.edition_date, new.live) == ("Wydanie 2", datetime.date(2027, 3, 1), False)
    assert new.handbook_key == handbook.handbook_key
    copies = ChapterPage.objects.descendant_of(new).order_by("path")
    assert [c.title for c in copies] == [c.title for c in chapters]
    assert not any(c.live for c in copies)
    # the old edition stays current and readable while the new one is a draft
    assert current_edition(handbook).pk == handbook.pk
    assert client.get(handbook.url).status_code == 200
    assert client.get(chapters[0].url).status_code == 200
    assert 'class="edition-notice"' not in client.get(handbook.url).content.decode()

    for page in [new, *copies]:
        page.save_revision().publish()
    new.refresh_from_db()
    assert current_edition(handbook).pk == new.pk
    old_html = client.get(handbook.url).content.decode()
    assert 'class="edition-notice"' in old_html
    assert f'href="{new.url}"' in old_html
    chapter_html = client.get(chapters[0].url).content.decode()
    assert 'class="edition-notice"' in chapter_html and f'href="{new.url}"' in chapter_html
    assert 'class="edition-notice"' not in client.get(new.url).content.decode()
    assert HandbookPage.objects.live().filter(handbook_key=handbook.handbook_key).count() == 2


def test_new_edition_needs_a_name_and_permission(book, member):
    handbook, _ = book
    with pytest.raises(EditionError):
        create_new_edition(handbook=handbook, edition=" ", edition_date=datetime.date(2027, 1, 1), user=None)
    assert not Group.objects.filter(user=member).filter(name="Moderators").exists()
    with pytest.raises(EditionError):
        create_new_edition(
            handbook=handbook, edition="Wydanie 2", edition_date=datetime.date(2027, 1, 1), user=member
        )
    assert HandbookPage.objects.count() == 1


def test_cached_chapters_follow_publication_of_other_chapters(client, book):
    handbook, chapters = book
    assert "Współpraca ponadlokalna" in client.get(chapters[0].url).content.decode()
    chapters[5].title = "Współpraca międzygminna"
    chapters[5].save_revision().publish()
    html = client.get(chapters[0].url).content.decode()
    assert "Współpraca międzygminna" in html and "Współpraca ponadlokalna" not in html
    chapters[1].unpublish()
    html = client.get(chapters[0].url).content.decode()
    assert "Planowanie strategiczne" not in html
    assert "Planowanie strategiczne" not in client.get(handbook.url).content.decode()


def test_preview_of_a_draft_is_never_served_from_the_cache(client, rf, book):
    _, chapters = book
    chapter = chapters[0]
    assert "Diagnoza obszaru" in client.get(chapter.url).content.decode()  # now cached for visitors
    request = rf.get(chapter.url)
    request.user = AnonymousUser()
    request.is_preview = True  # what Wagtail's preview sets
    chapter.title = "Tytuł w podglądzie"
    html = chapter.serve(request).render().content.decode()
    assert "Tytuł w podglądzie" in html
