"""E-mail the follow-up reminders of the Forum: owners of actions overdue or due within a week, host
coordinators with unanswered recommendations or progress reports due.

Run it daily (cron or a systemd timer, see the README). Each action is reminded about at most once every 7 days,
each host coordinator too, so running it more often sends nothing twice. `--dry-run` only counts.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from peer_review.followup import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the owners of follow-up actions overdue or due within 7 days, and host coordinators with "
        "unanswered recommendations or progress reports due (each at most once every 7 days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count who would be reminded.")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        result = send_reminders(now=timezone.now(), dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(
            f"{verb} {result.action_recipients} person(s) about {result.actions} action(s) and "
            f"{result.hosts} host coordinator(s) about answers or progress reports."
        )
