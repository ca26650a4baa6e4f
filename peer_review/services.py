"""Writes of the Assessment and Cooperation Forum. Each function checks, changes, logs and notifies.

Every phase change goes through `transition`; every refused change raises `DomainError` with a message for
the user. Forms that edit a versioned object send the version they were built from: a stale one is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowledge.uploads import validate_document
from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from . import events_bridge, optimiser, signals
from .enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    ConflictSource,
    CyclePhase,
    HostRole,
    MeetingKind,
    PairRuleKind,
    RunStatus,
)
from .models import (
    AgendaItem,
    AssignedPair,
    AssignmentRun,
    Attendance,
    Challenge,
    ChallengeAttachment,
    ChallengeComment,
    ChallengeVersion,
    Cycle,
    DeclaredConflict,
    Host,
    Meeting,
    ObserverApplication,
    PairRule,
    PhaseDate,
    Preference,
    Transition,
)
from .notifications import notify
from .publication import publish_report
from .rules import forget_roles
from .search import queue_cycle
from .selectors import blockers, conflicts, participants

OVERRIDE_REASON_MIN = 15


def _require(actor, perm: str, obj=None) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def _locked_cycle(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _users(ids: Iterable[int]):
    from zitnet.accounts.models import User

    return list(User.objects.filter(pk__in=set(ids), is_active=True))


# --- cycles and hosts -------------------------------------------------------------------------------------

SETTINGS_FIELDS = (
    "challenges_per_host",
    "observers_minimum",
    "observers_maximum",
    "observers_per_challenge_min",
    "observers_per_challenge_max",
    "challenges_per_observer",
    "max_per_organisation",
)


def _check_settings(values: dict) -> None:
    if values["observers_per_challenge_min"] > values["observers_per_challenge_max"]:
        raise DomainError(
            _("A challenge cannot need more observers (%(min)d) than it takes (%(max)d).")
            % {"min": values["observers_per_challenge_min"], "max": values["observers_per_challenge_max"]}
        )
    if values["observers_minimum"] > values["observers_maximum"]:
        raise DomainError(
            _("The minimum number of observers (%(min)d) is larger than the places for observers (%(max)d).")
            % {"min": values["observers_minimum"], "max": values["observers_maximum"]}
        )


@transaction.atomic
def create_cycle(*, actor, title: str, description: str = "", slug: str = "", **settings_values) -> Cycle:
    """Start a cycle in the draft phase. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle")
    title = title.strip()
    if not title:
        raise DomainError(_("Give the cycle a title."))
    slug = slugify(slug or title)[:100] or "cykl"
    base, n = slug, 2
    while Cycle.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    cycle = Cycle(title=title, slug=slug, description=description.strip(), created_by=actor)
    for name in SETTINGS_FIELDS:
        if name in settings_values and settings_values[name] is not None:
            setattr(cycle, name, settings_values[name])
    _check_settings({name: getattr(cycle, name) for name in SETTINGS_FIELDS})
    cycle.save()
    record(cycle, "peer_review.cycle.create", user=actor)
    return cycle


@transaction.atomic
def update_cycle(*, actor, cycle: Cycle, title: str, description: str, **settings_values) -> Cycle:
    """Change the title, description and settings. Settings that shape the assignment are frozen once an
    assignment is published. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", cycle)
    cycle = _locked_cycle(cycle)
    values = {name: settings_values.get(name, getattr(cycle, name)) for name in SETTINGS_FIELDS}
    _check_settings(values)
    changed = [name for name in SETTINGS_FIELDS if values[name] != getattr(cycle, name)]
    if changed and cycle.reached(CyclePhase.PREPARATION):
        raise DomainError(_("The settings cannot change after the assignment of observers was published."))
    if not title.strip():
        raise DomainError(_("Give the cycle a title."))
    cycle.title, cycle.description = title.strip(), description.strip()
    for name in SETTINGS_FIELDS:
        setattr(cycle, name, values[name])
    cycle.save()
    record(cycle, "peer_review.cycle.update", user=actor, data={"changed": changed})
    return cycle


@transaction.atomic
def set_phase_dates(*, actor, cycle: Cycle, dates: dict[str, tuple[date | None, date | None]]) -> None:
    """Plan the dates of the phases. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", cycle)
    for phase, (starts_on, ends_on) in dates.items():
        if phase not in CyclePhase.values:
            raise DomainError(_("Unknown phase."))
        if starts_on and ends_on and starts_on > ends_on:
            raise DomainError(_("%(phase)s ends before it starts.") % {"phase": CyclePhase(phase).label})
    for phase, (starts_on, ends_on) in dates.items():
        if starts_on is None and ends_on is None:
            PhaseDate.objects.filter(cycle=cycle, phase=phase).delete()
        else:
            PhaseDate.objects.update_or_create(
                cycle=cycle, phase=phase, defaults={"starts_on": starts_on, "ends_on": ends_on}
            )
    record(cycle, "peer_review.cycle.dates", user=actor)


@transaction.atomic
def add_host(*, actor, cycle: Cycle, organisation, role: str, coordinator=None, experts=()) -> Host:
    """Add an organisation under review. Only before observers are recruited. Side effects: audit entry,
    e-mail to the new host coordinator and experts."""
    _require(actor, "peer_review.manage_cycle", cycle)
    cycle = _locked_cycle(cycle)
    if cycle.reached(CyclePhase.RECRUITMENT):
        raise DomainError(_("Hosts can only be added before observer recruitment starts."))
    if role not in HostRole.values:
        raise DomainError(_("Unknown host role."))
    if cycle.hosts.filter(organisation=organisation).exists():
        raise DomainError(_("%(org)s is already a host of this cycle.") % {"org": organisation.display_name})
    if role == HostRole.LEADER and cycle.hosts.filter(role=HostRole.LEADER).exists():
        raise DomainError(_("The cycle already has a leader; add this host as a partner."))
    host = Host.objects.create(
        cycle=cycle,
        organisation=organisation,
        role=role,
        coordinator=coordinator,
        position=cycle.hosts.count() + 1,
    )
    host.experts.set(experts)
    record(cycle, "peer_review.host.add", user=actor, data={"organisation": organisation.pk, "role": role})
    _welcome_host_people(cycle, host, coordinator, list(experts))
    signals.participants_changed.send_robust(sender=Cycle, cycle=cycle)
    return host


@transaction.atomic
def update_host(*, actor, host: Host, coordinator=None, experts=()) -> Host:
    """Name the host coordinator and the experts. Side effects: audit entry, e-mail to people newly named."""
    _require(actor, "peer_review.manage_cycle", host.cycle)
    before_experts = set(host.experts.values_list("pk", flat=True))
    new_coordinator = coordinator if coordinator and coordinator.pk != host.coordinator_id else None
    host.coordinator = coordinator
    host.save(update_fields=["coordinator"])
    host.experts.set(experts)
    record(host.cycle, "peer_review.host.update", user=actor, data={"host": host.pk})
    _welcome_host_people(
        host.cycle, host, new_coordinator, [e for e in experts if e.pk not in before_experts]
    )
    signals.participants_changed.send_robust(sender=Cycle, cycle=host.cycle)
    return host


