"""Counts per type in each index against the content, and engine health. Exit status 1 when something is off."""

from django.core.management.base import BaseCommand

from search import api, registry
from search.engines.base import EngineError
from search.models import SearchOutbox


class Command(BaseCommand):
    help = "Compare the search indexes with the content: documents per type, engine health, waiting changes."

    def handle(self, *args, **options):
        expected = {t.name: len(list(t.all_ids())) for t in registry.types()}
        engines = [api.database_engine()]
        if api.elasticsearch_engine() is not None:
            engines.append(api.elasticsearch_engine())
        problems = 0
        header = f"{'type':<14}{'content':>10}" + "".join(f"{e.name:>16}" for e in engines)
        self.stdout.write(header)
        counts = {}
        for engine in engines:
            health = engine.health()
            self.stdout.write(f"{engine.name}: {'ok' if health['ok'] else 'FAILING'} ({health['detail']})")
            problems += not health["ok"]
            try:
                counts[engine.name] = engine.counts()
            except EngineError as error:
                counts[engine.name] = {}
                self.stdout.write(f"{engine.name}: counts unavailable ({error})")
                problems += 1
        for type_name, count in expected.items():
            row = f"{type_name:<14}{count:>10}"
            for engine in engines:
                indexed = counts[engine.name].get(type_name, 0)
                problems += indexed != count
                row += f"{indexed:>15}{'' if indexed == count else '!'}"
            self.stdout.write(row)
        waiting = SearchOutbox.objects.count()
        if waiting:
            self.stdout.write(f"{waiting} changes wait for Elasticsearch")
            problems += 1
        if problems:
            self.stderr.write(f"{problems} problem(s)")
            raise SystemExit(1)
        self.stdout.write("search indexes match the content")
