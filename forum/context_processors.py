"""The unread count of forum notifications for the header's bell: one query, made only when a page shows it,
and once per request however many templates ask."""

from django.utils.functional import SimpleLazyObject

from .notifications import unread_count


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"forum_unread_count": 0}

    def count() -> int:
        if not hasattr(request, "_forum_unread_count"):
            request._forum_unread_count = unread_count(user)
        return request._forum_unread_count

    return {"forum_unread_count": SimpleLazyObject(count)}
