"""Pages of findings and consolidated recommendations: my findings in a cycle, a challenge's findings, and the
experts' consolidation page.

Those who may not read a challenge's findings get 404 (they need not know what is there), those who may read
but not change them 403. A refused change comes back as the page with its message: 400, 409 when the form was
built from an older version.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError

from .. import findings, selectors
from ..enums import ChallengeState, FindingState
from ..forms_findings import FindingActionForm, FindingForm, RecommendationActionForm, RecommendationForm
from ..models import Challenge, Finding, Recommendation
from .public import visible_cycle_or_404


def _status_for(error: DomainError) -> int:
    return {"stale": 409, "forbidden": 403}.get(error.code, 400)


def _challenge_or_404(request, cycle, pk: int, perm: str = "peer_review.view_findings") -> Challenge:
    """The challenge whose findings the user may read (404 otherwise); with another `perm`, 403 to readers
    who lack it."""
    challenge = get_object_or_404(
        Challenge.objects.select_related("host__organisation", "cycle"),
        cycle=cycle,
        pk=pk,
        state=ChallengeState.APPROVED,
    )
    user = request.user
    if not user.has_perm("peer_review.view_findings", challenge):
        raise Http404
    if perm != "peer_review.view_findings" and not user.has_perm(perm, challenge):
        raise PermissionDenied
    return challenge


def _own_finding_or_404(request, challenge, finding_id: int) -> Finding:
    finding = get_object_or_404(
        Finding.objects.select_related("practice", "author"), challenge=challenge, pk=finding_id
    )
    if not request.user.has_perm("peer_review.view_finding", finding):
        raise Http404  # someone else's draft does not exist for anyone but its author
    if not request.user.has_perm("peer_review.change_finding", finding):
        raise PermissionDenied
    return finding


def _done_message(submitted: bool) -> str:
    if submitted:
        return _("Your finding is submitted.")
    return _("Your finding is saved as a draft; only you see it until you submit it.")


# --- my findings ------------------------------------------------------------------------------------------


@login_required
def mine(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    user = request.user
    challenges = findings.recordable_challenges(user, cycle)
    own = findings.my_findings(user, cycle)
    if (
        not challenges
        and not own
        and not selectors.roles_in(user, cycle) & {"coordinator", "expert", "observer"}
    ):
        raise Http404
    open_now = findings.is_open(cycle)
    form = FindingForm(request.POST or None, challenges=challenges)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            challenge = next((c for c in challenges if c.pk == form.cleaned_data["challenge"]), None)
            if challenge is None:
                form.add_error("challenge", _("Choose one of the challenges you may record findings on."))
                status = 400
            else:
                submit = request.POST.get("then") == "submit"
                try:
                    findings.save_finding(actor=user, challenge=challenge, submit=submit, **form.values())
                except DomainError as error:
                    form.add_error(None, error.message)
                    status = _status_for(error)
                else:
                    messages.success(request, _done_message(submit))
                    return redirect("peer_review:my_findings", slug=cycle.slug)
        else:
            status = 400
    counts = findings.counts_by_challenge(user, challenges)
    rows = [
        {
            "challenge": challenge,
            "counts": counts[challenge.pk],
            "consolidate": user.has_perm("peer_review.consolidate_findings", challenge),
        }
        for challenge in challenges
    ]
    return render(
        request,
        "peer_review/findings/mine.html",
        {
            "cycle": cycle,
            "rows": rows,
            "own": own,
            "form": form if open_now and challenges else None,
            "open": open_now,
            "closed_message": "" if open_now else findings.closed_message(cycle),
        },
        status=status,
    )


# --- a challenge's findings -------------------------------------------------------------------------------


@login_required
def challenge_findings(request, slug: str, pk: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk)
    user = request.user
    can_record = user.has_perm("peer_review.record_finding", challenge)
    open_now = findings.is_open(cycle)
    form = FindingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            submit = request.POST.get("then") == "submit"
            try:
                findings.save_finding(actor=user, challenge=challenge, submit=submit, **form.values())
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
            else:
                messages.success(request, _done_message(submit))
                return redirect("peer_review:challenge_findings", slug=cycle.slug, pk=challenge.pk)
        else:
            status = 400
    data = findings.challenge_findings(user, challenge)
    return render(
        request,
        "peer_review/findings/challenge.html",
        {
            "cycle": cycle,
            "challenge": challenge,
            **data,
            "form": form if can_record and open_now else None,
            "open": open_now,
            "closed_message": "" if open_now else findings.closed_message(cycle),
            "can_record": can_record,
            "can_consolidate": user.has_perm("peer_review.consolidate_findings", challenge),
        },
        status=status,
    )


@login_required
def finding_edit(request, slug: str, pk: int, finding_id: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk)
    finding = _own_finding_or_404(request, challenge, finding_id)
    open_now = findings.is_open(cycle)
    editable = open_now and finding.state == FindingState.DRAFT
    form = FindingForm(request.POST or None, initial=FindingForm.initial_from(finding))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            submit = request.POST.get("then") == "submit"
            try:
                findings.save_finding(
                    actor=request.user,
                    challenge=challenge,
                    finding=finding,
                    expected_version=form.cleaned_data["version"],
                    submit=submit,
                    **form.values(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
                finding.refresh_from_db()
            else:
                messages.success(request, _done_message(submit))
                return redirect("peer_review:challenge_findings", slug=cycle.slug, pk=challenge.pk)
        else:
            status = 400
    return render(
        request,
        "peer_review/findings/finding_edit.html",
        {
            "cycle": cycle,
            "challenge": challenge,
            "finding": finding,
            "form": form,
            "editable": editable,
            "closed_message": "" if open_now else findings.closed_message(cycle),
        },
        status=status,
    )


@login_required
@require_POST
def finding_action(request, slug: str, pk: int, finding_id: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk)
    finding = _own_finding_or_404(request, challenge, finding_id)
    form = FindingActionForm(request.POST)
    back = request.POST.get("next") == "mine"
    target = (
        reverse("peer_review:my_findings", args=[cycle.slug])
        if back
        else reverse("peer_review:challenge_findings", args=[cycle.slug, challenge.pk])
    )
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the finding."))
        return redirect(target)
    action, version = form.cleaned_data["action"], form.cleaned_data["version"]
    try:
        if action == "submit":
            findings.submit_finding(actor=request.user, finding=finding, expected_version=version)
            done = _("Your finding is submitted.")
        elif action == "withdraw":
            findings.withdraw_finding(actor=request.user, finding=finding, expected_version=version)
            done = _("Your finding is back among your drafts.")
        else:
            findings.delete_finding(actor=request.user, finding=finding, expected_version=version)
            done = _("Your draft is deleted.")
    except DomainError as error:
        return render(
            request,
            "peer_review/findings/refused.html",
            {"cycle": cycle, "challenge": challenge, "error": error.message, "back": target},
            status=_status_for(error),
        )
    messages.success(request, done)
    return redirect(target)


# --- consolidation ----------------------------------------------------------------------------------------


def _selected(request) -> set[int]:
    return {int(v) for v in request.POST.getlist("sources") if v.isdigit()}


@login_required
def consolidation(request, slug: str, pk: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk, "peer_review.consolidate_findings")
    data = findings.consolidation(challenge)
    form = RecommendationForm(request.POST or None, findings=data["findings"])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = findings.create_recommendation(
                    actor=request.user, challenge=challenge, **form.values()
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
            else:
                messages.success(request, _("Recommendation %(n)d is created.") % {"n": made.position})
                return redirect(
                    reverse("peer_review:consolidation", args=[cycle.slug, challenge.pk])
                    + f"#recommendation-{made.pk}"
                )
        else:
            status = 400
    return _consolidation_page(request, cycle, challenge, data, form, status=status)


def _consolidation_page(request, cycle, challenge, data, form, *, error: str = "", status: int = 200):
    open_now = findings.is_open(cycle)
    return render(
        request,
        "peer_review/findings/consolidation.html",
        {
            "cycle": cycle,
            "challenge": challenge,
            **data,
            "form": form if open_now else None,
            "selected": _selected(request) if request.method == "POST" else set(),
            "open": open_now,
            "closed_message": "" if open_now else findings.closed_message(cycle),
            "error": error,
        },
        status=status,
    )


def _recommendation_or_404(challenge, recommendation_id: int) -> Recommendation:
    return get_object_or_404(Recommendation, challenge=challenge, pk=recommendation_id)


@login_required
def recommendation_edit(request, slug: str, pk: int, recommendation_id: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk, "peer_review.consolidate_findings")
    recommendation = _recommendation_or_404(challenge, recommendation_id)
    data = findings.consolidation(challenge)
    initial = RecommendationForm.initial_from(recommendation)
    form = RecommendationForm(request.POST or None, initial=initial, findings=data["findings"])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                findings.update_recommendation(
                    actor=request.user,
                    recommendation=recommendation,
                    expected_version=form.cleaned_data["version"],
                    **form.values(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
                recommendation.refresh_from_db()
            else:
                messages.success(request, _("The recommendation is saved."))
                return redirect(
                    reverse("peer_review:consolidation", args=[cycle.slug, challenge.pk])
                    + f"#recommendation-{recommendation.pk}"
                )
        else:
            status = 400
    selected = _selected(request) if request.method == "POST" else set(initial["sources"])
    open_now = findings.is_open(cycle)
    return render(
        request,
        "peer_review/findings/recommendation_edit.html",
        {
            "cycle": cycle,
            "challenge": challenge,
            "recommendation": recommendation,
            "groups": data["groups"],
            "form": form,
            "selected": selected,
            "editable": open_now,
            "closed_message": "" if open_now else findings.closed_message(cycle),
        },
        status=status,
    )


@login_required
@require_POST
def recommendation_action(request, slug: str, pk: int, recommendation_id: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk, "peer_review.consolidate_findings")
    recommendation = _recommendation_or_404(challenge, recommendation_id)
    form = RecommendationActionForm(request.POST)
    target = reverse("peer_review:consolidation", args=[cycle.slug, challenge.pk])
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the recommendation."))
        return redirect(target)
    action = form.cleaned_data["action"]
    try:
        if action == "delete":
            findings.delete_recommendation(
                actor=request.user,
                recommendation=recommendation,
                expected_version=form.cleaned_data["version"],
            )
            done, anchor = _("The recommendation is deleted; its findings are free again."), ""
        else:
            findings.move_recommendation(actor=request.user, recommendation=recommendation, direction=action)
            done, anchor = _("The recommendation is moved."), f"#recommendation-{recommendation.pk}"
    except DomainError as error:
        data = findings.consolidation(challenge)
        form = RecommendationForm(findings=data["findings"]) if findings.is_open(cycle) else None
        return _consolidation_page(
            request, cycle, challenge, data, form, error=error.message, status=_status_for(error)
        )
    messages.success(request, done)
    return redirect(target + anchor)
