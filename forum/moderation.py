"""Moderation of the forum: pin, lock, move threads; hide posts with a reason; reports and their queue; the log.

Every action checks `forum.moderate_space` on the space it touches (a move: on both spaces), changes the rows it
needs under a row lock, writes a `ModerationEntry` (the space's moderation log) and an audit record. A change
that no longer applies (the thread is already pinned, the report already handled) is refused with
`DomainError(code="stale")`: the page the moderator acted on was out of date.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zitnet.accounts.rules import is_moderator, is_network_coordinator
from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from . import events, live, notifications
from .enums import ModerationKind
from .models import ModerationEntry, Post, PostReport, Space, Subscription, Thread

MAX_HIDE_REASON = ModerationEntry._meta.get_field("reason").max_length
MAX_REPORT_REASON = PostReport._meta.get_field("reason").max_length


def _require_moderator(actor, space: Space) -> None:
    if not actor.has_perm("forum.moderate_space", space):
        raise DomainError(_("Only the moderators of “%(space)s” may do this.") % {"space": space.title})


def _clean_reason(reason: str | None, *, limit: int, required: bool, multiline: bool = False) -> str:
    text = str(reason or "").strip() if multiline else " ".join(str(reason or "").split())
    if required and not text:
        raise DomainError(_("Please give a reason."))
    if len(text) > limit:
        raise DomainError(_("The reason may be at most %(limit)d characters long.") % {"limit": limit})
    return text


def _locked_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)


def _locked_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",)).select_related("thread__space", "author").get(pk=post.pk)
    )


def _entry(*, space, kind, moderator, thread=None, post=None, reason: str = "") -> ModerationEntry:
    return ModerationEntry.objects.create(
        space=space, thread=thread, post=post, kind=kind, moderator=moderator, reason=reason
    )


# --- threads ----------------------------------------------------------------------------------------------


def _set_thread_flag(*, actor, thread: Thread, field: str, value: bool, kind: str, action: str, stale: str):
    thread = _locked_thread(thread)
    _require_moderator(actor, thread.space)
    if getattr(thread, field) == value:
        raise DomainError(stale, code="stale")
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    _entry(space=thread.space, thread=thread, kind=kind, moderator=actor)
    record(thread, action, user=actor, data={"space": thread.space.slug})
    if field == "is_locked":
        live.thread_changed(thread)  # open views learn whether they may still reply
    return thread


@transaction.atomic
def pin(*, actor, thread: Thread) -> Thread:
    """Pin a thread to the top of its space. Side effects: moderation log entry, audit record."""
    return _set_thread_flag(
        actor=actor,
        thread=thread,
        field="is_pinned",
        value=True,
        kind=ModerationKind.PIN,
        action="forum.thread.pin",
        stale=_("This thread is already pinned."),
    )


@transaction.atomic
def unpin(*, actor, thread: Thread) -> Thread:
    """Unpin a thread. Side effects: moderation log entry, audit record."""
    return _set_thread_flag(
        actor=actor,
        thread=thread,
        field="is_pinned",
        value=False,
        kind=ModerationKind.UNPIN,
        action="forum.thread.unpin",
        stale=_("This thread is not pinned."),
    )


@transaction.atomic
def lock(*, actor, thread: Thread) -> Thread:
    """Lock a thread: nobody but the moderators replies any more. Side effects: log entry, audit record."""
    return _set_thread_flag(
        actor=actor,
        thread=thread,
        field="is_locked",
        value=True,
        kind=ModerationKind.LOCK,
        action="forum.thread.lock",
        stale=_("This thread is already locked."),
    )


@transaction.atomic
def unlock(*, actor, thread: Thread) -> Thread:
    """Open a locked thread for replies again. Side effects: moderation log entry, audit record."""
    return _set_thread_flag(
        actor=actor,
        thread=thread,
        field="is_locked",
        value=False,
        kind=ModerationKind.UNLOCK,
        action="forum.thread.unlock",
        stale=_("This thread is not locked."),
    )


@transaction.atomic
def move(*, actor, thread: Thread, to_space: Space, reason: str = "") -> Thread:
    """Move a thread with its posts to another space; the mover must moderate both spaces.

    Side effects: a moderation log entry in each space, an audit record; followers of the thread who may not
    read the new space stop following it (they would otherwise be told about posts they may not read).
    """
    thread = _locked_thread(thread)
    source = thread.space
    _require_moderator(actor, source)
    if to_space.pk == source.pk:
        raise DomainError(_("The thread is already in “%(space)s”.") % {"space": source.title}, code="stale")
    if to_space.is_archived:
        raise DomainError(_("Threads cannot be moved to an archived space."))
    _require_moderator(actor, to_space)
    reason = _clean_reason(reason, limit=MAX_HIDE_REASON, required=False)
    thread.space = to_space
    thread.save(update_fields=["space"])
    for space in (source, to_space):
        _entry(space=space, thread=thread, kind=ModerationKind.MOVE, moderator=actor, reason=reason)
    dropped = [
        subscription.pk
        for subscription in Subscription.objects.filter(thread=thread).select_related("user")
        if not subscription.user.has_perm("forum.view_thread", thread)
    ]
    if dropped:
        Subscription.objects.filter(pk__in=dropped).delete()
    first = thread.posts.order_by("pk").first()
    if first is not None:
        events.post_changed(first, events.MOVED)
    record(
        thread,
        "forum.thread.move",
        user=actor,
        data={"from": source.slug, "to": to_space.slug, "reason": reason, "unsubscribed": len(dropped)},
    )
    return thread


# --- posts --------------------------------------------------------------------------------------------------


def _resolve_reports(post: Post, actor) -> int:
    return PostReport.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def hide(*, actor, post: Post, reason: str) -> Post:
    """Hide a post; the reason is required and shown to its author. Open reports of the post are resolved.

    Side effects: moderation log entry, audit record, the author is notified, live viewers are told.
    """
    post = _locked_post(post)
    space = post.thread.space
    _require_moderator(actor, space)
    reason = _clean_reason(reason, limit=MAX_HIDE_REASON, required=True)
    if post.is_hidden:
        raise DomainError(_("This post is already hidden."), code="stale")
    post.is_hidden = True
    post.hidden_reason = reason
    post.hidden_by = actor
    post.hidden_at = timezone.now()
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    resolved = _resolve_reports(post, actor)
    entry = _entry(
        space=space, thread=post.thread, post=post, kind=ModerationKind.HIDE, moderator=actor, reason=reason
    )
    record(post, "forum.post.hide", user=actor, data={"reason": reason, "reports_resolved": resolved})
    notifications.post_moderated(post, entry)
    events.post_changed(post, events.HIDDEN)
    return post


@transaction.atomic
def unhide(*, actor, post: Post, reason: str = "") -> Post:
    """Show a hidden post again. Side effects: moderation log entry, audit record, live viewers are told."""
    post = _locked_post(post)
    space = post.thread.space
    _require_moderator(actor, space)
    reason = _clean_reason(reason, limit=MAX_HIDE_REASON, required=False)
    if not post.is_hidden:
        raise DomainError(_("This post is not hidden."), code="stale")
    post.is_hidden = False
    post.hidden_reason = ""
    post.hidden_by = None
    post.hidden_at = None
    post.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    _entry(
        space=space, thread=post.thread, post=post, kind=ModerationKind.UNHIDE, moderator=actor, reason=reason
    )
    record(post, "forum.post.unhide", user=actor, data={"reason": reason})
    events.post_changed(post, events.SHOWN)
    return post


# --- reports ------------------------------------------------------------------------------------------------


@transaction.atomic
def report_post(*, actor, post: Post, reason: str) -> PostReport:
    """Report a post to the moderators of its space: anyone signed in who may read it, once while the report
    is open. Side effects: audit record."""
    if not (actor and actor.is_authenticated):
        raise DomainError(_("Please sign in to report a post."))
    post = _locked_post(post)
    if not actor.has_perm("forum.view_post", post):
        raise DomainError(_("You cannot report this post."))
    reason = _clean_reason(reason, limit=MAX_REPORT_REASON, required=True, multiline=True)
    if post.author_id == actor.pk:
        raise DomainError(_("You cannot report your own post."))
    if post.is_hidden:
        raise DomainError(_("The moderators have already hidden this post."), code="stale")
    if PostReport.objects.filter(post=post, reporter=actor, resolved_at__isnull=True).exists():
        raise DomainError(
            _("You have already reported this post; the moderators will look at it."), code="duplicate"
        )
    report = PostReport.objects.create(post=post, reporter=actor, reason=reason)
    record(post, "forum.post.report", user=actor, data={"report": report.pk})
    return report


@transaction.atomic
def dismiss_report(*, actor, report: PostReport, reason: str = "") -> PostReport:
    """Close a report without hiding the post. Side effects: moderation log entry, audit record."""
    report = PostReport.objects.select_for_update().select_related("post__thread__space").get(pk=report.pk)
    post = report.post
    space = post.thread.space
    _require_moderator(actor, space)
    reason = _clean_reason(reason, limit=MAX_HIDE_REASON, required=False)
    if report.resolved_at is not None:
        raise DomainError(_("This report has already been dealt with."), code="stale")
    report.resolved_at = timezone.now()
    report.resolved_by = actor
    report.save(update_fields=["resolved_at", "resolved_by"])
    _entry(
        space=space,
        thread=post.thread,
        post=post,
        kind=ModerationKind.DISMISS,
        moderator=actor,
        reason=reason,
    )
    record(post, "forum.report.dismiss", user=actor, data={"report": report.pk, "reason": reason})
    return report


# --- reading: the queue and the log -------------------------------------------------------------------------


def moderates_everything(user) -> bool:
    """Network coordinators and the site's moderators work the queue of the whole network."""
    return bool(is_network_coordinator(user) or is_moderator(user))


