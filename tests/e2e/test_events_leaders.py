"""With the demo data, the network coordinator opens the Leaders' Corps of seed 001, makes the proposal again,
swaps a proposed leader for a reserve, confirms the Corps and exports it; then starts a new selection. axe checks
every page on the way."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_knowledge import log_in_with_code
from tests.factories import with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts.models import User
from zitnet.events import leaders
from zitnet.events.enums import CandidateStatus
from zitnet.events.models import LeaderSelection

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DEMO = "Korpus Liderów Samorządowych 2026"


def pl(message: str, **params) -> str:
    with translation.override("pl"):
        text = translation.gettext(message)
    return text % params if params else text


@pytest.fixture
def coordinator(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = User.objects.get(email="koordynator@zitnet.test")
    user.set_password(PASSWORD)
    user.save()
    return user


def visit(page, path: str):
    page.goto(path)
    assert_accessible(page)
    return page


def test_the_coordinator_proposes_swaps_confirms_and_exports_the_demo_corps(page, coordinator):
    log_in_with_code(page, coordinator, with_totp(coordinator))
    selection = LeaderSelection.objects.get(title=DEMO)

    visit(page, "/wydarzenia/korpus-liderow/")
    expect(page.get_by_role("heading", level=1)).to_have_text(pl("Leaders' Corps"))
    page.get_by_role("link", name=DEMO).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO)
    assert_accessible(page)
    # The proposal of the demo: 15 places, new 2021–2027 associations first, each reason spelled out.
    table = page.locator("table").first
    expect(table.locator("tbody tr")).to_have_count(selection.candidates.count())
    expect(table.locator("tbody tr").first).to_contain_text("ZIT ZOF")
    expect(table).to_contain_text(
        pl("Reserve: all %(size)s places went to people earlier in the order.", size=15)
    )

    page.get_by_role("button", name=pl("Make the proposal again")).click()
    expect(page.locator(".message--success")).to_contain_text(
        pl(
            "The proposal is ready: %(proposed)s proposed leaders out of %(eligible)s eligible people.",
            proposed=15,
            eligible=selection.candidates.count(),
        )
    )
    assert_accessible(page)

    leaving = selection.candidates.get(rank=15)
    joining = selection.candidates.get(rank=16)
    page.get_by_label(pl("Proposed person not chosen")).select_option(str(leaving.pk))
    page.get_by_label(pl("Who from the reserve takes the place")).select_option(str(joining.pk))
    page.get_by_label(pl("Why this person is not chosen")).fill("Zmiana stanowiska – poza Związkiem ZIT.")
    page.get_by_role("button", name=pl("Swap"), exact=True).click()
    expect(page.locator(".message--success")).to_contain_text(joining.user.display_name)
    assert_accessible(page)

    page.get_by_role("button", name=pl("Confirm the Leaders' Corps")).click()
    expect(page.locator(".message--success")).to_contain_text(
        pl("The Leaders' Corps is confirmed: %(count)s leaders.", count=15)
    )
    assert_accessible(page)
    expect(page.get_by_role("button", name=re.compile(re.escape(pl("Make the proposal"))))).to_have_count(0)
    selection.refresh_from_db()
    assert selection.confirmed_by == coordinator
    assert selection.candidates.filter(status=CandidateStatus.CONFIRMED).count() == 15
    assert selection.candidates.get(pk=joining.pk).status == CandidateStatus.CONFIRMED
    assert selection.candidates.get(pk=leaving.pk).note == "Zmiana stanowiska – poza Związkiem ZIT."

    export = page.request.get(f"/wydarzenia/korpus-liderow/{selection.pk}/korpus-liderow.csv")
    assert export.status == 200
    assert joining.user.email in export.body().decode("utf-8-sig")


def test_the_coordinator_starts_a_selection_and_sees_who_is_eligible(page, coordinator):
    log_in_with_code(page, coordinator, with_totp(coordinator))

    visit(page, "/wydarzenia/korpus-liderow/")
    page.get_by_role("link", name=pl("New selection")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pl("New selection of the Leaders' Corps"))
    assert_accessible(page)
    page.locator("input[name=title]").fill("Korpus Liderów – druga edycja")
    page.get_by_label("Moduł zarządzania strategicznego", exact=True).check()
    page.locator("input[name=size]").fill("5")
    page.get_by_role("button", name=pl("Create the selection")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Korpus Liderów – druga edycja")
    selection = LeaderSelection.objects.get(title="Korpus Liderów – druga edycja")
    eligible = len(leaders.eligible(selection))
    assert eligible >= 20
    expect(
        page.get_by_role(
            "heading", level=2, name=re.compile(re.escape(pl("Eligible now: %(number)s", number=eligible)))
        )
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=pl("Make the proposal")).click()
    expect(page.locator(".message--success")).to_be_visible()
    assert_accessible(page)
    assert selection.candidates.filter(status=CandidateStatus.PROPOSED).count() == 5
