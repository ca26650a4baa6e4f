"""Moderation pages of the forum: thread and post actions, reports, the moderation queue and the log.

Plain POST forms, no JavaScript. Someone who may not even read the thread or space gets a 404, a reader who is
not a moderator a 403. A refused change (`DomainError`) is shown with status 400 (409 when the page was out of
date); a successful one redirects back (PRG) with a message.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError

from .. import moderation
from ..models import Post, PostReport, Space, Thread

TEMPLATES = "forum/moderation/"
LOG_PAGE_SIZE = 50


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=moderation.MAX_HIDE_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext_lazy(
            "The author of the post sees this reason; other readers see only that the moderators hid it."
        )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong with this post?"),
        help_text=gettext_lazy("Only the moderators of this space read your report."),
        max_length=moderation.MAX_REPORT_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MoveForm(forms.Form):
    space = forms.ModelChoiceField(label=gettext_lazy("Move to"), queryset=Space.objects.none())
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"),
        required=False,
        max_length=moderation.MAX_HIDE_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, thread: Thread, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = (
            moderation.moderated_spaces(user).filter(is_archived=False).exclude(pk=thread.space_id)
        )


def _status(error: DomainError) -> int:
    return 409 if error.code == "stale" else 400


def _next_url(request, default: str) -> str:
    """Where to go after an action: a local `next` sent with the form (the queue), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _thread_to_moderate(request, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("space"), pk=pk)
    if not request.user.has_perm("forum.view_thread", thread):
        raise Http404
    if not request.user.has_perm("forum.moderate_space", thread.space):
        raise PermissionDenied
    return thread


def _post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__space", "author"), pk=pk)
    if not request.user.has_perm("forum.view_post", post):
        raise Http404
    return post


def _post_to_moderate(request, pk: int) -> Post:
    post = _post(request, pk)
    if not request.user.has_perm("forum.moderate_space", post.thread.space):
        raise PermissionDenied
    return post


def _space(request, slug: str) -> Space:
    space = get_object_or_404(Space, slug=slug)
    if not request.user.has_perm("forum.view_space", space):
        raise Http404
    return space


def _space_to_moderate(request, slug: str) -> Space:
    space = _space(request, slug)
    if not request.user.has_perm("forum.moderate_space", space):
        raise PermissionDenied
    return space


def _refused(request, error: DomainError, *, back: str):
    return render(
        request, TEMPLATES + "refused.html", {"error": error.message, "back": back}, status=_status(error)
    )


# --- threads ----------------------------------------------------------------------------------------------

THREAD_ACTIONS = {
    "pin": (moderation.pin, gettext_lazy("The thread is pinned.")),
    "unpin": (moderation.unpin, gettext_lazy("The thread is no longer pinned.")),
    "lock": (moderation.lock, gettext_lazy("The thread is locked: only moderators can reply.")),
    "unlock": (moderation.unlock, gettext_lazy("The thread is open for replies again.")),
}


@require_POST
@login_required
def thread_action(request, pk: int, action: str):
    if action not in THREAD_ACTIONS:
        raise Http404
    thread = _thread_to_moderate(request, pk)
    service, done = THREAD_ACTIONS[action]
    back = _next_url(request, thread.get_absolute_url())
    try:
        service(actor=request.user, thread=thread)
    except DomainError as error:
        return _refused(request, error, back=back)
    messages.success(request, str(done))
    return redirect(back)


@login_required
def move_thread(request, pk: int):
    thread = _thread_to_moderate(request, pk)
    form = MoveForm(request.POST or None, user=request.user, thread=thread)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                thread = moderation.move(
                    actor=request.user,
                    thread=thread,
                    to_space=form.cleaned_data["space"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(
                    request, _("The thread is moved to “%(space)s”.") % {"space": thread.space.title}
                )
                return redirect(thread.get_absolute_url())
        else:
            status = 400
    return render(
        request, TEMPLATES + "move.html", {"thread": thread, "form": form, "error": error}, status=status
    )


# --- posts --------------------------------------------------------------------------------------------------


@login_required
def hide_post(request, pk: int):
    post = _post_to_moderate(request, pk)
    form = HideForm(request.POST or None)
    back = _next_url(request, post.get_absolute_url())
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                moderation.hide(actor=request.user, post=post, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(request, _("The post is hidden; its author sees your reason."))
                return redirect(back)
        else:
            status = 400
    context = {"post": post, "thread": post.thread, "form": form, "error": error, "next": back}
    return render(request, TEMPLATES + "hide.html", context, status=status)


@require_POST
@login_required
def unhide_post(request, pk: int):
    post = _post_to_moderate(request, pk)
    back = _next_url(request, post.get_absolute_url())
    try:
        moderation.unhide(actor=request.user, post=post)
    except DomainError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("The post is shown again."))
    return redirect(back)


@login_required
def report_post(request, pk: int):
    post = _post(request, pk)
    form = ReportForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                moderation.report_post(actor=request.user, post=post, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                error, status = exc.message, _status(exc)
            else:
                messages.success(request, _("Thank you. The moderators will look at the post."))
                return redirect(post.get_absolute_url())
        else:
            status = 400
    context = {"post": post, "thread": post.thread, "form": form, "error": error}
    return render(request, TEMPLATES + "report.html", context, status=status)


@require_POST
@login_required
def dismiss_report(request, pk: int):
    report = get_object_or_404(PostReport.objects.select_related("post__thread__space"), pk=pk)
    space = report.post.thread.space
    if not request.user.has_perm("forum.view_space", space):
        raise Http404
    if not request.user.has_perm("forum.moderate_space", space):
        raise PermissionDenied
    back = _next_url(request, reverse("forum:moderation_queue", args=[space.slug]))
    try:
        moderation.dismiss_report(actor=request.user, report=report)
    except DomainError as error:
        return _refused(request, error, back=back)
    messages.success(request, _("The report is dismissed; the post stays visible."))
    return redirect(back)


# --- the queue and the log ----------------------------------------------------------------------------------


@login_required
def space_queue(request, slug: str):
    space = _space_to_moderate(request, slug)
    context = {"space": space, "items": moderation.open_reports(space=space), "here": request.get_full_path()}
    return render(request, TEMPLATES + "queue.html", context)


@login_required
def network_queue(request):
    if not moderation.moderates_everything(request.user):
        raise PermissionDenied
    context = {"space": None, "items": moderation.open_reports(), "here": request.get_full_path()}
    return render(request, TEMPLATES + "queue.html", context)


@login_required
def space_log(request, slug: str):
    space = _space_to_moderate(request, slug)
    page_obj = Paginator(moderation.moderation_log(space), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, TEMPLATES + "log.html", {"space": space, "page_obj": page_obj})
