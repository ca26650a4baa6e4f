"""Who may find what: the tokens of a user, matched against each document's one audience token."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from search.types import MEMBERS, PUBLIC

_extra_providers = []


def register_audience_provider(provider) -> None:
    """Later apps add tokens (e.g. "space:<id>" for the forum spaces a user may read): provider(user) → set."""
    _extra_providers.append(provider)


def tokens_for(user) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset({PUBLIC})
    tokens = {PUBLIC, MEMBERS}
    restrictions = PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.GROUPS)
    if not user.is_superuser:
        restrictions = restrictions.filter(groups__in=user.groups.all())
    tokens.update(f"restriction:{pk}" for pk in restrictions.values_list("pk", flat=True).distinct())
    for provider in _extra_providers:
        tokens.update(provider(user))
    return frozenset(tokens)