def moderated_spaces(user) -> QuerySet[Space]:
    """The spaces whose queue the user works: all for network coordinators (and the site's moderators), else
    those they moderate."""
    if not (user and user.is_authenticated and user.is_active):
        return Space.objects.none()
    if moderates_everything(user):
        return Space.objects.all()
    return Space.objects.filter(moderators=user)


def open_reports(*, space: Space | None = None) -> list[dict]:
    """Open reports grouped by post (oldest first): the post, its thread and space, and every report of it."""
    reports = PostReport.objects.filter(resolved_at__isnull=True).select_related("reporter")
    if space is not None:
        reports = reports.filter(post__thread__space=space)
    posts = (
        Post.objects.filter(pk__in=reports.values("post_id"))
        .select_related("author", "thread__space")
        .prefetch_related(Prefetch("reports", queryset=reports, to_attr="open_reports"))
        .order_by("pk")
    )
    items = [{"post": post, "reports": post.open_reports} for post in posts]
    items.sort(key=lambda item: (item["reports"][0].created_at, item["post"].pk))
    return items


def moderation_log(space: Space) -> QuerySet[ModerationEntry]:
    """The moderation log of a space, newest first."""
    return (
        ModerationEntry.objects.filter(space=space)
        .select_related("moderator", "thread__space", "post__author")
        .order_by("-created_at", "-pk")
    )
