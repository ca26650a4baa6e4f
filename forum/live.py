"""Live updates of the forum over Channels: what is broadcast after a commit, and how a post is rendered for the
open thread views.

Every write persists first; `forum.events` calls `broadcast_post` only once its transaction has committed. The
group message carries ids, never text: each server process renders a post once per kind of reader (what the
thread page would show them: reader, writer, moderator, the author, in their language) and every socket of that
kind gets the same frame. Channel layers deliver at most once, so the client fetches what it missed after a
reconnect (`views.public.thread_since`); nothing here has to be reliable for the pages to be right.

Groups: `forum.thread.<id>` (the sockets of an open thread), `forum.space.<id>` (the same sockets, by space: told
to check their access again when the space changes) and `forum.user.<id>` (every socket of a person: the bell,
and the end of their session).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from collections import Counter, OrderedDict
from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete
from django.utils import timezone, translation

from . import events, rendering, selectors
from .models import Post, PostReaction, ThreadReader

logger = logging.getLogger("zitnet.forum.live")

# Rows of readers whose heartbeat stopped this long ago no longer count (the client beats every 30 s).
PRESENCE_TTL = timedelta(seconds=75)
# Presence is sent at most this often per thread and process: 500 people opening a thread cost a few frames.
PRESENCE_DEBOUNCE_S = 1.0
# "Reading now" names at most this many people, then says how many more: 500 readers cost a short frame.
PRESENCE_NAMES = 12
# Posts of a page (forum.views.public.POSTS_PER_PAGE): reply links of a live post open its page.
POSTS_PER_PAGE = 50


def thread_group(thread_id: int) -> str:
    return f"forum.thread.{thread_id}"


def space_group(space_id: int) -> str:
    return f"forum.space.{space_id}"


def user_group(user_id: int) -> str:
    return f"forum.user.{user_id}"


# ---------------------------------------------------------------------------------------------------------
# Sending (sync code, after commit)


def _send(group: str, message: dict) -> None:
    _send_many([(group, message)])


def _send_many(messages: list[tuple[str, dict]]) -> None:
    """group_send from sync code, all in one trip to the event loop (a post can notify dozens of people). A
    broken layer is logged, never an error for the person who wrote: the post is stored, and open pages catch up
    when they reconnect."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def send_all() -> None:
        results = await asyncio.gather(
            *(layer.group_send(group, message) for group, message in messages), return_exceptions=True
        )
        for (group, _message), result in zip(messages, results, strict=True):
            if isinstance(result, BaseException):
                logger.warning("live update to %s not sent", group, exc_info=result)

    try:
        async_to_sync(send_all)()
    except Exception:  # noqa: BLE001 - any layer failure (Redis down, full) must not undo a committed write
        logger.warning("live updates not sent", exc_info=True)


def _now() -> str:
    return timezone.now().isoformat()


def broadcast_post(post_id: int, thread_id: int, kind: str) -> None:
    """Listener of forum.events: tell the thread's open views that a post changed. The frames for the kinds of
    reader this process has on the thread are rendered here first, in the thread that wrote the post: its
    sockets then send at once instead of each process's first socket asking the database."""
    message = {
        "type": "forum.post",
        "event": uuid.uuid4().hex,
        "kind": kind,
        "post": post_id,
        "thread": thread_id,
        "at": _now(),
    }
    if kind == events.REACTED:
        rows = PostReaction.objects.filter(post_id=post_id).values("kind").annotate(n=Count("pk"))
        message["reactions"] = {row["kind"]: row["n"] for row in rows}
    else:
        message["author"] = Post.objects.filter(pk=post_id).values_list("author_id", flat=True).first()
    if kind == events.MOVED:
        # The thread is somewhere else now: its sockets check whether their reader may still follow it.
        message["type"] = "forum.access"
    elif kind != events.REACTED:
        _prerender(message)
    _send(thread_group(thread_id), message)


def _prerender(message: dict) -> None:
    for viewer, is_author in local_viewers.kinds(message["thread"], author_id=message["author"]):
        try:
            text = render_post_frame(
                message["post"],
                message["thread"],
                message["kind"],
                message["at"],
                viewer,
                is_author=is_author,
            )
        except Exception:  # noqa: BLE001 - the sockets render it themselves, as other processes do
            logger.warning("live frame not rendered ahead", exc_info=True)
            return
        frames.put(frame_key(message, viewer, is_author=is_author), text)


