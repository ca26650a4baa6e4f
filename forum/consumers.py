"""WebSocket consumers of the forum: an open thread (new and changed posts, reactions, who is reading) and a
person's notifications (the bell).

The socket is as trustworthy as the page: zitnet.routing checks the Origin, Channels' AuthMiddleware reads the
session, and a consumer accepts only someone who may read the thread (checked again whenever the space, the thread
or the session changes). The client sends nothing but heartbeats; any other frame closes the socket (4400).
Close codes: 4400 malformed frame, 4401 not signed in, 4403 may not read (any more), 4404 no such thread.
"""

from __future__ import annotations

import asyncio
import json
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from . import live
from .models import NotificationSettings, Thread

MAX_FRAME = 256  # bytes; a heartbeat is 16
CREDENTIALS_GRACE_S = 1.0
MALFORMED = 4400
NOT_SIGNED_IN = 4401
FORBIDDEN = 4403
NOT_FOUND = 4404


def _language(scope) -> str:
    """The page's language, from `?lang=`; the site's default for anything else."""
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    wanted = (query.get("lang") or [""])[0]
    known = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in known else settings.LANGUAGE_CODE


def _user(scope):
    user = scope.get("user") or AnonymousUser()
    return user if user.is_authenticated and user.is_active else AnonymousUser()


def _two_factor_pending(user, session) -> bool:
    """Mirror of RequireTwoFactorMiddleware: a coordinator who has not set up TOTP sees no page, nor a socket."""
    from allauth.mfa.models import Authenticator

    from zitnet.accounts.rules import needs_two_factor

    if not (settings.ZITNET_REQUIRE_TWO_FACTOR and user.is_authenticated and needs_two_factor(user)):
        return False
    if session is not None and session.get("zitnet_2fa_ok"):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _session_still_valid(scope, user) -> bool:
    """What Django checks on every request, read afresh from the session store: the session still belongs to
    this person and carries the hash of their current password."""
    from importlib import import_module

    from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
    from django.utils.crypto import constant_time_compare

    key = getattr(scope.get("session"), "session_key", None)
    if not key or not user.is_authenticated:
        return False
    stored = import_module(settings.SESSION_ENGINE).SessionStore(key)
    if str(stored.get(SESSION_KEY, "")) != str(user.pk):
        return False
    fresh = get_user_model().objects.filter(pk=user.pk, is_active=True).first()
    return fresh is not None and constant_time_compare(
        stored.get(HASH_SESSION_KEY, ""), fresh.get_session_auth_hash()
    )


class _Base(AsyncWebsocketConsumer):
    groups_joined: list[str]
    # Group memberships expire after the layer's group_expiry (a day): a tab open longer joins again.
    REJOIN_S = 3600

    async def dispatch(self, message) -> None:
        """Channels' dispatch hops to a thread to close stale database connections before every message: 500
        hops through one thread per broadcast. The handlers here reach the database only through
        database_sync_to_async, which does that itself."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def _rejoin_if_due(self) -> None:
        now = time.monotonic()
        if now - getattr(self, "_joined_at", now) < self.REJOIN_S:
            return
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        self._joined_at = now

    async def _join(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.append(group)
        self._joined_at = time.monotonic()

    async def _leave_all(self) -> None:
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []

    async def _refuse(self, code: int) -> None:
        await self.accept()
        await self.close(code=code)

    async def _frame(self, text_data, bytes_data) -> dict | None:
        """The client's frame as a dict if it is a well-formed heartbeat; closes the socket otherwise."""
        data = None
        if text_data is not None and len(text_data.encode()) <= MAX_FRAME:
            try:
                data = json.loads(text_data)
            except ValueError:
                data = None
        if not isinstance(data, dict) or data.get("type") != "ping":
            await self.send(text_data=json.dumps({"type": "error", "code": "malformed"}))
            await self.close(code=MALFORMED)
            return None
        return data

    async def forum_credentials(self, message) -> None:
        """The person's password changed: a socket whose session no longer matches it closes. The session that
        changed it gets the new hash just after the save, hence a second look before closing."""
        for wait in (0, CREDENTIALS_GRACE_S):
            await asyncio.sleep(wait)
            if await database_sync_to_async(_session_still_valid)(self.scope, self.user):
                return
        await self.close(code=NOT_SIGNED_IN)

    async def forum_session_ended(self, message) -> None:
        session = self.scope.get("session")
        key = getattr(session, "session_key", None)
        if message.get("session") in (None, key):
            await self.close(code=NOT_SIGNED_IN)


