"""Reads of the forum: the spaces a person sees, threads of a space, posts of a thread with their reactions."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

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
        .annotate(revision_count=Count("revisions", distinct=True))
        .order_by("pk")
    )


def posts_after(thread, after_id: int, user):
    """Everything after the last post the client saw (the live client's catch-up)."""
    return thread_posts(thread, user).filter(pk__gt=after_id)


def may_see_post(user, post, *, moderator: bool) -> bool:
    return not post.is_hidden or moderator or (user.is_authenticated and post.author_id == user.pk)


def decorate(posts, thread, user) -> list:
    """Annotate a page of posts for display: `shown` (the text may be shown to this person), `reaction_counts`
    (kind → count, label) and `my_reactions`; two queries for the whole page."""
    posts = list(posts)
    moderator = bool(is_space_moderator(user, thread.space))
    counts = defaultdict(dict)
    mine = defaultdict(set)
    ids = [post.pk for post in posts]
    for row in PostReaction.objects.filter(post_id__in=ids).values("post_id", "kind").annotate(n=Count("pk")):
        counts[row["post_id"]][row["kind"]] = row["n"]
    if user.is_authenticated:
        for post_id, kind in PostReaction.objects.filter(post_id__in=ids, user=user).values_list(
            "post_id", "kind"
        ):
            mine[post_id].add(kind)
    for post in posts:
        post.shown = may_see_post(user, post, moderator=moderator)
        post.reaction_list = [
            {
                "kind": kind,
                "label": label,
                "count": counts[post.pk].get(kind, 0),
                "mine": kind in mine[post.pk],
            }
            for kind, label in Reaction.choices
        ]
    return posts


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
