"""On a phone, an organiser opens the check-in list of today's workshop, finds a person and checks them in; then
imports an online platform's list; anyone checks a certificate's code. axe checks each page on the way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import log_in
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.certificates import certificate_code
from zitnet.events.enums import AttendanceSource, RegistrationStatus
from zitnet.events.models import Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def today(db):
    organiser = UserFactory(first_name="Olga", last_name="Organizatorka")
    start = timezone.now() - timedelta(minutes=30)
    event = EventFactory(
        slug="warsztat-dzis",
        title="Warsztat: zarządzanie projektem",
        starts_at=start,
        ends_at=start + timedelta(hours=5),
        organisers=[organiser],
    )
    gmina = OrganisationFactory(name="Gmina Nowe Skalmierzyce")
    people = [
        RegistrationFactory(
            event=event,
            user=UserFactory(first_name=first, last_name=last, email=email),
            organisation=gmina,
        )
        for first, last, email in [
            ("Łucja", "Żółć", "lucja@gmina.test"),
            ("Bartosz", "Bąk", "bartosz@gmina.test"),
            ("Anna", "Nowak", "anna@gmina.test"),
        ]
    ]
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    return event, organiser, people


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_organiser_checks_a_person_in_on_a_phone(page, today):
    event, organiser, (lucja, bartosz, _anna) = today
    page.set_viewport_size(PHONE)
    log_in(page, organiser)

    page.goto(event.get_absolute_url())
    assert_accessible(page)  # with the organisers' attendance links
    page.locator(f'a[href="{reverse("events:check_in_list", args=[event.slug])}"]').first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    assert no_sideways_scrolling(page)
    expect(page.locator('[data-count="confirmed"]')).to_have_text("3")
    expect(page.locator('[data-count="present"]')).to_have_text("0")
    expect(page.locator(".attendee-list > li")).to_have_count(3)
    # One column: each person's button spans their card.
    card, button = page.locator(f"#r{bartosz.pk}"), page.locator(f"#r{bartosz.pk} button")
    assert button.bounding_box()["width"] > card.bounding_box()["width"] * 0.8
    assert button.bounding_box()["height"] >= 44

    page.locator("#attendance-q").fill("zolc")
    page.locator("#attendance-q").press("Enter")
    expect(page.locator(".attendee-list > li")).to_have_count(1)
    page.locator(f"#r{lucja.pk} button").click()

    expect(page.locator('[data-count="present"]')).to_have_text("1")
    expect(page.locator(f"#r{lucja.pk}")).to_have_class("attendee attendee--present")
    expect(page.locator("#attendance-q")).to_have_value("zolc")
    assert page.url.endswith(f"?q=zolc#r{lucja.pk}")
    assert_accessible(page)
    stored = Registration.objects.get(pk=lucja.pk)
    assert stored.attendance_source == AttendanceSource.CHECK_IN
    assert stored.attendance_recorded_by == organiser

    page.locator(f"#r{lucja.pk} button").click()  # undo a mistake
    expect(page.locator('[data-count="present"]')).to_have_text("0")
    assert Registration.objects.get(pk=lucja.pk).attended_at is None


def test_an_organiser_imports_a_participant_list(page, today, tmp_path):
    event, organiser, (_lucja, bartosz, anna) = today
    export = tmp_path / "uczestnicy.csv"
    export.write_bytes(
        "Imię i nazwisko;Adres e-mail;Czas trwania (min)\n"
        "Anna Nowak;ANNA@gmina.test;95\n"
        "Bartosz Bąk;bartosz@gmina.test;12\n"
        "Ktoś obcy;obcy@inna.test;60\n"
        "Bez adresu;;60\n".encode("cp1250")
    )
    log_in(page, organiser)

    page.goto(reverse("events:attendance_import", args=[event.slug]))
    assert_accessible(page)
    page.locator("input[type=file]").set_input_files(str(export))
    page.locator("input[name=minimum_minutes]").fill("30")
    page.locator("form.form button[type=submit]").click()

    expect(page.locator('[data-count="marked"]')).to_have_text("1")
    expect(page.locator('[data-count="too_short"]')).to_have_text("1")
    expect(page.locator('[data-count="unknown"]')).to_have_text("1")
    expect(page.locator(".import-problems")).to_contain_text("5")
    assert_accessible(page)
    assert Registration.objects.get(pk=anna.pk).attendance_source == AttendanceSource.IMPORT
    assert Registration.objects.get(pk=bartosz.pk).attended_at is None


def test_anyone_checks_a_certificate_code(page):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(title="Superwizja: rozwój MOF", starts_at=start, ends_at=start + timedelta(hours=4))
    registration = RegistrationFactory(
        event=event,
        user=UserFactory(first_name="Łucja", last_name="Żółć"),
        attended_at=start + timedelta(minutes=3),
        attendance_source=AttendanceSource.CHECK_IN,
    )

    page.goto(reverse("events:verify_certificate", args=[certificate_code(registration)]))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Łucja Żółć")
    expect(page.locator("main")).to_contain_text("Superwizja: rozwój MOF")
    assert_accessible(page)

    response = page.goto(reverse("events:verify_certificate", args=["MQ:sfalszowany"]))
    assert response.status == 404
    assert_accessible(page)
