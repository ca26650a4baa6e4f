"""Certificates of attendance: the attendee's PDF, the organisers' combined PDF, who is refused, and the public
verification page with its signed code."""

import io
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, EventSeriesFactory, RegistrationFactory
from zitnet.events.certificates import certificate_code
from zitnet.events.enums import AttendanceSource, Audience, EventKind, EventMode, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def text(response) -> str:
    return response.content.decode()


def pdf_pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]


@pytest.fixture
def organiser(db):
    return UserFactory(first_name="Olga", last_name="Organizatorka")


@pytest.fixture
def ended(organiser):
    start = timezone.now() - timedelta(days=3)
    return EventFactory(
        slug="warsztat-dnsh",
        title="Warsztat: zasada DNSH w praktyce",
        kind=EventKind.WORKSHOP,
        mode=EventMode.HYBRID,
        series=EventSeriesFactory(title="Zasady horyzontalne"),
        organiser=OrganisationFactory(name="Stowarzyszenie Aglomeracja Wałbrzyska"),
        address="ul. Słowackiego 23, Wałbrzych",
        starts_at=start,
        ends_at=start + timedelta(hours=5),
        organisers=[organiser],
    )


def attended(event, *, first="Łucja", last="Żółć", **fields):
    values = {
        "user": UserFactory(first_name=first, last_name=last),
        "attended_at": event.starts_at + timedelta(minutes=5),
        "attendance_source": AttendanceSource.CHECK_IN,
    }
    values.update(fields)
    return RegistrationFactory(event=event, **values)


def certificate_url(event) -> str:
    return reverse("events:certificate", args=[event.slug])


def test_an_attendee_downloads_a_certificate_with_the_facts_and_a_verification_code(client_for, ended):
    registration = attended(ended, organisation=OrganisationFactory(name="Gmina Świebodzice"))

    response = client_for(registration.user).get(certificate_url(ended))

    assert response.status_code == 200
    assert 'filename="zaswiadczenie-warsztat-dnsh.pdf"' in response["Content-Disposition"]
    [page] = pdf_pages(response)
    for expected in (
        "Certificate of attendance",
        "Łucja Żółć",
        "Gmina Świebodzice",
        "Warsztat: zasada DNSH w praktyce",
        "Workshop",
        "Zasady horyzontalne",
        "ul. Słowackiego 23, Wałbrzych and online",
        "Stowarzyszenie Aglomeracja Wałbrzyska",
        certificate_code(registration),
        "/wydarzenia/zaswiadczenie/",
    ):
        assert expected in page


def test_the_certificate_speaks_polish_for_a_polish_session(client_for, ended):
    registration = attended(ended)

    with translation.override("pl"):
        response = client_for(registration.user).get(certificate_url(ended), HTTP_ACCEPT_LANGUAGE="pl")

    [page] = pdf_pages(response)
    assert "Organizator" in page
    with translation.override("pl"):
        assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in page  # "Issued on", Polish month
    assert "Warsztat: zasada DNSH w praktyce" in page


def test_no_certificate_before_the_end_without_attendance_or_for_someone_else(client_for, ended, organiser):
    not_there = RegistrationFactory(event=ended)
    waiting = attended(ended, status=RegistrationStatus.WAITLISTED)
    today = EventFactory(starts_at=timezone.now() - timedelta(hours=1), organisers=[organiser])
    still_on = attended(today)

    cases = [
        (not_there.user, ended, "Your attendance at this event was not recorded"),
        (waiting.user, ended, "You were not a participant of this event"),
        (UserFactory(), ended, "You were not a participant of this event"),  # someone else's: there is none
        (still_on.user, today, "available once the event has ended"),
    ]
    for user, event, message in cases:
        response = client_for(user).get(certificate_url(event))
        assert response.status_code == 403
        assert message in text(response)


def test_a_members_only_event_is_404_for_an_outsider_without_a_registration(client, client_for, ended):
    ended.audience = Audience.MEMBERS
    ended.save()

    assert client_for(UserFactory()).get(certificate_url(ended)).status_code == 404
    assert client.get(certificate_url(ended)).status_code == 302  # log in first


def test_organisers_download_all_certificates_in_one_pdf(client_for, ended, organiser, member):
    attended(ended, first="Zofia", last="Zając")
    attended(ended, first="Adam", last="Bąk")
    RegistrationFactory(event=ended, user=UserFactory(first_name="Nie", last_name="Byłam"))
    url = reverse("events:all_certificates", args=[ended.slug])

    pages = pdf_pages(client_for(organiser).get(url))

    assert len(pages) == 2
    assert "Adam Bąk" in pages[0] and "Zofia Zając" in pages[1]
    assert client_for(member).get(url).status_code == 403


def test_all_certificates_before_the_end_or_with_nobody_present_are_refused(client_for, organiser):
    start = timezone.now() - timedelta(hours=1)
    today = EventFactory(
        slug="dzis", starts_at=start, ends_at=start + timedelta(hours=3), organisers=[organiser]
    )
    nobody = EventFactory(
        slug="pusto",
        starts_at=start - timedelta(days=2),
        ends_at=start - timedelta(days=2) + timedelta(hours=3),
        organisers=[organiser],
    )

    early = client_for(organiser).get(reverse("events:all_certificates", args=[today.slug]))
    empty = client_for(organiser).get(reverse("events:all_certificates", args=[nobody.slug]))

    assert early.status_code == 403 and "once the event has ended" in text(early)
    assert empty.status_code == 404 and "attendance is recorded for this event" in text(empty)


def test_the_event_page_offers_the_certificate_to_an_attendee_after_the_event(client_for, ended):
    registration = attended(ended)
    other = RegistrationFactory(event=ended)

    assert certificate_url(ended) in text(client_for(registration.user).get(ended.get_absolute_url()))
    assert certificate_url(ended) not in text(client_for(other.user).get(ended.get_absolute_url()))


# Verification


def test_the_verification_page_shows_the_name_event_and_date(client, ended):
    registration = attended(ended)

    response = client.get(reverse("events:verify_certificate", args=[certificate_code(registration)]))
    page = text(response)

    assert response.status_code == 200
    assert "Certificate of attendance is valid" in page
    assert "Łucja Żółć" in page
    assert "Warsztat: zasada DNSH w praktyce" in page
    with translation.override("en"):
        assert formats.date_format(timezone.localtime(ended.starts_at), "DATE_FORMAT") in page
    assert 'name="robots" content="noindex"' in page


def test_a_tampered_forged_or_withdrawn_code_is_not_valid(client, ended):
    registration = attended(ended)
    never_there = RegistrationFactory(event=ended)
    good = certificate_code(registration)
    signature = good.rsplit(":", 1)[1]
    other_value = certificate_code(never_there).rsplit(":", 1)[0]

    codes = [
        f"{other_value}:{signature}",  # another registration's id under this signature
        good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        signing.dumps(registration.pk, salt="inna-sol"),
        certificate_code(never_there),  # signed, but this person did not attend
        "nonsense",
        "%00%ff",
    ]
    for code in codes:
        response = client.get(reverse("events:verify_certificate", args=[code]))
        assert response.status_code == 404
        assert "Certificate of attendance is not valid" in text(response)

    registration.attended_at = None
    registration.save()
    assert client.get(reverse("events:verify_certificate", args=[good])).status_code == 404
