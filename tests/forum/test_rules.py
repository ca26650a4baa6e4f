"""Who may read, write and moderate each kind of space: one test per predicate and role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.enums import Visibility
from tests.factories import MembershipFactory, UserFactory, grant
from tests.factories.forum import PostFactory, SpaceFactory, ThreadFactory
from zitnet.accounts.enums import GlobalRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_user():
    return AnonymousUser()


@pytest.fixture
def spaces():
    return {v: SpaceFactory(visibility=v) for v in Visibility.values}


def test_public_space_is_read_by_everyone_and_written_by_members(spaces, member, user, anonymous_user):
    space = spaces[Visibility.PUBLIC]
    assert anonymous_user.has_perm("forum.view_space", space)
    assert user.has_perm("forum.view_space", space)
    assert not anonymous_user.has_perm("forum.post_in_space", space)
    assert not user.has_perm("forum.post_in_space", space)
    assert member.has_perm("forum.post_in_space", space)


def test_members_space_is_for_members_only(spaces, member, user, anonymous_user):
    space = spaces[Visibility.MEMBERS]
    assert not anonymous_user.has_perm("forum.view_space", space)
    assert not user.has_perm("forum.view_space", space)
    assert member.has_perm("forum.view_space", space)
    assert member.has_perm("forum.post_in_space", space)


def test_private_space_is_for_its_group_moderators_and_coordinators(spaces, member, coordinator):
    space = spaces[Visibility.PRIVATE]
    insider = MembershipFactory().user
    space.members.add(insider)
    moderator = UserFactory()
    space.moderators.add(moderator)
    assert not member.has_perm("forum.view_space", space)
    assert insider.has_perm("forum.view_space", space)
    assert insider.has_perm("forum.post_in_space", space)
    assert moderator.has_perm("forum.view_space", space)
    assert moderator.has_perm("forum.moderate_space", space)
    assert coordinator.has_perm("forum.view_space", space)
    assert coordinator.has_perm("forum.moderate_space", space)
    assert not insider.has_perm("forum.moderate_space", space)


def test_site_moderators_moderate_every_space(spaces):
    moderator = grant(UserFactory(), GlobalRole.MODERATOR)
    assert moderator.has_perm("forum.moderate_space", spaces[Visibility.PRIVATE])


def test_archived_space_takes_no_new_threads(member):
    space = SpaceFactory(visibility=Visibility.PUBLIC, is_archived=True)
    assert member.has_perm("forum.view_space", space)
    assert not member.has_perm("forum.post_in_space", space)


def test_locked_thread_takes_replies_from_moderators_only(member, coordinator):
    thread = ThreadFactory(space__visibility=Visibility.MEMBERS, is_locked=True)
    assert member.has_perm("forum.view_thread", thread)
    assert not member.has_perm("forum.reply_thread", thread)
    assert coordinator.has_perm("forum.reply_thread", thread)


def test_a_post_is_edited_by_its_author_only(member):
    other = MembershipFactory().user
    post = PostFactory(thread__space__visibility=Visibility.MEMBERS, author=member)
    assert member.has_perm("forum.edit_post", post)
    assert not other.has_perm("forum.edit_post", post)


def test_a_hidden_post_is_seen_by_its_author_and_moderators(member, coordinator):
    other = MembershipFactory().user
    post = PostFactory(thread__space__visibility=Visibility.MEMBERS, author=member, is_hidden=True)
    assert member.has_perm("forum.view_post", post)
    assert coordinator.has_perm("forum.view_post", post)
    assert not other.has_perm("forum.view_post", post)
    assert not member.has_perm("forum.edit_post", post)
