"""Roles: global ones held by a person, and the role a person holds in an organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GlobalRole(models.TextChoices):
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    MODERATOR = "moderator", _("Moderator")
    EXPERT = "expert", _("Expert")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    EDITOR = "editor", _("Organisation editor")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    ACTIVE = "active", _("Active")
    REJECTED = "rejected", _("Rejected")
