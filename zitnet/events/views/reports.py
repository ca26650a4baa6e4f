"""Participation reports: an event's (its organisers, network coordinators) and a series' (network coordinators),
as a page or, with ?format=csv / ?format=xlsx, as a download in Polish for the project's indicators."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from zitnet.core.views_helpers import require_perm

from .. import reporting
from ..models import Event, EventSeries

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WRITERS = {"csv": reporting.report_csv, "xlsx": reporting.report_xlsx}


def _respond(request, build, context: dict, filename: str):
    fmt = request.GET.get("format", "")
    if fmt in WRITERS:
        with translation.override("pl"):
            content = WRITERS[fmt](build())
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
        response["Cache-Control"] = "private, no-store"
        return response
    context["report"] = build()
    status = 200
    if fmt:
        context["error"] = _("The report can be downloaded as CSV or XLSX only.")
        status = 400
    return render(request, "events/reports/report.html", context, status=status)


@login_required
def event_report(request, slug: str):
    event = get_object_or_404(Event.objects.select_related("series"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    require_perm(request, "events.view_report", event)
    show_series = event.series is not None and request.user.has_perm(
        "events.view_series_report", event.series
    )
    return _respond(
        request,
        lambda: reporting.event_report(event),
        {"event": event, "series": None, "series_of_event": event.series if show_series else None},
        f"raport-uczestnictwa-{event.slug}",
    )


@login_required
def series_report(request, slug: str):
    series = get_object_or_404(EventSeries, slug=slug)
    require_perm(request, "events.view_series_report", series)
    return _respond(
        request,
        lambda: reporting.series_report(series),
        {"event": None, "series": series},
        f"raport-uczestnictwa-cykl-{series.slug}",
    )
