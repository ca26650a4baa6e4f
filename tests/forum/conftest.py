"""Fixtures of the forum tests: a members' space with its moderator, a thread with a post, another reader."""

import pytest

from tests.factories import MembershipFactory
from tests.forum.moderation_world import make_post, make_space, make_thread


@pytest.fixture
def space_moderator(db):
    return MembershipFactory(user__first_name="Moderatorka").user


@pytest.fixture
def space(space_moderator):
    return make_space("edukacja-wlaczajaca", moderators=[space_moderator])


@pytest.fixture
def thread(space, member):
    return make_thread(space, member)


@pytest.fixture
def post(thread, member):
    return make_post(thread, member)


@pytest.fixture
def reader(db):
    return MembershipFactory(user__first_name="Czytelnik").user
