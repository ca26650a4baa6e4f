"""Security log entries for successful logins and logouts (failures are logged by the adapter)."""

import logging

from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .adapters import client_ip

security_log = logging.getLogger("zitnet.security")


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs) -> None:
    security_log.info("login user=%s from %s", user.pk, client_ip(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs) -> None:
    security_log.info("logout user=%s from %s", getattr(user, "pk", None), client_ip(request))


@receiver(authenticator_removed)
def forget_two_factor_check(sender, request, user, authenticator, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop("zitnet_2fa_ok", None)
