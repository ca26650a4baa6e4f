"""The Assessment and Cooperation Forum: cycles, hosts, challenges, observers, assignment runs, meetings.

Models hold data only; every change goes through `peer_review.services`, every phase change through
`services.transition`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .enums import (
    ActionStatus,
    AgendaItemKind,
    ApplicationStatus,
    AttendanceStatus,
    Availability,
    ChallengeState,
    ConflictSource,
    CyclePhase,
    FindingKind,
    FindingState,
    HostReviewStatus,
    HostRole,
    MeetingKind,
    PairRuleKind,
    ResponseStatus,
    RevisionKind,
    RunStatus,
    SectionKind,
)

USER = settings.AUTH_USER_MODEL


class Cycle(models.Model):
    """One round of peer review: its hosts, settings, phase and schedule."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    phase = models.CharField(_("phase"), max_length=20, choices=CyclePhase.choices, default=CyclePhase.DRAFT)
    phase_changed_at = models.DateTimeField(_("phase changed"), null=True, blank=True)
    challenges_per_host = models.PositiveSmallIntegerField(
        _("challenges per host"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    observers_minimum = models.PositiveSmallIntegerField(
        _("minimum number of observers"), default=30, validators=[MaxValueValidator(5000)]
    )
    observers_maximum = models.PositiveSmallIntegerField(
        _("places for observers"),
        default=40,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
        help_text=_("Applicants beyond this number go to the waiting list."),
    )
    observers_per_challenge_min = models.PositiveSmallIntegerField(
        _("observers per challenge, at least"), default=6, validators=[MaxValueValidator(1000)]
    )
    observers_per_challenge_max = models.PositiveSmallIntegerField(
        _("observers per challenge, at most"), default=10, validators=[MinValueValidator(1)]
    )
    challenges_per_observer = models.PositiveSmallIntegerField(
        _("challenges per observer"), default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        _("observers from one organisation per challenge, at most"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    published_run = models.ForeignKey(
        "AssignmentRun",
        verbose_name=_("published assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(observers_per_challenge_min__lte=models.F("observers_per_challenge_max")),
                name="peer_review_cycle_quota_order",
            ),
            models.CheckConstraint(
                condition=Q(observers_minimum__lte=models.F("observers_maximum")),
                name="peer_review_cycle_observer_numbers",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("peer_review:cycle", args=[self.slug])

    @property
    def phase_index(self) -> int:
        return CyclePhase.index(self.phase)

    def reached(self, phase: str) -> bool:
        return self.phase_index >= CyclePhase.index(phase)

    @property
    def is_public(self) -> bool:
        """Visitors see a cycle once its challenges are known and observers are being recruited."""
        return self.phase in CyclePhase.public()


class PhaseDate(models.Model):
    """The planned dates of one phase of a cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phase_dates")
    phase = models.CharField(_("phase"), max_length=20, choices=CyclePhase.choices)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase dates")
        verbose_name_plural = _("phase dates")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "phase"], name="peer_review_phasedate_unique"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=models.F("ends_on")),
                name="peer_review_phasedate_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} – {self.get_phase_display()}"


class Transition(models.Model):
    """A phase change: who, when, from where to where, and the reason when a guard was overridden."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(_("from"), max_length=20, choices=CyclePhase.choices)
    to_phase = models.CharField(_("to"), max_length=20, choices=CyclePhase.choices)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    unmet = models.JSONField(_("unmet conditions"), default=list, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.from_phase} → {self.to_phase}"


class Host(models.Model):
    """An organisation under review in a cycle, as leader or partner, with its coordinator and experts."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=HostRole.choices, default=HostRole.PARTNER)
    coordinator = models.ForeignKey(
        USER,
        verbose_name=_("host coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_reviews",
    )
    experts = models.ManyToManyField(
        USER, verbose_name=_("experts"), blank=True, related_name="supported_hosts"
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"], name="peer_review_host_unique"),
            models.UniqueConstraint(
                fields=["cycle"], condition=Q(role=HostRole.LEADER), name="peer_review_one_leader"
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.display_name


class Challenge(models.Model):
    """A challenge a host brings to the review, phrased as a guiding question."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="challenges")
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="challenges")
    number = models.PositiveSmallIntegerField(_("number"), default=0)
    title = models.CharField(_("title"), max_length=200)
    guiding_question = models.TextField(_("guiding question"), max_length=1000)
    context = models.TextField(_("context"), blank=True, max_length=20000)
    strategy_links = models.TextField(
        _("strategy documents"),
        blank=True,
        max_length=4000,
        help_text=_("One link per line, e.g. to the ZIT strategy or a monitoring report."),
    )
    themes = models.ManyToManyField(
        "directory.ThematicArea", verbose_name=_("thematic areas"), blank=True, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ChallengeState.choices, default=ChallengeState.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["cycle", "state"], name="peer_challenge_cycle_state")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("peer_review:challenge", args=[self.cycle.slug, self.pk])

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.strategy_links.splitlines() if line.strip()]


class ChallengeVersion(models.Model):
    """What a challenge said when it was submitted: the history hosts and experts compare."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    guiding_question = models.TextField(_("guiding question"))
    context = models.TextField(_("context"), blank=True)
    strategy_links = models.TextField(_("strategy documents"), blank=True)
    themes = models.JSONField(_("thematic areas"), default=list)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("challenge version")
        verbose_name_plural = _("challenge versions")
        ordering = ["challenge", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "number"], name="peer_review_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.challenge} v{self.number}"


class ChallengeComment(models.Model):
    """A message in a challenge's thread between its host team and the experts."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        RETURN = "return", _("Returned for revision")
        APPROVAL = "approval", _("Approved")
        SUBMISSION = "submission", _("Submitted")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("comment"), max_length=10000, blank=True)
    version_number = models.PositiveIntegerField(_("on version"), default=1)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a challenge")
        verbose_name_plural = _("comments on challenges")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.challenge} – {self.get_kind_display()}"


class ChallengeAttachment(models.Model):
    """A document attached to a challenge; served only to those who may read the challenge's material."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="private/peer_review/%Y/%m/", max_length=300)
    uploaded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class TaggedApplicationExpertise(TaggedItemBase):
    content_object = models.ForeignKey(
        "ObserverApplication", on_delete=models.CASCADE, related_name="tagged_expertise"
    )
    tag = models.ForeignKey(
        "directory.ExpertiseTag", on_delete=models.CASCADE, related_name="tagged_applications"
    )


class ObserverApplication(models.Model):
    """A person's application to observe a cycle, with ranked preferences among its approved challenges."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="observer_applications")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="observer_applications",
    )
    motivation = models.TextField(_("motivation"), max_length=3000)
    expertise = TaggableManager(
        verbose_name=_("areas of expertise"), through=TaggedApplicationExpertise, blank=True, help_text=""
    )
    expertise_areas = models.ManyToManyField(
        "directory.ThematicArea",
        verbose_name=_("thematic areas of expertise"),
        blank=True,
        related_name="+",
        help_text=_("The assignment prefers challenges that share these areas."),
    )
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, default=Availability.BOTH
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    decision_note = models.CharField(_("note on the decision"), max_length=500, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("observer application")
        verbose_name_plural = _("observer applications")
        ordering = ["submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "user"], name="peer_review_one_application")]
        indexes = [models.Index(fields=["cycle", "status"], name="peer_application_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.cycle}"

    @property
    def is_accepted(self) -> bool:
        return self.status == ApplicationStatus.ACCEPTED


class Preference(models.Model):
    """An applicant's ranked wish to observe a challenge (1 is the strongest)."""

    application = models.ForeignKey(ObserverApplication, on_delete=models.CASCADE, related_name="preferences")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "challenge"], name="peer_review_pref_unique"),
            models.UniqueConstraint(fields=["application", "rank"], name="peer_review_pref_rank_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}: {self.challenge}"


class DeclaredConflict(models.Model):
    """A conflict of interest between an applicant and a host, declared by them or added by a coordinator."""

    application = models.ForeignKey(ObserverApplication, on_delete=models.CASCADE, related_name="conflicts")
    host = models.ForeignKey(Host, verbose_name=_("host"), on_delete=models.CASCADE, related_name="+")
    source = models.CharField(
        _("source"), max_length=20, choices=ConflictSource.choices, default=ConflictSource.DECLARED
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["application", "host"], name="peer_review_conflict_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application} ≠ {self.host}"


class PairRule(models.Model):
    """A coordinator's pin (always assign) or prohibition (never assign) of an observer–challenge pair."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="pair_rules")
    application = models.ForeignKey(ObserverApplication, on_delete=models.CASCADE, related_name="pair_rules")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="pair_rules")
    kind = models.CharField(_("rule"), max_length=8, choices=PairRuleKind.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pinned or forbidden pair")
        verbose_name_plural = _("pinned and forbidden pairs")
        constraints = [
            models.UniqueConstraint(fields=["application", "challenge"], name="peer_review_pairrule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.application} – {self.challenge}"


class AssignmentRun(models.Model):
    """One run of the optimiser: its inputs, outcome, score and difference to the previous run."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(_("run"))
    status = models.CharField(_("outcome"), max_length=12, choices=RunStatus.choices)
    inputs = models.JSONField(_("inputs"), default=dict)
    reasons = models.JSONField(_("why it is infeasible"), default=list, blank=True)
    score = models.IntegerField(_("score"), default=0)
    fit = models.IntegerField(_("fit"), default=0)
    spread_cost = models.IntegerField(_("spread penalty"), default=0)
    method = models.CharField(_("method"), max_length=60, blank=True)
    seconds = models.FloatField(_("seconds"), default=0)
    proven_optimal = models.BooleanField(_("proven optimal"), default=False)
    diff = models.JSONField(_("difference to the previous run"), default=dict, blank=True)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["cycle", "number"], name="peer_review_run_unique")]

    def __str__(self) -> str:
        return f"{self.cycle} – #{self.number}"


class AssignedPair(models.Model):
    """An observer assigned to a challenge in a run, with why (preference rank, shared themes, points)."""

    run = models.ForeignKey(AssignmentRun, on_delete=models.CASCADE, related_name="pairs")
    application = models.ForeignKey(ObserverApplication, on_delete=models.CASCADE, related_name="assignments")
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="assignments")
    rank = models.PositiveSmallIntegerField(_("preference rank"), null=True, blank=True)
    shared_themes = models.JSONField(_("shared themes"), default=list, blank=True)
    points = models.IntegerField(_("points"), default=0)
    pinned = models.BooleanField(_("pinned"), default=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["challenge__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "application", "challenge"], name="peer_review_pair_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} → {self.challenge}"


class Meeting(models.Model):
    """A meeting of a cycle. Shaped like a general event (kind, dates, place or link) for the events app."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=12, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("host venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("link to join"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    invite_observers = models.BooleanField(_("invite the accepted observers"), default=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event in the calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_meeting",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lte=models.F("ends_at")), name="peer_review_meeting_dates"
            ),
            models.UniqueConstraint(fields=["cycle", "kind"], name="peer_review_meeting_per_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("peer_review:meeting", args=[self.cycle.slug, self.pk])


class AgendaItem(models.Model):
    """A point of a meeting's agenda: a plenary, a session on a challenge, a study visit or a break."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    kind = models.CharField(
        _("kind"), max_length=12, choices=AgendaItemKind.choices, default=AgendaItemKind.SESSION
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("title"), max_length=200)
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lte=models.F("ends_at")), name="peer_review_agenda_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A person invited to a meeting, and whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="meeting_attendance")
    role = models.CharField(_("role"), max_length=40, blank=True)
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["user__last_name", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="peer_review_attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting}"


# --- Part 2: findings, the report drafted together, host review, follow-up -------------------------------

PRIORITY_CHOICES = [
    ("high", pgettext_lazy("priority", "High")),
    ("medium", pgettext_lazy("priority", "Medium")),
    ("low", pgettext_lazy("priority", "Low")),
]


class Finding(models.Model):
    """What an observer or expert saw at a challenge. Private to its author until submitted."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="findings")
    author = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="peer_review_findings"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FindingKind.choices)
    text = models.TextField(_("finding"), max_length=5000)
    # A good practice seen: from the knowledge library, or described new.
    practice = models.ForeignKey(
        "knowledge.PracticePage",
        verbose_name=_("practice from the library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    practice_title = models.CharField(_("name of a practice not in the library"), max_length=200, blank=True)
    # A recommendation: to whom, by when, how urgent.
    addressee = models.CharField(_("addressed to"), max_length=200, blank=True)
    time_frame = models.CharField(_("time frame"), max_length=120, blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=PRIORITY_CHOICES, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=FindingState.choices, default=FindingState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["challenge", "kind", "created_at", "pk"]
        indexes = [models.Index(fields=["challenge", "state", "kind"], name="peer_review_finding_list")]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    """A consolidated recommendation of a challenge, merged by the experts from findings (kept as its sources)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"), max_length=3000)
    addressee = models.CharField(_("addressed to"), max_length=200)
    time_frame = models.CharField(_("time frame"), max_length=120, blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=PRIORITY_CHOICES, default="medium")
    position = models.PositiveIntegerField(_("order"), default=0)
    sources = models.ManyToManyField(
        Finding, verbose_name=_("findings it comes from"), blank=True, related_name="recommendations"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set at publication: the reusable item in the knowledge library.
    published_item = models.OneToOneField(
        "knowledge.ReportRecommendation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_recommendation",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["challenge", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Report(models.Model):
    """The cycle's report, assembled from its data and then edited section by section."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(_("title"), max_length=250)
    assembled_at = models.DateTimeField(_("last assembled"), null=True, blank=True)
    assembled_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    page = models.OneToOneField(
        "knowledge.ReportPage",
        verbose_name=_("page in the knowledge library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_report",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title


class ReportSection(models.Model):
    """One section of the report, in Markdown. `generated` is what the last assembly produced for it;
    `body` is the text people edit. A re-assembly that produces something new while the body has manual
    edits keeps the body and stores the new text in `pending_generated` as a conflict to resolve."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=SectionKind.choices)
    host = models.ForeignKey(
        Host, null=True, blank=True, on_delete=models.CASCADE, related_name="report_sections"
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.CASCADE, related_name="report_sections"
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"), blank=True, max_length=60000)
    generated = models.TextField(blank=True, max_length=60000)
    pending_generated = models.TextField(blank=True, max_length=60000)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="peer_review_section_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_edited(self) -> bool:
        return self.body != self.generated

    @property
    def has_conflict(self) -> bool:
        return bool(self.pending_generated)


class SectionRevision(models.Model):
    """Every saved text of a section. A save based on an older version is not applied but kept too (kind
    "conflict", `version` = the version it was based on), so the merge can start from it and nothing is lost."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    body = models.TextField(_("text"), blank=True, max_length=60000)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("section revision")
        verbose_name_plural = _("section revisions")
        ordering = ["section", "-version", "-pk"]
        indexes = [models.Index(fields=["section", "version"], name="peer_review_revision_version")]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class SectionComment(models.Model):
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("comment on a section")
        verbose_name_plural = _("comments on sections")
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class HostReview(models.Model):
    """A host's review of its part of the report: approve, or ask for changes with a comment."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="host_reviews")
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="report_reviews")
    status = models.CharField(
        _("status"), max_length=10, choices=HostReviewStatus.choices, default=HostReviewStatus.PENDING
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("host review")
        verbose_name_plural = _("host reviews")
        constraints = [
            models.UniqueConstraint(fields=["report", "host"], name="peer_review_one_review_per_host")
        ]

    def __str__(self) -> str:
        return f"{self.host} – {self.get_status_display()}"


class RecommendationResponse(models.Model):
    """The host's answer to a recommendation."""

    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="response")
    status = models.CharField(_("answer"), max_length=14, choices=ResponseStatus.choices)
    reason = models.TextField(_("reason"), blank=True, max_length=3000)
    responded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    responded_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer to a recommendation")
        verbose_name_plural = _("answers to recommendations")

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.get_status_display()}"


class FollowUpAction(models.Model):
    """An action a host plans to carry out a recommendation, with an owner and a date."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"), max_length=2000)
    owner = models.ForeignKey(
        USER, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField(_("owner (name or unit)"), max_length=200, blank=True)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="peer_review_action_due")]

    def __str__(self) -> str:
        return self.description[:80]


class ProgressReport(models.Model):
    """Progress on a recommendation, reported by its host at 6 and at 12 months after publication."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress_reports"
    )
    months = models.PositiveSmallIntegerField(_("after months"), choices=[(6, "6"), (12, "12")])
    text = models.TextField(_("progress"), max_length=5000)
    submitted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), auto_now=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["recommendation", "months"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "months"], name="peer_review_one_progress_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.months}"
