"""Follow-up of a published report: hosts answer its recommendations, plan actions and report progress.

Writes (`respond`, `plan_action`, `update_action`, `report_progress`, `send_reminders`) check, change, log and
notify; a refused change raises `DomainError` with a message for the user. Reads build the follow-up board,
a host's detail and the phase guards of follow-up and closing.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .enums import ActionStatus, CyclePhase, ResponseStatus, SectionKind
from .models import (
    Cycle,
    FollowUpAction,
    Host,
    ProgressReport,
    Recommendation,
    RecommendationResponse,
    Report,
    ReportSection,
)
from .notifications import notify

MILESTONES = (6, 12)
# Answers and actions change from publication until the follow-up ends; progress is reported in follow-up.
OPEN_PHASES = (CyclePhase.PUBLISHED, CyclePhase.FOLLOW_UP)
ACCEPTING = (ResponseStatus.ACCEPTED, ResponseStatus.PARTLY)
OPEN_ACTION = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
DUE_SOON_DAYS = 7
REMIND_EVERY = timedelta(days=7)
REMIND_HOST_ACTION = "peer_review.followup.remind"
REASON_MAX, DESCRIPTION_MAX, OWNER_NAME_MAX, PROGRESS_MAX = 3000, 2000, 200, 5000


def _require(actor, perm: str, obj=None) -> None:
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def _today(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now())


def _date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 March + 6 = 30 September)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- when the report was published and when progress reports open ----------------------------------------


def published_on(cycle: Cycle) -> date | None:
    """The day the report was published: `Report.published_at`, or else the move to the published phase."""
    published_at = Report.objects.filter(cycle=cycle).values_list("published_at", flat=True).first()
    if published_at is None:
        published_at = (
            cycle.transitions.filter(to_phase=CyclePhase.PUBLISHED)
            .order_by("-at", "-pk")
            .values_list("at", flat=True)
            .first()
        )
    if published_at is None and cycle.reached(CyclePhase.PUBLISHED):
        published_at = cycle.phase_changed_at
    return timezone.localdate(published_at) if published_at else None


def milestone_dates(cycle: Cycle) -> dict[int, date | None]:
    """Months → the day the progress report at that milestone opens (None before publication)."""
    base = published_on(cycle)
    return {months: add_months(base, months) if base else None for months in MILESTONES}


# --- checks shared by the writes --------------------------------------------------------------------------


def _locked_cycle(cycle_id: int) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle_id)


def _check_open(cycle: Cycle) -> None:
    if cycle.phase == CyclePhase.CLOSED:
        raise DomainError(_("The cycle is closed; its follow-up can no longer change."))
    if cycle.phase not in OPEN_PHASES:
        raise DomainError(_("The follow-up starts when the report is published."))


def _locked_recommendation(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("challenge__host__organisation", "challenge__cycle")
        .get(pk=recommendation.pk)
    )


def answer_of(recommendation: Recommendation) -> RecommendationResponse | None:
    try:
        return recommendation.response
    except RecommendationResponse.DoesNotExist:
        return None


def _check_accepting(recommendation: Recommendation, *, unanswered: str, refused: str) -> None:
    answer = answer_of(recommendation)
    if answer is None:
        raise DomainError(unanswered)
    if answer.status not in ACCEPTING:
        raise DomainError(refused)


def owner_choices(host: Host):
    """The people who may own an action of the host: active users with an active membership of its
    organisation."""
    from zitnet.accounts.enums import MembershipStatus
    from zitnet.accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=host.organisation_id,
            memberships__status=MembershipStatus.ACTIVE,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _clean_owner(host: Host, owner, owner_name: str) -> tuple:
    owner_name = (owner_name or "").strip()
    if owner is not None and owner_name:
        raise DomainError(_("Choose either a person or a name as the owner, not both."))
    if owner is None and not owner_name:
        raise DomainError(
            _("Name the owner: a person from %(org)s or a name (e.g. a unit).")
            % {"org": host.organisation.display_name}
        )
    if len(owner_name) > OWNER_NAME_MAX:
        raise DomainError(_("The owner's name is too long (at most 200 characters)."))
    if owner is not None and not owner_choices(host).filter(pk=owner.pk).exists():
        raise DomainError(
            _("%(person)s is not a member of %(org)s; choose a person from the organisation or write the "
              "owner's name.") % {"person": owner.display_name, "org": host.organisation.display_name}
        )  # fmt: skip
    return owner, owner_name


def _clean_description(description: str) -> str:
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Describe the action."))
    if len(description) > DESCRIPTION_MAX:
        raise DomainError(_("The description is too long (at most 2,000 characters)."))
    return description


def _clean_due(due_on, today: date) -> date:
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        raise DomainError(_("Give the date the action is due."))
    if due_on < today:
        raise DomainError(
            _("The due date %(date)s is in the past; choose today or a later day.") % {"date": _date(due_on)}
        )
    return due_on


# --- writes -----------------------------------------------------------------------------------------------


@transaction.atomic
def respond(
    *, actor, recommendation: Recommendation, status: str, reason: str = ""
) -> RecommendationResponse:
    """The host's answer to a recommendation (accepted, partly or not accepted; a reason unless accepted).
    It can change from publication until the follow-up ends. Side effects: audit entry."""
    host = recommendation.challenge.host
    _require(actor, "peer_review.respond_recommendation", host)
    _check_open(_locked_cycle(recommendation.challenge.cycle_id))
    recommendation = _locked_recommendation(recommendation)
    if status not in ResponseStatus.values:
        raise DomainError(_("Choose an answer: accepted, partly accepted or not accepted."))
    reason = (reason or "").strip()
    if status != ResponseStatus.ACCEPTED and not reason:
        raise DomainError(
            _("Give the reason why the recommendation is “%(answer)s”.")
            % {"answer": ResponseStatus(status).label}
        )
    if len(reason) > REASON_MAX:
        raise DomainError(_("The reason is too long (at most 3,000 characters)."))
    previous = answer_of(recommendation)
    answer, _created = RecommendationResponse.objects.update_or_create(
        recommendation=recommendation,
        defaults={"status": status, "reason": reason, "responded_by": actor},
    )
    record(
        recommendation,
        "peer_review.followup.respond",
        user=actor,
        data={"status": status, "previous": previous.status if previous else None},
    )
    return answer


@transaction.atomic
def plan_action(
    *,
    actor,
    recommendation: Recommendation,
    description: str,
    due_on: date,
    owner=None,
    owner_name: str = "",
    now: datetime | None = None,
) -> FollowUpAction:
    """Plan an action for an accepted or partly accepted recommendation: what, who (a person of the host's
    organisation or a name) and by when (today or later). Side effects: audit entry, e-mail to the owner."""
    host = recommendation.challenge.host
    _require(actor, "peer_review.plan_actions", host)
    _check_open(_locked_cycle(recommendation.challenge.cycle_id))
    recommendation = _locked_recommendation(recommendation)
    _check_accepting(
        recommendation,
        unanswered=_("Answer the recommendation first: actions are planned for accepted or partly accepted "
                     "recommendations."),
        refused=_("The recommendation was not accepted; actions are planned for accepted or partly accepted "
                  "recommendations only."),
    )  # fmt: skip
    description = _clean_description(description)
    owner, owner_name = _clean_owner(host, owner, owner_name)
    due_on = _clean_due(due_on, _today(now))
    action = FollowUpAction.objects.create(
        recommendation=recommendation,
        description=description,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
    )
    record(
        recommendation,
        "peer_review.followup.action_add",
        user=actor,
        data={"action": action.pk, "due_on": due_on.isoformat(), "owner": owner.pk if owner else owner_name},
    )
    if owner is not None and (actor is None or owner.pk != actor.pk):
        cycle = recommendation.challenge.cycle
        notify(
            [owner],
            subject=gettext_lazy("A follow-up action for you in %(cycle)s"),
            message=gettext_lazy(
                "You are the owner of a follow-up action of %(host)s, due on %(date)s:\n\n%(action)s"
            ),
            params={
                "cycle": cycle,
                "host": host,
                "date": _Lines(lambda: _date(due_on)),
                "action": description,
            },
            url=action_url(action),
        )
    return action


_UNCHANGED = object()


@transaction.atomic
def update_action(
    *,
    actor,
    action: FollowUpAction,
    status: str | None = None,
    description: str | None = None,
    due_on: date | None = None,
    owner=_UNCHANGED,
    owner_name: str | None = None,
    now: datetime | None = None,
) -> FollowUpAction:
    """Change an action's status, and optionally its description, owner (given whole: `owner` or
    `owner_name`) or due date (a new one cannot be in the past, and it restarts the reminders). Arguments left
    out keep their value.
    Side effects: audit entry."""
    recommendation = action.recommendation
    host = recommendation.challenge.host
    _require(actor, "peer_review.plan_actions", host)
    _check_open(_locked_cycle(recommendation.challenge.cycle_id))
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    changed: list[str] = []
    if status is not None and status != action.status:
        if status not in ActionStatus.values:
            raise DomainError(_("Unknown status of an action."))
        action.status = status
        changed.append("status")
    if description is not None:
        description = _clean_description(description)
        if description != action.description:
            action.description = description
            changed.append("description")
    if owner is not _UNCHANGED or owner_name is not None:
        # The owner is given whole: a person, or a name.
        new_owner, new_name = _clean_owner(host, None if owner is _UNCHANGED else owner, owner_name or "")
        if (new_owner.pk if new_owner else None) != action.owner_id or new_name != action.owner_name:
            action.owner, action.owner_name = new_owner, new_name
            changed.append("owner")
    if due_on is not None and due_on != action.due_on:
        action.due_on = _clean_due(due_on, _today(now))
        action.reminded_at = None
        changed.append("due_on")
    if changed:
        action.save()
        record(
            recommendation,
            "peer_review.followup.action_update",
            user=actor,
            data={"action": action.pk, "changed": changed, "status": action.status},
        )
    return action


@transaction.atomic
def report_progress(
    *, actor, recommendation: Recommendation, months: int, text: str, now: datetime | None = None
) -> ProgressReport:
    """Report progress on an accepted or partly accepted recommendation at 6 or 12 months, during follow-up.
    Each milestone has one report, editable; it opens 6 (12) months after the report's publication.
    Side effects: audit entry."""
    host = recommendation.challenge.host
    _require(actor, "peer_review.plan_actions", host)
    cycle = _locked_cycle(recommendation.challenge.cycle_id)
    _check_open(cycle)
    if cycle.phase != CyclePhase.FOLLOW_UP:
        raise DomainError(_("Progress is reported once the cycle is in follow-up."))
    try:
        months = int(months)
    except (TypeError, ValueError):
        months = 0
    if months not in MILESTONES:
        raise DomainError(_("Progress is reported at 6 and at 12 months."))
    recommendation = _locked_recommendation(recommendation)
    _check_accepting(
        recommendation,
        unanswered=_("Answer the recommendation first: progress is reported on accepted or partly accepted "
                     "recommendations."),
        refused=_("The recommendation was not accepted; it needs no progress report."),
    )  # fmt: skip
    opens_on = milestone_dates(cycle)[months]
    if opens_on is None or _today(now) < opens_on:
        raise DomainError(
            _("The %(months)d-month progress report opens on %(date)s.")
            % {"months": months, "date": _date(opens_on) if opens_on else "—"}
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Describe the progress made."))
    if len(text) > PROGRESS_MAX:
        raise DomainError(_("The progress report is too long (at most 5,000 characters)."))
    report, created = ProgressReport.objects.update_or_create(
        recommendation=recommendation, months=months, defaults={"text": text, "submitted_by": actor}
    )
    record(
        recommendation,
        "peer_review.followup.progress",
        user=actor,
        data={"months": months, "created": created},
    )
    return report


# --- reads ------------------------------------------------------------------------------------------------


def host_url(host: Host) -> str:
    from django.urls import reverse

    return reverse("peer_review:followup_host", args=[host.cycle.slug, host.pk])


def action_url(action: FollowUpAction) -> str:
    from django.urls import reverse

    challenge = action.recommendation.challenge
    return reverse(
        "peer_review:followup_recommendation", args=[challenge.cycle.slug, action.recommendation_id]
    )


def is_overdue(action: FollowUpAction, today: date) -> bool:
    return action.status in OPEN_ACTION and action.due_on < today


def recommendation_numbers(cycle: Cycle) -> dict[int, int]:
    """Recommendation id → its number in the report (R1…Rn): in the order of the report's challenge sections,
    then each challenge's own order; challenges without a section follow by host and challenge number."""
    section_order: dict[int, int] = {}
    for challenge_id, position in (
        ReportSection.objects.filter(report__cycle=cycle, kind=SectionKind.CHALLENGE, challenge__isnull=False)
        .order_by("position", "pk")
        .values_list("challenge_id", "position")
    ):
        section_order.setdefault(challenge_id, position)
    rows = Recommendation.objects.filter(challenge__cycle=cycle).values_list(
        "pk",
        "challenge_id",
        "challenge__host__position",
        "challenge__host_id",
        "challenge__number",
        "position",
    )

    def key(row):
        pk, challenge_id, host_position, host_id, challenge_number, position = row
        placed = section_order.get(challenge_id)
        first = (
            (0, placed, 0, 0, 0) if placed is not None else (1, 0, host_position, host_id, challenge_number)
        )
        return (*first, challenge_id, position, pk)

    return {row[0]: n for n, row in enumerate(sorted(rows, key=key), start=1)}