def _welcome_host_people(cycle, host, coordinator, experts) -> None:
    url = cycle.get_absolute_url()
    if coordinator is not None:
        notify(
            [coordinator],
            subject=gettext_lazy("You coordinate %(host)s in %(cycle)s"),
            message=gettext_lazy(
                "You are the host coordinator of %(host)s in the review cycle %(cycle)s. Your challenges and "
                "the experts' comments are on your page."
            ),
            params={"host": host, "cycle": cycle},
            url=url,
        )
    if experts:
        notify(
            experts,
            subject=gettext_lazy("You support %(host)s in %(cycle)s"),
            message=gettext_lazy(
                "You are an expert supporting %(host)s in the review cycle %(cycle)s. Its challenges will "
                "reach you for comments."
            ),
            params={"host": host, "cycle": cycle},
            url=url,
        )


@transaction.atomic
def remove_host(*, actor, host: Host) -> None:
    """Remove a host that has no challenges yet, before recruitment. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", host.cycle)
    cycle = _locked_cycle(host.cycle)
    if cycle.reached(CyclePhase.RECRUITMENT):
        raise DomainError(_("Hosts can only be removed before observer recruitment starts."))
    if host.challenges.exists():
        raise DomainError(_("%(host)s already has challenges; it cannot be removed.") % {"host": host})
    record(cycle, "peer_review.host.remove", user=actor, data={"organisation": host.organisation_id})
    host.delete()
    signals.participants_changed.send_robust(sender=Cycle, cycle=cycle)


# --- the one phase transition -----------------------------------------------------------------------------

PHASE_MESSAGES = {
    CyclePhase.IDENTIFICATION: gettext_lazy(
        "The review cycle %(cycle)s has started. Hosts now identify their challenges with the experts."
    ),
    CyclePhase.RECRUITMENT: gettext_lazy(
        "Observer recruitment for %(cycle)s is open. The approved challenges are on the call page."
    ),
    CyclePhase.ASSIGNMENT: gettext_lazy("Recruitment for %(cycle)s is closed; observers are being assigned."),
    CyclePhase.PREPARATION: gettext_lazy(
        "The assignment of observers in %(cycle)s is published. See your challenges and the preparatory meeting."
    ),
    CyclePhase.ONSITE: gettext_lazy(
        "The on-site meeting of %(cycle)s is next. The agenda is on the meeting page."
    ),
}


@transaction.atomic
def transition(
    *, actor, cycle: Cycle, to_phase: str, expected_phase: str | None = None, override_reason: str = ""
) -> Transition:
    """Move the cycle to the next phase.

    Refuses any move but to the immediately following phase, a form built for another phase (someone moved
    the cycle meanwhile), and a move whose guards are not met, unless a coordinator gives a written reason
    (at least 15 characters) to override them. Side effects: Transition row (with the unmet guards and the
    reason), audit entry, `signals.phase_changed`, e-mail to the cycle's people.
    """
    _require(actor, "peer_review.manage_cycle", cycle)
    given, cycle = cycle, _locked_cycle(cycle)
    if to_phase not in CyclePhase.values:
        raise DomainError(_("Unknown phase."))
    if expected_phase is not None and expected_phase != cycle.phase:
        raise DomainError(
            _("The cycle moved to “%(phase)s” while you were looking at it. Check the board again.")
            % {"phase": cycle.get_phase_display()},
            code="stale",
        )
    following = CyclePhase.following(cycle.phase)
    if to_phase != following:
        if following is None:
            raise DomainError(_("The cycle is closed; it has no next phase."), code="order")
        raise DomainError(
            _("The cycle is in “%(current)s”; it can only move on to “%(next)s”.")
            % {"current": cycle.get_phase_display(), "next": CyclePhase(following).label},
            code="order",
        )
    unmet = blockers(cycle, to_phase)
    override_reason = (override_reason or "").strip()
    if unmet and not override_reason:
        raise DomainError(
            _("The cycle cannot move on yet: %(missing)s") % {"missing": " ".join(unmet)}, code="guard"
        )
    if unmet and len(override_reason) < OVERRIDE_REASON_MIN:
        raise DomainError(
            _("To move on despite what is missing, explain why in at least %(n)d characters.")
            % {"n": OVERRIDE_REASON_MIN},
            code="guard",
        )
    if to_phase == CyclePhase.PUBLISHED:
        # The report page is written in the same transaction: if it cannot be, the cycle stays where it was.
        publish_report(cycle=cycle, actor=actor)
    previous = cycle.phase
    cycle.phase = to_phase
    cycle.phase_changed_at = timezone.now()
    cycle.save(update_fields=["phase", "phase_changed_at", "updated_at"])
    given.phase, given.phase_changed_at = cycle.phase, cycle.phase_changed_at
    entry = Transition.objects.create(
        cycle=cycle,
        from_phase=previous,
        to_phase=to_phase,
        actor=actor,
        unmet=unmet,
        override_reason=override_reason if unmet else "",
    )
    record(
        cycle,
        "peer_review.cycle.override" if unmet else "peer_review.cycle.transition",
        user=actor,
        data={"from": previous, "to": to_phase, "unmet": unmet, "reason": entry.override_reason},
    )
    signals.phase_changed.send_robust(sender=Cycle, cycle=cycle, previous=previous, actor=actor)
    queue_cycle(cycle)
    people = participants(cycle)
    message = PHASE_MESSAGES.get(
        to_phase, gettext_lazy("The review cycle %(cycle)s is now in the phase “%(phase)s”.")
    )
    notify(
        _users(people),
        subject=gettext_lazy("%(cycle)s: %(phase)s"),
        message=message,
        params={"cycle": cycle, "phase": CyclePhase(to_phase).label},
        url=cycle.get_absolute_url(),
    )
    return entry


# --- challenges -------------------------------------------------------------------------------------------

EDITABLE_STATES = {ChallengeState.DRAFT, ChallengeState.RETURNED}


def _check_challenge_phase(cycle: Cycle) -> None:
    if cycle.phase not in {CyclePhase.DRAFT, CyclePhase.IDENTIFICATION}:
        raise DomainError(
            _("Challenges can only change while the cycle is identifying them (now: “%(phase)s”).")
            % {"phase": cycle.get_phase_display()}
        )


def _check_version(obj, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != obj.version:
        raise DomainError(
            _("Someone changed this while you were editing it (version %(theirs)d, yours %(yours)d). "
              "Reload the page, then make your change again.")
            % {"theirs": obj.version, "yours": int(expected_version)},
            code="stale",
        )  # fmt: skip


def _clean_links(text: str) -> str:
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for line in lines:
        try:
            validate(line)
        except ValidationError as exc:
            raise DomainError(
                _("“%(link)s” is not a web address (http or https).") % {"link": line[:100]}
            ) from exc
    return "\n".join(lines)


@transaction.atomic
def save_challenge(
    *,
    actor,
    host: Host,
    challenge: Challenge | None = None,
    title: str,
    guiding_question: str,
    context: str = "",
    strategy_links: str = "",
    themes=(),
    expected_version: int | None = None,
) -> Challenge:
    """Create or revise a host's challenge. Only drafts and returned challenges change, only during
    identification; a returned challenge stays returned until the host submits it again.
    Side effects: audit entry."""
    cycle = _locked_cycle(host.cycle)
    if challenge is None:
        _require(actor, "peer_review.add_challenge", host)
    else:
        _require(actor, "peer_review.edit_challenge", challenge)
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if challenge.host_id != host.pk:
            raise DomainError(_("This challenge belongs to another host."))
        if challenge.state not in EDITABLE_STATES:
            raise DomainError(
                _("This challenge is “%(state)s” and cannot be edited. %(hint)s")
                % {
                    "state": challenge.get_state_display(),
                    "hint": _("Ask the network coordinator to reopen it.")
                    if challenge.state == ChallengeState.APPROVED
                    else _("Wait for the experts' answer."),
                }
            )
        _check_version(challenge, expected_version)
    _check_challenge_phase(cycle)
    title, guiding_question = title.strip(), guiding_question.strip()
    if not title or not guiding_question:
        raise DomainError(_("A challenge needs a title and a guiding question."))
    links = _clean_links(strategy_links)
    if challenge is None:
        if host.challenges.count() >= max(cycle.challenges_per_host * 2, cycle.challenges_per_host + 3):
            raise DomainError(_("This host already has as many challenges as a cycle allows."))
        challenge = Challenge(cycle=cycle, host=host, created_by=actor, number=0)
    else:
        challenge.version += 1
    challenge.title, challenge.guiding_question = title, guiding_question
    challenge.context, challenge.strategy_links = context.strip(), links
    challenge.save()
    if not challenge.number:
        challenge.number = _next_number(cycle)
        challenge.save(update_fields=["number"])
    challenge.themes.set(themes)
    record(challenge, "peer_review.challenge.save", user=actor, data={"version": challenge.version})
    return challenge


def _next_number(cycle: Cycle) -> int:
    return (
        cycle.challenges.exclude(number=0).order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1


def _snapshot(challenge: Challenge, actor) -> ChallengeVersion:
    version, _created = ChallengeVersion.objects.update_or_create(
        challenge=challenge,
        number=challenge.version,
        defaults={
            "title": challenge.title,
            "guiding_question": challenge.guiding_question,
            "context": challenge.context,
            "strategy_links": challenge.strategy_links,
            "themes": sorted(challenge.themes.values_list("code", flat=True)),
            "created_by": actor,
        },
    )
    return version


def _challenge_people(challenge: Challenge, *, experts: bool = True, host: bool = True) -> list:
    ids = set()
    if host and challenge.host.coordinator_id:
        ids.add(challenge.host.coordinator_id)
    if experts:
        ids |= set(challenge.host.experts.values_list("pk", flat=True))
    return _users(ids)


@transaction.atomic
def submit_challenge(
    *, actor, challenge: Challenge, expected_version: int | None = None, note: str = ""
) -> Challenge:
    """Send a draft or revised challenge to the experts. Side effects: a kept version, a thread entry, audit
    entry, e-mail to the host's experts."""
    _require(actor, "peer_review.edit_challenge", challenge)
    _check_challenge_phase(_locked_cycle(challenge.cycle))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _check_version(challenge, expected_version)
    if challenge.state not in EDITABLE_STATES:
        raise DomainError(_("Only a draft or a returned challenge can be submitted."))
    challenge.state = ChallengeState.SUBMITTED
    challenge.save(update_fields=["state", "updated_at"])
    _snapshot(challenge, actor)
    ChallengeComment.objects.create(
        challenge=challenge, author=actor, kind=ChallengeComment.Kind.SUBMISSION, body=note.strip()[:10000],
        version_number=challenge.version,
    )  # fmt: skip
    record(challenge, "peer_review.challenge.submit", user=actor, data={"version": challenge.version})
    notify(
        _challenge_people(challenge, host=False),
        subject=gettext_lazy("Challenge to comment: %(challenge)s"),
        message=gettext_lazy("%(host)s submitted the challenge “%(challenge)s” for your comments."),
        params={"host": challenge.host, "challenge": challenge.title},
        url=challenge.get_absolute_url(),
    )
    return challenge


