"""A newcomer signs up, verifies the e-mail, logs out and in, switches language — axe on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.factories import MembershipFactory, UserFactory
from tests.factories.accounts import PASSWORD
from zitnet.accounts.enums import MembershipRole

# serialized_rollback: what the migrations created (home page, libraries, workflow) is restored after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def field(label: str) -> re.Pattern:
    """A form label as Django renders it (with or without the trailing colon)."""
    return re.compile(rf"^{re.escape(label)}:?$")


def test_sign_up_verify_log_out_log_in(page, visit):
    visit("/")
    page.get_by_role("link", name="Załóż konto").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zarejestruj się")
    assert_accessible(page)

    # A mistake first: the form answers in Polish and keeps what was typed.
    page.get_by_label(field("Adres e-mail")).fill("anna.kowalczyk@gmina-kcynia.test")
    page.get_by_label(field("Imię")).fill("Anna")
    page.get_by_label(field("Nazwisko")).fill("Kowalczyk")
    page.get_by_label(field("Hasło")).fill("Mocne-haslo-ZIT-2026")
    page.get_by_label(field("Hasło (ponownie)")).fill("Mocne-haslo-ZIT-2026")
    page.get_by_role("button", name="Zarejestruj się").click()
    expect(page.get_by_text("Musisz zaakceptować politykę prywatności")).to_be_visible()
    assert_accessible(page)

    page.get_by_label(field("Hasło")).fill("Mocne-haslo-ZIT-2026")
    page.get_by_label(field("Hasło (ponownie)")).fill("Mocne-haslo-ZIT-2026")
    page.get_by_label("Zapoznałem/-am się z polityką prywatności").check()
    page.get_by_role("button", name="Zarejestruj się").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Zweryfikuj"))
    assert_accessible(page)

    link = re.search(r"http://[^/\s]+(/konto/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    visit(link)
    page.get_by_role("button", name="Potwierdź").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój profil")
    assert_accessible(page)

    page.get_by_role("button", name="Wyloguj się").first.click()
    expect(page.get_by_role("link", name="Zaloguj się").first).to_be_visible()

    visit("/konto/login/")
    page.get_by_label(field("Adres e-mail")).fill("anna.kowalczyk@gmina-kcynia.test")
    page.get_by_label(field("Hasło")).fill("Mocne-haslo-ZIT-2026")
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój profil")
    expect(page.get_by_role("link", name="Anna Kowalczyk")).to_be_visible()


def test_wrong_password_message_and_keyboard_skip_link(page, visit):
    user = UserFactory()
    visit("/konto/login/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Przejdź do treści")).to_be_focused()
    page.get_by_label(field("Adres e-mail")).fill(user.email)
    page.get_by_label(field("Hasło")).fill("zle-haslo")
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    expect(page.get_by_text("Podany adres e-mail i/lub hasło są niepoprawne.")).to_be_visible()
    assert_accessible(page)


def test_language_switch(page, visit):
    visit("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Sign up").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")


def log_in(page, user):
    page.goto("/konto/login/")
    page.get_by_label(field("Adres e-mail")).fill(user.email)
    page.get_by_label(field("Hasło")).fill(PASSWORD)
    page.get_by_role("button", name="Zaloguj", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Twój profil")


def test_signed_in_pages_are_accessible(page, visit, organisation):
    editor = MembershipFactory(organisation=organisation, role=MembershipRole.EDITOR).user
    log_in(page, editor)
    for path in [
        "/konto/profil/",
        f"/konto/organizacje/{organisation.slug}/czlonkowie/",
        "/konto/prywatnosc/",
        "/konto/email/",
        "/konto/password/change/",
        "/konto/2fa/",
        "/deklaracja-dostepnosci/",
        "/polityka-prywatnosci/",
        "/nie-ma-takiej-strony/",
    ]:
        visit(path)


def test_member_asks_to_join_an_organisation(page, visit, organisation):
    user = UserFactory()
    log_in(page, user)
    page.get_by_label(field("Organizacja")).select_option(label=organisation.name)
    page.get_by_role("button", name="Wyślij prośbę").click()
    expect(page.get_by_role("status")).to_contain_text("Prośba została wysłana")
    expect(page.get_by_role("cell", name="Oczekuje na akceptację")).to_be_visible()
    assert_accessible(page)
