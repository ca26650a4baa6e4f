"""Working-group spaces run by the network coordinators: creating a space, changing its settings, choosing its
members and moderators.

A review cycle's space is the exception: `forum.cycle_spaces` keeps its members equal to the cycle's people
and keeps it private, so those are refused here; its moderators and description may still change.
`people()` is the one read here: the lists the settings page shows and ticks.
Member and moderator changes go through the many-to-many managers one by one, never bulk SQL: `forum.live`
listens to their signals and closes the live connections of people who lost access.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zitnet.accounts.enums import MembershipStatus
from zitnet.accounts.models import Membership
from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .enums import Visibility
from .models import Space, Subscription
from .slugs import is_reserved

MAX_TITLE = Space._meta.get_field("title").max_length
MAX_DESCRIPTION = Space._meta.get_field("description").max_length
MAX_SLUG = Space._meta.get_field("slug").max_length
# Room left in a slug for a "-2", "-3" … suffix.
SLUG_BASE = MAX_SLUG - 10
DEFAULT_SLUG = "grupa-robocza"
POSITION_STEP = 10
MAX_POSITION = 1_000_000
UPDATE_FIELDS = ("title", "description", "visibility", "is_archived", "position")


def _require(actor) -> None:
    if actor is None or not actor.has_perm("forum.manage_spaces"):
        raise PermissionDenied


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give the space a title."))
    if len(title) > MAX_TITLE:
        raise DomainError(_("The title is too long: at most %(n)d characters.") % {"n": MAX_TITLE})
    return title


def _clean_description(description: str) -> str:
    description = (description or "").replace("\r\n", "\n").strip()
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(
            _("The description is too long: at most %(n)d characters.") % {"n": MAX_DESCRIPTION}
        )
    return description


def _clean_visibility(visibility: str) -> str:
    if visibility not in Visibility.values:
        raise DomainError(_("Choose who may read the space."))
    return visibility


def _slug_base(text: str) -> str:
    # slugify() drops "ł" (Unicode does not decompose it), which would turn "Młodzież" into "modziez".
    text = (text or "").replace("ł", "l").replace("Ł", "L")
    return slugify(text)[:SLUG_BASE].strip("-") or DEFAULT_SLUG


def _free_slugs(base: str):
    """The base, then base-2, base-3 …, skipping the forum's fixed words and the slugs already taken."""
    n = 1
    while True:
        slug = base if n == 1 else f"{base}-{n}"
        n += 1
        if not is_reserved(slug) and not Space.objects.filter(slug=slug).exists():
            yield slug


@transaction.atomic
def create_space(*, actor, title: str, description: str = "", visibility: str, slug: str = "") -> Space:
    """Create a space, listed after the others. Its address comes from `slug` or the title, made unique and
    never one of the forum's fixed words. Side effects: audit entry."""
    _require(actor)
    title = _clean_title(title)
    description = _clean_description(description)
    visibility = _clean_visibility(visibility)
    last = Space.objects.aggregate(last=Max("position"))["last"]
    position = (last or 0) + POSITION_STEP
    for candidate in _free_slugs(_slug_base(slug or title)):
        try:
            # A savepoint: someone creating a space of the same name at the same moment only costs a retry.
            with transaction.atomic():
                space = Space.objects.create(
                    title=title,
                    slug=candidate,
                    description=description,
                    visibility=visibility,
                    position=position,
                    created_by=actor,
                )
        except IntegrityError:
            continue
        break
    record(space, "forum.space.create", user=actor, data={"slug": space.slug, "visibility": visibility})
    return space


def _locked(space: Space) -> Space:
    return Space.objects.select_for_update().get(pk=space.pk)


