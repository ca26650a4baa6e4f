"""Publishing a cycle's report into the knowledge library.

Publication writes (or revises) the report's page under the report library: the sections as rich text, the
consolidated recommendations as numbered items that handbook chapters can embed (knowledge's
ReportRecommendationBlock), each linking back to its challenge. It runs inside the transition to *published*,
so a failure leaves the cycle where it was.
"""

import re
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.models import ReportIndexPage, ReportPage, ReportRecommendation
from zitnet.core.errors import DomainError
from zitnet.core.markdown import render_markdown

from .document import build
from .enums import SectionKind
from .models import Cycle, Recommendation, Report

# Stream block ids derive from the report and the section key, so a re-publication does not churn them.
_ID_NAMESPACE = uuid.UUID("0c7f3f5e-4d1b-4a53-9d56-6c2f8f1e2b77")
_MARKDOWN_MARKS = re.compile(r"[*_`#>\[\]()|\\]")


def _summary(report: Report) -> str:
    """The first paragraph of the introduction, as plain text."""
    intro = next((s for s in report.sections.all() if s.kind == SectionKind.INTRODUCTION), None)
    if intro is None:
        return ""
    paragraphs = [p.strip() for p in intro.body.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    return _MARKDOWN_MARKS.sub("", paragraphs[0])[:2000] if paragraphs else ""


@transaction.atomic
def publish_report(*, cycle: Cycle, actor) -> ReportPage:
    """Create or revise the cycle's report page and publish it; returns the page."""
    report = Report.objects.select_for_update().filter(cycle=cycle).first()
    if report is None or not report.sections.exists():
        raise DomainError(_("The report has not been assembled yet, so there is nothing to publish."))
    if any(section.has_conflict for section in report.sections.all()):
        raise DomainError(
            _("Some sections have a newer assembled text waiting; resolve them before publishing.")
        )
    index = ReportIndexPage.objects.first()
    if index is None:
        raise DomainError(_("The knowledge library has no report library page; ask an editor to create it."))

    document = build(cycle, report=report)
    sections = [entry.section for entry in document.sections]
    # Numbered as in the report and its exports (R1…Rn): the published items keep that order.
    numbered = document.recommendations
    recommendations = {r.pk: r for r in Recommendation.objects.filter(challenge__cycle=cycle)}
    fields = {
        "title": report.title,
        "cycle_name": cycle.title,
        "hosts": ", ".join(host.organisation.name for host in cycle.hosts.select_related("organisation"))[
            :500
        ],
        "published_on": timezone.localdate(),
        "summary": _summary(report),
        "sections": [
            {
                "type": "section",
                "value": {"title": section.title[:200], "body": str(render_markdown(section.body))},
                "id": str(uuid.uuid5(_ID_NAMESPACE, f"{report.pk}/{section.key}")),
            }
            for section in sections
        ],
    }
    items = [
        ReportRecommendation(
            sort_order=entry.number - 1,
            text=entry.text,
            addressee=entry.addressee,
            priority=entry.priority,
            time_frame=entry.time_frame,
            challenge=entry.challenge.title[:300],
            challenge_url=entry.challenge.get_absolute_url(),
        )
        for entry in numbered
    ]

    page = report.page.specific if report.page_id else None
    if page is None:
        page = ReportPage(slug=_free_slug(index, cycle.slug), live=True, **fields)
        if actor is not None:
            page.owner = actor
        index.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.recommendations = items
    revision = page.save_revision(user=actor)
    # The Forum's coordinator publishes through the cycle, not as a Wagtail editor: the transition's own
    # permission (manage_cycle) has been checked.
    revision.publish(user=actor, skip_permission_checks=True)
    page.refresh_from_db()

    # Link each consolidated recommendation to its published item (numbers are the items' order).
    published = list(ReportRecommendation.objects.filter(page=page).order_by("sort_order"))
    Recommendation.objects.filter(published_item__in=published).update(published_item=None)
    linked = []
    for entry, item in zip(numbered, published, strict=True):
        recommendation = recommendations[entry.pk]
        recommendation.published_item = item
        linked.append(recommendation)
    Recommendation.objects.bulk_update(linked, ["published_item"])

    report.page = page
    report.published_at = timezone.now()
    report.save(update_fields=["page", "published_at"])
    return page


def _free_slug(index: ReportIndexPage, slug: str) -> str:
    taken = set(index.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
