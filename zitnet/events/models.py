"""Events and registrations. Models hold data only; every change goes through `zitnet.events.services`."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zitnet.accounts.enums import GlobalRole

from .enums import AttendanceSource, Audience, CandidateStatus, EventKind, EventMode, RegistrationStatus


class EventSeries(models.Model):
    """A series or module of events, e.g. “Moduł zarządzania strategicznego”."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("series of events")
        verbose_name_plural = _("series of events")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published events the user may see: public ones; members-only ones for members of the network's
        organisations; invited-only ones (the Forum's meetings) for the people registered for them and their
        organisers; all of them for network coordinators."""
        events = self.published()
        if not (user and user.is_authenticated and user.is_active):
            return events.filter(audience=Audience.PUBLIC)
        if GlobalRole.NETWORK_COORDINATOR in user.global_roles:
            return events
        shared = [Audience.PUBLIC, Audience.MEMBERS] if user.organisation_roles else [Audience.PUBLIC]
        invited = Registration.objects.filter(user=user).exclude(status=RegistrationStatus.CANCELLED)
        organised = Event.organisers.through.objects.filter(user=user)
        return events.filter(
            Q(audience__in=shared)
            | Q(audience=Audience.INVITED, pk__in=invited.values("event_id"))
            | Q(audience=Audience.INVITED, pk__in=organised.values("event_id"))
        )

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    mode = models.CharField(_("form"), max_length=10, choices=EventMode.choices, default=EventMode.ONSITE)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("venue (from the directory)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("link to join"), blank=True, help_text=_("Shown to confirmed participants only.")
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Empty: no limit."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    organiser = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people organising it"),
        blank=True,
        related_name="organised_events",
    )
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    target_voivodeships = models.JSONField(
        _("target voivodeships"),
        default=list,
        blank=True,
        help_text=_("Applicants from these voivodeships get places before others (after new associations)."),
    )
    description = models.TextField(_("description"), blank=True, max_length=10000)
    materials = models.TextField(
        _("materials"), blank=True, max_length=10000, help_text=_("Published after the event.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            # Listings: published events in date order, with the end date in the index so counting the upcoming
            # ones needs no table lookups (partial: SQLite cannot use a bare boolean as an index equality).
            models.Index(
                fields=["audience", "starts_at", "ends_at"],
                condition=Q(is_published=True),
                name="event_listing_by_audience",
            ),
            models.Index(
                fields=["starts_at", "ends_at"], condition=Q(is_published=True), name="event_listing"
            ),
            models.Index(fields=["kind", "starts_at"], name="event_kind_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lte=models.F("ends_at")), name="event_dates_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes

    @property
    def place(self) -> str:
        if self.venue_id and not self.address:
            return self.venue.address_line or self.venue.name
        return self.address


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    role = models.CharField(_("your role"), max_length=150, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        max_length=1000,
        help_text=_("Only the organisers of this event see this, and it is deleted after the event."),
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    # Attendance: set by a check-in, an import of the online platform's list, or the Forum's attendance.
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)
    attendance_source = models.CharField(
        _("attendance recorded by"), max_length=10, choices=AttendanceSource.choices, blank=True
    )
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_needs_purged_at = models.DateTimeField(
        _("accessibility needs deleted"), null=True, blank=True
    )
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration_per_person")
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
            # The Leaders' Corps counts, per person, the events they attended.
            models.Index(
                fields=["user", "event"], condition=Q(attended_at__isnull=False), name="registration_attended"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED


class LeaderSelection(models.Model):
    """A round of choosing the Leaders' Corps: who attended enough forms of support, proposed, then confirmed."""

    title = models.CharField(_("title"), max_length=200)
    series = models.ManyToManyField(
        EventSeries,
        verbose_name=_("series counted"),
        blank=True,
        help_text=_(
            "Forms of support are the events of these series that a person attended; none: every event."
        ),
    )
    size = models.PositiveSmallIntegerField(
        _("leaders to choose"), default=15, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    minimum_forms = models.PositiveSmallIntegerField(
        _("forms of support needed"), default=10, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    proposed_at = models.DateTimeField(_("proposal made"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Leaders' Corps selection")
        verbose_name_plural = _("Leaders' Corps selections")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class LeaderCandidate(models.Model):
    """An eligible person in a selection, with the figures and reasons the proposal used."""

    selection = models.ForeignKey(LeaderSelection, on_delete=models.CASCADE, related_name="candidates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    association = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("ZIT association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    forms_attended = models.PositiveIntegerField(_("forms of support attended"))
    rank = models.PositiveIntegerField(_("place in the proposal"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.RESERVE
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Leaders' Corps candidate")
        verbose_name_plural = _("Leaders' Corps candidates")
        ordering = ["rank", "-forms_attended", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "user"], name="events_one_candidacy_per_selection")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.selection}"
