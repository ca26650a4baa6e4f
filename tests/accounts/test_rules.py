"""Every permission predicate, for the people it should and should not admit."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import MembershipFactory, UserFactory, grant
from zitnet.accounts import rules as r
from zitnet.accounts.enums import GlobalRole, MembershipRole, MembershipStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("predicate", "role"),
    [
        (r.is_network_coordinator, GlobalRole.NETWORK_COORDINATOR),
        (r.is_moderator, GlobalRole.MODERATOR),
        (r.is_expert, GlobalRole.EXPERT),
    ],
)
def test_global_role_predicates(predicate, role):
    holder = grant(UserFactory(), role)
    assert predicate(holder) is True
    assert predicate(UserFactory()) is False
    assert predicate(AnonymousUser()) is False
    holder.is_active = False
    assert predicate(holder) is False


def test_other_global_roles_do_not_count():
    expert = grant(UserFactory(), GlobalRole.EXPERT)
    assert r.is_network_coordinator(expert) is False
    assert r.is_moderator(expert) is False


def test_is_staff():
    assert r.is_staff(UserFactory(is_staff=True)) is True
    assert r.is_staff(UserFactory(is_superuser=True)) is True
    assert r.is_staff(UserFactory()) is False
    assert r.is_staff(AnonymousUser()) is False


def test_member_predicates(organisation, other_organisation):
    member = MembershipFactory(organisation=organisation).user
    assert r.is_member(member) is True
    assert r.is_member_of(member, organisation) is True
    assert r.is_member_of(member, other_organisation) is False
    assert r.is_editor_of(member, organisation) is False
    assert r.is_member(UserFactory()) is False
    assert r.is_member_of(AnonymousUser(), organisation) is False


def test_pending_membership_grants_nothing(organisation):
    pending = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING).user
    assert r.is_member(pending) is False
    assert r.is_member_of(pending, organisation) is False


def test_editor_predicate(organisation, other_organisation):
    editor = MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
    assert r.is_editor_of(editor, organisation) is True
    assert r.is_editor_of(editor, other_organisation) is False


def test_is_self():
    a, b = UserFactory(), UserFactory()
    assert r.is_self(a, a) is True
    assert r.is_self(a, b) is False


def test_needs_two_factor():
    assert r.needs_two_factor(grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR)) is True
    assert r.needs_two_factor(UserFactory(is_staff=True)) is True
    assert r.needs_two_factor(grant(UserFactory(), GlobalRole.EXPERT)) is False


def test_permissions(organisation, other_organisation, editor, member, coordinator):
    assert editor.has_perm("accounts.manage_memberships", organisation)
    assert not editor.has_perm("accounts.manage_memberships", other_organisation)
    assert not member.has_perm("accounts.manage_memberships", organisation)
    assert coordinator.has_perm("accounts.manage_memberships", other_organisation)
    assert member.has_perm("accounts.view_members", organisation)
    assert not member.has_perm("accounts.view_members", other_organisation)
    assert coordinator.has_perm("accounts.grant_roles")
    assert not editor.has_perm("accounts.grant_roles")
    assert not AnonymousUser().has_perm("accounts.request_membership")
