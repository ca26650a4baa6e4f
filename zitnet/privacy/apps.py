"""Privacy (GDPR/RODO): personal-data export and account erasure across all apps."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "zitnet.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
