"""Wagtail hooks of the Forum: its audit-log actions, shown in the admin's log with who and when."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

AUDIT_ACTIONS = [
    ("peer_review.cycle.create", _("Create review cycle"), _("Review cycle created")),
    ("peer_review.cycle.update", _("Change review cycle"), _("Review cycle changed")),
    ("peer_review.cycle.dates", _("Plan phase dates"), _("Phase dates planned")),
    ("peer_review.cycle.transition", _("Move to the next phase"), _("Moved to the next phase")),
    ("peer_review.cycle.override", _("Override phase conditions"), _("Moved on despite unmet conditions")),
    ("peer_review.host.add", _("Add host"), _("Host added")),
    ("peer_review.host.update", _("Change host"), _("Host changed")),
    ("peer_review.host.remove", _("Remove host"), _("Host removed")),
    ("peer_review.challenge.save", _("Save challenge"), _("Challenge saved")),
    ("peer_review.challenge.submit", _("Submit challenge"), _("Challenge submitted")),
    ("peer_review.challenge.return", _("Return challenge"), _("Challenge returned with comments")),
    ("peer_review.challenge.approve", _("Approve challenge"), _("Challenge approved")),
    ("peer_review.challenge.reopen", _("Reopen challenge"), _("Challenge reopened")),
    ("peer_review.challenge.attach", _("Attach document"), _("Document attached to a challenge")),
    ("peer_review.application.submit", _("Apply as observer"), _("Observer application submitted")),
    ("peer_review.application.update", _("Change application"), _("Observer application changed")),
    ("peer_review.application.withdraw", _("Withdraw application"), _("Observer application withdrawn")),
    ("peer_review.application.decide", _("Decide application"), _("Observer application decided")),
    ("peer_review.conflict.add", _("Add conflict of interest"), _("Conflict of interest added")),
    ("peer_review.assignment.rule", _("Pin or forbid a pair"), _("Pair pinned or forbidden")),
    ("peer_review.assignment.run", _("Run assignment"), _("Assignment run")),
    ("peer_review.assignment.publish", _("Publish assignment"), _("Assignment published")),
    ("peer_review.meeting.save", _("Schedule meeting"), _("Meeting scheduled")),
    ("peer_review.meeting.agenda", _("Change agenda"), _("Agenda changed")),
    ("peer_review.meeting.invite", _("Send invitations"), _("Invitations sent")),
    ("peer_review.meeting.attendance", _("Record attendance"), _("Attendance recorded")),
    ("peer_review.finding.submit", _("Submit finding"), _("Finding submitted")),
    ("peer_review.finding.withdraw", _("Withdraw finding"), _("Finding withdrawn to a draft")),
    ("peer_review.recommendation.create", _("Create recommendation"), _("Recommendation created")),
    ("peer_review.recommendation.update", _("Change recommendation"), _("Recommendation changed")),
    ("peer_review.recommendation.move", _("Reorder recommendations"), _("Recommendation moved")),
    ("peer_review.recommendation.delete", _("Delete recommendation"), _("Recommendation deleted")),
    ("peer_review.followup.respond", _("Answer recommendation"), _("Recommendation answered")),
    ("peer_review.followup.action_add", _("Plan follow-up action"), _("Follow-up action planned")),
    ("peer_review.followup.action_update", _("Change follow-up action"), _("Follow-up action changed")),
    ("peer_review.followup.progress", _("Report progress"), _("Progress reported")),
    ("peer_review.followup.remind", _("Remind host coordinator"), _("Follow-up reminder sent")),
    ("peer_review.report.assemble", _("Assemble report"), _("Report assembled from the cycle's data")),
    ("peer_review.report.save", _("Save report section"), _("Report section saved")),
    ("peer_review.report.restore", _("Restore section revision"), _("Earlier text of a section restored")),
    (
        "peer_review.report.resolve",
        _("Settle newer assembled text"),
        _("Newer assembled text taken or dismissed"),
    ),
    ("peer_review.report.comment", _("Comment on report section"), _("Comment on a report section added")),
    (
        "peer_review.report.comment_resolve",
        _("Resolve section comment"),
        _("Comment on a report section resolved"),
    ),
    (
        "peer_review.report.approve",
        _("Approve part of the report"),
        _("Host approved its part of the report"),
    ),
    (
        "peer_review.report.changes",
        _("Ask for changes to the report"),
        _("Host asked for changes to the report"),
    ),
]


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label, message in AUDIT_ACTIONS:
        actions.register_action(action, label, message)
