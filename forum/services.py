"""Writes of the forum: starting threads, replying, editing with history, reactions, subscriptions.

Every new or changed post is rendered (Markdown → sanitised HTML) and its mentions stored in the same
transaction; live updates and notifications go after the commit (forum.events, forum.notifications).
Rate limits: accounts younger than 7 days may post once per 30 s and 20 times a day; others 200 times a day.
"""

import math
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zitnet.core.audit import record
from zitnet.core.errors import DomainError
from zitnet.core.markdown import render_markdown

from . import attachments as attachment_checks
from . import events, mentions, notifications
from .enums import Reaction
from .models import Attachment, Mention, Post, PostReaction, PostRevision, Space, Subscription, Thread

MAX_BODY = 20_000
MAX_TITLE = 200
NEW_ACCOUNT_AGE = timedelta(days=7)
NEW_ACCOUNT_INTERVAL = timedelta(seconds=30)
NEW_ACCOUNT_DAILY = 20
DAILY = 200


def _wait_message(seconds: float) -> str:
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return ngettext(
            "You are posting too often. Try again in %(n)d second.",
            "You are posting too often. Try again in %(n)d seconds.",
            seconds,
        ) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "You have reached today's limit of posts. Try again in %(n)d minute.",
        "You have reached today's limit of posts. Try again in %(n)d minutes.",
        minutes,
    ) % {"n": minutes}


def check_rate(actor, now=None) -> None:
    """Refuse a post over the limits, saying how long to wait."""
    now = now or timezone.now()
    mine = Post.objects.filter(author=actor)
    young = actor.date_joined and now - actor.date_joined < NEW_ACCOUNT_AGE
    if young:
        last = mine.filter(created_at__gt=now - NEW_ACCOUNT_INTERVAL).order_by("-created_at").first()
        if last is not None:
            raise DomainError(
                _wait_message((last.created_at + NEW_ACCOUNT_INTERVAL - now).total_seconds()), code="rate"
            )
    cap = NEW_ACCOUNT_DAILY if young else DAILY
    day = list(mine.filter(created_at__gt=now - timedelta(days=1)).order_by("-created_at")[:cap])
    if len(day) >= cap:
        oldest = day[-1].created_at
        raise DomainError(_wait_message((oldest + timedelta(days=1) - now).total_seconds()), code="rate")


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DomainError(_("Write something first: the post is empty."))
    if len(body) > MAX_BODY:
        raise DomainError(
            _("The post is too long (%(length)d characters). The limit is %(limit)d characters.")
            % {"length": len(body), "limit": MAX_BODY}
        )
    return body


def _render(post: Post) -> None:
    """Set the post's HTML from its text and store its mentions anew."""
    resolved = mentions.resolve(post.body, post.thread)
    post.html = render_markdown(mentions.to_markdown(post.body, resolved))
    Mention.objects.filter(post=post).delete()
    rows = [Mention(post=post, user=person) for person in mentions.mentioned_users(resolved)]
    rows += [Mention(post=post, organisation=org) for org in resolved.organisations.values()]
    Mention.objects.bulk_create(rows)


def _check_files(files) -> list:
    files = [f for f in files or () if f]
    if len(files) > attachment_checks.MAX_FILES:
        raise DomainError(
            _("At most %(n)d files can be attached to a post.") % {"n": attachment_checks.MAX_FILES}
        )
    checked = []
    for file in files:
        try:
            checked.append((file, *attachment_checks.check(file)))
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), code="attachment") from error
    return checked


def _attach(post: Post, checked, actor) -> None:
    for file, name, content_type in checked:
        attachment = Attachment(
            post=post, name=name, content_type=content_type, size=file.size, uploaded_by=actor
        )
        attachment.file.save(name, file, save=False)
        attachment.save()


def _subscribe_quietly(actor, thread) -> None:
    Subscription.objects.get_or_create(user=actor, thread=thread)


def _create_post(*, actor, thread: Thread, body: str, reply_to=None, checked=(), now=None) -> Post:
    post = Post.objects.create(thread=thread, author=actor, body=body, reply_to=reply_to)
    _render(post)
    post.save(update_fields=["html"])
    _attach(post, checked, actor)
    thread.post_count = Post.objects.filter(thread=thread).count()
    thread.last_post_at = post.created_at
    thread.save(update_fields=["post_count", "last_post_at"])
    _subscribe_quietly(actor, thread)
    events.post_changed(post, events.CREATED)
    notifications.post_created(post)
    return post


def _linkable(actor, *, practice, organisation, challenge) -> None:
    from knowledge.models import PracticePage

    if practice is not None and not PracticePage.objects.live().public().filter(pk=practice.pk).exists():
        raise DomainError(_("Link the thread to a published good practice."))
    if organisation is not None and organisation.merged_into_id is not None:
        raise DomainError(
            _("This organisation is no longer in the directory; choose the entry it was merged into.")
        )
    if challenge is not None and not actor.has_perm("peer_review.view_challenge", challenge):
        raise DomainError(_("Link the thread to a challenge you can see."))


