"""Cached pages that list discussions follow the threads linked to them.

A practice page lists the threads about it (`{% forum_discussions %}`), and anonymous visitors get that page
from the library's cache (knowledge.caching). So when a thread linked to a practice is started, changed in what
the list shows (title, last post), moved to another space, deleted, or its space changes who reads it, the
library's cache version is bumped (after the commit too, see zitnet.core.cache_versions): the next visitor sees
the list as it is. Threads linked to no practice bump nothing, and for a thread that stays in a space anonymous
visitors cannot read, only a move may matter (it may have left a public space).

Organisation and challenge pages need nothing here: their lists of discussions are rendered for every request,
outside the cached part of the page.

The receivers connect when `ForumConfig.ready()` imports this module."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .enums import Visibility
from .models import Space, Thread

# Fields of a thread that the cached list shows or orders by; a save of other fields (post counts, pinning,
# locking) changes nothing there.
SHOWN = frozenset({"title", "last_post_at", "practice", "space"})
# Fields of a space that change the cached lists: who may read its threads, and its name and address there.
SPACE_SHOWN = frozenset({"visibility", "title", "slug"})


def _bump() -> None:
    from knowledge import caching

    caching.bump()


def _is_public(thread: Thread) -> bool:
    if Thread.space.is_cached(thread) and thread.space.pk == thread.space_id:
        return thread.space.visibility == Visibility.PUBLIC
    return Space.objects.filter(pk=thread.space_id, visibility=Visibility.PUBLIC).exists()


@receiver(post_save, sender=Thread, dispatch_uid="forum.cache_links.thread_saved")
def _thread_saved(sender, instance: Thread, created: bool, update_fields=None, raw: bool = False, **kwargs):
    if raw or instance.practice_id is None:
        return
    fields = None if update_fields is None else frozenset(update_fields)
    if fields is not None and not fields & SHOWN:
        return
    # Saved whole or moved: the thread may have left a public space, so its old page lists it no longer.
    moved = not created and (fields is None or "space" in fields)
    if moved or _is_public(instance):
        _bump()


@receiver(post_delete, sender=Thread, dispatch_uid="forum.cache_links.thread_deleted")
def _thread_deleted(sender, instance: Thread, **kwargs):
    if instance.practice_id is not None:
        _bump()


@receiver(post_save, sender=Space, dispatch_uid="forum.cache_links.space_saved")
def _space_saved(sender, instance: Space, created: bool, update_fields=None, raw: bool = False, **kwargs):
    if raw or created:
        return  # a new space has no threads yet
    if update_fields is not None and not frozenset(update_fields) & SPACE_SHOWN:
        return
    if Thread.objects.filter(space=instance, practice__isnull=False).exists():
        _bump()
