"""Sign-up with e-mail verification, login by e-mail, brute-force protection, 2FA for coordinators."""

import logging
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory, grant, with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts.enums import GlobalRole
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "Nowa.Osoba@Gmina-Kcynia.test",
    "first_name": "Alicja",
    "last_name": "Zawadzka",
    "accept_privacy": "on",
    "password1": "Mocne-haslo-ZIT-2026",
    "password2": "Mocne-haslo-ZIT-2026",
}


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signup_sends_verification_and_verifying_logs_in(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="nowa.osoba@gmina-kcynia.test")
    assert (user.first_name, user.last_name) == ("Alicja", "Zawadzka")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nowa.osoba@gmina-kcynia.test"]
    link = re.search(r"http://testserver(/konto/confirm-email/\S+/)", mail.outbox[0].body).group(1)

    # Not verified yet: logging in is refused and sends the mail again.
    assert "_auth_user_id" not in client.session

    page = client.get(link)
    assert "Potwierdź" in page.content.decode()
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_requires_privacy_consent_and_valid_fields(client):
    data = {**SIGNUP, "accept_privacy": "", "password2": "inne"}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200  # allauth re-renders the form
    body = response.content.decode()
    assert "Musisz zaakceptować politykę prywatności" in body
    assert not User.objects.filter(email__iexact=SIGNUP["email"]).exists()
    assert mail.outbox == []


def test_signup_with_taken_email_creates_nothing(client, user):
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": user.email.upper()})
    assert User.objects.filter(email__iexact=user.email).count() == 1
    # Enumeration is prevented: the answer looks like a normal sign-up.
    assert response.status_code == 302


def test_login_by_email_rotates_session_key(client, user):
    client.get(reverse("account_login"))
    client.session.save()
    before = client.session.session_key
    response = login(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before


def test_five_failures_lock_the_account_for_thirty_minutes(client, user, caplog):
    caplog.set_level(logging.INFO, logger="zitnet.security")
    for _ in range(5):
        response = login(client, user.email, "zle-haslo")
        assert "hasło są niepoprawne" in response.content.decode()
    response = login(client, user.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "logowanie jest zablokowane na 30 minut" in response.content.decode()
    failures = [r for r in caplog.records if "login failed" in r.getMessage()]
    assert len(failures) == 5
    assert any("too many failures" in r.getMessage() for r in caplog.records)


def test_lock_is_per_account(client, user):
    for _ in range(5):
        login(client, user.email, "zle-haslo")
    other = UserFactory()
    login(client, other.email, PASSWORD)
    assert client.session["_auth_user_id"] == str(other.pk)


def test_password_reset_sends_link(client, user):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/konto/password/reset/key/" in mail.outbox[0].body


def test_coordinator_without_totp_must_set_it_up(client_for):
    coordinator = grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR)
    client = client_for(coordinator)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_staff_without_totp_cannot_reach_the_editor(client_for):
    client = client_for(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_member_does_not_need_totp(client_for, member):
    assert client_for(member).get(reverse("accounts:profile")).status_code == 200


@override_settings(ZITNET_REQUIRE_TWO_FACTOR=False)
def test_two_factor_requirement_can_be_switched_off_for_local_demo(client_for):
    coordinator = grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR)
    assert client_for(coordinator).get(reverse("accounts:profile")).status_code == 200


def test_coordinator_logs_in_with_password_and_totp_code(client):
    coordinator = grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR)
    secret = with_totp(coordinator)
    response = login(client, coordinator.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_coordinator_cannot_switch_totp_off(client_for, coordinator):
    client = client_for(coordinator)
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()
