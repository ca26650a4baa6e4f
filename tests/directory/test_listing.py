"""The directory list and map: combinable filters in the URL, radius, sorting, bad input, query bounds."""

import pytest
from django.urls import reverse

from tests.factories import CooperationEntryFactory, MembershipFactory, OrganisationFactory, ServiceFactory
from zitnet.directory.enums import OrganisationKind, ServiceCategory, VerificationStatus, Voivodeship
from zitnet.directory.geocoding import geocode

pytestmark = pytest.mark.django_db

LIST = reverse("directory:list")


def names(response) -> list[str]:
    return [org.name for org in response.context["page_obj"].object_list]


@pytest.fixture
def world(db):
    walbrzych = geocode("Wałbrzych")
    swidnica = geocode("Świdnica")
    krakow = geocode("Kraków")
    zit_aw = OrganisationFactory(
        name="ZIT Aglomeracji Wałbrzyskiej",
        slug="zit-aw",
        voivodeship=Voivodeship.DOLNOSLASKIE,
        latitude=walbrzych.latitude,
        longitude=walbrzych.longitude,
        is_new_zit_association=False,
    )
    ops = OrganisationFactory(
        name="Ośrodek Pomocy Społecznej w Świdnicy",
        slug="ops-swidnica",
        kind=OrganisationKind.OPS,
        voivodeship=Voivodeship.DOLNOSLASKIE,
        county="świdnicki",
        latitude=swidnica.latitude,
        longitude=swidnica.longitude,
        verification_status=VerificationStatus.VERIFIED,
    )
    ops.associations.add(zit_aw)
    ops.expertise.add("deinstytucjonalizacja")
    ServiceFactory(organisation=ops, name="Dzienny dom pobytu", category=ServiceCategory.CARE)
    CooperationEntryFactory(organisation=ops, title="Wizyta studyjna: DI w Świdnicy")
    cal = OrganisationFactory(
        name="Centrum Aktywności Lokalnej Nowa Huta",
        slug="cal-nowa-huta",
        kind=OrganisationKind.CAL,
        voivodeship=Voivodeship.MALOPOLSKIE,
        county="Kraków",
        latitude=krakow.latitude,
        longitude=krakow.longitude,
    )
    cal.expertise.add("CAL")
    new_zit = OrganisationFactory(
        name="Żnińskie ZIT",
        slug="znin",
        voivodeship=Voivodeship.KUJAWSKO_POMORSKIE,
        is_new_zit_association=True,
    )
    return {"zit_aw": zit_aw, "ops": ops, "cal": cal, "new": new_zit}


def test_filters_combine_and_live_in_the_url(client, world):
    response = client.get(LIST, {"voivodeship": "02", "kind": "ops", "has_offers": "on"})
    assert response.status_code == 200
    assert names(response) == ["Ośrodek Pomocy Społecznej w Świdnicy"]

    # Each filter on its own.
    assert names(client.get(LIST, {"expertise": "cal"})) == ["Centrum Aktywności Lokalnej Nowa Huta"]
    assert names(client.get(LIST, {"service_category": "care"})) == ["Ośrodek Pomocy Społecznej w Świdnicy"]
    assert names(client.get(LIST, {"new_association": "on"})) == ["Żnińskie ZIT"]
    assert names(client.get(LIST, {"county": "powiat świdnicki"})) == ["Ośrodek Pomocy Społecznej w Świdnicy"]
    assert names(client.get(LIST, {"verified": "on"})) == ["Ośrodek Pomocy Społecznej w Świdnicy"]
    # An association filter lists the association and its member bodies.
    assert sorted(names(client.get(LIST, {"association": "zit-aw"}))) == [
        "Ośrodek Pomocy Społecznej w Świdnicy",
        "ZIT Aglomeracji Wałbrzyskiej",
    ]
    # The export and map links carry the same filters.
    content = response.content.decode()
    assert "eksport.csv?voivodeship=02&amp;kind=ops&amp;has_offers=on" in content
    assert "mapa/?voivodeship=02&amp;kind=ops&amp;has_offers=on" in content


