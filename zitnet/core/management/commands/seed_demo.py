"""Fill the platform with demo data from the seeds. Idempotent: running it again updates, never duplicates."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forum import demo as forum_demo
from forum.scale import seed_forum_scale
from knowledge import demo as knowledge_demo
from knowledge.scale import seed_practices
from peer_review import demo as peer_review_demo
from peer_review.scale import seed_forum_report_scale
from search import indexing as search_indexing
from zitnet.accounts import demo as accounts_demo
from zitnet.directory import demo as directory_demo
from zitnet.directory.scale import seed_scale
from zitnet.events import demo as events_demo
from zitnet.events.scale import seed_events


class Command(BaseCommand):
    help = "Create or refresh the demo data (organisations, people, good practices, handbook, report)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic organisations (3 services each) for benchmarks.",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic events (20 registrations each) for benchmarks.",
        )
        parser.add_argument(
            "--practices",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic published good practices for benchmarks.",
        )
        parser.add_argument(
            "--forum-published",
            action="store_true",
            help="Also carry the seed Forum cycle from report drafting to a published report (what the demo users "
            "otherwise do in the browser).",
        )
        parser.add_argument(
            "--forum-report-scale",
            action="store_true",
            help="Also generate a Forum cycle of 9 challenges, 60 observers and 300 findings with its report "
            "(benchmarks).",
        )
        parser.add_argument(
            "--forum-scale",
            action="store_true",
            help="Also generate a discussion thread of 500 posts, 500 reader accounts and a poster with an API "
            "token (benchmarks).",
        )

    def handle(self, *args, **options):
        if options["scale"] < 0:
            raise CommandError("--scale must be zero or more.")
        if options["events"] < 0:
            raise CommandError("--events must be zero or more.")
        if options["practices"] < 0:
            raise CommandError("--practices must be zero or more.")
        self.stdout.write("Seeding demo data…")
        with transaction.atomic():
            organisations = directory_demo.seed(self.stdout)
            logins = accounts_demo.seed(self.stdout, organisations)
            knowledge_demo.seed(self.stdout, organisations)
            peer_review_demo.seed(self.stdout, organisations)
            events_demo.seed(self.stdout, organisations)
        # Its own transaction: the forum's e-mails (sent after the commit) go to an in-memory outbox.
        forum_demo.seed(self.stdout, organisations)
        if options["scale"]:
            seed_scale(options["scale"], self.stdout)
        if options["practices"]:
            seed_practices(options["practices"], self.stdout)
        if options["events"]:
            seed_events(options["events"], self.stdout)
        if options["forum_published"]:
            peer_review_demo.publish(self.stdout)
        if options["forum_report_scale"]:
            seed_forum_report_scale(self.stdout)
        if options["forum_scale"]:
            seed_forum_scale(self.stdout)
        if not options["scale"] and not options["practices"]:
            # Content that existed before search did (or was bulk-created) reaches the index once.
            rebuilt = search_indexing.complete_database_index()
            if rebuilt is not None:
                self.stdout.write(f"  search: database index rebuilt ({rebuilt} documents)")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if settings.ZITNET_PRINT_DEMO_PASSWORDS:
            self.stdout.write("\nDemo logins (development only):")
            width = max(len(role) for role, _email, _pw in logins)
            for role, email, password in logins:
                self.stdout.write(f"  {role.ljust(width)}  {email:<28} {password}")
        else:
            self.stdout.write("Demo passwords are not printed outside development; use “forgot password”.")
