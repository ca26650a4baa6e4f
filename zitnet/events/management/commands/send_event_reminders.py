"""E-mail confirmed participants a reminder of events starting within ZITNET_EVENT_REMINDER_HOURS.

Run it hourly (cron or a systemd timer, see the README). Each registration is reminded once.
"""

from django.core.management.base import BaseCommand

from zitnet.events.services import send_reminders


class Command(BaseCommand):
    help = "Remind confirmed participants of events starting within ZITNET_EVENT_REMINDER_HOURS (default 48)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_reminders()} reminder(s).")
