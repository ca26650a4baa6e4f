"""Who may see and do what in a review cycle, as `rules` predicates (per role and per object).

Roles are held in a cycle, not globally: a host coordinator and the experts are named on a host; an observer
is a person whose application was accepted. Observers read a challenge's material only when the published
assignment gives it to them, until the cycle's report is published; a host never sees another host's drafts.
"""

import rules

from zitnet.accounts.rules import is_member, is_network_coordinator

from .enums import ApplicationStatus, ChallengeState, CyclePhase


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _cycle_of(obj):
    return getattr(obj, "cycle", obj)


def cycle_roles(user, cycle) -> frozenset[str]:
    """The user's roles in a cycle ("host", "expert", "observer", "applicant"), cached on the user per cycle."""
    if not _signed_in(user) or cycle is None or cycle.pk is None:
        return frozenset()
    cache = user.__dict__.setdefault("_peer_review_roles", {})
    if cycle.pk not in cache:
        from .models import Host, ObserverApplication

        roles = set()
        hosts = Host.objects.filter(cycle=cycle)
        if hosts.filter(coordinator=user).exists():
            roles.add("host")
        if hosts.filter(experts=user).exists():
            roles.add("expert")
        status = (
            ObserverApplication.objects.filter(cycle=cycle, user=user)
            .values_list("status", flat=True)
            .first()
        )
        if status is not None:
            roles.add("applicant")
            if status == ApplicationStatus.ACCEPTED:
                roles.add("observer")
        cache[cycle.pk] = frozenset(roles)
    return cache[cycle.pk]


def forget_roles(user) -> None:
    if user is not None:
        user.__dict__.pop("_peer_review_roles", None)


def _host_ids(user, cycle, field: str) -> set[int]:
    cache = user.__dict__.setdefault("_peer_review_hosts", {})
    key = (cycle.pk, field)
    if key not in cache:
        from .models import Host

        cache[key] = set(Host.objects.filter(cycle=cycle, **{field: user}).values_list("pk", flat=True))
    return cache[key]


def _assigned_challenge_ids(user, cycle) -> set[int]:
    cache = user.__dict__.setdefault("_peer_review_assigned", {})
    if cycle.pk not in cache:
        from .models import AssignedPair

        if cycle.published_run_id is None:
            cache[cycle.pk] = set()
        else:
            cache[cycle.pk] = set(
                AssignedPair.objects.filter(
                    run_id=cycle.published_run_id,
                    application__user=user,
                    application__status=ApplicationStatus.ACCEPTED,
                ).values_list("challenge_id", flat=True)
            )
    return cache[cycle.pk]


@rules.predicate
def is_host_coordinator_in_cycle(user, obj) -> bool:
    return "host" in cycle_roles(user, _cycle_of(obj))


@rules.predicate
def is_expert_in_cycle(user, obj) -> bool:
    return "expert" in cycle_roles(user, _cycle_of(obj))


@rules.predicate
def is_observer_in_cycle(user, obj) -> bool:
    return "observer" in cycle_roles(user, _cycle_of(obj))


@rules.predicate
def is_participant(user, obj) -> bool:
    return bool(cycle_roles(user, _cycle_of(obj)) - {"applicant"})


@rules.predicate
def cycle_is_public(user, obj) -> bool:
    cycle = _cycle_of(obj)
    return cycle is not None and cycle.is_public


@rules.predicate
def is_coordinator_of_host(user, host) -> bool:
    return _signed_in(user) and host is not None and host.coordinator_id == user.pk


@rules.predicate
def is_expert_of_host(user, host) -> bool:
    return _signed_in(user) and host is not None and host.pk in _host_ids(user, host.cycle, "experts")


@rules.predicate
def is_challenge_host_coordinator(user, challenge) -> bool:
    return (
        _signed_in(user)
        and challenge is not None
        and challenge.host_id in _host_ids(user, challenge.cycle, "coordinator")
    )


@rules.predicate
def is_challenge_expert(user, challenge) -> bool:
    return (
        _signed_in(user)
        and challenge is not None
        and challenge.host_id in _host_ids(user, challenge.cycle, "experts")
    )


@rules.predicate
def is_assigned_observer(user, challenge) -> bool:
    return (
        _signed_in(user)
        and challenge is not None
        and challenge.pk in _assigned_challenge_ids(user, challenge.cycle)
    )


@rules.predicate
def challenge_is_approved(user, challenge) -> bool:
    return challenge is not None and challenge.state == ChallengeState.APPROVED


@rules.predicate
def cycle_report_published(user, obj) -> bool:
    cycle = _cycle_of(obj)
    return cycle is not None and cycle.reached(CyclePhase.PUBLISHED)


@rules.predicate
def is_own_application(user, application) -> bool:
    return _signed_in(user) and application is not None and application.user_id == user.pk


# The cycle and its public call: visible to everyone once recruitment starts, before that to its people.
rules.add_perm("peer_review.view_cycle", cycle_is_public | is_participant | is_network_coordinator)
rules.add_perm("peer_review.manage_cycle", is_network_coordinator)
rules.add_perm("peer_review.view_board", is_network_coordinator)
rules.add_perm("peer_review.apply", is_member)