class ThreadConsumer(_Base):
    """`/ws/dyskusje/watki/<id>/`: the live view of one thread."""

    async def connect(self) -> None:
        self.groups_joined = []
        self.user = _user(self.scope)
        self.thread_id = int(self.scope["url_route"]["kwargs"]["pk"])
        self.language = _language(self.scope)
        self.present = False
        self.space_id = None
        allowed = await database_sync_to_async(self._check_and_join)()
        if allowed is not True:
            await self._refuse(allowed)
            return
        await self._join(live.thread_group(self.thread_id))
        await self._join(live.space_group(self.space_id))
        if self.user.is_authenticated:
            await self._join(live.user_group(self.user.pk))
        self._register_viewer()
        await self.accept()
        await self.send(text_data=json.dumps({"type": "hello", "thread": self.thread_id}))
        if self.user.is_authenticated:
            self._presence_task = asyncio.ensure_future(live.announce_presence(self.thread_id))

    def _register_viewer(self) -> None:
        """Tell live.local_viewers what kind of reader this socket has (frames are rendered ahead for it)."""
        self._unregister_viewer()
        self._registered = (self.thread_id, self.viewer, self.user.pk)
        live.local_viewers.add(*self._registered)

    def _unregister_viewer(self) -> None:
        registered = getattr(self, "_registered", None)
        if registered is not None:
            live.local_viewers.remove(*registered)
            self._registered = None

    def _check_and_join(self):
        """The access check and, for a signed-in reader who shows it, their presence: one trip to the database
        (500 sockets opening at once queue on it)."""
        allowed = self._check()
        if allowed is True and self.shows_presence:
            live.join_presence(thread_id=self.thread_id, user_id=self.user.pk, channel_name=self.channel_name)
            self.present = True
        return allowed

    def _check(self):
        """True, or the close code. Sets what the reader may do (the viewer) as a side effect."""
        thread = Thread.objects.select_related("space").filter(pk=self.thread_id).first()
        if thread is None:
            return NOT_FOUND
        if self.user.is_authenticated:
            # Afresh at every check: roles, memberships and what `rules` cached on the old object may have changed.
            fresh = get_user_model().objects.filter(pk=self.user.pk, is_active=True).first()
            if fresh is None:
                return NOT_SIGNED_IN
            self.user = fresh
        if _two_factor_pending(self.user, self.scope.get("session")):
            return NOT_SIGNED_IN
        if not self.user.has_perm("forum.view_thread", thread):
            return FORBIDDEN
        self.space_id = thread.space_id
        self.viewer = live.viewer_of(self.user, thread, self.language)
        self.shows_presence = (
            self.user.is_authenticated
            and not NotificationSettings.objects.filter(user=self.user, show_presence=False).exists()
        )
        return True

    async def disconnect(self, code) -> None:
        self._unregister_viewer()
        await self._leave_all()
        if self.present:
            self.present = False
            live.heartbeats.forget(self.channel_name)
            await database_sync_to_async(live.leave_presence)(channel_name=self.channel_name)
            self._presence_task = asyncio.ensure_future(live.announce_presence(self.thread_id))

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if await self._frame(text_data, bytes_data) is None:
            return
        await self._rejoin_if_due()
        if self.present:
            live.heartbeats.note(self.channel_name)
        await self.send(text_data='{"type": "pong"}')

    # Group messages ------------------------------------------------------------------------------------

    async def forum_post(self, message) -> None:
        if message["kind"] == "reacted":
            frame = {"type": "reactions", "id": message["post"], "counts": message.get("reactions", {})}
            await self.send(text_data=json.dumps(frame))
            return
        is_author = self.user.is_authenticated and message.get("author") == self.user.pk
        text = await live.post_frame(message, self.viewer, is_author=is_author)
        if text is not None:
            await self.send(text_data=text)

    async def forum_access(self, message) -> None:
        """Something about who may read or write changed: check again, leave if no longer allowed."""
        old_space = self.space_id
        allowed = await database_sync_to_async(self._check)()
        if allowed is not True:
            await self.send(text_data=json.dumps({"type": "gone"}))
            await self.close(code=FORBIDDEN)
            return
        self._register_viewer()  # what the reader may do may have changed
        if old_space != self.space_id:
            await self.channel_layer.group_discard(live.space_group(old_space), self.channel_name)
            await self._join(live.space_group(self.space_id))
        frame = await database_sync_to_async(self._thread_state)()
        await self.send(text_data=json.dumps(frame))

    def _thread_state(self) -> dict:
        thread = Thread.objects.select_related("space").get(pk=self.thread_id)
        return {
            "type": "thread",
            "locked": thread.is_locked,
            "can_reply": self.viewer.can_reply,
            "url": thread.get_absolute_url(),
        }

    async def forum_presence(self, message) -> None:
        if self.user.is_authenticated:
            frame = {"type": "presence", "readers": message["readers"], "total": message["total"]}
            await self.send(text_data=json.dumps(frame, ensure_ascii=False))

    async def forum_unread(self, message) -> None:
        """The bell is the notification socket's business."""


class NotificationConsumer(_Base):
    """`/ws/powiadomienia/`: the unread count of the signed-in person, and the notification that just came."""

    async def connect(self) -> None:
        self.groups_joined = []
        self.user = _user(self.scope)
        self.language = _language(self.scope)
        if not self.user.is_authenticated or await database_sync_to_async(_two_factor_pending)(
            self.user, self.scope.get("session")
        ):
            await self._refuse(NOT_SIGNED_IN)
            return
        await self._join(live.user_group(self.user.pk))
        await self.accept()
        await self._send_unread(new=False)

    async def disconnect(self, code) -> None:
        await self._leave_all()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        if await self._frame(text_data, bytes_data) is not None:
            await self._rejoin_if_due()
            await self.send(text_data='{"type": "pong"}')

    async def forum_unread(self, message) -> None:
        await self._send_unread(new=bool(message.get("new")))

    async def forum_access(self, message) -> None:
        """Access to threads is the thread sockets' business."""

    async def _send_unread(self, *, new: bool) -> None:
        frame = await database_sync_to_async(live.unread_frame)(self.user, self.language, new=new)
        await self.send(text_data=json.dumps(frame, ensure_ascii=False))
