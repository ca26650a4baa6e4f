"""Public pages of the Forum: the landing page and a cycle's page (its public call during recruitment)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .. import selectors
from ..enums import CyclePhase
from ..models import Cycle, ObserverApplication


def index(request):
    user = request.user
    cycles = list(selectors.visible_cycles(user).order_by("-created_at"))
    return render(
        request,
        "peer_review/index.html",
        {
            "cycles": cycles,
            "my_cycles": selectors.my_cycles(user),
            "can_create": user.is_authenticated and user.has_perm("peer_review.manage_cycle"),
        },
    )


def visible_cycle_or_404(request, slug: str) -> Cycle:
    """The cycle, or 404 for those who may not see it: a draft cycle does not exist for the public."""
    cycle = get_object_or_404(Cycle, slug=slug)
    if not request.user.has_perm("peer_review.view_cycle", cycle):
        raise Http404
    return cycle


def cycle(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    user = request.user
    challenges = [
        (challenge, user.has_perm("peer_review.view_challenge", challenge))
        for challenge in selectors.approved_challenges(cycle)
    ]
    application = None
    if user.is_authenticated:
        application = ObserverApplication.objects.filter(cycle=cycle, user=user).first()
    dates = {d.phase: d for d in cycle.phase_dates.all()}
    schedule = [
        {"phase": phase, "label": label, "dates": dates.get(phase), "current": phase == cycle.phase}
        for phase, label in CyclePhase.choices
        if phase != CyclePhase.DRAFT
    ]
    return render(
        request,
        "peer_review/cycle.html",
        {
            "cycle": cycle,
            "hosts": cycle.hosts.select_related("organisation"),
            "schedule": schedule,
            "challenges": challenges,
            "recruiting": cycle.phase == CyclePhase.RECRUITMENT,
            "recruitment_over": cycle.reached(CyclePhase.ASSIGNMENT),
            "can_apply": user.has_perm("peer_review.apply", cycle),
            "application": application,
            "roles": selectors.roles_in(user, cycle),
        },
    )
