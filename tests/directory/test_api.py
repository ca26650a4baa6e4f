"""/api/v1/organisations/ and /api/v1/services/: the same filters and rules as the pages, and GeoJSON."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, ServiceFactory
from zitnet.directory.enums import OrganisationKind, ServiceCategory, Voivodeship
from zitnet.directory.geocoding import geocode
from zitnet.directory.models import Service

pytestmark = pytest.mark.django_db


def api_as(person=None) -> APIClient:
    client = APIClient()
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=person).key}")
    return client


@pytest.fixture
def mapped(db):
    walbrzych, krakow = geocode("Wałbrzych"), geocode("Kraków")
    near = OrganisationFactory(
        name="MOPS Wałbrzych",
        slug="mops-walbrzych",
        kind=OrganisationKind.OPS,
        voivodeship=Voivodeship.DOLNOSLASKIE,
        latitude=walbrzych.latitude,
        longitude=walbrzych.longitude,
        contact_email="tajny@mops.test",
    )
    far = OrganisationFactory(
        name="CAL Kraków",
        slug="cal-krakow",
        kind=OrganisationKind.CAL,
        voivodeship=Voivodeship.MALOPOLSKIE,
        latitude=krakow.latitude,
        longitude=krakow.longitude,
    )
    ServiceFactory(organisation=near, name="Mieszkanie chronione", category=ServiceCategory.HOUSING)
    ServiceFactory(organisation=far, name="Klub seniora", category=ServiceCategory.COMMUNITY)
    return near, far


def test_public_list_with_filters_and_no_email(mapped):
    response = api_as().get(reverse("api:organisation-list"), {"voivodeship": "02"})
    assert response.status_code == 200
    body = response.json()
    assert [row["slug"] for row in body["results"]] == ["mops-walbrzych"]
    assert "contact_email" not in body["results"][0]
    assert "tajny@mops.test" not in response.content.decode()


def test_radius_and_geojson(mapped):
    response = api_as().get(reverse("api:organisation-geojson"), {"near": "Świdnica", "radius": "40"})
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["slug"] for f in data["features"]] == ["mops-walbrzych"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 16 < lon < 17 and 50 < lat < 51
    services = api_as().get(reverse("api:service-geojson"), {"voivodeship": "12"}).json()
    assert [f["properties"]["name"] for f in services["features"]] == ["Klub seniora"]
    services = api_as().get(reverse("api:service-geojson"), {"service_category": "housing"}).json()
    assert [f["properties"]["name"] for f in services["features"]] == ["Mieszkanie chronione"]


@pytest.mark.parametrize(
    "params", [{"lat": "x", "lon": "1", "radius": "5"}, {"voivodeship": "77"}, {"near": "Atlantyda"}]
)
def test_bad_filters_are_400_with_a_message(mapped, params):
    for name in ("api:organisation-list", "api:organisation-geojson", "api:service-geojson"):
        response = api_as().get(reverse(name), params)
        assert response.status_code == 400, name
        assert response.json()


def test_editor_patches_own_organisation_only(editor, organisation, other_organisation):
    client = api_as(editor)
    response = client.patch(
        reverse("api:organisation-detail", args=[organisation.slug]),
        {"description": "Opis z API", "expertise": ["CAL", "DI"], "city": "Kalisz"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["description"] == "Opis z API"
    assert response.json()["expertise"] == ["CAL", "DI"]
    organisation.refresh_from_db()
    assert organisation.latitude is not None
    response = client.patch(
        reverse("api:organisation-detail", args=[other_organisation.slug]),
        {"description": "x"},
        format="json",
    )
    assert response.status_code == 403
    other_organisation.refresh_from_db()
    assert other_organisation.description == ""


def test_api_write_validation_is_the_forms(editor, organisation):
    response = api_as(editor).patch(
        reverse("api:organisation-detail", args=[organisation.slug]),
        {"postal_code": "12345", "website": "nie adres"},
        format="json",
    )
    assert response.status_code == 400
    assert "kod pocztowy" in response.json()["postal_code"][0]
    assert response.json()["website"]


def test_anonymous_cannot_write(organisation):
    response = api_as().patch(reverse("api:organisation-detail", args=[organisation.slug]), {"name": "x"})
    assert response.status_code in (401, 403)
    assert api_as().post(reverse("api:organisation-list"), {"name": "x"}).status_code in (401, 403)


def test_only_coordinators_create_organisations(editor, coordinator):
    payload = {"name": "Fundacja z API", "kind": "ngo", "voivodeship": "14", "city": "Warszawa"}
    assert api_as(editor).post(reverse("api:organisation-list"), payload, format="json").status_code == 403
    response = api_as(coordinator).post(reverse("api:organisation-list"), payload, format="json")
    assert response.status_code == 201
    assert response.json()["slug"] == "fundacja-z-api"


def test_services_write_within_permissions(editor, organisation, other_organisation):
    client = api_as(editor)
    response = client.post(
        reverse("api:service-list"),
        {
            "organisation": organisation.slug,
            "name": "Punkt wsparcia",
            "category": "counselling",
            "target_groups": ["rodziny"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["target_groups"] == ["rodziny"]
    service = Service.objects.get(name="Punkt wsparcia")
    foreign = ServiceFactory(organisation=other_organisation)
    assert (
        client.patch(
            reverse("api:service-detail", args=[foreign.pk]), {"name": "x"}, format="json"
        ).status_code
        == 403
    )
    assert client.delete(reverse("api:service-detail", args=[foreign.pk])).status_code == 403
    response = client.post(
        reverse("api:service-list"),
        {"organisation": other_organisation.slug, "name": "x", "category": "care"},
        format="json",
    )
    assert response.status_code == 403
    response = client.post(
        reverse("api:service-list"),
        {"organisation": organisation.slug, "name": "y", "category": "castle"},
        format="json",
    )
    assert response.status_code == 400
    assert client.delete(reverse("api:service-detail", args=[service.pk])).status_code == 204


def test_schema_lists_the_directory_endpoints(client):
    schema = client.get(reverse("api:schema")).content.decode()
    for path in ("/api/v1/organisations/", "/api/v1/organisations/geojson/", "/api/v1/services/{id}/"):
        assert path in schema