def _with_details(recommendations):
    return recommendations.select_related(
        "challenge__host__organisation", "response__responded_by"
    ).prefetch_related(
        Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner").order_by("due_on", "pk")),
        Prefetch("progress_reports", queryset=ProgressReport.objects.select_related("submitted_by")),
    )


def recommendations_for(cycle: Cycle, hosts) -> list[Recommendation]:
    """The recommendations of the hosts' challenges in report order, each with `number` (as in the report),
    `answer`, actions (with owners) and `progress` (months → report)."""
    numbers = recommendation_numbers(cycle)
    recommendations = list(
        _with_details(Recommendation.objects.filter(challenge__cycle=cycle, challenge__host__in=hosts))
    )
    for recommendation in recommendations:
        _decorate(recommendation, numbers)
    recommendations.sort(key=lambda r: (r.number or 0, r.pk))
    return recommendations


def _decorate(recommendation: Recommendation, numbers: dict[int, int]) -> None:
    recommendation.number = numbers.get(recommendation.pk)
    recommendation.answer = answer_of(recommendation)
    recommendation.progress = {report.months: report for report in recommendation.progress_reports.all()}


def recommendation_detail(cycle: Cycle, recommendation_id: int) -> Recommendation:
    """One recommendation of the cycle, decorated like `recommendations_for` (raises DoesNotExist)."""
    recommendation = _with_details(Recommendation.objects.filter(challenge__cycle=cycle)).get(
        pk=recommendation_id
    )
    _decorate(recommendation, recommendation_numbers(cycle))
    return recommendation


