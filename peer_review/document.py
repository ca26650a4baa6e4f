"""The cycle's report as a document: title page, table of contents, numbered sections and recommendations.

A pure read shared by every export (HTML, PDF, DOCX): a handful of queries whatever the size of the report.
Top-level sections are numbered "1.", "2."…; a challenge's section that follows its host's section is
numbered under it ("2.1"). Recommendations are numbered R1…Rn across the report, in section order and then
by their position within the challenge.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.utils import timezone
from django.utils.safestring import SafeString

from zitnet.core.markdown import render_markdown

from .enums import CyclePhase, HostRole, MeetingKind, SectionKind
from .models import Challenge, Cycle, Host, Meeting, Recommendation, Report, ReportSection


@dataclass(frozen=True)
class NumberedRecommendation:
    pk: int
    number: int
    text: str
    addressee: str
    time_frame: str
    priority: str
    priority_label: str
    challenge: Challenge
    updated_at: datetime

    @property
    def label(self) -> str:
        return f"R{self.number}"

    @property
    def anchor(self) -> str:
        return f"rekomendacja-{self.number}"


@dataclass
class DocumentSection:
    section: ReportSection
    number: str  # "1", "2.1"
    level: int  # 1 for top-level sections, 2 for those under a host
    recommendations: list[NumberedRecommendation] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def body(self) -> str:
        return self.section.body

    @property
    def kind(self) -> str:
        return self.section.kind

    @property
    def label(self) -> str:
        """The number as printed before the title: "1." at the top level, "2.1" below it."""
        return f"{self.number}." if self.level == 1 else self.number

    @property
    def anchor(self) -> str:
        return "sekcja-" + self.number.replace(".", "-")

    @property
    def is_challenge(self) -> bool:
        return self.section.kind == SectionKind.CHALLENGE and self.section.challenge_id is not None

    @cached_property
    def html(self) -> SafeString:
        return render_markdown(self.section.body)


@dataclass(frozen=True)
class HostEntry:
    name: str
    role: str
    is_leader: bool


@dataclass(frozen=True)
class MeetingEntry:
    title: str
    kind_label: str
    starts_on: date
    ends_on: date
    place: str


@dataclass
class ReportDocument:
    report: Report
    cycle: Cycle
    hosts: list[HostEntry]
    meetings: list[MeetingEntry]
    sections: list[DocumentSection]

    @property
    def title(self) -> str:
        return self.report.title or self.cycle.title

    @property
    def is_published(self) -> bool:
        return self.cycle.reached(CyclePhase.PUBLISHED)

    @property
    def recommendations(self) -> list[NumberedRecommendation]:
        return [rec for section in self.sections for rec in section.recommendations]

    @property
    def toc(self) -> list[DocumentSection]:
        return self.sections

    @cached_property
    def as_of(self) -> datetime:
        """When its content last changed: the last edit of a section or a recommendation, or the assembly."""
        moments = [s.section.updated_at for s in self.sections] + [r.updated_at for r in self.recommendations]
        moments.append(self.report.assembled_at)
        return max((m for m in moments if m is not None), default=None) or timezone.now()

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever anything the files show changes (for caching the PDF and the DOCX)."""
        parts = [
            self.report.pk,
            self.report.title,
            self.report.published_at,
            self.cycle.slug,
            self.cycle.title,
            self.is_published,
            self.hosts,
            self.meetings,
            self.as_of,
        ]
        parts += [
            (s.section.pk, s.section.version, s.section.updated_at, s.section.position, s.title, s.body)
            for s in self.sections
        ]
        parts += [(r.number, r.text, r.addressee, r.time_frame, r.priority) for r in self.recommendations]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def filename(self, extension: str) -> str:
        """ "raport-<cycle slug>.<extension>" (slugs are ASCII already)."""
        return f"raport-{self.cycle.slug}.{extension}"


def number_sections(sections: list[ReportSection]) -> list[DocumentSection]:
    """Numbers in reading order; a challenge section right after its host's section (or its other
    challenges) becomes a sub-section of that host."""
    numbered: list[DocumentSection] = []
    top = sub = 0
    parent: ReportSection | None = None  # the host section challenges may nest under
    for section in sections:
        nests = (
            parent is not None
            and section.kind == SectionKind.CHALLENGE
            and (section.host_id is None or section.host_id == parent.host_id)
        )
        if nests:
            sub += 1
            numbered.append(DocumentSection(section=section, number=f"{top}.{sub}", level=2))
            continue
        top += 1
        sub = 0
        parent = section if section.kind == SectionKind.HOST else None
        numbered.append(DocumentSection(section=section, number=str(top), level=1))
    return numbered


def number_recommendations(sections: list[DocumentSection], recommendations: list[Recommendation]) -> None:
    """R1…Rn across the report: each challenge section gets its challenge's recommendations, in order."""
    by_challenge: dict[int, list[Recommendation]] = {}
    for recommendation in recommendations:
        by_challenge.setdefault(recommendation.challenge_id, []).append(recommendation)
    number = 0
    for section in sections:
        if not section.is_challenge:
            continue
        # A challenge's recommendations appear once, after its first section.
        for recommendation in by_challenge.pop(section.section.challenge_id, []):
            number += 1
            section.recommendations.append(
                NumberedRecommendation(
                    pk=recommendation.pk,
                    number=number,
                    text=recommendation.text,
                    addressee=recommendation.addressee,
                    time_frame=recommendation.time_frame,
                    priority=recommendation.priority,
                    priority_label=str(recommendation.get_priority_display()),
                    challenge=recommendation.challenge,
                    updated_at=recommendation.updated_at,
                )
            )


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def build(cycle: Cycle, *, report: Report | None = None) -> ReportDocument | None:
    """The document of the cycle's report, or None when no report has been assembled yet."""
    report = report or Report.objects.filter(cycle=cycle).first()
    if report is None:
        return None
    report.cycle = cycle
    sections = list(
        ReportSection.objects.filter(report=report)
        .defer("generated", "pending_generated")
        .order_by("position", "pk")
    )
    recommendations = list(
        Recommendation.objects.filter(challenge__cycle=cycle)
        .select_related("challenge")
        .order_by("challenge__number", "challenge_id", "position", "pk")
    )
    hosts = [
        HostEntry(
            name=host.organisation.name,
            role=str(host.get_role_display()),
            is_leader=host.role == HostRole.LEADER,
        )
        for host in Host.objects.filter(cycle=cycle).select_related("organisation")
    ]
    meetings = [
        MeetingEntry(
            title=meeting.title,
            kind_label=str(meeting.get_kind_display()),
            starts_on=_local_date(meeting.starts_at),
            ends_on=_local_date(meeting.ends_at),
            place=", ".join(
                part
                for part in (
                    meeting.venue.display_name if meeting.venue else "",
                    meeting.address if meeting.kind == MeetingKind.ONSITE else "",
                )
                if part
            ),
        )
        for meeting in Meeting.objects.filter(cycle=cycle).select_related("venue").order_by("starts_at")
    ]
    numbered = number_sections(sections)
    number_recommendations(numbered, recommendations)
    return ReportDocument(
        report=report,
        cycle=cycle,
        hosts=hosts,
        meetings=meetings,
        sections=numbered,
    )
