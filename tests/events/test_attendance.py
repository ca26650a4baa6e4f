"""Attendance services: the window, check-in and its undoing, forged check-ins, and reading online platforms'
participant lists (Zoom, Teams, ClickMeeting, Google Meet) into an all-or-nothing import."""

import os
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.core.errors import DomainError
from zitnet.events import attendance
from zitnet.events.enums import AttendanceSource, RegistrationStatus
from zitnet.events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def happening(**fields):
    """An event that started an hour ago and ends in three hours."""
    start = timezone.now() - timedelta(hours=1)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=4), **fields)


@pytest.fixture
def organiser(db):
    return UserFactory(first_name="Olga", last_name="Organizatorka")


@pytest.fixture
def event(organiser):
    return happening(organisers=[organiser])


def person(event, email, *, first="Anna", last="Nowak", status=RegistrationStatus.CONFIRMED, **fields):
    user = UserFactory(email=email, first_name=first, last_name=last)
    return RegistrationFactory(event=event, user=user, status=status, **fields)


def fresh(registration: Registration) -> Registration:
    return Registration.objects.get(pk=registration.pk)


# The window


@pytest.mark.parametrize(
    ("starts_in", "ended_ago", "is_open"),
    [
        (timedelta(hours=2, minutes=5), None, False),  # too early, even on the event's day
        (timedelta(hours=1, minutes=55), None, True),
        (None, timedelta(days=29, hours=23), True),
        (None, timedelta(days=30, minutes=5), False),
    ],
)
def test_the_window_opens_two_hours_before_the_start_and_closes_30_days_after_the_end(
    starts_in, ended_ago, is_open
):
    now = timezone.now()
    if starts_in is not None:
        event = EventFactory(starts_at=now + starts_in, ends_at=now + starts_in + timedelta(hours=3))
    else:
        event = EventFactory(starts_at=now - ended_ago - timedelta(hours=3), ends_at=now - ended_ago)

    assert attendance.attendance_is_open(event) is is_open
    assert (attendance.window_message(event) == "") is is_open


def test_check_in_outside_the_window_is_refused_with_the_reason(organiser):
    soon = EventFactory(organisers=[organiser])  # next month
    long_ago = EventFactory(
        organisers=[organiser],
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=3),
    )
    early, late = person(soon, "wczesna@gmina.test"), person(long_ago, "spozniona@gmina.test")

    with pytest.raises(DomainError, match="two hours before the event starts"):
        attendance.check_in(user=organiser, registration=early)
    with pytest.raises(DomainError, match="30 days after the event; it is closed now"):
        attendance.check_in(user=organiser, registration=late)
    assert fresh(early).attended_at is None and fresh(late).attended_at is None


# Check-in


def test_check_in_marks_present_once_and_keeps_the_first_time(event, organiser):
    registration = person(event, "anna@gmina.test")

    first, changed = attendance.check_in(user=organiser, registration=registration)
    again, changed_again = attendance.check_in(user=organiser, registration=registration)

    assert (changed, changed_again) == (True, False)
    stored = fresh(registration)
    assert stored.attended_at == first.attended_at == again.attended_at
    assert stored.attendance_source == AttendanceSource.CHECK_IN
    assert stored.attendance_recorded_by == organiser
    [entry] = ModelLogEntry.objects.filter(action="zitnet.events.check_in")
    assert entry.user_id == organiser.pk
    assert entry.object_id == str(registration.pk)


def test_undo_withdraws_the_attendance_and_is_audited(event, organiser):
    registration = person(event, "anna@gmina.test")
    attendance.check_in(user=organiser, registration=registration)

    _registration, changed = attendance.undo_check_in(user=organiser, registration=registration)
    _registration, changed_again = attendance.undo_check_in(user=organiser, registration=registration)

    assert (changed, changed_again) == (True, False)
    stored = fresh(registration)
    assert (stored.attended_at, stored.attendance_source, stored.attendance_recorded_by) == (None, "", None)
    assert ModelLogEntry.objects.filter(action="zitnet.events.check_in_undo").count() == 1


