"""Who may do what with accounts, roles and memberships, as `rules` predicates."""

import rules

from .enums import GlobalRole, MembershipRole


def _has_global_role(user, role: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and role in user.global_roles)


@rules.predicate
def is_network_coordinator(user) -> bool:
    return _has_global_role(user, GlobalRole.NETWORK_COORDINATOR)


@rules.predicate
def is_moderator(user) -> bool:
    return _has_global_role(user, GlobalRole.MODERATOR)


@rules.predicate
def is_expert(user) -> bool:
    return _has_global_role(user, GlobalRole.EXPERT)


@rules.predicate
def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


@rules.predicate
def is_member(user) -> bool:
    """Staff of at least one organisation of the network (an active membership)."""
    return bool(user and user.is_authenticated and user.is_active and user.organisation_roles)


@rules.predicate
def is_member_of(user, organisation) -> bool:
    if not (user and user.is_authenticated and user.is_active) or organisation is None:
        return False
    return organisation.pk in user.organisation_roles


@rules.predicate
def is_editor_of(user, organisation) -> bool:
    if not (user and user.is_authenticated and user.is_active) or organisation is None:
        return False
    return user.organisation_roles.get(organisation.pk) == MembershipRole.EDITOR


@rules.predicate
def is_self(user, other) -> bool:
    return bool(user and user.is_authenticated and other is not None and user.pk == other.pk)


# Two-factor authentication is required of these people.
needs_two_factor = is_network_coordinator | is_staff

rules.add_perm("accounts.manage_memberships", is_editor_of | is_network_coordinator)
rules.add_perm("accounts.view_members", is_member_of | is_network_coordinator)
rules.add_perm("accounts.grant_roles", is_network_coordinator)
rules.add_perm("accounts.request_membership", rules.is_authenticated & rules.is_active)
