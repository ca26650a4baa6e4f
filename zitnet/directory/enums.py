"""Vocabularies of the directory: organisation kinds and the 16 voivodeships (TERYT codes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    ZIT_ASSOCIATION = "zit_association", _("ZIT association")
    MUNICIPALITY_URBAN = "municipality_urban", _("Urban municipality")
    MUNICIPALITY_RURAL = "municipality_rural", _("Rural municipality")
    MUNICIPALITY_URBAN_RURAL = "municipality_urban_rural", _("Urban-rural municipality")
    CITY_WITH_COUNTY_RIGHTS = "city_with_county_rights", _("City with county rights")
    COUNTY = "county", _("County")
    MARSHAL_OFFICE = "marshal_office", _("Marshal office")
    ROPS = "rops", _("Regional social policy centre (ROPS)")
    OPS = "ops", _("Social assistance centre (OPS/MOPS/GOPS)")
    CUS = "cus", _("Social services centre (CUS)")
    PUP = "pup", _("County labour office (PUP)")
    NGO = "ngo", _("Non-governmental organisation")
    CAL = "cal", _("Local activity centre (CAL/SCAL)")
    SCHOOL = "school", _("School")
    UNIVERSITY = "university", _("University")
    MINISTRY = "ministry", _("Ministry")
    OTHER = "other", _("Other")


class Voivodeship(models.TextChoices):
    """The 16 voivodeships; values are the official TERYT (TERC) codes."""

    DOLNOSLASKIE = "02", pgettext_lazy("voivodeship", "dolnośląskie")
    KUJAWSKO_POMORSKIE = "04", pgettext_lazy("voivodeship", "kujawsko-pomorskie")
    LUBELSKIE = "06", pgettext_lazy("voivodeship", "lubelskie")
    LUBUSKIE = "08", pgettext_lazy("voivodeship", "lubuskie")
    LODZKIE = "10", pgettext_lazy("voivodeship", "łódzkie")
    MALOPOLSKIE = "12", pgettext_lazy("voivodeship", "małopolskie")
    MAZOWIECKIE = "14", pgettext_lazy("voivodeship", "mazowieckie")
    OPOLSKIE = "16", pgettext_lazy("voivodeship", "opolskie")
    PODKARPACKIE = "18", pgettext_lazy("voivodeship", "podkarpackie")
    PODLASKIE = "20", pgettext_lazy("voivodeship", "podlaskie")
    POMORSKIE = "22", pgettext_lazy("voivodeship", "pomorskie")
    SLASKIE = "24", pgettext_lazy("voivodeship", "śląskie")
    SWIETOKRZYSKIE = "26", pgettext_lazy("voivodeship", "świętokrzyskie")
    WARMINSKO_MAZURSKIE = "28", pgettext_lazy("voivodeship", "warmińsko-mazurskie")
    WIELKOPOLSKIE = "30", pgettext_lazy("voivodeship", "wielkopolskie")
    ZACHODNIOPOMORSKIE = "32", pgettext_lazy("voivodeship", "zachodniopomorskie")


class ServiceCategory(models.TextChoices):
    CARE = "care", _("Care")
    FAMILY_SUPPORT = "family_support", _("Family support")
    ACTIVATION = "activation", _("Social and vocational activation")
    HOUSING = "housing", _("Housing")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    HEALTH = "health", _("Health")
    COUNSELLING = "counselling", _("Counselling and crisis support")
    COMMUNITY = "community", _("Community activity")
    OTHER = "other", pgettext_lazy("service category", "Other")


class CooperationKind(models.TextChoices):
    OFFER = "offer", _("We offer")
    NEED = "need", _("We are looking for")


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Not verified")
    VERIFIED = "verified", _("Verified by the network")


class PositionSource(models.TextChoices):
    NONE = "none", _("No position")
    GEOCODED = "geocoded", _("From the town name")
    MANUAL = "manual", _("Set by hand")


# Voivodeship codes of GeoNames (admin1, Poland) → TERYT.
GEONAMES_ADMIN1_TO_TERYT = {
    "72": "02",
    "73": "04",
    "75": "06",
    "76": "08",
    "74": "10",
    "77": "12",
    "78": "14",
    "79": "16",
    "80": "18",
    "81": "20",
    "82": "22",
    "83": "24",
    "84": "26",
    "85": "28",
    "86": "30",
    "87": "32",
}