@dataclass
class HostStatus:
    """One row of the follow-up board."""

    host: Host
    recommendations: int = 0
    answered: int = 0
    accepted: int = 0
    partly: int = 0
    not_accepted: int = 0
    actions: int = 0
    done: int = 0
    overdue: int = 0
    progress_due: dict[int, int] = field(default_factory=lambda: dict.fromkeys(MILESTONES, 0))
    progress_submitted: dict[int, int] = field(default_factory=lambda: dict.fromkeys(MILESTONES, 0))

    @property
    def unanswered(self) -> int:
        return self.recommendations - self.answered

    @property
    def accepting(self) -> int:
        return self.accepted + self.partly

    @property
    def progress(self) -> list[tuple[int, int, int]]:
        return [(m, self.progress_submitted[m], self.progress_due[m]) for m in MILESTONES]

    @property
    def progress_missing(self) -> dict[int, int]:
        return {m: max(self.progress_due[m] - self.progress_submitted[m], 0) for m in MILESTONES}


def board(cycle: Cycle, *, now: datetime | None = None) -> dict:
    """The follow-up board: per host its counts, and the days the progress reports open. A constant number
    of queries, whatever the number of hosts and recommendations."""
    today = _today(now)
    opens = milestone_dates(cycle)
    open_milestones = [m for m in MILESTONES if opens[m] is not None and opens[m] <= today]
    hosts = list(cycle.hosts.select_related("organisation", "coordinator"))
    rows = {host.pk: HostStatus(host=host) for host in hosts}
    statuses: dict[int, str | None] = {}
    for pk, host_id, status in Recommendation.objects.filter(challenge__cycle=cycle).values_list(
        "pk", "challenge__host_id", "response__status"
    ):
        statuses[pk] = status
        row = rows[host_id]
        row.recommendations += 1
        if status:
            row.answered += 1
            row.accepted += status == ResponseStatus.ACCEPTED
            row.partly += status == ResponseStatus.PARTLY
            row.not_accepted += status == ResponseStatus.NOT_ACCEPTED
        if status in ACCEPTING:
            for months in open_milestones:
                row.progress_due[months] += 1
    for host_id, status, due_on in FollowUpAction.objects.filter(
        recommendation__challenge__cycle=cycle
    ).values_list("recommendation__challenge__host_id", "status", "due_on"):
        row = rows[host_id]
        row.actions += 1
        row.done += status == ActionStatus.DONE
        row.overdue += status in OPEN_ACTION and due_on < today
    for recommendation_id, host_id, months in ProgressReport.objects.filter(
        recommendation__challenge__cycle=cycle
    ).values_list("recommendation_id", "recommendation__challenge__host_id", "months"):
        if statuses.get(recommendation_id) in ACCEPTING:
            rows[host_id].progress_submitted[months] += 1
    return {"rows": list(rows.values()), "opens": opens, "today": today, "open_milestones": open_milestones}


