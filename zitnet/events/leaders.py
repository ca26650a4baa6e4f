"""The Leaders' Corps: who attended enough forms of support, the explained proposal, swaps and confirmation.

A form of support is an event a person attended: a confirmed registration with its attendance recorded, counted
once per event, within the selection's series (none: every event). Those with at least `minimum_forms` are
eligible. The proposal orders them: people of ZIT associations new in 2021–2027 first, then the people of the
other associations, each group spread across associations round by round (one person per association per round),
then people linked to no association; the first `size` are proposed, the rest are the reserve. Every candidate
keeps the reasons for their place as codes with parameters; `reason_text` turns them into sentences in the
reader's language.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zitnet.accounts.enums import MembershipStatus
from zitnet.accounts.models import Membership, User
from zitnet.core.audit import record
from zitnet.core.errors import DomainError
from zitnet.directory.enums import OrganisationKind
from zitnet.directory.models import Organisation

from .enums import CandidateStatus, RegistrationStatus
from .models import LeaderCandidate, LeaderSelection, Registration

# --- who is eligible -------------------------------------------------------------------------------------------


@dataclass
class Eligible:
    """An eligible person with the figures the proposal uses."""

    user: User
    forms: int
    last_attended: datetime
    organisation: Organisation | None = None
    association: Organisation | None = None

    @property
    def is_new_association(self) -> bool:
        return bool(self.association and self.association.is_new_zit_association)

    @property
    def voivodeship(self) -> str:
        source = (
            self.organisation if self.organisation and self.organisation.voivodeship else self.association
        )
        return source.get_voivodeship_display() if source and source.voivodeship else ""

    def strength(self) -> tuple:
        """Most forms of support first; among equals the earlier last attendance, then the older account."""
        return (-self.forms, self.last_attended, self.user.pk)


def series_ids(selection: LeaderSelection) -> list[int]:
    return [s.pk for s in selection.series.all()]


def attended_registrations(series: list[int] | None = None):
    """Confirmed registrations with attendance recorded, within `series` (empty or None: every event)."""
    registrations = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, attended_at__isnull=False
    )
    if series:
        registrations = registrations.filter(event__series__in=series)
    return registrations


def forms_attended(user, series: list[int] | None = None) -> int:
    """The number of distinct events `user` attended (within `series`)."""
    return attended_registrations(series).filter(user=user).aggregate(n=Count("event", distinct=True))["n"]


def eligible(selection: LeaderSelection) -> list[Eligible]:
    """Everyone with at least `selection.minimum_forms` forms of support, strongest first.

    A fixed number of queries whatever the number of people: the counts (one aggregate), the people with their
    organisation (subqueries), those organisations with their first association, and the associations not
    already among them (if any).
    """
    series = series_ids(selection)
    attended = attended_registrations(series)
    counts = {
        user_id: (n, last)
        for user_id, n, last in attended.values("user")
        .annotate(n=Count("event", distinct=True), last=Max("attended_at"))
        .filter(n__gte=selection.minimum_forms)
        .values_list("user", "n", "last")
        .order_by()
    }
    if not counts:
        return []
    # The organisation given at the latest attended event, else the person's first active membership.
    latest_organisation = (
        attended.filter(user=OuterRef("pk"), organisation__isnull=False)
        .order_by("-attended_at", "-pk")
        .values("organisation")[:1]
    )
    member_of = (
        Membership.objects.filter(user=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by("pk")
        .values("organisation")[:1]
    )
    people = list(
        User.objects.filter(pk__in=counts)
        .only("pk", "first_name", "last_name", "email")
        .annotate(organisation_id=Coalesce(Subquery(latest_organisation), Subquery(member_of)))
    )
    # The association: the organisation itself if it is one, else the first it belongs to (by name).
    first_association = (
        Organisation.associations.through.objects.filter(from_organisation=OuterRef("pk"))
        .order_by("to_organisation__sort_name", "to_organisation")
        .values("to_organisation")[:1]
    )
    fields = ("pk", "name", "short_name", "slug", "kind", "voivodeship", "is_new_zit_association")
    organisations = (
        Organisation.objects.only(*fields)
        .annotate(first_association_id=Subquery(first_association))
        .in_bulk({p.organisation_id for p in people if p.organisation_id is not None})
    )
    association_of = {
        pk: pk if org.kind == OrganisationKind.ZIT_ASSOCIATION else org.first_association_id
        for pk, org in organisations.items()
    }
    missing = {pk for pk in association_of.values() if pk is not None and pk not in organisations}
    associations = {
        **organisations,
        **(Organisation.objects.only(*fields).in_bulk(missing) if missing else {}),
    }
    result = [
        Eligible(
            user=person,
            forms=counts[person.pk][0],
            last_attended=counts[person.pk][1],
            organisation=organisations.get(person.organisation_id),
            association=associations.get(association_of.get(person.organisation_id)),
        )
        for person in people
    ]
    result.sort(key=Eligible.strength)
    return result


# --- the proposal ------------------------------------------------------------------------------------------------


@dataclass
class Placed:
    """A person's place in the proposal order, with the reasons for it."""

    person: Eligible
    rank: int = 0
    proposed: bool = False
    reasons: list[dict] = field(default_factory=list)


