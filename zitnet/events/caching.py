"""The rendered results of event listings are cached per query, language, audience and minute; any change to
events or registrations (free places) starts a new version, so a cached list is never older than the last change."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from zitnet.core.cache_versions import VersionCounter

_counter = VersionCounter("events:version")


def timeout() -> int:
    # The same knob as the directory and knowledge caches (ZITNET_DIRECTORY_CACHE_SECONDS; 0 turns it off).
    return settings.ZITNET_DIRECTORY_CACHE_SECONDS


def key(*parts: str) -> str:
    # The minute is part of the key: "upcoming" moves with the clock even when nothing is written.
    minute = timezone.now().strftime("%Y%m%d%H%M")
    digest = hashlib.sha256("\x1f".join((minute, *parts)).encode()).hexdigest()[:32]
    return f"events:list:{_counter.current()}:{digest}"


def get(cache_key: str):
    return cache.get(cache_key) if timeout() else None


def put(cache_key: str, value) -> None:
    if timeout():
        cache.set(cache_key, value, timeout())


def bump(**_kwargs) -> None:
    _counter.bump()


def connect() -> None:
    from .models import Event, EventSeries, Registration

    for model in (Event, EventSeries, Registration):
        post_save.connect(bump, sender=model, dispatch_uid=f"events-cache-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"events-cache-delete-{model.__name__}")
