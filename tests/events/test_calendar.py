"""iCalendar: one event as an attachment (the link only on request) and feeds of many events."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from tests.factories import OrganisationFactory
from tests.factories.events import EventFactory
from zitnet.events.calendar import event_ics, feed_ics
from zitnet.events.enums import EventMode

pytestmark = pytest.mark.django_db


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    return calendar, calendar.walk("VEVENT")


def test_one_event_as_icalendar_without_the_link_unless_asked():
    event = EventFactory(
        title="Webinar 1 – Współpraca instytucji kluczem do sukcesu",
        mode=EventMode.ONLINE,
        address="",
        online_url="https://zoom.test/j/24",
        description="Jak łączyć siły szkół i przedszkoli.",
    )

    calendar, [vevent] = parse(event_ics(event))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(vevent["SUMMARY"]) == "Webinar 1 – Współpraca instytucji kluczem do sukcesu"
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTSTART"].dt.tzinfo is not None
    assert vevent["DTEND"].dt == event.ends_at
    assert str(vevent["UID"]) == f"{event.uid}@zitnet"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert str(vevent["DESCRIPTION"]) == "Jak łączyć siły szkół i przedszkoli."
    assert "LOCATION" not in vevent
    assert b"zoom.test" not in event_ics(event)

    _calendar, [with_link] = parse(event_ics(event, with_link=True))
    assert "https://zoom.test/j/24" in str(with_link["DESCRIPTION"])


def test_the_place_comes_from_the_directory_when_no_address_is_given():
    venue = OrganisationFactory(
        name="Urząd Miasta Jelenia Góra", street_address="Plac Ratuszowy 58", city="Jelenia Góra"
    )
    event = EventFactory(address="", venue=venue)

    _calendar, [vevent] = parse(event_ics(event))

    assert str(vevent["LOCATION"]) == event.place
    assert str(vevent["LOCATION"])


def test_a_feed_holds_every_event_given_and_times_are_in_utc():
    events = [
        EventFactory(title="Superwizja 1"),
        EventFactory(title="Superwizja 2", online_url="https://x.test/s"),
    ]

    calendar, vevents = parse(feed_ics(events, name="Wydarzenia ZITnet"))

    assert str(calendar["X-WR-CALNAME"]) == "Wydarzenia ZITnet"
    assert [str(v["SUMMARY"]) for v in vevents] == ["Superwizja 1", "Superwizja 2"]
    assert all(v["DTSTART"].dt.utcoffset() == timedelta(0) for v in vevents)
    assert b"x.test" not in feed_ics(events, name="x")
    assert b"x.test" in feed_ics(events, name="x", with_links=True)


def test_an_empty_feed_is_still_a_calendar():
    calendar, vevents = parse(feed_ics([], name="Pusty"))
    assert vevents == []
    assert str(calendar["PRODID"]).startswith("-//ZITnet//")
