"""Polish text handling: what a query must match in indexed text, whatever the inflection or diacritics."""

import pytest

from search.highlight import highlight, snippet
from search.text import MAX_QUERY_WORDS, fold, index_terms, parse_query


def matches(query: str, text: str) -> bool:
    """Every word group of the query has a term among the text's terms (what both engines require)."""
    terms = set(index_terms(text))
    parsed = parse_query(query)
    return not parsed.is_empty and all(terms.intersection(group) for group in parsed.groups)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("edukacji włączającej", "Edukacja włączająca w gminach MOF"),
        ("edukacja wlaczajaca", "Edukacja włączająca w gminach MOF"),
        ("wlaczajacej edukacji", "Edukacja włączająca w gminach MOF"),
        ("krakow", "Kraków"),
        ("Krakowie", "Gmina Miejska Kraków"),
        ("centrów aktywności lokalnej", "Centrum Aktywności Lokalnej"),
        ("centrum aktywnosci lokalnej", "Sieć Centrów Aktywności Lokalnej"),
        ("łódź", "Urząd Miasta Łodzi"),
        ("ŁÓDŹ", "Łódź"),
        ("młodzieżowe rady", "Młodzieżowa Rada Gminy"),
        ("usług społecznych", "usługi społeczne w MOF"),
        ("strategii rozwoju ponadlokalnego", "Strategia rozwoju ponadlokalnego"),
    ],
)
def test_inflected_and_folded_queries_match_the_text(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("edukacja", "transport publiczny"), ("krakow", "Gdańsk"), ("rada seniorów", "Młodzieżowa Rada Gminy")],
)
def test_unrelated_words_do_not_match(query, text):
    assert not matches(query, text)


def test_fold_removes_polish_diacritics_including_l_with_stroke():
    assert fold("Zażółć GĘŚLĄ jaźń Łódź") == "zazolc gesla jazn lodz"


def test_stop_words_and_syntax_are_not_required():
    parsed = parse_query('"edukacja w gminach" AND (MOF*) OR -')
    words = parsed.words
    assert "w" not in words and "AND" not in words and "OR" not in words
    assert len(parsed.groups) == 3  # edukacja, gminach, MOF


@pytest.mark.parametrize("raw", ["", "   ", "*", '"', "?*", "---", "()[]{}"])
def test_queries_without_words_are_empty(raw):
    assert parse_query(raw).is_empty


def test_a_very_long_query_is_cut_to_a_few_words():
    parsed = parse_query(" ".join(f"słowo{i}" for i in range(5000)))
    assert len(parsed.groups) == MAX_QUERY_WORDS


def test_prefix_is_the_last_word_folded():
    assert parse_query("centrum akty").prefix == "akty"
    assert parse_query("Łód").prefix == "lod"
    assert parse_query("centrum *").prefix == ""


def test_snippet_marks_inflected_matches_and_escapes_html():
    parsed = parse_query("edukacji włączającej")
    text = "Gminy rozwijają edukację <script>alert(1)</script> włączającą w szkołach MOF."
    html = snippet(text, parsed.all_terms)
    assert "<mark>edukację</mark>" in html and "<mark>włączającą</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_snippet_shows_the_part_of_a_long_text_with_the_matches():
    text = (
        " ".join(["wstęp"] * 200)
        + " Centrum Aktywności Lokalnej działa w Wałbrzychu. "
        + " ".join(["koniec"] * 200)
    )
    html = snippet(text, parse_query("centrów aktywności lokalnej").all_terms)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Centrum</mark> <mark>Aktywności</mark> <mark>Lokalnej</mark>" in html


def test_highlight_of_a_title_without_matches_is_the_escaped_title():
    assert highlight("Rada & <Gmina>", {"krakow"}) == "Rada &amp; &lt;Gmina&gt;"
