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
    ("zitnet.directory.create", _("Add organisation"), _("Organisation added")),
    ("zitnet.directory.update", _("Edit organisation"), _("Organisation edited")),
    ("zitnet.directory.import", _("Import organisation"), _("Organisation updated by import")),
    ("zitnet.directory.position", _("Correct map position"), _("Map position corrected")),
    ("zitnet.directory.verify", _("Verify organisation"), _("Organisation verified")),
    ("zitnet.directory.unverify", _("Withdraw verification"), _("Verification withdrawn")),
    ("zitnet.directory.merge", _("Merge duplicate"), _("Duplicate merged into this entry")),
    ("zitnet.directory.merged_into", _("Merge into another entry"), _("Merged into another entry")),
    ("zitnet.directory.contact", _("Contact organisation"), _("Message sent through the contact form")),
    ("zitnet.directory.service.add", _("Add service"), _("Service added")),
    ("zitnet.directory.service.change", _("Edit service"), _("Service edited")),
    ("zitnet.directory.service.delete", _("Delete service"), _("Service deleted")),
    ("zitnet.directory.cooperation.add", _("Add offer or need"), _("Offer or need added")),
    ("zitnet.directory.cooperation.change", _("Edit offer or need"), _("Offer or need edited")),
    ("zitnet.directory.cooperation.delete", _("Delete offer or need"), _("Offer or need deleted")),
    ("zitnet.directory.contact.add", _("Add contact person"), _("Contact person added")),
    ("zitnet.directory.contact.change", _("Edit contact person"), _("Contact person edited")),
    ("zitnet.directory.contact.delete", _("Delete contact person"), _("Contact person deleted")),
    ("zitnet.events.register", _("Register for an event"), _("Registered for the event")),
    ("zitnet.events.cancel", _("Cancel a registration"), _("Registration cancelled")),
    ("zitnet.events.promote", _("Move up from the waiting list"), _("Moved up from the waiting list")),
    (
        "zitnet.events.leaders.create",
        _("Start a Leaders' Corps selection"),
        _("Leaders' Corps selection started"),
    ),
    ("zitnet.events.leaders.propose", _("Propose the Leaders' Corps"), _("Leaders' Corps proposed")),
    ("zitnet.events.leaders.swap", _("Swap a proposed leader"), _("Proposed leader swapped")),
    ("zitnet.events.leaders.confirm", _("Confirm the Leaders' Corps"), _("Leaders' Corps confirmed")),
    (
        "zitnet.events.purge_needs",
        _("Delete accessibility needs after the event"),
        _("Accessibility needs deleted after the event"),
    ),
    ("zitnet.events.check_in", _("Check in a participant"), _("Marked present")),
    ("zitnet.events.check_in_undo", _("Undo a check-in"), _("No longer marked present")),
    (
        "zitnet.events.attendance_import",
        _("Import attendance"),
        _("Attendance imported from an online platform's list"),
    ),
    ("knowledge.practice.draft", _("Save practice draft"), _("Practice draft saved")),
    ("knowledge.practice.submit", _("Submit practice"), _("Practice submitted for approval")),
    ("knowledge.practice.verify", _("Verify practice"), _("Practice verification recorded")),
    ("knowledge.practice.documents_public", _("Publish documents"), _("Practice documents made public")),
    ("forum.thread.start", _("Start a discussion thread"), _("Discussion thread started")),
    ("forum.post.reply", _("Reply in a discussion"), _("Reply posted")),
    ("forum.post.edit", _("Edit a post"), _("Post edited")),
]


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label, message in AUDIT_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    # Documents of unpublished practices: only the owner and coordinators, not every signed-in person.
    from knowledge.uploads import private_document_response

    return private_document_response(document, request)
