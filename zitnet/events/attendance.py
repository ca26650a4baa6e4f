"""Attendance of events: the window for recording it, check-in and its undoing, the check-in list, and the import
of an online platform's participant list (Zoom, Teams, ClickMeeting, Google Meet exports as CSV).

Only confirmed registrations can attend; "attended" means `attended_at` is set. An import reads the whole file
before it writes, and writes in one transaction: a file it cannot read changes nothing.
"""

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from anyascii import anyascii
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from zitnet.core.audit import record
from zitnet.core.errors import DomainError
from zitnet.directory.geocoding import fold
from zitnet.directory.models import polish_sort_key

from .enums import AttendanceSource, RegistrationStatus
from .models import Event, Registration

# Check-in opens on the event's day, a little before the start (people arrive early), and stays open long enough
# for an organiser to correct the list or import the online platform's report after the event.
OPENS_BEFORE_START = timedelta(hours=2)
STAYS_OPEN_AFTER_END = timedelta(days=30)

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_QUERY_LENGTH = 100


# --- The window ------------------------------------------------------------------------------------------


def attendance_window(event: Event) -> tuple[datetime, datetime]:
    """When attendance of `event` can be recorded: from two hours before the start to 30 days after the end."""
    return event.starts_at - OPENS_BEFORE_START, event.ends_at + STAYS_OPEN_AFTER_END


def attendance_is_open(event: Event, now: datetime | None = None) -> bool:
    opens, closes = attendance_window(event)
    return opens <= (now or timezone.now()) <= closes


def when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def window_message(event: Event, now: datetime | None = None) -> str:
    """Why attendance cannot be recorded now (empty while it can)."""
    now = now or timezone.now()
    opens, closes = attendance_window(event)
    if now < opens:
        return _("Attendance can be recorded from %(opens)s, two hours before the event starts.") % {
            "opens": when(opens)
        }
    if now > closes:
        return _(
            "Attendance could be recorded until %(closes)s, 30 days after the event; it is closed now."
        ) % {"closes": when(closes)}
    return ""


def _check_window(event: Event) -> None:
    message = window_message(event)
    if message:
        raise DomainError(message, code="closed")


def _check_confirmed(registration: Registration) -> None:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(
            _("Only confirmed participants can be marked present; %(name)s is %(status)s.")
            % {
                "name": registration.user.display_name,
                "status": str(registration.get_status_display()).lower(),
            }
        )


# --- Check-in --------------------------------------------------------------------------------------------


@transaction.atomic
def check_in(*, user, registration: Registration) -> tuple[Registration, bool]:
    """Mark a confirmed participant present; returns the registration and whether this call changed it.

    Refuses people who may not check in at this event (PermissionDenied), registrations that are not confirmed
    and times outside the window. Checking in twice keeps the first time. Side effect: audit entry.
    """
    if not user.has_perm("events.check_in", registration.event):
        raise PermissionDenied
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .get(pk=registration.pk)
    )
    _check_confirmed(registration)
    _check_window(registration.event)
    if registration.attended_at is not None:
        return registration, False
    registration.attended_at = timezone.now()
    registration.attendance_source = AttendanceSource.CHECK_IN
    registration.attendance_recorded_by = user
    registration.save(
        update_fields=["attended_at", "attendance_source", "attendance_recorded_by", "updated_at"]
    )
    record(registration, "zitnet.events.check_in", user=user, data={"source": AttendanceSource.CHECK_IN})
    return registration, True


@transaction.atomic
def undo_check_in(*, user, registration: Registration) -> tuple[Registration, bool]:
    """Withdraw a recorded attendance (a mistaken check-in or import); returns whether this call changed it.

    The same refusals as `check_in`. Side effect: audit entry with the attendance that was withdrawn.
    """
    if not user.has_perm("events.check_in", registration.event):
        raise PermissionDenied
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .get(pk=registration.pk)
    )
    _check_confirmed(registration)
    _check_window(registration.event)
    if registration.attended_at is None:
        return registration, False
    withdrawn = {
        "attended_at": registration.attended_at.isoformat(),
        "source": registration.attendance_source,
    }
    registration.attended_at = None
    registration.attendance_source = ""
    registration.attendance_recorded_by = None
    registration.save(
        update_fields=["attended_at", "attendance_source", "attendance_recorded_by", "updated_at"]
    )
    record(registration, "zitnet.events.check_in_undo", user=user, data=withdrawn)
    return registration, True


# --- The check-in list -----------------------------------------------------------------------------------


@dataclass
class CheckInList:
    rows: list[Registration]
    confirmed: int
    present: int
    query: str = ""


def surname_key(registration: Registration) -> tuple:
    user = registration.user
    return (polish_sort_key(user.last_name or user.email), polish_sort_key(user.first_name), registration.pk)