@transaction.atomic
def return_challenge(
    *, actor, challenge: Challenge, comment: str, expected_version: int | None = None
) -> Challenge:
    """An expert returns a submitted challenge with comments. Side effects: thread entry, audit entry,
    e-mail to the host coordinator."""
    _require(actor, "peer_review.review_challenge", challenge)
    _check_challenge_phase(_locked_cycle(challenge.cycle))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _check_version(challenge, expected_version)
    if challenge.state != ChallengeState.SUBMITTED:
        raise DomainError(_("Only a submitted challenge can be returned."))
    if len(comment.strip()) < 5:
        raise DomainError(_("Say what should change: a returned challenge needs a comment."))
    challenge.state = ChallengeState.RETURNED
    challenge.save(update_fields=["state", "updated_at"])
    ChallengeComment.objects.create(
        challenge=challenge, author=actor, kind=ChallengeComment.Kind.RETURN, body=comment.strip(),
        version_number=challenge.version,
    )  # fmt: skip
    record(challenge, "peer_review.challenge.return", user=actor, data={"version": challenge.version})
    notify(
        _challenge_people(challenge, experts=False),
        subject=gettext_lazy("Comments on your challenge: %(challenge)s"),
        message=gettext_lazy(
            "An expert returned “%(challenge)s” with comments. Revise it and submit it again."
        ),
        params={"challenge": challenge.title},
        url=challenge.get_absolute_url(),
    )
    return challenge


