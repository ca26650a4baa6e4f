"""With the demo data: a new user finds organisations by filter and on the map, writes to one, and an editor
updates their own entry. axe checks every page on the way."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import field, log_in
from tests.factories import MembershipFactory, UserFactory
from zitnet.accounts.enums import MembershipRole
from zitnet.directory.models import Organisation

# serialized_rollback: what the migrations created (home page, libraries, workflow) is restored after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {org.short_name: org for org in Organisation.objects.all()}


def block_tiles(page):
    """No network here, and none needed: tiles fail, markers and the list must still be there."""
    page.route(TILES, lambda route: route.abort())


def test_new_user_filters_uses_the_map_and_writes_to_an_organisation(page, visit, demo):
    newcomer = UserFactory(first_name="Anna", last_name="Nowa")
    log_in(page, newcomer)

    visit("/katalog/")
    page.get_by_label(field("Województwo")).select_option(label="kujawsko-pomorskie")
    page.get_by_text("Wybierz rodzaje").click()
    page.get_by_label("Gmina miejsko-wiejska").check()
    page.get_by_role("button", name="Pokaż wyniki").click()
    expect(page).to_have_url(re.compile(r"voivodeship=04.*kind=municipality_urban_rural"))
    results = page.locator(".org-list")
    expect(results.get_by_role("link", name="Gmina Kcynia")).to_be_visible()
    expect(results.get_by_role("link", name="Gmina Goleniów")).to_have_count(0)  # zachodniopomorskie
    assert_accessible(page)

    # The map around Wałbrzych: markers drawn by the script, the same results in the list below it.
    block_tiles(page)
    visit("/katalog/mapa/?near=Wa%C5%82brzych&radius=30")
    expect(page.locator("#directory-map")).to_be_visible()
    expect(page.locator("path.marker-organisation, .marker-cluster").first).to_be_visible()
    expect(page.locator(".map-panel__status")).not_to_be_empty()
    expect(page.locator(".org-list").get_by_role("link", name=re.compile("Gmina Wałbrzych"))).to_be_visible()
    assert_accessible(page)

    # The list is reachable from the map by keyboard: the skip link moves focus past the map.
    page.get_by_role("link", name="Pomiń mapę i przejdź do listy wyników").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#results-title$"))

    page.locator(".org-list").get_by_role("link", name=re.compile("Gmina Wałbrzych")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Gmina Wałbrzych"))
    assert_accessible(page)
    page.get_by_role("link", name="Napisz do tej organizacji").click()
    assert_accessible(page)
    page.get_by_label(field("Temat")).fill("Wizyta studyjna w klubie integracji społecznej")
    page.get_by_label(field("Wiadomość")).fill("Dzień dobry, chcielibyśmy odwiedzić Państwa klub w czerwcu.")
    page.get_by_role("button", name="Wyślij wiadomość").click()
    expect(page.get_by_text(re.compile("Twoja wiadomość została wysłana"))).to_be_visible()
    assert_accessible(page)
    to_org = next(m for m in mail.outbox if newcomer.email in m.reply_to)
    assert to_org.to == [demo["Wałbrzych"].contact_email]
    assert demo["Wałbrzych"].contact_email not in page.content()


def test_map_without_javascript_is_the_list(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    page.goto("/katalog/mapa/?voivodeship=32")
    expect(page.locator("#directory-map")).to_be_hidden()
    expect(page.locator(".org-list").get_by_role("link", name="Gmina Goleniów")).to_be_visible()
    # (axe needs JavaScript; the same page with JavaScript is checked in the test above.)
    context.close()


def test_editor_updates_their_own_entry(page, visit, demo):
    kcynia = demo["Kcynia"]
    editor = MembershipFactory(organisation=kcynia, role=MembershipRole.EDITOR).user
    log_in(page, editor)
    block_tiles(page)
    visit(kcynia.get_absolute_url())
    page.get_by_role("link", name="Edytuj wpis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edytuj wpis: Kcynia")
    assert_accessible(page)
    page.get_by_label(field("Opis")).fill("Gmina w powiecie nakielskim. Prowadzimy Klub Senior+.")
    page.get_by_label(field("Obszary specjalizacji")).fill("usługi opiekuńcze, Klub Senior+")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_text("Wpis został zapisany.")).to_be_visible()
    expect(page.get_by_text("Prowadzimy Klub Senior+.")).to_be_visible()
    expect(page.get_by_role("link", name="Klub Senior+")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Dodaj usługę").click()
    page.get_by_label(field("Nazwa")).fill("Klub Senior+ w Kcyni")
    page.get_by_label(field("Kategoria")).select_option(label="Opieka")
    page.get_by_label("Osoby starsze").check()
    assert_accessible(page)
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_role("heading", name="Klub Senior+ w Kcyni")).to_be_visible()

    page.get_by_role("link", name="Historia zmian").click()
    expect(page.get_by_role("cell", name="Dodano usługę: Klub Senior+ w Kcyni")).to_be_visible()
    assert_accessible(page)

    # Someone else's entry has no edit link, and its edit page is refused.
    other = demo["Kruszwica"]
    visit(other.get_absolute_url())
    expect(page.get_by_role("link", name="Edytuj wpis")).to_have_count(0)
    response = page.goto(f"{other.get_absolute_url()}edytuj/")
    assert response.status == 403