def _haystack(registration: Registration) -> str:
    user, organisation = registration.user, registration.organisation
    parts = [user.first_name, user.last_name, user.email]
    if organisation is not None:
        parts += [organisation.name, organisation.short_name]
    return fold(" ".join(parts))


def check_in_list(event: Event, *, query: str = "") -> CheckInList:
    """Confirmed participants in Polish surname order with the counts; `query` keeps those whose name, e-mail or
    organisation holds every word of it (case and diacritics ignored: "lodz" finds "Łódź"). One query."""
    registrations = sorted(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related(
            "user", "organisation"
        ),
        key=surname_key,
    )
    present = sum(1 for registration in registrations if registration.attended_at is not None)
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    rows = registrations
    words = fold(query).split()
    if words:
        rows = [r for r in registrations if all(word in _haystack(r) for word in words)]
    return CheckInList(rows=rows, confirmed=len(registrations), present=present, query=query)


# --- Reading a participant list (CSV) --------------------------------------------------------------------


@dataclass
class BadRow:
    line: int
    reason: str


@dataclass
class ListedPerson:
    line: int
    email: str
    duration: str = ""


@dataclass
class ParticipantList:
    people: list[ListedPerson]
    bad_rows: list[BadRow]
    email_column: str
    duration_column: str = ""
    duration_unit: str = "minutes"
    header_line: int | None = None


EMAIL_RE = re.compile(r"^[^@\s<>,;\"']+@[^@\s<>,;\"']+\.[^@\s<>,;\"']+$")
ANGLE_RE = re.compile(r"<([^<>]+)>")
DELIMITERS = (",", ";", "\t")
SNIFF_LINES = 60


def _header_key(cell: str) -> str:
    """A header cell compared without case, diacritics, spaces and punctuation ("Adres e-mail" → "adresemail")."""
    return re.sub(r"[^a-z0-9]", "", fold(cell))


def _is_email_header(cell: str) -> bool:
    key = _header_key(cell)
    return len(key) <= 32 and ("email" in key or key in {"mail", "adresmail"})


def _is_duration_header(cell: str) -> bool:
    key = _header_key(cell)
    return any(
        word in key for word in ("duration", "czastrwania", "czasobecnosci", "czasudzialu", "czasuczest")
    )


def _duration_unit(cell: str) -> str:
    key = _header_key(cell)
    if re.search(r"(sec|sek|seconds|sekundy|\(s\))", fold(cell)):
        return "seconds"
    if "hour" in key or "godz" in key:
        return "hours"
    return "minutes"


def _email_in(cell: str) -> str:
    """The e-mail address a cell holds (also "Jan Kowalski <jan@gmina.pl>" and "mailto:…"), lower-cased, or ""."""
    value = cell.strip().strip("\"'")
    bracketed = ANGLE_RE.search(value)
    if bracketed:
        value = bracketed.group(1).strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    value = value.lower()
    if not EMAIL_RE.match(value):
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def _decode(raw: bytes) -> str:
    if raw[:4] == b"PK\x03\x04":
        raise DomainError(_("This is a spreadsheet (XLSX) file. Save it as CSV and upload it again."))
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Microsoft Teams saves its attendance list in UTF-16
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DomainError(_("The file is not a readable CSV text file.")) from error
    if b"\x00" in raw:
        raise DomainError(_("The file is not a readable CSV text file."))
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("The file is not a readable CSV text file: use UTF-8 or Windows-1250."))