@transaction.atomic
def start_thread(
    *,
    actor,
    space: Space,
    title: str,
    body: str,
    practice=None,
    organisation=None,
    challenge=None,
    attachments=(),
    now=None,
) -> Thread:
    """Start a thread with its first post. Refuses people who may not write in the space, an empty or too
    long title or text, links to things the person cannot see, bad files and posting over the rate limit.
    Side effects: audit entry, subscription of the author, notifications and live update after the commit."""
    if not actor.has_perm("forum.post_in_space", space):
        raise PermissionDenied
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give the thread a title."))
    if len(title) > MAX_TITLE:
        raise DomainError(_("The title is too long: at most %(n)d characters.") % {"n": MAX_TITLE})
    body = _clean_body(body)
    _linkable(actor, practice=practice, organisation=organisation, challenge=challenge)
    checked = _check_files(attachments)
    check_rate(actor, now)
    thread = Thread.objects.create(
        space=space,
        title=title,
        author=actor,
        practice=practice,
        organisation=organisation,
        challenge=challenge,
        last_post_at=now or timezone.now(),
    )
    _create_post(actor=actor, thread=thread, body=body, checked=checked, now=now)
    record(thread, "forum.thread.start", user=actor, data={"space": space.slug})
    return thread


@transaction.atomic
def reply(*, actor, thread: Thread, body: str, reply_to=None, attachments=(), now=None) -> Post:
    """Add a post to a thread. Refuses a locked thread (except to moderators), people who may not write,
    a reply to a post of another thread, bad text or files and posting over the rate limit.
    Side effects: audit entry, subscription, notifications and live update after the commit."""
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    if not actor.has_perm("forum.view_thread", thread):
        raise PermissionDenied
    if not actor.has_perm("forum.reply_thread", thread):
        if thread.is_locked and actor.has_perm("forum.post_in_space", thread.space):
            raise DomainError(_("This thread is locked: no new replies can be added."), code="locked")
        raise PermissionDenied
    if reply_to is not None:
        reply_to_id = reply_to if isinstance(reply_to, int) else reply_to.pk
        reply_to = Post.objects.filter(pk=reply_to_id, thread=thread).first()
        if reply_to is None:
            raise DomainError(_("The post you are replying to is not in this thread."))
    body = _clean_body(body)
    checked = _check_files(attachments)
    check_rate(actor, now)
    post = _create_post(actor=actor, thread=thread, body=body, reply_to=reply_to, checked=checked, now=now)
    record(post, "forum.post.reply", user=actor, data={"thread": thread.pk})
    return post


@transaction.atomic
def edit_post(*, actor, post: Post, body: str, expected_version: int) -> Post:
    """Change the text of one's own post, keeping the earlier text as a revision. A stale `expected_version`
    (someone saved in between) is refused with code "stale", never overwritten.
    Side effects: audit entry, notifications of the people the edit newly mentions (never again those the
    post mentioned before), live update after the commit."""
    post = Post.objects.select_for_update().select_related("thread__space").get(pk=post.pk)
    if not actor.has_perm("forum.edit_post", post):
        raise PermissionDenied
    body = _clean_body(body)
    if int(expected_version) != post.version:
        raise DomainError(
            _("The post was changed in the meantime. Read the current text and make your change again."),
            code="stale",
        )
    if body == post.body:
        return post
    mentioned_before = mentions.addressed_user_ids(post)
    PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
    post.body = body
    post.edited_at = timezone.now()
    post.version += 1
    _render(post)
    post.save(update_fields=["body", "html", "edited_at", "version"])
    notifications.post_edited(post, mentioned_before=mentioned_before)
    record(post, "forum.post.edit", user=actor, data={"version": post.version})
    events.post_changed(post, events.EDITED)
    return post


@transaction.atomic
def react(*, actor, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if it is there; True when it is now there."""
    if kind not in Reaction.values:
        raise DomainError(_("Unknown reaction."))
    if not actor.has_perm("forum.react_post", post):
        raise PermissionDenied
    deleted, _rows = PostReaction.objects.filter(post=post, user=actor, kind=kind).delete()
    if deleted:
        events.post_changed(post, events.REACTED)
        return False
    try:
        with transaction.atomic():
            PostReaction.objects.create(post=post, user=actor, kind=kind)
    except IntegrityError:  # the same click twice at once
        pass
    events.post_changed(post, events.REACTED)
    return True


def _target(thread, space):
    if (thread is None) == (space is None):
        raise DomainError(_("Follow either a thread or a space."))
    return {"thread": thread} if thread is not None else {"space": space}


@transaction.atomic
def subscribe(*, actor, thread=None, space=None) -> Subscription:
    """Follow a thread or a space the person may read (a private one they are not in is refused)."""
    target = _target(thread, space)
    if not actor.has_perm("forum.view_thread" if thread is not None else "forum.view_space", thread or space):
        raise PermissionDenied
    if not actor.is_authenticated:
        raise PermissionDenied
    subscription, _created = Subscription.objects.get_or_create(user=actor, **target)
    return subscription


@transaction.atomic
def unsubscribe(*, actor, thread=None, space=None) -> bool:
    """Stop following; True if there was something to stop."""
    deleted, _rows = Subscription.objects.filter(user=actor, **_target(thread, space)).delete()
    return bool(deleted)
