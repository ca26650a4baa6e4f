"""Accounts: users who log in with e-mail, global roles and organisation memberships."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "zitnet.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from zitnet.privacy.registry import register

        from . import personal_data, signals  # noqa: F401

        register(personal_data.account_section)
        register(personal_data.membership_section)
