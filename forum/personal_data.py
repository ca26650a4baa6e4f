"""What the forum holds about a person, for export and erasure (see zitnet.privacy).

Erasure keeps the posts: they are part of other people's discussions, and the account they stay attributed to
is anonymised by the privacy service. What is only the person's (reactions, subscriptions, notifications,
settings) goes.
"""

from django.utils.translation import gettext_lazy as _

from zitnet.privacy.registry import PersonalDataSection

from .models import Notification, NotificationSettings, Post, PostReaction, Subscription


def _iso(value):
    return value.isoformat() if value else None


def export_forum(user) -> dict:
    posts = Post.objects.filter(author=user).select_related("thread__space").prefetch_related("revisions")
    return {
        "posts": [
            {
                "space": p.thread.space.title,
                "thread": p.thread.title,
                "written": _iso(p.created_at),
                "edited": _iso(p.edited_at),
                "text": p.body,
                "earlier_versions": [r.body for r in p.revisions.all()],
                "attachments": [a.name for a in p.attachments.all()],
            }
            for p in posts
        ],
        "reactions": [
            {"thread": r.post.thread.title, "post": r.post_id, "reaction": r.kind}
            for r in PostReaction.objects.filter(user=user).select_related("post__thread")
        ],
        "subscriptions": [
            str(s.thread or s.space)
            for s in Subscription.objects.filter(user=user).select_related("thread", "space")
        ],
    }


def erase_forum(user) -> None:
    PostReaction.objects.filter(user=user).delete()
    Subscription.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()


forum_section = PersonalDataSection(
    key="forum",
    description=_("Posts in the discussion spaces, reactions and followed threads"),
    export=export_forum,
    erase=erase_forum,
)
