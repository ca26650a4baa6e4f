"""Writes to accounts, roles and memberships. Each function checks, changes, audits and notifies."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .enums import GlobalRole, MembershipRole, MembershipStatus
from .models import Membership, RoleGrant, User
from .rules import is_network_coordinator


def update_profile(
    *, user: User, first_name: str, last_name: str, job_title: str, preferred_language: str
) -> User:
    """Change the user's own profile fields. Side effects: audit entry."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.job_title = job_title.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["first_name", "last_name", "job_title", "preferred_language"])
    record(user, "zitnet.profile.update", user=user)
    return user


def grant_role(*, actor: User | None, user: User, role: str) -> RoleGrant:
    """Give `user` a global role. `actor=None` means a management command or the demo seed.

    Side effects: audit entry; a network coordinator joins Wagtail's "Moderators" group (to approve pages).
    Refuses actors who are not network coordinators.
    """
    if actor is not None and not actor.has_perm("accounts.grant_roles"):
        raise PermissionDenied
    if role not in GlobalRole.values:
        raise DomainError(_("Unknown role."))
    grant, created = RoleGrant.objects.get_or_create(user=user, role=role, defaults={"granted_by": actor})
    if created:
        record(user, "zitnet.role.grant", user=actor, data={"role": role})
    _sync_wagtail_group(user=user, role=role, member=True)
    user.__dict__.pop("global_roles", None)
    return grant


def revoke_role(*, actor: User | None, user: User, role: str) -> None:
    """Take a global role away. Side effects: audit entry; leaves the role's Wagtail group (see grant_role)."""
    if actor is not None and not actor.has_perm("accounts.grant_roles"):
        raise PermissionDenied
    deleted, _rows = RoleGrant.objects.filter(user=user, role=role).delete()
    if deleted:
        record(user, "zitnet.role.revoke", user=actor, data={"role": role})
    _sync_wagtail_group(user=user, role=role, member=False)
    user.__dict__.pop("global_roles", None)


# Network coordinators approve good practices in Wagtail's moderation workflow (a GroupApprovalTask).
WAGTAIL_GROUP_OF_ROLE = {GlobalRole.NETWORK_COORDINATOR: "Moderators"}


def _sync_wagtail_group(*, user: User, role: str, member: bool) -> None:
    name = WAGTAIL_GROUP_OF_ROLE.get(role)
    if name is None:
        return
    group = Group.objects.filter(name=name).first()
    if group is None:
        return
    if member:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def _forget_roles(user: User) -> None:
    user.__dict__.pop("organisation_roles", None)


def _mail(*, to: list[str], subject: str, template: str, context: dict, language: str | None = None) -> None:
    """Send a plain-text notification after the surrounding transaction commits."""
    if not to:
        return

    def send() -> None:
        with translation.override(language or settings.LANGUAGE_CODE):
            body = render_to_string(template, context)
            send_mail(f"[ZITnet] {subject}", body, None, to, fail_silently=False)

    transaction.on_commit(send)


@transaction.atomic
def request_membership(*, user: User, organisation, note: str = "") -> Membership:
    """Ask to join an organisation. Side effects: audit entry; e-mail to its editors (or coordinators).

    Refuses a second request to the same organisation and more than the daily limit of requests.
    """
    if not user.has_perm("accounts.request_membership"):
        raise PermissionDenied
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    if existing is not None:
        if existing.status == MembershipStatus.ACTIVE:
            raise DomainError(_("You are already a member of %(org)s.") % {"org": organisation})
        if existing.status == MembershipStatus.PENDING:
            raise DomainError(
                _("Your request to join %(org)s is already waiting for approval.") % {"org": organisation}
            )
        raise DomainError(
            _("Your earlier request to join %(org)s was declined; contact the network coordinator.")
            % {"org": organisation}
        )
    since = timezone.now() - timedelta(days=1)
    if (
        Membership.objects.filter(user=user, requested_at__gte=since).count()
        >= settings.ZITNET_MEMBERSHIP_REQUESTS_PER_DAY
    ):
        raise DomainError(
            _("You have sent too many membership requests today. Try again tomorrow."), code="throttled"
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organisation=organisation, note=note.strip())
    except IntegrityError as exc:  # a concurrent duplicate request
        raise DomainError(
            _("Your request to join %(org)s is already waiting for approval.") % {"org": organisation}
        ) from exc
    record(membership, "zitnet.membership.request", user=user)
    editors = list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=MembershipRole.EDITOR,
            memberships__status=MembershipStatus.ACTIVE,
            is_active=True,
        ).values_list("email", flat=True)
    )
    if not editors:
        editors = list(
            User.objects.filter(role_grants__role=GlobalRole.NETWORK_COORDINATOR, is_active=True).values_list(
                "email", flat=True
            )
        )
    _mail(
        to=editors,
        subject=_("New membership request"),
        template="accounts/email/membership_requested.txt",
        context={
            "membership": membership,
            "url": settings.WAGTAILADMIN_BASE_URL + reverse("accounts:members", args=[organisation.slug]),
        },
    )
    return membership


@transaction.atomic
def decide_membership(*, actor: User, membership: Membership, approve: bool) -> Membership:
    """Approve or decline a pending request. Side effects: audit entry; e-mail to the requester."""
    if not actor.has_perm("accounts.manage_memberships", membership.organisation):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.PENDING:
        raise DomainError(_("This request has already been decided."), code="stale")
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    record(membership, "zitnet.membership.approve" if approve else "zitnet.membership.reject", user=actor)
    _forget_roles(membership.user)
    _mail(
        to=[membership.user.email],
        subject=_("Your membership request"),
        template="accounts/email/membership_decided.txt",
        context={"membership": membership, "approved": approve},
        language=membership.user.preferred_language,
    )
    return membership


def _ensure_an_editor_remains(*, actor: User, membership: Membership) -> None:
    """Refuse to demote or remove the organisation's last active editor, unless a coordinator does it."""
    if membership.role != MembershipRole.EDITOR or membership.status != MembershipStatus.ACTIVE:
        return
    if is_network_coordinator(actor):
        return
    editors = Membership.objects.filter(
        organisation=membership.organisation, role=MembershipRole.EDITOR, status=MembershipStatus.ACTIVE
    ).count()
    if editors <= 1:
        raise DomainError(_("The organisation must keep at least one editor."))


@transaction.atomic
def change_membership_role(*, actor: User, membership: Membership, role: str) -> Membership:
    """Make a member an editor or back. Side effects: audit entry.

    An organisation keeps at least one editor unless a coordinator makes the change.
    """
    if not actor.has_perm("accounts.manage_memberships", membership.organisation):
        raise PermissionDenied
    if role not in MembershipRole.values:
        raise DomainError(_("Unknown role."))
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.ACTIVE:
        raise DomainError(_("Only active members can have their role changed."))
    if membership.role == role:
        return membership
    _ensure_an_editor_remains(actor=actor, membership=membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(membership, "zitnet.membership.role", user=actor, data={"from": old, "to": role})
    _forget_roles(membership.user)
    return membership


@transaction.atomic
def remove_membership(*, actor: User, membership: Membership) -> None:
    """End a membership: the member leaves, or an editor/coordinator removes them. Side effects: audit."""
    leaving = actor.pk == membership.user_id
    if not leaving and not actor.has_perm("accounts.manage_memberships", membership.organisation):
        raise PermissionDenied
    _ensure_an_editor_remains(actor=actor, membership=membership)
    record(membership, "zitnet.membership.remove", user=actor, data={"user": membership.user_id})
    membership.delete()
    _forget_roles(membership.user)