def _twelve_month_missing(cycle: Cycle) -> dict[int, int]:
    reported = set(
        ProgressReport.objects.filter(recommendation__challenge__cycle=cycle, months=12).values_list(
            "recommendation_id", flat=True
        )
    )
    missing: dict[int, int] = defaultdict(int)
    for pk, host_id in Recommendation.objects.filter(
        challenge__cycle=cycle, response__status__in=ACCEPTING
    ).values_list("pk", "challenge__host_id"):
        if pk not in reported:
            missing[host_id] += 1
    return missing


def blockers(cycle: Cycle, to_phase: str, *, now: datetime | None = None) -> list[str]:
    """What keeps the cycle from follow-up (every recommendation answered) or from closing (still every one
    answered, a 12-month progress report on every accepted or partly accepted one, no overdue action open)."""
    if to_phase not in (CyclePhase.FOLLOW_UP, CyclePhase.CLOSED):
        return []
    closing = to_phase == CyclePhase.CLOSED
    without_report = _twelve_month_missing(cycle) if closing else {}
    missing: list[str] = []
    for row in board(cycle, now=now)["rows"]:
        if row.unanswered:
            missing.append(
                _("Host %(host)s has answered %(answered)d of %(total)d recommendations.")
                % {"host": row.host, "answered": row.answered, "total": row.recommendations}
            )
        if closing and without_report.get(row.host.pk):
            missing.append(
                _("Host %(host)s has no 12-month progress report on %(missing)d of %(total)d accepted "
                  "recommendations.")
                % {"host": row.host, "missing": without_report[row.host.pk], "total": row.accepting}
            )  # fmt: skip
        if closing and row.overdue:
            missing.append(
                _("Host %(host)s: overdue actions neither done nor dropped: %(count)d.")
                % {"host": row.host, "count": row.overdue}
            )
    return missing


