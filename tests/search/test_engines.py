"""One behaviour suite, run against both engines over real connections: the database engine (SQLite or
PostgreSQL, whichever the suite runs on) and the Elasticsearch engine against osmem-server over HTTP."""

import datetime

import pytest

from search import api
from search.text import parse_query
from search.types import MEMBERS, PUBLIC, GeoFilter, SearchDocument, SearchQuery

pytestmark = pytest.mark.django_db

KRAKOW = (50.0614, 19.9372)


def doc(n, title, *, type_="practice", body="", summary="", audience=PUBLIC, facets=None, at=None, day=1):
    return SearchDocument(
        key=f"{type_}:{n}",
        type=type_,
        object_id=n,
        title=title,
        url=f"/{type_}/{n}/",
        summary=summary,
        body=body,
        audience=audience,
        facets=facets or {},
        latitude=at[0] if at else None,
        longitude=at[1] if at else None,
        date=datetime.date(2026, 1, day),
    )


DOCUMENTS = [
    doc(
        1,
        "Edukacja włączająca w gminach MOF",
        body="Szkoły i gminy wspólnie wspierają uczniów ze specjalnymi potrzebami.",
        facets={"thematic_area": ["edukacja_wlaczajaca"], "voivodeship": ["12"], "year": ["2024"]},
        at=KRAKOW,
        day=5,
    ),
    doc(
        2,
        "Edukacja ekologiczna dla przedszkoli",
        body="Zajęcia o klimacie; włączająca forma dla wszystkich dzieci.",
        facets={"thematic_area": ["klimat"], "voivodeship": ["12"], "year": ["2023"]},
        day=4,
    ),
    doc(
        3,
        "Centrum Aktywności Lokalnej w Wieliczce",
        type_="service",
        body="Zajęcia dla seniorów i młodzieży.",
        facets={"voivodeship": ["12"], "organisation_kind": ["cal"]},
        at=(49.9871, 20.0647),
        day=3,
    ),
    doc(
        4,
        "Gmina Miejska Kraków",
        type_="organisation",
        body="Miasto na prawach powiatu, członek Stowarzyszenia Metropolia Krakowska.",
        facets={"voivodeship": ["12"], "organisation_kind": ["city_with_county_rights"]},
        at=KRAKOW,
        day=2,
    ),
    doc(
        5,
        "Miasto Gdańsk",
        type_="organisation",
        body="Centrum Obszaru Metropolitalnego Gdańsk Gdynia Sopot.",
        facets={"voivodeship": ["22"], "organisation_kind": ["city_with_county_rights"]},
        at=(54.352, 18.6466),
        day=1,
    ),
    doc(
        6,
        "Notatki o edukacji włączającej dla uczestników cyklu",
        type_="handbook",
        audience=MEMBERS,
        facets={"thematic_area": ["edukacja_wlaczajaca"]},
        day=6,
    ),
]


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    if request.param == "database":
        return api.database_engine()
    return request.getfixturevalue("es_engine")


@pytest.fixture
def loaded(engine):
    engine.index(DOCUMENTS)
    if engine is not api.database_engine():
        api.database_engine().index(DOCUMENTS)  # the vocabulary for typo correction lives there
    return engine


def query(text="", audience=(PUBLIC,), **options) -> SearchQuery:
    return SearchQuery(parsed=parse_query(text), audience=frozenset(audience), **options)


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]


def test_inflected_query_finds_the_title_first_and_marks_the_words(loaded):
    results = api.search(query("edukacji włączającej"), engine=loaded)
    assert keys(results)[0] == "practice:1"
    assert set(keys(results)) == {"practice:1", "practice:2"}  # practice 2 has both words, in its body
    assert results.total == 2


def test_snippets_mark_matches_in_the_original_text(loaded):
    results = api.search(query("uczniów szkoły"), engine=loaded)
    assert keys(results) == ["practice:1"]
    assert (
        "<mark>Szkoły</mark>" in results.hits[0].snippet and "<mark>uczniów</mark>" in results.hits[0].snippet
    )


def test_folded_query_finds_diacritics(loaded):
    assert keys(api.search(query("krakow"), engine=loaded))[0] == "organisation:4"
    assert keys(api.search(query("GDANSK"), engine=loaded))[0] == "organisation:5"


def test_every_word_is_required_unless_nothing_has_them_all(loaded):
    results = api.search(query("edukacja gdańsk"), engine=loaded)
    assert results.relaxed  # no document has both: those with either are shown, and it is said
    assert set(keys(results)) == {"practice:1", "practice:2", "organisation:5"}
    assert not api.search(query("edukacja włączająca"), engine=loaded).relaxed


def test_typing_errors_are_corrected_from_the_vocabulary(loaded):
    results = api.search(query("edukajca włączająca"), engine=loaded)
    assert keys(results)[0] == "practice:1"
    assert results.query.parsed.corrections == {"edukajca": "edukacja"}