def _looks_binary(text: str) -> bool:
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n")
    return controls > max(2, len(text) // 200)


def _sniff_delimiter(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the most lines into the same number of columns."""
    sample = [line for line in text.splitlines()[: SNIFF_LINES * 2] if line.strip()][:SNIFF_LINES]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            widths = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter) if len(row) > 1)
        except csv.Error:
            return (0, 0)
        if not widths:
            return (0, 0)
        width, count = widths.most_common(1)[0]
        return (count, width)

    return max(DELIMITERS, key=score)  # ties keep the earlier: comma, then semicolon


def _read_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every record; blank records are kept as empty lists to mark section breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append(
                (reader.line_num, [cell.strip() for cell in cells] if any(c.strip() for c in cells) else [])
            )
            if len(rows) > MAX_IMPORT_ROWS * 3:
                raise DomainError(_("The file may hold at most %(count)d rows.") % {"count": MAX_IMPORT_ROWS})
    except csv.Error as error:
        raise DomainError(
            _("The file is not a readable CSV file (line %(line)s).") % {"line": reader.line_num}
        ) from error
    return rows


def _tables_by_header(rows) -> list[tuple[int, int, int]]:
    """(header index, e-mail column, end index) of each table whose header names an e-mail column.

    Exports put a summary before the participants (Zoom's meeting data, Teams' "1. Summary") and sometimes more
    sections after them: a table ends at the blank line before the next header."""
    headers = []
    for index, (_line, cells) in enumerate(rows):
        column = next(
            (i for i, cell in enumerate(cells) if _is_email_header(cell) and not _email_in(cell)), None
        )
        if column is not None:
            headers.append((index, column))
    tables = []
    for number, (index, column) in enumerate(headers):
        end = headers[number + 1][0] if number + 1 < len(headers) else len(rows)
        if number + 1 < len(headers):
            blanks = [i for i in range(index + 1, end) if not rows[i][1]]
            end = blanks[-1] if blanks else end
        tables.append((index, column, end))
    return tables


def _email_column_by_values(rows) -> int | None:
    """The first column where most filled cells hold e-mail addresses."""
    width = max((len(cells) for _line, cells in rows), default=0)
    for column in range(width):
        filled = [cells[column] for _line, cells in rows if len(cells) > column and cells[column]]
        emails = sum(1 for cell in filled if _email_in(cell))
        if emails and emails * 2 >= len(filled):
            return column
    return None


def parse_participant_list(raw: bytes) -> ParticipantList:
    """Read an online platform's participant list: who (e-mail) and, if given, for how long.

    Raises DomainError for a file that is empty, binary, too long or has no e-mail column; rows it cannot use
    are listed with their line numbers and reasons."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise DomainError(_("The file may be at most 2 MB."))
    if not raw.strip():
        raise DomainError(_("The file is empty."))
    text = _decode(raw)
    if not text.strip():
        raise DomainError(_("The file is empty."))
    if _looks_binary(text):
        raise DomainError(_("The file is not a readable CSV text file."))
    rows = _read_rows(text, _sniff_delimiter(text))

    tables = _tables_by_header(rows)
    if tables:
        # The biggest table is the participants' (Zoom's meeting data above it has a single row).
        header_index, column, end = max(
            tables, key=lambda t: sum(1 for _l, cells in rows[t[0] + 1 : t[2]] if cells)
        )
        header = rows[header_index][1]
        body = rows[header_index + 1 : end]
        header_line = rows[header_index][0]
        email_label = header[column]
    else:
        column = _email_column_by_values(rows)
        if column is None:
            raise DomainError(
                _(
                    "No column of e-mail addresses was found. The file needs a column named e.g. “E-mail”, "
                    "“Email” or “Adres e-mail”, or a column holding the participants' e-mail addresses."
                )
            )
        first = next((index for index, (_line, cells) in enumerate(rows) if cells), 0)
        first_cells = rows[first][1]
        has_header = len(first_cells) <= column or not _email_in(first_cells[column])
        header = first_cells if has_header else []
        header_line = rows[first][0] if has_header else None
        body = rows[first + 1 :] if has_header else rows[first:]
        email_label = (
            header[column]
            if has_header and header[column]
            else _("column %(number)s") % {"number": column + 1}
        )

    duration_column = next((i for i, cell in enumerate(header) if _is_duration_header(cell)), None)
    filled = [(line, cells) for line, cells in body if cells]
    if len(filled) > MAX_IMPORT_ROWS:
        raise DomainError(_("The file may hold at most %(count)d rows.") % {"count": MAX_IMPORT_ROWS})

    people, bad_rows = [], []
    for line, cells in filled:
        value = cells[column] if len(cells) > column else ""
        if not value:
            bad_rows.append(BadRow(line, _("no e-mail address")))
            continue
        email = _email_in(value)
        if not email:
            bad_rows.append(BadRow(line, _("“%(value)s” is not an e-mail address") % {"value": value[:80]}))
            continue
        duration = ""
        if duration_column is not None and len(cells) > duration_column:
            duration = cells[duration_column]
        people.append(ListedPerson(line=line, email=email, duration=duration))
    return ParticipantList(
        people=people,
        bad_rows=bad_rows,
        email_column=email_label,
        duration_column=header[duration_column] if duration_column is not None else "",
        duration_unit=_duration_unit(header[duration_column]) if duration_column is not None else "minutes",
        header_line=header_line,
    )


UNIT_MINUTES = {
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "g": 60, "godz": 60, "godzina": 60, "godziny": 60,
    "godzin": 60,
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "minuta": 1, "minuty": 1, "minut": 1,
    "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60, "sek": 1 / 60,
    "sekunda": 1 / 60, "sekundy": 1 / 60, "sekund": 1 / 60,
}  # fmt: skip
NUMBER_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)\.?")
BARE_UNIT = {"minutes": 1, "seconds": 1 / 60, "hours": 60}


def duration_minutes(text: str, *, unit: str = "minutes") -> float:
    """Minutes in a duration cell: "95", "95,5", "1:35:00" (h:mm:ss), "1:35" (h:mm), "1h 35m 10s",
    "1 godz. 35 min". A bare number is in the column's unit (minutes unless its header says otherwise).
    Raises ValueError for anything else."""
    value = " ".join(anyascii(text or "").lower().replace(",", ".").split())
    if not value:
        raise ValueError(text)
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value) * BARE_UNIT[unit]
    clock = re.fullmatch(r"(\d+):([0-5]?\d)(?::([0-5]?\d))?", value)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 60 + minutes + seconds / 60
    total = 0.0
    for number, word in NUMBER_UNIT_RE.findall(value):
        if word not in UNIT_MINUTES:
            raise ValueError(text)
        total += float(number) * UNIT_MINUTES[word]
    rest = NUMBER_UNIT_RE.sub("", value)
    if rest.strip(" .") or not NUMBER_UNIT_RE.search(value):
        raise ValueError(text)
    return total


