"""Reads for account pages: a person's memberships, an organisation's members and requests."""

from django.db.models import QuerySet

from .enums import MembershipStatus
from .models import Membership


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def members_of(organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def pending_requests_for(organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation, status=MembershipStatus.PENDING)
        .select_related("user")
        .order_by("requested_at")
    )