class LocalViewers:
    """The kinds of reader (and their people) with a thread open in this process, kept by the sockets (in the
    event loop's thread) and read by the thread that writes a post."""

    # More kinds than this on one thread (languages × permissions × authors) are rendered by the sockets.
    MAX_KINDS = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: dict[int, Counter] = {}

    def add(self, thread_id: int, viewer: Viewer, user_id: int | None) -> None:
        with self._lock:
            self._threads.setdefault(thread_id, Counter())[(viewer, user_id)] += 1

    def remove(self, thread_id: int, viewer: Viewer, user_id: int | None) -> None:
        with self._lock:
            readers = self._threads.get(thread_id)
            if readers is None:
                return
            readers[(viewer, user_id)] -= 1
            if readers[(viewer, user_id)] <= 0:
                del readers[(viewer, user_id)]
            if not readers:
                del self._threads[thread_id]

    def kinds(self, thread_id: int, *, author_id: int | None) -> list[tuple[Viewer, bool]]:
        with self._lock:
            readers = list(self._threads.get(thread_id, ()))
        kinds = {(viewer, author_id is not None and user_id == author_id) for viewer, user_id in readers}
        return sorted(kinds, key=repr)[: self.MAX_KINDS]


local_viewers = LocalViewers()


def thread_changed(thread) -> None:
    """After commit: the thread was locked, unlocked, pinned or unpinned; open views re-read what they may do."""
    thread_id = thread.pk
    transaction.on_commit(lambda: _send(thread_group(thread_id), {"type": "forum.access", "kind": "thread"}))


def access_changed(space_id: int) -> None:
    """After commit: who may read or write in a space changed (members, visibility, archiving); its open sockets
    check again and close where the reader lost access."""
    transaction.on_commit(lambda: _send(space_group(space_id), {"type": "forum.access", "kind": "space"}))


def unread_changed(user_ids, *, new: bool) -> None:
    """After commit: these people's unread notifications changed (`new`: a notification arrived, which the bell
    announces; otherwise some were read)."""
    ids = sorted({user_id for user_id in user_ids if user_id is not None})
    if not ids:
        return

    transaction.on_commit(
        lambda: _send_many([(user_group(user_id), {"type": "forum.unread", "new": new}) for user_id in ids])
    )


def session_ended(user_id: int, session_key: str | None) -> None:
    """The person logged out (one session) or lost their account (every session: `session_key` None)."""
    _send(user_group(user_id), {"type": "forum.session_ended", "session": session_key})


def connect() -> None:
    """Wire the broadcasts: post changes (forum.events), and every change of who may read what."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.signals import user_logged_out
    from django.db.models.signals import m2m_changed, post_save, pre_save

    from zitnet.accounts.models import Membership, RoleGrant

    from .models import Space

    events.listen(broadcast_post)
    post_save.connect(_space_saved, sender=Space, dispatch_uid="forum-live-space")
    for through in (Space.members.through, Space.moderators.through):
        m2m_changed.connect(
            _space_people_changed, sender=through, dispatch_uid=f"forum-live-{through.__name__}"
        )
    pre_save.connect(_note_password_change, sender=get_user_model(), dispatch_uid="forum-live-password")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="forum-live-user")
    for model in (Membership, RoleGrant):
        post_save.connect(_person_access_changed, sender=model, dispatch_uid=f"forum-live-{model.__name__}")
        post_delete.connect(
            _person_access_changed, sender=model, dispatch_uid=f"forum-live-{model.__name__}-d"
        )
    user_logged_out.connect(_logged_out, dispatch_uid="forum-live-logout")


def _space_saved(sender, instance, created, **kwargs) -> None:
    if not created:
        access_changed(instance.pk)


def _space_people_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        access_changed(instance.pk)
    else:  # user.forum_spaces.add(space): the spaces are in pk_set
        for space_id in pk_set or ():
            access_changed(space_id)
        if action == "post_clear":
            _person_changed(instance.pk)


def _person_changed(user_id: int) -> None:
    transaction.on_commit(lambda: _send(user_group(user_id), {"type": "forum.access", "kind": "person"}))


def _person_access_changed(sender, instance, **kwargs) -> None:
    """A membership or role changed: the person's open threads check again (members-only spaces, moderation)."""
    if instance.user_id is not None:
        _person_changed(instance.user_id)


