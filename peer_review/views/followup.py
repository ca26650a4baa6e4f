"""Follow-up pages of a cycle: the board of all hosts, a host's recommendations with their answers, actions and
progress, one recommendation's forms and one action's form.

Views parse input, call `peer_review.followup` and answer; a refused change (DomainError) comes back as the page
with its message and 400. The pages exist once the report is published (404 before).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm

from .. import followup
from ..enums import CyclePhase
from ..forms_followup import ActionForm, ActionStatusForm, ProgressForm, ResponseForm
from ..models import Cycle, FollowUpAction, Host, Recommendation
from .public import visible_cycle_or_404

TEMPLATES = "peer_review/followup/"
STATE_CLASSES = {
    "accepted": "approved",
    "partly": "submitted",
    "not_accepted": "returned",
    "done": "approved",
    "in_progress": "submitted",
}


def _started_cycle(request, slug: str) -> Cycle:
    cycle = visible_cycle_or_404(request, slug)
    if not cycle.reached(CyclePhase.PUBLISHED):
        raise Http404
    return cycle


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _mark(recommendations, today, opens: dict) -> None:
    """What the templates show: state classes, overdue actions, each milestone's report or opening day."""
    for recommendation in recommendations:
        recommendation.milestones = [
            {"months": months, "report": recommendation.progress.get(months), "opens_on": opens[months]}
            for months in followup.MILESTONES
        ]
        answer = recommendation.answer
        recommendation.state_class = STATE_CLASSES.get(answer.status, "") if answer else ""
        for action in recommendation.actions.all():
            action.is_overdue = followup.is_overdue(action, today)
            action.state_class = "returned" if action.is_overdue else STATE_CLASSES.get(action.status, "")


