"""Who may see events, register, and see registrations (accessibility needs: the event's organisers only)."""

import rules

from zitnet.accounts.rules import is_member, is_network_coordinator

from .enums import Audience


@rules.predicate
def event_is_visible(user, event) -> bool:
    if event is None or not event.is_published:
        return False
    return event.audience == Audience.PUBLIC or bool(is_member(user))


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
