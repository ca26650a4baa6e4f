"""A private discussion space for each review cycle, kept in step with the cycle's people.

The space is made when the cycle is created and refreshed whenever its hosts, experts or observers change
(`peer_review.signals.participants_changed`) or it moves to another phase (`phase_changed`: accepted observers
join from the assignment on). Members are exactly `peer_review.selectors.participants(cycle)`; the network
coordinators moderate it. A closed cycle's space is archived (read-only history), never deleted.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify
from django.utils.translation import gettext as _

from peer_review import selectors as review_selectors
from peer_review import signals as review_signals
from peer_review.enums import CyclePhase
from peer_review.models import Cycle
from zitnet.accounts.enums import GlobalRole
from zitnet.accounts.models import User

from .enums import Visibility
from .models import Space
from .slugs import is_reserved


def _slug_for(cycle: Cycle) -> str:
    """A free slug from the cycle's, never one of the forum's fixed words (forum.slugs), which would make the
    space unreachable."""
    base = f"cykl-{slugify(cycle.slug)}"[:110].strip("-") or "cykl"
    slug, n = base, 2
    while is_reserved(slug) or Space.objects.filter(slug=slug).exclude(cycle=cycle).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def sync(cycle: Cycle) -> Space:
    """Create or refresh the cycle's private space: its members, moderators and archived state."""
    space = Space.objects.select_for_update().filter(cycle=cycle).first()
    created = space is None
    if created:
        space = Space.objects.create(
            cycle=cycle,
            slug=_slug_for(cycle),
            title=cycle.title[:200],
            description=_(
                "The private discussion of the hosts, experts and observers of the review cycle “%(cycle)s”."
            )
            % {"cycle": cycle.title},
            visibility=Visibility.PRIVATE,
            created_by=cycle.created_by,
        )
    people = set(review_selectors.participants(cycle))
    before = set(space.members.values_list("pk", flat=True))
    if people != before:
        space.members.set(people)
    coordinators = set(
        User.objects.filter(role_grants__role=GlobalRole.NETWORK_COORDINATOR, is_active=True).values_list(
            "pk", flat=True
        )
    )
    missing = coordinators - set(space.moderators.values_list("pk", flat=True))
    if missing:
        space.moderators.add(*missing)
    archived = cycle.phase == CyclePhase.CLOSED
    fields = []
    if space.is_archived != archived:
        space.is_archived = archived
        fields.append("is_archived")
    if space.title != cycle.title[:200]:
        space.title = cycle.title[:200]
        fields.append("title")
    if fields:
        space.save(update_fields=fields)
    return space


def _on_cycle_saved(sender, instance: Cycle, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        sync(instance)


def _on_cycle_changed(sender, cycle: Cycle, **kwargs) -> None:
    sync(cycle)


def connect() -> None:
    """Called from `ForumConfig.ready()`."""
    post_save.connect(_on_cycle_saved, sender=Cycle, dispatch_uid="forum.cycle_spaces.created")
    review_signals.participants_changed.connect(_on_cycle_changed, dispatch_uid="forum.cycle_spaces.people")
    review_signals.phase_changed.connect(_on_cycle_changed, dispatch_uid="forum.cycle_spaces.phase")