def _reason(code: str, **params) -> dict:
    return {"code": code, "params": params}


def _spread(people: list[Eligible]) -> list[tuple[Eligible, int, int]]:
    """Round-robin over associations: round k takes the k-th person of each association that has one.

    Associations take their turn in the order of their strongest person; within an association the strongest
    come first. Returns (person, round, people of that association).
    """
    groups: dict[int, list[Eligible]] = defaultdict(list)
    for person in people:
        groups[person.association.pk].append(person)
    for members in groups.values():
        members.sort(key=Eligible.strength)
    turns = sorted(groups.values(), key=lambda members: members[0].strength())
    ordered = []
    for round_index in range(max((len(m) for m in turns), default=0)):
        for members in turns:
            if round_index < len(members):
                ordered.append((members[round_index], round_index + 1, len(members)))
    return ordered


def proposal_order(people: list[Eligible], *, size: int, minimum: int) -> list[Placed]:
    """Everyone eligible in proposal order: the first `size` are proposed, each with the reasons for the place."""
    new = [p for p in people if p.association is not None and p.association.is_new_zit_association]
    other = [p for p in people if p.association is not None and not p.association.is_new_zit_association]
    without = sorted((p for p in people if p.association is None), key=Eligible.strength)
    placed: list[Placed] = []
    for person, round_number, count in [*_spread(new), *_spread(other)]:
        reasons = [_reason("forms_attended", n=person.forms, minimum=minimum)]
        if person.is_new_association:
            reasons.append(_reason("new_association", association=person.association.display_name))
        reasons.append(
            _reason(
                "spread_round", round=round_number, count=count, association=person.association.display_name
            )
        )
        placed.append(Placed(person=person, reasons=reasons))
    for person in without:
        placed.append(
            Placed(
                person=person,
                reasons=[
                    _reason("forms_attended", n=person.forms, minimum=minimum),
                    _reason("no_association"),
                ],
            )
        )
    leaders_of: dict[int, int] = defaultdict(int)
    for rank, place in enumerate(placed, start=1):
        place.rank = rank
        place.proposed = rank <= size
        association = place.person.association
        if place.proposed:
            if association is not None:
                leaders_of[association.pk] += 1
        elif association is not None and leaders_of[association.pk]:
            place.reasons.append(
                _reason(
                    "association_has_leader",
                    association=association.display_name,
                    leaders=leaders_of[association.pk],
                )
            )
        else:
            place.reasons.append(_reason("places_filled", size=size))
    return placed


REASONS = {
    "forms_attended": gettext_lazy("Forms of support attended: %(n)s (at least %(minimum)s needed)."),
    "new_association": gettext_lazy("%(association)s is a ZIT association new in 2021–2027: priority."),
    "spread_round": gettext_lazy(
        "Round %(round)s of the spread across associations: person %(round)s of %(count)s from %(association)s, "
        "by forms of support attended."
    ),
    "no_association": gettext_lazy(
        "Not linked to any ZIT association: placed after the people of the associations."
    ),
    "association_has_leader": gettext_lazy(
        "Reserve: %(association)s already has proposed leaders (%(leaders)s), so people of other associations "
        "came first."
    ),
    "places_filled": gettext_lazy("Reserve: all %(size)s places went to people earlier in the order."),
    "promoted": gettext_lazy("Moved up from the reserve by the coordinator in place of a person not chosen."),
    "not_chosen": gettext_lazy("Marked as not chosen by the coordinator."),
}


