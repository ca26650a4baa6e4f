"""Serializers of the forum's API: what a cycle, challenge, application and assignment look like to programs.

They shape data only; what a reader may see is decided by the view (rules), what changes by the services.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import selectors
from .enums import ApplicationStatus, Availability, ChallengeState, CyclePhase, HostRole, RunStatus
from .models import AssignedPair, AssignmentRun, Challenge, Cycle, Host, ObserverApplication, PhaseDate
from .services import SETTINGS_FIELDS, reason_text

_CHOICE_FIELDS: dict[str, type] = {}


def choice_field(name: str, choices, **kwargs) -> serializers.ChoiceField:
    """A ChoiceField whose choice set is one named component of the schema. The forum's choice sets appear
    under several field names (phase, to_phase, next_phase…), and "status" means different sets for
    applications and runs; named by field, they would collide."""
    if name not in _CHOICE_FIELDS:
        values = [value for value, _label in choices]
        _CHOICE_FIELDS[name] = extend_schema_field({"type": "string", "enum": values}, component_name=name)(
            type(f"{name}Field", (serializers.ChoiceField,), {})
        )
    return _CHOICE_FIELDS[name](choices=choices, **kwargs)


# --- answers to refused changes ---------------------------------------------------------------------------


class RefusalSerializer(serializers.Serializer):
    """A refused change: the message for the user and a short code ("stale" comes with 409)."""

    detail = serializers.CharField()
    code = serializers.CharField()


class StaleChallengeSerializer(RefusalSerializer):
    version = serializers.IntegerField(help_text="The challenge's current version: reload it, then retry.")


# --- cycles -----------------------------------------------------------------------------------------------


class ForumOrganisationSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class HostSerializer(serializers.ModelSerializer):
    organisation = ForumOrganisationSerializer(read_only=True)
    role = choice_field("HostRole", HostRole.choices, read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Host
        fields = ["id", "organisation", "role", "role_label"]
        read_only_fields = fields


class PhaseDateSerializer(serializers.ModelSerializer):
    phase = choice_field("CyclePhase", CyclePhase.choices, read_only=True)
    phase_label = serializers.CharField(source="get_phase_display", read_only=True)

    class Meta:
        model = PhaseDate
        fields = ["phase", "phase_label", "starts_on", "ends_on"]
        read_only_fields = fields


class CycleSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cycle
        fields = list(SETTINGS_FIELDS)
        read_only_fields = fields


class CycleSerializer(serializers.ModelSerializer):
    """A cycle; `blockers` (what is missing before the next phase) only for coordinators, else null."""

    url = serializers.HyperlinkedIdentityField(view_name="api:cycle-detail", lookup_field="slug")
    page = serializers.CharField(source="get_absolute_url", read_only=True)
    phase = choice_field("CyclePhase", CyclePhase.choices, read_only=True)
    phase_label = serializers.CharField(source="get_phase_display", read_only=True)
    settings = CycleSettingsSerializer(source="*", read_only=True)
    hosts = HostSerializer(many=True, read_only=True)
    phase_dates = PhaseDateSerializer(many=True, read_only=True)
    next_phase = serializers.SerializerMethodField()
    blockers = serializers.SerializerMethodField()
    published_run = serializers.SerializerMethodField()

    class Meta:
        model = Cycle
        fields = [
            "url",
            "page",
            "title",
            "slug",
            "description",
            "phase",
            "phase_label",
            "phase_changed_at",
            "settings",
            "hosts",
            "phase_dates",
            "next_phase",
            "blockers",
            "published_run",
        ]
        read_only_fields = fields

    def _coordinator(self, cycle) -> bool:
        request = self.context.get("request")
        return bool(request and request.user.has_perm("peer_review.manage_cycle", cycle))

    @extend_schema_field(choice_field("CyclePhase", CyclePhase.choices, allow_null=True))
    def get_next_phase(self, cycle) -> str | None:
        return CyclePhase.following(cycle.phase)

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_blockers(self, cycle) -> list[str] | None:
        if not self._coordinator(cycle):
            return None
        following = CyclePhase.following(cycle.phase)
        return selectors.blockers(cycle, following) if following else []

    def get_published_run(self, cycle) -> int | None:
        run = cycle.published_run
        return run.number if run else None


class TransitionSerializer(serializers.Serializer):
    to_phase = choice_field("CyclePhase", CyclePhase.choices)
    expected_phase = choice_field(
        "CyclePhase",
        CyclePhase.choices,
        required=False,
        allow_null=True,
        help_text="The phase the client saw; if the cycle has moved meanwhile, the answer is 409.",
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Needed (at least 15 characters) to move on although the guards are not met.",
    )


# --- challenges -------------------------------------------------------------------------------------------

MATERIAL_FIELDS = ("state", "state_label", "version", "context", "strategy_links", "attachments")


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, attachment) -> str:
        challenge = attachment.challenge
        return reverse("peer_review:attachment", args=[challenge.cycle.slug, challenge.pk, attachment.pk])


class ChallengeSerializer(serializers.ModelSerializer):
    """A challenge. The material (state, version, context, strategy links, attachments) is null for readers
    who may see only the summary."""

    host = HostSerializer(read_only=True)
    themes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    page = serializers.CharField(source="get_absolute_url", read_only=True)
    state = choice_field("ChallengeState", ChallengeState.choices, read_only=True, allow_null=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True, allow_null=True)
    context = serializers.CharField(read_only=True, allow_null=True)
    strategy_links = serializers.ListField(
        source="links", child=serializers.URLField(), read_only=True, allow_null=True
    )
    attachments = AttachmentSerializer(many=True, read_only=True, allow_null=True)

    class Meta:
        model = Challenge
        fields = [
            "id",
            "number",
            "title",
            "guiding_question",
            "host",
            "themes",
            "page",
            *MATERIAL_FIELDS,
        ]
        read_only_fields = fields

    def to_representation(self, challenge):
        request = self.context.get("request")
        material = bool(request and request.user.has_perm("peer_review.view_challenge_material", challenge))
        data = super().to_representation(challenge)
        if not material:
            for name in MATERIAL_FIELDS:
                data[name] = None
        return data


class ChallengeWriteSerializer(serializers.Serializer):
    """A revision of a challenge; `version` is the one the client edited (a stale one is refused with 409)."""

    title = serializers.CharField(max_length=200)
    guiding_question = serializers.CharField(max_length=1000)
    context = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    strategy_links = serializers.ListField(
        child=serializers.CharField(max_length=500), required=False, max_length=40
    )
    themes = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="Codes of thematic areas."
    )
    version = serializers.IntegerField(min_value=1)


class ChallengeActionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)


# --- applications -----------------------------------------------------------------------------------------


class PreferenceSerializer(serializers.Serializer):
    rank = serializers.IntegerField(read_only=True)
    challenge = serializers.IntegerField(source="challenge_id", read_only=True)
    title = serializers.CharField(source="challenge.title", read_only=True)


class ConflictSerializer(serializers.Serializer):
    host = serializers.IntegerField(source="host_id", read_only=True)
    source = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)


class ApplicationSerializer(serializers.ModelSerializer):
    """An observer application with its ranked preferences and every conflict of interest (with its reason)."""

    applicant = serializers.CharField(source="user.display_name", read_only=True)
    organisation = ForumOrganisationSerializer(read_only=True)
    availability = choice_field("ObserverAvailability", Availability.choices, read_only=True)
    availability_label = serializers.CharField(source="get_availability_display", read_only=True)
    status = choice_field("ObserverApplicationStatus", ApplicationStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    expertise = serializers.SerializerMethodField()
    expertise_areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    preferences = PreferenceSerializer(many=True, read_only=True)
    conflicts = serializers.SerializerMethodField()

    class Meta:
        model = ObserverApplication
        fields = [
            "id",
            "applicant",
            "organisation",
            "motivation",
            "expertise",
            "expertise_areas",
            "availability",
            "availability_label",
            "preferences",
            "conflicts",
            "status",
            "status_label",
            "decision_note",
            "version",
            "submitted_at",
            "decided_at",
        ]
        read_only_fields = fields

    def get_expertise(self, application) -> list[str]:
        return sorted(tag.name for tag in application.expertise.all())

    @extend_schema_field(ConflictSerializer(many=True))
    def get_conflicts(self, application):
        by_application = self.context.get("conflicts")
        if by_application is None:
            by_application = selectors.conflicts_by_application(
                application.cycle, ObserverApplication.objects.filter(pk=application.pk)
            )
        return ConflictSerializer(by_application.get(application.pk, []), many=True).data


class DeclaredConflictSerializer(serializers.Serializer):
    host = serializers.IntegerField(help_text="The id of a host of the cycle.")
    reason = serializers.CharField(max_length=500, allow_blank=True, required=False)


class ApplicationCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugField(help_text="Slug of an organisation the applicant is a member of.")
    motivation = serializers.CharField(max_length=3000)
    availability = choice_field("ObserverAvailability", Availability.choices, default=Availability.BOTH)
    preferences = serializers.ListField(
        child=serializers.IntegerField(), max_length=50, help_text="Challenge ids, the most wanted first."
    )
    expertise = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=20
    )
    expertise_areas = serializers.ListField(
        child=serializers.SlugField(), required=False, help_text="Codes of thematic areas."
    )
    declared_conflicts = DeclaredConflictSerializer(many=True, required=False)


class DecisionSerializer(serializers.Serializer):
    status = choice_field(
        "ApplicationDecision",
        [
            (s, ApplicationStatus(s).label)
            for s in (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)
        ],
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


# --- assignment -------------------------------------------------------------------------------------------


class ChallengeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class PairSerializer(serializers.ModelSerializer):
    """An observer assigned to a challenge, and why: preference rank, shared themes, points, pinned."""

    application = serializers.IntegerField(source="application_id", read_only=True)
    observer = serializers.CharField(source="application.user.display_name", read_only=True)
    organisation = ForumOrganisationSerializer(source="application.organisation", read_only=True)
    challenge = ChallengeRefSerializer(read_only=True)
    shared_themes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = AssignedPair
        fields = [
            "application",
            "observer",
            "organisation",
            "challenge",
            "rank",
            "shared_themes",
            "points",
            "pinned",
        ]
        read_only_fields = fields


class AssignmentSerializer(serializers.Serializer):
    """The published assignment as far as the reader may see it (null run: nothing published yet)."""

    run = serializers.IntegerField(allow_null=True, read_only=True)
    pairs = PairSerializer(many=True, read_only=True)


class RunChangeSerializer(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())


class RunDiffSerializer(serializers.Serializer):
    previous = serializers.IntegerField(allow_null=True, required=False)
    score_before = serializers.IntegerField(allow_null=True, required=False)
    changes = serializers.DictField(
        child=RunChangeSerializer(),
        required=False,
        help_text="Per application id, the challenge ids added and removed since the previous solved run.",
    )


class RunSerializer(serializers.ModelSerializer):
    """A run of the optimiser: outcome, score, the reasons of an infeasible run in words, the difference to
    the previous run."""

    status = choice_field("AssignmentRunStatus", RunStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    reasons = serializers.SerializerMethodField()
    diff = RunDiffSerializer(read_only=True)
    published = serializers.SerializerMethodField()

    class Meta:
        model = AssignmentRun
        fields = [
            "number",
            "status",
            "status_label",
            "score",
            "fit",
            "spread_cost",
            "method",
            "seconds",
            "proven_optimal",
            "reasons",
            "diff",
            "published",
            "created_at",
        ]
        read_only_fields = fields

    def get_reasons(self, run) -> list[str]:
        return [reason_text(reason) for reason in run.reasons]

    def get_published(self, run) -> bool:
        return run.cycle.published_run_id == run.pk


class RunDetailSerializer(RunSerializer):
    pairs = serializers.SerializerMethodField()

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "pairs"]
        read_only_fields = fields

    @extend_schema_field(PairSerializer(many=True))
    def get_pairs(self, run):
        pairs = run.pairs.select_related(
            "application__user", "application__organisation", "challenge"
        ).order_by("challenge__number", "application__user__last_name", "pk")
        return PairSerializer(pairs, many=True).data