# --- The import ------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did; the lists name people so the organiser can follow up."""

    marked: list[Registration] = field(default_factory=list)
    already: list[Registration] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    not_confirmed: list[Registration] = field(default_factory=list)
    too_short: list[tuple[Registration, int]] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    people_listed: int = 0
    email_column: str = ""
    duration_column: str = ""
    header_line: int | None = None
    minimum_minutes: int = 0


@transaction.atomic
def import_attendance(*, user, event: Event, content: bytes, minimum_minutes: int = 0) -> ImportResult:
    """Mark present the confirmed participants found (by e-mail, case ignored) in an online platform's list.

    Several rows of one person (rejoining) add up their durations. With `minimum_minutes`, people who stayed
    shorter are not marked. Refuses a file it cannot read, or a minimum without a duration column, before
    writing anything; all marks are written at once. Side effect: one audit entry on the event with the counts.
    """
    if not user.has_perm("events.check_in", event):
        raise PermissionDenied
    _check_window(event)
    if minimum_minutes < 0:
        raise DomainError(_("The minimum time cannot be negative."))
    listing = parse_participant_list(content)
    if minimum_minutes and not listing.duration_column:
        raise DomainError(
            _("The file has no duration column, so a minimum time cannot be checked. Set the minimum to 0.")
        )

    result = ImportResult(
        bad_rows=list(listing.bad_rows),
        email_column=listing.email_column,
        duration_column=listing.duration_column,
        header_line=listing.header_line,
        minimum_minutes=minimum_minutes,
    )
    minutes: dict[str, float] = {}
    for person in listing.people:
        minutes.setdefault(person.email, 0.0)
        if not minimum_minutes:
            continue
        try:
            minutes[person.email] += duration_minutes(person.duration, unit=listing.duration_unit)
        except ValueError:
            reason = (
                _("no duration")
                if not person.duration
                else _("the duration “%(value)s” cannot be read") % {"value": person.duration[:40]}
            )
            result.bad_rows.append(BadRow(person.line, reason))
    result.bad_rows.sort(key=lambda bad: bad.line)
    result.people_listed = len(minutes)

    registrations = {
        registration.user.email.lower(): registration
        for registration in event.registrations.select_for_update(of=("self",)).select_related(
            "user", "organisation"
        )
    }
    for email, total in minutes.items():
        registration = registrations.get(email)
        if registration is None:
            result.unknown.append(email)
        elif registration.status != RegistrationStatus.CONFIRMED:
            result.not_confirmed.append(registration)
        elif registration.attended_at is not None:
            result.already.append(registration)
        elif minimum_minutes and total < minimum_minutes:
            result.too_short.append((registration, int(total)))
        else:
            result.marked.append(registration)

    now = timezone.now()
    Registration.objects.filter(pk__in=[r.pk for r in result.marked], attended_at__isnull=True).update(
        attended_at=now,
        attendance_source=AttendanceSource.IMPORT,
        attendance_recorded_by=user,
        updated_at=now,
    )
    for registration in result.marked:
        registration.attended_at = now
        registration.attendance_source = AttendanceSource.IMPORT
    for name in ("marked", "already", "not_confirmed", "too_short"):
        getattr(result, name).sort(key=lambda item: surname_key(item[0] if isinstance(item, tuple) else item))
    result.unknown.sort()
    record(
        event,
        "zitnet.events.attendance_import",
        user=user,
        data={
            "marked": len(result.marked),
            "already": len(result.already),
            "unknown": len(result.unknown),
            "not_confirmed": len(result.not_confirmed),
            "too_short": len(result.too_short),
            "bad_rows": len(result.bad_rows),
            "minimum_minutes": minimum_minutes,
            "registrations": [r.pk for r in result.marked],
        },
    )
    return result
