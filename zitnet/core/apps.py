"""The shell's common parts: base templates, navigation, health check, demo data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zitnet.core"
    label = "core"
    verbose_name = _("Platform")
