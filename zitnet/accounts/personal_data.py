"""What the accounts app holds about a person, for export and erasure (see zitnet.privacy)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from zitnet.privacy.registry import PersonalDataSection

from .models import Membership


def _iso(value):
    return value.isoformat() if value else None


def export_account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "preferred_language": user.preferred_language,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "global_roles": [
            {"role": g.role, "granted_at": _iso(g.granted_at)} for g in user.role_grants.order_by("role")
        ],
        # The secrets themselves are never exported: only which factors exist.
        "two_factor_methods": [
            {"type": a.type, "created_at": _iso(a.created_at), "last_used_at": _iso(a.last_used_at)}
            for a in Authenticator.objects.filter(user=user).order_by("type")
        ],
        "api_token_created": _iso(Token.objects.filter(user=user).values_list("created", flat=True).first()),
    }


def erase_account(user) -> None:
    # The user row itself is anonymised by zitnet.privacy.services, so foreign keys and totals survive.
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    user.role_grants.all().delete()


def export_memberships(user) -> list[dict]:
    return [
        {
            "organisation": m.organisation.name,
            "role": m.role,
            "status": m.status,
            "note": m.note,
            "requested_at": _iso(m.requested_at),
            "decided_at": _iso(m.decided_at),
        }
        for m in Membership.objects.filter(user=user).select_related("organisation").order_by("requested_at")
    ]


def erase_memberships(user) -> None:
    Membership.objects.filter(user=user).delete()


account_section = PersonalDataSection(
    key="account",
    description=_("Your account: name, e-mail addresses, roles, sign-in methods."),
    export=export_account,
    erase=erase_account,
)
membership_section = PersonalDataSection(
    key="memberships",
    description=_("Your memberships of organisations and requests to join them."),
    export=export_memberships,
    erase=erase_memberships,
)
