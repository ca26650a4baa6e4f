"""Calendar feeds: the public one, and a person's own behind a signed token (calendar apps cannot log in)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils import timezone

from .enums import Audience, RegistrationStatus
from .models import Event
from .selectors import my_registrations

FEED_SALT = "zitnet.events.feed"
# Recent events stay in the public feed for a while, so a subscriber's calendar keeps what just happened.
PUBLIC_FEED_PAST_DAYS = 60
PUBLIC_FEED_LIMIT = 500


def feed_token(user) -> str:
    return signing.dumps(user.pk, salt=FEED_SALT)


def user_for_token(token: str):
    """The active person a feed token was made for, or None for a forged or stale token."""
    try:
        pk = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def public_feed_events():
    since = timezone.now() - timedelta(days=PUBLIC_FEED_PAST_DAYS)
    return (
        Event.objects.published()
        .filter(audience=Audience.PUBLIC, ends_at__gte=since)
        .select_related("venue")
        .order_by("starts_at", "pk")[:PUBLIC_FEED_LIMIT]
    )


def personal_feed(user) -> tuple[list[Event], set[int]]:
    """The events of the person's active registrations, and those (confirmed) whose link they may see."""
    registrations = list(my_registrations(user).filter(event__is_published=True))
    events = [registration.event for registration in registrations]
    linked = {r.event_id for r in registrations if r.status == RegistrationStatus.CONFIRMED}
    return events, linked
