"""E-mail the daily digest of forum notifications to everyone who chose it.

Run it once a day (cron or a systemd timer, see the README); running it more often sends nobody a second
digest within 20 hours, and each notification is e-mailed at most once.
"""

from django.core.management.base import BaseCommand

from forum.notifications import send_digests


class Command(BaseCommand):
    help = "E-mail the daily digest of unread forum notifications to the people who chose it."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_digests()} digest(s).")