# --- reminders --------------------------------------------------------------------------------------------


class _Lines:
    """A list for an e-mail, rendered when the e-mail is (so in the recipient's language)."""

    def __init__(self, render):
        self.render = render

    def __str__(self) -> str:
        return self.render()


def _action_lines(actions: list[FollowUpAction], today: date) -> _Lines:
    def render() -> str:
        lines = []
        for action in actions:
            if action.due_on < today:
                when = _("overdue since %(date)s") % {"date": _date(action.due_on)}
            else:
                when = _("due on %(date)s") % {"date": _date(action.due_on)}
            lines.append(f"- {action.description} ({action.recommendation.challenge.host}; {when})")
        return "\n".join(lines)

    return _Lines(render)


def _host_lines(unanswered: int, progress_missing: dict[int, int], opens: dict) -> _Lines:
    def render() -> str:
        lines = []
        if unanswered:
            lines.append("- " + _("Recommendations awaiting your answer: %(count)d") % {"count": unanswered})
        for months, count in progress_missing.items():
            if count:
                lines.append(
                    "- "
                    + _("%(months)d-month progress reports due (open since %(date)s): %(count)d")
                    % {"months": months, "date": _date(opens[months]), "count": count}
                )
        return "\n".join(lines)

    return _Lines(render)


@dataclass
class ReminderResult:
    actions: int = 0  # actions reminded about
    action_recipients: int = 0  # people e-mailed about actions
    hosts: int = 0  # host coordinators e-mailed about answers or progress reports

    def __iter__(self):
        return iter((self.actions, self.action_recipients, self.hosts))


