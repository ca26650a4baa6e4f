"""Who may read, write and moderate in the discussion spaces, as `rules` predicates checked on the object."""

import rules

from zitnet.accounts.rules import is_member, is_moderator, is_network_coordinator

from .enums import Visibility


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _space_ids(user, relation: str) -> frozenset[int]:
    """Ids of the spaces the user is in (`members`) or moderates (`moderators`); fetched once per user object,
    so checking a page of threads asks the database once."""
    key = f"_forum_{relation}_space_ids"
    if key not in user.__dict__:
        from .models import Space

        field = "members" if relation == "members" else "moderators"
        user.__dict__[key] = frozenset(Space.objects.filter(**{field: user}).values_list("pk", flat=True))
    return user.__dict__[key]


def _space(obj):
    """The space of a space, thread or post."""
    if obj is None:
        return None
    if hasattr(obj, "visibility"):
        return obj
    if hasattr(obj, "space"):
        return obj.space
    return obj.thread.space


@rules.predicate
def is_space_moderator(user, obj) -> bool:
    """Moderators of the space, network coordinators and the site's moderators."""
    if not _active(user) or obj is None:
        return False
    if is_network_coordinator(user) or is_moderator(user):
        return True
    return _space(obj).pk in _space_ids(user, "moderators")


@rules.predicate
def can_read_space(user, obj) -> bool:
    space = _space(obj)
    if space is None:
        return False
    if space.visibility == Visibility.PUBLIC:
        return True
    if not _active(user):
        return False
    if is_space_moderator(user, space):
        return True
    if space.visibility == Visibility.MEMBERS:
        return bool(is_member(user))
    return space.pk in _space_ids(user, "members")


@rules.predicate
def can_write_in_space(user, obj) -> bool:
    space = _space(obj)
    if space is None or not _active(user) or space.is_archived:
        return False
    if is_space_moderator(user, space):
        return True
    if space.visibility == Visibility.PRIVATE:
        return space.pk in _space_ids(user, "members")
    return bool(is_member(user))


@rules.predicate
def thread_is_open(user, thread) -> bool:
    return thread is not None and not thread.is_locked


@rules.predicate
def thread_of_post_is_open(user, post) -> bool:
    return post is not None and not post.thread.is_locked


@rules.predicate
def is_post_author(user, post) -> bool:
    return _active(user) and post is not None and post.author_id == user.pk


@rules.predicate
def post_is_shown(user, post) -> bool:
    return post is not None and not post.is_hidden


rules.add_perm("forum.view_space", can_read_space)
rules.add_perm("forum.post_in_space", can_write_in_space)
rules.add_perm("forum.moderate_space", is_space_moderator)
rules.add_perm("forum.view_thread", can_read_space)
rules.add_perm("forum.reply_thread", can_write_in_space & (thread_is_open | is_space_moderator))
rules.add_perm("forum.view_post", can_read_space & (post_is_shown | is_post_author | is_space_moderator))
rules.add_perm(
    "forum.edit_post",
    is_post_author & can_read_space & post_is_shown & (thread_of_post_is_open | is_space_moderator),
)
rules.add_perm("forum.react_post", can_write_in_space & post_is_shown)
# Working groups are the network's business: its coordinators create spaces and choose their people.
rules.add_perm("forum.manage_spaces", is_network_coordinator)
