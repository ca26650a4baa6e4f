"""The network coordinator's pages of a cycle: board, settings, hosts, applications, assignment, meetings.

Each view parses input, calls a service or selector and answers: a refused change (`DomainError`) is shown on
the same page with status 400 (409 when the page was out of date), a successful one redirects (PRG).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm
from zitnet.directory.models import ThematicArea

from .. import selectors, services
from ..enums import (
    ApplicationStatus,
    ChallengeState,
    ConflictSource,
    CyclePhase,
    MeetingKind,
    RunStatus,
)
from ..forms_coordination import (
    AgendaItemForm,
    ApplicationDecisionForm,
    ConflictForm,
    CycleForm,
    CycleSettingsForm,
    DecisionForm,
    HostAddForm,
    HostEditForm,
    MeetingForm,
    PairRuleForm,
    StatusFilterForm,
    TransitionForm,
)
from ..models import AgendaItem, Cycle, ObserverApplication

TEMPLATES = "peer_review/coordination/"
# The pages of one item are marked in the navigation under their list.
SECTIONS = {"application.html": "applications", "run.html": "assignment"}


def _cycle_for(request, slug: str) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("published_run"), slug=slug)
    require_perm(request, "peer_review.manage_cycle", cycle)
    return cycle


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _posted_int(request, name: str) -> int:
    """An id sent with a form; anything but a positive whole number is a bad request."""
    value = request.POST.get(name, "")
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(f"{name} must be a positive whole number")
    return int(value)


def _page(request, cycle: Cycle, template: str, context: dict, *, status: int = 200, error: str = ""):
    return render(
        request,
        TEMPLATES + template,
        {
            "cycle": cycle,
            "error": error,
            "section": SECTIONS.get(template, template.removesuffix(".html")),
            **context,
        },
        status=status,
    )


# --- a new cycle ------------------------------------------------------------------------------------------


@login_required
def cycle_create(request):
    require_perm(request, "peer_review.manage_cycle")
    form = CycleForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                cycle = services.create_cycle(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    **form.settings_values(),
                )
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(request, _("The cycle %(cycle)s is created as a draft.") % {"cycle": cycle})
                return redirect("peer_review:board", cycle.slug)
        else:
            status = 400
    return render(request, TEMPLATES + "cycle_create.html", {"form": form, "error": error}, status=status)


# --- the board and the one phase transition ---------------------------------------------------------------


def _phase_steps(cycle: Cycle) -> list[dict]:
    dates = {d.phase: d for d in cycle.phase_dates.all()}
    current = cycle.phase_index
    return [
        {
            "value": value,
            "label": label,
            "current": index == current,
            "done": index < current,
            "dates": dates.get(value),
        }
        for index, (value, label) in enumerate(CyclePhase.choices)
    ]


def _board_page(request, cycle: Cycle, *, form=None, status: int = 200, error: str = ""):
    data = selectors.board(cycle)
    if form is None:
        form = TransitionForm(initial={"expected_phase": cycle.phase, "to_phase": data["next_phase"]})
    return _page(
        request,
        cycle,
        "board.html",
        {"board": data, "steps": _phase_steps(cycle), "form": form},
        status=status,
        error=error,
    )


@login_required
def board(request, slug: str):
    cycle = _cycle_for(request, slug)
    return _board_page(request, cycle)


@login_required
@require_POST
def transition(request, slug: str):
    cycle = _cycle_for(request, slug)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _board_page(request, cycle, status=400, error=_("The phase change was not understood."))
    reason = form.cleaned_data["override_reason"]
    try:
        services.transition(
            actor=request.user,
            cycle=cycle,
            to_phase=form.cleaned_data["to_phase"],
            expected_phase=form.cleaned_data["expected_phase"],
            override_reason=reason,
        )
    except DomainError as exc:
        cycle.refresh_from_db()
        # A fresh form for the phase the cycle is in now, keeping what the coordinator wrote.
        fresh = TransitionForm(
            initial={
                "expected_phase": cycle.phase,
                "to_phase": CyclePhase.following(cycle.phase),
                "override_reason": reason,
            }
        )
        return _board_page(request, cycle, form=fresh, status=_status(exc), error=exc.message)
    messages.success(
        request, _("The cycle is now in the phase “%(phase)s”.") % {"phase": cycle.get_phase_display()}
    )
    return redirect("peer_review:board", cycle.slug)


# --- settings ---------------------------------------------------------------------------------------------


@login_required
def settings(request, slug: str):
    cycle = _cycle_for(request, slug)
    form = CycleSettingsForm(request.POST or None, cycle=cycle)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.update_cycle(
                        actor=request.user,
                        cycle=cycle,
                        title=form.cleaned_data["title"],
                        description=form.cleaned_data["description"],
                        **form.settings_values(),
                    )
                    services.set_phase_dates(actor=request.user, cycle=cycle, dates=form.phase_dates())
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(request, _("The settings are saved."))
                return redirect("peer_review:settings", cycle.slug)
        else:
            status = 400
    return _page(request, cycle, "settings.html", {"form": form}, status=status, error=error)


# --- hosts ------------------------------------------------------------------------------------------------


def _hosts_page(request, cycle: Cycle, *, add_form=None, bound=None, status: int = 200, error: str = ""):
    hosts = list(
        cycle.hosts.select_related("organisation", "coordinator").prefetch_related("experts", "challenges")
    )
    rows = []
    for host in hosts:
        form = bound if bound is not None and bound.host.pk == host.pk else HostEditForm(host=host)
        rows.append({"host": host, "form": form, "challenges": len(host.challenges.all())})
    return _page(
        request,
        cycle,
        "hosts.html",
        {
            "rows": rows,
            "add_form": add_form or HostAddForm(),
            "can_change": not cycle.reached(CyclePhase.RECRUITMENT),
        },
        status=status,
        error=error,
    )


@login_required
def hosts(request, slug: str):
    cycle = _cycle_for(request, slug)
    if request.method != "POST":
        return _hosts_page(request, cycle)
    action = request.POST.get("action")
    if action == "add":
        form = HostAddForm(request.POST)
        if not form.is_valid():
            return _hosts_page(request, cycle, add_form=form, status=400)
        try:
            host = services.add_host(
                actor=request.user,
                cycle=cycle,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                coordinator=form.cleaned_data["coordinator"],
                experts=list(form.cleaned_data["experts"]),
            )
        except DomainError as exc:
            return _hosts_page(request, cycle, add_form=form, status=_status(exc), error=exc.message)
        messages.success(request, _("%(host)s is now a host of the cycle.") % {"host": host})
        return redirect("peer_review:hosts", cycle.slug)
    if action in {"update", "remove"}:
        host = get_object_or_404(cycle.hosts.select_related("organisation"), pk=_posted_int(request, "host"))
        try:
            if action == "remove":
                services.remove_host(actor=request.user, host=host)
                messages.success(request, _("%(host)s is no longer a host of the cycle.") % {"host": host})
            else:
                form = HostEditForm(request.POST, host=host)
                if not form.is_valid():
                    return _hosts_page(request, cycle, bound=form, status=400)
                services.update_host(
                    actor=request.user,
                    host=host,
                    coordinator=form.cleaned_data["coordinator"],
                    experts=list(form.cleaned_data["experts"]),
                )
                messages.success(request, _("The people of %(host)s are saved.") % {"host": host})
        except DomainError as exc:
            return _hosts_page(request, cycle, status=_status(exc), error=exc.message)
        return redirect("peer_review:hosts", cycle.slug)
    raise BadRequest("unknown action")


# --- applications -----------------------------------------------------------------------------------------


def _host_names(cycle: Cycle) -> dict[int, str]:
    return {host.pk: host.organisation.display_name for host in cycle.hosts.select_related("organisation")}


def _conflict_rows(found, host_names: dict[int, str]) -> list[dict]:
    return [
        {
            "host": host_names.get(conflict.host_id, ""),
            "source": ConflictSource(conflict.source).label,
            "reason": conflict.reason,
        }
        for conflict in found
    ]


def _applications_page(request, cycle: Cycle, *, status: int = 200, error: str = ""):
    filter_form = StatusFilterForm(request.GET or None)
    if filter_form.is_bound and not filter_form.is_valid():
        raise BadRequest("unknown status")
    chosen = filter_form.cleaned_data.get("status", "") if filter_form.is_bound else ""
    applications = selectors.applications_with_details(cycle)
    if chosen:
        applications = applications.filter(status=chosen)
    conflicts = selectors.conflicts_by_application(cycle, applications)
    host_names = _host_names(cycle)
    rows = [
        {"application": a, "conflicts": _conflict_rows(conflicts.get(a.pk, []), host_names)}
        for a in applications
    ]
    accepted = cycle.applications.filter(status=ApplicationStatus.ACCEPTED).count()
    return _page(
        request,
        cycle,
        "applications.html",
        {
            "priority": selectors.priority_order(cycle),
            "rows": rows,
            "filter_form": filter_form,
            "chosen": chosen,
            "accepted": accepted,
            "free": max(cycle.observers_maximum - accepted, 0),
            "can_decide": cycle.phase in {CyclePhase.RECRUITMENT, CyclePhase.ASSIGNMENT},
            "decisions": DecisionForm.base_fields["status"].choices,
        },
        status=status,
        error=error,
    )


@login_required
def applications(request, slug: str):
    cycle = _cycle_for(request, slug)
    if request.method != "POST":
        return _applications_page(request, cycle)
    action = request.POST.get("action")
    try:
        if action == "accept_by_priority":
            counts = services.accept_by_priority(actor=request.user, cycle=cycle)
            messages.success(
                request,
                _("Accepted: %(accepted)d. Put on the waiting list: %(waitlisted)d.") % counts,
            )
        elif action == "decide":
            form = ApplicationDecisionForm(request.POST)
            if not form.is_valid():
                return _applications_page(
                    request, cycle, status=400, error=_("Choose a decision for an application.")
                )
            application = get_object_or_404(
                cycle.applications.select_related("user"), pk=form.cleaned_data["application"]
            )
            _decide(request, application, form)
        else:
            raise BadRequest("unknown action")
    except DomainError as exc:
        return _applications_page(request, cycle, status=_status(exc), error=exc.message)
    query = request.GET.urlencode()
    return redirect(request.path + (f"?{query}" if query else ""))


def _decide(request, application: ObserverApplication, form) -> None:
    application = services.decide_application(
        actor=request.user,
        application=application,
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
    )
    messages.success(
        request,
        _("%(person)s: %(status)s.")
        % {"person": application.user.display_name, "status": application.get_status_display()},
    )


def _decision_history(application: ObserverApplication) -> list[dict]:
    entries = (
        ModelLogEntry.objects.for_instance(application)
        .filter(action="peer_review.application.decide")
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )
    history = []
    for entry in entries:
        data = entry.data or {}
        value = data.get("status", "")
        history.append(
            {
                "status": ApplicationStatus(value).label if value in ApplicationStatus.values else value,
                "note": data.get("note", ""),
                "by": entry.user,
                "at": entry.timestamp,
            }
        )
    return history


@login_required
def application(request, slug: str, pk: int):
    cycle = _cycle_for(request, slug)
    application = get_object_or_404(
        selectors.applications_with_details(cycle).select_related("decided_by"), pk=pk
    )
    require_perm(request, "peer_review.view_application", application)
    decision_form, conflict_form = DecisionForm(), ConflictForm(cycle=cycle)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decide":
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    _decide(request, application, decision_form)
                    return redirect("peer_review:application", cycle.slug, application.pk)
            elif action == "conflict":
                conflict_form = ConflictForm(request.POST, cycle=cycle)
                if conflict_form.is_valid():
                    services.add_conflict(
                        actor=request.user,
                        application=application,
                        host=conflict_form.cleaned_data["host"],
                        reason=conflict_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The conflict of interest is recorded."))
                    return redirect("peer_review:application", cycle.slug, application.pk)
            else:
                raise BadRequest("unknown action")
            status = 400
        except DomainError as exc:
            error, status = exc.message, _status(exc)
    found = selectors.conflicts_by_application(cycle, cycle.applications.filter(pk=application.pk))
    return _page(
        request,
        cycle,
        "application.html",
        {
            "application": application,
            "conflicts": _conflict_rows(found.get(application.pk, []), _host_names(cycle)),
            "history": _decision_history(application),
            "decision_form": decision_form,
            "conflict_form": conflict_form,
            "can_decide": cycle.phase in {CyclePhase.RECRUITMENT, CyclePhase.ASSIGNMENT}
            and application.status != ApplicationStatus.WITHDRAWN,
        },
        status=status,
        error=error,
    )


# --- assignment -------------------------------------------------------------------------------------------


def rank_label(rank: int | None) -> str:
    if rank is None:
        return _("not among preferences")
    ordinals = {1: _("1st choice"), 2: _("2nd choice"), 3: _("3rd choice")}
    return ordinals.get(rank) or _("%(rank)dth choice") % {"rank": rank}


def _run_context(cycle: Cycle, run) -> dict:
    """What a run shows: reasons in words if infeasible; else observers per challenge, per observer why,
    and what changed since the previous run."""
    context = {"run": run, "is_published": cycle.published_run_id == run.pk, "reasons": None}
    if run.status == RunStatus.INFEASIBLE:
        context["reasons"] = [services.reason_text(reason) for reason in run.reasons]
        return context
    settings_ = run.inputs.get("settings", {})
    minimum = settings_.get("observers_per_challenge_min", cycle.observers_per_challenge_min)
    maximum = settings_.get("observers_per_challenge_max", cycle.observers_per_challenge_max)
    explanations = selectors.run_explanations(run)
    theme_codes = {code for e in explanations for pair in e["pairs"] for code in pair.shared_themes}
    themes = {t.code: t.name for t in ThematicArea.objects.filter(code__in=theme_codes)}
    per_challenge: dict[int, list] = {}
    for entry in explanations:
        for pair in entry["pairs"]:
            pair.rank_label = rank_label(pair.rank)
            pair.theme_names = [themes.get(code, code) for code in pair.shared_themes]
            per_challenge.setdefault(pair.challenge_id, []).append(entry["application"])
    challenges = {c.pk: c for c in cycle.challenges.select_related("host__organisation")}
    challenge_rows = [
        {
            "challenge": challenge,
            "observers": per_challenge.get(challenge.pk, []),
            "count": len(per_challenge.get(challenge.pk, [])),
            "short": len(per_challenge.get(challenge.pk, [])) < minimum,
        }
        for challenge in challenges.values()
        if challenge.pk in per_challenge or challenge.state == ChallengeState.APPROVED
    ]
    changes = (run.diff or {}).get("changes", {})
    names = {}
    if changes:
        people = ObserverApplication.objects.filter(pk__in=[int(pk) for pk in changes]).select_related("user")
        names = {str(a.pk): a.user.display_name for a in people}
    diff_rows = [
        {
            "person": names.get(str(pk), pk),
            "added": [str(challenges.get(int(c), c)) for c in change.get("added", [])],
            "removed": [str(challenges.get(int(c), c)) for c in change.get("removed", [])],
        }
        for pk, change in changes.items()
    ]
    context.update(
        minimum=minimum,
        maximum=maximum,
        explanations=explanations,
        challenge_rows=challenge_rows,
        diff_rows=diff_rows,
        previous=(run.diff or {}).get("previous"),
        score_before=(run.diff or {}).get("score_before"),
    )
    return context


def _assignment_page(request, cycle: Cycle, *, rule_form=None, status: int = 200, error: str = ""):
    runs = list(cycle.runs.select_related("created_by"))
    latest = runs[0] if runs else None
    return _page(
        request,
        cycle,
        "assignment.html",
        {
            "runs": runs,
            "latest": _run_context(cycle, latest) if latest else None,
            "rules": selectors.pair_rules(cycle).order_by(
                "application__user__last_name", "challenge__number"
            ),
            "rule_form": rule_form or PairRuleForm(cycle=cycle),
            "can_assign": cycle.phase == CyclePhase.ASSIGNMENT,
        },
        status=status,
        error=error,
    )


@login_required
def assignment(request, slug: str):
    cycle = _cycle_for(request, slug)
    if request.method != "POST":
        return _assignment_page(request, cycle)
    action = request.POST.get("action")
    rule_form = None
    try:
        if action == "run":
            run = services.run_assignment(actor=request.user, cycle=cycle)
            if run.status == RunStatus.SOLVED:
                messages.success(request, _("Run %(number)d found an assignment.") % {"number": run.number})
            else:
                messages.warning(
                    request,
                    _("Run %(number)d found no assignment that meets every condition; see why below.")
                    % {"number": run.number},
                )
        elif action == "publish":
            run = get_object_or_404(cycle.runs, number=_posted_int(request, "run"))
            services.publish_run(actor=request.user, run=run)
            messages.success(
                request, _("The assignment of run %(number)d is published.") % {"number": run.number}
            )
        elif action == "rule":
            rule_form = PairRuleForm(request.POST, cycle=cycle)
            if not rule_form.is_valid():
                return _assignment_page(request, cycle, rule_form=rule_form, status=400)
            services.set_pair_rule(
                actor=request.user,
                cycle=cycle,
                application=rule_form.cleaned_data["application"],
                challenge=rule_form.cleaned_data["challenge"],
                kind=rule_form.service_kind(),
                reason=rule_form.cleaned_data["reason"],
            )
            messages.success(request, _("The rule is saved; it applies from the next run."))
        else:
            raise BadRequest("unknown action")
    except DomainError as exc:
        return _assignment_page(request, cycle, rule_form=rule_form, status=_status(exc), error=exc.message)
    return redirect("peer_review:assignment", cycle.slug)


@login_required
def run(request, slug: str, number: int):
    cycle = _cycle_for(request, slug)
    chosen = get_object_or_404(cycle.runs.select_related("created_by"), number=number)
    return _page(
        request,
        cycle,
        "run.html",
        {"detail": _run_context(cycle, chosen), "can_assign": cycle.phase == CyclePhase.ASSIGNMENT},
    )


# --- meetings ---------------------------------------------------------------------------------------------


def _meetings_page(request, cycle: Cycle, *, bound=None, status: int = 200, error: str = ""):
    """One block per kind of meeting: its form (to schedule or change it), agenda and invitations."""
    bound = bound or {}
    existing = {
        m.kind: m
        for m in cycle.meetings.select_related("venue").prefetch_related("agenda__challenge", "attendance")
    }
    blocks = []
    for kind, label in MeetingKind.choices:
        meeting = existing.get(kind)
        blocks.append(
            {
                "kind": kind,
                "label": label,
                "meeting": meeting,
                "form": bound.get(("meeting", kind)) or MeetingForm(cycle=cycle, kind=kind, meeting=meeting),
                "agenda_form": (bound.get(("agenda", meeting.pk)) or AgendaItemForm(meeting=meeting))
                if meeting
                else None,
                "invited": len(meeting.attendance.all()) if meeting else 0,
            }
        )
    return _page(request, cycle, "meetings.html", {"blocks": blocks}, status=status, error=error)


@login_required
def meetings(request, slug: str):
    cycle = _cycle_for(request, slug)
    if request.method != "POST":
        return _meetings_page(request, cycle)
    action = request.POST.get("action")
    bound = {}
    try:
        if action == "save":
            kind = request.POST.get("kind", "")
            if kind not in MeetingKind.values:
                raise BadRequest("unknown kind of meeting")
            meeting = cycle.meetings.filter(kind=kind).first()
            form = MeetingForm(request.POST, cycle=cycle, kind=kind, meeting=meeting)
            bound[("meeting", kind)] = form
            if not form.is_valid():
                return _meetings_page(request, cycle, bound=bound, status=400)
            data = form.cleaned_data
            saved = services.save_meeting(
                actor=request.user,
                cycle=cycle,
                kind=kind,
                meeting=meeting,
                **{name: data[name] for name in MeetingForm.base_fields},
            )
            messages.success(request, _("%(meeting)s is saved.") % {"meeting": saved.title})
        elif action == "agenda_add":
            meeting = get_object_or_404(cycle.meetings, pk=_posted_int(request, "meeting"))
            form = AgendaItemForm(request.POST, meeting=meeting)
            bound[("agenda", meeting.pk)] = form
            if not form.is_valid():
                return _meetings_page(request, cycle, bound=bound, status=400)
            data = form.cleaned_data
            services.add_agenda_item(
                actor=request.user, meeting=meeting, kind=data["kind"], title=data["title"],
                starts_at=data["starts_at"], ends_at=data["ends_at"], challenge=data["challenge"],
                place=data["place"], description=data["description"],
            )  # fmt: skip
            messages.success(request, _("The agenda item is added."))
        elif action == "agenda_remove":
            item = get_object_or_404(
                AgendaItem.objects.select_related("meeting__cycle"),
                pk=_posted_int(request, "item"),
                meeting__cycle=cycle,
            )
            services.remove_agenda_item(actor=request.user, item=item)
            messages.success(request, _("The agenda item is removed."))
        elif action == "invite":
            meeting = get_object_or_404(cycle.meetings, pk=_posted_int(request, "meeting"))
            count = services.send_invitations(actor=request.user, meeting=meeting)
            messages.success(request, _("Invitations sent: %(count)d.") % {"count": count})
        else:
            raise BadRequest("unknown action")
    except DomainError as exc:
        return _meetings_page(request, cycle, bound=bound, status=_status(exc), error=exc.message)
    return redirect("peer_review:meetings", cycle.slug)