@transaction.atomic
def approve_challenge(
    *, actor, challenge: Challenge, comment: str = "", expected_version: int | None = None
) -> Challenge:
    """An expert (or a coordinator) approves a submitted challenge; it is frozen from then on.
    Side effects: thread entry, audit entry, e-mail to the host coordinator."""
    _require(actor, "peer_review.review_challenge", challenge)
    _check_challenge_phase(_locked_cycle(challenge.cycle))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _check_version(challenge, expected_version)
    if challenge.state != ChallengeState.SUBMITTED:
        raise DomainError(_("Only a submitted challenge can be approved."))
    challenge.state = ChallengeState.APPROVED
    challenge.approved_at, challenge.approved_by = timezone.now(), actor
    challenge.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    ChallengeComment.objects.create(
        challenge=challenge, author=actor, kind=ChallengeComment.Kind.APPROVAL, body=comment.strip(),
        version_number=challenge.version,
    )  # fmt: skip
    record(challenge, "peer_review.challenge.approve", user=actor, data={"version": challenge.version})
    queue_cycle(challenge.cycle)
    notify(
        _challenge_people(challenge, experts=False),
        subject=gettext_lazy("Challenge approved: %(challenge)s"),
        message=gettext_lazy("The experts approved your challenge “%(challenge)s”."),
        params={"challenge": challenge.title},
        url=challenge.get_absolute_url(),
    )
    return challenge


@transaction.atomic
def reopen_challenge(*, actor, challenge: Challenge, reason: str) -> Challenge:
    """A coordinator reopens an approved challenge during identification (it returns to the host).
    Side effects: thread entry, audit entry, e-mail to the host coordinator."""
    _require(actor, "peer_review.manage_cycle", challenge.cycle)
    _check_challenge_phase(_locked_cycle(challenge.cycle))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.state != ChallengeState.APPROVED:
        raise DomainError(_("Only an approved challenge can be reopened."))
    if len(reason.strip()) < 5:
        raise DomainError(_("Say why the challenge is reopened."))
    challenge.state = ChallengeState.RETURNED
    challenge.save(update_fields=["state", "updated_at"])
    ChallengeComment.objects.create(
        challenge=challenge, author=actor, kind=ChallengeComment.Kind.RETURN, body=reason.strip(),
        version_number=challenge.version,
    )  # fmt: skip
    record(challenge, "peer_review.challenge.reopen", user=actor)
    queue_cycle(challenge.cycle)
    notify(
        _challenge_people(challenge, experts=False),
        subject=gettext_lazy("Challenge reopened: %(challenge)s"),
        message=gettext_lazy(
            "The network coordinator reopened “%(challenge)s”. See the comment and revise it."
        ),
        params={"challenge": challenge.title},
        url=challenge.get_absolute_url(),
    )
    return challenge


@transaction.atomic
def comment_on_challenge(*, actor, challenge: Challenge, body: str) -> ChallengeComment:
    """Add to the thread between the host team and the experts. Side effects: e-mail to the others."""
    _require(actor, "peer_review.comment_challenge", challenge)
    body = body.strip()
    if not body:
        raise DomainError(_("The comment is empty."))
    if len(body) > 10000:
        raise DomainError(_("The comment is too long (at most 10,000 characters)."))
    comment = ChallengeComment.objects.create(
        challenge=challenge, author=actor, body=body, version_number=challenge.version
    )
    others = [u for u in _challenge_people(challenge) if u.pk != actor.pk]
    notify(
        others,
        subject=gettext_lazy("New comment on %(challenge)s"),
        message=gettext_lazy("%(author)s commented on the challenge “%(challenge)s”."),
        params={"author": actor.display_name, "challenge": challenge.title},
        url=challenge.get_absolute_url(),
    )
    return comment


@transaction.atomic
def add_attachment(*, actor, challenge: Challenge, title: str, file) -> ChallengeAttachment:
    """Attach a document (checked by content and size) to a challenge that can still change."""
    _require(actor, "peer_review.edit_challenge", challenge)
    _check_challenge_phase(challenge.cycle)
    if challenge.state not in EDITABLE_STATES:
        raise DomainError(_("Documents can only be attached to a draft or a returned challenge."))
    try:
        validate_document(file)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge, title=(title.strip() or file.name)[:200], file=file, uploaded_by=actor
    )
    record(challenge, "peer_review.challenge.attach", user=actor, data={"attachment": attachment.pk})
    return attachment


# --- observer applications --------------------------------------------------------------------------------


def _check_preferences(cycle: Cycle, organisation, preference_ids: list[int], declared_host_ids: set[int]):
    from .selectors import _association_ids

    if len(set(preference_ids)) != len(preference_ids):
        raise DomainError(_("Each challenge can appear only once among your preferences."))
    challenges = {
        c.pk: c
        for c in cycle.challenges.filter(pk__in=preference_ids, state=ChallengeState.APPROVED).select_related(
            "host__organisation"
        )
    }
    unknown = [pk for pk in preference_ids if pk not in challenges]
    if unknown:
        raise DomainError(
            _("Your preferences name a challenge that is not open for observers in this cycle.")
        )
    own_associations = _association_ids(organisation)
    for pk in preference_ids:
        challenge = challenges[pk]
        host_org = challenge.host.organisation
        related = (
            host_org.pk == organisation.pk
            or host_org.pk in own_associations
            or bool(own_associations & (_association_ids(host_org) | {host_org.pk}))
        )
        if related or challenge.host_id in declared_host_ids:
            raise DomainError(
                _("You cannot observe “%(challenge)s”: you have a conflict of interest with %(host)s. "
                  "Remove it from your preferences.")
                % {"challenge": challenge.title, "host": challenge.host}
            )  # fmt: skip
    return [challenges[pk] for pk in preference_ids]


def _write_application_parts(application, preferences, expertise, declared, areas=()):
    application.preferences.all().delete()
    Preference.objects.bulk_create(
        [Preference(application=application, challenge=c, rank=i) for i, c in enumerate(preferences, 1)]
    )
    application.expertise.set([tag.strip()[:100] for tag in expertise if tag.strip()][:20])
    application.expertise_areas.set(areas)
    application.conflicts.filter(source=ConflictSource.DECLARED).delete()
    for host, reason in declared:
        DeclaredConflict.objects.update_or_create(
            application=application,
            host=host,
            defaults={
                "source": ConflictSource.DECLARED,
                "reason": reason.strip()[:500] or _("Declared by the observer."),
            },
        )


def _application_checks(cycle, user, organisation, motivation, availability, preference_ids, declared):
    from zitnet.accounts.enums import MembershipStatus

    if cycle.phase != CyclePhase.RECRUITMENT:
        raise DomainError(
            _("Applications are accepted only while observers are being recruited."), code="closed"
        )
    if not user.memberships.filter(organisation=organisation, status=MembershipStatus.ACTIVE).exists():
        raise DomainError(_("You can apply only on behalf of an organisation you are a member of."))
    if len(motivation.strip()) < 20:
        raise DomainError(_("Tell us in a few sentences why you want to observe (at least 20 characters)."))
    from .enums import Availability

    if availability not in Availability.values:
        raise DomainError(_("Choose your availability."))
    hosts = {h.pk: h for h in cycle.hosts.all()}
    for host, _reason in declared:
        if host.pk not in hosts:
            raise DomainError(_("A declared conflict names a host that is not in this cycle."))
    if not preference_ids:
        raise DomainError(_("Rank at least one challenge you would like to observe."))
    return _check_preferences(cycle, organisation, list(preference_ids), {h.pk for h, _r in declared})


