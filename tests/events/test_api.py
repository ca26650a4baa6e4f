"""/api/v1/events/: visible events, the link for confirmed people only, the public feed, registering by API."""

import pytest
from icalendar import Calendar
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.enums import Audience, EventMode, RegistrationStatus
from zitnet.events.models import Registration

pytestmark = pytest.mark.django_db

LINK = "https://zoom.test/j/77"


def api_as(person=None) -> APIClient:
    client = APIClient()
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_the_list_shows_members_only_events_to_members_only(member):
    EventFactory(title="Webinar otwarty")
    EventFactory(title="Superwizja dla sieci", audience=Audience.MEMBERS)
    EventFactory(title="Szkic", is_published=False)

    assert titles(api_as().get("/api/v1/events/")) == ["Webinar otwarty"]
    assert sorted(titles(api_as(member).get("/api/v1/events/"))) == [
        "Superwizja dla sieci",
        "Webinar otwarty",
    ]
    assert api_as().get("/api/v1/events/").json()["results"][0]["places_taken"] == 0


def test_detail_hides_what_the_reader_may_not_see(user):
    members_only = EventFactory(audience=Audience.MEMBERS)
    assert api_as(user).get(f"/api/v1/events/{members_only.slug}/").status_code == 404
    assert api_as().get("/api/v1/events/nie-ma/").status_code == 404


def test_the_link_to_join_only_for_confirmed_participants_and_organisers(user):
    organiser, waiting = UserFactory(), UserFactory()
    event = EventFactory(mode=EventMode.ONLINE, online_url=LINK, capacity=1, organisers=[organiser])
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(event=event, user=waiting, status=RegistrationStatus.WAITLISTED)
    url = f"/api/v1/events/{event.slug}/"

    assert api_as().get(url).json()["online_url"] is None
    assert api_as(waiting).get(url).json()["online_url"] is None
    assert api_as(user).get(url).json()["online_url"] == LINK
    assert api_as(organiser).get(url).json()["online_url"] == LINK
    assert api_as(user).get("/api/v1/events/").json()["results"][0]["online_url"] == LINK
    assert api_as(waiting).get("/api/v1/events/").json()["results"][0]["online_url"] is None


def test_the_public_feed_is_icalendar_of_public_events():
    EventFactory(title="Konferencja CAL/SCAL", online_url=LINK)
    EventFactory(title="Superwizja", audience=Audience.MEMBERS)

    response = api_as().get("/api/v1/events/feed.ics", HTTP_ACCEPT="text/calendar")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = [str(v["SUMMARY"]) for v in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Konferencja CAL/SCAL"]
    assert LINK.encode() not in response.content


def test_register_and_cancel_by_api_with_refusals_as_400(member, organisation, mailoutbox):
    event = EventFactory(capacity=1)
    client = api_as(member)
    url = f"/api/v1/events/{event.slug}/registration/"

    refused = client.post(url, {"consent": False}, format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert "zgody na przetwarzanie danych" in refused.json()["detail"]  # Polish, the default language

    created = client.post(
        url, {"consent": True, "organisation": organisation.slug, "role": "Kierownik"}, format="json"
    )
    assert created.status_code == 201
    assert (created.json()["status"], created.json()["organisation"]) == ("confirmed", organisation.slug)

    again = client.post(url, {"consent": True}, format="json")
    assert (again.status_code, again.json()["code"]) == (400, "duplicate")

    waiting = api_as(UserFactory()).post(url, {"consent": True}, format="json")
    assert waiting.json()["status"] == "waitlisted"

    mine = client.get("/api/v1/me/registrations/").json()["results"]
    assert [(r["event"]["slug"], r["status"]) for r in mine] == [(event.slug, "confirmed")]

    cancelled = client.delete(url)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 1
    assert client.get("/api/v1/me/registrations/").json()["results"] == []
    assert client.delete(url).status_code == 400


def test_registering_needs_a_login_and_a_visible_event(user):
    event = EventFactory()
    assert api_as().post(f"/api/v1/events/{event.slug}/registration/", {"consent": True}).status_code == 401
    members_only = EventFactory(audience=Audience.MEMBERS)
    response = api_as(user).post(f"/api/v1/events/{members_only.slug}/registration/", {"consent": True})
    assert response.status_code == 404
    assert api_as(user).delete(f"/api/v1/events/{event.slug}/registration/").status_code == 404
    assert api_as().get("/api/v1/me/registrations/").status_code == 401


def test_the_api_index_lists_the_events():
    index = api_as().get("/api/v1/").json()
    assert index["events"].endswith("/api/v1/events/")
    assert index["events_feed"].endswith("/api/v1/events/feed.ics")


# The list is cached per audience (like the HTML list); the links to join are filled in per reader.


def test_the_cached_list_gives_each_reader_only_their_own_links(user, member, coordinator):
    organiser, waiting = UserFactory(), UserFactory()
    event = EventFactory(mode=EventMode.ONLINE, online_url=LINK, capacity=1, organisers=[organiser])
    EventFactory(title="Bez linku")
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(event=event, user=waiting, status=RegistrationStatus.WAITLISTED)

    def link(person) -> str | None:
        rows = api_as(person).get("/api/v1/events/").json()["results"]
        return {row["slug"]: row["online_url"] for row in rows}[event.slug]

    assert link(None) is None  # the first reader fills the cache
    assert (link(user), link(organiser), link(coordinator)) == (LINK, LINK, LINK)
    assert (link(waiting), link(member), link(None)) == (None, None, None)


def test_the_cached_list_shows_a_place_taken_at_once(member, settings):
    settings.ZITNET_DIRECTORY_CACHE_SECONDS = 600
    event = EventFactory(capacity=2)
    assert api_as().get("/api/v1/events/").json()["results"][0]["places_taken"] == 0

    api_as(member).post(f"/api/v1/events/{event.slug}/registration/", {"consent": True}, format="json")

    assert api_as().get("/api/v1/events/").json()["results"][0]["places_taken"] == 1
    assert api_as(member).get("/api/v1/me/registrations/").json()["results"][0]["event"]["slug"] == event.slug
    assert api_as(UserFactory()).get("/api/v1/me/registrations/").json()["results"] == []


def test_the_list_needs_a_few_queries_however_many_events_and_links(user, django_assert_max_num_queries):
    for n in range(60):
        event = EventFactory(mode=EventMode.ONLINE, online_url=f"{LINK}{n}", capacity=None)
        for _ in range(n % 3):
            RegistrationFactory(event=event)
        if n % 2:
            RegistrationFactory(event=event, user=user)
    client = api_as(user)

    with django_assert_max_num_queries(9):  # token, roles, invitations; count, page, places; the links
        first = client.get("/api/v1/events/").json()
    with django_assert_max_num_queries(6):  # cached: the token, the roles, invitations and the reader's links
        again = client.get("/api/v1/events/").json()
    assert first == again
    assert len(first["results"]) == 50
    assert sum(row["online_url"] is not None for row in first["results"]) == 25