# A challenge's summary (title, guiding question, themes) is public once approved in a public cycle; its
# material (context, documents, links, history) only to the host team, the cycle's experts, the coordinators
# and the observers assigned to it, until the report is published.
can_read_material = (
    is_network_coordinator
    | is_challenge_host_coordinator
    | is_expert_in_cycle
    | (challenge_is_approved & (is_assigned_observer | cycle_report_published))
)
rules.add_perm("peer_review.view_challenge_material", can_read_material)
rules.add_perm("peer_review.view_challenge", can_read_material | (challenge_is_approved & cycle_is_public))
# The thread between hosts and experts: never observers.
rules.add_perm(
    "peer_review.comment_challenge",
    is_network_coordinator | is_challenge_host_coordinator | is_expert_in_cycle,
)
rules.add_perm("peer_review.edit_challenge", is_network_coordinator | is_challenge_host_coordinator)
rules.add_perm("peer_review.review_challenge", is_network_coordinator | is_challenge_expert)
rules.add_perm("peer_review.add_challenge", is_network_coordinator | is_coordinator_of_host)

rules.add_perm("peer_review.view_application", is_own_application | is_network_coordinator)
rules.add_perm("peer_review.change_application", is_own_application)
rules.add_perm("peer_review.decide_application", is_network_coordinator)

rules.add_perm("peer_review.view_host", is_network_coordinator | is_coordinator_of_host | is_expert_of_host)
rules.add_perm("peer_review.view_meeting", is_network_coordinator | is_participant)
rules.add_perm("peer_review.manage_meeting", is_network_coordinator)
rules.add_perm("peer_review.record_attendance", is_network_coordinator | is_host_coordinator_in_cycle)

# --- part 2: findings and recommendations -----------------------------------------------------------------
# Findings are recorded on approved challenges by the observers the published assignment gives them, by the
# host's experts and by the network coordinators; the host coordinator reads the submitted ones from report
# drafting on. A draft is its author's alone, whoever else asks. The phases in which they change are checked by
# `peer_review.findings`.


@rules.predicate
def is_own_finding(user, finding) -> bool:
    return _signed_in(user) and finding is not None and finding.author_id == user.pk


@rules.predicate
def finding_is_submitted(user, finding) -> bool:
    from .enums import FindingState

    return finding is not None and finding.state == FindingState.SUBMITTED


@rules.predicate
def report_drafting_reached(user, obj) -> bool:
    cycle = _cycle_of(obj)
    return cycle is not None and cycle.reached(CyclePhase.REPORT_DRAFTING)


@rules.predicate
def may_view_findings_of_its_challenge(user, finding) -> bool:
    return finding is not None and user.has_perm("peer_review.view_findings", finding.challenge)


can_record_findings = challenge_is_approved & (
    is_network_coordinator | is_challenge_expert | is_assigned_observer
)
rules.add_perm("peer_review.record_finding", can_record_findings)
rules.add_perm(
    "peer_review.consolidate_findings",
    challenge_is_approved & (is_network_coordinator | is_challenge_expert),
)
rules.add_perm(
    "peer_review.view_findings",
    can_record_findings | (challenge_is_approved & is_challenge_host_coordinator & report_drafting_reached),
)
rules.add_perm(
    "peer_review.view_finding",
    is_own_finding | (finding_is_submitted & may_view_findings_of_its_challenge),
)
rules.add_perm("peer_review.change_finding", is_own_finding)

# Follow-up of the published report: a host's coordinator answers its recommendations, plans actions and reports
# progress; the network coordinators may too. A host's follow-up is read by its coordinator, the cycle's experts
# and the coordinators; the board of all hosts by everyone taking part in the cycle.
rules.add_perm("peer_review.respond_recommendation", is_network_coordinator | is_coordinator_of_host)
rules.add_perm("peer_review.plan_actions", is_network_coordinator | is_coordinator_of_host)
rules.add_perm(
    "peer_review.view_followup", is_network_coordinator | is_expert_in_cycle | is_coordinator_of_host
)
rules.add_perm("peer_review.view_followup_board", is_network_coordinator | is_participant)

# --- part 2: the report -----------------------------------------------------------------------------------
# The draft is read by the coordinators, the cycle's experts and its host coordinators; observers read it once
# published. The coordinators and experts edit it; a host coordinator comments on their part (the introduction,
# their host's section and their challenges) and alone decides on it in host review.


def _section_cycle(section):
    return section.report.cycle if section is not None else None


@rules.predicate
def is_host_of_section(user, section) -> bool:
    """The section belongs to the part of the report a host the user coordinates reviews."""
    from .enums import SectionKind

    if not _signed_in(user) or section is None:
        return False
    mine = _host_ids(user, _section_cycle(section), "coordinator")
    if not mine:
        return False
    if section.kind == SectionKind.INTRODUCTION:
        return True
    if section.host_id is not None:
        return section.host_id in mine
    return section.challenge_id is not None and section.challenge.host_id in mine


@rules.predicate
def may_edit_report_of_section(user, section) -> bool:
    return section is not None and user.has_perm("peer_review.edit_report", _section_cycle(section))


rules.add_perm(
    "peer_review.view_report",
    is_network_coordinator
    | is_expert_in_cycle
    | is_host_coordinator_in_cycle
    | (cycle_report_published & is_observer_in_cycle),
)
rules.add_perm("peer_review.edit_report", is_network_coordinator | is_expert_in_cycle)
rules.add_perm("peer_review.review_host_part", is_coordinator_of_host)
rules.add_perm("peer_review.comment_report_section", may_edit_report_of_section | is_host_of_section)
