"""The Wagtail admin's "New edition" action on a handbook: coordinators (Moderators) only, a draft copy results."""

import datetime

import pytest
from django.urls import reverse

from knowledge.models import ChapterPage, HandbookPage
from tests.factories.knowledge import make_chapter, make_handbook, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook():
    book = make_handbook(edition="Wydanie 1")
    make_chapter(book, title="Strategia ZIT")
    return book


def test_coordinator_starts_a_new_edition_from_the_editor(client_for, coordinator, handbook):
    make_moderator(coordinator)
    client = client_for(coordinator)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[handbook.pk])).content.decode()
    url = reverse("knowledge_new_edition", args=[handbook.pk])
    assert url in edit_page

    assert client.get(url).status_code == 200
    response = client.post(url, {"edition": "Wydanie 2 (2027)", "edition_date": "2027-03-01"})
    copy = HandbookPage.objects.exclude(pk=handbook.pk).get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert (copy.edition, copy.edition_date, copy.live) == (
        "Wydanie 2 (2027)",
        datetime.date(2027, 3, 1),
        False,
    )
    assert ChapterPage.objects.child_of(copy).get().title == "Strategia ZIT"
    handbook.refresh_from_db()
    assert handbook.live and handbook.edition == "Wydanie 1"


def test_a_new_edition_needs_a_name_and_a_date(client_for, coordinator, handbook):
    make_moderator(coordinator)
    response = client_for(coordinator).post(
        reverse("knowledge_new_edition", args=[handbook.pk]), {"edition": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"edition", "edition_date"}
    assert HandbookPage.objects.count() == 1


def test_others_cannot_start_an_edition(client_for, member, handbook):
    response = client_for(member).get(reverse("knowledge_new_edition", args=[handbook.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert HandbookPage.objects.count() == 1