@login_required
def board(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    require_perm(request, "peer_review.view_followup_board", cycle)
    user = request.user
    context = {"cycle": cycle, "started": cycle.reached(CyclePhase.PUBLISHED)}
    if context["started"]:
        summary = followup.board(cycle)
        for row in summary["rows"]:
            row.host.cycle = cycle
            row.can_view = user.has_perm("peer_review.view_followup", row.host)
        context.update(summary)
        context["milestones"] = [(months, summary["opens"][months]) for months in followup.MILESTONES]
        context["can_manage"] = user.has_perm("peer_review.manage_cycle", cycle)
    return render(request, TEMPLATES + "board.html", context)


@login_required
def host(request, slug: str, host_id: int):
    cycle = _started_cycle(request, slug)
    item = get_object_or_404(
        Host.objects.select_related("organisation", "coordinator"), cycle=cycle, pk=host_id
    )
    item.cycle = cycle
    require_perm(request, "peer_review.view_followup", item)
    today = timezone.localdate()
    recommendations = followup.recommendations_for(cycle, [item])
    opens = followup.milestone_dates(cycle)
    _mark(recommendations, today, opens)
    challenges: list[dict] = []
    for recommendation in recommendations:
        if not challenges or challenges[-1]["challenge"].pk != recommendation.challenge_id:
            challenges.append({"challenge": recommendation.challenge, "recommendations": []})
        challenges[-1]["recommendations"].append(recommendation)
    return render(
        request,
        TEMPLATES + "host.html",
        {
            "cycle": cycle,
            "host": item,
            "challenges": challenges,
            "open": cycle.phase in followup.OPEN_PHASES,
            "can_edit": request.user.has_perm("peer_review.plan_actions", item),
            "can_board": request.user.has_perm("peer_review.view_followup_board", cycle),
        },
    )


def _recommendation_or_404(cycle: Cycle, pk: int) -> Recommendation:
    try:
        recommendation = followup.recommendation_detail(cycle, pk)
    except Recommendation.DoesNotExist as exc:
        raise Http404 from exc
    recommendation.challenge.host.cycle = cycle
    recommendation.challenge.cycle = cycle
    return recommendation


@login_required
def recommendation(request, slug: str, pk: int):
    cycle = _started_cycle(request, slug)
    item = _recommendation_or_404(cycle, pk)
    owner_host = item.challenge.host
    require_perm(request, "peer_review.view_followup", owner_host)
    if request.method == "POST":
        return _recommendation_post(request, cycle, item)
    return _recommendation_page(request, cycle, item)


def _recommendation_post(request, cycle: Cycle, item: Recommendation):
    which = request.POST.get("form", "")
    owner_host = item.challenge.host
    actor = request.user
    forms: dict = {}
    try:
        if which == "response":
            require_perm(request, "peer_review.respond_recommendation", owner_host)
            form = forms["response_form"] = ResponseForm(request.POST)
            if not form.is_valid():
                return _recommendation_page(request, cycle, item, status=400, **forms)
            followup.respond(actor=actor, recommendation=item, **form.cleaned_data)
            done, anchor = _("Your answer is saved."), "answer"
        elif which == "action":
            require_perm(request, "peer_review.plan_actions", owner_host)
            form = forms["action_form"] = ActionForm(request.POST, host=owner_host)
            if not form.is_valid():
                return _recommendation_page(request, cycle, item, status=400, **forms)
            followup.plan_action(actor=actor, recommendation=item, **form.cleaned_data)
            done, anchor = _("The action is planned."), "actions"
        elif which in ("progress-6", "progress-12"):
            require_perm(request, "peer_review.plan_actions", owner_host)
            months = int(which.removeprefix("progress-"))
            form = ProgressForm(request.POST, prefix=f"m{months}")
            forms["progress_forms"] = {months: form}
            if not form.is_valid():
                return _recommendation_page(request, cycle, item, status=400, **forms)
            followup.report_progress(
                actor=actor, recommendation=item, months=months, text=form.cleaned_data["text"]
            )
            done, anchor = _("The progress report is saved."), "progress"
        elif which.startswith("status-") and which.removeprefix("status-").isdigit():
            require_perm(request, "peer_review.plan_actions", owner_host)
            action_id = int(which.removeprefix("status-"))
            action = next((a for a in item.actions.all() if a.pk == action_id), None)
            if action is None:
                raise Http404
            form = ActionStatusForm(request.POST, prefix=f"a{action_id}")
            forms["status_forms"] = {action_id: form}
            if not form.is_valid():
                return _recommendation_page(request, cycle, item, status=400, **forms)
            followup.update_action(actor=actor, action=action, status=form.cleaned_data["status"])
            done, anchor = _("The status of the action is saved."), "actions"
        else:
            raise BadRequest("unknown form")
    except DomainError as error:
        item = _recommendation_or_404(cycle, item.pk)
        return _recommendation_page(request, cycle, item, error=error.message, status=_status(error), **forms)
    messages.success(request, done)
    return redirect(reverse("peer_review:followup_recommendation", args=[cycle.slug, item.pk]) + f"#{anchor}")


def _recommendation_page(
    request,
    cycle: Cycle,
    item: Recommendation,
    *,
    response_form=None,
    action_form=None,
    progress_forms=None,
    status_forms=None,
    error: str = "",
    status: int = 200,
):
    user = request.user
    owner_host = item.challenge.host
    today = timezone.localdate()
    opens = followup.milestone_dates(cycle)
    _mark([item], today, opens)
    answer = item.answer
    phase_open = cycle.phase in followup.OPEN_PHASES
    accepting = answer is not None and answer.status in followup.ACCEPTING
    can_respond = phase_open and user.has_perm("peer_review.respond_recommendation", owner_host)
    can_plan = phase_open and accepting and user.has_perm("peer_review.plan_actions", owner_host)
    can_report = can_plan and cycle.phase == CyclePhase.FOLLOW_UP
    progress_forms = progress_forms or {}
    status_forms = status_forms or {}
    milestones = []
    for months in followup.MILESTONES:
        report = item.progress.get(months)
        is_open = opens[months] is not None and opens[months] <= today
        form = None
        if can_report and is_open:
            form = progress_forms.get(months) or ProgressForm(
                prefix=f"m{months}", initial={"text": report.text} if report else None
            )
        milestones.append(
            {"months": months, "opens_on": opens[months], "open": is_open, "report": report, "form": form}
        )
    actions = []
    for action in item.actions.all():
        form = None
        if can_plan:
            form = status_forms.get(action.pk) or ActionStatusForm(
                prefix=f"a{action.pk}", initial={"status": action.status}
            )
        actions.append({"action": action, "form": form})
    if can_respond and response_form is None:
        response_form = ResponseForm(
            initial={"status": answer.status, "reason": answer.reason} if answer else None
        )
    if can_plan and action_form is None:
        action_form = ActionForm(host=owner_host)
    return render(
        request,
        TEMPLATES + "recommendation.html",
        {
            "cycle": cycle,
            "host": owner_host,
            "recommendation": item,
            "answer": answer,
            "accepting": accepting,
            "phase_open": phase_open,
            "response_form": response_form if can_respond else None,
            "action_form": action_form if can_plan else None,
            "actions": actions,
            "milestones": milestones,
            "can_plan": can_plan,
            "in_follow_up": cycle.phase == CyclePhase.FOLLOW_UP,
            "error": error,
        },
        status=status,
    )


@login_required
def action(request, slug: str, pk: int):
    cycle = _started_cycle(request, slug)
    item = get_object_or_404(
        FollowUpAction.objects.select_related("recommendation__challenge__host__organisation", "owner"),
        recommendation__challenge__cycle=cycle,
        pk=pk,
    )
    owner_host = item.recommendation.challenge.host
    owner_host.cycle = cycle
    require_perm(request, "peer_review.view_followup", owner_host)
    require_perm(request, "peer_review.plan_actions", owner_host)
    phase_open = cycle.phase in followup.OPEN_PHASES
    form = ActionForm(host=owner_host, with_status=True, initial=ActionForm.initial_from(item))
    error, status = "", 200
    if request.method == "POST":
        form = ActionForm(request.POST, host=owner_host, with_status=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                followup.update_action(
                    actor=request.user,
                    action=item,
                    status=data["status"],
                    description=data["description"],
                    due_on=data["due_on"],
                    owner=data["owner"],
                    owner_name=data["owner_name"],
                )
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(request, _("The action is saved."))
                return redirect(
                    reverse("peer_review:followup_recommendation", args=[cycle.slug, item.recommendation_id])
                    + "#actions"
                )
        else:
            status = 400
    return render(
        request,
        TEMPLATES + "action.html",
        {
            "cycle": cycle,
            "host": owner_host,
            "action": item,
            "recommendation": item.recommendation,
            "form": form if phase_open else None,
            "error": error,
        },
        status=status,
    )
