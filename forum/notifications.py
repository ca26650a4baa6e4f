"""Forum notifications: who hears about a new post or a moderation, on the site and by e-mail (at once or in a
daily digest), and the one-click unsubscribe links those e-mails carry.

Notification rows are written inside the caller's transaction; e-mails go after it commits, each in the
recipient's preferred language. Only people who may read the thread are ever notified.

E-mails "at once" are an outbox kept in the database: a notification is due while its `emailed_at` is empty and
its person wants e-mails at once. A sender (this process's worker thread after a commit, or `manage.py forum_mail`
when ZITNET_FORUM_MAIL_WORKER is on) claims each one by setting `emailed_at` before sending, so two senders never
mail it twice; a failed send clears it for the next round. Mail still due when a process stops is sent by the next
round, and a notification read on the site before its round is not mailed at all.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from zitnet.accounts.enums import MembershipRole, MembershipStatus
from zitnet.accounts.models import Membership
from zitnet.core import background

from . import live, mentions
from .enums import EmailMode, NotificationKind
from .models import Mention, Notification, NotificationSettings, Post, Subscription, ThreadReader

logger = logging.getLogger("zitnet.forum.mail")

# The stronger reason wins when one person has several to hear about the same post.
PRIORITY = [
    NotificationKind.MENTION,
    NotificationKind.REPLY,
    NotificationKind.NEW_POST,
    NotificationKind.NEW_THREAD,
]

SUBJECTS = {
    NotificationKind.MENTION: _("%(actor)s mentioned you: %(thread)s"),
    NotificationKind.REPLY: _("%(actor)s replied to you: %(thread)s"),
    NotificationKind.NEW_POST: _("New post: %(thread)s"),
    NotificationKind.NEW_THREAD: _("New thread in %(space)s: %(thread)s"),
    NotificationKind.MODERATION: _("The moderators acted on your post: %(thread)s"),
}

UNSUBSCRIBE_SALT = "forum.unsubscribe"
# A digest goes at most this often, so that a cron job run more than once a day sends one a day.
DIGEST_INTERVAL = timedelta(hours=20)
# Notifications older than this are no longer mailed "at once" (a sender that was down for days does not flood
# people with stale news; the bell still has them).
IMMEDIATE_MAX_AGE = timedelta(days=1)
# One round of the outbox mails at most this many; the next round takes the rest.
IMMEDIATE_BATCH = 500


# ---------------------------------------------------------------------------------------------------------
# Who is told


def _may_read(user, thread) -> bool:
    return bool(user.is_active and user.has_perm("forum.view_thread", thread))


def _is_first_post(post: Post) -> bool:
    return not Post.objects.filter(thread_id=post.thread_id, pk__lt=post.pk).exists()


def _candidates(post: Post) -> dict[int, str]:
    """user id → the kind of notification they get, strongest reason first."""
    thread = post.thread
    found: dict[int, str] = {}

    def add(user_ids, kind: str) -> None:
        for user_id in user_ids:
            if user_id is not None:
                found.setdefault(user_id, kind)

    add(Mention.objects.filter(post=post, user__isnull=False).values_list("user_id", flat=True), "mention")
    # An organisation is mentioned to the people who answer for it: its editors.
    organisation_ids = Mention.objects.filter(post=post, organisation__isnull=False).values("organisation_id")
    if organisation_ids:
        editors = Membership.objects.filter(
            organisation_id__in=organisation_ids, role=MembershipRole.EDITOR, status=MembershipStatus.ACTIVE
        )
        add(editors.values_list("user_id", flat=True), "mention")
    if post.reply_to_id is not None:
        add([Post.objects.filter(pk=post.reply_to_id).values_list("author_id", flat=True).first()], "reply")
    add(Subscription.objects.filter(thread=thread).values_list("user_id", flat=True), "new_post")
    if _is_first_post(post):
        add(
            Subscription.objects.filter(space_id=thread.space_id).values_list("user_id", flat=True),
            "new_thread",
        )
    found.pop(post.author_id, None)
    return found


def subscribe_author(post: Post) -> None:
    """The author follows the thread they started or replied to (once)."""
    if post.author_id is None:
        return
    if Subscription.objects.filter(user_id=post.author_id, thread_id=post.thread_id).exists():
        return
    try:
        with transaction.atomic():
            Subscription.objects.create(user_id=post.author_id, thread_id=post.thread_id)
    except IntegrityError:  # a parallel post of theirs subscribed them first
        pass


def post_created(post: Post) -> list[Notification]:
    """Notify the people who should hear about a new post; call it inside the transaction that wrote the post
    (and its mentions).

    Mentioned people (and the editors of a mentioned organisation) get "mention", the author of the post
    replied to "reply", the thread's followers "new_post" and, for a new thread, the space's followers
    "new_thread": one notification per person, the strongest reason winning; never the author, never anyone who may not read the thread. Side effects: the
    author follows the thread; e-mails at once to those who want them, after the commit.
    """
    subscribe_author(post)
    candidates = _candidates(post)
    if not candidates:
        return []
    users = get_user_model().objects.filter(pk__in=candidates, is_active=True)
    notifications = [
        Notification(user=user, kind=candidates[user.pk], post=post, thread=post.thread, actor=post.author)
        for user in users
        if _may_read(user, post.thread)
    ]
    created = Notification.objects.bulk_create(notifications)
    _email_at_once(created)
    live.unread_changed([notification.user_id for notification in created], new=True)
    return created


def post_edited(post: Post, *, mentioned_before: set[int]) -> list[Notification]:
    """Notify the people an edit newly mentions; call it inside the edit's transaction, once the post's
    mentions are stored anew.

    `mentioned_before` is `mentions.addressed_user_ids(post)` read before the edit: those people were told
    about the post then and are not told again, nor is anyone who already has a mention of this post. The
    others now mentioned (or editing an organisation now mentioned) get "mention", as for a new post: never
    the author, never anyone who may not read the thread. Side effects: e-mails at once to those who want
    them, after the commit."""
    told = set(
        Notification.objects.filter(post=post, kind=NotificationKind.MENTION).values_list(
            "user_id", flat=True
        )
    )
    new = mentions.addressed_user_ids(post) - set(mentioned_before) - told - {post.author_id}
    if not new:
        return []
    users = get_user_model().objects.filter(pk__in=new, is_active=True)
    created = Notification.objects.bulk_create(
        [
            Notification(
                user=user, kind=NotificationKind.MENTION, post=post, thread=post.thread, actor=post.author
            )
            for user in users
            if _may_read(user, post.thread)
        ]
    )
    _email_at_once(created)
    live.unread_changed([notification.user_id for notification in created], new=True)
    return created


def post_moderated(post: Post, entry) -> Notification | None:
    """Tell the author what the moderators did with their post and why (a moderator acting on their own post
    is not told). Side effect: an e-mail at once when the author wants one."""
    author = post.author
    if author is None or not author.is_active or author.pk == entry.moderator_id:
        return None
    if not _may_read(author, post.thread):
        return None
    notification = Notification.objects.create(
        user=author, kind=NotificationKind.MODERATION, post=post, thread=post.thread, actor=entry.moderator
    )
    _email_at_once([notification])
    live.unread_changed([author.pk], new=True)
    return notification


# ---------------------------------------------------------------------------------------------------------
# Reading and marking


def unread_count(user) -> int:
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(user):
    return (
        Notification.objects.filter(user=user)
        .select_related("thread__space", "post", "actor")
        .order_by("-created_at", "-pk")
    )


def mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the person's notifications read; False when there is no such unread notification."""
    done = bool(
        Notification.objects.filter(user=user, pk=notification_id, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )
    if done:
        live.unread_changed([user.pk], new=False)
    return done


def mark_all_read(*, user) -> int:
    done = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if done:
        live.unread_changed([user.pk], new=False)
    return done


def mark_thread_read(*, user, thread) -> int:
    """Opening a thread reads its notifications (the thread view may call this)."""
    if not user.is_authenticated:
        return 0
    done = Notification.objects.filter(user=user, thread=thread, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if done:
        live.unread_changed([user.pk], new=False)
    return done


def settings_of(user) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


@transaction.atomic
def set_email_mode(*, user, email: str) -> NotificationSettings:
    if email not in EmailMode.values:
        from zitnet.core.errors import DomainError

        raise DomainError(_("Choose how often to receive e-mails."))
    current, _created = NotificationSettings.objects.get_or_create(user=user)
    if current.email != email:
        current.email = email
        # Switching to the digest starts it from now: what came before was on the page (or e-mailed).
        current.digest_sent_at = timezone.now() if email == EmailMode.DAILY else current.digest_sent_at
        current.save(update_fields=["email", "digest_sent_at"])
    return current


def set_show_presence(*, user, show: bool) -> NotificationSettings:
    """Whether the person appears under "Reading now"; their open sockets apply it when they next connect."""
    current, _created = NotificationSettings.objects.get_or_create(user=user)
    if current.show_presence != show:
        current.show_presence = show
        current.save(update_fields=["show_presence"])
        if not show:
            # Gone from the lists at once (their next heartbeat finds no row to refresh).
            ThreadReader.objects.filter(user=user).delete()
    return current


# ---------------------------------------------------------------------------------------------------------
# One-click unsubscribe (RFC 8058): a signed token naming the person and what they leave


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    thread_id: int | None = None
    space_id: int | None = None  # None and None: stop forum e-mails altogether

    @property
    def scope(self) -> str:
        return "thread" if self.thread_id else "space" if self.space_id else "all"


def unsubscribe_token(target: Unsubscribe) -> str:
    payload = {"u": target.user_id}
    if target.thread_id:
        payload["t"] = target.thread_id
    elif target.space_id:
        payload["s"] = target.space_id
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    thread_id, space_id = payload.get("t"), payload.get("s")
    if (thread_id is not None and not isinstance(thread_id, int)) or (
        space_id is not None and not isinstance(space_id, int)
    ):
        return None
    return Unsubscribe(user_id=payload["u"], thread_id=thread_id, space_id=space_id)


@transaction.atomic
def unsubscribe(target: Unsubscribe) -> int:
    """Leave the thread or space, or switch forum e-mails off; idempotent (clicking twice is fine)."""
    if target.thread_id:
        return Subscription.objects.filter(user_id=target.user_id, thread_id=target.thread_id).delete()[0]
    if target.space_id:
        return Subscription.objects.filter(user_id=target.user_id, space_id=target.space_id).delete()[0]
    NotificationSettings.objects.update_or_create(user_id=target.user_id, defaults={"email": EmailMode.NONE})
    return 1


def _unsubscribe_for(notification: Notification) -> Unsubscribe:
    """What the one-click link of this e-mail stops: the followed thread or space that caused it; for
    mentions, replies and moderation (about the person themselves), forum e-mails altogether."""
    if notification.kind == NotificationKind.NEW_POST:
        return Unsubscribe(user_id=notification.user_id, thread_id=notification.thread_id)
    if notification.kind == NotificationKind.NEW_THREAD:
        return Unsubscribe(user_id=notification.user_id, space_id=notification.thread.space_id)
    return Unsubscribe(user_id=notification.user_id)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _unsubscribe_url(target: Unsubscribe) -> str:
    return _absolute(reverse("forum:unsubscribe", args=[unsubscribe_token(target)]))


def _unsubscribe_headers(url: str) -> dict:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# ---------------------------------------------------------------------------------------------------------
# E-mail


def _notification_message(notification: Notification, *, moderation=None) -> EmailMessage:
    user, thread, post = notification.user, notification.thread, notification.post
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        actor = notification.actor.display_name if notification.actor else str(_("Someone"))
        values = {"actor": actor, "thread": thread.title, "space": thread.space.title}
        subject = str(SUBJECTS[notification.kind]) % values
        unsubscribe = _unsubscribe_for(notification)
        unsubscribe_url = _unsubscribe_url(unsubscribe)
        entry = moderation
        body = render_to_string(
            "forum/email/notification.txt",
            {
                "user": user,
                "notification": notification,
                "actor": actor,
                "thread": thread,
                "excerpt": _excerpt(post)
                if post and notification.kind != NotificationKind.MODERATION
                else "",
                "moderation": entry,
                "reason": (entry.reason if entry else "") or (post.hidden_reason if post else ""),
                "url": _absolute(post.get_absolute_url() if post else thread.get_absolute_url()),
                "settings_url": _absolute(reverse("forum:notifications")),
                "unsubscribe_url": unsubscribe_url,
                "unsubscribe_scope": unsubscribe.scope,
            },
        )
    return EmailMessage(
        f"[ZITnet] {subject}", body, None, [user.email], headers=_unsubscribe_headers(unsubscribe_url)
    )


def _excerpt(post: Post, length: int = 500) -> str:
    # Mentions read as names, not as their markup.
    text = " ".join(mentions.TOKEN.sub(lambda match: f"@{match['label']}", post.body).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _email_at_once(notifications: list[Notification]) -> None:
    """After the commit, have the outbox sent: by this process's worker thread, off the request (the person who
    posted does not wait for their readers' mail), unless a mail worker process of its own does it."""
    if notifications and not settings.ZITNET_FORUM_MAIL_WORKER:
        transaction.on_commit(_schedule_round)


_round_scheduled = threading.Event()


def _schedule_round() -> None:
    # One round waiting is enough, however many posts committed meanwhile: it sends everything due.
    if not _round_scheduled.is_set():
        _round_scheduled.set()
        try:
            background.submit(_outbox_round, name="forum e-mails")
        except Exception:  # noqa: BLE001 - e.g. the process is shutting down; the next round sends it
            _round_scheduled.clear()
            logger.warning("forum e-mail round not started", exc_info=True)


def _outbox_round() -> None:
    _round_scheduled.clear()
    send_due_emails()


def _due_emails(now: datetime):
    unwanted = [EmailMode.DAILY, EmailMode.NONE]
    return (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - IMMEDIATE_MAX_AGE,
            user__is_active=True,
        )
        .exclude(user__email="")
        .exclude(user__forum_settings__email__in=unwanted)
        .select_related("user", "thread__space", "post", "actor")
        .order_by("created_at", "pk")  # oldest first, along the forum_mail_due index
    )


def _moderation_entry(notification: Notification):
    """What the moderators did, for a moderation notification: the entry written with it."""
    from .models import ModerationEntry

    if notification.kind != NotificationKind.MODERATION or notification.post_id is None:
        return None
    return (
        ModerationEntry.objects.filter(post_id=notification.post_id, created_at__lte=notification.created_at)
        .order_by("-created_at", "-pk")
        .first()
    )


def _claim(now: datetime) -> list[Notification]:
    """The round's notifications, marked as e-mailed in one write: a second sender (another process) skips the
    rows locked here (PostgreSQL) or waits for this transaction and finds them taken (SQLite)."""
    with transaction.atomic():
        due = list(_due_emails(now).select_for_update(skip_locked=True, of=("self",))[:IMMEDIATE_BATCH])
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=now)
    return due


def send_due_emails(*, now: datetime | None = None) -> int:
    """One round of the outbox: e-mail every due notification (up to IMMEDIATE_BATCH) about a thread its person
    may still read. Returns how many e-mails went out. A notification someone may no longer read is settled
    without mail. When sending fails (the mail server is down), the unsent ones are due again and the round
    stops; the next one tries again."""
    now = now or timezone.now()
    due = _claim(now)
    if not due:
        return 0
    sent = 0
    with get_connection() as connection:
        for index, notification in enumerate(due):
            if not _may_read(notification.user, notification.thread):
                continue
            try:
                message = _notification_message(notification, moderation=_moderation_entry(notification))
                message.connection = connection
                message.send(fail_silently=False)
            except Exception:  # noqa: BLE001 - SMTP errors of every kind; the rest waits for a retry
                Notification.objects.filter(pk__in=[n.pk for n in due[index:]]).update(emailed_at=None)
                logger.warning("forum e-mail %s not sent; it stays due", notification.pk, exc_info=True)
                break
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------------------
# Daily digest


def _digest_message(user, notifications: list[Notification]) -> EmailMessage:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        unsubscribe_url = _unsubscribe_url(Unsubscribe(user_id=user.pk))
        items = [
            {
                "notification": n,
                "actor": n.actor.display_name if n.actor else "",
                "url": _absolute(n.post.get_absolute_url() if n.post else n.thread.get_absolute_url()),
            }
            for n in notifications
        ]
        subject = str(_("Forum: what happened since the last digest"))
        body = render_to_string(
            "forum/email/digest.txt",
            {
                "user": user,
                "items": items,
                "settings_url": _absolute(reverse("forum:notifications")),
                "unsubscribe_url": unsubscribe_url,
            },
        )
    return EmailMessage(
        f"[ZITnet] {subject}", body, None, [user.email], headers=_unsubscribe_headers(unsubscribe_url)
    )


def send_digests(*, now: datetime | None = None) -> int:
    """E-mail everyone who chose the daily digest their unread notifications not e-mailed yet, created since
    their last digest and about threads they may still read; at most one digest per DIGEST_INTERVAL. Returns
    how many digests went out. Idempotent: what was sent is marked e-mailed."""
    now = now or timezone.now()
    sent = 0
    due = (
        NotificationSettings.objects.filter(email=EmailMode.DAILY, user__is_active=True)
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_INTERVAL))
        .select_related("user")
    )
    for preferences in due:
        user = preferences.user
        pending = Notification.objects.filter(user=user, read_at__isnull=True, emailed_at__isnull=True)
        if preferences.digest_sent_at:
            pending = pending.filter(created_at__gt=preferences.digest_sent_at)
        pending = list(pending.select_related("thread__space", "post", "actor").order_by("created_at", "pk"))
        readable = [n for n in pending if _may_read(user, n.thread)]
        if not readable or not user.email:
            continue  # nothing to tell: the next run looks again
        _digest_message(user, readable).send(fail_silently=False)
        sent += 1
        with transaction.atomic():
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
            NotificationSettings.objects.filter(pk=preferences.pk).update(digest_sent_at=now)
    return sent
