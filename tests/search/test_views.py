"""The search page /szukaj/ and the suggestions: highlighted hits for Polish word forms, type tabs and facets
with counts, a place and radius sorted by distance, the map view, the notices (degraded, relaxed, corrected
words), help for an empty result, permissions; and the listings that search through the same API."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import PageViewRestriction

from search import labels
from tests.factories import OrganisationFactory
from tests.factories.directory import theme
from tests.factories.knowledge import make_practice
from tests.factories.search import index_everything
from zitnet.directory.enums import OrganisationKind, Voivodeship

pytestmark = pytest.mark.django_db

PAGE = "/szukaj/"
SUGGEST = "/szukaj/podpowiedzi/"


@pytest.fixture
def content(db):
    krakow = OrganisationFactory(
        name="Stowarzyszenie Metropolia Krakowska",
        slug="metropolia-krakowska",
        short_name="Metropolia",
        city="Kraków",
        voivodeship=Voivodeship.MALOPOLSKIE,
        latitude=50.0614,
        longitude=19.9366,
    )
    wieliczka = OrganisationFactory(
        name="Gmina Wieliczka",
        slug="gmina-wieliczka",
        short_name="Wieliczka",
        city="Wieliczka",
        kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL,
        voivodeship=Voivodeship.MALOPOLSKIE,
        latitude=49.9871,
        longitude=20.0645,
    )
    warszawa = OrganisationFactory(
        name="Miasto stołeczne Warszawa",
        slug="warszawa",
        short_name="Warszawa",
        city="Warszawa",
        kind=OrganisationKind.MUNICIPALITY_URBAN,
        voivodeship=Voivodeship.MAZOWIECKIE,
        latitude=52.2297,
        longitude=21.0122,
    )
    school = make_practice(
        title="Edukacja włączająca w gminach MOF",
        lead="Asystenci ucznia i szkolenia nauczycieli w szkołach podstawowych.",
        organisations=[wieliczka],
        thematic_areas=[theme("edukacja_wlaczajaca")],
        voivodeship=Voivodeship.MALOPOLSKIE,
    )
    bikes = make_practice(
        title="Aglomeracyjny rower publiczny",
        lead="Jeden system rowerów dla całej aglomeracji.",
        organisations=[warszawa],
        thematic_areas=[theme("mobilnosc_miejska")],
        voivodeship=Voivodeship.MAZOWIECKIE,
    )
    index_everything()
    return {"krakow": krakow, "wieliczka": wieliczka, "warszawa": warszawa, "school": school, "bikes": bikes}


def hit_titles(response) -> list[str]:
    return [row["hit"].title for row in response.context["rows"]]


def in_language(function, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return function(*args)


def test_an_inflected_query_finds_the_practice_with_its_words_marked(client, content):
    response = client.get(PAGE, {"q": "edukacji włączającej"})
    assert response.status_code == 200
    assert hit_titles(response) == ["Edukacja włączająca w gminach MOF"]
    html = response.content.decode()
    assert "<mark>Edukacja</mark> <mark>włączająca</mark> w gminach MOF" in html  # the linked title
    assert f'href="{content["school"].url}"' in html
    assert in_language(labels.type_label, "practice") in html
    assert 'id="results-title" aria-live="polite"' in html
    assert "<title>„edukacji włączającej” — wyniki wyszukiwania" in html  # Polish, the default language
    assert 'class="search-help"' not in html


def test_without_text_or_filters_the_page_only_explains(client, content):
    for params in ({}, {"q": ""}, {"widok": "mapa", "colour": "red"}):
        response = client.get(PAGE, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="search-help"' in html
        assert response.context["results"] is None
        assert "search-hit" not in html and content["school"].title not in html
    # The page has its own search box: the header's is left out, so there is one search landmark.
    assert html.count('role="search"') == 1


def test_the_header_of_other_pages_has_a_labelled_search_box(client, content):
    html = client.get("/katalog/").content.decode()
    assert 'action="/szukaj/"' in html
    assert '<label for="site-search-q"' in html
    assert 'id="site-search-q" name="q"' in html and 'data-suggest="/szukaj/podpowiedzi/"' in html
    assert "js/search.js" in html


def test_type_tabs_count_each_type_and_filter(client, content):
    response = client.get(PAGE, {"q": "krakow"})
    tabs = {tab["label"]: tab["count"] for tab in response.context["tabs"]}
    practices, organisations = (
        in_language(labels.label, "type", "practice"),
        in_language(labels.label, "type", "organisation"),
    )
    assert tabs[organisations] == 1
    assert practices not in tabs  # no practice mentions Kraków
    response = client.get(PAGE, {"q": "gmina", "type": "organisation"})
    assert set(hit_titles(response)) == {"Gmina Wieliczka"}
    current = [tab for tab in response.context["tabs"] if tab["current"]]
    assert [tab["label"] for tab in current] == [organisations]
    html = response.content.decode()
    assert 'aria-current="page"' in html
    assert '<input type="hidden" name="type" value="organisation">' in html  # kept when searching again


def test_facets_show_counts_with_labels_and_narrow(client, content):
    response = client.get(PAGE, {"type": "practice"})
    assert set(hit_titles(response)) == {"Edukacja włączająca w gminach MOF", "Aglomeracyjny rower publiczny"}
    groups = {group.name: group for group in response.context["facets"]}
    voivodeships = {item.value: (item.label, item.count) for item in groups["voivodeship"].values}
    assert voivodeships == {"12": ("małopolskie", 1), "14": ("mazowieckie", 1)}
    areas = {item.value: item.label for item in groups["thematic_area"].values}
    assert areas["edukacja_wlaczajaca"] == theme("edukacja_wlaczajaca").name_pl
    html = response.content.decode()
    assert 'name="voivodeship" value="12"' in html and 'form="search-form"' in html

    response = client.get(PAGE, {"type": "practice", "voivodeship": "14"})
    assert hit_titles(response) == ["Aglomeracyjny rower publiczny"]
    checked = [(g.name, i.value) for g in response.context["facets"] for i in g.values if i.checked]
    assert checked == [("voivodeship", "14")]
    assert 'value="14" id="facet-voivodeship-1" checked' in response.content.decode()


def test_a_selected_facet_value_stays_visible_with_no_result(client, content):
    response = client.get(PAGE, {"q": "rower", "voivodeship": "02"})
    assert response.status_code == 200
    assert response.context["results"].total == 0
    group = next(group for group in response.context["facets"] if group.name == "voivodeship")
    assert [(item.value, item.count, item.checked) for item in group.values] == [("02", 0, True)]


def test_near_a_town_sorts_by_distance_and_shows_kilometres(client, content):
    response = client.get(PAGE, {"near": "Kraków", "radius": "20", "sort": "distance"})
    assert response.status_code == 200
    hits = [row["hit"] for row in response.context["rows"]]
    assert hits[0].title == "Stowarzyszenie Metropolia Krakowska"
    assert {hit.title for hit in hits} == {
        "Stowarzyszenie Metropolia Krakowska",
        "Gmina Wieliczka",
        "Edukacja włączająca w gminach MOF",  # where its organisation is
    }
    distances = [hit.distance_km for hit in hits]
    assert distances == sorted(distances) and distances[-1] < 20
    html = response.content.decode()
    assert re.search(r"search-hit__distance\">[^<]*\d+[,.]\d km", html)
    assert '<option value="distance" selected>' in html
    # Text and place together: only what matches the words, within the radius (not Warsaw's practice).
    response = client.get(PAGE, {"q": "gmina", "near": "Kraków", "radius": "20"})
    assert set(hit_titles(response)) == {"Gmina Wieliczka", "Edukacja włączająca w gminach MOF"}


def test_the_map_view_hands_the_positions_to_the_script_as_json(client, content):
    response = client.get(PAGE, {"q": "gmina", "widok": "mapa"})
    assert response.status_code == 200
    html = response.content.decode()
    data = re.search(r'<script id="search-map-data" type="application/json">(.*?)</script>', html, re.S)
    points = json.loads(data.group(1))
    assert {point["title"] for point in points} == {
        "Gmina Wieliczka",
        "Edukacja włączająca w gminach MOF",
        "Aglomeracyjny rower publiczny",
    }
    assert all(isinstance(point["lat"], float) and point["url"] for point in points)
    assert "data-search-map" in html and "vendor/leaflet/leaflet.js" in html
    # No inline script (CSP): every <script> is either JSON data or a file.
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'type="application/json"' in tag or "src=" in tag
    assert 'href="#search-hits"' in html and 'id="search-hits"' in html  # skip the map to the list
    assert 'name="widok" value="mapa"' in html
    list_view = client.get(PAGE, {"q": "gmina"}).content.decode()
    assert "search-map-data" not in list_view and "widok=mapa" in list_view


def test_when_elasticsearch_is_down_the_database_answers_and_says_so(client, content, settings):
    settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": "http://127.0.0.1:9", "TIMEOUT": 0.5}
    response = client.get(PAGE, {"q": "edukacji włączającej"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.degraded and results.engine == "database"
    assert hit_titles(response) == ["Edukacja włączająca w gminach MOF"]
    assert "search-notice--degraded" in response.content.decode()
    suggestions = client.get(SUGGEST, {"q": "eduk"}).json()
    assert suggestions["degraded"] is True
    assert [s["title"] for s in suggestions["suggestions"]] == ["Edukacja włączająca w gminach MOF"]


def test_no_degraded_notice_when_the_database_is_the_engine(client, content):
    response = client.get(PAGE, {"q": "edukacja"})
    assert not response.context["results"].degraded
    assert "search-notice--degraded" not in response.content.decode()


def test_words_no_result_has_together_relax_with_a_notice(client, content):
    response = client.get(PAGE, {"q": "edukacja rower"})
    assert set(hit_titles(response)) == {"Edukacja włączająca w gminach MOF", "Aglomeracyjny rower publiczny"}
    assert response.context["results"].relaxed
    assert "search-notice--relaxed" in response.content.decode()


def test_a_typing_error_is_corrected_with_a_notice(client, content):
    response = client.get(PAGE, {"q": "edukajca"})
    assert hit_titles(response) == ["Edukacja włączająca w gminach MOF"]
    assert response.context["corrections"] == [("edukajca", "edukacja")]
    html = response.content.decode()
    assert "search-notice--corrections" in html and "<del>edukajca</del> → <ins>edukacja</ins>" in html


def test_an_empty_result_helps_with_a_link_removing_each_filter(client, content):
    response = client.get(
        PAGE, {"q": "kosmonautyka", "voivodeship": "12", "type": "practice", "near": "Kraków", "radius": "10"}
    )
    assert response.status_code == 200
    assert response.context["results"].total == 0
    html = response.content.decode()
    assert 'class="search-empty"' in html
    removals = {item["url"] for item in response.context["active"]}
    assert removals == {
        "/szukaj/?q=kosmonautyka&voivodeship=12&near=Krak%C3%B3w&radius=10",  # without the type
        "/szukaj/?q=kosmonautyka&type=practice&near=Krak%C3%B3w&radius=10",  # without the voivodeship
        "/szukaj/?q=kosmonautyka&voivodeship=12&type=practice",  # without the place
    }
    for url in removals:
        assert f'href="{url.replace("&", "&amp;")}"' in html


def test_pages_of_results(client, content):
    for n in range(25):
        OrganisationFactory(name=f"Gmina Przykładowa {n}", slug=f"gmina-przykladowa-{n}")
    index_everything()
    query = {"q": "gmina", "type": "organisation"}
    first = client.get(PAGE, query)
    assert first.context["results"].total == 26 and len(first.context["rows"]) == 20
    html = first.content.decode()
    assert 'href="?q=gmina&amp;type=organisation&amp;page=2" rel="next"' in html
    second = client.get(PAGE, {**query, "page": "2"})
    assert len(second.context["rows"]) == 6 and 'rel="prev"' in second.content.decode()
    assert 'start="21"' in second.content.decode()
    assert len(client.get(PAGE, {**query, "page": "abc"}).context["rows"]) == 20
    past_the_end = client.get(PAGE, {**query, "page": "99"})
    assert past_the_end.context["page"] == 2 and len(past_the_end.context["rows"]) == 6


def test_an_invalid_search_shows_the_errors_with_status_400(client, content):
    response = client.get(PAGE, {"q": "*"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    with translation.override(settings.LANGUAGE_CODE):
        from django.utils.translation import gettext

        assert gettext("Type at least one word.") in html
    response = client.get(PAGE, {"q": "rower", "near": "Atlantyda", "radius": "10"})
    assert response.status_code == 400
    assert 'id="search-near"' in response.content.decode()  # the place can be corrected right there


def test_suggestions_as_json(client, content):
    response = client.get(SUGGEST, {"q": "eduk"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    assert data == {
        "suggestions": [
            {
                "title": "Edukacja włączająca w gminach MOF",
                "url": content["school"].url,
                "type": "practice",
                "type_label": data["suggestions"][0]["type_label"],
            }
        ],
        "degraded": False,
    }
    assert data["suggestions"][0]["type_label"] == in_language(labels.type_label, "practice")
    assert client.get(SUGGEST, {"q": "e"}).json()["suggestions"] == []  # too short to suggest
    assert client.get(SUGGEST, {"q": "*"}).json()["suggestions"] == []
    assert client.get(SUGGEST, {"q": "x" * 501}).status_code == 400
    only_organisations = client.get(SUGGEST, {"q": "gmi", "type": "organisation"}).json()["suggestions"]
    assert [s["title"] for s in only_organisations] == ["Gmina Wieliczka"]


@pytest.fixture
def members_only(content):
    practice = make_practice(
        title="Program mentoringu dla kadr OPS",
        lead="Doświadczeni pracownicy socjalni wspierają nowych.",
        voivodeship=Voivodeship.MALOPOLSKIE,
    )
    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    index_everything()
    return practice


def test_a_members_only_practice_is_found_only_by_those_signed_in(client, client_for, user, members_only):
    title = "Program mentoringu dla kadr OPS"
    anonymous = client.get(PAGE, {"q": "mentoringu"})
    assert anonymous.context["results"].total == 0 and title not in anonymous.content.decode()
    assert client.get(SUGGEST, {"q": "mentor"}).json()["suggestions"] == []
    assert title not in client.get("/api/v1/search/", {"q": "mentoringu"}).content.decode()

    signed_in = client_for(user)
    assert hit_titles(signed_in.get(PAGE, {"q": "mentoringu"})) == [title]
    assert [s["title"] for s in signed_in.get(SUGGEST, {"q": "mentor"}).json()["suggestions"]] == [title]
    assert [r["title"] for r in signed_in.get("/api/v1/search/", {"q": "mentoringu"}).json()["results"]] == [
        title
    ]


# --- the listings search through the same API -------------------------------------------------------


def test_the_practice_library_finds_inflected_words(client, content):
    response = client.get("/dobre-praktyki/", {"q": "edukacji włączającej"})
    assert [p.title for p in response.context["page_obj"].object_list] == [
        "Edukacja włączająca w gminach MOF"
    ]
    response = client.get("/dobre-praktyki/", {"q": "rowerow"})  # no diacritics, another form
    assert [p.title for p in response.context["page_obj"].object_list] == ["Aglomeracyjny rower publiczny"]


def test_the_practice_library_orders_by_relevance_unless_asked_otherwise(client, content):
    make_practice(title="Rower miejski w Gnieźnie", lead="Rowery, rowery i jeszcze raz rowery.")
    index_everything()
    best_first = client.get("/dobre-praktyki/", {"q": "rower miejski"})
    assert [p.title for p in best_first.context["page_obj"].object_list][0] == "Rower miejski w Gnieźnie"
    by_title = client.get("/dobre-praktyki/", {"q": "rower", "sort": "title"})
    assert [p.title for p in by_title.context["page_obj"].object_list] == [
        "Aglomeracyjny rower publiczny",
        "Rower miejski w Gnieźnie",
    ]


def test_the_directory_finds_krakow_without_diacritics(client, content):
    html = client.get("/katalog/", {"q": "krakow"}).content.decode()
    assert "Stowarzyszenie Metropolia Krakowska" in html
    assert "Gmina Wieliczka" not in html and "Miasto stołeczne Warszawa" not in html
    assert "Gmina Wieliczka" in client.get("/katalog/", {"q": "gminie wieliczce"}).content.decode()


def test_what_was_typed_is_shown_escaped(client, content):
    typed = '<script>alert("x")</script> rower'
    html = client.get(PAGE, {"q": typed}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; rower" in html  # in the box and the title
    assert "<mark>rower</mark>" in html
