"""Findings of a review cycle and the recommendations consolidated from them: writes and reads.

Observers assigned to a challenge, the host's experts and the network coordinators record findings from the
on-site meeting until report drafting ends; afterwards they are read-only. A draft is private to its author
until submitted. The experts (and coordinators) merge the submitted findings into consolidated recommendations,
each keeping its source findings as its trace. Every versioned change refuses a stale version (code "stale").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .enums import ChallengeState, CyclePhase, FindingKind, FindingState
from .models import PRIORITY_CHOICES, Challenge, Cycle, Finding, Recommendation

RECORDING_PHASES = (CyclePhase.ONSITE, CyclePhase.REPORT_DRAFTING)
KIND_ORDER = list(FindingKind.values)
PRIORITIES = [value for value, _label in PRIORITY_CHOICES]
TEXT_MAX = 5000
RECOMMENDATION_TEXT_MAX = 3000
ADDRESSEE_MAX = 200
TIME_FRAME_MAX = 120
PRACTICE_TITLE_MAX = 200


def _kind_rank():
    return Case(
        *[When(kind=kind, then=Value(i)) for i, kind in enumerate(KIND_ORDER)],
        default=Value(len(KIND_ORDER)),
        output_field=IntegerField(),
    )


def _sources_prefetch() -> Prefetch:
    return Prefetch(
        "sources",
        queryset=Finding.objects.select_related("author", "practice")
        .annotate(kind_rank=_kind_rank())
        .order_by("kind_rank", "submitted_at", "pk"),
    )


# --- reads for the report's assembly ----------------------------------------------------------------------


def submitted_findings(challenge_ids: Iterable[int]) -> dict[int, list[Finding]]:
    """Challenge id → its submitted findings (author and practice selected), ordered by kind then time.

    Drafts are never included: they are private to their author.
    """
    ids = list(challenge_ids)
    out: dict[int, list[Finding]] = {pk: [] for pk in ids}
    findings = (
        Finding.objects.filter(challenge_id__in=ids, state=FindingState.SUBMITTED)
        .select_related("author", "practice")
        .annotate(kind_rank=_kind_rank())
        .order_by("challenge_id", "kind_rank", "submitted_at", "created_at", "pk")
    )
    for finding in findings:
        out[finding.challenge_id].append(finding)
    return out


def recommendations_of(challenge_ids: Iterable[int]) -> dict[int, list[Recommendation]]:
    """Challenge id → its consolidated recommendations ordered by position, with their sources (and the
    sources' authors and practices) prefetched."""
    ids = list(challenge_ids)
    out: dict[int, list[Recommendation]] = {pk: [] for pk in ids}
    recommendations = (
        Recommendation.objects.filter(challenge_id__in=ids)
        .prefetch_related(_sources_prefetch())
        .order_by("challenge_id", "position", "pk")
    )
    for recommendation in recommendations:
        out[recommendation.challenge_id].append(recommendation)
    return out


# --- when and who -----------------------------------------------------------------------------------------


def is_open(cycle: Cycle) -> bool:
    """Whether findings and recommendations may change now: from the on-site meeting to the end of drafting."""
    return cycle.phase in RECORDING_PHASES


def closed_message(cycle: Cycle) -> str:
    if cycle.reached(CyclePhase.HOST_REVIEW):
        return _(
            "Report drafting has ended: findings and recommendations are read-only now (phase “%(phase)s”)."
        ) % {"phase": cycle.get_phase_display()}
    return _(
        "Findings are recorded from the on-site meeting until the end of report drafting (now: “%(phase)s”)."
    ) % {"phase": cycle.get_phase_display()}


def _check_open(cycle: Cycle) -> None:
    if not is_open(cycle):
        raise DomainError(closed_message(cycle), code="closed")


def _check_may(actor, perm: str, obj, message: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm, obj):
        raise DomainError(message, code="forbidden")


def _check_version(obj, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != obj.version:
        raise DomainError(
            _("Someone changed this while you were editing it (version %(theirs)d, yours %(yours)d). "
              "Reload the page, then make your change again.")
            % {"theirs": obj.version, "yours": int(expected_version)},
            code="stale",
        )  # fmt: skip


def _locked_challenge(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_related("cycle", "host").get(pk=challenge.pk)


# --- findings ---------------------------------------------------------------------------------------------


def _clean_finding(
    *,
    kind: str,
    text: str,
    practice_id,
    practice_title: str,
    addressee: str,
    time_frame: str,
    priority: str,
) -> dict:
    from knowledge.models import PracticePage

    if kind not in FindingKind.values:
        raise DomainError(_("Choose what kind of finding this is."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the finding."))
    if len(text) > TEXT_MAX:
        raise DomainError(
            _("The finding is too long: %(length)d characters, at most %(max)d.")
            % {"length": len(text), "max": TEXT_MAX}
        )
    values = {
        "kind": kind,
        "text": text,
        "practice": None,
        "practice_title": "",
        "addressee": "",
        "time_frame": "",
        "priority": "",
    }
    if kind == FindingKind.PRACTICE:
        practice_title = (practice_title or "").strip()
        if practice_id not in (None, ""):
            try:
                practice_pk = int(practice_id)
            except (TypeError, ValueError):
                practice_pk = None
            practice = PracticePage.objects.live().filter(pk=practice_pk).first() if practice_pk else None
            if practice is None:
                raise DomainError(
                    _("The chosen practice is not a published practice of the knowledge library.")
                )
            if practice_title:
                raise DomainError(_("Choose a practice from the library or name a new one, not both."))
            values["practice"] = practice
        elif practice_title:
            if len(practice_title) > PRACTICE_TITLE_MAX:
                raise DomainError(
                    _("The name of the practice is too long (at most %(max)d characters).")
                    % {"max": PRACTICE_TITLE_MAX}
                )
            values["practice_title"] = practice_title
        else:
            raise DomainError(
                _("For a good practice, choose it from the knowledge library or give the name of a new one.")
            )
    elif kind == FindingKind.RECOMMENDATION:
        values.update(_clean_recommendation_terms(addressee, time_frame, priority, time_frame_required=True))
    return values


def _clean_recommendation_terms(addressee: str, time_frame: str, priority: str, *, time_frame_required: bool):
    addressee, time_frame = (addressee or "").strip(), (time_frame or "").strip()
    if not addressee:
        raise DomainError(_("Say to whom the recommendation is addressed."))
    if len(addressee) > ADDRESSEE_MAX:
        raise DomainError(
            _("The addressee is too long (at most %(max)d characters).") % {"max": ADDRESSEE_MAX}
        )
    if time_frame_required and not time_frame:
        raise DomainError(_("Give the time frame of the recommendation."))
    if len(time_frame) > TIME_FRAME_MAX:
        raise DomainError(
            _("The time frame is too long (at most %(max)d characters).") % {"max": TIME_FRAME_MAX}
        )
    if priority not in PRIORITIES:
        raise DomainError(_("Choose the priority of the recommendation."))
    return {"addressee": addressee, "time_frame": time_frame, "priority": priority}


@transaction.atomic
def save_finding(
    *,
    actor,
    challenge: Challenge,
    finding: Finding | None = None,
    kind: str,
    text: str,
    practice_id=None,
    practice_title: str = "",
    addressee: str = "",
    time_frame: str = "",
    priority: str = "",
    expected_version: int | None = None,
    submit: bool = False,
) -> Finding:
    """Record a new finding as a draft, or change one's own draft; with `submit`, submit it at once.

    Only on a challenge the actor may record findings on, only while findings are open. A practice is a live
    page of the knowledge library or the name of a new one; a recommendation needs its addressee, time frame
    and priority. Side effects: audit entry when submitted.
    """
    challenge = _locked_challenge(challenge)
    _check_may(
        actor, "peer_review.record_finding", challenge, _("You cannot record findings on this challenge.")
    )
    if finding is not None:
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.author_id != actor.pk:
            raise DomainError(_("Only its author can change a finding."), code="forbidden")
        if finding.challenge_id != challenge.pk:
            raise DomainError(_("This finding belongs to another challenge."))
    _check_open(challenge.cycle)
    if finding is not None:
        if finding.state != FindingState.DRAFT:
            raise DomainError(_("A submitted finding cannot be changed; withdraw it to a draft first."))
        _check_version(finding, expected_version)
    values = _clean_finding(
        kind=kind,
        text=text,
        practice_id=practice_id,
        practice_title=practice_title,
        addressee=addressee,
        time_frame=time_frame,
        priority=priority,
    )
    if finding is None:
        finding = Finding(challenge=challenge, author=actor, **values)
    else:
        for name, value in values.items():
            setattr(finding, name, value)
        finding.version += 1
    finding.save()
    if submit:
        finding = _submit(actor, finding)
    return finding


def _submit(actor, finding: Finding) -> Finding:
    finding.state = FindingState.SUBMITTED
    finding.submitted_at = timezone.now()
    finding.version += 1
    finding.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    record(
        finding.challenge,
        "peer_review.finding.submit",
        user=actor,
        data={"finding": finding.pk, "kind": finding.kind},
    )
    return finding


def _own_finding(actor, finding: Finding) -> Finding:
    finding = Finding.objects.select_for_update().select_related("challenge__cycle").get(pk=finding.pk)
    if actor is None or finding.author_id != actor.pk:
        raise DomainError(_("Only its author can change a finding."), code="forbidden")
    _check_may(
        actor,
        "peer_review.record_finding",
        finding.challenge,
        _("You cannot record findings on this challenge."),
    )
    _check_open(finding.challenge.cycle)
    return finding


@transaction.atomic
def submit_finding(*, actor, finding: Finding, expected_version: int | None = None) -> Finding:
    """Submit one's own draft: from now on those who read the challenge's findings see it. Side effects:
    audit entry."""
    finding = _own_finding(actor, finding)
    if finding.state != FindingState.DRAFT:
        raise DomainError(_("This finding is already submitted."))
    _check_version(finding, expected_version)
    return _submit(actor, finding)


@transaction.atomic
def withdraw_finding(*, actor, finding: Finding, expected_version: int | None = None) -> Finding:
    """Take one's own submitted finding back to a draft, unless a recommendation already comes from it.
    Side effects: audit entry."""
    finding = _own_finding(actor, finding)
    if finding.state != FindingState.SUBMITTED:
        raise DomainError(_("Only a submitted finding can be withdrawn."))
    _check_version(finding, expected_version)
    used = finding.recommendations.count()
    if used:
        raise DomainError(
            _("This finding is a source of a consolidated recommendation and cannot be withdrawn. "
              "Ask the experts to take it out of the recommendation first.")
        )  # fmt: skip
    finding.state = FindingState.DRAFT
    finding.submitted_at = None
    finding.version += 1
    finding.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    record(finding.challenge, "peer_review.finding.withdraw", user=actor, data={"finding": finding.pk})
    return finding


@transaction.atomic
def delete_finding(*, actor, finding: Finding, expected_version: int | None = None) -> None:
    """Delete one's own draft (a submitted finding is withdrawn first)."""
    finding = _own_finding(actor, finding)
    if finding.state != FindingState.DRAFT:
        raise DomainError(_("Only a draft can be deleted; withdraw the finding first."))
    _check_version(finding, expected_version)
    finding.delete()


# --- recommendations --------------------------------------------------------------------------------------


def _clean_recommendation(challenge: Challenge, *, text, addressee, time_frame, priority, source_ids):
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the recommendation."))
    if len(text) > RECOMMENDATION_TEXT_MAX:
        raise DomainError(
            _("The recommendation is too long: %(length)d characters, at most %(max)d.")
            % {"length": len(text), "max": RECOMMENDATION_TEXT_MAX}
        )
    values = {"text": text}
    values.update(_clean_recommendation_terms(addressee, time_frame, priority, time_frame_required=False))
    try:
        ids = {int(pk) for pk in source_ids or []}
    except (TypeError, ValueError) as exc:
        raise DomainError(_("A source must be a submitted finding of this challenge.")) from exc
    if not ids:
        raise DomainError(_("Pick at least one finding the recommendation comes from."))
    sources = list(Finding.objects.filter(pk__in=ids, challenge=challenge, state=FindingState.SUBMITTED))
    if len(sources) != len(ids):
        raise DomainError(_("A source must be a submitted finding of this challenge."))
    return values, sources


def _consolidation_checks(actor, challenge: Challenge) -> Challenge:
    challenge = _locked_challenge(challenge)
    if actor is not None:
        _check_may(
            actor,
            "peer_review.consolidate_findings",
            challenge,
            _("Only the host's experts and the coordinators consolidate recommendations."),
        )
    _check_open(challenge.cycle)
    return challenge


@transaction.atomic
def create_recommendation(
    *,
    actor,
    challenge: Challenge,
    text: str,
    addressee: str,
    time_frame: str = "",
    priority: str = "medium",
    source_ids: Iterable[int] = (),
) -> Recommendation:
    """Merge submitted findings into a consolidated recommendation, placed last; the findings are kept as its
    sources. Side effects: audit entry."""
    challenge = _consolidation_checks(actor, challenge)
    values, sources = _clean_recommendation(
        challenge,
        text=text,
        addressee=addressee,
        time_frame=time_frame,
        priority=priority,
        source_ids=source_ids,
    )
    last = Recommendation.objects.filter(challenge=challenge).aggregate(last=Max("position"))["last"] or 0
    recommendation = Recommendation.objects.create(
        challenge=challenge, created_by=actor, position=last + 1, **values
    )
    recommendation.sources.set(sources)
    record(
        challenge,
        "peer_review.recommendation.create",
        user=actor,
        data={"recommendation": recommendation.pk, "sources": sorted(s.pk for s in sources)},
    )
    return recommendation


def _locked_recommendation(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


@transaction.atomic
def update_recommendation(
    *,
    actor,
    recommendation: Recommendation,
    text: str,
    addressee: str,
    time_frame: str = "",
    priority: str = "medium",
    source_ids: Iterable[int] = (),
    expected_version: int | None = None,
) -> Recommendation:
    """Change a recommendation's text, terms or sources, from the version the editor saw. Side effects:
    audit entry."""
    challenge = _consolidation_checks(actor, recommendation.challenge)
    recommendation = _locked_recommendation(recommendation)
    _check_version(recommendation, expected_version)
    values, sources = _clean_recommendation(
        challenge,
        text=text,
        addressee=addressee,
        time_frame=time_frame,
        priority=priority,
        source_ids=source_ids,
    )
    for name, value in values.items():
        setattr(recommendation, name, value)
    recommendation.version += 1
    recommendation.save()
    recommendation.sources.set(sources)
    record(
        challenge,
        "peer_review.recommendation.update",
        user=actor,
        data={
            "recommendation": recommendation.pk,
            "version": recommendation.version,
            "sources": sorted(s.pk for s in sources),
        },
    )
    return recommendation


@transaction.atomic
def move_recommendation(*, actor, recommendation: Recommendation, direction: str) -> Recommendation:
    """Move a recommendation one place up or down among its challenge's recommendations (numbered 1…n).
    Side effects: audit entry."""
    if direction not in ("up", "down"):
        raise DomainError(_("Move a recommendation up or down."))
    challenge = _consolidation_checks(actor, recommendation.challenge)
    ordered = list(
        Recommendation.objects.select_for_update().filter(challenge=challenge).order_by("position", "pk")
    )
    index = next((i for i, r in enumerate(ordered) if r.pk == recommendation.pk), None)
    if index is None:
        raise DomainError(_("This recommendation no longer exists."), code="stale")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        raise DomainError(
            _("This recommendation is already the first.")
            if direction == "up"
            else _("This recommendation is already the last.")
        )
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "updated_at"])
    moved = ordered[other]
    record(
        challenge,
        "peer_review.recommendation.move",
        user=actor,
        data={"recommendation": moved.pk, "position": moved.position},
    )
    return moved


@transaction.atomic
def delete_recommendation(
    *, actor, recommendation: Recommendation, expected_version: int | None = None
) -> None:
    """Delete a recommendation; its source findings are free again. Side effects: audit entry."""
    challenge = _consolidation_checks(actor, recommendation.challenge)
    recommendation = _locked_recommendation(recommendation)
    _check_version(recommendation, expected_version)
    data = {
        "recommendation": recommendation.pk,
        "text": recommendation.text[:200],
        "sources": sorted(recommendation.sources.values_list("pk", flat=True)),
    }
    recommendation.delete()
    remaining = Recommendation.objects.filter(challenge=challenge).order_by("position", "pk")
    for position, item in enumerate(remaining, start=1):
        if item.position != position:
            Recommendation.objects.filter(pk=item.pk).update(position=position)
    record(challenge, "peer_review.recommendation.delete", user=actor, data=data)


# --- reads for the pages and the API ----------------------------------------------------------------------


def recordable_challenges(user, cycle: Cycle) -> list[Challenge]:
    """The approved challenges of the cycle the user may record findings on, in their order."""
    if not user.is_authenticated:
        return []
    challenges = (
        cycle.challenges.filter(state=ChallengeState.APPROVED)
        .select_related("host__organisation", "cycle")
        .order_by("number", "pk")
    )
    return [c for c in challenges if user.has_perm("peer_review.record_finding", c)]


def readable_challenge_ids(user, cycle: Cycle) -> set[int]:
    """Ids of the challenges whose submitted findings (and recommendations) the user may read."""
    if not user.is_authenticated:
        return set()
    challenges = cycle.challenges.filter(state=ChallengeState.APPROVED).select_related("cycle")
    return {c.pk for c in challenges if user.has_perm("peer_review.view_findings", c)}


def visible_findings(user, cycle: Cycle):
    """The findings of a cycle the user may read: their own (drafts too) and the submitted ones of the
    challenges whose findings they may read."""
    if not user.is_authenticated:
        return Finding.objects.none()
    readable = readable_challenge_ids(user, cycle)
    return (
        Finding.objects.filter(challenge__cycle=cycle)
        .filter(Q(author=user) | Q(state=FindingState.SUBMITTED, challenge_id__in=readable))
        .select_related("author", "practice", "challenge")
        .annotate(kind_rank=_kind_rank())
        .order_by("challenge__number", "challenge_id", "kind_rank", "created_at", "pk")
    )


def visible_recommendations(user, cycle: Cycle):
    readable = readable_challenge_ids(user, cycle)
    return (
        Recommendation.objects.filter(challenge__cycle=cycle, challenge_id__in=readable)
        .select_related("challenge")
        .prefetch_related(_sources_prefetch())
        .order_by("challenge__number", "challenge_id", "position", "pk")
    )


@dataclass
class KindGroup:
    kind: str
    label: str
    findings: list = field(default_factory=list)


def group_by_kind(findings: Iterable[Finding]) -> list[KindGroup]:
    """The findings in one group per kind, in the kinds' order; empty kinds are left out."""
    groups = {kind: KindGroup(kind, label) for kind, label in FindingKind.choices}
    for finding in findings:
        groups[finding.kind].findings.append(finding)
    return [group for group in groups.values() if group.findings]


def my_findings(user, cycle: Cycle) -> list[Finding]:
    return list(
        Finding.objects.filter(author=user, challenge__cycle=cycle)
        .select_related("challenge", "practice")
        .annotate(kind_rank=_kind_rank(), used=Count("recommendations"))
        .order_by("challenge__number", "challenge_id", "kind_rank", "created_at", "pk")
    )


def counts_by_challenge(user, challenges: list[Challenge]) -> dict[int, dict[str, int]]:
    """Per challenge: the user's drafts and submitted findings, and all submitted findings."""
    ids = [c.pk for c in challenges]
    out = {pk: {"drafts": 0, "mine": 0, "submitted": 0} for pk in ids}
    rows = (
        Finding.objects.filter(challenge_id__in=ids)
        .values("challenge_id")
        .annotate(
            drafts=Count("pk", filter=Q(author=user, state=FindingState.DRAFT)),
            mine=Count("pk", filter=Q(author=user, state=FindingState.SUBMITTED)),
            submitted=Count("pk", filter=Q(state=FindingState.SUBMITTED)),
        )
    )
    for row in rows:
        out[row["challenge_id"]] = {k: row[k] for k in ("drafts", "mine", "submitted")}
    return out


def challenge_findings(user, challenge: Challenge) -> dict:
    """What a challenge's findings page shows the user: the submitted findings by kind (when the user may read
    them) with how many recommendations use each, and the user's own drafts."""
    submitted = []
    if user.has_perm("peer_review.view_findings", challenge):
        submitted = list(
            Finding.objects.filter(challenge=challenge, state=FindingState.SUBMITTED)
            .select_related("author", "practice")
            .annotate(kind_rank=_kind_rank(), used=Count("recommendations"))
            .order_by("kind_rank", "submitted_at", "pk")
        )
    drafts = list(
        Finding.objects.filter(challenge=challenge, state=FindingState.DRAFT, author=user)
        .select_related("practice")
        .order_by("created_at", "pk")
    )
    return {"groups": group_by_kind(submitted), "submitted": submitted, "drafts": drafts}


def consolidation(challenge: Challenge) -> dict:
    """The consolidation page: submitted findings by kind (each with the recommendations it feeds), the
    recommendations with their trace, and the recommendation findings no recommendation uses yet."""
    findings = submitted_findings([challenge.pk])[challenge.pk]
    recommendations = recommendations_of([challenge.pk])[challenge.pk]
    used_in: dict[int, list[int]] = defaultdict(list)
    for number, recommendation in enumerate(recommendations, start=1):
        recommendation.number = number
        for source in recommendation.sources.all():
            used_in[source.pk].append(number)
    for finding in findings:
        finding.used_in = used_in.get(finding.pk, [])
    unused = [f for f in findings if f.kind == FindingKind.RECOMMENDATION and not f.used_in]
    return {
        "groups": group_by_kind(findings),
        "findings": findings,
        "recommendations": recommendations,
        "unused": unused,
    }