@transaction.atomic
def update_space(
    *, actor, space: Space, title: str, description: str, visibility: str, is_archived: bool, position: int
) -> Space:
    """Change the title, description, visibility, archived state and order of a space; its address stays.
    A review cycle's space stays private. Side effects: audit entry naming the changed fields (none when
    nothing changed); people who lose access are disconnected by `forum.live`."""
    _require(actor)
    space = _locked(space)
    if not isinstance(position, int) or not 0 <= position <= MAX_POSITION:
        raise DomainError(_("The order is a whole number from 0 to %(n)d.") % {"n": MAX_POSITION})
    values = {
        "title": _clean_title(title),
        "description": _clean_description(description),
        "visibility": _clean_visibility(visibility),
        "is_archived": bool(is_archived),
        "position": position,
    }
    if space.cycle_id is not None and values["visibility"] != Visibility.PRIVATE:
        raise DomainError(
            _(
                "This is the space of a review cycle: it stays private to the cycle's participants, so who "
                "reads it cannot change."
            )
        )
    changed = [name for name in UPDATE_FIELDS if getattr(space, name) != values[name]]
    if not changed:
        return space
    for name in changed:
        setattr(space, name, values[name])
    space.save(update_fields=changed)
    record(space, "forum.space.update", user=actor, data={"changed": changed})
    return space


def _refuse_inactive(people) -> None:
    inactive = [person for person in people if not person.is_active]
    if inactive:
        raise DomainError(
            _("These accounts are not active: %(people)s.")
            % {"people": ", ".join(person.email for person in inactive)}
        )


def _unique(people) -> dict:
    return {person.pk: person for person in people}


def _follow(space: Space, people) -> None:
    """New members and moderators follow the space, so they hear of new threads; no notice is sent."""
    for person in people:
        Subscription.objects.get_or_create(user=person, space=space)


@transaction.atomic
def change_people(
    *, actor, space: Space, add_members=(), remove_members=(), add_moderators=(), remove_moderators=()
) -> dict[str, list[int]]:
    """Add and remove members and moderators; returns the ids actually added and removed under the keys
    "added_members", "removed_members", "added_moderators", "removed_moderators". Only active accounts can
    be added; a review cycle's members follow the cycle and are refused here.
    Side effects: the people added follow the space; audit entry (none when nothing changed); people who
    lose access are disconnected by `forum.live`."""
    _require(actor)
    space = _locked(space)
    add_members, remove_members = _unique(add_members), _unique(remove_members)
    add_moderators, remove_moderators = _unique(add_moderators), _unique(remove_moderators)
    if space.cycle_id is not None and (add_members or remove_members):
        raise DomainError(
            _(
                "The members of this space are the participants of its review cycle and change with the "
                "cycle. Add or remove people in the cycle; here only the moderators can change."
            )
        )
    _refuse_inactive([*add_members.values(), *add_moderators.values()])
    if (set(add_members) & set(remove_members)) or (set(add_moderators) & set(remove_moderators)):
        raise DomainError(_("A person cannot be added and removed at the same time."))
    members = set(space.members.values_list("pk", flat=True))
    moderators = set(space.moderators.values_list("pk", flat=True))
    changes = {
        "added_members": sorted(set(add_members) - members),
        "removed_members": sorted(set(remove_members) & members),
        "added_moderators": sorted(set(add_moderators) - moderators),
        "removed_moderators": sorted(set(remove_moderators) & moderators),
    }
    if changes["added_members"]:
        space.members.add(*changes["added_members"])
    if changes["removed_members"]:
        space.members.remove(*changes["removed_members"])
    if changes["added_moderators"]:
        space.moderators.add(*changes["added_moderators"])
    if changes["removed_moderators"]:
        space.moderators.remove(*changes["removed_moderators"])
    newcomers = {pk: add_members[pk] for pk in changes["added_members"]}
    newcomers |= {pk: add_moderators[pk] for pk in changes["added_moderators"]}
    _follow(space, newcomers.values())
    if any(changes.values()):
        record(space, "forum.space.people", user=actor, data=changes)
    return changes


def people(space: Space, relation: str):
    """The members (`relation="members"`) or moderators of a space, by name, each with their active
    memberships and organisations prefetched as `active_memberships` (for "Name (organisation)")."""
    memberships = Membership.objects.filter(status=MembershipStatus.ACTIVE).select_related("organisation")
    manager = space.members if relation == "members" else space.moderators
    return manager.order_by("last_name", "first_name", "email").prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="active_memberships")
    )
