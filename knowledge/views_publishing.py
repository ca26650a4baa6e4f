"""Front-end publishing of good practices: the guided form, "my practices", preview and verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState, WorkflowState

from zitnet.core.errors import DomainError
from zitnet.core.views_helpers import require_perm

from . import services, uploads
from .forms import (
    IndicatorFormSet,
    PracticeForm,
    VerificationForm,
    indicator_initial,
    initial_for_new,
    initial_from_page,
    silence,
    silence_formset,
    with_more_rows,
)
from .models import PracticePage, PracticeVerification


class PublishingState(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    AWAITING = "awaiting", gettext_lazy("Awaiting approval")
    CHANGES_REQUESTED = "changes_requested", gettext_lazy("Changes requested")
    PUBLISHED = "published", gettext_lazy("Published")
    PUBLISHED_WITH_DRAFT = "published_draft", gettext_lazy("Published; your later changes are not submitted")


def publishing_state(page: PracticePage) -> tuple[str, str]:
    """Where a practice stands for its author, and the reviewer's comment when changes were requested."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return PublishingState.AWAITING, ""
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = workflow_state.current_task_state
        comment = task_state.comment if task_state and task_state.status == TaskState.STATUS_REJECTED else ""
        return PublishingState.CHANGES_REQUESTED, comment
    if page.live:
        return (
            PublishingState.PUBLISHED_WITH_DRAFT
            if page.has_unpublished_changes
            else PublishingState.PUBLISHED
        ), ""
    return PublishingState.DRAFT, ""


def _attach_workflow_states(pages: list[PracticePage]) -> None:
    """One query for the active workflow states of all the pages (what Page.current_workflow_state reads)."""
    states: dict[str, list] = {}
    if pages:
        query = (
            WorkflowState.objects.active()
            .filter(
                base_content_type=pages[0].get_base_content_type(), object_id__in=[str(p.pk) for p in pages]
            )
            .select_related("current_task_state")
        )
        for state in query:
            states.setdefault(state.object_id, []).append(state)
    for page in pages:
        page._current_workflow_states = states.get(str(page.pk), [])


def _form_page(request, *, form, formset, page=None, status=200):
    return render(
        request,
        "knowledge/practice_form.html",
        {
            "form": form,
            "formset": formset,
            "page": page,
            "editing": page is not None,
            "max_document_size": filesizeformat(uploads.document_max_bytes()),
        },
        status=status,
    )


def _save_from_post(request, *, page=None, draft=None):
    """Shared by create and edit: "add rows", validation errors (400) or the service call and a redirect."""
    documents = list(draft.documents.all()) if draft is not None else []
    has_image = bool(draft is not None and draft.image_id)
    if "add_rows" in request.POST:
        data = with_more_rows(request.POST)
        form = PracticeForm(
            data, request.FILES, user=request.user, existing_documents=documents, has_image=has_image
        )
        formset = IndicatorFormSet(data, prefix="indicators")
        silence(form)
        silence_formset(formset)
        messages.info(request, _("Three more rows added. Attach files again if you had chosen any."))
        return _form_page(request, form=form, formset=formset, page=page)
    form = PracticeForm(
        request.POST, request.FILES, user=request.user, existing_documents=documents, has_image=has_image
    )
    formset = IndicatorFormSet(request.POST, prefix="indicators")
    valid = form.is_valid()
    valid = formset.is_valid() and valid  # both, so every error shows at once
    if not valid:
        return _form_page(request, form=form, formset=formset, page=page, status=400)
    submit = "submit" in request.POST
    content = form.to_content(formset.indicators())
    try:
        if page is None:
            page = services.create_practice(author=request.user, content=content, submit=submit)
        else:
            page = services.update_practice(author=request.user, page=page, content=content, submit=submit)
    except DomainError as error:
        form.add_error(None, error.message)
        return _form_page(request, form=form, formset=formset, page=page, status=409)
    if submit:
        messages.success(
            request,
            _("“%(title)s” has been sent to the network coordinators for approval.")
            % {"title": content.fields["title"]},
        )
    else:
        messages.success(
            request, _("The draft of “%(title)s” has been saved.") % {"title": content.fields["title"]}
        )
    return redirect("knowledge:my_practices")


@login_required
def practice_create(request):
    require_perm(request, "knowledge.draft_practice")
    if request.method == "POST":
        return _save_from_post(request)
    form = PracticeForm(initial=initial_for_new(request.user), user=request.user)
    formset = IndicatorFormSet(prefix="indicators")
    return _form_page(request, form=form, formset=formset)


@login_required
def practice_edit(request, pk: int):
    page = get_object_or_404(PracticePage, pk=pk)
    require_perm(request, "knowledge.edit_practice", page)
    draft = page.get_latest_revision_as_object()
    if request.method == "POST":
        return _save_from_post(request, page=page, draft=draft)
    documents = list(draft.documents.all())
    form = PracticeForm(
        initial=initial_from_page(draft),
        user=request.user,
        existing_documents=documents,
        has_image=bool(draft.image_id),
    )
    formset = IndicatorFormSet(initial=indicator_initial(draft), prefix="indicators")
    return _form_page(request, form=form, formset=formset, page=page)


@login_required
def my_practices(request):
    require_perm(request, "knowledge.view_own_practices")
    pages = list(
        PracticePage.objects.filter(owner=request.user).order_by("-latest_revision_created_at", "-pk")
    )
    _attach_workflow_states(pages)
    rows = []
    for page in pages:
        state, comment = publishing_state(page)
        rows.append(
            {
                "page": page,
                "state": state,
                "state_label": PublishingState(state).label,
                "comment": comment,
                "can_edit": request.user.has_perm("knowledge.edit_practice", page),
            }
        )
    return render(
        request,
        "knowledge/my_practices.html",
        {"rows": rows, "can_draft": request.user.has_perm("knowledge.draft_practice")},
    )


@login_required
def practice_preview(request, pk: int):
    page = get_object_or_404(PracticePage, pk=pk)
    require_perm(request, "knowledge.preview_practice", page)
    draft = page.get_latest_revision_as_object()
    # The practice body is never cached in preview mode (knowledge.views.practice_body).
    request.is_preview = True
    state, comment = publishing_state(page)
    return render(
        request,
        "knowledge/practice_preview.html",
        {
            "page": draft,
            "practice": page,
            "state_label": PublishingState(state).label,
            "comment": comment,
            "can_edit": request.user.has_perm("knowledge.edit_practice", page),
        },
    )


@login_required
def practice_verify(request, pk: int):
    page = get_object_or_404(PracticePage, pk=pk)
    require_perm(request, "knowledge.verify_practice", page)
    verification = PracticeVerification.objects.filter(practice=page).prefetch_related("assessments").first()
    form = VerificationForm(request.POST or None, verification=verification)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = services.verify_practice(
                reviewer=request.user, page=page, assessments=form.assessments()
            )
            if result.verified:
                messages.success(
                    request, _("“%(title)s” is now a verified good practice.") % {"title": page.title}
                )
            else:
                messages.success(
                    request,
                    _("The assessment has been saved; not every criterion is met, so there is no label."),
                )
            return redirect(page.get_url(request) or "knowledge:my_practices")
        status = 400
    return render(
        request,
        "knowledge/verification_form.html",
        {"page": page, "form": form, "verification": verification},
        status=status,
    )
