"""Invited-only events (the Forum's meetings): seen by the people registered for them, their organisers and
network coordinators only — in the list (also when it comes from the cache), the event page, the feeds and the
API; nobody registers or cancels through the events pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import MembershipFactory, UserFactory, grant, with_totp
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.accounts.enums import GlobalRole
from zitnet.events.enums import Audience, EventKind, RegistrationStatus
from zitnet.events.feeds import feed_token
from zitnet.events.models import Event, Registration
from zitnet.events.rules import event_is_visible

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")
API_LIST = "/api/v1/events/"
MEETING = "Spotkanie przygotowawcze Forum Oceny i Współpracy"
OPEN_EVENT = "Warsztat: zasady horyzontalne w MOF"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def meeting(db):
    start = timezone.now() + timedelta(days=8)
    return EventFactory(
        title=MEETING,
        slug="spotkanie-przygotowawcze-forum",
        kind=EventKind.FORUM_MEETING,
        audience=Audience.INVITED,
        capacity=None,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_opens_at=start,
        registration_closes_at=start,
    )


@pytest.fixture
def people(meeting, member, organisation):
    """An invited member, an invited expert with no organisation, a member whose invitation was withdrawn,
    a member not invited, the meeting's organiser and a network coordinator (no organisation either)."""
    invited = MembershipFactory(organisation=organisation, user__first_name="Zaproszona").user
    expert = UserFactory(first_name="Ekspertka")
    withdrawn = MembershipFactory(organisation=organisation, user__first_name="Wycofana").user
    organiser = UserFactory(first_name="Organizatorka")
    coordinator = grant(UserFactory(first_name="Koordynatorka"), GlobalRole.NETWORK_COORDINATOR)
    with_totp(coordinator)
    RegistrationFactory(event=meeting, user=invited)
    RegistrationFactory(event=meeting, user=expert)
    RegistrationFactory(
        event=meeting, user=withdrawn, status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now()
    )
    meeting.organisers.add(organiser)
    EventFactory(title=OPEN_EVENT)
    return {
        "invited": invited,
        "expert": expert,
        "withdrawn": withdrawn,
        "stranger": member,
        "organiser": organiser,
        "coordinator": coordinator,
    }


def fresh(user):
    # Roles and memberships are cached on the instance; a request gets its own.
    return type(user).objects.get(pk=user.pk)


def listing(client) -> str:
    response = client.get(LIST)
    assert response.status_code == 200
    return response.content.decode()


def api_as(person=None) -> APIClient:
    client = APIClient()
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


def api_titles(response) -> list[str]:
    assert response.status_code == 200
    return [row["title"] for row in response.json()["results"]]


def feed_titles(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(c["summary"]) for c in calendar.walk() if c.name == "VEVENT"]


def test_visible_to_and_the_predicate_agree_on_who_sees_an_invited_event(meeting, people):
    from django.contrib.auth.models import AnonymousUser

    may_see = {"invited", "expert", "organiser", "coordinator"}
    for name, person in [*people.items(), ("anonymous", AnonymousUser())]:
        person = fresh(person) if person.pk else person
        listed = Event.objects.visible_to(person).filter(pk=meeting.pk).exists()
        assert listed == (name in may_see), name
        assert bool(event_is_visible(person, meeting)) == (name in may_see), name
        assert person.has_perm("events.view_event", meeting) == (name in may_see), name


def test_an_unpublished_invited_event_is_hidden_even_from_the_invited(meeting, people):
    meeting.is_published = False
    meeting.save()
    assert not Event.objects.visible_to(fresh(people["invited"])).filter(pk=meeting.pk).exists()
    assert not event_is_visible(fresh(people["invited"]), meeting)


def test_the_event_page_is_404_for_those_not_invited_and_shows_no_registration_form(
    client, client_for, meeting, people
):
    url = meeting.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client_for(people["stranger"]).get(url).status_code == 404
    assert client_for(people["withdrawn"]).get(url).status_code == 404
    assert (
        client_for(people["stranger"]).get(reverse("events:event_ics", args=[meeting.slug])).status_code
        == 404
    )

    page = client_for(people["invited"]).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert MEETING in text
    assert "You are invited to this meeting." in text
    assert "by invitation only" in text
    assert 'action="/wydarzenia/spotkanie-przygotowawcze-forum/zapisz/"' not in text
    assert "Cancel my registration" not in text

    page = client_for(people["organiser"]).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This meeting is by invitation only: the Forum registers the people it invites." in page
    assert 'name="consent"' not in page


