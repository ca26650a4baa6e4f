"""Organisations of the partner directory; minimal for now, enough to hold memberships."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import OrganisationKind, Voivodeship


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    voivodeship = models.CharField(_("voivodeship"), max_length=2, choices=Voivodeship.choices, blank=True)
    is_new_zit_association = models.BooleanField(
        _("new ZIT association in 2021–2027"),
        default=False,
        help_text=_("Associations created in the 2021–2027 perspective get priority in recruitment."),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