@transaction.atomic
def apply_as_observer(
    *, user, cycle: Cycle, organisation, motivation: str, availability: str, preferences: list[int],
    expertise: list[str] = (), expertise_areas=(), declared_conflicts: list[tuple[Host, str]] = (),
) -> ObserverApplication:  # fmt: skip
    """Apply to observe a cycle during recruitment. One application per person and cycle; preferences only
    among approved challenges without a conflict of interest. Side effects: audit entry, e-mail to the
    applicant (receipt)."""
    _require(user, "peer_review.apply", cycle)
    cycle = _locked_cycle(cycle)
    if cycle.applications.filter(user=user).exists():
        raise DomainError(
            _("You have already applied to this cycle; you can change your application."), code="duplicate"
        )
    chosen = _application_checks(
        cycle, user, organisation, motivation, availability, preferences, declared_conflicts
    )
    try:
        with transaction.atomic():
            application = ObserverApplication.objects.create(
                cycle=cycle,
                user=user,
                organisation=organisation,
                motivation=motivation.strip(),
                availability=availability,
            )
    except IntegrityError as exc:
        raise DomainError(
            _("You have already applied to this cycle; you can change your application."), code="duplicate"
        ) from exc
    _write_application_parts(application, chosen, expertise, declared_conflicts, expertise_areas)
    record(application, "peer_review.application.submit", user=user)
    forget_roles(user)
    notify(
        [user],
        subject=gettext_lazy("Your application to observe %(cycle)s"),
        message=gettext_lazy("We have your application to observe %(cycle)s. The coordinators will let you know their decision."),
        params={"cycle": cycle},
        url=cycle.get_absolute_url(),
    )  # fmt: skip
    return application


@transaction.atomic
def update_application(
    *, user, application: ObserverApplication, organisation, motivation: str, availability: str,
    preferences: list[int], expertise: list[str] = (), expertise_areas=(),
    declared_conflicts: list[tuple[Host, str]] = (), expected_version: int | None = None,
) -> ObserverApplication:  # fmt: skip
    """Change one's application while recruitment is open. Side effects: audit entry."""
    _require(user, "peer_review.change_application", application)
    cycle = _locked_cycle(application.cycle)
    application = ObserverApplication.objects.select_for_update().get(pk=application.pk)
    _check_version(application, expected_version)
    if application.status in {ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED}:
        raise DomainError(_("This application is closed and cannot be changed."))
    chosen = _application_checks(
        cycle, user, organisation, motivation, availability, preferences, declared_conflicts
    )
    application.organisation, application.motivation = organisation, motivation.strip()
    application.availability = availability
    application.version += 1
    application.save()
    _write_application_parts(application, chosen, expertise, declared_conflicts, expertise_areas)
    record(application, "peer_review.application.update", user=user)
    return application


@transaction.atomic
def withdraw_application(*, user, application: ObserverApplication) -> ObserverApplication:
    """Withdraw before the assignment is published; an accepted place goes to the first on the waiting list.
    Side effects: audit entry, e-mail to the person promoted."""
    _require(user, "peer_review.change_application", application)
    cycle = _locked_cycle(application.cycle)
    # The status decides whether a place frees up: read it under the lock, not from the caller's copy.
    application = ObserverApplication.objects.select_for_update().get(pk=application.pk)
    if cycle.reached(CyclePhase.PREPARATION):
        raise DomainError(
            _("After the assignment is published, tell the coordinator instead of withdrawing.")
        )
    if application.status == ApplicationStatus.WITHDRAWN:
        raise DomainError(_("This application is already withdrawn."))
    was_accepted = application.status == ApplicationStatus.ACCEPTED
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    record(application, "peer_review.application.withdraw", user=user)
    forget_roles(user)
    if was_accepted:
        _promote_from_waiting_list(cycle)
        signals.participants_changed.send_robust(sender=Cycle, cycle=cycle)
    return application


def _promote_from_waiting_list(cycle: Cycle) -> ObserverApplication | None:
    from .selectors import priority_order

    waiting = [r for r in priority_order(cycle) if r.application.status == ApplicationStatus.WAITLISTED]
    if not waiting:
        return None
    application = waiting[0].application
    _set_status(application, ApplicationStatus.ACCEPTED, actor=None, note=_("A place became free."))
    return application


DECISION_MESSAGES = {
    ApplicationStatus.ACCEPTED: gettext_lazy("You are an observer in %(cycle)s. Your challenges follow with the assignment."),
    ApplicationStatus.WAITLISTED: gettext_lazy("You are on the waiting list of %(cycle)s. We will write if a place becomes free."),
    ApplicationStatus.REJECTED: gettext_lazy("We could not offer you a place as an observer in %(cycle)s this time."),
}  # fmt: skip


def _set_status(application, status, *, actor, note: str = "") -> None:
    application.status = status
    application.decided_by, application.decided_at = actor, timezone.now()
    application.decision_note = note[:500]
    application.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    record(
        application, "peer_review.application.decide", user=actor, data={"status": status, "note": note[:500]}
    )
    forget_roles(application.user)
    notify(
        [application.user],
        subject=gettext_lazy("Your application to %(cycle)s"),
        message=DECISION_MESSAGES[status],
        params={"cycle": application.cycle},
        url=application.cycle.get_absolute_url(),
    )


@transaction.atomic
def decide_application(
    *, actor, application: ObserverApplication, status: str, note: str = ""
) -> ObserverApplication:
    """Accept, wait-list or decline an application during recruitment or assignment. Accepting respects the
    places for observers. Side effects: audit entry, e-mail to the applicant."""
    _require(actor, "peer_review.decide_application", application)
    cycle = _locked_cycle(application.cycle)
    if cycle.phase not in {CyclePhase.RECRUITMENT, CyclePhase.ASSIGNMENT}:
        raise DomainError(_("Applications are decided during recruitment and assignment only."))
    if status not in DECISION_MESSAGES:
        raise DomainError(_("Unknown decision."))
    application = ObserverApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise DomainError(_("The applicant has withdrawn this application."))
    if application.status == status:
        return application
    if status == ApplicationStatus.ACCEPTED:
        accepted = cycle.applications.filter(status=ApplicationStatus.ACCEPTED).count()
        if accepted >= cycle.observers_maximum:
            raise DomainError(
                _("All %(n)d places for observers are taken. Put the application on the waiting list or "
                  "raise the number of places.") % {"n": cycle.observers_maximum}
            )  # fmt: skip
    was_accepted = application.status == ApplicationStatus.ACCEPTED
    _set_status(application, status, actor=actor, note=note.strip())
    if was_accepted or status == ApplicationStatus.ACCEPTED:
        signals.participants_changed.send_robust(sender=Cycle, cycle=cycle)
    return application


