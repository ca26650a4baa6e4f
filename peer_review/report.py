"""The cycle's report: assembled from the cycle's data, edited section by section without lost updates, reviewed
by its hosts. Writes (keyword-only, checked, logged) and the reads the report's pages need.

Every section is Markdown. Its `generated` text is what the last assembly produced and `body` what people edit.
A re-assembly replaces a section nobody edited; for an edited one it keeps the body and offers the new text as
`pending_generated` (a conflict to resolve). Every save names the version it was based on: a stale save is not
applied but kept as a revision of kind "conflict", and refused with `StaleSection` (code "stale").
Sections of challenges or hosts that are no longer in the cycle's data are dropped at the next assembly.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zitnet.accounts.enums import GlobalRole, MembershipStatus
from zitnet.core.audit import record
from zitnet.core.errors import DomainError
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import polish_sort_key

from .enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    CyclePhase,
    FindingKind,
    HostReviewStatus,
    HostRole,
    MeetingKind,
    RevisionKind,
    SectionKind,
)
from .findings import recommendations_of, submitted_findings
from .models import (
    PRIORITY_CHOICES,
    Challenge,
    Cycle,
    Host,
    HostReview,
    Report,
    ReportSection,
    SectionComment,
    SectionRevision,
)
from .notifications import notify

MAX_BODY = 60000
MAX_COMMENT = 3000
MAX_REVIEW_COMMENT = 5000
EDIT_PHASES = (CyclePhase.REPORT_DRAFTING, CyclePhase.HOST_REVIEW)
PRIORITY_LABELS = dict(PRIORITY_CHOICES)


class StaleSection(DomainError):
    """A save based on an older version: `section` is the current one, `attempt` the kept "conflict" revision."""

    def __init__(self, message, *, section: ReportSection, attempt: SectionRevision | None = None):
        super().__init__(message, code="stale")
        self.section = section
        self.attempt = attempt


# --- Markdown from user text ------------------------------------------------------------------------------

# Characters with a meaning anywhere in a line: emphasis, code, links and images, autolinks, tables,
# strikethrough, entity references, and the escape itself.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line: headings, quotes, bullets, setext underlines and ordered-list numbers.
_LINE_START = re.compile(r"^([#>+\-=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def md_escape(text) -> str:
    """User text as literal Markdown: whatever it contains renders as the same text, never as a link, image,
    heading, list, table, code or HTML. Paragraphs (blank lines) are kept; indentation is dropped."""
    lines = []
    for line in str(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.strip())
        line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def md_inline(text) -> str:
    """User text on one line (list items, table cells), escaped."""
    return md_escape(" ".join(str(text or "").split()))


def _table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(md_inline(h) for h in headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(md_inline(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _heading(text: str) -> str:
    # Rendered under the section's own <h2>: "#" becomes <h3> (see zitnet.core.markdown).
    return f"# {md_inline(text)}"


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "…"


def _datetime(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _voivodeship(value: str) -> str:
    return str(Voivodeship(value).label) if value in Voivodeship.values else _("not given")


def _kind(value: str) -> str:
    return str(OrganisationKind(value).label) if value in OrganisationKind.values else _("not given")


# --- what the assembly produces ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One section as the cycle's current data would produce it."""

    key: str
    kind: str
    title: str
    position: int
    text: str
    host_id: int | None = None
    challenge_id: int | None = None


@dataclass
class _Data:
    """Everything the sections are made from, read in a fixed number of queries."""

    cycle: Cycle
    hosts: list[Host]
    challenges: list[Challenge]
    findings: dict[int, list]
    recommendations: dict[int, list]
    coordinator_orgs: dict[int, str]
    phase_dates: list
    meetings: list
    applications: list
    consenting: dict[int, object] = field(default_factory=dict)


