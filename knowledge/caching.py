"""Rendered practice listings and practice pages are cached; any publication or verification starts afresh.

The key carries two version numbers: the library's, bumped when a practice is published, unpublished or deleted,
when a verification changes and when a vocabulary, document or image changes; and the directory's (organisation
names appear on the cards). A cached fragment is therefore never older than the last change. Publishing also
bumps the directory's version, because an organisation's page lists its practices.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from zitnet.core.cache_versions import VersionCounter
from zitnet.directory import caching as directory_caching

VERSION_KEY = "knowledge:practices:version"
_counter = VersionCounter(VERSION_KEY)


def timeout() -> int:
    """Seconds a fragment stays cached; 0 turns the cache off (the directory's setting unless overridden)."""
    return getattr(settings, "ZITNET_KNOWLEDGE_CACHE_SECONDS", settings.ZITNET_DIRECTORY_CACHE_SECONDS)


def get(cache_key: str):
    return cache.get(cache_key) if timeout() else None


def put(cache_key: str, value) -> None:
    if timeout():
        cache.set(cache_key, value, timeout())


def versions() -> tuple[int, int]:
    found = cache.get_many([VERSION_KEY, directory_caching.VERSION_KEY])
    if VERSION_KEY not in found:
        found[VERSION_KEY] = _counter.current()
    if directory_caching.VERSION_KEY not in found:
        found[directory_caching.VERSION_KEY] = directory_caching.version()
    return found[VERSION_KEY], found[directory_caching.VERSION_KEY]


def bump(**_kwargs) -> None:
    """Signal receiver and explicit call: every cached practice listing and page is out of date."""
    _counter.bump()


def bump_with_directory(**kwargs) -> None:
    bump()
    directory_caching.bump()


def key(*parts: str) -> str:
    own, directory = versions()
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"knowledge:practices:{own}:{directory}:{digest}"


def connect() -> None:
    from taggit.models import Tag
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished

    from zitnet.directory.models import ThematicArea

    from .models import (
        CriterionAssessment,
        FundingProgramme,
        PracticeIndexPage,
        PracticePage,
        PracticeVerification,
        ReportPage,
    )

    page_published.connect(bump_with_directory, sender=PracticePage, dispatch_uid="knowledge-cache-published")
    page_unpublished.connect(
        bump_with_directory, sender=PracticePage, dispatch_uid="knowledge-cache-unpublished"
    )
    post_delete.connect(bump_with_directory, sender=PracticePage, dispatch_uid="knowledge-cache-deleted")
    # The library's title and introduction are part of its cached page.
    page_published.connect(bump, sender=PracticeIndexPage, dispatch_uid="knowledge-cache-index-published")
    # A practice page lists the Forum reports that cite it.
    page_published.connect(bump, sender=ReportPage, dispatch_uid="knowledge-cache-report-published")
    page_unpublished.connect(bump, sender=ReportPage, dispatch_uid="knowledge-cache-report-unpublished")
    for model in (
        PracticeVerification,
        CriterionAssessment,
        FundingProgramme,
        ThematicArea,
        Tag,
        get_document_model(),
        get_image_model(),
        PageViewRestriction,  # a page put behind a password must leave the cache at once
        Site,
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"knowledge-cache-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"knowledge-cache-delete-{model.__name__}")