def test_a_network_coordinator_may_check_in_at_any_event(event, coordinator):
    registration = person(event, "anna@gmina.test")

    attendance.check_in(user=coordinator, registration=registration)

    assert fresh(registration).attendance_recorded_by == coordinator


@pytest.mark.parametrize("who", ["participant", "stranger", "other_organiser"])
def test_forged_check_in_by_someone_who_does_not_organise_it_is_refused(event, who):
    registration = person(event, "anna@gmina.test")
    user = registration.user if who == "participant" else UserFactory()
    if who == "other_organiser":
        happening().organisers.add(user)

    with pytest.raises(PermissionDenied):
        attendance.check_in(user=user, registration=registration)
    assert fresh(registration).attended_at is None


@pytest.mark.parametrize("status", [RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED])
def test_only_confirmed_participants_can_be_checked_in(event, organiser, status):
    registration = person(event, "anna@gmina.test", first="Anna", last="Nowak", status=status)

    with pytest.raises(DomainError, match="Only confirmed participants can be marked present; Anna Nowak is"):
        attendance.check_in(user=organiser, registration=registration)
    assert fresh(registration).attended_at is None


# The check-in list


def test_the_list_holds_the_confirmed_in_polish_surname_order_with_counts(event, organiser):
    for number, last in enumerate(["Żak", "Zając", "Łuczak", "Lis", "Nowak", "Ćwik", "Cieśla"]):
        person(event, f"osoba-{number}@gmina.test", last=last)
    person(event, "czeka@gmina.test", last="Abacka", status=RegistrationStatus.WAITLISTED)
    person(event, "zrezygnowal@gmina.test", last="Abacki", status=RegistrationStatus.CANCELLED)
    attendance.check_in(user=organiser, registration=Registration.objects.get(user__last_name="Lis"))

    listing = attendance.check_in_list(event)

    assert [r.user.last_name for r in listing.rows] == [
        "Cieśla",
        "Ćwik",
        "Lis",
        "Łuczak",
        "Nowak",
        "Zając",
        "Żak",
    ]
    assert (listing.confirmed, listing.present) == (7, 1)


def test_the_filter_ignores_case_and_diacritics_and_looks_at_name_email_and_organisation(event):
    lodz = OrganisationFactory(name="Urząd Miasta Łodzi", short_name="UM Łódź")
    person(event, "l.zolc@gmina.test", first="Łucja", last="Żółć")
    person(event, "adam@lodz.test", first="Adam", last="Kowal", organisation=lodz)
    person(event, "ewa@gmina.test", first="Ewa", last="Bąk")

    def names(query):
        return [r.user.last_name for r in attendance.check_in_list(event, query=query).rows]

    assert names("zolc") == ["Żółć"]
    assert names("ŁUCJA żółć") == ["Żółć"]
    assert names("łodzi") == ["Kowal"]
    assert names("um lodz") == ["Kowal"]
    assert names("ewa@gmina") == ["Bąk"]
    assert names("nikt taki") == []
    assert attendance.check_in_list(event, query="nikt").confirmed == 3


