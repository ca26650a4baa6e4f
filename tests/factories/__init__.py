"""factory_boy factories for every app's models."""

from .accounts import MembershipFactory, UserFactory, grant, with_totp
from .directory import CooperationEntryFactory, OrganisationFactory, ServiceFactory

__all__ = [
    "CooperationEntryFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "ServiceFactory",
    "UserFactory",
    "grant",
    "with_totp",
]
