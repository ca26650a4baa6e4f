"""Reads of the Assessment and Cooperation Forum: conflicts, priority order, phase guards, boards, roles."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from zitnet.directory.enums import OrganisationKind

from .enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    ConflictSource,
    CyclePhase,
    MeetingKind,
)
from .models import (
    AssignedPair,
    Cycle,
    DeclaredConflict,
    Host,
    Meeting,
    ObserverApplication,
    PairRule,
)
from .rules import cycle_roles

# --- who takes part ---------------------------------------------------------------------------------------


def participants(cycle: Cycle) -> dict[int, set[str]]:
    """User id → roles in the cycle (host, expert, observer): the people of its private discussion space.

    The forum's per-cycle space reads this and listens to `signals.participants_changed`.
    """
    people: dict[int, set[str]] = defaultdict(set)
    for host in cycle.hosts.prefetch_related("experts"):
        if host.coordinator_id:
            people[host.coordinator_id].add("host")
        for expert in host.experts.all():
            people[expert.pk].add("expert")
    for user_id in cycle.applications.filter(status=ApplicationStatus.ACCEPTED).values_list(
        "user_id", flat=True
    ):
        people[user_id].add("observer")
    return dict(people)


def visible_cycles(user):
    """Cycles the user may see: public ones, and those they take part in (all of them for coordinators)."""
    cycles = Cycle.objects.all()
    if user.is_authenticated and user.has_perm("peer_review.manage_cycle"):
        return cycles
    public = Q(phase__in=CyclePhase.public())
    if not user.is_authenticated:
        return cycles.filter(public)
    mine = Q(hosts__coordinator=user) | Q(hosts__experts=user) | Q(applications__user=user)
    return cycles.filter(public | mine).distinct()


def roles_in(user, cycle: Cycle) -> frozenset[str]:
    roles = set(cycle_roles(user, cycle))
    if user.is_authenticated and user.has_perm("peer_review.manage_cycle"):
        roles.add("coordinator")
    return frozenset(roles)


# --- conflicts of interest --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    application_id: int
    host_id: int
    source: str
    reason: str


def _association_ids(organisation) -> set[int]:
    if organisation.kind == OrganisationKind.ZIT_ASSOCIATION:
        return {organisation.pk}
    return {a.pk for a in organisation.associations.all()}


def conflicts(cycle: Cycle, applications=None) -> list[Conflict]:
    """Every conflict between an application and a host, each with its reason.

    From the directory: the host is the observer's own organisation; or a ZIT association the observer's
    organisation is (or belongs to); or a municipality or body that belongs to such an association. Then the
    conflicts the observer declared and those a coordinator added.
    """
    if applications is None:
        applications = cycle.applications.exclude(status=ApplicationStatus.WITHDRAWN)
    applications = list(
        applications.select_related("organisation", "user").prefetch_related("organisation__associations")
    )
    hosts = list(cycle.hosts.select_related("organisation").prefetch_related("organisation__associations"))
    found: list[Conflict] = []
    for application in applications:
        own = application.organisation
        own_associations = _association_ids(own)
        for host in hosts:
            org = host.organisation
            host_associations = _association_ids(org)
            if org.pk == own.pk:
                found.append(
                    Conflict(
                        application.pk,
                        host.pk,
                        ConflictSource.ORGANISATION,
                        _("%(org)s is the observer's own organisation.") % {"org": org.display_name},
                    )
                )
            elif org.pk in own_associations:
                found.append(
                    Conflict(
                        application.pk,
                        host.pk,
                        ConflictSource.ASSOCIATION,
                        _("%(own)s belongs to the ZIT association %(org)s.")
                        % {"own": own.display_name, "org": org.display_name},
                    )
                )
            elif own_associations & (host_associations | {org.pk}):
                found.append(
                    Conflict(
                        application.pk,
                        host.pk,
                        ConflictSource.ASSOCIATION_MEMBER,
                        _("%(org)s belongs to the same ZIT association as %(own)s.")
                        % {"org": org.display_name, "own": own.display_name},
                    )
                )
    automatic = {(c.application_id, c.host_id) for c in found}
    declared = DeclaredConflict.objects.filter(application__in=[a.pk for a in applications]).select_related(
        "host"
    )
    for conflict in declared:
        if (conflict.application_id, conflict.host_id) not in automatic:
            found.append(
                Conflict(conflict.application_id, conflict.host_id, conflict.source, conflict.reason)
            )
    return found


def conflicts_by_application(cycle: Cycle, applications=None) -> dict[int, list[Conflict]]:
    out: dict[int, list[Conflict]] = defaultdict(list)
    for conflict in conflicts(cycle, applications):
        out[conflict.application_id].append(conflict)
    return dict(out)


# --- recruitment priority ---------------------------------------------------------------------------------


@dataclass
class Ranked:
    application: ObserverApplication
    position: int
    new_association: bool
    association: str
    voivodeship: str
    reasons: list[str] = field(default_factory=list)


def _association_label(organisation) -> tuple[str, bool]:
    if organisation.kind == OrganisationKind.ZIT_ASSOCIATION:
        return organisation.display_name, organisation.is_new_zit_association
    associations = list(organisation.associations.all())
    if not associations:
        return "", False
    return associations[0].display_name, any(a.is_new_zit_association for a in associations)


def priority_order(cycle: Cycle) -> list[Ranked]:
    """Open and waiting applications in the order places are given.

    Observers from ZIT associations new in 2021–2027 come first. Within each group the next place goes to
    the applicant whose association, then voivodeship, has the fewest places so far (spreading the observers),
    and among equals to the earlier application.
    """
    pending = list(
        cycle.applications.filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED])
        .select_related("organisation", "user")
        .prefetch_related("organisation__associations")
        .order_by("submitted_at", "pk")
    )
    accepted = cycle.applications.filter(status=ApplicationStatus.ACCEPTED).select_related("organisation")
    per_association: Counter = Counter()
    per_voivodeship: Counter = Counter()
    for application in accepted.prefetch_related("organisation__associations"):
        label, _new = _association_label(application.organisation)
        per_association[label or application.organisation.display_name] += 1
        per_voivodeship[application.organisation.voivodeship] += 1
    entries = []
    for application in pending:
        label, new = _association_label(application.organisation)
        entries.append(
            Ranked(
                application,
                0,
                new,
                label or application.organisation.display_name,
                application.organisation.voivodeship,
            )
        )
    ordered: list[Ranked] = []
    for tier in (True, False):
        remaining = [e for e in entries if e.new_association is tier]
        while remaining:
            best = min(
                remaining,
                key=lambda e: (per_association[e.association], per_voivodeship[e.voivodeship]),
            )  # min() keeps the earliest application among equals
            remaining.remove(best)
            if best.new_association:
                best.reasons.append(_("ZIT association new in 2021–2027"))
            if per_association[best.association] == 0:
                best.reasons.append(_("first observer from %(assoc)s") % {"assoc": best.association})
            if best.voivodeship and per_voivodeship[best.voivodeship] == 0:
                best.reasons.append(_("first observer from this voivodeship"))
            per_association[best.association] += 1
            per_voivodeship[best.voivodeship] += 1
            best.position = len(ordered) + 1
            ordered.append(best)
    return ordered


# --- phase guards -----------------------------------------------------------------------------------------


def _approved_counts(cycle: Cycle) -> list[tuple[Host, int]]:
    hosts = cycle.hosts.select_related("organisation").annotate(
        approved=Count("challenges", filter=Q(challenges__state=ChallengeState.APPROVED))
    )
    return [(host, host.approved) for host in hosts]


def _meeting(cycle: Cycle, kind: str) -> Meeting | None:
    return cycle.meetings.filter(kind=kind).first()


def blockers(cycle: Cycle, to_phase: str) -> list[str]:
    """What is missing before the cycle may move to `to_phase`, in words; empty when nothing is."""
    missing: list[str] = []
    if to_phase == CyclePhase.IDENTIFICATION:
        hosts = list(cycle.hosts.select_related("organisation").prefetch_related("experts"))
        if not any(h.role == "leader" for h in hosts):
            missing.append(_("The cycle has no leader among its hosts."))
        for host in hosts:
            if host.coordinator_id is None:
                missing.append(_("Host %(host)s has no host coordinator.") % {"host": host})
            if not host.experts.all():
                missing.append(_("Host %(host)s has no expert.") % {"host": host})
    elif to_phase == CyclePhase.RECRUITMENT:
        if not cycle.hosts.exists():
            missing.append(_("The cycle has no hosts."))
        for host, approved in _approved_counts(cycle):
            if approved < cycle.challenges_per_host:
                missing.append(
                    _("Host %(host)s has %(approved)d of %(needed)d approved challenges.")
                    % {"host": host, "approved": approved, "needed": cycle.challenges_per_host}
                )
    elif to_phase == CyclePhase.ASSIGNMENT:
        accepted = cycle.applications.filter(status=ApplicationStatus.ACCEPTED).count()
        if accepted < cycle.observers_minimum:
            missing.append(
                _("%(accepted)d of %(needed)d observers accepted.")
                % {"accepted": accepted, "needed": cycle.observers_minimum}
            )
        undecided = cycle.applications.filter(status=ApplicationStatus.SUBMITTED).count()
        if undecided:
            missing.append(_("%(count)d applications await a decision.") % {"count": undecided})
    elif to_phase == CyclePhase.PREPARATION:
        if cycle.published_run_id is None:
            missing.append(_("No assignment of observers has been published."))
        else:
            stale = unassigned_observers(cycle)
            if stale:
                missing.append(
                    _("%(count)d accepted observers are not in the published assignment; run it again.")
                    % {"count": len(stale)}
                )
        if _meeting(cycle, MeetingKind.PREPARATORY) is None:
            missing.append(_("The online preparatory meeting is not scheduled."))
    elif to_phase == CyclePhase.ONSITE:
        preparatory = _meeting(cycle, MeetingKind.PREPARATORY)
        if (
            preparatory is None
            or not preparatory.attendance.exclude(status=AttendanceStatus.INVITED).exists()
        ):
            missing.append(_("Attendance at the preparatory meeting is not recorded."))
        onsite = _meeting(cycle, MeetingKind.ONSITE)
        if onsite is None:
            missing.append(_("The on-site meeting is not scheduled."))
        elif not onsite.agenda.exists():
            missing.append(_("The on-site meeting has no agenda."))
    elif to_phase == CyclePhase.REPORT_DRAFTING:
        onsite = _meeting(cycle, MeetingKind.ONSITE)
        if onsite is None or not onsite.attendance.exclude(status=AttendanceStatus.INVITED).exists():
            missing.append(_("Attendance at the on-site meeting is not recorded."))
    elif to_phase == CyclePhase.HOST_REVIEW:
        from .report import drafting_blockers

        missing.extend(drafting_blockers(cycle))
    elif to_phase == CyclePhase.PUBLISHED:
        from .report import review_blockers

        missing.extend(review_blockers(cycle))
    elif to_phase in (CyclePhase.FOLLOW_UP, CyclePhase.CLOSED):
        from .followup import blockers as followup_blockers

        missing.extend(followup_blockers(cycle, to_phase))
    # Report drafting, host review, publication and follow-up add their conditions with the report (part 2).
    return missing


def unassigned_observers(cycle: Cycle) -> list[ObserverApplication]:
    if cycle.published_run_id is None:
        return list(cycle.applications.filter(status=ApplicationStatus.ACCEPTED))
    assigned = AssignedPair.objects.filter(run_id=cycle.published_run_id).values("application_id")
    return list(
        cycle.applications.filter(status=ApplicationStatus.ACCEPTED)
        .exclude(pk__in=assigned)
        .select_related("user")
    )


# --- boards -----------------------------------------------------------------------------------------------


def board(cycle: Cycle) -> dict:
    """What the coordinator's board shows: the phase, what blocks the next one, and counts."""
    next_phase = CyclePhase.following(cycle.phase)
    by_state = dict(cycle.challenges.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    by_status = dict(
        cycle.applications.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "next_phase": next_phase,
        "next_phase_label": CyclePhase(next_phase).label if next_phase else "",
        "blockers": blockers(cycle, next_phase) if next_phase else [],
        "challenges": [(ChallengeState(s).label, by_state.get(s, 0), s) for s in ChallengeState.values],
        "applications": [
            (ApplicationStatus(s).label, by_status.get(s, 0), s) for s in ApplicationStatus.values
        ],
        "hosts": _approved_counts(cycle),
        "transitions": list(cycle.transitions.select_related("actor").order_by("-at", "-pk")[:20]),
        "runs": cycle.runs.count(),
    }


def challenges_for(user, cycle: Cycle):
    """The challenges of a cycle the user may see at least the summary of, with their host."""
    challenges = cycle.challenges.select_related("host__organisation").prefetch_related("themes")
    return [c for c in challenges if user.has_perm("peer_review.view_challenge", c)]


def approved_challenges(cycle: Cycle):
    return (
        cycle.challenges.filter(state=ChallengeState.APPROVED)
        .select_related("host__organisation")
        .prefetch_related("themes")
        .order_by("number", "pk")
    )


def assigned_challenges(user, cycle: Cycle):
    """The challenges the published assignment gives the user, with the pair (rank, shared themes)."""
    if cycle.published_run_id is None or not user.is_authenticated:
        return []
    return list(
        AssignedPair.objects.filter(run_id=cycle.published_run_id, application__user=user)
        .select_related("challenge__host__organisation")
        .order_by("challenge__number")
    )


def host_observers(host: Host) -> list[AssignedPair]:
    """The observers the published assignment gives the host's challenges."""
    cycle = host.cycle
    if cycle.published_run_id is None:
        return []
    return list(
        AssignedPair.objects.filter(run_id=cycle.published_run_id, challenge__host=host)
        .select_related("challenge", "application__user", "application__organisation")
        .order_by("challenge__number", "application__user__last_name")
    )


def run_explanations(run) -> list[dict]:
    """Per observer, their challenges in the run with the preference rank, shared themes and points."""
    pairs = run.pairs.select_related("application__user", "application__organisation", "challenge").order_by(
        "application__user__last_name", "application__user__first_name", "challenge__number"
    )
    by_application: dict[int, dict] = {}
    for pair in pairs:
        entry = by_application.setdefault(
            pair.application_id, {"application": pair.application, "pairs": [], "points": 0}
        )
        entry["pairs"].append(pair)
        entry["points"] += pair.points
    return list(by_application.values())


def pair_rules(cycle: Cycle):
    return PairRule.objects.filter(cycle=cycle).select_related("application__user", "challenge")


def applications_with_details(cycle: Cycle):
    return (
        cycle.applications.select_related("user", "organisation")
        .prefetch_related(
            Prefetch("preferences", queryset=_preferences()), "expertise", "organisation__associations"
        )
        .order_by("submitted_at", "pk")
    )


def _preferences():
    from .models import Preference

    return Preference.objects.select_related("challenge").order_by("rank")


def my_cycles(user) -> list[tuple[Cycle, frozenset[str]]]:
    """Cycles the user has a role in, with the roles."""
    if not user.is_authenticated:
        return []
    cycles = Cycle.objects.filter(
        Q(hosts__coordinator=user) | Q(hosts__experts=user) | Q(applications__user=user)
    ).distinct()
    if user.has_perm("peer_review.manage_cycle"):
        cycles = Cycle.objects.all()
    return [(cycle, roles_in(user, cycle)) for cycle in cycles.order_by("-created_at")]
