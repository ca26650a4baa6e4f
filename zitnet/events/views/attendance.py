"""Pages of attendance: the organisers' check-in list and import, certificates of attendance and their check.

Organisers and network coordinators record attendance (`events.check_in`); someone who may not even see the
event gets a 404, someone who may see it but not record attendance a 403. Certificates: the attendee's own, or
all of them in one PDF for the organisers; the public verification page needs only the code.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zitnet.core.errors import DomainError

from .. import attendance, certificates, selectors
from ..models import Event, Registration


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Participant list (CSV)"),
        help_text=gettext_lazy(
            "The list exported from Zoom, Teams, ClickMeeting or Google Meet, at most 2 MB and 5000 rows. "
            "People are matched to confirmed registrations by e-mail address."
        ),
    )
    minimum_minutes = forms.IntegerField(
        label=gettext_lazy("Minimum time present (minutes)"),
        help_text=gettext_lazy(
            "People who stayed shorter are not marked present. 0: everyone on the list. "
            "Needs a duration column in the file."
        ),
        min_value=0,
        max_value=10_000,
        initial=0,
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > attendance.MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file may be at most 2 MB."))
        return upload


def _event(request, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("series", "venue", "organiser"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    return event


def _event_for_attendance(request, slug: str) -> Event:
    event = _event(request, slug)
    if not request.user.has_perm("events.check_in", event):
        raise PermissionDenied
    return event


def _query(request) -> str:
    return " ".join(str(request.GET.get("q", "")).split())[: attendance.MAX_QUERY_LENGTH]


def _check_in_page(request, event: Event, *, query: str, status: int = 200):
    listing = attendance.check_in_list(event, query=query)
    context = {
        "event": event,
        "listing": listing,
        "window_open": attendance.attendance_is_open(event),
        "window_message": attendance.window_message(event),
    }
    return render(request, "events/attendance/check_in.html", context, status=status)


@login_required
def check_in_list(request, slug: str):
    event = _event_for_attendance(request, slug)
    return _check_in_page(request, event, query=_query(request))


def _change_attendance(request, slug: str, registration_id: int, *, undo: bool):
    event = _event_for_attendance(request, slug)
    registration = get_object_or_404(
        Registration.objects.select_related("user", "event"), pk=registration_id, event=event
    )
    query = " ".join(str(request.POST.get("q", "")).split())[: attendance.MAX_QUERY_LENGTH]
    name = registration.user.display_name
    try:
        if undo:
            registration, changed = attendance.undo_check_in(user=request.user, registration=registration)
        else:
            registration, changed = attendance.check_in(user=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, error.message)
        return _check_in_page(request, event, query=query, status=400)
    if undo:
        text = (
            _("%(name)s is no longer marked present.") if changed else _("%(name)s was not marked present.")
        )
        messages.success(request, text % {"name": name})
    elif changed:
        messages.success(request, _("%(name)s is marked present.") % {"name": name})
    else:
        messages.info(
            request,
            _("%(name)s was already marked present at %(time)s.")
            % {"name": name, "time": attendance.when(registration.attended_at)},
        )
    url = reverse("events:check_in_list", args=[event.slug])
    if query:
        url += "?" + urlencode({"q": query})
    return redirect(f"{url}#r{registration.pk}")


@require_POST
@login_required
def check_in(request, slug: str, registration_id: int):
    return _change_attendance(request, slug, registration_id, undo=False)


@require_POST
@login_required
def undo_check_in(request, slug: str, registration_id: int):
    return _change_attendance(request, slug, registration_id, undo=True)


@login_required
def import_attendance(request, slug: str):
    event = _event_for_attendance(request, slug)
    context = {
        "event": event,
        "window_open": attendance.attendance_is_open(event),
        "window_message": attendance.window_message(event),
    }
    if request.method != "POST":
        context["form"] = AttendanceImportForm()
        return render(request, "events/attendance/import.html", context)
    form = AttendanceImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return render(request, "events/attendance/import.html", context, status=400)
    try:
        result = attendance.import_attendance(
            user=request.user,
            event=event,
            content=form.cleaned_data["file"].read(),
            minimum_minutes=form.cleaned_data["minimum_minutes"] or 0,
        )
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "events/attendance/import.html", context, status=400)
    context.update(result=result, form=AttendanceImportForm())
    return render(request, "events/attendance/import.html", context)


# Certificates


def _refused(request, event: Event, message: str, *, status: int):
    return render(
        request,
        "events/attendance/certificate_refused.html",
        {"event": event, "message": message},
        status=status,
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def certificate(request, slug: str):
    """The person's own certificate; nobody can ask for someone else's (there is no id in the address)."""
    event = get_object_or_404(Event.objects.select_related("series", "venue", "organiser"), slug=slug)
    registration = selectors.registration_of(request.user, event)
    if registration is None and not request.user.has_perm("events.view_event", event):
        raise Http404
    message = certificates.refusal(registration, event)
    if message:
        return _refused(request, event, message, status=403)
    content = certificates.render_pdf(request, event, [registration])
    return _pdf_response(content, f"zaswiadczenie-{event.slug}.pdf")


@login_required
def all_certificates(request, slug: str):
    """Every attendee's certificate in one PDF, for the event's organisers and network coordinators."""
    event = _event_for_attendance(request, slug)
    if not event.is_past:
        return _refused(
            request,
            event,
            _("Certificates of attendance are available once the event has ended."),
            status=403,
        )
    registrations = certificates.attendees(event)
    if not registrations:
        return _refused(
            request,
            event,
            _("Nobody's attendance is recorded for this event, so there are no certificates."),
            status=404,
        )
    content = certificates.render_pdf(request, event, registrations)
    return _pdf_response(content, f"zaswiadczenia-{event.slug}.pdf")


def verify_certificate(request, code: str):
    registration = certificates.registration_for_code(code)
    context = {"registration": registration, "code": code[:200]}
    if registration is not None:
        event = registration.event
        context.update(event=event, place=certificates.place_of(event))
    return render(
        request, "events/attendance/verify.html", context, status=200 if registration is not None else 404
    )
