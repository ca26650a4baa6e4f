"""Wagtail hooks of the discussion forum: its audit-log actions, shown in the admin's log with who and when."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

AUDIT_ACTIONS = [
    ("forum.thread.start", _("Start thread"), _("Thread started")),
    ("forum.post.reply", _("Reply in thread"), _("Reply posted")),
    ("forum.post.edit", _("Edit post"), _("Post edited")),
    # Moderation (forum.moderation).
    ("forum.thread.pin", _("Pin thread"), _("Thread pinned")),
    ("forum.thread.unpin", _("Unpin thread"), _("Thread unpinned")),
    ("forum.thread.lock", _("Lock thread"), _("Thread locked")),
    ("forum.thread.unlock", _("Unlock thread"), _("Thread unlocked")),
    ("forum.thread.move", _("Move thread"), _("Thread moved to another space")),
    ("forum.post.hide", _("Hide post"), _("Post hidden by the moderators")),
    ("forum.post.unhide", _("Show post again"), _("Post shown again")),
    ("forum.post.report", _("Report post"), _("Post reported to the moderators")),
    ("forum.report.dismiss", _("Dismiss report"), _("Report dismissed")),
    # Working-group spaces (forum.spaces).
    ("forum.space.create", _("Create space"), _("Discussion space created")),
    ("forum.space.update", _("Change space settings"), _("Settings of the discussion space changed")),
    ("forum.space.people", _("Change space people"), _("Members or moderators of the space changed")),
]


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label, message in AUDIT_ACTIONS:
        actions.register_action(action, label, message)
