"""With the demo data: a visitor types an inflected query in the header's search box, sees suggestions (a
combobox used by keyboard), submits, reads highlighted results, ticks a facet, opens the map of the results,
and gets help when nothing is found. axe checks every page on the way (with results, a map, no results)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from search import api
from tests.e2e.conftest import assert_accessible
from tests.factories.search import index_everything

# serialized_rollback: what the migrations created (home page, libraries, workflow) is restored after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TILES = re.compile(r"https://tile\.openstreetmap\.org/.*")
PRACTICE = "Narzędzie współpracy ponadlokalnej na rzecz edukacji włączającej w gminach MOF"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    api.breaker.recovered()
    index_everything()


def test_header_suggestions_results_facets_and_map(page, visit, demo):
    visit("/katalog/")
    box = page.locator("#site-search-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("edukacji włączając", delay=30)

    listbox = page.locator("#site-search-q-suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option", name=re.compile("edukacji włączającej"))).not_to_have_count(0)
    assert_accessible(page)  # with the list of suggestions open

    # Keyboard: the arrows move through the options, Escape closes the list, the text stays.
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("edukacji włączając")

    # Enter with no option chosen submits the search.
    box.press_sequentially("ej", delay=30)
    expect(listbox).to_be_visible()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/szukaj/\?q=edukacji"))
    results = page.locator(".search-hits")
    expect(results.get_by_role("link", name=PRACTICE)).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()
    expect(results.locator(".search-hit__title mark", has_text=re.compile("^edukacji$"))).not_to_have_count(0)
    assert_accessible(page)

    # A facet with one result among them: ticking it narrows the list to that one.
    page.get_by_label(re.compile(r"^mazowieckie \(1\)$")).check()
    page.locator("button[form=search-form]").click()
    expect(page).to_have_url(re.compile(r"voivodeship=14"))
    expect(page.get_by_label(re.compile(r"^mazowieckie \(1\)$"))).to_be_checked()
    expect(page.locator("#results-title")).to_have_text(re.compile(r"^1\s"))
    expect(results.locator(".search-hit")).to_have_count(1)
    assert_accessible(page)

    # The map of these results; the tiles cannot load here, the markers and the list remain.
    page.route(TILES, lambda route: route.abort())
    page.locator(".search-view a").click()
    expect(page).to_have_url(re.compile(r"widok=mapa"))
    expect(page.locator("#search-map")).to_be_visible()
    expect(page.locator("path.marker-hit").first).to_be_visible()
    expect(page.locator(".search-map .map-panel__status")).not_to_be_empty()
    expect(results.locator(".search-hit")).to_have_count(1)
    assert_accessible(page)
    page.locator(".skip-map").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#search-hits$"))


def test_a_suggestion_chosen_by_keyboard_opens_its_page(page, visit, demo):
    visit("/")
    box = page.locator("#site-search-q")
    box.press_sequentially("narzędzie wsp", delay=30)
    option = page.locator("#site-search-q-suggestions").get_by_role("option", name=re.compile(PRACTICE))
    expect(option).to_be_visible()
    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(PRACTICE)


def test_no_results_page_helps_and_is_accessible(page, visit, demo):
    visit("/szukaj/?q=kosmonautyka&voivodeship=12")
    expect(page.locator(".search-empty")).to_be_visible()
    links = page.locator(".search-empty a")
    expect(links).to_have_count(1)
    links.first.click()
    expect(page).to_have_url(re.compile(r"/szukaj/\?q=kosmonautyka$"))
    assert_accessible(page)

    visit("/szukaj/")  # nothing asked yet: a short help
    expect(page.locator(".search-help")).to_be_visible()
    expect(page.locator(".search-hits")).to_have_count(0)

    page.goto("/szukaj/?q=*")  # no word: the error is announced, the box marked
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#search-q")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
