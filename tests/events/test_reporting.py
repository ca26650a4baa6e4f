"""Participation reports of an event and a series: the breakdowns, the pages, the CSV/XLSX downloads, who may
see them."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, EventSeriesFactory, RegistrationFactory
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.events import reporting
from zitnet.events.enums import Audience, RegistrationStatus

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def orgs(db):
    """A new 2021–2027 association, a municipality belonging to it, an older association, an NGO without a
    voivodeship."""
    new_zit = OrganisationFactory(
        name="Związek ZIT Nowy", kind=OrganisationKind.ZIT_ASSOCIATION, is_new_zit_association=True,
        voivodeship=Voivodeship.KUJAWSKO_POMORSKIE,
    )  # fmt: skip
    municipality = OrganisationFactory(
        name="Gmina Kcynia", kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL,
        voivodeship=Voivodeship.KUJAWSKO_POMORSKIE,
    )  # fmt: skip
    municipality.associations.add(new_zit)
    old_zit = OrganisationFactory(
        name="Związek ZIT Stary", kind=OrganisationKind.ZIT_ASSOCIATION, is_new_zit_association=False,
        voivodeship=Voivodeship.WIELKOPOLSKIE,
    )  # fmt: skip
    ngo = OrganisationFactory(name="Fundacja Bez Adresu", kind=OrganisationKind.NGO, voivodeship="")
    return new_zit, municipality, old_zit, ngo


def attended(event):
    return event.starts_at + timedelta(minutes=5)


@pytest.fixture
def event(orgs):
    new_zit, municipality, old_zit, ngo = orgs
    event = EventFactory(title="Warsztat MOF", capacity=None)
    when = attended(event)
    RegistrationFactory(event=event, organisation=new_zit, attended_at=when)
    RegistrationFactory(event=event, organisation=new_zit)
    RegistrationFactory(event=event, organisation=municipality, attended_at=when)
    RegistrationFactory(event=event, organisation=old_zit, attended_at=when)
    RegistrationFactory(event=event, organisation=ngo)
    RegistrationFactory(event=event, organisation=None, attended_at=when)
    # Not participants: the waiting list and cancellations.
    RegistrationFactory(event=event, organisation=old_zit, status=WAITLISTED)
    RegistrationFactory(event=event, organisation=new_zit, status=CANCELLED)
    return event


def rows(breakdown) -> dict[str, tuple[int, int]]:
    return {row.label: (row.confirmed, row.attended) for row in breakdown.rows}


def by_key(report) -> dict:
    return {b.key: b for b in report.breakdowns}


def test_event_report_counts_confirmed_and_attended_by_kind_voivodeship_and_new_association(event):
    with translation.override("en"):
        report = reporting.event_report(event)
        breakdowns = by_key(report)

        assert (report.confirmed, report.attended) == (6, 4)
        kinds = rows(breakdowns["kind"])
        assert kinds["ZIT association"] == (3, 2)
        assert kinds["Urban-rural municipality"] == (1, 1)
        assert kinds["Non-governmental organisation"] == (1, 0)
        assert kinds["No organisation"] == (1, 1)
        assert kinds["School"] == (0, 0)  # every kind is listed, for indicator tables of a fixed shape
        voivodeships = rows(breakdowns["voivodeship"])
        assert voivodeships[str(Voivodeship.KUJAWSKO_POMORSKIE.label)] == (3, 2)
        assert voivodeships[str(Voivodeship.WIELKOPOLSKIE.label)] == (1, 1)
        assert voivodeships["Voivodeship not given"] == (1, 0)
        assert voivodeships["No organisation"] == (1, 1)
        assert len(voivodeships) == 16 + 2
        assert rows(breakdowns["new_association"]) == {
            "ZIT association new in 2021–2027, or a member of one": (3, 2),
            "Other organisations": (2, 1),
            "No organisation": (1, 1),
        }
        for breakdown in report.breakdowns:
            assert (breakdown.total.confirmed, breakdown.total.attended) == (6, 4)


def test_new_association_status_follows_the_selectors_rule(orgs):
    from zitnet.events.selectors import is_new_association

    new_zit, municipality, old_zit, ngo = orgs
    # A municipality in an old association and a new one counts as new; an old association itself does not,
    # even if some body lists it among its associations.
    municipality.associations.add(old_zit)
    old_zit.associations.add(new_zit)
    event = EventFactory()
    for organisation in orgs:
        RegistrationFactory(event=event, organisation=organisation)

    report = reporting.event_report(event)

    new = by_key(report)["new_association"].rows[0]
    assert new.confirmed == sum(is_new_association(o) for o in orgs) == 2


def test_series_report_adds_up_its_events_and_counts_distinct_people(orgs):
    new_zit, municipality, *_ = orgs
    series = EventSeriesFactory(title="Moduł zarządzania strategicznego")
    first = EventFactory(series=series, title="Superwizja 1")
    second = EventFactory(series=series, title="Superwizja 2", starts_at=first.starts_at + timedelta(days=7))
    EventFactory(title="Poza cyklem")  # not in the series
    person = UserFactory()
    RegistrationFactory(event=first, user=person, organisation=new_zit, attended_at=attended(first))
    RegistrationFactory(event=second, user=person, organisation=new_zit, attended_at=attended(second))
    RegistrationFactory(event=second, organisation=municipality)
    RegistrationFactory(event=second, organisation=municipality, status=WAITLISTED)

    with translation.override("en"):
        report = reporting.series_report(series)

    assert (report.confirmed, report.attended) == (3, 2)
    assert (report.people_confirmed, report.people_attended) == (2, 1)
    assert [(e.event.title, e.confirmed, e.attended) for e in report.events] == [
        ("Superwizja 1", 1, 1),
        ("Superwizja 2", 2, 1),
    ]
    assert rows(by_key(report)["kind"])["ZIT association"] == (2, 2)


# --- pages and downloads --------------------------------------------------------------------------------------


@pytest.fixture
def organiser(event):
    person = UserFactory(first_name="Organizatorka")
    event.organisers.add(person)
    return person


def report_url(event) -> str:
    return reverse("events:report", args=[event.slug])


def test_organiser_reads_the_report_page_with_tables(client_for, event, organiser):
    response = client_for(organiser).get(report_url(event), HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Participation report: Warsztat MOF" in page
    assert "<caption>By kind of organisation</caption>" in page
    assert "<caption>By voivodeship</caption>" in page
    assert "<caption>By new-association status</caption>" in page
    assert '<th scope="row">ZIT association</th>\n        <td>3</td>\n        <td>2</td>' in page
    assert "?format=xlsx" in page
    # Totals only: nobody's name is in a report.
    for registration in event.registrations.select_related("user"):
        assert registration.user.last_name not in page


def test_the_event_page_links_its_organisers_to_the_report(client, client_for, event, organiser, member):
    assert report_url(event) in client_for(organiser).get(event.get_absolute_url()).content.decode()
    assert report_url(event) not in client_for(member).get(event.get_absolute_url()).content.decode()
    assert report_url(event) not in client.get(event.get_absolute_url()).content.decode()


def test_csv_download_has_a_polish_section_per_breakdown(client_for, event, organiser):
    response = client_for(organiser).get(report_url(event) + "?format=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="raport-uczestnictwa-{event.slug}.csv"' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("pl"):
        from django.utils.translation import gettext as _
        from django.utils.translation import pgettext

        kind_heading = _("Kind of organisation")
        participants, attended_heading = (
            _("Participants (confirmed registrations)"),
            pgettext("participants", "Attended"),
        )
        zit = str(OrganisationKind.ZIT_ASSOCIATION.label)
        total = _("Total")
        polish_voivodeship = str(Voivodeship.KUJAWSKO_POMORSKIE.label)
    start = table.index([kind_heading, participants, attended_heading])
    section = table[start : start + len(OrganisationKind.values) + 3]
    assert [zit, "3", "2"] in section
    assert [total, "6", "4"] in section
    assert [polish_voivodeship, "3", "2"] in table


def test_xlsx_download_has_a_sheet_per_breakdown(client_for, event, organiser):
    response = client_for(organiser).get(report_url(event) + "?format=xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    with translation.override("pl"):
        from django.utils.translation import gettext as _

        expected = [
            _("Summary"),
            _("By kind of organisation"),
            _("By voivodeship"),
            _("By new-association status"),
        ]
        zit = str(OrganisationKind.ZIT_ASSOCIATION.label)
    assert workbook.sheetnames == [title[:31] for title in expected]
    kinds = [list(row) for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert [zit, 3, 2] in kinds
    summary = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert [6] in [row[1:] for row in summary]


def test_an_unknown_format_is_a_400_with_a_message(client_for, event, organiser):
    response = client_for(organiser).get(report_url(event) + "?format=pdf", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "The report can be downloaded as CSV or XLSX only." in response.content.decode()


def test_who_may_see_an_event_report(client, client_for, event, organiser, member, coordinator):
    url = report_url(event)
    assert reverse("account_login") in client.get(url)["Location"]
    assert client_for(member).get(url).status_code == 403
    assert client_for(organiser).get(url).status_code == 200
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(member).get(reverse("events:report", args=["nie-ma-takiego"])).status_code == 404


def test_an_event_the_person_may_not_see_is_404_not_403(client_for, user, coordinator):
    hidden = EventFactory(is_published=False)
    members_only = EventFactory(audience=Audience.MEMBERS)

    assert client_for(user).get(report_url(hidden)).status_code == 404
    assert client_for(user).get(report_url(members_only)).status_code == 404
    assert client_for(coordinator).get(report_url(hidden)).status_code == 200


def test_only_network_coordinators_see_a_series_report(client, client_for, event, organiser, coordinator):
    series = EventSeriesFactory(title="Moduł rozwoju MOF")
    event.series = series
    event.save()
    url = reverse("events:series_report", args=[series.slug])

    assert reverse("account_login") in client.get(url)["Location"]
    assert client_for(organiser).get(url).status_code == 403
    assert url not in client_for(organiser).get(report_url(event)).content.decode()
    assert url in client_for(coordinator).get(report_url(event)).content.decode()
    response = client_for(coordinator).get(url, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Participation report: Moduł rozwoju MOF" in page
    assert "Distinct people confirmed" in page
    assert reverse("events:report", args=[event.slug]) in page
    xlsx = load_workbook(
        io.BytesIO(client_for(coordinator).get(url + "?format=xlsx").content), read_only=True
    )
    assert len(xlsx.sheetnames) == 5  # summary, three breakdowns, the events of the series
    assert client_for(coordinator).get(url + "?format=docx").status_code == 400
    assert client_for(coordinator).get(reverse("events:series_report", args=["brak"])).status_code == 404


def test_report_pages_need_a_few_queries_however_many_registrations(
    client_for, coordinator, django_assert_max_num_queries
):
    series = EventSeriesFactory()
    organisations = [OrganisationFactory(kind=kind) for kind in OrganisationKind.values[:6]]
    for organisation in organisations[1:]:
        organisation.associations.add(organisations[0])
    events = [EventFactory(series=series, capacity=None) for _ in range(4)]
    for n in range(60):
        event = events[n % 4]
        RegistrationFactory(
            event=event,
            organisation=organisations[n % 6] if n % 7 else None,
            attended_at=attended(event) if n % 2 else None,
        )
    client = client_for(coordinator)
    client.get("/")  # the first request of a session also writes the session

    # Session, user, roles, 2FA, the object, the grouped counts (+ distinct people and events for a series).
    with django_assert_max_num_queries(10):
        assert client.get(report_url(events[0])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("events:series_report", args=[series.slug])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(report_url(events[0]) + "?format=xlsx").status_code == 200


def test_report_permissions(event, organiser, member, coordinator, user):
    assert organiser.has_perm("events.view_report", event)
    assert coordinator.has_perm("events.view_report", event)
    assert not member.has_perm("events.view_report", event)
    assert not user.has_perm("events.view_report", event)
    series = EventSeriesFactory()
    assert coordinator.has_perm("events.view_series_report", series)
    assert not organiser.has_perm("events.view_series_report", series)
    assert not member.has_perm("events.view_series_report", series)
