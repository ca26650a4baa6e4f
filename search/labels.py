"""Human labels of facet values: the index stores codes (a thematic area's code, a TERYT voivodeship code …),
people read names. Names that live in the database are read once per language and kept in the cache for a few
minutes; the others come from the enums and the registry."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from search import registry

CACHE_SECONDS = 300

# The facet names as the filters on the page and in the API call them.
FACET_TITLES = {
    "type": _("Content type"),
    "thematic_area": _("Thematic area"),
    "tag": _("Tag"),
    "voivodeship": _("Voivodeship"),
    "organisation_kind": _("Kind of organisation"),
    "programme": _("Funding programme"),
    "principle": _("Horizontal principle"),
    "year": _("Year"),
}


def _thematic_areas() -> dict[str, str]:
    from zitnet.directory.models import ThematicArea

    return {area.code: area.name for area in ThematicArea.objects.all()}


def _programmes() -> dict[str, str]:
    from knowledge.models import FundingProgramme

    return dict(FundingProgramme.objects.values_list("code", "name"))


def _choices(enum) -> dict[str, str]:
    return {str(value): str(label) for value, label in enum.choices}


def _voivodeships() -> dict[str, str]:
    from zitnet.directory.enums import Voivodeship

    return _choices(Voivodeship)


def _organisation_kinds() -> dict[str, str]:
    from zitnet.directory.enums import OrganisationKind

    return _choices(OrganisationKind)


def _principles() -> dict[str, str]:
    from knowledge.enums import HorizontalPrinciple

    return _choices(HorizontalPrinciple)


def _types() -> dict[str, str]:
    return {content_type.name: str(content_type.label_plural) for content_type in registry.types()}


_TABLES = {
    "thematic_area": (_thematic_areas, True),
    "programme": (_programmes, True),
    "voivodeship": (_voivodeships, False),
    "organisation_kind": (_organisation_kinds, False),
    "principle": (_principles, False),
    "type": (_types, False),
}


def table(facet: str) -> dict[str, str]:
    """value → label for one facet in the current language; empty for facets shown as they are (tag, year)."""
    if facet not in _TABLES:
        return {}
    compute, from_database = _TABLES[facet]
    if not from_database:
        return compute()
    key = f"search:labels:{facet}:{get_language() or 'pl'}"
    labels = cache.get(key)
    if labels is None:
        labels = compute()
        cache.set(key, labels, CACHE_SECONDS)
    return labels


def label(facet: str, value: str) -> str:
    return table(facet).get(str(value), str(value))


def type_label(type_name: str) -> str:
    """The singular label of a content type, shown on each hit."""
    content_type = registry.get(type_name)
    return str(content_type.label) if content_type else type_name


def facet_title(facet: str) -> str:
    return str(FACET_TITLES.get(facet, facet))