def test_radius_around_a_town_sorts_by_distance(client, world):
    response = client.get(LIST, {"near": "Walbrzych", "radius": "30"})
    assert response.status_code == 200
    rows = response.context["page_obj"].object_list
    assert [org.name for org in rows] == [
        "ZIT Aglomeracji Wałbrzyskiej",
        "Ośrodek Pomocy Społecznej w Świdnicy",
    ]
    assert rows[0].distance_km < 1 < rows[1].distance_km < 30
    assert "Nowa Huta" not in response.content.decode()


def test_polish_alphabetical_order(client, db):
    for name in ["Żory", "Zabrze", "Łódź", "Lublin", "Śrem", "Sopot", "Ełk"]:
        OrganisationFactory(name=name)
    assert names(client.get(LIST)) == ["Ełk", "Lublin", "Łódź", "Sopot", "Śrem", "Zabrze", "Żory"]
    assert names(client.get(LIST, {"sort": "-name"}))[0] == "Żory"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"expertise": "nie-ma-takiego"}, "nie ma takiego obszaru specjalizacji"),
        ({"voivodeship": "99"}, "Wybierz poprawną wartość"),
        ({"kind": "castle"}, "Wybierz poprawną wartość"),
        ({"near": "Atlantyda"}, "Nie znamy polskiej miejscowości"),
        ({"lat": "abc", "lon": "17", "radius": "5"}, "Wpisz liczbę"),
        ({"lat": "95", "lon": "17", "radius": "5"}, "mniejsza lub równa 90"),
        ({"lat": "51"}, "Podaj zarówno szerokość"),
        ({"near": "Kraków", "radius": "100000"}, "mniejsza lub równa 300"),
        ({"sort": "password"}, "Wybierz poprawną wartość"),
    ],
)
def test_bad_filters_get_a_polish_message_and_400(client, world, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_bad_page_number_shows_last_page(client, world):
    assert client.get(LIST, {"page": "9999"}).status_code == 200
    assert client.get(LIST, {"page": "abc"}).status_code == 200


def test_script_in_a_name_is_escaped(client, db):
    OrganisationFactory(name='<script>alert("x")</script> Fundacja')
    content = client.get(LIST).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_merged_duplicates_are_not_listed(client, world):
    duplicate = OrganisationFactory(name="OPS Świdnica (duplikat)", merged_into=world["ops"])
    assert duplicate.name not in names(client.get(LIST, {"q": "Świdnica"}))


@pytest.mark.parametrize(
    "url",
    [
        LIST + "?voivodeship=14&service_category=care&expertise=deinstytucjonalizacja",
        LIST + "?kind=ngo",
        reverse("directory:map") + "?voivodeship=14",
    ],
)
def test_queries_per_list_page_do_not_grow_with_the_data(client, url, db, settings):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 0  # measure the queries, not the cache

    def populate(count):
        for number in range(count):
            org = OrganisationFactory(kind=OrganisationKind.NGO, voivodeship="14", name=f"Fundacja {number}")
            org.expertise.add("deinstytucjonalizacja", f"temat {number}")
            ServiceFactory(organisation=org)
            CooperationEntryFactory(organisation=org)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    populate(3)
    client.get(url)  # warm caches (site, content types) so both measurements are alike
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    populate(30)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small) <= 8


def test_queries_on_the_organisation_page_do_not_grow(client, client_for, world, settings):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 0
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ops = world["ops"]
    url = ops.get_absolute_url()
    viewer = client_for(MembershipFactory(organisation=ops).user)
    viewer.get(url)
    with CaptureQueriesContext(connection) as small:
        assert viewer.get(url).status_code == 200
    for number in range(15):
        ServiceFactory(organisation=ops)
        CooperationEntryFactory(organisation=ops)
        ops.expertise.add(f"obszar {number}")
        MembershipFactory(organisation=ops)
    with CaptureQueriesContext(connection) as large:
        assert viewer.get(url).status_code == 200
    assert len(large) == len(small) <= 20


def test_map_page_has_list_alternative_and_data_urls(client, world):
    response = client.get(reverse("directory:map"), {"voivodeship": "02"})
    content = response.content.decode()
    assert response.status_code == 200
    # The list of results is on the page whatever happens to the map (no JavaScript, no tiles).
    assert "Ośrodek Pomocy Społecznej w Świdnicy" in content
    assert 'data-organisations="/api/v1/organisations/geojson/?voivodeship=02"' in content
    assert 'data-services="/api/v1/services/geojson/?voivodeship=02"' in content
    assert "hidden data-map" in content  # shown by the script only
