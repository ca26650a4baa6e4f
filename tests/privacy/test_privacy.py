"""GDPR: a person downloads everything held about them and erases their account; the registry."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.factories import grant, with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts.enums import GlobalRole
from zitnet.accounts.models import Membership, RoleGrant, User
from zitnet.privacy.registry import PersonalDataSection, register, sections

pytestmark = pytest.mark.django_db


def test_export_contains_every_registered_section(client_for, member, organisation):
    grant(member, GlobalRole.EXPERT)
    with_totp(member)
    Token.objects.create(user=member)
    response = client_for(member).get(reverse("privacy:export"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="zitnet-moje-dane-')
    data = json.loads(response.content)
    assert set(data["sections"]) == {s.key for s in sections()}
    account = data["sections"]["account"]["data"]
    assert account["email"] == member.email
    assert account["global_roles"][0]["role"] == GlobalRole.EXPERT
    assert account["two_factor_methods"][0]["type"] == "totp"
    assert "secret" not in json.dumps(account)
    assert account["api_token_created"] is not None
    assert data["sections"]["memberships"]["data"][0]["organisation"] == organisation.name


def test_export_is_only_ones_own(client):
    assert client.get(reverse("privacy:export")).status_code == 302  # to the login page


def test_erase_anonymises_and_keeps_the_row(client_for, member, organisation):
    grant(member, GlobalRole.EXPERT)
    Token.objects.create(user=member)
    pk, email = member.pk, member.email
    client = client_for(member)
    response = client.post(reverse("privacy:erase"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    erased = User.objects.get(pk=pk)
    assert erased.email == f"usuniety-{pk}@anonimowy.invalid"
    assert (erased.first_name, erased.last_name, erased.is_active) == ("", "", False)
    assert erased.erased_at is not None
    assert not erased.has_usable_password()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    assert not RoleGrant.objects.filter(user_id=pk).exists()
    assert not Token.objects.filter(user_id=pk).exists()
    assert "_auth_user_id" not in client.session
    # The old address can sign up again as a new person.
    assert not User.objects.filter(email=email).exists()


def test_erase_with_wrong_password_changes_nothing(client_for, member):
    response = client_for(member).post(reverse("privacy:erase"), {"password": "zle", "confirm": "on"})
    assert response.status_code == 400
    assert "Hasło jest nieprawidłowe." in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.first_name


def test_erase_needs_confirmation(client_for, member):
    response = client_for(member).post(reverse("privacy:erase"), {"password": PASSWORD})
    assert response.status_code == 400
    assert "Zaznacz pole" in response.content.decode()
    member.refresh_from_db()
    assert member.is_active


def test_erase_fails_whole_when_a_section_fails(client_for, member, monkeypatch):
    from zitnet.privacy import registry

    def broken(user):
        raise RuntimeError("section failed")

    monkeypatch.setitem(
        registry._sections,
        "broken",
        PersonalDataSection("broken", "test", export=lambda u: None, erase=broken),
    )
    from zitnet.privacy.services import erase_account

    with pytest.raises(RuntimeError):
        erase_account(user=member)
    member.refresh_from_db()
    assert member.is_active and Membership.objects.filter(user=member).exists()


def test_registry_refuses_two_sections_with_one_key():
    section = PersonalDataSection("account", "dup", export=lambda u: None, erase=lambda u: None)
    with pytest.raises(ValueError, match="already registered"):
        register(section)
