"""Small helpers shared by views: object permission checks, query strings for pagination links."""

from django.core.exceptions import PermissionDenied


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse with 403 unless the user holds `perm` on `obj` (checked on the object, not just the role)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def querystring_without(request, *names) -> str:
    """The request's query string without `names` (e.g. "page"), for links that keep the other filters."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
