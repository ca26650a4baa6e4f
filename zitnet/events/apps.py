"""Events of the network: workshops, trainings, webinars, study visits, conferences; registration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "zitnet.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from zitnet.privacy.registry import register

        from . import caching, personal_data

        register(personal_data.events_section)
        caching.connect()
