"""Shared fixtures: people in each role, logged-in clients, a clean cache per test."""

import pytest
from django.core.cache import cache

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, grant, with_totp
from zitnet.accounts.enums import GlobalRole, MembershipRole


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits live in the cache; each test starts with none used (Redis is shared in CI).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Stowarzyszenie Aglomeracja Kalisko-Ostrowska", slug="ako", short_name="ZIT AKO"
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Miasto Jelenia Góra", slug="jelenia-gora", short_name="Jelenia Góra")


@pytest.fixture
def user(db):
    """A signed-up person with no organisation yet."""
    return UserFactory(first_name="Jan", last_name="Kowalski")


@pytest.fixture
def member(db, organisation):
    return MembershipFactory(organisation=organisation, user__first_name="Maria").user


@pytest.fixture
def editor(db, organisation):
    return MembershipFactory(
        organisation=organisation, role=MembershipRole.EDITOR, user__first_name="Ewa"
    ).user


@pytest.fixture
def coordinator(db):
    person = grant(UserFactory(first_name="Koordynatorka"), GlobalRole.NETWORK_COORDINATOR)
    with_totp(person)
    return person


@pytest.fixture
def client_for(client):
    """A fresh test client logged in as the given user (2FA passed for those who have it)."""
    from django.test import Client

    def make(person):
        c = Client()
        c.force_login(person)
        return c

    return make
