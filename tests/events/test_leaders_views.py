"""The coordinator's Leaders' Corps pages: who may open them, the eligible people, proposing, swapping, confirming,
and the CSV/XLSX export read back."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.events import EventFactory, EventSeriesFactory, RegistrationFactory
from zitnet.directory.enums import Voivodeship
from zitnet.events import leaders
from zitnet.events.enums import AttendanceSource, CandidateStatus
from zitnet.events.models import LeaderSelection

pytestmark = pytest.mark.django_db

LIST = reverse("events:leaders")
CREATE = reverse("events:leaders_create")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def text(response) -> str:
    return response.content.decode()


def url(name: str, selection) -> str:
    return reverse(f"events:{name}", args=[selection.pk])


@pytest.fixture
def module(db):
    return EventSeriesFactory(title="Moduł zarządzania strategicznego")


@pytest.fixture
def people(module):
    """Three eligible people: two of the new ZIT ZOF, one of ZIT AW; and one with too few forms."""
    starts = timezone.now().replace(microsecond=0) - timedelta(days=200)
    events = [
        EventFactory(
            series=module, starts_at=starts + timedelta(days=n), ends_at=starts + timedelta(days=n, hours=4)
        )
        for n in range(12)
    ]
    zof = OrganisationFactory(
        name="Zachodni Obszar Funkcjonalny", short_name="ZIT ZOF", is_new_zit_association=True
    )
    aw = OrganisationFactory(
        name="Aglomeracja Wałbrzyska", short_name="ZIT AW", voivodeship=Voivodeship.DOLNOSLASKIE
    )
    found = {}
    for name, org, count in [("Lis", zof, 12), ("Sowa", zof, 11), ("Wilk", aw, 10), ("Kret", aw, 9)]:
        person = MembershipFactory(organisation=org, user__first_name="Anna", user__last_name=name).user
        for event in events[:count]:
            RegistrationFactory(
                event=event,
                user=person,
                organisation=org,
                attended_at=event.ends_at,
                attendance_source=AttendanceSource.CHECK_IN,
            )
        found[name] = person
    return found


@pytest.fixture
def chosen(module, people):
    selection = LeaderSelection.objects.create(
        title="Korpus Liderów Samorządowych 2026", size=2, minimum_forms=10
    )
    selection.series.set([module])
    return selection


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


# --- who may open what ---------------------------------------------------------------------------------------------


def test_only_network_coordinators_reach_the_pages(
    client, client_for, chosen, member, editor, user, coordinator
):
    pages = [
        LIST,
        CREATE,
        url("leaders_detail", chosen),
        url("leaders_csv", chosen),
        url("leaders_xlsx", chosen),
    ]
    actions = [url("leaders_propose", chosen), url("leaders_swap", chosen), url("leaders_confirm", chosen)]
    for path in pages + actions:
        response = client.post(path) if path in actions else client.get(path)
        assert response.status_code == 302 and reverse("account_login") in response["Location"], path
        for person in (member, editor, user):
            other = client_for(person)
            response = other.post(path) if path in actions else other.get(path)
            assert response.status_code == 403, (path, person)
    coordinator_client = client_for(coordinator)
    for path in pages[:3]:
        assert coordinator_client.get(path).status_code == 200, path
    assert coordinator_client.get(reverse("events:leaders_detail", args=[chosen.pk + 100])).status_code == 404
    assert coordinator_client.get(url("leaders_propose", chosen)).status_code == 405
    assert not chosen.candidates.exists()


# --- the pages -------------------------------------------------------------------------------------------------------


def test_creating_a_selection(coordinator_client, module, coordinator):
    response = coordinator_client.post(
        CREATE, {"title": "Korpus Liderów 2027", "series": [module.pk], "size": 15, "minimum_forms": 10}
    )

    selection = LeaderSelection.objects.get(title="Korpus Liderów 2027")
    assert response["Location"] == url("leaders_detail", selection)
    assert list(selection.series.all()) == [module]
    assert (selection.size, selection.minimum_forms, selection.created_by) == (15, 10, coordinator)
    assert "Korpus Liderów 2027" in text(coordinator_client.get(LIST))


def test_creating_with_bad_numbers_is_a_400_with_the_fields_marked(coordinator_client):
    response = coordinator_client.post(CREATE, {"title": "", "size": 0, "minimum_forms": "dziesięć"})

    assert response.status_code == 400
    assert "Please correct the marked fields." in text(response)
    assert not LeaderSelection.objects.exists()


def test_before_a_proposal_the_page_lists_the_eligible_people(coordinator_client, chosen):
    page = text(coordinator_client.get(url("leaders_detail", chosen)))

    assert "Eligible now: 3" in page
    for name in ("Anna Lis", "Anna Sowa", "Anna Wilk"):
        assert name in page
    assert "Anna Kret" not in page
    assert "new 2021–2027" in page and "Lower Silesian" in page
    assert "Make the proposal" in page and "Confirm the Leaders" not in page


def test_proposal_swap_and_confirmation_through_the_pages(coordinator_client, chosen, people):
    response = coordinator_client.post(url("leaders_propose", chosen), follow=True)
    page = text(response)
    assert "The proposal is ready: 2 proposed leaders out of 3 eligible people." in page
    assert "ZIT ZOF is a ZIT association new in 2021–2027: priority." in page
    # Priority first: both people of the new association, before the continued one's.
    assert "Reserve: all 2 places went to people earlier in the order." in page
    assert [(c.user.last_name, c.rank, c.status) for c in leaders.candidates(chosen)] == [
        ("Lis", 1, CandidateStatus.PROPOSED),
        ("Sowa", 2, CandidateStatus.PROPOSED),
        ("Wilk", 3, CandidateStatus.RESERVE),
    ]

    sowa = chosen.candidates.get(user=people["Sowa"])
    wilk = chosen.candidates.get(user=people["Wilk"])
    missing_note = coordinator_client.post(
        url("leaders_swap", chosen), {"candidate": sowa.pk, "replacement": wilk.pk, "note": ""}
    )
    assert missing_note.status_code == 400
    response = coordinator_client.post(
        url("leaders_swap", chosen),
        {"candidate": sowa.pk, "replacement": wilk.pk, "note": "Przechodzi do innej pracy"},
        follow=True,
    )
    assert "Anna Sowa is not chosen; Anna Wilk moves up from the reserve." in text(response)
    assert "Note: Przechodzi do innej pracy" in text(response)

    # A second tab still showing Sowa as proposed: she is no longer a choice in the form.
    stale = coordinator_client.post(
        url("leaders_swap", chosen), {"candidate": sowa.pk, "replacement": wilk.pk, "note": "Jeszcze raz"}
    )
    assert stale.status_code == 400

    response = coordinator_client.post(url("leaders_confirm", chosen), follow=True)
    assert "The Leaders&#x27; Corps is confirmed: 2 leaders." in text(response)
    assert [(c.user.last_name, c.rank, c.status) for c in leaders.candidates(chosen)] == [
        ("Lis", 1, CandidateStatus.CONFIRMED),
        ("Wilk", 2, CandidateStatus.CONFIRMED),
        ("Sowa", 3, CandidateStatus.REJECTED),
    ]
    export = coordinator_client.get(url("leaders_csv", chosen)).content.decode("utf-8-sig")
    assert "Note: Przechodzi do innej pracy" in export and "Not chosen" in export
    again = coordinator_client.post(url("leaders_confirm", chosen))
    assert again.status_code == 409
    assert "already confirmed" in text(again)
    assert "Make the proposal" not in text(again)


def test_confirming_with_empty_places_and_people_in_reserve_is_refused(
    coordinator_client, coordinator, chosen
):
    leaders.propose(actor=coordinator, selection=chosen)
    chosen.candidates.filter(rank=2).update(status=CandidateStatus.RESERVE)

    response = coordinator_client.post(url("leaders_confirm", chosen))

    assert response.status_code == 400
    assert "Only 1 of 2 places are filled: move people up from the reserve first." in text(response)
    chosen.refresh_from_db()
    assert chosen.confirmed_at is None


def test_proposing_with_nobody_eligible_is_a_400_message(coordinator_client, module):
    empty = LeaderSelection.objects.create(title="Za wcześnie", minimum_forms=50)

    response = coordinator_client.post(url("leaders_propose", empty))

    assert response.status_code == 400
    assert "Nobody has attended 50 forms of support yet" in text(response)


def test_the_selection_page_takes_a_bounded_number_of_queries(
    coordinator_client, coordinator, chosen, module, django_assert_max_num_queries
):
    starts = timezone.now() - timedelta(days=100)
    events = [
        EventFactory(
            series=module, starts_at=starts + timedelta(days=n), ends_at=starts + timedelta(days=n, hours=2)
        )
        for n in range(10)
    ]
    for n in range(30):
        org = OrganisationFactory(short_name=f"ZIT {n}")
        person = MembershipFactory(organisation=org).user
        for event in events:
            RegistrationFactory(event=event, user=person, attended_at=event.ends_at)

    with django_assert_max_num_queries(16):
        assert "Eligible now: 33" in text(coordinator_client.get(url("leaders_detail", chosen)))
    leaders.propose(actor=coordinator, selection=chosen)
    with django_assert_max_num_queries(15):
        page = text(coordinator_client.get(url("leaders_detail", chosen)))
    assert page.count("Forms of support attended: 10 (at least 10 needed).") == 31


# --- the export ----------------------------------------------------------------------------------------------------


def test_export_before_a_proposal_explains_and_goes_back(coordinator_client, chosen):
    response = coordinator_client.get(url("leaders_csv", chosen), follow=True)
    assert "Make the proposal first: the export lists its people." in text(response)


def test_csv_and_xlsx_exports_read_back(coordinator_client, coordinator, chosen, people):
    leaders.propose(actor=coordinator, selection=chosen)

    response = coordinator_client.get(url("leaders_csv", chosen))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))

    header = [
        "Place",
        "Name",
        "E-mail",
        "Organisation",
        "ZIT association",
        "Voivodeship",
        "New association 2021–2027",
        "Forms of support attended",
        "Status",
        "Reasons",
    ]
    assert rows[0] == header
    assert [row[:9] for row in rows[1:]] == [
        ["1", "Anna Lis", people["Lis"].email, "Zachodni Obszar Funkcjonalny", "Zachodni Obszar Funkcjonalny",
         "Greater Poland", "yes", "12", "Proposed"],
        ["2", "Anna Sowa", people["Sowa"].email, "Zachodni Obszar Funkcjonalny", "Zachodni Obszar Funkcjonalny",
         "Greater Poland", "yes", "11", "Proposed"],
        ["3", "Anna Wilk", people["Wilk"].email, "Aglomeracja Wałbrzyska", "Aglomeracja Wałbrzyska",
         "Lower Silesian", "no", "10", "Eligible, not proposed"],
    ]  # fmt: skip
    assert rows[1][9].startswith("Forms of support attended: 12 (at least 10 needed). ZIT ZOF is a ZIT")

    response = coordinator_client.get(url("leaders_xlsx", chosen))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == header
    assert [row[:3] for row in values[1:]] == [[1, "Anna Lis", people["Lis"].email], [2, "Anna Sowa", people["Sowa"].email], [3, "Anna Wilk", people["Wilk"].email]]  # fmt: skip
    assert values[3][8] == "Eligible, not proposed"


def test_export_cells_cannot_run_as_formulas(coordinator_client, coordinator, chosen, people):
    people["Lis"].first_name = "=HYPERLINK(1)"
    people["Lis"].save()
    leaders.propose(actor=coordinator, selection=chosen)

    rows = list(csv.reader(io.StringIO(coordinator_client.get(url("leaders_csv", chosen)).content.decode("utf-8-sig")), delimiter=";"))  # fmt: skip

    assert rows[1][1] == "'=HYPERLINK(1) Lis"


def test_the_event_list_links_coordinators_to_the_corps_and_the_series_report(
    client_for, coordinator, member
):
    series = EventSeriesFactory()
    listing = reverse("events:list")
    page = text(client_for(coordinator).get(listing, {"series": series.slug}, HTTP_ACCEPT_LANGUAGE="en"))
    assert reverse("events:leaders") in page
    assert reverse("events:series_report", args=[series.slug]) in page
    page = text(client_for(member).get(listing, {"series": series.slug}, HTTP_ACCEPT_LANGUAGE="en"))
    assert reverse("events:leaders") not in page
    assert reverse("events:series_report", args=[series.slug]) not in page
