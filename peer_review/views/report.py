"""Pages of the report: the report itself, its assembly and a preview of it, a section with its conflicts and
comments, editing with the merge view, revisions compared and restored, and a host's review of its part.

Views parse input, call `peer_review.report` and answer: a refused change comes back as the page with its
message and 400, a stale one as the merge page (or the page) with 409; a success redirects (PRG).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError
from zitnet.core.markdown import render_markdown
from zitnet.core.views_helpers import require_perm

from .. import document
from .. import report as reports
from ..enums import CyclePhase, HostReviewStatus
from ..forms_report import CommentForm, CompareForm, HostReviewForm, ResolveForm, SectionForm, VersionForm
from ..models import Host, ReportSection, SectionComment, SectionRevision
from .public import visible_cycle_or_404

T = "peer_review/report/"


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _cycle(request, slug: str):
    """The cycle (404 for those who may not see it) whose report the user may read (403 otherwise)."""
    cycle = visible_cycle_or_404(request, slug)
    require_perm(request, "peer_review.view_report", cycle)
    return cycle


def _section(cycle, pk: int) -> ReportSection:
    return get_object_or_404(
        ReportSection.objects.select_related(
            "report__cycle", "host__organisation", "challenge__host__organisation", "updated_by"
        ),
        report__cycle=cycle,
        pk=pk,
    )


def _can_edit(user, cycle) -> bool:
    return cycle.phase in reports.EDIT_PHASES and user.has_perm("peer_review.edit_report", cycle)


def _section_url(cycle, section) -> str:
    return reverse("peer_review:report_section", args=[cycle.slug, section.pk])


# --- the report -------------------------------------------------------------------------------------------


@login_required
def report(request, slug: str):
    return _report_page(request, _cycle(request, slug))


def _report_page(request, cycle, *, error: str = "", status: int = 200):
    user = request.user
    report = reports.report_of(cycle)
    items = []
    if report is not None:
        # The numbered recommendations (R1…Rn) come from the document the exports print.
        numbered = {
            entry.section.pk: entry.recommendations for entry in document.build(cycle, report=report).sections
        }
        for section in reports.sections(report):
            items.append(
                {
                    "section": section,
                    "html": render_markdown(section.body),
                    "recommendations": numbered.get(section.pk, []),
                }
            )
    blockers = []
    if user.has_perm("peer_review.edit_report", cycle):
        if cycle.phase == CyclePhase.REPORT_DRAFTING:
            blockers = reports.drafting_blockers(cycle)
        elif cycle.phase == CyclePhase.HOST_REVIEW:
            blockers = reports.review_blockers(cycle)
    statuses = reports.host_statuses(cycle, report)
    return render(
        request,
        T + "report.html",
        {
            "cycle": cycle,
            "report": report,
            "items": items,
            "statuses": statuses,
            "my_hosts": [s.host for s in statuses if user.has_perm("peer_review.review_host_part", s.host)],
            "can_edit": _can_edit(user, cycle),
            "can_assemble": cycle.phase == CyclePhase.REPORT_DRAFTING
            and user.has_perm("peer_review.edit_report", cycle),
            "blockers": blockers,
            "in_review": cycle.phase == CyclePhase.HOST_REVIEW,
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
def assemble(request, slug: str):
    cycle = _cycle(request, slug)
    require_perm(request, "peer_review.edit_report", cycle)
    try:
        reports.assemble(cycle=cycle, actor=request.user)
    except DomainError as error:
        return _report_page(request, cycle, error=error.message, status=_status(error))
    messages.success(request, _("The report is assembled from the cycle's data."))
    return redirect("peer_review:report", slug=cycle.slug)


@login_required
def preview(request, slug: str):
    cycle = _cycle(request, slug)
    require_perm(request, "peer_review.edit_report", cycle)
    rows = []
    for row in reports.preview(cycle=cycle):
        diff = []
        if row.outcome == reports.CONFLICT:
            diff = reports.line_diff(row.section.body, row.text)
        elif row.outcome == reports.REPLACE:
            diff = reports.line_diff(row.section.generated, row.text)
        rows.append({"row": row, "diff": diff})
    return render(
        request,
        T + "preview.html",
        {
            "cycle": cycle,
            "rows": rows,
            "conflicts": sum(1 for r in rows if r["row"].conflict),
            "can_assemble": cycle.phase == CyclePhase.REPORT_DRAFTING,
        },
    )


# --- one section ------------------------------------------------------------------------------------------


@login_required
def section(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    return _section_page(request, cycle, _section(cycle, pk))


def _section_page(request, cycle, item, *, error: str = "", status: int = 200, comment_form=None):
    user = request.user
    can_comment = cycle.phase in reports.EDIT_PHASES and user.has_perm(
        "peer_review.comment_report_section", item
    )
    return render(
        request,
        T + "section.html",
        {
            "cycle": cycle,
            "section": item,
            "html": render_markdown(item.body),
            "pending_diff": reports.line_diff(item.body, item.pending_generated, context=None)
            if item.has_conflict
            else [],
            "can_edit": _can_edit(user, cycle),
            "can_comment": can_comment,
            "is_editor": user.has_perm("peer_review.edit_report", cycle),
            "comments": list(item.comments.select_related("author", "resolved_by")),
            "comment_form": comment_form or (CommentForm() if can_comment else None),
            "error": error,
        },
        status=status,
    )


@login_required
def section_edit(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    require_perm(request, "peer_review.edit_report", cycle)
    form = SectionForm(initial={"body": item.body, "version": item.version})
    status = 200
    if request.method == "POST":
        form = SectionForm(request.POST)
        if not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            try:
                reports.save_section(
                    section=item,
                    actor=request.user,
                    body=data["body"],
                    based_on_version=data["version"],
                    merging=data["merging"],
                )
            except reports.StaleSection as stale:
                return _merge_page(request, cycle, stale.section, data["body"], stale.message)
            except DomainError as error:
                form.add_error(None, error.message)
                status = _status(error)
            else:
                messages.success(request, _("The section is saved."))
                return redirect(_section_url(cycle, item))
    return render(
        request,
        T + "section_edit.html",
        {
            "cycle": cycle,
            "section": item,
            "form": form,
            "editable": cycle.phase in reports.EDIT_PHASES,
            "pending_diff": reports.line_diff(item.body, item.pending_generated, context=None)
            if item.has_conflict
            else [],
        },
        status=status,
    )


def _merge_page(request, cycle, current, yours: str, message: str):
    """409: the current text and the editor's side by side, and a form to save the merge on the current
    version (the editor's text is already kept as a "conflict" revision)."""
    form = SectionForm(initial={"body": yours, "version": current.version, "merging": True})
    return render(
        request,
        T + "section_edit.html",
        {
            "cycle": cycle,
            "section": current,
            "form": form,
            "editable": True,
            "merge": {
                "theirs": current.body,
                "yours": yours,
                "version": current.version,
                "author": current.updated_by,
                "diff": reports.line_diff(current.body, yours, context=None),
            },
            "error": message,
        },
        status=409,
    )


@login_required
@require_POST
def resolve(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    require_perm(request, "peer_review.edit_report", cycle)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return _section_page(request, cycle, item, error=_("Choose which text to keep."), status=400)
    take = form.cleaned_data["action"] == "take"
    try:
        reports.resolve_assembly_conflict(
            section=item, actor=request.user, take_new=take, based_on_version=form.cleaned_data["version"]
        )
    except DomainError as error:
        item.refresh_from_db()
        return _section_page(request, cycle, item, error=error.message, status=_status(error))
    messages.success(
        request,
        _("The new assembled text replaces the section.") if take else _("Your text is kept."),
    )
    return redirect(_section_url(cycle, item))


# --- revisions --------------------------------------------------------------------------------------------


@login_required
def revisions(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    return _revisions_page(request, cycle, _section(cycle, pk))


def _revisions_page(request, cycle, item, *, error: str = "", status: int = 200):
    items = list(item.revisions.select_related("author"))
    return render(
        request,
        T + "revisions.html",
        {
            "cycle": cycle,
            "section": item,
            "revisions": items,
            "can_restore": _can_edit(request.user, cycle),
            "latest": items[0].pk if items else None,
            "oldest": items[-1].pk if items else None,
            "error": error,
        },
        status=status,
    )


@login_required
def compare(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        return _revisions_page(request, cycle, item, error=_("Choose two revisions to compare."), status=400)
    found = {r.pk: r for r in item.revisions.filter(pk__in=[form.cleaned_data["a"], form.cleaned_data["b"]])}
    older, newer = found.get(form.cleaned_data["a"]), found.get(form.cleaned_data["b"])
    if older is None or newer is None:
        return _revisions_page(
            request, cycle, item, error=_("Those revisions are not revisions of this section."), status=400
        )
    return render(
        request,
        T + "compare.html",
        {
            "cycle": cycle,
            "section": item,
            "older": older,
            "newer": newer,
            "diff": reports.line_diff(older.body, newer.body),
        },
    )


@login_required
@require_POST
def restore(request, slug: str, pk: int, revision_id: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    require_perm(request, "peer_review.edit_report", cycle)
    revision = get_object_or_404(SectionRevision, section=item, pk=revision_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _revisions_page(
            request, cycle, item, error=_("The form was incomplete; try again."), status=400
        )
    try:
        reports.restore_revision(
            section=item, revision=revision, actor=request.user, based_on_version=form.cleaned_data["version"]
        )
    except DomainError as error:
        item.refresh_from_db()
        return _revisions_page(request, cycle, item, error=error.message, status=_status(error))
    messages.success(
        request, _("The text of version %(n)d is the current text again.") % {"n": revision.version}
    )
    return redirect(_section_url(cycle, item))


# --- comments ---------------------------------------------------------------------------------------------


def _back(request, cycle, item):
    """Back to where the comment was written: the host's review page or the section page."""
    target = request.POST.get("next", "")
    prefix = reverse("peer_review:report", args=[cycle.slug])
    if target.startswith(prefix) and "//" not in target:
        return redirect(target)
    return redirect(_section_url(cycle, item))


@login_required
@require_POST
def comment(request, slug: str, pk: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    require_perm(request, "peer_review.comment_report_section", item)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _section_page(request, cycle, item, comment_form=form, status=400)
    try:
        reports.add_comment(section=item, actor=request.user, text=form.cleaned_data["text"])
    except DomainError as error:
        return _section_page(
            request, cycle, item, comment_form=form, error=error.message, status=_status(error)
        )
    messages.success(request, _("Your comment is added."))
    return _back(request, cycle, item)


@login_required
@require_POST
def comment_resolve(request, slug: str, pk: int, comment_id: int):
    cycle = _cycle(request, slug)
    item = _section(cycle, pk)
    note = get_object_or_404(SectionComment, section=item, pk=comment_id)
    if note.author_id != request.user.pk:
        require_perm(request, "peer_review.edit_report", cycle)
    try:
        reports.resolve_comment(comment=note, actor=request.user)
    except DomainError as error:
        return _section_page(request, cycle, item, error=error.message, status=_status(error))
    messages.success(request, _("The comment is marked resolved."))
    return _back(request, cycle, item)


# --- a host's review --------------------------------------------------------------------------------------


@login_required
def host_review(request, slug: str, host_id: int):
    cycle = _cycle(request, slug)
    host = get_object_or_404(
        Host.objects.select_related("organisation", "coordinator"), cycle=cycle, pk=host_id
    )
    user = request.user
    may_decide = user.has_perm("peer_review.review_host_part", host)
    if not may_decide and not user.has_perm("peer_review.edit_report", cycle):
        raise PermissionDenied
    form = HostReviewForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                reports.decide_host_review(
                    host=host,
                    actor=user,
                    approve=form.cleaned_data["decision"] == "approve",
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(
                    request,
                    _("You approved your part of the report.")
                    if form.cleaned_data["decision"] == "approve"
                    else _("Your request for changes is sent to the coordinator and the experts."),
                )
                return redirect("peer_review:report_host_review", slug=cycle.slug, host_id=host.pk)
        else:
            status = 400
    report = reports.report_of(cycle)
    review = report.host_reviews.filter(host=host).select_related("decided_by").first() if report else None
    items = []
    if report is not None:
        comments = SectionComment.objects.select_related("author", "resolved_by")
        for item in reports.host_part(report, host).prefetch_related(Prefetch("comments", queryset=comments)):
            can_comment = cycle.phase in reports.EDIT_PHASES and user.has_perm(
                "peer_review.comment_report_section", item
            )
            items.append(
                {
                    "section": item,
                    "html": render_markdown(item.body),
                    "comments": list(item.comments.all()),
                    "can_comment": can_comment,
                }
            )
    return render(
        request,
        T + "host_review.html",
        {
            "cycle": cycle,
            "host": host,
            "report": report,
            "review": review,
            "status_label": HostReviewStatus(review.status).label
            if review
            else HostReviewStatus.PENDING.label,
            "items": items,
            "form": form,
            "may_decide": may_decide and cycle.phase == CyclePhase.HOST_REVIEW and report is not None,
            "in_review": cycle.phase == CyclePhase.HOST_REVIEW,
            "can_edit": _can_edit(user, cycle),
            "error": error,
        },
        status=status,
    )
