"""A thread's posts as list items (forum/includes/post.html), each rendered once and then taken from a cache.

Rendering 50 posts with their reaction forms and action links was most of a thread page's time. A post item
depends only on what its key holds: the post as shown (text, version, hidden state, names, attachments), its
reactions (with the reader's own), what the reader may do there, the page its reply links open, and the language
and time zone. So the key is a digest of exactly those, nothing is ever invalidated, and readers of the same kind
share items. The one personal part, the CSRF token of each form, is stored as a marker and put in per request.
The live updates (forum.live) and the catch-up use the same items, with no token (the page adds its own).
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

CACHE_ALIAS = "forum_posts"
TIMEOUT_S = 7 * 24 * 3600
_CSRF_MARK = "\x00csrf\x00"


def _key(post, flags: tuple, reply_page: int) -> str:
    fingerprint = (
        post.pk,
        post.version,
        post.html,
        post.is_hidden,
        post.hidden_reason,
        post.shown,
        post.author_id,
        post.author_name,
        post.reply_to_id,
        post.reply_to_name,
        post.created_at.isoformat(),
        post.edited_at.isoformat() if post.edited_at else "",
        tuple(tuple(sorted(reaction.items())) for reaction in post.reaction_list),
        tuple(tuple(sorted(item.items())) for item in post.attachment_list),
        flags,
        reply_page,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    return "forum-post:" + hashlib.blake2b(repr(fingerprint).encode(), digest_size=16).hexdigest()


def post_items(
    posts,
    *,
    can_react: bool,
    can_reply: bool,
    can_moderate: bool,
    signed_in: bool,
    viewer_id: int | None,
    csrf_input: str = "",
    reply_page=None,
) -> list[str]:
    """List items of posts decorated by selectors.decorate_for. `reply_page`: one page for all, or None to use
    each post's `page_number`."""
    cache = caches[CACHE_ALIAS]
    context = {
        "can_react": can_react,
        "can_reply": can_reply,
        "can_moderate": can_moderate,
        "signed_in": signed_in,
        "csrf_input": _CSRF_MARK,
    }
    keyed = []
    for post in posts:
        is_author = viewer_id is not None and post.author_id == viewer_id
        page = reply_page if reply_page is not None else post.page_number
        flags = (can_react, can_reply, can_moderate, signed_in, is_author)
        keyed.append((_key(post, flags, page), post, page, is_author))
    found = cache.get_many([key for key, *_rest in keyed])
    made = {}
    items = []
    for key, post, page, is_author in keyed:
        html = found.get(key)
        if html is None:
            html = render_to_string(
                "forum/includes/post.html",
                {
                    **context,
                    "post": post,
                    "reply_page": page,
                    "viewer_id": post.author_id if is_author else None,
                },
            )
            made[key] = html
        items.append(mark_safe(html.replace(_CSRF_MARK, csrf_input)))  # noqa: S308 - our own template's output
    if made:
        cache.set_many(made, TIMEOUT_S)
    return items
