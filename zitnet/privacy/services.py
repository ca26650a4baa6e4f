"""Personal-data export and account erasure, across every registered section."""

from django.db import transaction
from django.utils import timezone

from zitnet.core.audit import record

from .registry import sections


def export_personal_data(*, user) -> dict:
    """Everything the platform holds about `user`, as JSON-serialisable data. No side effects."""
    return {
        "generated_at": timezone.now().isoformat(),
        "user_id": user.pk,
        "sections": {
            section.key: {"description": str(section.description), "data": section.export(user)}
            for section in sections()
        },
    }


@transaction.atomic
def erase_account(*, user) -> None:
    """Erase a person: every section removes its data, then the account row is anonymised.

    The row stays (with no personal data) so that totals and foreign keys elsewhere survive.
    Side effects: all sessions end (the password hash changes); audit entry without personal data.
    """
    for section in reversed(sections()):
        section.erase(user)
    user.email = f"usuniety-{user.pk}@anonimowy.invalid"
    user.first_name = ""
    user.last_name = ""
    user.job_title = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    record(user, "zitnet.account.erase", user=None)
