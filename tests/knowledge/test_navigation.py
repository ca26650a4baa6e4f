"""The main navigation reaches the knowledge libraries; /wiedza/podrecznik/ always leads to the current edition."""

import datetime

import pytest

from tests.factories.knowledge import make_handbook


@pytest.mark.django_db
def test_navigation_links_to_the_libraries_and_the_handbook(client):
    html = client.get("/").content.decode()
    for href in ('href="/dobre-praktyki/"', 'href="/wiedza/podrecznik/"', 'href="/raporty/"'):
        assert href in html


@pytest.mark.django_db
def test_current_handbook_is_the_newest_live_edition(client):
    first = make_handbook(edition="Wydanie 1", edition_date=datetime.date(2026, 1, 15))
    second = make_handbook(edition="Wydanie 2", edition_date=datetime.date(2026, 9, 1))
    response = client.get("/wiedza/podrecznik/")
    assert response.status_code == 302
    assert response["Location"] == second.url

    second.unpublish()
    assert client.get("/wiedza/podrecznik/")["Location"] == first.url


@pytest.mark.django_db
def test_without_a_handbook_the_address_is_not_found(client):
    assert client.get("/wiedza/podrecznik/").status_code == 404