def test_members_only_documents_are_found_only_by_members(loaded):
    assert "handbook:6" not in keys(api.search(query("notatki edukacja"), engine=loaded))
    member = api.search(query("notatki edukacja", audience=(PUBLIC, MEMBERS)), engine=loaded)
    assert keys(member) == ["handbook:6"]
    assert [s.title for s in loaded.suggest(parse_query("notat"), frozenset({PUBLIC}), [], 5)] == []


def test_facet_counts_and_filters(loaded):
    results = api.search(query("edukacja"), engine=loaded)
    assert results.facets["thematic_area"] == {"edukacja_wlaczajaca": 1, "klimat": 1}
    assert results.facets["year"] == {"2024": 1, "2023": 1}
    narrowed = api.search(query("edukacja", filters={"thematic_area": ["klimat"]}), engine=loaded)
    assert keys(narrowed) == ["practice:2"] and narrowed.total == 1
    either = api.search(
        query("edukacja", filters={"thematic_area": ["klimat", "edukacja_wlaczajaca"], "year": ["2024"]}),
        engine=loaded,
    )
    assert keys(either) == ["practice:1"]  # values of one facet: any; different facets: all


def test_type_counts_ignore_the_type_filter_so_other_types_stay_reachable(loaded):
    results = api.search(query("kraków", types=["organisation"]), engine=loaded)
    assert keys(results) == ["organisation:4"]
    assert results.facets["type"]["organisation"] == 1
    assert results.total == 1


def test_filters_without_text_list_newest_first(loaded):
    results = api.search(query(filters={"voivodeship": ["12"]}), engine=loaded)
    assert keys(results) == ["practice:1", "practice:2", "service:3", "organisation:4"]
    assert results.facets["organisation_kind"] == {"cal": 1, "city_with_county_rights": 1}


def test_geo_radius_sorted_by_distance(loaded):
    results = api.search(query(geo=GeoFilter(*KRAKOW, radius_km=20), sort="distance"), engine=loaded)
    assert keys(results)[2:] == ["service:3"]  # Wieliczka, ~13 km; Gdańsk is far outside
    assert set(keys(results)[:2]) == {"practice:1", "organisation:4"}
    assert results.hits[2].distance_km == pytest.approx(13.0, abs=1.5)
    small = api.search(query(geo=GeoFilter(*KRAKOW, radius_km=5)), engine=loaded)
    assert "service:3" not in keys(small)


def test_pagination_is_stable_and_complete(loaded):
    first = api.search(query(filters={"voivodeship": ["12"]}, page_size=3), engine=loaded)
    second = api.search(query(filters={"voivodeship": ["12"]}, page_size=3, page=2), engine=loaded)
    assert first.total == second.total == 4
    assert keys(first) + keys(second) == ["practice:1", "practice:2", "service:3", "organisation:4"]


def test_suggestions_complete_the_last_word_of_a_title(loaded):
    suggestions = loaded.suggest(parse_query("centrum akty"), frozenset({PUBLIC}), [], 5)
    assert [s.title for s in suggestions] == ["Centrum Aktywności Lokalnej w Wieliczce"]
    assert loaded.suggest(parse_query("centrum akty"), frozenset({PUBLIC}), ["practice"], 5) == []
    eduk = loaded.suggest(parse_query("eduk"), frozenset({PUBLIC, MEMBERS}), [], 5)
    assert {s.title for s in eduk} == {
        d.title for d in DOCUMENTS if d.key in {"practice:1", "practice:2", "handbook:6"}
    }


def test_index_replaces_and_delete_removes(loaded):
    loaded.index([doc(4, "Miasto Kraków", type_="organisation", at=KRAKOW)])
    assert [h.title for h in api.search(query("krakow", types=["organisation"]), engine=loaded).hits] == [
        "Miasto Kraków"
    ]
    loaded.delete(["organisation:4"])
    assert api.search(query("krakow", types=["organisation"]), engine=loaded).total == 0


def nonzero(counts: dict) -> dict:
    return {name: count for name, count in counts.items() if count}


def test_rebuild_replaces_everything_and_counts_per_type(loaded):
    assert nonzero(loaded.counts()) == {"practice": 2, "service": 1, "organisation": 2, "handbook": 1}
    assert loaded.rebuild(iter(DOCUMENTS[:2])) == 2
    assert nonzero(loaded.counts()) == {"practice": 2}
    assert loaded.health()["ok"]


def test_an_unspecific_prefix_suggests_without_scoring_every_match(monkeypatch):
    from search.engines import database

    engine = api.database_engine()
    engine.index(DOCUMENTS)
    monkeypatch.setattr(database, "SCORED_SUGGESTIONS", 2)  # as if "eduk" matched thousands of titles
    anonymous = engine.suggest(parse_query("eduk"), frozenset({PUBLIC}), [], 5)
    assert {s.title for s in anonymous} == {
        "Edukacja ekologiczna dla przedszkoli",
        "Edukacja włączająca w gminach MOF",
    }
    member = engine.suggest(parse_query("eduk"), frozenset({PUBLIC, MEMBERS}), ["handbook"], 5)
    assert [s.title for s in member] == ["Notatki o edukacji włączającej dla uczestników cyklu"]
