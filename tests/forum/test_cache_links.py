"""The cached practice page shows the discussions about it as they are: a new public thread at once, a thread
moved out of public view gone at once, and a space opened to everyone with its threads at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import moderation, services
from forum.enums import Visibility
from forum.models import Space
from knowledge import caching
from tests.factories import MembershipFactory
from tests.factories.knowledge import make_practice

pytestmark = pytest.mark.django_db

TITLE = "Jak przenieść CUS do naszego MOF?"


@pytest.fixture
def veteran(db):
    person = MembershipFactory(user__first_name="Maria").user
    person.date_joined = timezone.now() - timedelta(days=90)
    person.save(update_fields=["date_joined"])
    return person


@pytest.fixture
def practice(db):
    return make_practice(title="Centrum usług społecznych w Wałbrzychu")


def space(slug: str, visibility: str) -> Space:
    return Space.objects.create(title=f"Przestrzeń {slug}", slug=slug, visibility=visibility)


def anonymous_page(client, practice) -> str:
    response = client.get(practice.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_public_thread_about_a_practice_shows_on_its_cached_page_at_once(
    client, veteran, practice, django_capture_on_commit_callbacks
):
    public = space("otwarta", Visibility.PUBLIC)
    assert TITLE not in anonymous_page(client, practice)  # the page is cached now

    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(
            actor=veteran,
            space=public,
            title=TITLE,
            body="Chcemy skorzystać z ich doświadczeń.",
            practice=practice,
        )

    page = anonymous_page(client, practice)
    assert TITLE in page
    assert thread.get_absolute_url() in page


def test_a_thread_moved_out_of_public_view_leaves_the_cached_page_at_once(
    client, veteran, coordinator, practice, django_capture_on_commit_callbacks
):
    public, members = space("otwarta", Visibility.PUBLIC), space("dla-czlonkow", Visibility.MEMBERS)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.start_thread(
            actor=veteran, space=public, title=TITLE, body="Pytanie do autorów.", practice=practice
        )
    assert TITLE in anonymous_page(client, practice)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.move(actor=coordinator, thread=thread, to_space=members, reason="Sprawy wewnętrzne sieci.")

    assert TITLE not in anonymous_page(client, practice)


def test_a_space_opened_to_everyone_brings_its_threads_to_the_cached_page(
    client, veteran, practice, django_capture_on_commit_callbacks
):
    members = space("dla-czlonkow", Visibility.MEMBERS)
    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(
            actor=veteran, space=members, title=TITLE, body="Na razie w gronie.", practice=practice
        )
    assert TITLE not in anonymous_page(client, practice)

    members.visibility = Visibility.PUBLIC
    with django_capture_on_commit_callbacks(execute=True):
        members.save()

    assert TITLE in anonymous_page(client, practice)

    members.visibility = Visibility.PRIVATE
    with django_capture_on_commit_callbacks(execute=True):
        members.save(update_fields=["visibility"])

    assert TITLE not in anonymous_page(client, practice)


def test_threads_no_anonymous_page_shows_leave_the_library_cache_alone(
    client, veteran, practice, django_capture_on_commit_callbacks
):
    public, members = space("otwarta", Visibility.PUBLIC), space("dla-czlonkow", Visibility.MEMBERS)
    anonymous_page(client, practice)
    before = caching.versions()

    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(actor=veteran, space=public, title="Ogólne pytanie", body="O nic konkretnego.")
        linked = services.start_thread(
            actor=veteran, space=members, title=TITLE, body="W gronie członków.", practice=practice
        )
        services.reply(
            actor=veteran, thread=linked, body="Uzupełnienie.", now=timezone.now() + timedelta(days=1)
        )

    assert caching.versions() == before
    assert TITLE not in anonymous_page(client, practice)


def test_an_organisation_page_lists_a_new_thread_about_it_at_once(
    client, veteran, organisation, django_capture_on_commit_callbacks
):
    public = space("otwarta", Visibility.PUBLIC)
    assert TITLE not in client.get(organisation.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.start_thread(
            actor=veteran,
            space=public,
            title=TITLE,
            body="Pytanie do stowarzyszenia.",
            organisation=organisation,
        )

    assert TITLE in client.get(organisation.get_absolute_url()).content.decode()
