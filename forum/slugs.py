"""Slugs a space may not take: the fixed first words of the forum's own addresses (forum/urls.py).

A space's page is /dyskusje/<slug>/, after the fixed paths (osoby/, wpisy/, powiadomienia/ …), so a space named
like one of them could never be reached. The words are read from the URLconf itself, so a fixed path added
there is reserved at once."""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def reserved() -> frozenset[str]:
    """The literal first path segments of the forum's URL patterns (lower case)."""
    from . import urls

    words = set()
    for pattern in urls.urlpatterns:
        first = str(pattern.pattern).split("/", 1)[0]
        if first and "<" not in first:
            words.add(first.lower())
    return frozenset(words)


def is_reserved(slug: str) -> bool:
    return (slug or "").lower() in reserved()


def validate_space_slug(value: str) -> None:
    """Model field validator of Space.slug: refuses the reserved words with a message saying why."""
    if is_reserved(value):
        raise ValidationError(
            _(
                "“%(slug)s” is already a fixed part of the forum's addresses, so a space with this slug could "
                "not be opened. Choose another slug."
            ),
            code="reserved",
            params={"slug": value},
        )