def _note_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a person is saved: is their password changing? (A login saves only last_login: not asked.)"""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = type(instance).objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance.__dict__["_forum_password_changed"] = stored is not None and stored != instance.password


def _user_saved(sender, instance, created, **kwargs) -> None:
    user_id = instance.pk
    if not created and not instance.is_active:
        transaction.on_commit(lambda: session_ended(user_id, None))
    elif instance.__dict__.pop("_forum_password_changed", False):
        # Django ends the other sessions at their next request; their open sockets end now. The session that
        # changed the password keeps its sockets (its hash was updated with the password).
        transaction.on_commit(lambda: _send(user_group(user_id), {"type": "forum.credentials"}))


def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None and getattr(request, "session", None) is not None:
        user_id, key = user.pk, request.session.session_key
        transaction.on_commit(lambda: session_ended(user_id, key))


# ---------------------------------------------------------------------------------------------------------
# Rendering for readers (sync, run once per event, kind of reader and language in each process)


@dataclass(frozen=True)
class Viewer:
    """What a socket's reader may do in its thread: this, not the person, decides what a post looks like to them
    (besides being its author)."""

    signed_in: bool
    can_reply: bool
    can_react: bool
    can_moderate: bool
    language: str

    def key(self, *, is_author: bool) -> tuple:
        return (self.signed_in, self.can_reply, self.can_react, self.can_moderate, is_author, self.language)

    def flags(self) -> dict:
        """What rendering.post_items takes: the same for a page, a catch-up and a live frame."""
        return {
            "can_react": self.can_react,
            "can_reply": self.can_reply,
            "can_moderate": self.can_moderate,
            "signed_in": self.signed_in,
        }


def viewer_of(user, thread, language: str) -> Viewer:
    signed_in = bool(user.is_authenticated)
    return Viewer(
        signed_in=signed_in,
        can_reply=signed_in and user.has_perm("forum.reply_thread", thread),
        can_react=signed_in and user.has_perm("forum.post_in_space", thread.space),
        can_moderate=signed_in and user.has_perm("forum.moderate_space", thread.space),
        language=language,
    )


def render_post_frame(post_id: int, thread_id: int, kind: str, at: str, viewer: Viewer, *, is_author: bool):
    """The frame a reader of this kind gets for a created, edited, hidden or shown post, as JSON text; None when
    the post is gone or no longer in the thread."""
    post = selectors.thread_posts_by_id(thread_id, post_id)
    if post is None:
        return None
    (post,) = selectors.decorate_for(
        [post], moderator=viewer.can_moderate, viewer_id=post.author_id if is_author else None
    )
    with translation.override(viewer.language):
        # No CSRF input: the frame is shared by many readers; the page adds its own token to the forms.
        (html,) = rendering.post_items(
            [post],
            **viewer.flags(),
            viewer_id=post.author_id if is_author else None,
            reply_page=selectors.page_of_post(post, POSTS_PER_PAGE),
        )
    return json.dumps(
        {"type": "post", "kind": kind, "id": post_id, "thread": thread_id, "html": html, "at": at},
        ensure_ascii=False,
    )


class FrameCache:
    """Frames being made or made recently in this process, so that 500 sockets of the same kind of reader render
    a post once: the first asks, the others wait for the same result. Frames rendered ahead by the writing
    thread (`put`, any thread) are taken as they are; the rest lives in the event loop's thread."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._frames: OrderedDict[tuple, asyncio.Future] = OrderedDict()
        self._ready: OrderedDict[tuple, str | None] = OrderedDict()
        self._ready_lock = threading.Lock()

    def put(self, key: tuple, text: str | None) -> None:
        with self._ready_lock:
            self._ready[key] = text
            while len(self._ready) > self.size:
                self._ready.popitem(last=False)

    async def get(self, key: tuple, make):
        with self._ready_lock:
            if key in self._ready:
                return self._ready[key]
        future = self._frames.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._frames[key] = future
            while len(self._frames) > self.size:
                self._frames.popitem(last=False)
            try:
                future.set_result(await make())
            except Exception as error:  # noqa: BLE001 - every waiter gets the same failure
                self._frames.pop(key, None)
                future.set_exception(error)
        return await asyncio.shield(future)


frames = FrameCache()


def frame_key(message: dict, viewer: Viewer, *, is_author: bool) -> tuple:
    return (message["event"], *viewer.key(is_author=is_author))


async def post_frame(message: dict, viewer: Viewer, *, is_author: bool):
    return await frames.get(
        frame_key(message, viewer, is_author=is_author),
        lambda: database_sync_to_async(render_post_frame)(
            message["post"], message["thread"], message["kind"], message["at"], viewer, is_author=is_author
        ),
    )


# ---------------------------------------------------------------------------------------------------------
# Presence


