"""Who may draft, edit, preview and verify good practices, checked on the practice itself."""

import rules
from wagtail.models import WorkflowState

from zitnet.accounts.rules import is_member, is_network_coordinator


@rules.predicate
def is_practice_owner(user, practice) -> bool:
    if not (user and user.is_authenticated and user.is_active) or practice is None:
        return False
    return practice.owner_id == user.pk


@rules.predicate
def is_in_moderation(user, practice) -> bool:
    """A workflow is waiting for a coordinator's decision (not one that asked for changes)."""
    if practice is None or not practice.pk:
        return False
    # current_workflow_state honours states attached in bulk by listings (one query for many practices).
    state = practice.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


@rules.predicate
def is_live_practice(user, practice) -> bool:
    return practice is not None and bool(practice.live)


rules.add_perm("knowledge.draft_practice", is_member)
rules.add_perm("knowledge.edit_practice", is_member & is_practice_owner & ~is_in_moderation)
rules.add_perm("knowledge.preview_practice", is_practice_owner | is_network_coordinator)
rules.add_perm("knowledge.verify_practice", is_network_coordinator & is_live_practice)
rules.add_perm("knowledge.view_own_practices", rules.is_authenticated & rules.is_active)