@transaction.atomic
def accept_by_priority(*, actor, cycle: Cycle) -> dict[str, int]:
    """Fill the free places with undecided applications in priority order; the rest go to the waiting list.
    Side effects: as decide_application for each one."""
    from .selectors import priority_order

    _require(actor, "peer_review.manage_cycle", cycle)
    cycle = _locked_cycle(cycle)
    if cycle.phase not in {CyclePhase.RECRUITMENT, CyclePhase.ASSIGNMENT}:
        raise DomainError(_("Applications are decided during recruitment and assignment only."))
    free = cycle.observers_maximum - cycle.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    counts = {"accepted": 0, "waitlisted": 0}
    for ranked in priority_order(cycle):
        application = ranked.application
        if free > 0:
            _set_status(application, ApplicationStatus.ACCEPTED, actor=actor, note="; ".join(ranked.reasons))
            free -= 1
            counts["accepted"] += 1
        elif application.status == ApplicationStatus.SUBMITTED:
            _set_status(application, ApplicationStatus.WAITLISTED, actor=actor)
            counts["waitlisted"] += 1
    if counts["accepted"]:
        signals.participants_changed.send_robust(sender=Cycle, cycle=cycle)
    return counts


@transaction.atomic
def add_conflict(*, actor, application: ObserverApplication, host: Host, reason: str) -> DeclaredConflict:
    """A coordinator records a conflict of interest the directory does not show. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", application.cycle)
    if host.cycle_id != application.cycle_id:
        raise DomainError(_("This host is not in the applicant's cycle."))
    if len(reason.strip()) < 5:
        raise DomainError(_("Give the reason for the conflict of interest."))
    conflict, _created = DeclaredConflict.objects.update_or_create(
        application=application,
        host=host,
        defaults={"source": ConflictSource.COORDINATOR, "reason": reason.strip()[:500], "created_by": actor},
    )
    record(
        application,
        "peer_review.conflict.add",
        user=actor,
        data={"host": host.pk, "reason": reason.strip()[:500]},
    )
    return conflict


# --- assignment -------------------------------------------------------------------------------------------


@transaction.atomic
def set_pair_rule(
    *,
    actor,
    cycle: Cycle,
    application: ObserverApplication,
    challenge: Challenge,
    kind: str,
    reason: str = "",
) -> PairRule | None:
    """Pin or forbid an observer–challenge pair for the next runs; kind "" removes the rule.
    Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", cycle)
    cycle = _locked_cycle(cycle)
    if cycle.phase != CyclePhase.ASSIGNMENT:
        raise DomainError(_("Pairs can be pinned or forbidden only during the assignment phase."))
    if application.cycle_id != cycle.pk or challenge.cycle_id != cycle.pk:
        raise DomainError(_("The observer or the challenge is not in this cycle."))
    if application.status != ApplicationStatus.ACCEPTED:
        raise DomainError(_("Only accepted observers can be pinned or forbidden."))
    if challenge.state != ChallengeState.APPROVED:
        raise DomainError(_("Only approved challenges take observers."))
    if not kind:
        PairRule.objects.filter(application=application, challenge=challenge).delete()
        record(
            cycle,
            "peer_review.assignment.rule",
            user=actor,
            data={"application": application.pk, "challenge": challenge.pk, "kind": ""},
        )
        return None
    if kind not in PairRuleKind.values:
        raise DomainError(_("Unknown rule."))
    if kind == PairRuleKind.PIN:
        conflicted = {
            (c.application_id, c.host_id)
            for c in conflicts(cycle, cycle.applications.filter(pk=application.pk))
        }
        if (application.pk, challenge.host_id) in conflicted:
            raise DomainError(
                _(
                    "%(person)s has a conflict of interest with %(host)s and cannot be pinned to its challenge."
                )
                % {"person": application.user.display_name, "host": challenge.host}
            )
    rule, _created = PairRule.objects.update_or_create(
        application=application,
        challenge=challenge,
        defaults={"cycle": cycle, "kind": kind, "reason": reason.strip()[:500], "created_by": actor},
    )
    record(
        cycle,
        "peer_review.assignment.rule",
        user=actor,
        data={"application": application.pk, "challenge": challenge.pk, "kind": kind},
    )
    return rule


def build_problem(cycle: Cycle) -> tuple[optimiser.Problem, dict]:
    """The optimiser's problem for the cycle's accepted observers and approved challenges, and the inputs as
    stored with a run (ids as strings, names for reading)."""
    applications = list(
        cycle.applications.filter(status=ApplicationStatus.ACCEPTED)
        .select_related("user", "organisation")
        .prefetch_related("preferences", "expertise_areas")
        .order_by("pk")
    )
    challenges = list(
        cycle.challenges.filter(state=ChallengeState.APPROVED)
        .select_related("host__organisation")
        .prefetch_related("themes")
    )
    observers = []
    for a in applications:
        observers.append(
            optimiser.Observer(
                id=str(a.pk),
                name=a.user.display_name,
                organisation=a.organisation.display_name,
                voivodeship=a.organisation.voivodeship,
                preferences=tuple(
                    str(p.challenge_id) for p in sorted(a.preferences.all(), key=lambda p: p.rank)
                ),
                expertise=frozenset(t.code for t in a.expertise_areas.all()),
            )
        )
    opt_challenges = [
        optimiser.Challenge(
            id=str(c.pk),
            title=str(c),
            themes=frozenset(t.code for t in c.themes.all()),
            min_observers=cycle.observers_per_challenge_min,
            max_observers=cycle.observers_per_challenge_max,
        )
        for c in challenges
    ]
    by_host: dict[int, list[str]] = {}
    for c in challenges:
        by_host.setdefault(c.host_id, []).append(str(c.pk))
    conflict_pairs = set()
    conflict_rows = []
    for conflict in conflicts(cycle, cycle.applications.filter(status=ApplicationStatus.ACCEPTED)):
        for challenge_id in by_host.get(conflict.host_id, []):
            conflict_pairs.add((str(conflict.application_id), challenge_id))
        conflict_rows.append([conflict.application_id, conflict.host_id, conflict.source, conflict.reason])
    rules_ = list(cycle.pair_rules.filter(application__status=ApplicationStatus.ACCEPTED))
    pinned = {(str(r.application_id), str(r.challenge_id)) for r in rules_ if r.kind == PairRuleKind.PIN}
    forbidden = {
        (str(r.application_id), str(r.challenge_id)) for r in rules_ if r.kind == PairRuleKind.FORBID
    }
    problem = optimiser.Problem(
        observers=observers,
        challenges=opt_challenges,
        per_observer=cycle.challenges_per_observer,
        max_per_organisation=cycle.max_per_organisation,
        conflicts=conflict_pairs,
        forbidden=forbidden,
        pinned=pinned,
    )
    inputs = {
        "settings": {name: getattr(cycle, name) for name in SETTINGS_FIELDS},
        "observers": [
            {"id": o.id, "name": o.name, "organisation": o.organisation, "voivodeship": o.voivodeship,
             "preferences": list(o.preferences), "themes": sorted(o.expertise)}
            for o in observers
        ],
        "challenges": [{"id": c.id, "title": c.title, "themes": sorted(c.themes)} for c in opt_challenges],
        "conflicts": conflict_rows,
        "pinned": sorted(pinned),
        "forbidden": sorted(forbidden),
    }  # fmt: skip
    return problem, inputs


