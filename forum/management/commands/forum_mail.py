"""E-mail the forum notifications due "at once" (the outbox of forum.notifications).

Once by default (cron, or after an outage); with --loop it keeps going, a round every --interval seconds, as the
mail worker of a deployment that sets FORUM_MAIL_WORKER=true (then the web processes send nothing themselves).
Several copies may run: each notification is claimed before it is sent, so none is mailed twice.
"""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from forum.notifications import send_due_emails


class Command(BaseCommand):
    help = "E-mail the forum notifications that people want at once; with --loop, keep doing it."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep sending, one round every --interval s")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconds between rounds with --loop (default: 5)"
        )

    def handle(self, *args, loop: bool, interval: float, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if not loop:
            self.stdout.write(f"Sent {send_due_emails()} e-mail(s).")
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"Sending forum e-mails every {interval:g} s (Ctrl+C or SIGTERM stops).")
        try:
            while not stopping:
                sent = send_due_emails()
                if sent:
                    self.stdout.write(f"Sent {sent} e-mail(s).")
                close_old_connections()
                deadline = time.monotonic() + interval
                while not stopping and time.monotonic() < deadline:
                    time.sleep(min(0.5, interval))
        except KeyboardInterrupt:
            pass
        self.stdout.write("Stopped.")