def _load(cycle: Cycle) -> _Data:
    from zitnet.accounts.models import Membership
    from zitnet.directory.models import Contact

    hosts = list(
        cycle.hosts.select_related("organisation", "coordinator")
        .prefetch_related("experts")
        .order_by("position", "pk")
    )
    challenges = list(
        cycle.challenges.filter(state=ChallengeState.APPROVED)
        .select_related("host__organisation")
        .order_by("number", "pk")
    )
    ids = [c.pk for c in challenges]
    coordinator_ids = {h.coordinator_id for h in hosts if h.coordinator_id}
    coordinator_orgs: dict[int, str] = {}
    memberships = (
        Membership.objects.filter(user_id__in=coordinator_ids, status=MembershipStatus.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__sort_name", "pk")
    )
    host_orgs = {(h.coordinator_id, h.organisation_id) for h in hosts}
    for membership in memberships:
        # The host's own organisation when the coordinator works there, otherwise their first one.
        if (membership.user_id, membership.organisation_id) in host_orgs or (
            membership.user_id not in coordinator_orgs
        ):
            coordinator_orgs[membership.user_id] = membership.organisation.name
    meetings = list(
        cycle.meetings.annotate(
            invited=Count("attendance"),
            attended=Count("attendance", filter=Q(attendance__status=AttendanceStatus.ATTENDED)),
        ).order_by("starts_at", "pk")
    )
    applications = list(
        cycle.applications.filter(status=ApplicationStatus.ACCEPTED)
        .select_related("organisation", "user")
        .order_by("pk")
    )
    people = {a.user_id for a in applications} | coordinator_ids
    for host in hosts:
        people |= {e.pk for e in host.experts.all()}
    consenting = {}
    for contact in (
        Contact.objects.filter(user_id__in=people, public_consent=True)
        .select_related("organisation")
        .order_by("pk")
    ):
        consenting.setdefault(contact.user_id, contact)
    return _Data(
        cycle=cycle,
        hosts=hosts,
        challenges=challenges,
        findings=submitted_findings(ids),
        recommendations=recommendations_of(ids),
        coordinator_orgs=coordinator_orgs,
        phase_dates=list(cycle.phase_dates.all()),
        meetings=meetings,
        applications=applications,
        consenting=consenting,
    )


def _introduction(data: _Data) -> str:
    cycle = data.cycle
    parts = [_heading(_("About the cycle"))]
    parts.append(
        md_escape(
            _("This report presents the results of the review cycle “%(cycle)s” of the Assessment and "
              "Cooperation Forum.") % {"cycle": cycle.title}
        )
    )  # fmt: skip
    if cycle.description.strip():
        parts.append(md_escape(cycle.description))
    leader = [h for h in data.hosts if h.role == HostRole.LEADER]
    partners = [h for h in data.hosts if h.role != HostRole.LEADER]
    hosts = [f"- {md_inline(_('Leader'))}: {md_inline(h.organisation.name)}" for h in leader]
    hosts += [f"- {md_inline(_('Partner'))}: {md_inline(h.organisation.name)}" for h in partners]
    if hosts:
        parts.append(_heading(_("Hosts")))
        parts.append("\n".join(hosts))
    schedule = []
    labels = dict(CyclePhase.choices)
    for phase_date in sorted(data.phase_dates, key=lambda d: CyclePhase.index(d.phase)):
        if phase_date.starts_on or phase_date.ends_on:
            schedule.append(
                f"- {md_inline(labels[phase_date.phase])}: "
                f"{md_inline(_date(phase_date.starts_on))} – {md_inline(_date(phase_date.ends_on))}"
            )
    for meeting in data.meetings:
        place = meeting.address or (_("online") if meeting.kind == MeetingKind.PREPARATORY else "")
        line = f"- {md_inline(meeting.get_kind_display())}: {md_inline(meeting.title)}, "
        line += md_inline(_datetime(meeting.starts_at))
        if place:
            line += f", {md_inline(place)}"
        schedule.append(line)
    if schedule:
        parts.append(_heading(_("Schedule")))
        parts.append("\n".join(schedule))
    parts.append(_heading(_("Method")))
    method = [
        _("The hosts identified their challenges with the support of the experts and phrased each of them as "
          "a guiding question. Challenges approved for the review: %(count)d.") % {"count": len(data.challenges)},
        _("Observers were recruited in an open call. Places were given by priority: first to observers from "
          "ZIT associations new in the 2021–2027 perspective, then spreading the places across associations "
          "and voivodeships. Observers accepted: %(count)d.") % {"count": len(data.applications)},
        _("An optimiser assigned the observers to the challenges, never to a challenge of their own "
          "organisation or ZIT association, spreading them across organisations and voivodeships and "
          "following their preferences and expertise. Challenges per observer: %(per_observer)d; observers "
          "per challenge: %(min)d–%(max)d.")
        % {
            "per_observer": cycle.challenges_per_observer,
            "min": cycle.observers_per_challenge_min,
            "max": cycle.observers_per_challenge_max,
        },
        _("The observers and experts prepared for the review at an online preparatory meeting and studied the "
          "challenges with the hosts at the on-site meeting. Their findings and recommendations, consolidated "
          "by the experts, make up this report."),
    ]  # fmt: skip
    parts += [md_escape(paragraph) for paragraph in method]
    return "\n\n".join(parts)


def _host_text(data: _Data, host: Host) -> str:
    organisation = host.organisation
    facts = [
        (_("Role in the cycle"), host.get_role_display()),
        (_("Kind of organisation"), _kind(organisation.kind)),
        (_("Voivodeship"), _voivodeship(organisation.voivodeship)),
    ]
    if host.coordinator_id and host.coordinator_id in data.coordinator_orgs:
        facts.append((_("Coordinated on the host's side by"), data.coordinator_orgs[host.coordinator_id]))
    parts = [md_escape(organisation.name), "\n".join(f"- {md_inline(k)}: {md_inline(v)}" for k, v in facts)]
    own = [c for c in data.challenges if c.host_id == host.pk]
    parts.append(_heading(_("Challenges brought to the review")))
    if own:
        parts.append(
            "\n".join(
                f"{n}. {md_inline(c.title)} — {md_inline(c.guiding_question)}" for n, c in enumerate(own, 1)
            )
        )
    else:
        parts.append(md_escape(_("No approved challenges.")))
    return "\n\n".join(parts)


def _practice_lines(findings: list) -> list[str]:
    """Good practices seen, each once: from the library as a link to its page, new ones by name."""
    grouped: dict[tuple, list[str]] = {}
    labels: dict[tuple, str] = {}
    for finding in findings:
        if finding.practice_id and finding.practice is not None:
            key = ("library", finding.practice_id)
            if key not in labels:
                url = quote(finding.practice.get_url() or "", safe="/:#?&=%")
                labels[key] = (
                    f"[{md_inline(finding.practice.title)}]({url})"
                    if url
                    else md_inline(finding.practice.title)
                )
        else:
            name = " ".join((finding.practice_title or "").split())
            key = ("new", name.casefold())
            if key not in labels:
                labels[key] = (
                    f"{md_inline(name)} ({md_inline(_('a new practice, not yet in the library'))})"
                    if name
                    else md_inline(_("A practice without a name"))
                )
        text = " ".join(finding.text.split())
        if text:
            grouped.setdefault(key, []).append(text)
        else:
            grouped.setdefault(key, [])
    lines = []
    for key, label in labels.items():
        texts = grouped.get(key) or []
        lines.append(f"- {label}" + (f" — {md_inline(' '.join(texts))}" if texts else ""))
    return lines


def _challenge_text(data: _Data, challenge: Challenge) -> str:
    findings = data.findings.get(challenge.pk, [])
    by_kind: dict[str, list] = defaultdict(list)
    for finding in findings:
        by_kind[finding.kind].append(finding)
    parts = [
        f"{md_inline(_('Host'))}: {md_inline(challenge.host.organisation.name)}",
        _heading(_("Guiding question")),
        "\n".join(f"> {line}" for line in md_escape(challenge.guiding_question).split("\n")),
        _heading(_("Context")),
        md_escape(challenge.context) if challenge.context.strip() else md_escape(_("Not described.")),
    ]

    def listed(kind: str, heading: str, empty: str) -> None:
        parts.append(_heading(heading))
        items = [f"- {md_inline(f.text)}" for f in by_kind.get(kind, []) if f.text.strip()]
        parts.append("\n".join(items) if items else md_escape(empty))

    listed(FindingKind.STRENGTH, _("Strengths"), _("No strengths were recorded."))
    listed(FindingKind.PROBLEM, _("Problems and risks"), _("No problems or risks were recorded."))
    parts.append(_heading(_("Good practices seen")))
    practices = _practice_lines(by_kind.get(FindingKind.PRACTICE, []))
    parts.append("\n".join(practices) if practices else md_escape(_("No good practices were recorded.")))
    # The consolidated recommendations are not part of the editable text: they are kept as records and
    # printed, numbered R1…Rn across the report, after the section (peer_review.document).
    parts.append(md_escape(_("Submitted findings: %(count)d.") % {"count": len(findings)}))
    return "\n\n".join(parts)


def _counted(values: list[str]) -> list[list]:
    counts = Counter(values)
    return [[label, n] for label, n in sorted(counts.items(), key=lambda i: (-i[1], polish_sort_key(i[0])))]


def _participation(data: _Data) -> str:
    organisations = [a.organisation for a in data.applications]
    total = len(organisations)
    parts = [md_escape(_("Observers taking part: %(count)d.") % {"count": total})]
    parts.append(_heading(_("Observers by voivodeship")))
    rows = _counted([_voivodeship(o.voivodeship) for o in organisations])
    parts.append(_table([_("Voivodeship"), _("Observers")], rows + [[_("Total"), total]]))
    parts.append(_heading(_("Observers by kind of organisation")))
    rows = _counted([_kind(o.kind) for o in organisations])
    parts.append(_table([_("Kind of organisation"), _("Observers")], rows + [[_("Total"), total]]))
    parts.append(_heading(_("Attendance at the meetings")))
    if data.meetings:
        rows = [
            [m.title, m.get_kind_display(), _datetime(m.starts_at), m.invited, m.attended]
            for m in data.meetings
        ]
        parts.append(_table([_("Meeting"), _("Kind"), _("Date"), _("Invited"), _("Attended")], rows))
    else:
        parts.append(md_escape(_("No meetings were held.")))
    return "\n\n".join(parts)


def _annex(data: _Data) -> str:
    roles: dict[int, list[str]] = defaultdict(list)
    for host in data.hosts:
        if host.coordinator_id:
            roles[host.coordinator_id].append(_("Host coordinator"))
        for expert in host.experts.all():
            roles[expert.pk].append(_("Expert"))
    for application in data.applications:
        roles[application.user_id].append(_("Observer"))
    named = []
    for user_id, contact in data.consenting.items():
        if user_id in roles:
            role = ", ".join(dict.fromkeys(roles[user_id]))
            named.append([contact.name, contact.organisation.name, role])
    named.sort(key=lambda row: (polish_sort_key(row[0]), polish_sort_key(row[1])))
    parts = [
        _heading(_("Participants who agreed to be named")),
        md_escape(_("Only people who agreed to be listed publicly in the partner directory are named here.")),
    ]
    if named:
        parts.append(_table([_("Name"), _("Organisation"), _("Role")], named))
    else:
        parts.append(md_escape(_("No participant has agreed to be named.")))
    parts.append(_heading(_("Organisations taking part")))
    names = {h.organisation.name for h in data.hosts} | {a.organisation.name for a in data.applications}
    ordered = sorted(names, key=polish_sort_key)
    parts.append("\n".join(f"- {md_inline(name)}" for name in ordered) or md_escape(_("None.")))
    return "\n\n".join(parts)


def plan(cycle: Cycle) -> list[Planned]:
    """Every section the cycle's current data produces, in the report's order. Deterministic: the same data
    (in the same language) gives the same text."""
    data = _load(cycle)
    planned = [Planned("introduction", SectionKind.INTRODUCTION, _("Introduction"), 0, _introduction(data))]
    for host in data.hosts:
        planned.append(
            Planned(
                f"host-{host.pk}",
                SectionKind.HOST,
                _("Host: %(host)s") % {"host": host.organisation.display_name},
                0,
                _host_text(data, host),
                host_id=host.pk,
            )
        )
        for challenge in (c for c in data.challenges if c.host_id == host.pk):
            planned.append(
                Planned(
                    f"challenge-{challenge.pk}",
                    SectionKind.CHALLENGE,
                    (
                        _("Challenge %(number)d: %(title)s")
                        % {"number": challenge.number, "title": challenge.title}
                    )[:250],
                    0,
                    _challenge_text(data, challenge),
                    challenge_id=challenge.pk,
                )
            )
    planned.append(
        Planned("participation", SectionKind.PARTICIPATION, _("Participation"), 0, _participation(data))
    )
    planned.append(Planned("annex", SectionKind.ANNEX, _("Annex: participants"), 0, _annex(data)))
    return [
        Planned(p.key, p.kind, p.title[:250], n * 10, p.text[:MAX_BODY], p.host_id, p.challenge_id)
        for n, p in enumerate(planned, 1)
    ]


# Outcomes of a re-assembly for one section.
NEW, SAME, REPLACE, CONFLICT, KEPT, DROP = "new", "same", "replace", "conflict", "kept", "drop"
OUTCOME_LABELS = {
    NEW: gettext_lazy("New section"),
    SAME: gettext_lazy("No change"),
    REPLACE: gettext_lazy("Replaced by the new text (not edited)"),
    CONFLICT: gettext_lazy("Conflict: edited, and the assembled text changed"),
    KEPT: gettext_lazy("Edited; the assembled text did not change"),
    DROP: gettext_lazy("Dropped: no longer in the cycle's data"),
}


def _outcome(section: ReportSection | None, text: str) -> str:
    if section is None:
        return NEW
    if not section.is_edited:
        return SAME if text == section.generated else REPLACE
    if text == section.body:
        return SAME  # edited into exactly the new text: nothing to resolve
    if text == section.generated:
        return KEPT
    return CONFLICT


@dataclass
class PreviewRow:
    key: str
    title: str
    outcome: str
    text: str
    section: ReportSection | None

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    @property
    def conflict(self) -> bool:
        return self.outcome == CONFLICT

    @property
    def changes(self) -> bool:
        return self.outcome in {NEW, REPLACE, CONFLICT, DROP}


def preview(*, cycle: Cycle) -> list[PreviewRow]:
    """What a re-assembly would do to each section, and whether it would conflict, without writing."""
    report = Report.objects.filter(cycle=cycle).first()
    existing = {s.key: s for s in report.sections.all()} if report else {}
    rows = []
    for planned in plan(cycle):
        section = existing.pop(planned.key, None)
        rows.append(
            PreviewRow(planned.key, planned.title, _outcome(section, planned.text), planned.text, section)
        )
    for section in existing.values():
        rows.append(PreviewRow(section.key, section.title, DROP, "", section))
    return rows


# --- writes -----------------------------------------------------------------------------------------------


def _require(actor, perm: str, obj=None) -> None:
    from django.core.exceptions import PermissionDenied

    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def _report_title(cycle: Cycle) -> str:
    return (_("Report of the review cycle %(cycle)s") % {"cycle": cycle.title})[:250]


@transaction.atomic
def assemble(*, cycle: Cycle, actor) -> Report:
    """Create the report if missing and (re)build its sections from the cycle's data.

    An unedited section takes the new text (revision "assembled", version + 1); an edited one keeps its text
    and gets the new one as `pending_generated` when it differs from what was assembled before; sections no
    longer produced are dropped. Only while the report is drafted. Side effects: revisions, audit entry.
    """
    _require(actor, "peer_review.edit_report", cycle)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.phase != CyclePhase.REPORT_DRAFTING:
        raise DomainError(
            _("The report can be assembled only while it is drafted (the cycle is in “%(phase)s”).")
            % {"phase": cycle.get_phase_display()}
        )
    now = timezone.now()
    report, _created = Report.objects.get_or_create(cycle=cycle, defaults={"title": _report_title(cycle)})
    existing = {s.key: s for s in report.sections.select_for_update()}
    created, changed, revisions = [], [], []
    counts = Counter()
    for planned in plan(cycle):
        section = existing.pop(planned.key, None)
        outcome = _outcome(section, planned.text)
        counts[outcome] += 1
        if section is None:
            created.append(
                ReportSection(
                    report=report, key=planned.key, kind=planned.kind, host_id=planned.host_id,
                    challenge_id=planned.challenge_id, position=planned.position, title=planned.title,
                    body=planned.text, generated=planned.text, version=1, updated_by=actor, updated_at=now,
                )
            )  # fmt: skip
            continue
        touched = (section.position, section.title) != (planned.position, planned.title)
        section.position, section.title = planned.position, planned.title
        if outcome == REPLACE:
            section.body = section.generated = planned.text
            section.pending_generated = ""
            section.version += 1
            section.updated_by, section.updated_at = actor, now
            revisions.append(
                SectionRevision(
                    section=section, version=section.version, kind=RevisionKind.ASSEMBLED, body=planned.text,
                    author=actor,
                )
            )  # fmt: skip
            touched = True
        elif outcome == SAME and section.is_edited:
            # Someone already wrote exactly what the data now says: it is the assembled text from now on.
            section.generated, section.pending_generated, touched = planned.text, "", True
        elif outcome == KEPT and section.pending_generated:
            section.pending_generated, touched = "", True  # the data went back to what was assembled
        elif outcome == CONFLICT and section.pending_generated != planned.text:
            section.pending_generated, touched = planned.text, True
        if touched:
            changed.append(section)
    ReportSection.objects.bulk_create(created)
    revisions += [
        SectionRevision(section=s, version=1, kind=RevisionKind.ASSEMBLED, body=s.body, author=actor)
        for s in created
    ]
    fields = [
        "position",
        "title",
        "body",
        "generated",
        "pending_generated",
        "version",
        "updated_by",
        "updated_at",
    ]
    ReportSection.objects.bulk_update(changed, fields)
    SectionRevision.objects.bulk_create(revisions)
    if existing:
        ReportSection.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()
        counts[DROP] = len(existing)
    report.title, report.assembled_at, report.assembled_by = _report_title(cycle), now, actor
    report.save(update_fields=["title", "assembled_at", "assembled_by"])
    record(report, "peer_review.report.assemble", user=actor, data=dict(counts))
    return report


def _locked_section(section: ReportSection) -> ReportSection:
    return ReportSection.objects.select_for_update().select_related("report__cycle").get(pk=section.pk)


def _check_edit_phase(cycle: Cycle) -> None:
    if cycle.phase not in EDIT_PHASES:
        raise DomainError(
            _(
                "The report can be changed only while it is drafted or reviewed by the hosts (now: “%(phase)s”)."
            )
            % {"phase": cycle.get_phase_display()}
        )


def clean_body(body) -> str:
    body = str(body or "").replace("\r\n", "\n").replace("\r", "\n")
    if len(body) > MAX_BODY:
        raise DomainError(
            _("The section is too long: %(length)d characters, at most %(max)d.")
            % {"length": len(body), "max": MAX_BODY}
        )
    return body


def _stale_message(theirs: int, yours: int) -> str:
    return _(
        "Someone saved this section while you were editing it (now version %(theirs)d, you started from "
        "version %(yours)d). Your text is kept: compare both texts, merge them and save again."
    ) % {"theirs": theirs, "yours": yours}


def _apply(section: ReportSection, *, actor, body: str, kind: str, note: str = "") -> SectionRevision:
    section.body = body
    section.version += 1
    section.updated_by = actor
    section.save(
        update_fields=["body", "generated", "pending_generated", "version", "updated_by", "updated_at"]
    )
    return SectionRevision.objects.create(
        section=section, version=section.version, kind=kind, body=body, author=actor, note=note[:300]
    )


def save_section(
    *, section: ReportSection, actor, body: str, based_on_version: int | None, merging: bool = False
) -> ReportSection:
    """Save a section's text, based on the version the editor started from.

    A stale version is never applied: the text is kept as a "conflict" revision (committed) and `StaleSection`
    is raised with the current section, for the merge view. An applied save is an "edited" revision, or
    "merged" when it resolves a conflict (after a stale save, or while a newer assembled text waits), with the
    version + 1. Side effects: audit entry; in host review, the approvals of the hosts whose part changed are
    withdrawn (they are told).
    """
    body = clean_body(body)
    stale = None
    with transaction.atomic():
        locked = _locked_section(section)
        cycle = locked.report.cycle
        _require(actor, "peer_review.edit_report", cycle)
        _check_edit_phase(cycle)
        yours = int(based_on_version or 0)
        if yours != locked.version:
            attempt = SectionRevision.objects.create(
                section=locked, version=yours, kind=RevisionKind.CONFLICT, body=body, author=actor,
                note=_("Based on version %(yours)d; the section was at version %(theirs)d.")
                % {"yours": yours, "theirs": locked.version},
            )  # fmt: skip
            stale = StaleSection(_stale_message(locked.version, yours), section=locked, attempt=attempt)
        elif body != locked.body or locked.pending_generated or merging:
            kind = RevisionKind.MERGED if (merging or locked.pending_generated) else RevisionKind.EDITED
            if locked.pending_generated:
                locked.generated, locked.pending_generated = locked.pending_generated, ""
            _apply(locked, actor=actor, body=body, kind=kind)
            record(
                locked, "peer_review.report.save", user=actor, data={"version": locked.version, "kind": kind}
            )
            _withdraw_approvals(locked, actor)
    if stale is not None:
        raise stale
    return locked


@transaction.atomic
def restore_revision(
    *, section: ReportSection, revision: SectionRevision, actor, based_on_version: int | None
) -> ReportSection:
    """Make an earlier revision's text the current one (a new "restored" revision, version + 1); refused as
    stale when the section changed since the editor looked. Side effects: audit entry, approvals withdrawn."""
    locked = _locked_section(section)
    cycle = locked.report.cycle
    _require(actor, "peer_review.edit_report", cycle)
    _check_edit_phase(cycle)
    if revision.section_id != locked.pk:
        raise DomainError(_("This revision belongs to another section."))
    if int(based_on_version or 0) != locked.version:
        raise StaleSection(_stale_message(locked.version, int(based_on_version or 0)), section=locked)
    if revision.body == locked.body:
        raise DomainError(_("This revision's text is already the current one."))
    note = _("Restored from version %(n)d.") % {"n": revision.version}
    _apply(locked, actor=actor, body=revision.body, kind=RevisionKind.RESTORED, note=note)
    record(
        locked,
        "peer_review.report.restore",
        user=actor,
        data={"from": revision.pk, "version": locked.version},
    )
    _withdraw_approvals(locked, actor)
    return locked


@transaction.atomic
def resolve_assembly_conflict(
    *, section: ReportSection, actor, take_new: bool, based_on_version: int | None
) -> ReportSection:
    """Settle a newer assembled text: take it (it replaces the body; revision "assembled", version + 1) or keep
    the edited body (the newer text becomes the reference for the next assembly). Side effects: audit entry."""
    locked = _locked_section(section)
    cycle = locked.report.cycle
    _require(actor, "peer_review.edit_report", cycle)
    _check_edit_phase(cycle)
    if int(based_on_version or 0) != locked.version:
        raise StaleSection(_stale_message(locked.version, int(based_on_version or 0)), section=locked)
    if not locked.pending_generated:
        raise DomainError(_("There is no newer assembled text to settle for this section."))
    newer = locked.pending_generated
    locked.generated, locked.pending_generated = newer, ""
    if take_new:
        _apply(
            locked,
            actor=actor,
            body=newer,
            kind=RevisionKind.ASSEMBLED,
            note=_("The newer assembled text taken."),
        )
        _withdraw_approvals(locked, actor)
    else:
        locked.save(update_fields=["generated", "pending_generated", "updated_at"])
    record(locked, "peer_review.report.resolve", user=actor, data={"take_new": take_new})
    return locked


@transaction.atomic
def add_comment(*, section: ReportSection, actor, text: str) -> SectionComment:
    """Comment on a section (editors; a host coordinator on their part). Side effects: e-mail to the editors
    and the hosts concerned, audit entry."""
    section = ReportSection.objects.select_related("report__cycle", "challenge", "host").get(pk=section.pk)
    _require(actor, "peer_review.comment_report_section", section)
    _check_edit_phase(section.report.cycle)
    text = (text or "").strip()
    if not text:
        raise DomainError(_("The comment is empty."))
    if len(text) > MAX_COMMENT:
        raise DomainError(_("The comment is too long (at most %(max)d characters).") % {"max": MAX_COMMENT})
    comment = SectionComment.objects.create(section=section, author=actor, text=text)
    record(section, "peer_review.report.comment", user=actor, data={"comment": comment.pk})
    others = [u for u in _editors(section.report.cycle) if actor is None or u.pk != actor.pk]
    notify(
        others,
        subject=gettext_lazy("New comment on the report: %(section)s"),
        message=gettext_lazy("%(author)s commented on the section “%(section)s” of the report."),
        params={"author": actor.display_name if actor else "—", "section": section.title},
        url=section_url(section),
    )
    return comment


@transaction.atomic
def resolve_comment(*, comment: SectionComment, actor) -> SectionComment:
    """Mark a comment resolved (editors, or its author). Side effects: audit entry."""
    comment = (
        SectionComment.objects.select_for_update().select_related("section__report__cycle").get(pk=comment.pk)
    )
    if actor is not None and comment.author_id != actor.pk:
        _require(actor, "peer_review.edit_report", comment.section.report.cycle)
    _check_edit_phase(comment.section.report.cycle)
    if comment.resolved_at is not None:
        raise DomainError(_("This comment is already resolved."))
    comment.resolved_at, comment.resolved_by = timezone.now(), actor
    comment.save(update_fields=["resolved_at", "resolved_by"])
    record(comment.section, "peer_review.report.comment_resolve", user=actor, data={"comment": comment.pk})
    return comment


def _editors(cycle: Cycle) -> list:
    """The people who edit the report: network coordinators and the cycle's experts."""
    user_model = get_user_model()
    return list(
        user_model.objects.filter(
            Q(role_grants__role=GlobalRole.NETWORK_COORDINATOR) | Q(supported_hosts__cycle=cycle),
            is_active=True,
        ).distinct()
    )


def _hosts_of_section(section: ReportSection) -> list[int]:
    """The hosts whose part of the report includes the section."""
    if section.kind == SectionKind.INTRODUCTION:
        return list(Host.objects.filter(cycle_id=section.report.cycle_id).values_list("pk", flat=True))
    if section.host_id:
        return [section.host_id]
    if section.challenge_id:
        return list(Challenge.objects.filter(pk=section.challenge_id).values_list("host_id", flat=True))
    return []


def _withdraw_approvals(section: ReportSection, actor) -> None:
    """During host review, a host's approval covers the text it read: a change to its part withdraws it."""
    if section.report.cycle.phase != CyclePhase.HOST_REVIEW:
        return
    reviews = list(
        HostReview.objects.select_for_update(of=("self",))
        .filter(
            report_id=section.report_id,
            host_id__in=_hosts_of_section(section),
            status=HostReviewStatus.APPROVED,
        )
        .select_related("host__coordinator")
    )
    for review in reviews:
        review.status, review.decided_by, review.decided_at = HostReviewStatus.PENDING, None, None
        review.save(update_fields=["status", "decided_by", "decided_at"])
        notify(
            [review.host.coordinator],
            subject=gettext_lazy("The report changed after your approval"),
            message=gettext_lazy(
                "The section “%(section)s” of your part of the report was changed after you approved it. "
                "Please review your part again."
            ),
            params={"section": section.title},
            url=host_review_url(review.host),
        )


@transaction.atomic
def decide_host_review(*, host: Host, actor, approve: bool, comment: str = "") -> HostReview:
    """A host coordinator approves their part of the report or asks for changes (a comment is then required).
    Only during host review. Side effects: the review row (created if missing), audit entry, e-mail to the
    editors."""
    host = Host.objects.select_related("cycle", "organisation").get(pk=host.pk)
    _require(actor, "peer_review.review_host_part", host)
    cycle = host.cycle
    if cycle.phase != CyclePhase.HOST_REVIEW:
        raise DomainError(
            _("Hosts review the report during the host review phase (now: “%(phase)s”).")
            % {"phase": cycle.get_phase_display()}
        )
    report = Report.objects.filter(cycle=cycle).first()
    if report is None:
        raise DomainError(_("The report has not been assembled yet."))
    comment = (comment or "").strip()
    if not approve and not comment:
        raise DomainError(_("Say what should change: a comment is required when you ask for changes."))
    if len(comment) > MAX_REVIEW_COMMENT:
        raise DomainError(
            _("The comment is too long (at most %(max)d characters).") % {"max": MAX_REVIEW_COMMENT}
        )
    review, _created = HostReview.objects.select_for_update().get_or_create(report=report, host=host)
    review.status = HostReviewStatus.APPROVED if approve else HostReviewStatus.CHANGES_REQUESTED
    review.comment, review.decided_by, review.decided_at = comment, actor, timezone.now()
    review.save()
    record(review, "peer_review.report.approve" if approve else "peer_review.report.changes", user=actor)
    if approve:
        subject = gettext_lazy("%(host)s approved its part of the report")
        message = gettext_lazy("%(host)s approved its part of the report of %(cycle)s.")
    else:
        subject = gettext_lazy("%(host)s asks for changes to the report")
        message = gettext_lazy(
            "%(host)s asks for changes to its part of the report of %(cycle)s. Their comment: %(comment)s"
        )
    notify(
        _editors(cycle),
        subject=subject,
        message=message,
        params={"host": host.organisation.display_name, "cycle": cycle.title, "comment": comment},
        url=report_url(cycle),
    )
    return review


# --- reads ------------------------------------------------------------------------------------------------


def report_url(cycle: Cycle) -> str:
    from django.urls import reverse

    return reverse("peer_review:report", args=[cycle.slug])


def section_url(section: ReportSection) -> str:
    from django.urls import reverse

    return reverse("peer_review:report_section", args=[section.report.cycle.slug, section.pk])


def host_review_url(host: Host) -> str:
    from django.urls import reverse

    return reverse("peer_review:report_host_review", args=[host.cycle.slug, host.pk])


def report_of(cycle: Cycle) -> Report | None:
    return Report.objects.filter(cycle=cycle).select_related("assembled_by").first()


def sections(report: Report):
    """The report's sections in order, with their open comments counted."""
    return report.sections.select_related("host__organisation", "challenge", "updated_by").annotate(
        open_comments=Count("comments", filter=Q(comments__resolved_at__isnull=True))
    )


def host_part(report: Report, host: Host):
    """The sections a host reviews: the introduction, its own section and those of its challenges."""
    return sections(report).filter(Q(kind=SectionKind.INTRODUCTION) | Q(host=host) | Q(challenge__host=host))


@dataclass
class HostStatus:
    host: Host
    review: HostReview | None

    @property
    def status(self) -> str:
        return self.review.status if self.review else HostReviewStatus.PENDING

    @property
    def label(self) -> str:
        return str(HostReviewStatus(self.status).label)


def host_statuses(cycle: Cycle, report: Report | None) -> list[HostStatus]:
    reviews = {}
    if report is not None:
        reviews = {r.host_id: r for r in report.host_reviews.select_related("decided_by")}
    hosts = cycle.hosts.select_related("organisation", "coordinator").order_by("position", "pk")
    return [HostStatus(host, reviews.get(host.pk)) for host in hosts]


def drafting_blockers(cycle: Cycle) -> list[str]:
    """What keeps the report from going to the hosts: it must be assembled, cover every approved challenge,
    have no newer assembled text waiting, and give every approved challenge a recommendation."""
    missing = []
    report = Report.objects.filter(cycle=cycle).first()
    if report is None:
        return [_("The report has not been assembled yet.")]
    keys = set(report.sections.values_list("key", flat=True))
    approved = list(
        cycle.challenges.filter(state=ChallengeState.APPROVED)
        .annotate(recommended=Count("recommendations"))
        .order_by("number", "pk")
    )
    absent = [c for c in approved if f"challenge-{c.pk}" not in keys]
    if absent:
        missing.append(
            _("The report has no section yet for: %(challenges)s. Assemble it again.")
            % {"challenges": "; ".join(str(c) for c in absent)}
        )
    conflicts = list(report.sections.exclude(pending_generated="").values_list("title", flat=True))
    if conflicts:
        missing.append(
            _("A newer assembled text waits to be taken or dismissed in: %(sections)s.")
            % {"sections": "; ".join(conflicts)}
        )
    for challenge in approved:
        if not challenge.recommended:
            missing.append(
                _("The challenge %(challenge)s has no consolidated recommendation.")
                % {"challenge": challenge}
            )
    return missing


def review_blockers(cycle: Cycle) -> list[str]:
    """What keeps the report from being published: every host must have approved its part."""
    report = Report.objects.filter(cycle=cycle).first()
    if report is None:
        return [_("The report has not been assembled yet.")]
    missing = []
    for item in host_statuses(cycle, report):
        if item.status == HostReviewStatus.CHANGES_REQUESTED:
            missing.append(
                _("Host %(host)s asked for changes to its part of the report.")
                % {"host": item.host.organisation.display_name}
            )
        elif item.status != HostReviewStatus.APPROVED:
            missing.append(
                _("Host %(host)s has not approved its part of the report yet.")
                % {"host": item.host.organisation.display_name}
            )
    return missing


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: "equal", "delete", "insert", "replace" or "skip" (unchanged lines
    left out, `old` holding how many)."""

    op: str
    old_number: int | None
    old: str
    new_number: int | None
    new: str


def line_diff(old: str, new: str, *, context: int | None = 3) -> list[DiffRow]:
    """The lines of two texts side by side; unchanged runs longer than twice `context` are folded."""
    a, b = (old or "").split("\n"), (new or "").split("\n")
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            run = list(range(i2 - i1))
            if context is not None and len(run) > 2 * context + 1:
                head = run[:context] if rows else []
                tail = run[-context:] if i2 < len(a) or j2 < len(b) else []
                for k in head:
                    rows.append(DiffRow("equal", i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k]))
                rows.append(DiffRow("skip", None, str(len(run) - len(head) - len(tail)), None, ""))
                for k in tail:
                    rows.append(DiffRow("equal", i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k]))
            else:
                for k in run:
                    rows.append(DiffRow("equal", i1 + k + 1, a[i1 + k], j1 + k + 1, b[j1 + k]))
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            has_old, has_new = i1 + k < i2, j1 + k < j2
            kind = (
                op
                if op != "replace"
                else ("replace" if has_old and has_new else "delete" if has_old else "insert")
            )
            rows.append(
                DiffRow(
                    kind,
                    i1 + k + 1 if has_old else None,
                    a[i1 + k] if has_old else "",
                    j1 + k + 1 if has_new else None,
                    b[j1 + k] if has_new else "",
                )
            )
    return rows
