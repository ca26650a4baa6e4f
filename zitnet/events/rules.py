"""Who may see events, register, and see registrations (accessibility needs: the event's organisers only)."""

import rules

from zitnet.accounts.rules import is_member, is_network_coordinator

from .enums import Audience, RegistrationStatus


@rules.predicate
def event_is_visible(user, event) -> bool:
    """Public events to everyone, members-only ones to members; invited-only ones (the Forum's meetings) to
    the people registered for them, their organisers and network coordinators."""
    if event is None or not event.is_published:
        return False
    if event.audience == Audience.PUBLIC:
        return True
    if event.audience == Audience.MEMBERS:
        return bool(is_member(user))
    return bool(is_network_coordinator(user) or is_event_organiser(user, event) or is_invited(user, event))


def is_invited(user, event) -> bool:
    """A registration that is not cancelled (not cached: cancelling hides the event at once)."""
    if not (user and user.is_authenticated and user.is_active) or event is None or event.pk is None:
        return False
    return event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).exists()


@rules.predicate
def is_event_organiser(user, event) -> bool:
    if not (user and user.is_authenticated and user.is_active) or event is None or event.pk is None:
        return False
    cache = user.__dict__.setdefault("_organised_events", {})
    if event.pk not in cache:
        cache[event.pk] = event.organisers.filter(pk=user.pk).exists()
    return cache[event.pk]


rules.add_perm("events.view_event", event_is_visible | is_event_organiser | is_network_coordinator)
rules.add_perm("events.register", rules.is_authenticated & rules.is_active & event_is_visible)
rules.add_perm("events.manage_event", is_event_organiser | is_network_coordinator)
# Special-category data: the organisers of that event, not every coordinator.
rules.add_perm("events.view_accessibility_needs", is_event_organiser)
# Participation reports (totals only, no names): an event's organisers and network coordinators; the report of a
# whole series spans events of several organisers, so network coordinators only.
rules.add_perm("events.view_report", is_event_organiser | is_network_coordinator)
rules.add_perm("events.view_series_report", is_network_coordinator)
# The Leaders' Corps: computing, proposing, swapping, confirming and exporting it (names and e-mails).
rules.add_perm("events.manage_leaders", is_network_coordinator)
# Recording attendance (check-in list, import of an online platform's list) and all attendees' certificates.
rules.add_perm("events.check_in", is_event_organiser | is_network_coordinator)
