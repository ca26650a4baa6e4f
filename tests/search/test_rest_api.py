"""GET /api/v1/search/ and /api/v1/search/suggest/: the search page's answers for programs, validated the same
way, documented in the OpenAPI schema; the practice and organisation APIs search through the same API."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from search import labels
from tests.factories import OrganisationFactory
from tests.factories.directory import theme
from tests.factories.knowledge import make_practice
from tests.factories.search import index_everything
from zitnet.directory.enums import Voivodeship

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


@pytest.fixture
def content(db):
    krakow = OrganisationFactory(
        name="Stowarzyszenie Metropolia Krakowska",
        slug="metropolia-krakowska",
        city="Kraków",
        voivodeship=Voivodeship.MALOPOLSKIE,
        latitude=50.0614,
        longitude=19.9366,
    )
    practice = make_practice(
        title="Centrum Aktywności Lokalnej w Skawinie",
        lead="Usługi społeczne razem z aktywizacją mieszkańców.",
        solution="<p>Centra aktywności lokalnej łączą usługi społeczne z aktywizacją mieszkańców.</p>",
        organisations=[krakow],
        thematic_areas=[theme("uslugi_spoleczne")],
        voivodeship=Voivodeship.MALOPOLSKIE,
    )
    index_everything()
    return {"krakow": krakow, "practice": practice}


def in_language(function, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return function(*args)


def test_search_answers_with_hits_facets_and_engine(client, content):
    response = client.get(SEARCH, {"q": "centrów aktywności lokalnej"})
    assert response.status_code == 200
    data = response.json()
    assert {key: data[key] for key in ("count", "page", "pages", "engine", "degraded", "relaxed")} == {
        "count": 1,
        "page": 1,
        "pages": 1,
        "engine": "database",
        "degraded": False,
        "relaxed": False,
    }
    assert data["corrections"] == {}
    [hit] = data["results"]
    assert hit["type"] == "practice"
    assert hit["type_label"] == in_language(labels.type_label, "practice")
    assert hit["title"] == "Centrum Aktywności Lokalnej w Skawinie"
    assert hit["url"] == f"http://testserver{content['practice'].url}"
    assert "<mark>aktywności</mark> <mark>lokalnej</mark> łączą" in hit["snippet"]
    assert hit["latitude"] == pytest.approx(50.0614) and hit["distance_km"] is None
    assert hit["date"]  # ISO date
    assert data["facets"]["type"] == [
        {"value": "practice", "label": in_language(labels.label, "type", "practice"), "count": 1}
    ]
    assert {"value": "12", "label": "małopolskie", "count": 1} in data["facets"]["voivodeship"]
    areas = data["facets"]["thematic_area"]
    assert {"value": "uslugi_spoleczne", "label": theme("uslugi_spoleczne").name_pl, "count": 1} in areas


def test_filters_types_and_a_place(client, content):
    data = client.get(SEARCH, {"q": "krakow", "type": "organisation"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Stowarzyszenie Metropolia Krakowska"]
    data = client.get(SEARCH, {"near": "Kraków", "radius": "5", "sort": "distance"}).json()
    assert data["count"] == 2
    assert all(hit["distance_km"] is not None and hit["distance_km"] < 5 for hit in data["results"])
    assert client.get(SEARCH, {"q": "krakow", "voivodeship": "02"}).json()["count"] == 0
    zero = client.get(SEARCH, {"q": "krakow", "voivodeship": "02"}).json()["facets"]
    assert {"value": "02", "label": "dolnośląskie", "count": 0} in zero["voivodeship"]


def test_nothing_to_search_for_is_an_empty_answer(client, content):
    data = client.get(SEARCH).json()
    assert data["count"] == 0 and data["results"] == [] and data["facets"] == {}


def test_bad_parameters_are_400_with_messages(client, content):
    response = client.get(SEARCH, {"q": "x" * 501, "type": "bogus", "lat": "200", "lon": "10"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"q", "type", "lat"}
    with translation.override(settings.LANGUAGE_CODE):
        assert errors["q"] == [
            gettext("The query is too long (at most %(limit)d characters).") % {"limit": 500}
        ]
    assert "bogus" in errors["type"][0]


def test_suggestions(client, content):
    response = client.get(SUGGEST, {"q": "centrum akt"})
    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [
            {
                "title": "Centrum Aktywności Lokalnej w Skawinie",
                "url": f"http://testserver{content['practice'].url}",
                "type": "practice",
                "type_label": in_language(labels.type_label, "practice"),
            }
        ],
        "degraded": False,
    }
    assert client.get(SUGGEST, {"q": "x" * 501}).status_code == 400


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    search = schema["paths"]["/api/v1/search/"]["get"]
    assert {parameter["name"] for parameter in search["parameters"]} >= {
        "q",
        "type",
        "thematic_area",
        "voivodeship",
        "near",
        "lat",
        "lon",
        "radius",
        "sort",
        "page",
    }
    assert set(search["responses"]) == {"200", "400"}
    assert "/api/v1/search/suggest/" in schema["paths"]


def test_the_practice_and_organisation_apis_search_polish_forms(client, content):
    practices = client.get("/api/v1/practices/", {"q": "centrów aktywności lokalnej"}).json()
    assert [p["title"] for p in practices["results"]] == ["Centrum Aktywności Lokalnej w Skawinie"]
    organisations = client.get("/api/v1/organisations/", {"q": "krakow"}).json()
    assert [o["name"] for o in organisations["results"]] == ["Stowarzyszenie Metropolia Krakowska"]
