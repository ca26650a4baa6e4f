"""The report's downloads: raport.html (inline), raport.pdf and raport.docx.

Who may have them: while the report is a draft, those who may see it (`peer_review.view_report`: the
coordinators, the cycle's experts and host coordinators); from publication on, anyone who may see the cycle.
Everyone else gets a 404, as for a report that does not exist. A report not assembled yet is a 404 page that
says so to those who could see it.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from .. import document as report_document
from .. import exports
from ..enums import CyclePhase
from ..models import Cycle, Report
from .public import visible_cycle_or_404

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def may_download(user, cycle: Cycle) -> bool:
    """The published report is public to whoever sees the cycle; the draft only to those who see drafts."""
    if cycle.reached(CyclePhase.PUBLISHED) and user.has_perm("peer_review.view_cycle", cycle):
        return True
    return user.has_perm("peer_review.view_report", cycle)


def _document_or_response(request, slug: str):
    """The document, or the response to send instead (a 404 page when nothing is assembled yet)."""
    cycle = visible_cycle_or_404(request, slug)
    if not may_download(request.user, cycle):
        raise Http404
    report = Report.objects.filter(cycle=cycle).first()
    if report is None:
        return None, render(request, "peer_review/report/export_missing.html", {"cycle": cycle}, status=404)
    return report_document.build(cycle, report=report), None


def _respond(content, content_type: str, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    # Made afresh on each request from the sections being edited: no cache keeps an older text.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def report_html(request, slug: str):
    built, refusal = _document_or_response(request, slug)
    if refusal:
        return refusal
    links = {
        "pdf": reverse("peer_review:report_pdf", args=[slug]),
        "docx": reverse("peer_review:report_docx", args=[slug]),
        "cycle": reverse("peer_review:cycle", args=[slug]),
    }
    return _respond(
        exports.to_html(built, links=links),
        "text/html; charset=utf-8",
        built.filename("html"),
        attachment=False,
    )


def report_pdf(request, slug: str):
    built, refusal = _document_or_response(request, slug)
    if refusal:
        return refusal
    base_url = request.build_absolute_uri("/")
    content = exports.cached(built, "pdf", lambda: exports.to_pdf(built, base_url=base_url))
    return _respond(content, "application/pdf", built.filename("pdf"), attachment=True)


def report_docx(request, slug: str):
    built, refusal = _document_or_response(request, slug)
    if refusal:
        return refusal
    base_url = request.build_absolute_uri("/")
    # Links within the site are made absolute with the host asked for: one file per host.
    content = exports.cached(
        built, "docx", lambda: exports.to_docx(built, base_url=base_url), variant=base_url
    )
    return _respond(content, DOCX_TYPE, built.filename("docx"), attachment=True)
