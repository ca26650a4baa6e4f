"""Wagtail's user administration works with the e-mail-only user model."""

import pytest

from tests.factories import UserFactory, with_totp
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_user_by_email(client_for):
    admin = UserFactory(is_staff=True, is_superuser=True)
    with_totp(admin)
    client = client_for(admin)
    form = client.get("/admin/users/new/").content.decode()
    assert 'name="email"' in form and 'name="username"' not in form
    response = client.post(
        "/admin/users/new/",
        {
            "email": "Nowy.Pracownik@Gmina.test",
            "first_name": "Nowy",
            "last_name": "Pracownik",
            "password1": "Zlozone-haslo-2026",
            "password2": "Zlozone-haslo-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(email__iexact="nowy.pracownik@gmina.test")
    assert created.check_password("Zlozone-haslo-2026")
