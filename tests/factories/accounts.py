"""Factories of accounts: verified users, memberships, roles and TOTP devices."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from zitnet.accounts.enums import MembershipRole, MembershipStatus
from zitnet.accounts.models import Membership, RoleGrant, User

from .directory import OrganisationFactory

PASSWORD = "Bezpieczne-haslo-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@gmina.test")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            if extracted is not False:
                EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    status = MembershipStatus.ACTIVE


def grant(user: User, role: str) -> User:
    RoleGrant.objects.create(user=user, role=role)
    user.__dict__.pop("global_roles", None)
    return user


def with_totp(user: User) -> str:
    """Activate TOTP for `user`; returns the secret so a test can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
