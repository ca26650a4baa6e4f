"""The partner directory: organisations, their services, cooperation offers and needs, and contact people."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from .enums import (
    CooperationKind,
    OrganisationKind,
    PositionSource,
    ServiceCategory,
    VerificationStatus,
    Voivodeship,
)
from .validators import validate_logo

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]
# Polish alphabetical order in any database: each letter with a diacritic sorts right after its base letter.
_POLISH_ORDER = str.maketrans(
    {"ą": "a{", "ć": "c{", "ę": "e{", "ł": "l{", "ń": "n{", "ó": "o{", "ś": "s{", "ź": "z{", "ż": "z|"}
)


def polish_sort_key(text: str) -> str:
    return (text or "").lower().translate(_POLISH_ORDER)[:300]


postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a Polish postal code such as 87-100."))


class ThematicArea(models.Model):
    """A managed vocabulary of themes (cohesion-policy objectives as ZITs use them)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    policy_objective = models.CharField(_("policy objective"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "pl").startswith("en") else self.name_pl


class TargetGroup(models.Model):
    """Who a social service is for (a short managed list)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "pl").startswith("en") else self.name_pl


class ExpertiseTag(TagBase):
    """An area of expertise; kept apart from the free tags of other content."""

    class Meta:
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")

    def slugify(self, tag, i=None):
        from anyascii import anyascii
        from django.utils.text import slugify

        slug = slugify(anyascii(tag))[:90] or "obszar"
        return f"{slug}_{i}" if i is not None else slug


class TaggedExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        "Organisation", on_delete=models.CASCADE, related_name="tagged_expertise"
    )
    tag = models.ForeignKey(ExpertiseTag, on_delete=models.CASCADE, related_name="tagged_organisations")


class Located(models.Model):
    """Address and map position shared by organisations and services."""

    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("town"), max_length=120, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS)

    class Meta:
        abstract = True

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class OrganisationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations shown in the directory: merged duplicates are gone."""
        return self.filter(merged_into__isnull=True)

    def associations(self):
        return self.filter(kind=OrganisationKind.ZIT_ASSOCIATION)


class Organisation(Located):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sort_name = models.CharField(_("sort key"), max_length=300, editable=False, default="", db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    voivodeship = models.CharField(_("voivodeship"), max_length=2, choices=Voivodeship.choices, blank=True)
    county = models.CharField(
        _("county"), max_length=80, blank=True, help_text=_("The powiat, e.g. “nakielski”.")
    )
    municipality = models.CharField(
        _("municipality"), max_length=120, blank=True, help_text=_("The gmina, e.g. “Kcynia”.")
    )
    is_new_zit_association = models.BooleanField(
        _("new ZIT association in 2021–2027"),
        default=False,
        help_text=_("Associations created in the 2021–2027 perspective get priority in recruitment."),
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Messages from the contact form go here. The address is never shown to anyone."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="organisations/logos/", blank=True, validators=[validate_logo]
    )
    position_source = models.CharField(
        _("position source"), max_length=10, choices=PositionSource.choices, default=PositionSource.NONE
    )
    associations = models.ManyToManyField(
        "self",
        verbose_name=_("ZIT associations"),
        symmetrical=False,
        blank=True,
        related_name="member_bodies",
        limit_choices_to={"kind": OrganisationKind.ZIT_ASSOCIATION},
        help_text=_("The ZIT association(s) this municipality or body belongs to."),
    )
    expertise = TaggableManager(
        verbose_name=_("areas of expertise"), through=TaggedExpertise, blank=True, help_text=""
    )
    verification_status = models.CharField(
        _("verification"),
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_duplicates",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_name"]
        indexes = [
            models.Index(fields=["voivodeship", "kind", "sort_name"], name="org_voiv_kind_name"),
            models.Index(fields=["kind", "sort_name"], name="org_kind_name"),
            models.Index(fields=["county", "sort_name"], name="org_county_name"),
            models.Index(fields=["latitude", "longitude"], name="org_position"),
            models.Index(fields=["-updated_at"], name="org_updated"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = polish_sort_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def is_association(self) -> bool:
        return self.kind == OrganisationKind.ZIT_ASSOCIATION


class Service(Located):
    """A social service an organisation offers: the points of the supra-local map of services."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    how_to_access = models.TextField(
        _("how to access"),
        blank=True,
        max_length=2000,
        help_text=_("Referral, fees, opening hours, who to call."),
    )
    accessibility_notes = models.TextField(
        _("accessibility"),
        blank=True,
        max_length=2000,
        help_text=_("Step-free access, induction loop, sign-language interpreter, easy-to-read materials…"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["category", "organisation"], name="service_category_org"),
            models.Index(fields=["latitude", "longitude"], name="service_position"),
        ]

    def __str__(self) -> str:
        return self.name


class CooperationEntry(models.Model):
    """A short offer of, or need for, cooperation ("we can host a study visit on DI")."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cooperation_entries",
    )
    kind = models.CharField(_("offer or need"), max_length=5, choices=CooperationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    theme = models.ForeignKey(
        ThematicArea, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True, max_length=1500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation offer or need")
        verbose_name_plural = _("cooperation offers and needs")
        ordering = ["kind", "title", "pk"]
        indexes = [models.Index(fields=["kind", "organisation"], name="coop_kind_org")]

    def __str__(self) -> str:
        return self.title


class Contact(models.Model):
    """A contact person. Listed publicly only with their explicit consent; otherwise signed-in users only."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_contacts",
    )
    name = models.CharField(_("name"), max_length=160)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    public_consent = models.BooleanField(
        _("may be listed publicly"),
        default=False,
        help_text=_(
            "Only with the person's explicit consent. Without it, only signed-in users see this contact."
        ),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
