"""The check-in list and the import page: who may open them, counts, the filter, forged check-ins, and what an
organiser sees after uploading a participant list."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.enums import AttendanceSource, Audience, RegistrationStatus
from zitnet.events.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def text(response) -> str:
    return response.content.decode()


def happening(**fields):
    start = timezone.now() - timedelta(hours=1)
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=4), **fields)


@pytest.fixture
def organiser(db):
    return UserFactory(first_name="Olga", last_name="Organizatorka")


@pytest.fixture
def event(organiser):
    return happening(slug="warsztat-dzis", title="Warsztat: rozwój MOF", organisers=[organiser])


def person(event, email, *, first="Anna", last="Nowak", status=RegistrationStatus.CONFIRMED, **fields):
    return RegistrationFactory(
        event=event, user=UserFactory(email=email, first_name=first, last_name=last), status=status, **fields
    )


def list_url(event) -> str:
    return reverse("events:check_in_list", args=[event.slug])


def check_in_url(registration, *, undo=False) -> str:
    name = "events:undo_check_in" if undo else "events:check_in"
    return reverse(name, args=[registration.event.slug, registration.pk])


def import_url(event) -> str:
    return reverse("events:attendance_import", args=[event.slug])


# Who may open the pages


def test_anonymous_visitors_are_sent_to_log_in(client, event):
    registration = person(event, "anna@gmina.test")

    for response in (
        client.get(list_url(event)),
        client.post(check_in_url(registration)),
        client.get(import_url(event)),
    ):
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert Registration.objects.get().attended_at is None


def test_organisers_and_coordinators_open_the_list_others_get_403_or_404(
    client_for, event, organiser, coordinator, member, user
):
    members_only = happening(slug="dla-czlonkow", audience=Audience.MEMBERS, organisers=[organiser])
    participant = person(event, "anna@gmina.test").user

    assert client_for(organiser).get(list_url(event)).status_code == 200
    assert client_for(coordinator).get(list_url(event)).status_code == 200
    assert client_for(organiser).get(import_url(event)).status_code == 200
    assert client_for(member).get(list_url(event)).status_code == 403
    assert client_for(participant).get(list_url(event)).status_code == 403
    assert client_for(participant).get(import_url(event)).status_code == 403
    assert client_for(user).get(list_url(members_only)).status_code == 404  # may not even see the event
    assert client_for(member).get(list_url(members_only)).status_code == 403
    assert client_for(organiser).get("/wydarzenia/nie-ma-takiego/obecnosc/").status_code == 404


def test_the_list_shows_confirmed_people_by_surname_with_organisation_and_counts(
    client_for, event, organiser
):
    organisation = OrganisationFactory(name="Gmina Nowe Skalmierzyce")
    person(event, "z@gmina.test", first="Zofia", last="Żak", organisation=organisation)
    person(event, "b@gmina.test", first="Bartosz", last="Bąk", attended_at=timezone.now())
    person(event, "w@gmina.test", first="Wanda", last="Czekająca", status=RegistrationStatus.WAITLISTED)

    page = text(client_for(organiser).get(list_url(event)))

    assert page.index("Bartosz Bąk") < page.index("Zofia Żak")
    assert "Wanda Czekająca" not in page
    assert "Gmina Nowe Skalmierzyce" in page
    assert '<strong data-count="confirmed">2</strong>' in page
    assert '<strong data-count="present">1</strong>' in page


def test_the_filter_works_without_javascript_and_keeps_the_counts(client_for, event, organiser):
    person(event, "l.zolc@gmina.test", first="Łucja", last="Żółć")
    person(event, "jan@gmina.test", first="Jan", last="Kowalski")

    response = client_for(organiser).get(list_url(event), {"q": "zolc"})
    page = text(response)

    assert "Łucja Żółć" in page
    assert "Jan Kowalski" not in page
    assert 'value="zolc"' in page
    assert '<strong data-count="confirmed">2</strong>' in page
    assert "Nobody matches" in text(client_for(organiser).get(list_url(event), {"q": "xyz"}))


def test_the_list_of_100_people_needs_a_fixed_few_queries(
    client_for, event, organiser, django_assert_max_num_queries
):
    for number in range(100):
        person(
            event,
            f"uczestnik{number}@powiat.test",
            last=f"Nowak{number:03d}",
            organisation=OrganisationFactory(),
        )
    c = client_for(organiser)
    c.get(list_url(event))  # the session's first request

    with django_assert_max_num_queries(9):
        response = c.get(list_url(event))

    assert text(response).count('<li class="attendee') == 100


# Checking in


def test_checking_in_redirects_back_to_the_row_keeping_the_filter(client_for, event, organiser):
    registration = person(event, "anna@gmina.test", first="Anna", last="Nowak")

    c = client_for(organiser)
    response = c.post(check_in_url(registration), {"q": "nowak"})

    assert response.status_code == 302
    assert response["Location"] == f"{list_url(event)}?q=nowak#r{registration.pk}"
    registration.refresh_from_db()
    assert registration.attended_at is not None
    assert registration.attendance_source == AttendanceSource.CHECK_IN
    page = text(c.get(response["Location"]))
    assert "Anna Nowak is marked present." in page
    assert '<strong data-count="present">1</strong>' in page


def test_checking_in_twice_keeps_the_first_time_and_says_so(client_for, event, organiser, coordinator):
    registration = person(event, "anna@gmina.test")
    client_for(organiser).post(check_in_url(registration))
    first = Registration.objects.get().attended_at

    response = client_for(coordinator).post(check_in_url(registration), follow=True)

    assert "was already marked present" in text(response)
    stored = Registration.objects.get()
    assert (stored.attended_at, stored.attendance_recorded_by) == (first, organiser)


def test_undo_withdraws_the_attendance(client_for, event, organiser):
    registration = person(event, "anna@gmina.test", attended_at=timezone.now(), attendance_source="check_in")

    response = client_for(organiser).post(check_in_url(registration, undo=True), follow=True)

    assert "Anna Nowak is no longer marked present." in text(response)
    assert Registration.objects.get().attended_at is None


def test_forged_check_ins_are_refused(client_for, event, organiser, member):
    mine = person(event, "anna@gmina.test")
    other_event = happening(slug="inne")
    elsewhere = person(other_event, "obcy@gmina.test")
    waiting = person(
        event, "czeka@gmina.test", first="Wanda", last="Czekająca", status=RegistrationStatus.WAITLISTED
    )
    cancelled = person(event, "odwolal@gmina.test", status=RegistrationStatus.CANCELLED)

    assert client_for(member).post(check_in_url(mine)).status_code == 403
    assert client_for(mine.user).post(check_in_url(mine)).status_code == 403
    # A registration of another event under this event's address:
    url = reverse("events:check_in", args=[event.slug, elsewhere.pk])
    assert client_for(organiser).post(url).status_code == 404
    assert (
        client_for(organiser).post(reverse("events:check_in", args=[event.slug, 999999])).status_code == 404
    )
    response = client_for(organiser).post(check_in_url(waiting))
    assert response.status_code == 400
    assert (
        "Only confirmed participants can be marked present; Wanda Czekająca is on the waiting list."
        in text(response)
    )
    assert client_for(organiser).post(check_in_url(cancelled)).status_code == 400
    assert client_for(organiser).get(check_in_url(mine)).status_code == 405
    assert not Registration.objects.filter(attended_at__isnull=False).exists()


def test_outside_the_window_the_list_explains_and_a_check_in_is_a_400(client_for, organiser):
    next_month = EventFactory(slug="za-miesiac", organisers=[organiser])
    registration = person(next_month, "anna@gmina.test")

    page = text(client_for(organiser).get(list_url(next_month)))
    assert "two hours before the event starts" in page
    assert check_in_url(registration) not in page  # no buttons yet

    response = client_for(organiser).post(check_in_url(registration))
    assert response.status_code == 400
    assert "Attendance can be recorded from" in text(response)
    assert Registration.objects.get().attended_at is None


# The import


def upload(content: bytes, name: str = "uczestnicy.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


ZOOM = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Anna Nowak,anna@gmina.test,03/10/2026 10:01:00 AM,03/10/2026 11:29:00 AM,88,No\n"
    "Piotr Krótki,piotr@gmina.test,03/10/2026 10:05:00 AM,03/10/2026 10:15:00 AM,10,No\n"
    "Obcy,obcy@inna.test,03/10/2026 10:05:00 AM,03/10/2026 10:50:00 AM,45,Yes\n"
    "Gość,,03/10/2026 10:05:00 AM,03/10/2026 10:20:00 AM,15,Yes\n"
)


def test_an_import_shows_what_it_did_with_line_numbers(client_for, event, organiser):
    person(event, "anna@gmina.test")
    person(event, "piotr@gmina.test", first="Piotr", last="Krótki")
    person(event, "czeka@gmina.test", status=RegistrationStatus.WAITLISTED)

    response = client_for(organiser).post(
        import_url(event), {"file": upload(ZOOM.encode()), "minimum_minutes": "30"}
    )
    page = text(response)

    assert response.status_code == 200
    assert '<dd data-count="marked">1</dd>' in page
    assert '<dd data-count="too_short">1</dd>' in page
    assert '<dd data-count="unknown">1</dd>' in page
    assert '<dd data-count="bad_rows">1</dd>' in page
    assert "line 5: no e-mail address" in page
    assert "obcy@inna.test" in page
    assert "Piotr Krótki: 10 min" in page
    assert list(
        Registration.objects.filter(attended_at__isnull=False).values_list("user__email", flat=True)
    ) == ["anna@gmina.test"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (os.urandom(4000) + b"\x00\x01", "The file is not a readable CSV text file."),
        (b"", "The submitted file is empty."),
        (b"Imie;Nazwisko\nAnna;Nowak\n", "No column of e-mail addresses was found."),
        (b"x" * (2 * 1024 * 1024 + 10), "The file may be at most 2 MB."),
        (("Email\n" + "anna@gmina.test\n" * 5001).encode(), "The file may hold at most 5000 rows."),
    ],
)
def test_a_file_that_cannot_be_imported_is_a_400_and_writes_nothing(
    client_for, event, organiser, content, message
):
    person(event, "anna@gmina.test")

    response = client_for(organiser).post(
        import_url(event), {"file": upload(content), "minimum_minutes": "0"}
    )

    assert response.status_code == 400
    assert message in text(response)
    assert not Registration.objects.filter(attended_at__isnull=False).exists()


def test_bad_form_values_are_a_400(client_for, event, organiser):
    for data in ({"minimum_minutes": "0"}, {"file": upload(b"Email\na@b.pl\n"), "minimum_minutes": "-5"}):
        response = client_for(organiser).post(import_url(event), data)
        assert response.status_code == 400
        assert "Please correct the marked fields." in text(response)


def test_only_organisers_may_import(client_for, event, member):
    person(event, "anna@gmina.test")

    response = client_for(member).post(import_url(event), {"file": upload(b"Email\nanna@gmina.test\n")})

    assert response.status_code == 403
    assert not Registration.objects.filter(attended_at__isnull=False).exists()


# The event page


def test_the_event_page_links_organisers_to_the_attendance_pages(client_for, event, organiser, member):
    MembershipFactory(user=organiser)

    organiser_page = text(client_for(organiser).get(event.get_absolute_url()))
    member_page = text(client_for(member).get(event.get_absolute_url()))

    assert list_url(event) in organiser_page and import_url(event) in organiser_page
    assert list_url(event) not in member_page and import_url(event) not in member_page


@pytest.mark.parametrize(
    "path",
    [
        "/wydarzenia/warsztat-dzis/obecnosc/?q=%00%ff",
        "/wydarzenia/warsztat-dzis/obecnosc/?q=" + "x" * 5000,
        "/wydarzenia/warsztat-dzis/obecnosc/?q=a&q=b",
        "/wydarzenia/warsztat-dzis/zaswiadczenia.pdf?x=%00",
        "/wydarzenia/zaswiadczenie/%00%ff/",
        "/wydarzenia/zaswiadczenie/" + "A" * 3000 + "/",
    ],
)
def test_junk_input_never_500(client_for, event, organiser, path):
    assert client_for(organiser).get(path).status_code in {200, 400, 403, 404}


def test_a_huge_registration_number_is_a_404(client_for, event, organiser):
    url = f"/wydarzenia/{event.slug}/obecnosc/{'9' * 30}/"

    assert client_for(organiser).post(url).status_code == 404
