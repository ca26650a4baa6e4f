"""Each rules predicate and permission of the good-practice publishing has a test."""

import pytest
from django.contrib.auth.models import AnonymousUser

from knowledge import rules as knowledge_rules
from knowledge.models import PracticePage
from knowledge.services import submit_practice
from tests.factories import MembershipFactory, UserFactory
from tests.factories.knowledge import make_moderator, make_practice

pytestmark = pytest.mark.django_db


def test_is_practice_owner(member, editor):
    page = make_practice(publish=False, owner=member)
    assert knowledge_rules.is_practice_owner(member, page)
    assert not knowledge_rules.is_practice_owner(editor, page)
    assert not knowledge_rules.is_practice_owner(AnonymousUser(), page)
    assert not knowledge_rules.is_practice_owner(member, None)
    member.is_active = False
    assert not knowledge_rules.is_practice_owner(member, page)


def test_is_in_moderation(member, coordinator):
    make_moderator(coordinator)
    page = make_practice(publish=False, owner=member)
    assert not knowledge_rules.is_in_moderation(member, page)
    submit_practice(user=member, page=page)
    page = PracticePage.objects.get(pk=page.pk)
    assert knowledge_rules.is_in_moderation(member, page)
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "reject", comment="Do poprawy.")
    page = PracticePage.objects.get(pk=page.pk)
    # "Changes requested" is back with the author: no longer in moderation.
    assert not knowledge_rules.is_in_moderation(member, page)
    assert not knowledge_rules.is_in_moderation(member, None)


def test_is_live_practice(member):
    assert knowledge_rules.is_live_practice(member, make_practice())
    assert not knowledge_rules.is_live_practice(member, make_practice(publish=False))
    assert not knowledge_rules.is_live_practice(member, None)


def test_draft_practice_needs_an_active_membership(member, user, coordinator):
    assert member.has_perm("knowledge.draft_practice")
    assert not user.has_perm("knowledge.draft_practice")
    assert not coordinator.has_perm("knowledge.draft_practice")
    assert not AnonymousUser().has_perm("knowledge.draft_practice")


def test_edit_practice_is_for_the_owning_member_outside_moderation(member, organisation, coordinator):
    page = make_practice(publish=False, owner=member)
    colleague = MembershipFactory(organisation=organisation).user
    assert member.has_perm("knowledge.edit_practice", page)
    assert not colleague.has_perm("knowledge.edit_practice", page)
    assert not coordinator.has_perm("knowledge.edit_practice", page)
    submit_practice(user=member, page=page)
    assert not member.has_perm("knowledge.edit_practice", PracticePage.objects.get(pk=page.pk))
    former = UserFactory()
    assert not former.has_perm("knowledge.edit_practice", make_practice(publish=False, owner=former))


def test_preview_practice_is_for_the_owner_and_coordinators(member, editor, coordinator):
    page = make_practice(publish=False, owner=member)
    assert member.has_perm("knowledge.preview_practice", page)
    assert coordinator.has_perm("knowledge.preview_practice", page)
    assert not editor.has_perm("knowledge.preview_practice", page)
    assert not AnonymousUser().has_perm("knowledge.preview_practice", page)


def test_verify_practice_is_for_coordinators_on_live_practices(member, coordinator):
    live, draft = make_practice(), make_practice(publish=False)
    assert coordinator.has_perm("knowledge.verify_practice", live)
    assert not coordinator.has_perm("knowledge.verify_practice", draft)
    assert not member.has_perm("knowledge.verify_practice", live)


def test_view_own_practices_needs_a_login(user):
    assert user.has_perm("knowledge.view_own_practices")
    assert not AnonymousUser().has_perm("knowledge.view_own_practices")


def test_the_coordinator_role_brings_the_wagtail_moderators_group(user):
    from zitnet.accounts.enums import GlobalRole
    from zitnet.accounts.services import grant_role, revoke_role

    grant_role(actor=None, user=user, role=GlobalRole.NETWORK_COORDINATOR)
    assert user.groups.filter(name="Moderators").exists()
    assert user.has_perm("wagtailadmin.access_admin")
    revoke_role(actor=None, user=user, role=GlobalRole.NETWORK_COORDINATOR)
    assert not user.groups.filter(name="Moderators").exists()
    grant_role(actor=None, user=user, role=GlobalRole.EXPERT)
    assert not user.groups.exists()
