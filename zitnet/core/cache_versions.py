"""Version counters kept in the cache: a cache key that carries one is never older than the last change it counts.

A write bumps the counter right away (for readers inside the same transaction) and again after the commit, so a
page rendered from data read before the commit is never stored under the new version."""

from django.core.cache import cache
from django.db import transaction


class VersionCounter:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, 1, None)
            value = cache.get(self.key, 1)
        return value

    def bump(self) -> None:
        transaction.on_commit(self._increment)
        self._increment()

    def _increment(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # evicted or never set
            cache.set(self.key, 2, None)