# Reading participant lists

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Webinar: młodzieżowe rady,03/10/2026 10:00:00 AM,03/10/2026 11:30:00 AM,host@zitnet.test,90,5

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Anna Nowak,anna@gmina.test,03/10/2026 10:01:00 AM,03/10/2026 11:29:00 AM,88,No
Jan Kowalski,JAN@Gmina.test,03/10/2026 10:05:00 AM,03/10/2026 10:20:00 AM,15,No
Jan Kowalski,jan@gmina.test,03/10/2026 10:40:00 AM,03/10/2026 11:10:00 AM,30,No
Piotr Krótki,piotr@gmina.test,03/10/2026 10:05:00 AM,03/10/2026 10:15:00 AM,10,No
Gość bez konta,,03/10/2026 10:05:00 AM,03/10/2026 10:20:00 AM,15,Yes
Obcy,obcy@inna.test,03/10/2026 10:05:00 AM,03/10/2026 10:50:00 AM,45,Yes
"""

TEAMS_SEMICOLON = (
    "Imię i nazwisko;Godzina dołączenia;Godzina opuszczenia;Czas trwania;Adres e-mail uczestnika;Rola\r\n"
    "Łucja Żółć;10.03.2026 10:00;10.03.2026 11:00;1 godz. 0 min;Lucja.Zolc@gmina.test;Uczestnik\r\n"
    "Grzegorz Brzęczyszczykiewicz;10.03.2026 10:00;10.03.2026 10:30;30 min;grzegorz@gmina.test;Uczestnik\r\n"
    "Bez adresu;10.03.2026 10:00;10.03.2026 10:30;30 min;;Uczestnik\r\n"
    "Literówka;10.03.2026 10:00;10.03.2026 10:30;30 min;grzegorz(at)gmina.test;Uczestnik\r\n"
)


def test_a_zoom_export_with_meeting_data_reads_the_participants_table():
    listing = attendance.parse_participant_list(ZOOM.encode("utf-8-sig"))

    assert listing.email_column == "User Email"
    assert listing.duration_column == "Duration (Minutes)"
    assert [(p.line, p.email, p.duration) for p in listing.people] == [
        (5, "anna@gmina.test", "88"),
        (6, "jan@gmina.test", "15"),
        (7, "jan@gmina.test", "30"),
        (8, "piotr@gmina.test", "10"),
        (10, "obcy@inna.test", "45"),
    ]
    assert [(b.line, b.reason) for b in listing.bad_rows] == [(9, "no e-mail address")]


def test_a_teams_like_export_with_semicolons_in_windows_1250_is_read():
    listing = attendance.parse_participant_list(TEAMS_SEMICOLON.encode("cp1250"))

    assert listing.email_column == "Adres e-mail uczestnika"
    assert listing.duration_column == "Czas trwania"
    assert [p.email for p in listing.people] == ["lucja.zolc@gmina.test", "grzegorz@gmina.test"]
    assert [(b.line, b.reason) for b in listing.bad_rows] == [
        (4, "no e-mail address"),
        (5, "“grzegorz(at)gmina.test” is not an e-mail address"),
    ]


def test_teams_utf16_tab_separated_attendance_report_with_sections():
    report = (
        "1. Summary\n"
        "Meeting title\tWarsztat: rozwój MOF\n"
        "Attended participants\t2\n"
        "\n"
        "2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Anna Nowak\t3/10/26, 10:00:00 AM\t3/10/26, 11:00:00 AM\t1h 2m 3s\tanna@gmina.test\tanna@gmina.test\tAttendee\n"
        "Jan Kowalski\t3/10/26, 10:00:00 AM\t3/10/26, 10:20:00 AM\t20m 5s\tjan@gmina.test\tjan@gmina.test\tAttendee\n"
        "\n"
        "3. In-Meeting Activities\n"
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
        "Anna Nowak\t3/10/26, 10:00:00 AM\t3/10/26, 11:00:00 AM\t1h 2m 3s\tanna@gmina.test\tAttendee\n"
    )

    listing = attendance.parse_participant_list(report.encode("utf-16"))

    assert [(p.email, p.duration) for p in listing.people] == [
        ("anna@gmina.test", "1h 2m 3s"),
        ("jan@gmina.test", "20m 5s"),
    ]
    assert listing.bad_rows == []


@pytest.mark.parametrize(
    ("content", "column"),
    [
        ("Imię,Nazwisko,E-mail\nAnna,Nowak,anna@gmina.test\n", "E-mail"),
        ("First name,Last name,Email,Duration\nAnna,Nowak,anna@gmina.test,45 min\n", "Email"),  # Google Meet
        ("Nazwisko\tAdres e-mail\nNowak\tanna@gmina.test\n", "Adres e-mail"),
        ("Name;Email Address;Attendance duration\nNowak;anna@gmina.test;00:45:00\n", "Email Address"),
        ('"Nazwa uczestnika","ADRES E-MAIL"\n"Nowak, Anna","anna@gmina.test"\n', "ADRES E-MAIL"),
        ("Uczestnik;Kontakt\nAnna Nowak;Anna Nowak <anna@gmina.test>\n", "Kontakt"),  # found by its values
        ("anna@gmina.test\n", "column 1"),  # a bare list of addresses
    ],
)
def test_the_email_column_is_found_by_its_header_or_its_values(content, column):
    listing = attendance.parse_participant_list(content.encode())

    assert listing.email_column == column
    assert [p.email for p in listing.people] == ["anna@gmina.test"]


@pytest.mark.parametrize(
    ("text", "unit", "minutes"),
    [
        ("95", "minutes", 95),
        ("95,5", "minutes", 95.5),
        ("1:35:00", "minutes", 95),
        ("1:35", "minutes", 95),
        ("1h 35m", "minutes", 95),
        ("1 godz. 35 min", "minutes", 95),
        ("5700", "seconds", 95),
        ("1h 2m 30s", "minutes", 62.5),
    ],
)
def test_durations_in_the_formats_the_platforms_write(text, unit, minutes):
    assert attendance.duration_minutes(text, unit=unit) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "dużo", "1 x", "1h abc", "-5"])
def test_unreadable_durations_are_refused(text):
    with pytest.raises(ValueError):
        attendance.duration_minutes(text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"   \n\n", "The file is empty."),
        (os.urandom(3000) + b"\x00", "not a readable CSV text file"),
        (bytes(range(1, 9)) * 400, "not a readable CSV text file"),
        (b"PK\x03\x04" + b"\x00" * 100, "spreadsheet (XLSX)"),
        (b"Imie;Nazwisko\nAnna;Nowak\nJan;Kowalski\n", "No column of e-mail addresses was found"),
        (b"x" * (2 * 1024 * 1024 + 1), "at most 2 MB"),
        (("Email\n" + "osoba@gmina.test\n" * 5001).encode(), "at most 5000 rows"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_message(content, message):
    with pytest.raises(DomainError, match=message.replace("(", r"\(").replace(")", r"\)")):
        attendance.parse_participant_list(content)


def test_5000_rows_are_accepted():
    content = ("Email\n" + "".join(f"osoba{n}@gmina.test\n" for n in range(5000))).encode()

    assert len(attendance.parse_participant_list(content).people) == 5000


# The import


@pytest.fixture
def zoom_event(event):
    person(event, "anna@gmina.test", first="Anna", last="Nowak")
    person(event, "jan@gmina.test", first="Jan", last="Kowalski")
    person(event, "piotr@gmina.test", first="Piotr", last="Krótki")
    person(event, "host@zitnet.test", first="Ewa", last="Czekająca", status=RegistrationStatus.WAITLISTED)
    return event


def test_a_zoom_import_adds_up_rejoins_and_applies_the_minimum(zoom_event, organiser):
    result = attendance.import_attendance(
        user=organiser, event=zoom_event, content=ZOOM.encode(), minimum_minutes=30
    )

    assert [r.user.email for r in result.marked] == ["jan@gmina.test", "anna@gmina.test"]  # 15 + 30 min
    assert [(r.user.email, minutes) for r, minutes in result.too_short] == [("piotr@gmina.test", 10)]
    assert result.unknown == ["obcy@inna.test"]
    assert result.already == [] and result.not_confirmed == []
    assert [(b.line, b.reason) for b in result.bad_rows] == [(9, "no e-mail address")]
    present = Registration.objects.filter(event=zoom_event, attended_at__isnull=False)
    assert sorted(present.values_list("user__email", flat=True)) == ["anna@gmina.test", "jan@gmina.test"]
    assert set(present.values_list("attendance_source", "attendance_recorded_by")) == {
        (AttendanceSource.IMPORT, organiser.pk)
    }
    [entry] = ModelLogEntry.objects.filter(action="zitnet.events.attendance_import")
    assert (entry.data["marked"], entry.data["too_short"], entry.data["unknown"]) == (2, 1, 1)


def test_importing_again_reports_the_already_present_and_keeps_their_time(zoom_event, organiser):
    first = attendance.import_attendance(user=organiser, event=zoom_event, content=ZOOM.encode())
    times = dict(Registration.objects.filter(event=zoom_event).values_list("pk", "attended_at"))

    again = attendance.import_attendance(user=organiser, event=zoom_event, content=ZOOM.encode())

    assert len(first.marked) == 3
    assert (len(again.marked), len(again.already)) == (0, 3)
    assert dict(Registration.objects.filter(event=zoom_event).values_list("pk", "attended_at")) == times


def test_waitlisted_and_cancelled_people_on_the_list_are_reported_not_marked(event, organiser):
    waiting = person(event, "czeka@gmina.test", status=RegistrationStatus.WAITLISTED)
    cancelled = person(event, "odwolal@gmina.test", status=RegistrationStatus.CANCELLED)

    result = attendance.import_attendance(
        user=organiser, event=event, content=b"E-mail\nczeka@gmina.test\nODWOLAL@gmina.test\n"
    )

    assert sorted(r.pk for r in result.not_confirmed) == sorted([waiting.pk, cancelled.pk])
    assert result.marked == []
    assert not Registration.objects.filter(attended_at__isnull=False).exists()


def test_a_minimum_without_a_duration_column_is_refused_and_nothing_is_written(event, organiser):
    registration = person(event, "anna@gmina.test")

    with pytest.raises(DomainError, match="no duration column"):
        attendance.import_attendance(
            user=organiser, event=event, content=b"Email\nanna@gmina.test\n", minimum_minutes=10
        )
    assert fresh(registration).attended_at is None
    assert not ModelLogEntry.objects.filter(action="zitnet.events.attendance_import").exists()


def test_unreadable_durations_are_bad_rows_when_a_minimum_is_set(event, organiser):
    person(event, "anna@gmina.test")
    person(event, "jan@gmina.test")
    content = "E-mail;Czas trwania (min)\nanna@gmina.test;dużo\njan@gmina.test;40\n".encode("cp1250")

    result = attendance.import_attendance(user=organiser, event=event, content=content, minimum_minutes=30)

    assert [r.user.email for r in result.marked] == ["jan@gmina.test"]
    assert [(b.line, b.reason) for b in result.bad_rows] == [(2, "the duration “dużo” cannot be read")]
    assert [(r.user.email, minutes) for r, minutes in result.too_short] == [("anna@gmina.test", 0)]


def test_a_garbage_file_changes_nothing(event, organiser):
    registration = person(event, "anna@gmina.test")

    with pytest.raises(DomainError):
        attendance.import_attendance(user=organiser, event=event, content=os.urandom(5000) + b"\x00")
    assert fresh(registration).attended_at is None


def test_import_is_for_organisers_and_within_the_window(organiser):
    registration = person(happening(), "anna@gmina.test")
    with pytest.raises(PermissionDenied):
        attendance.import_attendance(
            user=organiser, event=registration.event, content=b"Email\nanna@gmina.test\n"
        )

    future = EventFactory(organisers=[organiser])
    with pytest.raises(DomainError, match="two hours before the event starts"):
        attendance.import_attendance(user=organiser, event=future, content=b"Email\nanna@gmina.test\n")
    assert not Registration.objects.filter(attended_at__isnull=False).exists()
