"""factory_boy factories for every app's models."""

from .accounts import MembershipFactory, UserFactory, grant, with_totp
from .directory import OrganisationFactory

__all__ = ["MembershipFactory", "OrganisationFactory", "UserFactory", "grant", "with_totp"]
