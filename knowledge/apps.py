"""App configuration of the knowledge library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from . import caching, handbook, uploads

        caching.connect()
        handbook.connect()
        uploads.connect()
