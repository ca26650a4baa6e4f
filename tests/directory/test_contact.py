"""The contact form reaches the organisation without ever showing its address; it is rate-limited."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from zitnet.accounts.enums import MembershipRole

pytestmark = pytest.mark.django_db

SECRET = "sekretariat-ukryty@ops-kalisz.test"
MESSAGE = {"subject": "Wizyta studyjna", "message": "Dzień dobry, chcielibyśmy odwiedzić Państwa CAL w maju."}


@pytest.fixture
def target(db):
    return OrganisationFactory(name="OPS Kalisz", slug="ops-kalisz", contact_email=SECRET)


def send(client, org, data=MESSAGE, **extra):
    return client.post(reverse("directory:contact", args=[org.slug]), data, **extra)


def test_message_reaches_the_organisation_and_hides_its_address(
    client_for, member, target, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client_for(member), target)
    assert response.status_code == 302
    to_org, copy = mail.outbox
    assert to_org.to == [SECRET]
    assert to_org.reply_to == [member.email]
    assert "chcielibyśmy odwiedzić" in to_org.body
    # The sender's copy goes to the sender alone: the organisation's address is in none of its headers.
    assert copy.to == [member.email] and not copy.cc and not copy.bcc and not copy.reply_to
    assert SECRET not in str(copy.message())
    # Nor on any page or in the API.
    for url in [
        target.get_absolute_url(),
        reverse("directory:contact", args=[target.slug]),
        reverse("directory:list"),
        reverse("api:organisation-detail", args=[target.slug]),
        reverse("api:organisation-list"),
        reverse("directory:export", args=["csv"]),
    ]:
        for who in (client, client_for(member)):
            assert SECRET not in who.get(url).content.decode(errors="ignore"), url


def test_without_an_address_the_editors_get_it(client_for, member, django_capture_on_commit_callbacks):
    org = OrganisationFactory(contact_email="")
    editor = MembershipFactory(organisation=org, role=MembershipRole.EDITOR).user
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client_for(member), org).status_code == 302
    assert mail.outbox[0].to == [editor.email]


def test_nobody_to_write_to_is_a_clear_refusal(client_for, member):
    org = OrganisationFactory(contact_email="")
    response = send(client_for(member), org)
    assert response.status_code == 409
    assert "nie może jeszcze otrzymywać wiadomości" in response.content.decode()
    assert not mail.outbox


def test_anonymous_visitors_are_asked_to_log_in(client, target):
    response = send(client, target)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert not mail.outbox


def test_empty_or_short_message_is_refused(client_for, member, target):
    response = send(client_for(member), target, {"subject": "", "message": "hej"})
    assert response.status_code == 400
    assert "To pole jest wymagane" in response.content.decode()
    assert not mail.outbox


@override_settings(ZITNET_CONTACT_RATE_USER="3/h", ZITNET_CONTACT_RATE_IP="100/h")
def test_rate_limit_per_user(client_for, member, target, django_capture_on_commit_callbacks):
    sender = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert send(sender, target).status_code == 302
    response = send(sender, target)
    assert response.status_code == 429
    assert "wysłano zbyt wiele wiadomości" in response.content.decode().lower()
    assert len(mail.outbox) == 3 * 2
    # Another person from the same address is not affected by this user's limit.
    assert send(client_for(UserFactory()), target).status_code == 302


@override_settings(ZITNET_CONTACT_RATE_USER="100/h", ZITNET_CONTACT_RATE_IP="2/h")
def test_rate_limit_per_ip(target):
    senders = [Client(REMOTE_ADDR="203.0.113.7") for _ in range(3)]
    for sender in senders:
        sender.force_login(UserFactory())
    assert send(senders[0], target).status_code == 302
    assert send(senders[1], target).status_code == 302
    assert send(senders[2], target).status_code == 429
    other_ip = Client(REMOTE_ADDR="198.51.100.1")
    other_ip.force_login(UserFactory())
    assert send(other_ip, target).status_code == 302
