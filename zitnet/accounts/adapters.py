"""allauth adapter: logs failed and throttled logins for the security log."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy as _

security_log = logging.getLogger("zitnet.security")


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed login attempts for this account. For your safety, logging in is blocked for "
            "30 minutes. You can reset your password in the meantime."
        ),
    }

    def authentication_failed(self, request, **credentials) -> None:
        security_log.warning("login failed for %r from %s", credentials.get("email", ""), client_ip(request))

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except Exception:
            security_log.warning(
                "login refused (too many failures) for %r from %s",
                credentials.get("email", ""),
                client_ip(request),
            )
            raise


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # People whose role requires two-factor authentication may not switch it off themselves.
        from django.conf import settings

        from .rules import needs_two_factor

        if (
            settings.ZITNET_REQUIRE_TWO_FACTOR
            and authenticator.type == authenticator.Type.TOTP
            and needs_two_factor(authenticator.user)
        ):
            return False
        return super().can_delete_authenticator(authenticator)
