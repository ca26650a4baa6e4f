"""The partner directory: organisations (enriched by the directory issue), people, services."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "zitnet.directory"
    label = "directory"
    verbose_name = _("Partner directory")

    def ready(self) -> None:
        from . import caching

        caching.connect()
