"""The API foundation: /api/v1/me/ with session and token auth, field errors in Polish, the schema."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from zitnet.accounts.enums import GlobalRole

pytestmark = pytest.mark.django_db


def test_me_requires_authentication():
    response = APIClient().get(reverse("api:me"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Nie podano danych uwierzytelniających."


def test_me_with_token(member, organisation):
    token = Token.objects.create(user=member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api.get(reverse("api:me")).json()
    assert data["email"] == member.email
    assert data["memberships"] == [
        {
            "organisation": organisation.name,
            "organisation_slug": organisation.slug,
            "role": "member",
            "status": "active",
        }
    ]


def test_me_lists_global_roles(coordinator):
    api = APIClient()
    api.force_authenticate(coordinator)
    assert api.get(reverse("api:me")).json()["global_roles"] == [GlobalRole.NETWORK_COORDINATOR]


def test_patch_me_validates_and_updates(user):
    api = APIClient()
    api.force_authenticate(user)
    bad = api.patch(reverse("api:me"), {"first_name": "", "preferred_language": "de"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["first_name"] == ["To pole nie może być puste."]
    assert bad.json()["preferred_language"] == ["Wybierz pl lub en."]
    user.refresh_from_db()
    assert user.first_name == "Jan"
    ok = api.patch(reverse("api:me"), {"job_title": "Naczelnik"}, format="json")
    assert ok.status_code == 200 and ok.json()["job_title"] == "Naczelnik"
    # Read-only fields are ignored, not written.
    api.patch(reverse("api:me"), {"email": "inny@gmina.test"}, format="json")
    user.refresh_from_db()
    assert user.email != "inny@gmina.test"


def test_malformed_json_is_a_400(user):
    api = APIClient()
    api.force_authenticate(user)
    response = api.generic("PATCH", reverse("api:me"), "{nie json", content_type="application/json")
    assert response.status_code == 400


def test_token_page_creates_and_deletes_token(client_for, user):
    client = client_for(user)
    response = client.post(reverse("accounts:api_token"), {"action": "create"}, follow=True)
    key = Token.objects.get(user=user).key
    assert key in response.content.decode()
    client.post(reverse("accounts:api_token"), {"action": "delete"})
    assert not Token.objects.filter(user=user).exists()


def test_openapi_schema_documents_me():
    response = APIClient().get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/me/" in schema["paths"]
    assert {"get", "patch"} <= set(schema["paths"]["/api/v1/me/"])
