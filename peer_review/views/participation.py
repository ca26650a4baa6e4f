"""Pages of the people taking part in a cycle: applicants and observers, host coordinators and experts.

Views parse input, call a service or a selector and answer; a refused change (DomainError) comes back as the
page with its message and 400 (409 when the form was stale).
"""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm
from zitnet.directory.models import ThematicArea

from .. import selectors, services
from ..enums import ApplicationStatus, AttendanceStatus, ChallengeState, CyclePhase
from ..forms_participation import (
    ApplicationForm,
    AttachmentForm,
    AttendanceForm,
    ChallengeActionForm,
    ChallengeForm,
)
from ..models import (
    Challenge,
    ChallengeAttachment,
    ChallengeComment,
    Host,
    Meeting,
    ObserverApplication,
)
from .public import visible_cycle_or_404

CHALLENGE_PHASES = {CyclePhase.DRAFT, CyclePhase.IDENTIFICATION}
EDITABLE_STATES = {ChallengeState.DRAFT, ChallengeState.RETURNED}


def _status_for(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _theme_names(codes) -> list[str]:
    return [str(area) for area in ThematicArea.objects.filter(code__in=list(codes or []))]


# --- applicants and observers -----------------------------------------------------------------------------


@login_required
def apply(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    user = request.user
    application = ObserverApplication.objects.filter(cycle=cycle, user=user).first()
    challenges = list(selectors.approved_challenges(cycle))
    context = {
        "cycle": cycle,
        "application": application,
        "recruiting": cycle.phase == CyclePhase.RECRUITMENT,
    }
    if not user.has_perm("peer_review.apply", cycle):
        return render(request, "peer_review/apply.html", {**context, "not_member": True}, status=403)
    initial = ApplicationForm.initial_from(application) if application else None
    form = ApplicationForm(
        request.POST or None, initial=initial, user=user, cycle=cycle, challenges=challenges
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            values = {
                "organisation": data["organisation"],
                "motivation": data["motivation"],
                "availability": data["availability"],
                "preferences": form.preferences(),
                "expertise": form.expertise_tags(),
                "expertise_areas": data["expertise_areas"],
                "declared_conflicts": form.declared_conflicts(),
            }
            try:
                # A form built without a version is a new application; sent twice, the service refuses it.
                if application is not None and data.get("version") is not None:
                    services.update_application(
                        user=user, application=application, expected_version=data["version"], **values
                    )
                    done = _("Your application has been updated.")
                else:
                    services.apply_as_observer(user=user, cycle=cycle, **values)
                    done = _(
                        "Thank you. Your application has been received; we will write with the decision."
                    )
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
            else:
                messages.success(request, done)
                return redirect("peer_review:observer", slug=cycle.slug)
        else:
            status = 400
    return render(request, "peer_review/apply.html", {**context, "form": form}, status=status)


@login_required
@require_POST
def withdraw(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    application = get_object_or_404(ObserverApplication, cycle=cycle, user=request.user)
    try:
        services.withdraw_application(user=request.user, application=application)
    except DomainError as error:
        return _observer_page(request, cycle, application, error=error.message, status=_status_for(error))
    messages.success(request, _("Your application has been withdrawn."))
    return redirect("peer_review:observer", slug=cycle.slug)


@login_required
def observer(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    application = get_object_or_404(ObserverApplication, cycle=cycle, user=request.user)
    return _observer_page(request, cycle, application)


def _observer_page(request, cycle, application, *, error: str = "", status: int = 200):
    user = request.user
    assigned = []
    if cycle.published_run_id is not None:
        for pair in selectors.assigned_challenges(user, cycle):
            challenge = pair.challenge
            if not user.has_perm("peer_review.view_challenge_material", challenge):
                continue
            assigned.append(
                {
                    "pair": pair,
                    "challenge": challenge,
                    "attachments": list(challenge.attachments.all()),
                    "shared_themes": _theme_names(pair.shared_themes),
                }
            )
    meetings = list(cycle.meetings.all()) if user.has_perm("peer_review.view_meeting", cycle) else []
    return render(
        request,
        "peer_review/observer.html",
        {
            "cycle": cycle,
            "application": application,
            "preferences": application.preferences.select_related("challenge__host__organisation"),
            "declared": application.conflicts.select_related("host__organisation"),
            "published": cycle.published_run_id is not None,
            "assigned": assigned,
            "meetings": meetings,
            "can_change": cycle.phase == CyclePhase.RECRUITMENT
            and application.status not in {ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED},
            "can_withdraw": not cycle.reached(CyclePhase.PREPARATION)
            and application.status != ApplicationStatus.WITHDRAWN,
            "error": error,
        },
        status=status,
    )


# --- hosts and experts ------------------------------------------------------------------------------------


@login_required
def host(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    user = request.user
    hosts = cycle.hosts.select_related("organisation", "coordinator").prefetch_related("experts")
    if user.has_perm("peer_review.manage_cycle"):
        chosen = request.GET.get("host", "")
        if chosen:
            if not chosen.isdigit():
                raise Http404
            hosts = hosts.filter(pk=int(chosen))
    else:
        hosts = hosts.filter(coordinator=user)
    hosts = list(hosts)
    if not hosts:
        raise PermissionDenied
    published = cycle.published_run_id is not None
    sections = []
    for item in hosts:
        require_perm(request, "peer_review.view_host", item)
        expert_ids = [e.pk for e in item.experts.all()]
        sections.append(
            {
                "host": item,
                "challenges": list(item.challenges.prefetch_related("themes")),
                "comments": list(
                    ChallengeComment.objects.filter(challenge__host=item, author_id__in=expert_ids)
                    .select_related("author", "challenge")
                    .order_by("-created_at", "-pk")[:5]
                ),
                "can_add": cycle.phase in CHALLENGE_PHASES
                and user.has_perm("peer_review.add_challenge", item),
                "observers": selectors.host_observers(item) if published else [],
            }
        )
    return render(
        request,
        "peer_review/host.html",
        {
            "cycle": cycle,
            "sections": sections,
            "published": published,
            "phase_open": cycle.phase in CHALLENGE_PHASES,
        },
    )


@login_required
def expert(request, slug: str):
    cycle = visible_cycle_or_404(request, slug)
    user = request.user
    hosts = cycle.hosts.select_related("organisation", "coordinator")
    if not user.has_perm("peer_review.manage_cycle"):
        hosts = hosts.filter(experts=user)
    hosts = list(hosts)
    if not hosts:
        raise PermissionDenied
    order = {ChallengeState.SUBMITTED: 0, ChallengeState.RETURNED: 1, ChallengeState.DRAFT: 2}
    challenges = sorted(
        Challenge.objects.filter(host__in=hosts).select_related("host__organisation"),
        key=lambda c: (order.get(c.state, 3), c.number, c.pk),
    )
    return render(
        request,
        "peer_review/expert.html",
        {
            "cycle": cycle,
            "hosts": hosts,
            "challenges": challenges,
            "to_comment": sum(1 for c in challenges if c.state == ChallengeState.SUBMITTED),
        },
    )


# --- challenges -------------------------------------------------------------------------------------------


def _challenge_or_404(request, cycle, pk: int) -> Challenge:
    """The challenge; 404 to those who may not know it exists, 403 to those who may know but not read it."""
    challenge = get_object_or_404(
        Challenge.objects.select_related("host__organisation", "cycle"), cycle=cycle, pk=pk
    )
    if not request.user.has_perm("peer_review.view_challenge", challenge):
        if challenge.state == ChallengeState.APPROVED and request.user.is_authenticated:
            raise PermissionDenied
        raise Http404
    return challenge


@login_required
def challenge_create(request, slug: str, host_id: int):
    cycle = visible_cycle_or_404(request, slug)
    host = get_object_or_404(Host.objects.select_related("organisation"), cycle=cycle, pk=host_id)
    require_perm(request, "peer_review.add_challenge", host)
    form = ChallengeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.save_challenge(actor=request.user, host=host, **_challenge_values(form))
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
            else:
                messages.success(
                    request, _("The challenge “%(title)s” is saved as a draft.") % {"title": created.title}
                )
                return redirect("peer_review:challenge_edit", slug=cycle.slug, pk=created.pk)
        else:
            status = 400
    return render(
        request,
        "peer_review/challenge_form.html",
        {"cycle": cycle, "host": host, "form": form, "challenge": None, "editable": True},
        status=status,
    )


def _challenge_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "guiding_question": data["guiding_question"],
        "context": data["context"],
        "strategy_links": data["strategy_links"],
        "themes": data["themes"],
    }


@login_required
def challenge_edit(request, slug: str, pk: int):
    cycle = visible_cycle_or_404(request, slug)
    challenge = _challenge_or_404(request, cycle, pk)
    require_perm(request, "peer_review.edit_challenge", challenge)
    form = ChallengeForm(initial=ChallengeForm.initial_from(challenge))
    upload = AttachmentForm()
    status = 200
    if request.method == "POST" and request.POST.get("form") == "attachment":
        upload = AttachmentForm(request.POST, request.FILES)
        if upload.is_valid():
            try:
                services.add_attachment(
                    actor=request.user,
                    challenge=challenge,
                    title=upload.cleaned_data["title"],
                    file=upload.cleaned_data["file"],
                )
            except DomainError as error:
                upload.add_error("file", error.message)
                status = _status_for(error)
            else:
                messages.success(request, _("The document is attached."))
                return redirect("peer_review:challenge_edit", slug=cycle.slug, pk=challenge.pk)
        else:
            status = 400
    elif request.method == "POST":
        form = ChallengeForm(request.POST)
        if form.is_valid():
            try:
                services.save_challenge(
                    actor=request.user,
                    host=challenge.host,
                    challenge=challenge,
                    expected_version=form.cleaned_data["version"],
                    **_challenge_values(form),
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status_for(error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(challenge)
        else:
            status = 400
    return render(
        request,
        "peer_review/challenge_form.html",
        {
            "cycle": cycle,
            "host": challenge.host,
            "challenge": challenge,
            "form": form,
            "upload": upload,
            "attachments": list(challenge.attachments.all()),
            "editable": challenge.state in EDITABLE_STATES and cycle.phase in CHALLENGE_PHASES,
        },
        status=status,
    )


def challenge(request, slug: str, pk: int):
    # The summary of an approved challenge in a public cycle is public; the rest is checked per object.
    cycle = visible_cycle_or_404(request, slug)
    item = _challenge_or_404(request, cycle, pk)
    return _challenge_page(request, cycle, item)


def _challenge_page(request, cycle, item, *, form=None, error: str = "", status: int = 200):
    user = request.user
    can_material = user.has_perm("peer_review.view_challenge_material", item)
    can_comment = user.has_perm("peer_review.comment_challenge", item)
    phase_open = cycle.phase in CHALLENGE_PHASES
    can_edit = user.has_perm("peer_review.edit_challenge", item)
    can_review = user.has_perm("peer_review.review_challenge", item)
    actions = {
        "edit": phase_open and can_edit and item.state in EDITABLE_STATES,
        "submit": phase_open and can_edit and item.state in EDITABLE_STATES,
        "return": phase_open and can_review and item.state == ChallengeState.SUBMITTED,
        "approve": phase_open and can_review and item.state == ChallengeState.SUBMITTED,
        "reopen": phase_open
        and user.has_perm("peer_review.manage_cycle", cycle)
        and item.state == ChallengeState.APPROVED,
        "comment": can_comment,
    }
    context = {
        "cycle": cycle,
        "challenge": item,
        "themes": list(item.themes.all()),
        "can_material": can_material,
        "can_comment": can_comment,
        "actions": actions,
        "any_action": any(actions.values()),
        "form": form,
        "error": error,
    }
    if can_material:
        context["attachments"] = list(item.attachments.all())
        context["versions"] = list(item.versions.select_related("created_by"))
    if can_comment:
        context["comments"] = list(item.comments.select_related("author"))
    return render(request, "peer_review/challenge.html", context, status=status)


@login_required
@require_POST
def challenge_action(request, slug: str, pk: int):
    cycle = visible_cycle_or_404(request, slug)
    item = _challenge_or_404(request, cycle, pk)
    form = ChallengeActionForm(request.POST)
    if not form.is_valid():
        return _challenge_page(
            request, cycle, item, form=form, error=_("Choose what to do with the challenge."), status=400
        )
    action, body = form.cleaned_data["action"], form.cleaned_data["body"]
    version = form.cleaned_data["version"]
    actor = request.user
    try:
        if action == "submit":
            services.submit_challenge(actor=actor, challenge=item, expected_version=version, note=body)
            done = _("The challenge is submitted to the experts.")
        elif action == "return":
            services.return_challenge(actor=actor, challenge=item, comment=body, expected_version=version)
            done = _("The challenge is returned to the host with your comment.")
        elif action == "approve":
            services.approve_challenge(actor=actor, challenge=item, comment=body, expected_version=version)
            done = _("The challenge is approved.")
        elif action == "reopen":
            services.reopen_challenge(actor=actor, challenge=item, reason=body)
            done = _("The challenge is reopened and back with the host.")
        else:
            services.comment_on_challenge(actor=actor, challenge=item, body=body)
            done = _("Your comment is added.")
    except DomainError as error:
        item.refresh_from_db()
        return _challenge_page(
            request, cycle, item, form=form, error=error.message, status=_status_for(error)
        )
    messages.success(request, done)
    return redirect(reverse("peer_review:challenge", args=[cycle.slug, item.pk]))


@login_required
def attachment(request, slug: str, pk: int, attachment_id: int):
    cycle = visible_cycle_or_404(request, slug)
    item = get_object_or_404(Challenge, cycle=cycle, pk=pk)
    if not request.user.has_perm("peer_review.view_challenge_material", item):
        raise Http404
    document = get_object_or_404(ChallengeAttachment, challenge=item, pk=attachment_id)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=PurePath(document.file.name).name
    )


# --- meetings ---------------------------------------------------------------------------------------------


@login_required
def meeting(request, slug: str, pk: int):
    cycle = visible_cycle_or_404(request, slug)
    item = get_object_or_404(Meeting.objects.select_related("venue"), cycle=cycle, pk=pk)
    require_perm(request, "peer_review.view_meeting", item)
    user = request.user
    rows = list(item.attendance.select_related("user"))
    mine = next((row for row in rows if row.user_id == user.pk), None)
    can_record = user.has_perm("peer_review.record_attendance", item)
    form = None
    status = 200
    if can_record:
        initial = {"present": [row.user_id for row in rows if row.status == AttendanceStatus.ATTENDED]}
        form = AttendanceForm(request.POST or None, rows=rows, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                try:
                    counts = services.record_attendance(
                        actor=user, meeting=item, present=form.cleaned_data["present"]
                    )
                except DomainError as error:
                    form.add_error(None, error.message)
                    status = _status_for(error)
                else:
                    messages.success(
                        request,
                        _("Attendance is recorded. Present: %(attended)d, absent: %(absent)d.") % counts,
                    )
                    return redirect(item)
            else:
                status = 400
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "peer_review/meeting.html",
        {
            "cycle": cycle,
            "meeting": item,
            "agenda": list(item.agenda.select_related("challenge")),
            "rows": rows,
            "mine": mine,
            "show_link": mine is not None or user.has_perm("peer_review.manage_meeting", item),
            "form": form,
        },
        status=status,
    )
