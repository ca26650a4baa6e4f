"""With the demo data: a member drafts a good practice, a coordinator approves it in Wagtail and verifies it,
a visitor finds it by filter; a visitor reads the handbook (HTML, print view, PDF) and a report. axe checks
every page on the way."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command
from playwright.sync_api import expect

from knowledge.models import PracticePage
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import field, log_in
from tests.factories import MembershipFactory, UserFactory, with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts import services as account_services
from zitnet.accounts.enums import GlobalRole
from zitnet.directory.models import Organisation

# serialized_rollback: the pages, programmes and workflow created by migrations come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Sąsiedzkie centrum usług w Szczawnie-Zdroju"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {org.short_name: org for org in Organisation.objects.all()}


def log_in_with_code(page, user, secret):
    """Password, then the TOTP code that coordinators must give."""
    page.goto("/konto/login/")
    page.get_by_label(field("Adres e-mail")).fill(user.email)
    page.get_by_label(field("Hasło")).fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój profil")


def test_member_drafts_coordinator_approves_and_verifies_visitor_finds_it(
    browser, live_server, page, visit, demo
):
    member = MembershipFactory(organisation=demo["Wałbrzych"], user__first_name="Marta").user
    log_in(page, member)
    visit("/dobre-praktyki/")
    page.get_by_role("link", name="Zgłoś dobrą praktykę").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opisz dobrą praktykę")
    assert_accessible(page)

    page.get_by_label(field("Nazwa praktyki")).fill(TITLE)
    page.get_by_label(field("Opis w skrócie")).fill(
        "Trzy gminy MOF otworzyły wspólny punkt usług społecznych dla seniorów i rodzin."
    )
    page.get_by_label(field("Problem")).fill("Mieszkańcy mniejszych gmin dojeżdżali po usługi do Wałbrzycha.")
    page.get_by_label(field("Rozwiązanie")).fill(
        "Wspólny punkt z dyżurami OPS, PUP i organizacji pozarządowych."
    )
    page.get_by_label(field("Województwo")).select_option(label="dolnośląskie")
    page.get_by_label("Usługi społeczne i środowiskowe").check()
    page.get_by_label(re.compile(r"^Wskaźnik \(wiersz 1\)")).fill("Liczba osób objętych usługami")
    page.get_by_label(field("Koszt całkowity (PLN)")).fill("200000")
    page.get_by_label(field("Wkład UE (PLN)")).fill("250000")  # more than the total: refused
    page.get_by_role("button", name="Wyślij do zatwierdzenia").click()
    expect(page.get_by_text("Nic jeszcze nie zostało zapisane. Popraw zaznaczone pola.")).to_be_visible()
    assert_accessible(page)
    assert not PracticePage.objects.filter(title=TITLE).exists()

    page.get_by_label(field("Wkład UE (PLN)")).fill("170000")
    page.get_by_role("button", name="Wyślij do zatwierdzenia").click()
    expect(page.get_by_text(f"Praktyka „{TITLE}” została wysłana do zatwierdzenia")).to_be_visible()
    visit("/wiedza/praktyki/moje/")
    expect(page.get_by_role("row", name=re.compile(TITLE))).to_contain_text("Oczekuje na akceptację")
    practice = PracticePage.objects.get(title=TITLE)
    assert not practice.live

    # Not yet public.
    assert page.request.get(f"/dobre-praktyki/{practice.slug}/").status == 404

    # A network coordinator (two-factor) approves it on the Wagtail dashboard, then verifies it on the site.
    coordinator = UserFactory(first_name="Ewa", last_name="Koordynator")
    account_services.grant_role(actor=None, user=coordinator, role=GlobalRole.NETWORK_COORDINATOR)
    secret = with_totp(coordinator)
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    log_in_with_code(admin, coordinator, secret)
    admin.goto("/admin/")
    row = admin.locator("tr").filter(has_text=TITLE)
    row.get_by_role("button", name="Działania").click()
    row.get_by_role("button", name="Zaakceptuj", exact=True).click()
    expect(admin.locator("tr").filter(has_text=TITLE)).to_have_count(0)
    practice.refresh_from_db()
    assert practice.live

    admin.goto(f"/wiedza/praktyki/{practice.pk}/weryfikacja/")
    assert_accessible(admin)
    for radio in admin.get_by_role("radio", name="Tak").all():
        radio.check()
    for box in admin.get_by_label(field("Uzasadnienie")).all():
        box.fill("Kryterium spełnione: opis zawiera dane z monitoringu i zgodę trzech gmin.")
    admin.get_by_role("button", name="Zapisz ocenę").click()
    expect(admin.get_by_text("Zweryfikowana dobra praktyka").first).to_be_visible()
    context.close()

    # A visitor finds it by two filters and reads it.
    visitor = browser.new_context(base_url=live_server.url, locale="pl-PL")
    reader = visitor.new_page()
    reader.goto("/dobre-praktyki/")
    assert_accessible(reader)
    reader.get_by_label(field("Województwo")).select_option(label="dolnośląskie")
    reader.get_by_label("Tylko zweryfikowane dobre praktyki").check()
    reader.get_by_role("button", name="Pokaż wyniki").click()
    expect(reader).to_have_url(re.compile(r"voivodeship=02.*verified=|verified=.*voivodeship=02"))
    assert_accessible(reader)
    reader.get_by_role("link", name=TITLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text("Zweryfikowana dobra praktyka").first).to_be_visible()
    expect(reader.get_by_role("link", name=re.compile("Wałbrzych"))).not_to_have_count(0)
    assert_accessible(reader)
    visitor.close()


def test_visitor_reads_the_handbook_in_the_browser_and_as_pdf(page, visit, demo):
    visit("/")
    page.get_by_role("navigation", name="Nawigacja główna").get_by_role("link", name="Podręcznik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Podręcznik zarządzania strategicznego w Związkach ZIT"
    )
    assert_accessible(page)

    page.locator(".handbook-toc, .toc, main").get_by_role("link", name=re.compile(r"^1\.\s")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.")
    assert_accessible(page)
    first_chapter = page.url
    page.get_by_role("link", name=re.compile("^Następny")).click()
    expect(page).not_to_have_url(first_chapter)
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.1.")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Poprzedni")).click()
    expect(page).to_have_url(first_chapter)

    visit("/podrecznik/druk/")
    expect(page.get_by_role("heading", level=1).first).to_contain_text(
        "Podręcznik zarządzania strategicznego"
    )

    pdf = page.request.get("/podrecznik/pdf/")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    assert pdf.body()[:5] == b"%PDF-"


def test_visitor_reads_a_practice_a_report_and_an_organisations_practices(page, visit, demo):
    visit("/dobre-praktyki/kooperacja-efektywna-i-skuteczna/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kooperacja")
    expect(page.get_by_role("table").first).to_be_visible()

    page.get_by_role("navigation", name="Nawigacja główna").get_by_role(
        "link", name="Raporty z Forum"
    ).click()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name=re.compile("Raport z pierwszego cyklu")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Raport z pierwszego cyklu")
    assert_accessible(page)

    organisation = Organisation.objects.filter(practices__live=True).order_by("pk").first()
    visit(organisation.get_absolute_url())
    link = page.locator("main").get_by_role("link", name=organisation.practices.live().first().title)
    link.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.practices.live().first().title)
    assert_accessible(page)