def reason_text(reason: dict) -> str:
    """One stored reason as a sentence in the active language; an unknown code is shown as it is."""
    code = reason.get("code", "") if isinstance(reason, dict) else ""
    message = REASONS.get(code)
    if message is None:
        return str(code)
    try:
        return str(message) % (reason.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return str(code)


def reasons_text(reasons: list) -> list[str]:
    return [reason_text(reason) for reason in reasons or []]


# --- reads of selections -------------------------------------------------------------------------------------------


def selections():
    return (
        LeaderSelection.objects.prefetch_related("series")
        .select_related("confirmed_by")
        .annotate(
            proposed=Count(
                "candidates",
                filter=Q(candidates__status__in=[CandidateStatus.PROPOSED, CandidateStatus.CONFIRMED]),
            ),
            eligible_count=Count("candidates"),
        )
    )


def candidates(selection: LeaderSelection):
    return selection.candidates.select_related("user", "organisation", "association").order_by("rank", "pk")


def status_counts(selection: LeaderSelection) -> dict[str, int]:
    counts = dict(selection.candidates.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {value: counts.get(value, 0) for value in CandidateStatus.values}


# --- writes ----------------------------------------------------------------------------------------------------------


def _locked(selection: LeaderSelection) -> LeaderSelection:
    return LeaderSelection.objects.select_for_update().get(pk=selection.pk)


def _refuse_if_confirmed(selection: LeaderSelection) -> None:
    if selection.confirmed_at is not None:
        raise DomainError(
            _("This Leaders' Corps is already confirmed; it can no longer change."), code="stale"
        )


@transaction.atomic
def create_selection(
    *, actor, title: str, series=(), size: int = 15, minimum_forms: int = 10
) -> LeaderSelection:
    """A new selection of the Leaders' Corps. Side effect: audit entry."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the selection a title."))
    if not 1 <= size <= 500 or not 1 <= minimum_forms <= 500:
        raise DomainError(_("The number of leaders and of forms of support must be between 1 and 500."))
    selection = LeaderSelection.objects.create(
        title=title[:200], size=size, minimum_forms=minimum_forms, created_by=actor
    )
    selection.series.set(series)
    record(
        selection,
        "zitnet.events.leaders.create",
        user=actor,
        data={"size": size, "minimum_forms": minimum_forms, "series": [s.pk for s in series]},
    )
    return selection


@transaction.atomic
def propose(*, actor, selection: LeaderSelection) -> list[LeaderCandidate]:
    """Compute the eligible people and store the proposal, replacing an unconfirmed earlier one.

    Refused once the Corps is confirmed, and when nobody is eligible. Side effect: audit entry.
    """
    selection = _locked(selection)
    _refuse_if_confirmed(selection)
    people = eligible(selection)
    if not people:
        raise DomainError(
            _("Nobody has attended %(minimum)s forms of support yet, so there is nobody to propose.")
            % {"minimum": selection.minimum_forms}
        )
    placed = proposal_order(people, size=selection.size, minimum=selection.minimum_forms)
    selection.candidates.all().delete()
    created = LeaderCandidate.objects.bulk_create(
        [
            LeaderCandidate(
                selection=selection,
                user=place.person.user,
                organisation=place.person.organisation,
                association=place.person.association,
                forms_attended=place.person.forms,
                rank=place.rank,
                reasons=place.reasons,
                status=CandidateStatus.PROPOSED if place.proposed else CandidateStatus.RESERVE,
            )
            for place in placed
        ],
        batch_size=1000,
    )
    selection.proposed_at = timezone.now()
    selection.save(update_fields=["proposed_at"])
    proposed = sum(1 for place in placed if place.proposed)
    record(
        selection,
        "zitnet.events.leaders.propose",
        user=actor,
        data={"eligible": len(placed), "proposed": proposed},
    )
    return created


@transaction.atomic
def swap(
    *, actor, selection: LeaderSelection, candidate_id: int, replacement_id: int | None = None, note: str = ""
) -> LeaderCandidate | None:
    """Mark a proposed person not chosen (with a note) and move a person up from the reserve to their place.

    The replacement is required while the reserve is not empty. Side effect: audit entry. Returns the person
    moved up, if any.
    """
    selection = _locked(selection)
    _refuse_if_confirmed(selection)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Say why this person is not chosen: the note is kept with the decision."))
    leaving = selection.candidates.select_for_update().filter(pk=candidate_id).first()
    if leaving is None or leaving.status != CandidateStatus.PROPOSED:
        raise DomainError(_("This person is no longer among the proposed leaders."), code="stale")
    reserve = selection.candidates.filter(status=CandidateStatus.RESERVE)
    joining = None
    if replacement_id is not None:
        joining = reserve.select_for_update().filter(pk=replacement_id).first()
        if joining is None:
            raise DomainError(_("The person chosen to move up is no longer in the reserve."), code="stale")
    elif reserve.exists():
        raise DomainError(_("Choose who from the reserve takes the place."))
    now = timezone.now()
    leaving.status = CandidateStatus.REJECTED
    leaving.decided_by, leaving.decided_at, leaving.note = actor, now, note[:500]
    leaving.reasons = [*leaving.reasons, _reason("not_chosen")]
    if joining is not None:
        leaving.rank, joining.rank = joining.rank, leaving.rank
        joining.status = CandidateStatus.PROPOSED
        joining.decided_by, joining.decided_at = actor, now
        joining.reasons = [
            r for r in joining.reasons if r.get("code") not in {"association_has_leader", "places_filled"}
        ] + [_reason("promoted")]
        joining.save(update_fields=["status", "rank", "reasons", "decided_by", "decided_at"])
    leaving.save(update_fields=["status", "rank", "reasons", "decided_by", "decided_at", "note"])
    record(
        selection,
        "zitnet.events.leaders.swap",
        user=actor,
        data={"not_chosen": leaving.user_id, "moved_up": joining.user_id if joining else None},
    )
    return joining


@transaction.atomic
def confirm(*, actor, selection: LeaderSelection) -> int:
    """Confirm the Corps: the proposed become leaders, everyone else is not chosen. Returns the number of leaders.

    Refused without a proposal, and while places are empty but the reserve still has people. Side effect: audit
    entry.
    """
    selection = _locked(selection)
    _refuse_if_confirmed(selection)
    if selection.proposed_at is None or not selection.candidates.exists():
        raise DomainError(_("Make the proposal first."))
    proposed = selection.candidates.filter(status=CandidateStatus.PROPOSED)
    count = proposed.count()
    if count < selection.size and selection.candidates.filter(status=CandidateStatus.RESERVE).exists():
        raise DomainError(
            _("Only %(proposed)s of %(size)s places are filled: move people up from the reserve first.")
            % {"proposed": count, "size": selection.size}
        )
    if count == 0:
        raise DomainError(_("Nobody is proposed, so there is no Corps to confirm."))
    now = timezone.now()
    proposed.update(status=CandidateStatus.CONFIRMED, decided_by=actor, decided_at=now)
    selection.candidates.filter(status=CandidateStatus.RESERVE).update(
        status=CandidateStatus.REJECTED, decided_by=actor, decided_at=now
    )
    selection.confirmed_at, selection.confirmed_by = now, actor
    selection.save(update_fields=["confirmed_at", "confirmed_by"])
    record(selection, "zitnet.events.leaders.confirm", user=actor, data={"leaders": count})
    return count


# --- export ------------------------------------------------------------------------------------------------------


def export_header() -> list[str]:
    return [
        _("Place"),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("ZIT association"),
        _("Voivodeship"),
        _("New association 2021–2027"),
        _("Forms of support attended"),
        _("Status"),
        _("Reasons"),
    ]


def export_rows(selection: LeaderSelection):
    yield export_header()
    yes, no = _("yes"), _("no")
    for candidate in candidates(selection):
        organisation, association = candidate.organisation, candidate.association
        place = organisation if organisation and organisation.voivodeship else association
        yield [
            candidate.rank if candidate.rank is not None else "",
            candidate.user.display_name,
            candidate.user.email,
            organisation.name if organisation else "",
            association.name if association else "",
            place.get_voivodeship_display() if place and place.voivodeship else "",
            yes if association and association.is_new_zit_association else no,
            candidate.forms_attended,
            candidate.get_status_display(),
            " ".join(
                [
                    *reasons_text(candidate.reasons),
                    *([_("Note: %(note)s") % {"note": candidate.note}] if candidate.note else []),
                ]
            ),
        ]


def _safe_cell(value):
    """Text starting with = + - @ would run as a formula in a spreadsheet: prefix it with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_csv(selection: LeaderSelection) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(selection):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 with Polish letters


def export_xlsx(selection: LeaderSelection) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Leaders' Corps"))
    for row in export_rows(selection):
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
