"""Kinds, modes, audiences and registration states of events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")
    SUPERVISION = "supervision", _("Supervision")
    STUDY_VISIT = "study_visit", _("Study visit")
    CONFERENCE = "conference", _("Conference")
    CONSULTATION = "consultation", _("Consultation")
    FORUM_MEETING = "forum_meeting", _("Forum meeting")


class EventMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members of the network")
    INVITED = "invited", _("Invited people only")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class AttendanceSource(models.TextChoices):
    CHECK_IN = "check_in", _("Checked in by an organiser")
    IMPORT = "import", _("Imported from the online platform's list")
    FORUM = "forum", _("Recorded at the Forum meeting")


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RESERVE = "reserve", _("Eligible, not proposed")
    CONFIRMED = "confirmed", pgettext_lazy("leader", "Confirmed")
    REJECTED = "rejected", _("Not chosen")
