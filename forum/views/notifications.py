"""The notifications page (/dyskusje/powiadomienia/): the list, marking read, the e-mail setting; and the
one-click unsubscribe link of forum e-mails, which works without logging in (RFC 8058)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from zitnet.core.errors import DomainError

from .. import notifications
from ..enums import EmailMode, NotificationKind
from ..models import Space, Thread

PAGE_SIZE = 30


class EmailSettingsForm(forms.Form):
    email = forms.ChoiceField(
        label=gettext_lazy("E-mail me about mentions, replies and followed threads"),
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
    )


class PresenceForm(forms.Form):
    show_presence = forms.BooleanField(
        label=gettext_lazy("Show others that I am reading a thread"),
        help_text=gettext_lazy("Your name appears under “Reading now” on the threads you have open."),
        required=False,
    )


def _page(request, *, form: EmailSettingsForm | None = None, status: int = 200):
    user = request.user
    page_obj = Paginator(notifications.notifications_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    readable: dict[int, bool] = {}
    for notification in page_obj.object_list:
        thread = notification.thread
        if thread.pk not in readable:
            readable[thread.pk] = user.has_perm("forum.view_thread", thread)
        # A thread the person may no longer read is named nowhere on the page.
        notification.readable = readable[thread.pk]
        notification.post_shown = bool(
            notification.post
            and (not notification.post.is_hidden or notification.kind == NotificationKind.MODERATION)
        )
    current = notifications.settings_of(user)
    if form is None:
        form = EmailSettingsForm(initial={"email": current.email})
    context = {
        "page_obj": page_obj,
        "form": form,
        "presence_form": PresenceForm(initial={"show_presence": current.show_presence}),
        "unread": notifications.unread_count(user),
        "querystring": "",
    }
    return render(request, "forum/notifications/list.html", context, status=status)


@login_required
def notification_list(request):
    return _page(request)


@login_required
@require_POST
def mark_read(request, pk: int):
    if not notifications.mark_read(user=request.user, notification_id=pk):
        # Someone else's, or already read: nothing to say about which.
        if not notifications.notifications_of(request.user).filter(pk=pk).exists():
            raise Http404
    return redirect("forum:notifications")


@login_required
@require_POST
def mark_all_read(request):
    count = notifications.mark_all_read(user=request.user)
    messages.success(
        request, _("All notifications are marked as read.") if count else _("Nothing was unread.")
    )
    return redirect("forum:notifications")


@login_required
@require_POST
def email_settings(request):
    form = EmailSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how often to receive e-mails."))
        return _page(request, form=form, status=400)
    try:
        notifications.set_email_mode(user=request.user, email=form.cleaned_data["email"])
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, form=form, status=400)
    messages.success(request, _("Your e-mail setting is saved."))
    return redirect("forum:notifications")


@require_POST
@login_required
def presence_settings(request):
    """Whether the person's name shows under "Reading now" (forum.live); a checkbox, so anything but "on" is no."""
    notifications.set_show_presence(user=request.user, show=request.POST.get("show_presence") == "on")
    messages.success(request, _("Your setting is saved."))
    return redirect("forum:notifications")


# The token in the address is the credential: mail providers POST here without cookies (RFC 8058), so there
# is no session and no CSRF token to check.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    target = notifications.read_unsubscribe_token(token)
    person = get_user_model().objects.filter(pk=target.user_id).first() if target else None
    if target is None or person is None:
        return render(request, "forum/notifications/unsubscribe.html", {"invalid": True}, status=404)
    thread = Thread.objects.filter(pk=target.thread_id).first() if target.thread_id else None
    space = Space.objects.filter(pk=target.space_id).first() if target.space_id else None
    context = {
        "token": token,
        "scope": target.scope,
        # Named only when the person may still read it; the link may be old.
        "thread": thread if thread and person.has_perm("forum.view_thread", thread) else None,
        "space": space if space and person.has_perm("forum.view_space", space) else None,
    }
    if request.method == "POST":
        notifications.unsubscribe(target)
        context["done"] = True
    return render(request, "forum/notifications/unsubscribe.html", context)
