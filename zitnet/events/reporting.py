"""Participation reports of an event or a series, for the project's indicators (reads only).

Participants are the confirmed registrations; those who attended are counted separately. Both are broken down
by the kind of the registration's organisation, its voivodeship and whether it is a ZIT association new in
2021–2027 (or belongs to one, as `selectors.is_new_association` decides), with a "no organisation" row. The
figures come from one grouped query per organisation, whatever the number of registrations; erased people's
registrations keep their status, attendance and organisation, so the totals do not change when someone leaves.
Labels are translated when a report is built: build it under `translation.override("pl")` for the exports.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import Organisation

from .enums import RegistrationStatus
from .models import Event, EventSeries, Registration

NO_ORGANISATION = "none"
NOT_GIVEN = "not_given"
NEW_ASSOCIATION = "new"
OTHER = "other"


@dataclass
class Row:
    label: str
    confirmed: int = 0
    attended: int = 0


@dataclass
class Breakdown:
    key: str
    title: str
    heading: str
    rows: list[Row]

    @property
    def total(self) -> Row:
        return Row(
            _("Total"), sum(row.confirmed for row in self.rows), sum(row.attended for row in self.rows)
        )


@dataclass
class EventRow:
    event: Event
    confirmed: int
    attended: int


@dataclass
class Report:
    title: str
    subject: str
    confirmed: int
    attended: int
    breakdowns: list[Breakdown]
    # A series: the distinct people among the participations, and each event's figures.
    people_confirmed: int | None = None
    people_attended: int | None = None
    events: list[EventRow] = field(default_factory=list)
    generated_at: object = field(default_factory=timezone.now)


def _per_organisation(registrations) -> list[dict]:
    """Confirmed and attended registrations per organisation, with what the breakdowns need about it."""
    member_of_new_association = Exists(
        Organisation.associations.through.objects.filter(
            from_organisation=OuterRef("organisation"), to_organisation__is_new_zit_association=True
        )
    )
    return list(
        registrations.filter(status=RegistrationStatus.CONFIRMED)
        .order_by()
        .values("organisation")
        .annotate(
            kind=F("organisation__kind"),
            voivodeship=F("organisation__voivodeship"),
            is_new_association=F("organisation__is_new_zit_association"),
            member_of_new_association=member_of_new_association,
            confirmed=Count("pk"),
            attended=Count("pk", filter=Q(attended_at__isnull=False)),
        )
    )


def _new_status(group: dict) -> str:
    if group["organisation"] is None:
        return NO_ORGANISATION
    if group["kind"] == OrganisationKind.ZIT_ASSOCIATION:
        new = group["is_new_association"]
    else:
        new = group["member_of_new_association"]
    return NEW_ASSOCIATION if new else OTHER


def _breakdown(
    key: str, title: str, heading: str, labels: list[tuple[str, str]], groups, code_of
) -> Breakdown:
    rows = {code: Row(str(label)) for code, label in labels}
    for group in groups:
        row = rows[code_of(group)]
        row.confirmed += group["confirmed"]
        row.attended += group["attended"]
    return Breakdown(key, title, heading, list(rows.values()))


def _breakdowns(groups: list[dict]) -> list[Breakdown]:
    no_organisation = (NO_ORGANISATION, _("No organisation"))
    known_kinds = set(OrganisationKind.values)
    return [
        _breakdown(
            "kind",
            _("By kind of organisation"),
            _("Kind of organisation"),
            [*OrganisationKind.choices, no_organisation],
            groups,
            lambda g: (
                NO_ORGANISATION
                if g["organisation"] is None
                else g["kind"]
                if g["kind"] in known_kinds
                else OrganisationKind.OTHER
            ),
        ),
        _breakdown(
            "voivodeship",
            _("By voivodeship"),
            _("Voivodeship"),
            [*Voivodeship.choices, (NOT_GIVEN, _("Voivodeship not given")), no_organisation],
            groups,
            lambda g: NO_ORGANISATION if g["organisation"] is None else g["voivodeship"] or NOT_GIVEN,
        ),
        _breakdown(
            "new_association",
            _("By new-association status"),
            _("Organisation"),
            [
                (NEW_ASSOCIATION, _("ZIT association new in 2021–2027, or a member of one")),
                (OTHER, _("Other organisations")),
                no_organisation,
            ],
            groups,
            _new_status,
        ),
    ]


def event_report(event: Event) -> Report:
    groups = _per_organisation(Registration.objects.filter(event=event))
    return Report(
        title=_("Participation report: %(event)s") % {"event": event.title},
        subject=event.title,
        confirmed=sum(g["confirmed"] for g in groups),
        attended=sum(g["attended"] for g in groups),
        breakdowns=_breakdowns(groups),
    )


def series_report(series: EventSeries) -> Report:
    registrations = Registration.objects.filter(event__series=series)
    groups = _per_organisation(registrations)
    people = registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
        confirmed=Count("user", distinct=True),
        attended=Count("user", distinct=True, filter=Q(attended_at__isnull=False)),
    )
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    events = (
        Event.objects.filter(series=series)
        .annotate(
            n_confirmed=Count("registrations", filter=confirmed),
            n_attended=Count("registrations", filter=confirmed & Q(registrations__attended_at__isnull=False)),
        )
        .order_by("starts_at", "pk")
    )
    return Report(
        title=_("Participation report: %(series)s") % {"series": series.title},
        subject=series.title,
        confirmed=sum(g["confirmed"] for g in groups),
        attended=sum(g["attended"] for g in groups),
        breakdowns=_breakdowns(groups),
        people_confirmed=people["confirmed"],
        people_attended=people["attended"],
        events=[EventRow(e, e.n_confirmed, e.n_attended) for e in events],
    )


# --- downloads: one CSV with a section per breakdown, or an XLSX workbook with a sheet per breakdown ---------


def _cell(value):
    """Text starting with = + - @ would run as a formula in a spreadsheet: prefix it with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _summary_rows(report: Report) -> list[list]:
    rows = [
        [report.title],
        [_("Generated"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")],
        [_("Participants (confirmed registrations)"), report.confirmed],
        [pgettext("participants", "Attended"), report.attended],
    ]
    if report.people_confirmed is not None:
        rows += [
            [_("Distinct people confirmed"), report.people_confirmed],
            [_("Distinct people who attended"), report.people_attended],
        ]
    return rows


def _count_headings() -> list[str]:
    return [_("Participants (confirmed registrations)"), pgettext("participants", "Attended")]


def _breakdown_rows(breakdown: Breakdown) -> list[list]:
    rows = [[breakdown.heading, *_count_headings()]]
    rows += [[row.label, row.confirmed, row.attended] for row in breakdown.rows]
    total = breakdown.total
    rows.append([total.label, total.confirmed, total.attended])
    return rows


def _event_rows(report: Report) -> list[list]:
    rows = [[_("Event"), _("Starts"), *_count_headings()]]
    rows += [
        [
            item.event.title,
            timezone.localtime(item.event.starts_at).strftime("%Y-%m-%d %H:%M"),
            item.confirmed,
            item.attended,
        ]
        for item in report.events
    ]
    return rows


def report_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    sections = [_summary_rows(report)]
    for breakdown in report.breakdowns:
        sections.append([[breakdown.title], *_breakdown_rows(breakdown)])
    if report.events:
        sections.append([[_("Events of the series")], *_event_rows(report)])
    for number, section in enumerate(sections):
        if number:
            writer.writerow([])
        for row in section:
            writer.writerow([_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 with Polish letters


def _sheet_title(title: str) -> str:
    # Excel's limits: at most 31 characters, none of []:*?/\
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheets = [(_("Summary"), _summary_rows(report))]
    sheets += [(breakdown.title, _breakdown_rows(breakdown)) for breakdown in report.breakdowns]
    if report.events:
        sheets.append((_("Events of the series"), _event_rows(report)))
    for title, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title))
        for row in rows:
            sheet.append([_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
