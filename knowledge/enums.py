"""Vocabularies of the knowledge library: practice status, priorities, horizontal principles, criteria."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("practice status", "Planned")
    ONGOING = "ongoing", pgettext_lazy("practice status", "Ongoing")
    COMPLETED = "completed", pgettext_lazy("practice status", "Completed")
    CONTINUED = "continued", pgettext_lazy("practice status", "Continued after the project")


class Priority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "High")
    MEDIUM = "medium", pgettext_lazy("priority", "Medium")
    LOW = "low", pgettext_lazy("priority", "Low")


class HorizontalPrinciple(models.TextChoices):
    """The four horizontal principles of cohesion policy 2021–2027 (CPR art. 9)."""

    GENDER_EQUALITY = "gender_equality", _("Equality between women and men")
    NON_DISCRIMINATION = (
        "non_discrimination",
        _("Equal opportunities and non-discrimination, including accessibility"),
    )
    SUSTAINABLE_DEVELOPMENT = "sustainable_development", _("Sustainable development")
    DNSH = "dnsh", _("Do no significant harm (DNSH)")


class VerificationCriterion(models.TextChoices):
    """What a reviewer checks before a practice gets the “verified good practice” label."""

    INTEGRATED = "integrated", _("Integrated")
    PARTICIPATORY = "participatory", _("Participatory")
    MEASURABLE = "measurable", _("Measurable results")
    TRANSFERABLE = "transferable", _("Transferable")


CRITERION_QUESTIONS = {
    VerificationCriterion.INTEGRATED: _(
        "Does it join several sectors, municipalities or funds around one territorial need?"
    ),
    VerificationCriterion.PARTICIPATORY: _(
        "Were residents, partners and the people concerned involved in planning and delivery?"
    ),
    VerificationCriterion.MEASURABLE: _(
        "Are there indicators with a baseline, a target and a value achieved, from a named source?"
    ),
    VerificationCriterion.TRANSFERABLE: _(
        "Could another MOF repeat it, and are the conditions, costs and pitfalls described?"
    ),
}
