"""Coordinators and staff must set up TOTP two-factor authentication before anything else."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .rules import needs_two_factor

# Paths a person without 2FA may still reach: setting 2FA up, leaving, static files, language.
_ALLOWED_PREFIXES = (
    "/konto/2fa/",
    "/konto/logout/",
    "/konto/reauthenticate/",
    "/static/",
    "/i18n/",
    "/health/",
)


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Set up an authenticator app to continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if not settings.ZITNET_REQUIRE_TWO_FACTOR:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        if not needs_two_factor(user):
            return False
        if request.session.get("zitnet_2fa_ok"):
            return False
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if has_totp:
            # Remember for this session; removing TOTP flushes the flag (see signals below).
            request.session["zitnet_2fa_ok"] = True
        return not has_totp
