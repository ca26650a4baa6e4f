"""Wagtail hooks of the shell: the audit-log actions of accounts, memberships and privacy."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

AUDIT_ACTIONS = [
    ("zitnet.profile.update", _("Update profile"), _("Profile updated")),
    ("zitnet.role.grant", _("Grant role"), _("Role granted")),
    ("zitnet.role.revoke", _("Revoke role"), _("Role revoked")),
    ("zitnet.membership.request", _("Request membership"), _("Membership requested")),
    ("zitnet.membership.approve", _("Approve membership"), _("Membership approved")),
    ("zitnet.membership.reject", _("Decline membership"), _("Membership declined")),
    ("zitnet.membership.role", _("Change membership role"), _("Membership role changed")),
    ("zitnet.membership.remove", _("Remove membership"), _("Membership removed")),
    ("zitnet.account.erase", _("Erase account"), _("Account erased")),
]


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label, message in AUDIT_ACTIONS:
        actions.register_action(action, label, message)
