"""Delete the accessibility needs of events that ended more than ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS ago.

Run it daily (cron or a systemd timer, see the README). Idempotent; `--dry-run` only counts.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from zitnet.events.personal_data import needs_retention_days, purge_accessibility_needs


class Command(BaseCommand):
    help = (
        "Delete the accessibility needs given for events that ended more than "
        "ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS days ago (default 30)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        count = purge_accessibility_needs(now=timezone.now(), dry_run=dry_run)
        days = needs_retention_days()
        verb = "Would delete" if dry_run else "Deleted"
        message = (
            f"{verb} the accessibility needs of {count} registration(s) "
            f"(events that ended more than {days} days ago)."
        )
        self.stdout.write(message)