def test_registering_or_cancelling_through_the_events_pages_is_refused(client_for, meeting, people):
    coordinator = client_for(people["coordinator"])  # with TOTP set up: see the fixture
    response = coordinator.post(
        reverse("events:register", args=[meeting.slug]), {"consent": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "This meeting is by invitation only" in response.content.decode()
    assert not Registration.objects.filter(event=meeting, user=people["coordinator"]).exists()

    response = client_for(people["invited"]).post(
        reverse("events:cancel", args=[meeting.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "to decline, write to the Forum&#x27;s coordinators" in response.content.decode()
    assert (
        Registration.objects.get(event=meeting, user=people["invited"]).status == RegistrationStatus.CONFIRMED
    )


def test_the_cached_list_never_leaks_an_invited_event(client, client_for, meeting, people, settings):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 600
    # The invited person renders the list first: it must not become the members' or the public's list.
    assert MEETING in listing(client_for(people["invited"]))
    assert MEETING in listing(client_for(people["expert"]))
    stranger = listing(client_for(people["stranger"]))
    assert OPEN_EVENT in stranger and MEETING not in stranger
    assert MEETING not in listing(client)
    # And the other way round: a members' list already cached does not hide the meeting from the invited.
    assert MEETING in listing(client_for(people["invited"]))
    assert MEETING in listing(client_for(people["organiser"]))
    assert MEETING not in listing(client_for(people["withdrawn"]))


def test_coordinators_see_every_event_in_the_list_without_changing_the_public_one(
    client, client_for, meeting, people, settings
):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 600
    EventFactory(title="Superwizja dla sieci", audience=Audience.MEMBERS)
    seen = listing(client_for(people["coordinator"]))
    assert MEETING in seen and "Superwizja dla sieci" in seen
    public = listing(client)
    assert OPEN_EVENT in public
    assert MEETING not in public and "Superwizja dla sieci" not in public


def test_the_api_lists_an_invited_event_to_the_invited_only_and_never_shares_their_list(
    meeting, people, settings
):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 600
    supervision = EventFactory(title="Superwizja dla sieci", audience=Audience.MEMBERS).title
    every = sorted([OPEN_EVENT, MEETING, supervision])
    # Those who see more ask first: a cached page of theirs must not become anyone else's.
    assert sorted(api_titles(api_as(people["coordinator"]).get(API_LIST))) == every
    assert sorted(api_titles(api_as(people["invited"]).get(API_LIST))) == every
    assert api_titles(api_as().get(API_LIST)) == [OPEN_EVENT]
    assert sorted(api_titles(api_as(people["stranger"]).get(API_LIST))) == sorted([OPEN_EVENT, supervision])
    assert sorted(api_titles(api_as(people["withdrawn"]).get(API_LIST))) == sorted([OPEN_EVENT, supervision])
    # And the other way round: a page cached for the public does not hide the meeting from an invited expert.
    assert sorted(api_titles(api_as(people["expert"]).get(API_LIST))) == sorted([OPEN_EVENT, MEETING])


def test_the_api_shows_an_invited_event_and_the_registration_to_the_invited_only(meeting, people):
    detail = f"/api/v1/events/{meeting.slug}/"
    assert api_as().get(detail).status_code == 404
    assert api_as(people["stranger"]).get(detail).status_code == 404
    assert api_as(people["withdrawn"]).get(detail).status_code == 404
    shown = api_as(people["invited"]).get(detail)
    assert shown.status_code == 200
    assert shown.json()["audience"] == "invited"
    assert shown.json()["registration_open"] is False
    mine = api_as(people["invited"]).get("/api/v1/me/registrations/").json()
    rows = mine["results"] if isinstance(mine, dict) else mine
    assert [row["event"]["title"] for row in rows] == [MEETING]


def test_feeds_public_without_it_personal_with_it(client, meeting, people):
    assert feed_titles(client.get(reverse("events:public_feed"))) == [OPEN_EVENT]
    assert feed_titles(client.get("/api/v1/events/feed.ics")) == [OPEN_EVENT]
    personal = client.get(reverse("events:personal_feed", args=[feed_token(people["invited"])]))
    assert feed_titles(personal) == [MEETING]
    assert (
        feed_titles(client.get(reverse("events:personal_feed", args=[feed_token(people["withdrawn"])]))) == []
    )


def test_my_events_shows_the_meeting_to_the_invited(client_for, meeting, people):
    page = client_for(people["invited"]).get(reverse("events:mine")).content.decode()
    assert MEETING in page
    assert MEETING not in client_for(people["withdrawn"]).get(reverse("events:mine")).content.decode()


def test_the_api_refuses_to_register_for_or_cancel_an_invitation(meeting, people):
    url = f"{API_LIST}{meeting.slug}/registration/"
    response = api_as(people["invited"]).delete(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "by invitation" in str(response.json())
    assert (
        Registration.objects.get(event=meeting, user=people["invited"]).status == RegistrationStatus.CONFIRMED
    )
    response = api_as(people["coordinator"]).post(
        url, {"consent": True}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "by invitation only" in str(response.json())
    assert not Registration.objects.filter(event=meeting, user=people["coordinator"]).exists()
