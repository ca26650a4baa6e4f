"""iCalendar (RFC 5545) for events: one event as an attachment, and feeds (public events, a person's own)."""

from collections.abc import Collection
from datetime import UTC

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//ZITnet//Wydarzenia sieci Związków ZIT//PL"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(event, *, with_link: bool) -> VEvent:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    entry = VEvent()
    entry.add("uid", f"{event.uid}@zitnet")
    entry.add("dtstamp", event.updated_at.astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    place = event.place
    if place:
        entry.add("location", place)
    description = event.description
    if with_link and event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    if description:
        entry.add("description", description)
    entry.add("url", f"{base}{event.get_absolute_url()}")
    return entry


def event_ics(event, *, with_link: bool = False) -> bytes:
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_vevent(event, with_link=with_link))
    return calendar.to_ical()


def feed_ics(events, *, name: str, with_links: bool = False, linked: Collection[int] = ()) -> bytes:
    """`linked`: ids of events whose link to join goes in even when `with_links` is off (a personal feed)."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, with_link=with_links or event.pk in linked))
    return calendar.to_ical()
