"""Rebuilds the search indexes from the content: the database index, and Elasticsearch when configured (new
indexes filled in the background of the old ones, then the aliases swapped in one step)."""

import time

from django.core.management.base import BaseCommand, CommandError

from search import api, registry
from search.engines.base import EngineError
from search.models import SearchOutbox


class Command(BaseCommand):
    help = "Rebuild the search indexes (database, and Elasticsearch when ELASTICSEARCH_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="Which index to rebuild.",
        )

    def handle(self, *args, engine="all", **options):
        targets = []
        if engine in {"all", "database"}:
            targets.append(api.database_engine())
        if engine in {"all", "elasticsearch"}:
            elastic = api.elasticsearch_engine()
            if elastic is None and engine == "elasticsearch":
                raise CommandError("ELASTICSEARCH_URL is not set.")
            if elastic is not None:
                targets.append(elastic)
        for target in targets:
            started = time.perf_counter()
            try:
                count = target.rebuild(registry.all_documents())
            except EngineError as error:
                raise CommandError(f"{target.name}: {error}") from None
            if target.name != "database":
                SearchOutbox.objects.all().delete()
                api.breaker.recovered()
            self.stdout.write(f"{target.name}: {count} documents in {time.perf_counter() - started:.1f} s")