REASON_MESSAGES = {
    "pinned_unknown": gettext_lazy("A pinned pair names an observer or a challenge that is no longer in the cycle."),
    "pinned_conflict": gettext_lazy("%(observer)s is pinned to %(challenge)s but may not review it."),
    "quota_order": gettext_lazy("%(challenge)s needs at least %(min)s observers but takes at most %(max)s."),
    "observer_short": gettext_lazy("%(observer)s may review only %(eligible)s challenges but must review %(needed)s."),
    "observer_pinned": gettext_lazy("%(observer)s is pinned to %(pinned)s challenges but reviews only %(per_observer)s."),
    "challenge_short": gettext_lazy("%(challenge)s has %(eligible)s eligible observers but needs %(needed)s."),
    "challenge_organisations": gettext_lazy(
        "%(challenge)s can take only %(reachable)s observers with at most %(per_organisation)s from one "
        "organisation, but needs %(needed)s."
    ),
    "challenge_pinned": gettext_lazy("%(challenge)s has %(pinned)s pinned observers but takes at most %(max)s."),
    "organisation_crowded": gettext_lazy(
        "%(organisation)s has %(observers)s observers who must give %(reviews)s reviews, but with at most "
        "%(per_organisation)s of them per challenge they can give only %(capacity)s."
    ),
    "too_few_reviews": gettext_lazy("%(observers)s observers give %(reviews)s reviews, but the challenges need at least %(needed)s."),
    "too_many_reviews": gettext_lazy("%(observers)s observers give %(reviews)s reviews, but the challenges take at most %(room)s."),
    "combination": gettext_lazy(
        "No assignment meets every quota at once: the quotas, conflicts and organisation limits exclude each "
        "other in combination."
    ),
}  # fmt: skip


def reason_text(reason: dict) -> str:
    """A stored infeasibility reason in the reader's language."""
    template = REASON_MESSAGES.get(reason.get("code"))
    if template is None:
        return reason.get("message", "")
    try:
        return str(template) % reason.get("params", {})
    except (KeyError, TypeError, ValueError):
        return reason.get("message", "")


