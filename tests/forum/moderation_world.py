"""Arranging spaces, threads and posts directly (the tests of writing them call the services)."""

from forum.enums import Visibility
from forum.models import Post, Space, Thread


def make_space(
    slug: str, *, visibility=Visibility.MEMBERS, moderators=(), members=(), archived=False
) -> Space:
    space = Space.objects.create(
        title=f"Przestrzeń {slug}", slug=slug, visibility=visibility, is_archived=archived
    )
    space.moderators.set(moderators)
    space.members.set(members)
    return space


def make_thread(space: Space, author, title="Rady młodzieżowe w gminach ZIT") -> Thread:
    return Thread.objects.create(space=space, title=title, author=author)


def make_post(thread: Thread, author, body="Jak gminy powołują rady młodzieżowe?") -> Post:
    return Post.objects.create(thread=thread, author=author, body=body, html=f"<p>{body}</p>")
