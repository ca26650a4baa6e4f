"""Who sees an event, registers, manages it and sees accessibility needs: each predicate and permission."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory
from tests.factories.events import EventFactory
from zitnet.events.enums import Audience
from zitnet.events.rules import event_is_visible, is_event_organiser

pytestmark = pytest.mark.django_db


def test_event_is_visible_public_to_all_members_only_to_members(user, member):
    public, members_only = EventFactory(), EventFactory(audience=Audience.MEMBERS)
    anonymous = AnonymousUser()

    assert [event_is_visible(p, public) for p in (anonymous, user, member)] == [True, True, True]
    assert [event_is_visible(p, members_only) for p in (anonymous, user, member)] == [False, False, True]


def test_an_unpublished_or_missing_event_is_visible_to_nobody_by_this_predicate(member):
    assert not event_is_visible(member, EventFactory(is_published=False))
    assert not event_is_visible(member, None)


def test_is_event_organiser_only_for_the_people_organising_that_event(user):
    organiser = UserFactory()
    event, other = EventFactory(organisers=[organiser]), EventFactory()

    assert is_event_organiser(organiser, event)
    assert not is_event_organiser(organiser, other)
    assert not is_event_organiser(user, event)
    assert not is_event_organiser(AnonymousUser(), event)
    assert not is_event_organiser(organiser, None)


def test_an_inactive_organiser_is_no_organiser():
    organiser = UserFactory(is_active=False)
    assert not is_event_organiser(organiser, EventFactory(organisers=[organiser]))


def test_view_event(user, member, coordinator):
    organiser = UserFactory()
    draft = EventFactory(is_published=False, audience=Audience.MEMBERS, organisers=[organiser])

    assert not AnonymousUser().has_perm("events.view_event", draft)
    assert not member.has_perm("events.view_event", draft)
    assert organiser.has_perm("events.view_event", draft)
    assert coordinator.has_perm("events.view_event", draft)
    assert user.has_perm("events.view_event", EventFactory())


def test_register_needs_a_login_and_a_visible_event(user, member):
    public, members_only = EventFactory(), EventFactory(audience=Audience.MEMBERS)

    assert not AnonymousUser().has_perm("events.register", public)
    assert user.has_perm("events.register", public)
    assert not user.has_perm("events.register", members_only)
    assert member.has_perm("events.register", members_only)
    assert not member.has_perm("events.register", EventFactory(is_published=False))


def test_manage_event_for_its_organisers_and_network_coordinators(member, coordinator):
    organiser = UserFactory()
    event = EventFactory(organisers=[organiser])

    assert organiser.has_perm("events.manage_event", event)
    assert coordinator.has_perm("events.manage_event", event)
    assert not member.has_perm("events.manage_event", event)
    assert not organiser.has_perm("events.manage_event", EventFactory())


def test_accessibility_needs_only_for_the_organisers_of_that_event_not_coordinators(coordinator):
    organiser = UserFactory()
    event = EventFactory(organisers=[organiser])

    assert organiser.has_perm("events.view_accessibility_needs", event)
    assert not coordinator.has_perm("events.view_accessibility_needs", event)
    assert not organiser.has_perm("events.view_accessibility_needs", EventFactory())
