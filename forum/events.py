"""After-commit hooks of forum writes: every change of a post is announced here once committed (forum.live
broadcasts it to the open thread views)."""

from django.db import transaction

# Kinds of change a post goes through; the live client will tell them apart.
CREATED = "created"
EDITED = "edited"
HIDDEN = "hidden"
SHOWN = "shown"
MOVED = "moved"
REACTED = "reacted"

_listeners: list = []


def listen(callback) -> None:
    """Register `callback(post_id, thread_id, kind)`, called after the commit of every change of a post."""
    if callback not in _listeners:
        _listeners.append(callback)


def post_changed(post, kind: str) -> None:
    """Call after writing `post`: once the transaction commits, every listener hears of it (never before, so
    nobody is told of a post that a rollback took back)."""
    post_id, thread_id = post.pk, post.thread_id

    def notify() -> None:
        for callback in list(_listeners):
            callback(post_id, thread_id, kind)

    transaction.on_commit(notify)
