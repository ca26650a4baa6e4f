"""Small helpers shared by views: object permission checks."""

from django.core.exceptions import PermissionDenied


def require_perm(request, perm: str, obj=None) -> None:
    """Refuse with 403 unless the user holds `perm` on `obj` (checked on the object, not just the role)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied
