"""Joining organisations: requests, decisions by editors, roles, leaving; refusals and their messages."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import MembershipFactory, OrganisationFactory
from zitnet.accounts.enums import MembershipRole, MembershipStatus
from zitnet.accounts.models import Membership

pytestmark = pytest.mark.django_db


def test_request_without_editors_notifies_coordinators(
    client_for, user, coordinator, other_organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(user).post(reverse("accounts:membership_request"), {"organisation": other_organisation.pk})
    assert mail.outbox[-1].to == [coordinator.email]
    assert mail.outbox[-1].subject == "[ZITnet] Nowa prośba o członkostwo"


def test_request_notifies_editors_and_editor_approves(
    client_for, user, editor, organisation, django_capture_on_commit_callbacks
):
    client = client_for(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:membership_request"),
            {"organisation": organisation.pk, "note": "Wydział strategii"},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.status == MembershipStatus.PENDING
    assert mail.outbox[-1].to == [editor.email]
    assert "Wydział strategii" in mail.outbox[-1].body

    editor_client = client_for(editor)
    page = editor_client.get(reverse("accounts:members", args=[organisation.slug])).content.decode()
    assert "Wydział strategii" in page and "Prośby oczekujące na akceptację" in page
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("accounts:membership_decide", args=[organisation.slug, membership.pk]),
            {"decision": "approve"},
        )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.decided_by == editor
    assert mail.outbox[-1].to == [user.email]
    assert "zaakceptowana" in mail.outbox[-1].body
    assert ModelLogEntry.objects.filter(
        action="zitnet.membership.approve", object_id=str(membership.pk)
    ).exists()


def test_duplicate_request_is_refused_with_a_message(client_for, member, organisation):
    client = client_for(member)
    response = client.post(
        reverse("accounts:membership_request"), {"organisation": organisation.pk}, follow=True
    )
    assert "Już należysz do organizacji" in response.content.decode()
    assert Membership.objects.filter(user=member).count() == 1


def test_unknown_organisation_gets_a_form_error(client_for, user):
    response = client_for(user).post(reverse("accounts:membership_request"), {"organisation": 999999})
    assert response.status_code == 400
    assert "Wybierz organizację z listy." in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_requests_per_day_are_limited(client_for, user, settings):
    settings.ZITNET_MEMBERSHIP_REQUESTS_PER_DAY = 2
    client = client_for(user)
    for org in OrganisationFactory.create_batch(3):
        response = client.post(reverse("accounts:membership_request"), {"organisation": org.pk}, follow=True)
    assert "zbyt wiele próśb" in response.content.decode()
    assert Membership.objects.filter(user=user).count() == 2


def test_editor_of_another_organisation_cannot_decide(client_for, organisation, other_organisation):
    outsider = MembershipFactory(organisation=other_organisation, role=MembershipRole.EDITOR).user
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING)
    client = client_for(outsider)
    url = reverse("accounts:membership_decide", args=[organisation.slug, pending.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    # Naming the editor's own organisation in the URL does not reach a membership of another one.
    url = reverse("accounts:membership_decide", args=[other_organisation.slug, pending.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_member_cannot_manage(client_for, member, organisation):
    other = MembershipFactory(organisation=organisation)
    client = client_for(member)
    url = reverse("accounts:membership_remove", args=[organisation.slug, other.pk])
    assert client.post(url).status_code == 403
    assert Membership.objects.filter(pk=other.pk).exists()


def test_coordinator_manages_any_organisation(client_for, coordinator, organisation):
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING)
    client_for(coordinator).post(
        reverse("accounts:membership_decide", args=[organisation.slug, pending.pk]), {"decision": "reject"}
    )
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.REJECTED


def test_deciding_twice_is_refused(client_for, editor, organisation):
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING)
    client = client_for(editor)
    url = reverse("accounts:membership_decide", args=[organisation.slug, pending.pk])
    client.post(url, {"decision": "approve"})
    response = client.post(url, {"decision": "reject"}, follow=True)
    assert "Ta prośba została już rozpatrzona." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.ACTIVE


def test_editor_promotes_member_and_last_editor_is_kept(client_for, editor, member, organisation):
    client = client_for(editor)
    membership = Membership.objects.get(user=member)
    client.post(
        reverse("accounts:membership_role", args=[organisation.slug, membership.pk]), {"role": "editor"}
    )
    membership.refresh_from_db()
    assert membership.role == MembershipRole.EDITOR

    own = Membership.objects.get(user=editor)
    client.post(reverse("accounts:membership_role", args=[organisation.slug, own.pk]), {"role": "member"})
    member_client = client_for(member)
    response = member_client.post(
        reverse("accounts:membership_role", args=[organisation.slug, membership.pk]),
        {"role": "member"},
        follow=True,
    )
    assert "co najmniej jednego redaktora" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.EDITOR


def test_bad_role_value_is_refused(client_for, editor, member, organisation):
    membership = Membership.objects.get(user=member)
    response = client_for(editor).post(
        reverse("accounts:membership_role", args=[organisation.slug, membership.pk]),
        {"role": "owner"},
        follow=True,
    )
    assert "Wybierz rolę z listy." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == MembershipRole.MEMBER


def test_member_leaves(client_for, member):
    membership = Membership.objects.get(user=member)
    client_for(member).post(reverse("accounts:membership_leave", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_cannot_leave_on_behalf_of_someone_else(client_for, member, user):
    membership = Membership.objects.get(user=member)
    assert (
        client_for(user).post(reverse("accounts:membership_leave", args=[membership.pk])).status_code == 404
    )
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_profile_update_and_validation(client_for, user):
    client = client_for(user)
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "", "last_name": "Kowalski", "job_title": "x", "preferred_language": "xx"},
    )
    assert response.status_code == 400
    assert "To pole jest wymagane." in response.content.decode()
    user.refresh_from_db()
    assert user.first_name == "Jan"
    client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Janusz",
            "last_name": "Kowalski",
            "job_title": "Inspektor",
            "preferred_language": "en",
        },
    )
    user.refresh_from_db()
    assert (user.first_name, user.job_title, user.preferred_language) == ("Janusz", "Inspektor", "en")


def test_script_in_profile_is_escaped(client_for, user):
    client = client_for(user)
    client.post(
        reverse("accounts:profile"),
        {
            "first_name": "<script>alert(1)</script>",
            "last_name": "K",
            "job_title": "",
            "preferred_language": "pl",
        },
    )
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