def present_readers(thread_id: int) -> list[dict]:
    """Signed-in people with the thread open now (who let others see it), by name."""
    since = timezone.now() - PRESENCE_TTL
    rows = (
        ThreadReader.objects.filter(thread_id=thread_id, seen_at__gte=since)
        .values_list("user_id", "user__first_name", "user__last_name")
        .distinct()
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    readers = []
    seen = set()
    for user_id, first, last in rows:
        if user_id not in seen:
            seen.add(user_id)
            readers.append({"id": user_id, "name": f"{first} {last}".strip()})
    return readers


_purged_at = 0.0


def join_presence(*, thread_id: int, user_id: int, channel_name: str) -> None:
    """One INSERT per socket; rows left by a process that died are purged at most once a minute."""
    global _purged_at
    now = timezone.now()
    if time.monotonic() - _purged_at > 60:
        _purged_at = time.monotonic()
        ThreadReader.objects.filter(seen_at__lt=now - PRESENCE_TTL * 10).delete()
    ThreadReader.objects.create(thread_id=thread_id, user_id=user_id, channel_name=channel_name, seen_at=now)


def beat_presence(*channel_names: str) -> None:
    now = timezone.now()
    names = list(channel_names)
    for start in range(0, len(names), 500):  # SQLite's limit of parameters
        ThreadReader.objects.filter(channel_name__in=names[start : start + 500]).update(seen_at=now)


# Heartbeats are written together, once per PRESENCE_FLUSH_S: 500 readers beating every 30 s were 17 writes a
# second; now one. A row then lags at most this much behind its last beat, well inside PRESENCE_TTL.
PRESENCE_FLUSH_S = 10.0


class Heartbeats:
    """The sockets' heartbeats of this process, waiting to be written (event loop's thread only)."""

    def __init__(self) -> None:
        self.pending: set[str] = set()
        self._task: asyncio.Task | None = None

    def note(self, channel_name: str) -> None:
        self.pending.add(channel_name)
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._task = loop.create_task(self._flush_later())

    def forget(self, channel_name: str) -> None:
        self.pending.discard(channel_name)

    async def _flush_later(self) -> None:
        await asyncio.sleep(PRESENCE_FLUSH_S)
        names, self.pending = self.pending, set()
        if names:
            try:
                await database_sync_to_async(beat_presence)(*names)
            except Exception:  # noqa: BLE001 - a missed beat costs a name in "Reading now" at worst
                logger.warning("heartbeats not written", exc_info=True)


heartbeats = Heartbeats()


def leave_presence(*, channel_name: str) -> None:
    ThreadReader.objects.filter(channel_name=channel_name).delete()


_presence_pending: set[int] = set()


async def announce_presence(thread_id: int) -> None:
    """Send the thread's readers to its sockets, once per PRESENCE_DEBOUNCE_S whatever the number of changes."""
    if thread_id in _presence_pending:
        return
    _presence_pending.add(thread_id)
    try:
        await asyncio.sleep(PRESENCE_DEBOUNCE_S)
    finally:
        _presence_pending.discard(thread_id)
    readers = await database_sync_to_async(present_readers)(thread_id)
    layer = get_channel_layer()
    if layer is not None:
        message = {"type": "forum.presence", "readers": readers[:PRESENCE_NAMES], "total": len(readers)}
        await layer.group_send(thread_group(thread_id), message)


# ---------------------------------------------------------------------------------------------------------
# The bell


def unread_frame(user, language: str, *, new: bool) -> dict:
    """The bell's count and texts in the reader's language; with `new`, the latest unread notification too (what
    the page announces). The same readability check as the notifications page: a thread the person can no longer
    read is not named."""
    from django.utils.translation import gettext

    from .models import Notification
    from .notifications import SUBJECTS, unread_count

    count = unread_count(user)
    with translation.override(language):
        frame = {
            "type": "unread",
            "count": count,
            "text": gettext("Notifications (%(count)s)") % {"count": count},
            "label": gettext("Notifications (%(count)s), unread") % {"count": count},
        }
        if new:
            latest = (
                Notification.objects.filter(user=user, read_at__isnull=True)
                .select_related("thread__space", "actor", "post")
                .order_by("-pk")
                .first()
            )
            if latest is not None and user.has_perm("forum.view_thread", latest.thread):
                actor = latest.actor.display_name if latest.actor else gettext("Someone")
                values = {"actor": actor, "thread": latest.thread.title, "space": latest.thread.space.title}
                frame["latest"] = {
                    "text": str(SUBJECTS[latest.kind]) % values,
                    "url": latest.post.get_absolute_url()
                    if latest.post
                    else latest.thread.get_absolute_url(),
                }
    return frame
