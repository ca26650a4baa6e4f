"""Erasing a person keeps the totals of their events (status, attendance, organisation) for reporting, and their
name and e-mail leave the organisers' pages; the data export includes attendance."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, EventSeriesFactory, RegistrationFactory
from zitnet.directory.enums import OrganisationKind
from zitnet.events import reporting
from zitnet.events.enums import RegistrationStatus
from zitnet.events.models import Registration
from zitnet.privacy.services import erase_account, export_personal_data

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Zofia Wymazana", "zofia.wymazana@gmina.test"


def snapshot(report) -> tuple:
    return (
        report.confirmed,
        report.attended,
        report.people_confirmed,
        report.people_attended,
        [(b.key, [(row.label, row.confirmed, row.attended) for row in b.rows]) for b in report.breakdowns],
        [(item.event.pk, item.confirmed, item.attended) for item in report.events],
    )


@pytest.fixture
def world(db):
    association = OrganisationFactory(kind=OrganisationKind.ZIT_ASSOCIATION, is_new_zit_association=True)
    municipality = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_RURAL)
    municipality.associations.add(association)
    series = EventSeriesFactory(title="Moduł zarządzania strategicznego")
    start = timezone.now() - timedelta(days=3)
    workshop = EventFactory(series=series, starts_at=start, ends_at=start + timedelta(hours=5), capacity=None)
    supervision = EventFactory(series=series, capacity=None)
    organiser = UserFactory(first_name="Organizatorka")
    workshop.organisers.add(organiser)
    person = UserFactory(first_name="Zofia", last_name="Wymazana", email=EMAIL)
    RegistrationFactory(
        event=workshop,
        user=person,
        organisation=municipality,
        role="Sekretarz gminy",
        accessibility_needs="Tłumacz PJM",
        attended_at=start + timedelta(minutes=10),
    )
    RegistrationFactory(event=supervision, user=person, organisation=municipality)
    RegistrationFactory(event=workshop, organisation=association, attended_at=start + timedelta(minutes=3))
    RegistrationFactory(event=workshop, organisation=None)
    RegistrationFactory(event=supervision, organisation=association, status=RegistrationStatus.WAITLISTED)
    return series, workshop, supervision, organiser, person


def test_erasing_a_person_keeps_the_event_and_series_totals(world):
    series, workshop, supervision, _organiser, person = world
    before = (
        snapshot(reporting.event_report(workshop)),
        snapshot(reporting.event_report(supervision)),
        snapshot(reporting.series_report(series)),
    )
    assert before[0][:2] == (3, 2)  # confirmed, attended

    erase_account(user=person)

    after = (
        snapshot(reporting.event_report(workshop)),
        snapshot(reporting.event_report(supervision)),
        snapshot(reporting.series_report(series)),
    )
    assert after == before
    kept = Registration.objects.get(event=workshop, user=person)
    assert (kept.status, kept.attended_at is not None, kept.organisation is not None) == (
        "confirmed",
        True,
        True,
    )
    assert (kept.role, kept.accessibility_needs) == ("", "")


def test_the_erased_persons_name_and_e_mail_leave_the_organisers_pages(client_for, world):
    _series, workshop, _supervision, organiser, person = world
    client = client_for(organiser)
    event_page = workshop.get_absolute_url()
    report_page = reverse("events:report", args=[workshop.slug])
    check_in_list = reverse("events:check_in_list", args=[workshop.slug])
    assert NAME in client.get(event_page).content.decode()
    assert "Wymazana" in client.get(check_in_list).content.decode()

    erase_account(user=person)

    for url in (event_page, check_in_list, report_page, report_page + "?format=csv"):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode("utf-8-sig")
        assert "Zofia" not in content
        assert "Wymazana" not in content
        assert EMAIL not in content
        assert "Sekretarz gminy" not in content
        assert "Tłumacz PJM" not in content


def test_the_export_includes_attendance(world):
    _series, workshop, supervision, _organiser, person = world

    rows = export_personal_data(user=person)["sections"]["events"]["data"]

    attended = {row["event"]: row["attended"] for row in rows}
    registration = Registration.objects.get(event=workshop, user=person)
    assert attended == {workshop.title: registration.attended_at.isoformat(), supervision.title: None}