def _last_host_reminders(host_ids: list[int]) -> dict[int, datetime]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Host),
        object_id__in=[str(pk) for pk in host_ids],
        action=REMIND_HOST_ACTION,
    ).values_list("object_id", "data")
    last: dict[int, datetime] = {}
    for object_id, data in entries:
        try:
            at = datetime.fromisoformat((data or {}).get("at", ""))
        except (TypeError, ValueError):
            continue
        host_id = int(object_id)
        if host_id not in last or at > last[host_id]:
            last[host_id] = at
    return last


def send_reminders(*, now: datetime | None = None, dry_run: bool = False) -> ReminderResult:
    """E-mail the owners of actions overdue or due within 7 days (the host coordinator when the owner is a
    name), and the host coordinators with unanswered recommendations or progress reports due. Each action at
    most once every 7 days (`reminded_at`), each host coordinator too (the audit log keeps when).
    With `dry_run` only counts. Side effects: e-mails, `reminded_at`, audit entries."""
    now = now or timezone.now()
    today = _today(now)
    result = ReminderResult()
    cycles = list(Cycle.objects.filter(phase__in=OPEN_PHASES).order_by("pk"))
    for cycle in cycles:
        with transaction.atomic():
            _remind_owners(cycle, now, today, dry_run, result)
            _remind_hosts(cycle, now, dry_run, result)
    return result


def _remind_owners(cycle: Cycle, now: datetime, today: date, dry_run: bool, result: ReminderResult) -> None:
    actions = list(
        FollowUpAction.objects.select_for_update(of=("self",))
        .filter(
            recommendation__challenge__cycle=cycle,
            status__in=OPEN_ACTION,
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(reminded_at__gt=now - REMIND_EVERY)
        .select_related(
            "owner",
            "recommendation__challenge__host__organisation",
            "recommendation__challenge__host__coordinator",
        )
        .order_by("due_on", "pk")
    )
    by_person: dict[int, tuple[object, list[FollowUpAction]]] = {}
    for action in actions:
        owner = action.owner
        person = owner if owner is not None and owner.is_active and owner.email else None
        person = person or action.recommendation.challenge.host.coordinator
        if person is None:
            continue
        by_person.setdefault(person.pk, (person, []))[1].append(action)
    reminded = [action.pk for _person, owned in by_person.values() for action in owned]
    result.actions += len(reminded)
    result.action_recipients += len(by_person)
    if dry_run or not reminded:
        return
    FollowUpAction.objects.filter(pk__in=reminded).update(reminded_at=now)
    for person, owned in by_person.values():
        notify(
            [person],
            subject=gettext_lazy("Follow-up actions to check in %(cycle)s"),
            message=gettext_lazy(
                "These follow-up actions of %(cycle)s that you are responsible for are overdue or due "
                "within a week:\n\n%(actions)s\n\nUpdate their status on the follow-up page."
            ),
            params={"cycle": cycle, "actions": _action_lines(owned, today)},
            url=host_url(owned[0].recommendation.challenge.host),
        )


def _remind_hosts(cycle: Cycle, now: datetime, dry_run: bool, result: ReminderResult) -> None:
    summary = board(cycle, now=now)
    rows = [row for row in summary["rows"] if row.host.coordinator_id]
    last = _last_host_reminders([row.host.pk for row in rows])
    for row in rows:
        missing = row.progress_missing if cycle.phase == CyclePhase.FOLLOW_UP else {}
        if not row.unanswered and not any(missing.values()):
            continue
        if row.host.pk in last and last[row.host.pk] > now - REMIND_EVERY:
            continue
        coordinator = row.host.coordinator
        if not coordinator.is_active or not coordinator.email:
            continue
        result.hosts += 1
        if dry_run:
            continue
        notify(
            [coordinator],
            subject=gettext_lazy("Follow-up of %(cycle)s: %(host)s"),
            message=gettext_lazy(
                "The follow-up of %(cycle)s is waiting for %(host)s:\n\n%(items)s\n\nAnswer and report on the "
                "follow-up page."
            ),
            params={
                "cycle": cycle,
                "host": row.host,
                "items": _host_lines(row.unanswered, missing, summary["opens"]),
            },
            url=host_url(row.host),
        )
        record(
            row.host,
            REMIND_HOST_ACTION,
            data={"at": now.isoformat(), "unanswered": row.unanswered, "progress_due": missing},
        )
