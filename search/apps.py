"""App configuration of search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"

    def ready(self):
        from search import providers, signals

        providers.register_defaults()
        signals.connect()
