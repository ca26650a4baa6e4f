"""Rendered directory listings are cached per query and language; any change to the directory starts afresh.

The key carries a version number that every write to a directory model bumps (signals below), so a cached
listing is never older than the last change. Only the parts that are the same for every visitor are cached.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from zitnet.core.cache_versions import VersionCounter

VERSION_KEY = "directory:version"
_counter = VersionCounter(VERSION_KEY)


def timeout() -> int:
    """Seconds a rendered listing stays cached; 0 turns the cache off (ZITNET_DIRECTORY_CACHE_SECONDS)."""
    return settings.ZITNET_DIRECTORY_CACHE_SECONDS


def get(cache_key: str):
    return cache.get(cache_key) if timeout() else None


def put(cache_key: str, value) -> None:
    if timeout():
        cache.set(cache_key, value, timeout())


def version() -> int:
    return _counter.current()


def bump(**_kwargs) -> None:
    """Signal receiver and explicit call: everything cached so far is out of date."""
    _counter.bump()


def key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"directory:page:{version()}:{digest}"


def connect() -> None:
    from zitnet.accounts.models import Membership

    from .models import Contact, CooperationEntry, ExpertiseTag, Organisation, Service, TaggedExpertise

    for model in (
        Organisation,
        Service,
        CooperationEntry,
        Contact,
        TaggedExpertise,
        ExpertiseTag,
        Membership,
    ):
        post_save.connect(bump, sender=model, dispatch_uid=f"directory-cache-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"directory-cache-delete-{model.__name__}")
    for through in (Organisation.associations.through, Service.target_groups.through):
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"directory-cache-m2m-{through.__name__}")