@transaction.atomic
def run_assignment(*, actor, cycle: Cycle) -> AssignmentRun:
    """Run the optimiser on the cycle's current data and store the run (solved or infeasible) with its
    inputs, score and difference to the previous solved run. Side effects: audit entry."""
    _require(actor, "peer_review.manage_cycle", cycle)
    cycle = _locked_cycle(cycle)
    if cycle.phase != CyclePhase.ASSIGNMENT:
        raise DomainError(_("Observers can be assigned only in the assignment phase."))
    problem, inputs = build_problem(cycle)
    if not problem.observers or not problem.challenges:
        raise DomainError(_("There are no accepted observers or no approved challenges to assign."))
    number = (cycle.runs.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    previous = cycle.runs.filter(status=RunStatus.SOLVED).order_by("-number").first()
    try:
        result = optimiser.solve(problem)
    except optimiser.Infeasible as exc:
        run = AssignmentRun.objects.create(
            cycle=cycle,
            number=number,
            status=RunStatus.INFEASIBLE,
            inputs=inputs,
            reasons=[{"code": r.code, "message": r.message, "params": r.params} for r in exc.reasons],
            created_by=actor,
        )
        record(cycle, "peer_review.assignment.run", user=actor, data={"run": number, "status": run.status})
        return run
    run = AssignmentRun.objects.create(
        cycle=cycle,
        number=number,
        status=RunStatus.SOLVED,
        inputs=inputs,
        score=result.score,
        fit=result.fit,
        spread_cost=result.spread_cost,
        method=result.method,
        seconds=result.seconds,
        proven_optimal=result.proven_optimal,
        created_by=actor,
    )
    AssignedPair.objects.bulk_create(
        [
            AssignedPair(
                run=run,
                application_id=int(p.observer),
                challenge_id=int(p.challenge),
                rank=p.rank,
                shared_themes=list(p.shared_themes),
                points=p.points,
                pinned=p.pinned,
            )
            for p in result.pairs
        ]
    )
    before = set()
    if previous is not None:
        before = {(str(a), str(c)) for a, c in previous.pairs.values_list("application_id", "challenge_id")}
    run.diff = {
        "previous": previous.number if previous else None,
        "score_before": previous.score if previous else None,
        "changes": optimiser.diff(before, result.pair_set()) if previous else {},
    }
    run.save(update_fields=["diff"])
    record(
        cycle,
        "peer_review.assignment.run",
        user=actor,
        data={"run": number, "status": run.status, "score": run.score},
    )
    return run


@transaction.atomic
def publish_run(*, actor, run: AssignmentRun) -> Cycle:
    """Make a solved run the cycle's assignment: observers then see their challenges' material.
    Side effects: audit entry, e-mail to each observer with their challenges."""
    _require(actor, "peer_review.manage_cycle", run.cycle)
    cycle = _locked_cycle(run.cycle)
    if cycle.phase != CyclePhase.ASSIGNMENT:
        raise DomainError(_("An assignment can be published only in the assignment phase."))
    if run.cycle_id != cycle.pk or run.status != RunStatus.SOLVED:
        raise DomainError(_("Only a solved run can be published."))
    current = set(cycle.applications.filter(status=ApplicationStatus.ACCEPTED).values_list("pk", flat=True))
    in_run = set(run.pairs.values_list("application_id", flat=True))
    if current != in_run:
        raise DomainError(
            _("The accepted observers changed after this run; run the assignment again."), code="stale"
        )
    cycle.published_run = run
    cycle.save(update_fields=["published_run", "updated_at"])
    record(cycle, "peer_review.assignment.publish", user=actor, data={"run": run.number})
    for application in cycle.applications.filter(status=ApplicationStatus.ACCEPTED).select_related("user"):
        forget_roles(application.user)
    notify(
        _users(run.pairs.values_list("application__user_id", flat=True)),
        subject=gettext_lazy("Your challenges in %(cycle)s"),
        message=gettext_lazy("The assignment of observers in %(cycle)s is published. Your challenges and their material are on your page."),
        params={"cycle": cycle},
        url=cycle.get_absolute_url(),
    )  # fmt: skip
    return cycle


# --- meetings ---------------------------------------------------------------------------------------------


@transaction.atomic
def save_meeting(
    *, actor, cycle: Cycle, kind: str, title: str, starts_at, ends_at, venue=None, address: str = "",
    online_url: str = "", description: str = "", invite_observers: bool = True, meeting: Meeting | None = None,
) -> Meeting:  # fmt: skip
    """Schedule or change the preparatory or the on-site meeting. Side effects: its event in the calendar
    (`events_bridge.sync_event`), audit entry."""
    _require(actor, "peer_review.manage_meeting", cycle)
    if kind not in MeetingKind.values:
        raise DomainError(_("Unknown kind of meeting."))
    if not title.strip():
        raise DomainError(_("Give the meeting a title."))
    if starts_at is None or ends_at is None or starts_at > ends_at:
        raise DomainError(_("The meeting must end after it starts."))
    if kind == MeetingKind.PREPARATORY and not online_url:
        raise DomainError(_("The preparatory meeting is online: give the link to join."))
    if kind == MeetingKind.ONSITE and not (venue or address.strip()):
        raise DomainError(_("Say where the on-site meeting takes place."))
    if meeting is None:
        if cycle.meetings.filter(kind=kind).exists():
            raise DomainError(_("This cycle already has this meeting; change it instead."))
        meeting = Meeting(cycle=cycle, kind=kind)
    elif meeting.cycle_id != cycle.pk:
        raise DomainError(_("This meeting belongs to another cycle."))
    meeting.title, meeting.starts_at, meeting.ends_at = title.strip(), starts_at, ends_at
    meeting.venue, meeting.address, meeting.online_url = venue, address.strip(), online_url.strip()
    meeting.description, meeting.invite_observers = description.strip(), invite_observers
    events_bridge.sync_event(meeting)
    meeting.save()
    record(
        cycle, "peer_review.meeting.save", user=actor, data={"meeting": meeting.pk, "event": meeting.event_id}
    )
    return meeting


@transaction.atomic
def add_agenda_item(*, actor, meeting: Meeting, kind: str, title: str, starts_at, ends_at, challenge=None,
                    place: str = "", description: str = "") -> AgendaItem:  # fmt: skip
    """Add a point to a meeting's agenda, within the meeting's time. Side effects: audit entry."""
    _require(actor, "peer_review.manage_meeting", meeting.cycle)
    if not title.strip():
        raise DomainError(_("Give the agenda item a title."))
    if starts_at is None or ends_at is None or starts_at > ends_at:
        raise DomainError(_("An agenda item must end after it starts."))
    if starts_at < meeting.starts_at or ends_at > meeting.ends_at:
        raise DomainError(_("The agenda item lies outside the meeting's time."))
    if challenge is not None and challenge.cycle_id != meeting.cycle_id:
        raise DomainError(_("The challenge is not in this cycle."))
    item = AgendaItem.objects.create(
        meeting=meeting, kind=kind, title=title.strip(), starts_at=starts_at, ends_at=ends_at,
        challenge=challenge, place=place.strip(), description=description.strip(),
    )  # fmt: skip
    record(meeting.cycle, "peer_review.meeting.agenda", user=actor, data={"meeting": meeting.pk})
    return item


@transaction.atomic
def remove_agenda_item(*, actor, item: AgendaItem) -> None:
    _require(actor, "peer_review.manage_meeting", item.meeting.cycle)
    record(
        item.meeting.cycle,
        "peer_review.meeting.agenda",
        user=actor,
        data={"meeting": item.meeting_id, "removed": item.pk},
    )
    item.delete()


def invitees(meeting: Meeting) -> dict[int, str]:
    """User id → role label for everyone the meeting invites: hosts, experts and (if chosen) observers."""
    people = participants(meeting.cycle)
    labels = {"host": _("host coordinator"), "expert": _("expert"), "observer": _("observer")}
    out = {}
    for user_id, roles in people.items():
        if roles == {"observer"} and not meeting.invite_observers:
            continue
        out[user_id] = ", ".join(sorted(str(labels[r]) for r in roles))
    return out


@transaction.atomic
def send_invitations(*, actor, meeting: Meeting) -> int:
    """Invite everyone concerned who is not invited yet. Side effects: attendance rows, confirmed registrations
    for the meeting's event (those no longer invited: cancelled), audit entry, e-mail to the new invitees.
    Returns how many were invited."""
    _require(actor, "peer_review.manage_meeting", meeting.cycle)
    existing = set(meeting.attendance.values_list("user_id", flat=True))
    people = invitees(meeting)
    new = {pk: role for pk, role in people.items() if pk not in existing}
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, user_id=pk, role=role[:40]) for pk, role in new.items()]
    )
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at"])
    registrations = events_bridge.register_invitees(actor=actor, meeting=meeting, invitees=people)
    record(
        meeting.cycle,
        "peer_review.meeting.invite",
        user=actor,
        data={"meeting": meeting.pk, "invited": len(new), **registrations},
    )
    notify(
        _users(new),
        subject=gettext_lazy("Invitation: %(meeting)s"),
        message=gettext_lazy("You are invited to %(meeting)s (%(when)s). The agenda and the details are on the meeting page."),
        params={"meeting": meeting.title, "when": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H:%M")},
        url=meeting.get_absolute_url(),
    )  # fmt: skip
    return len(new)


@transaction.atomic
def record_attendance(*, actor, meeting: Meeting, present: Iterable[int]) -> dict[str, int]:
    """Mark who came (the rest of the invited are absent). Only once the meeting has started.
    Side effects: the registrations for the meeting's event say who attended (the Leaders' Corps counts them),
    audit entry."""
    _require(actor, "peer_review.record_attendance", meeting.cycle)
    if timezone.now() < meeting.starts_at:
        raise DomainError(_("Attendance can be recorded once the meeting has started."))
    present = {int(pk) for pk in present}
    rows = list(meeting.attendance.select_for_update())
    unknown = present - {row.user_id for row in rows}
    if unknown:
        raise DomainError(_("Only invited people can be marked present."))
    now = timezone.now()
    for row in rows:
        row.status = AttendanceStatus.ATTENDED if row.user_id in present else AttendanceStatus.ABSENT
        row.recorded_by, row.recorded_at = actor, now
    Attendance.objects.bulk_update(rows, ["status", "recorded_by", "recorded_at"])
    events_bridge.mirror_attendance(actor=actor, meeting=meeting, rows=rows)
    counts = {"attended": len(present), "absent": len(rows) - len(present)}
    record(
        meeting.cycle, "peer_review.meeting.attendance", user=actor, data={"meeting": meeting.pk, **counts}
    )
    return counts
