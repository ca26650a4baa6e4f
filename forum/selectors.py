"""Reads of the forum: the spaces a person sees, threads of a space, posts of a thread with their reactions."""

import functools
from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zitnet.accounts.rules import is_member, is_moderator, is_network_coordinator

from .enums import Reaction, Visibility
from .models import Attachment, Post, PostReaction, Space, Thread
from .rules import is_space_moderator


def visible_spaces(user):
    """Spaces the person may read (archived ones last), with how many threads each holds."""
    spaces = Space.objects.all()
    active = bool(user and user.is_authenticated and user.is_active)
    if not (active and (is_network_coordinator(user) or is_moderator(user))):
        readable = Q(visibility=Visibility.PUBLIC)
        if active:
            readable |= Q(moderators=user) | Q(visibility=Visibility.PRIVATE, members=user)
            if is_member(user):
                readable |= Q(visibility=Visibility.MEMBERS)
        spaces = spaces.filter(pk__in=Space.objects.filter(readable).values("pk"))
    return spaces.annotate(thread_count=Count("threads", distinct=True)).order_by(
        "is_archived", "position", "title"
    )


def threads(space, user):
    """The threads of a space: pinned first, then by the latest post."""
    return (
        Thread.objects.filter(space=space)
        .select_related("author", "practice", "organisation", "challenge")
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )


def thread_posts(thread, user):
    """The posts of a thread in order, with what a page of them shows (author, the post replied to,
    attachments); reactions come from `decorate`."""
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "reply_to__author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .order_by("pk")
    )


def posts_after(thread, after_id: int, user):
    """Everything after a post (the API's `?after=` and the live page's catch-up)."""
    return thread_posts(thread, user).filter(pk__gt=after_id)


def may_see_post(user, post, *, moderator: bool) -> bool:
    return not post.is_hidden or moderator or (user.is_authenticated and post.author_id == user.pk)


def decorate(posts, thread, user) -> list:
    """Annotate a page of posts for display: `shown` (the text may be shown to this person), `reaction_counts`
    (kind → count, label) and `my_reactions`; two queries for the whole page."""
    moderator = bool(is_space_moderator(user, thread.space))
    return decorate_for(posts, moderator=moderator, viewer_id=user.pk if user.is_authenticated else None)


def decorate_for(posts, *, moderator: bool, viewer_id: int | None) -> list:
    """`decorate` for a kind of reader: a moderator or not, and the person whose own reactions are marked (and
    whose own hidden posts stay visible to them), or nobody."""
    posts = list(posts)
    counts = defaultdict(dict)
    mine = defaultdict(set)
    ids = [post.pk for post in posts]
    for row in PostReaction.objects.filter(post_id__in=ids).values("post_id", "kind").annotate(n=Count("pk")):
        counts[row["post_id"]][row["kind"]] = row["n"]
    if viewer_id is not None:
        for post_id, kind in PostReaction.objects.filter(post_id__in=ids, user_id=viewer_id).values_list(
            "post_id", "kind"
        ):
            mine[post_id].add(kind)
    reactions = [(kind, str(label)) for kind, label in Reaction.choices]
    urls = _post_url_patterns()
    deleted = str(_("Deleted account"))
    for post in posts:
        post.shown = (
            not post.is_hidden or moderator or (viewer_id is not None and post.author_id == viewer_id)
        )
        post.reaction_list = [
            {
                "kind": kind,
                "label": label,
                "count": counts[post.pk].get(kind, 0),
                "mine": kind in mine[post.pk],
            }
            for kind, label in reactions
        ]
        # What a page of 50 posts shows, ready-made: reversing ~10 URLs a post was a fifth of the page's time.
        post.author_name = _name(post.author, deleted)
        post.reply_to_name = (
            _name(post.reply_to.author, deleted) if post.reply_to_id and post.reply_to else ""
        )
        post.urls = {name: pattern.format(post.pk) for name, pattern in urls.items()}
        post.urls["person"] = urls["person"].format(post.author_id) if post.author_id else ""
        post.urls["reply_to"] = urls["post"].format(post.reply_to_id) if post.reply_to_id else ""
        post.attachment_list = [
            {
                "name": file.name,
                "size": file.size,
                "url": urls["attachment"].format(file.pk),
                "is_image": file.content_type.startswith("image/"),
            }
            for file in post.attachments.all()
        ]
    return posts


def _name(user, deleted: str) -> str:
    if user is None:
        return deleted
    return user.get_full_name() or str(_("Member"))


@functools.cache
def _post_url_patterns() -> dict[str, str]:
    """The forum's post URLs as format strings ("/dyskusje/wpisy/{}/reakcja/"), reversed once per process."""
    marker = 987654321
    names = {
        "person": "forum:person",
        "history": "forum:history",
        "post": "forum:post",
        "attachment": "forum:attachment",
        "react": "forum:react",
        "report": "forum:report_post",
        "hide": "forum:hide_post",
        "unhide": "forum:unhide_post",
        "edit": "forum:edit",
    }
    return {key: reverse(name, args=[marker]).replace(str(marker), "{}") for key, name in names.items()}


def thread_posts_by_id(thread_id: int, post_id: int):
    """One post of a thread with what its list item shows (and its thread and space), or None."""
    return (
        Post.objects.filter(thread_id=thread_id, pk=post_id)
        .select_related("author", "reply_to__author", "thread__space")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .first()
    )


def page_of_post(post, per_page: int) -> int:
    """The page of its thread a post is on."""
    before = Post.objects.filter(thread_id=post.thread_id, pk__lt=post.pk).count()
    return before // per_page + 1


def linked_threads(user, **target):
    """Threads linked to a practice, organisation or challenge that the person may read (newest first)."""
    spaces = visible_spaces(user).values("pk")
    return (
        Thread.objects.filter(space__in=spaces, **target)
        .select_related("space")
        .order_by("-last_post_at", "-pk")[:10]
    )
