"""The Elasticsearch engine over real HTTP against osmem-server.

The tests taking only `es_engine` are the contract: test_contract.py runs them again against a real cluster
when ELASTICSEARCH_URL is set. The others stop, silence or break the server, which only a local process allows.
"""

import datetime
import re
import socket
import time

import pytest
from elasticsearch import Elasticsearch

from search import documents
from search.engines.base import EngineError
from search.engines.elasticsearch import REBUILD_CHUNK, ElasticsearchEngine
from search.text import parse_query
from search.types import FACETS, GeoFilter, SearchDocument, SearchQuery
from tests.search.conftest import osmem_engine
from tests.search.osmem import OsmemNode, plain_media_type
from zitnet.directory.filters import distance_km

KALISZ = (51.7611, 18.0910)
OSTROW = (51.6551, 17.8069)
KRAKOW = (50.0647, 19.9450)
PUBLIC = frozenset({"public"})

DOCS = [
    SearchDocument(
        key="practice:1",
        type="practice",
        object_id=1,
        title="Edukacja włączająca w gminach MOF",
        url="/praktyki/edukacja-wlaczajaca/",
        summary="Jak gminy obszaru funkcjonalnego Kalisza wspierają uczniów ze specjalnymi potrzebami.",
        body="Szkoły w Kaliszu i Ostrowie Wielkopolskim prowadzą zajęcia edukacji włączającej dla dzieci "
        "z niepełnosprawnościami. Nauczyciele korzystają ze wspólnego centrum wsparcia.",
        facets={
            "thematic_area": ["edukacja"],
            "tag": ["szkoły", "niepełnosprawność"],
            "voivodeship": ["wielkopolskie"],
            "programme": ["FEW 2021-2027"],
            "principle": ["równość szans"],
            "year": [2023],
        },
        latitude=KALISZ[0],
        longitude=KALISZ[1],
        date=datetime.date(2023, 5, 10),
    ),
    SearchDocument(
        key="practice:2",
        type="practice",
        object_id=2,
        title="Centrum Aktywności Lokalnej w Ostrowie Wielkopolskim",
        url="/praktyki/cal-ostrow/",
        summary="Dom sąsiedzki prowadzony przez organizacje pozarządowe.",
        body="Mieszkańcy osiedla spotykają się w centrum aktywności lokalnej, organizują warsztaty i pikniki.",
        facets={
            "thematic_area": ["rewitalizacja"],
            "tag": ["partycypacja"],
            "voivodeship": ["wielkopolskie"],
            "year": [2024],
        },
        latitude=OSTROW[0],
        longitude=OSTROW[1],
        date=datetime.date(2024, 2, 1),
    ),
    SearchDocument(
        key="report:1",
        type="report",
        object_id=1,
        title="Transport publiczny w Krakowie",
        url="/raporty/transport-krakow/",
        summary="Raport o komunikacji miejskiej w Krakowie i gminach ościennych.",
        body="Analiza liczby pasażerów tramwajów i autobusów w latach 2019–2023.",
        facets={"thematic_area": ["transport"], "voivodeship": ["małopolskie"], "year": [2023]},
        latitude=KRAKOW[0],
        longitude=KRAKOW[1],
        date=datetime.date(2024, 6, 15),
    ),
    SearchDocument(
        key="organisation:1",
        type="organisation",
        object_id=1,
        title="Stowarzyszenie Aglomeracja Kalisko-Ostrowska",
        url="/katalog/ako/",
        summary="Związek gmin realizujący Zintegrowane Inwestycje Terytorialne.",
        facets={"organisation_kind": ["stowarzyszenie"], "voivodeship": ["wielkopolskie"]},
        latitude=KALISZ[0],
        longitude=KALISZ[1],
        date=datetime.date(2022, 1, 1),
    ),
    SearchDocument(
        key="service:1",
        type="service",
        object_id=1,
        title="Doradztwo w zakresie funduszy europejskich",
        url="/uslugi/doradztwo/",
        summary="Konsultacje dla członków sieci.",
        audience="members",
        facets={"thematic_area": ["fundusze"]},
        date=datetime.date(2024, 9, 1),
    ),
    SearchDocument(
        key="handbook:1",
        type="handbook",
        object_id=1,
        title="Partycypacja mieszkańców w planowaniu",
        url="/podrecznik/partycypacja/",
        body="Rozdział o konsultacjach społecznych i budżecie obywatelskim.",
        audience="restriction:7",
        facets={"thematic_area": ["partycypacja"]},
        date=datetime.date(2021, 3, 1),
    ),
]


def query(text: str = "", **options) -> SearchQuery:
    options.setdefault("audience", PUBLIC)
    return SearchQuery(parsed=parse_query(text), **options)


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]


@pytest.fixture
def loaded(es_engine):
    es_engine.index(DOCS)
    return es_engine


def practice(number: int, title: str, body: str = "", **fields) -> SearchDocument:
    return SearchDocument(
        key=f"practice:{number}",
        type="practice",
        object_id=number,
        title=title,
        url=f"/p/{number}/",
        body=body,
        **fields,
    )


# The contract: these take only `es_engine` (through `loaded`), and run against a real cluster too. ----------


def test_mapping_is_explicit(loaded):
    answer = loaded.client.indices.get_mapping(index=loaded.alias("practice")).body
    (mapping,) = (index["mappings"] for index in answer.values())
    fields = mapping["properties"]
    assert mapping["dynamic"] == "strict"
    assert fields["key"]["type"] == "keyword"
    assert fields["location"]["type"] == "geo_point"
    assert fields["suggest"]["type"] == "completion"
    assert fields["date"]["type"] == "date"
    assert fields["object_id"]["type"] == "long"
    assert fields["title_norm"] == {"type": "text", "analyzer": "zitnet_terms"}
    assert fields["body_norm"] == {"type": "text", "analyzer": "zitnet_terms"}
    assert fields["url"]["index"] is False
    assert all(fields[name]["type"] == "keyword" for name in FACETS)
    settings = loaded.client.indices.get_settings(index=loaded.alias("practice")).body
    (index_settings,) = (index["settings"]["index"] for index in settings.values())
    assert index_settings["analysis"]["analyzer"]["zitnet_terms"]["tokenizer"] == "whitespace"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("edukacji włączającej", "practice:1"),
        ("krakow", "report:1"),
        ("centrów aktywności lokalnej", "practice:2"),
        ("stowarzyszenia aglomeracji", "organisation:1"),
    ],
)
def test_polish_queries_find_inflected_forms(loaded, text, expected):
    results = loaded.search(query(text))
    assert keys(results)[0] == expected
    assert results.engine == "elasticsearch"


def test_hit_carries_the_original_fields_and_a_snippet(loaded):
    (hit,) = loaded.search(query("tramwajów")).hits
    assert (hit.key, hit.type, hit.object_id) == ("report:1", "report", 1)
    assert hit.title == "Transport publiczny w Krakowie"
    assert hit.url == "/raporty/transport-krakow/"
    assert hit.summary.startswith("Raport o komunikacji")
    assert hit.date == datetime.date(2024, 6, 15)
    assert (hit.latitude, hit.longitude) == pytest.approx(KRAKOW)
    assert hit.score > 0
    assert "<mark>tramwajów</mark>" in hit.snippet
    assert hit.distance_km is None


def test_every_word_is_required_unless_relaxed(loaded):
    assert loaded.search(query("edukacja transport")).total == 0
    relaxed = loaded.search(query("edukacja transport", match_all_words=False))
    assert set(keys(relaxed)) == {"practice:1", "report:1"}


def test_title_matches_weigh_more_than_body_matches(es_engine):
    es_engine.index(
        [
            practice(
                1, "Konsultacje społeczne", "Mieszkańcy decydują o budżecie obywatelskim gminy co roku."
            ),
            practice(
                2,
                "Budżet obywatelski w Kaliszu",
                "Mieszkańcy decydują o wydatkach gminy co roku w głosowaniu.",
            ),
        ]
    )
    assert keys(es_engine.search(query("budżet obywatelski"))) == ["practice:2", "practice:1"]


def test_only_documents_of_the_users_audience_are_found(loaded):
    assert loaded.search(query("doradztwo")).total == 0
    assert keys(loaded.search(query("doradztwo", audience=frozenset({"public", "members"})))) == ["service:1"]
    assert loaded.search(query("partycypacja", audience=frozenset({"public", "members"}))).total == 0
    restricted = loaded.search(query("partycypacja", audience=frozenset({"public", "restriction:7"})))
    assert keys(restricted) == ["handbook:1"]


def test_empty_text_lists_newest_first(loaded):
    results = loaded.search(query(""))
    assert keys(results) == ["report:1", "practice:2", "practice:1", "organisation:1"]
    assert results.total == 4


def test_sort_by_date_with_text(loaded):
    assert keys(loaded.search(query("gminach", sort="date"))) == ["report:1", "practice:1"]
    assert keys(loaded.search(query("zintegrowane gminach", match_all_words=False, sort="date"))) == [
        "report:1",
        "practice:1",
        "organisation:1",
    ]


def test_facet_counts_follow_the_filters(loaded):
    everything = loaded.search(query(""))
    assert everything.facets["voivodeship"] == {"wielkopolskie": 3, "małopolskie": 1}
    assert everything.facets["type"] == {"practice": 2, "report": 1, "organisation": 1}
    assert everything.facets["year"] == {"2023": 2, "2024": 1}
    assert set(everything.facets) == {"type", *FACETS}

    wielkopolska = loaded.search(query("", filters={"voivodeship": ["wielkopolskie"]}))
    assert wielkopolska.total == 3
    assert wielkopolska.facets["year"] == {"2023": 1, "2024": 1}
    assert wielkopolska.facets["organisation_kind"] == {"stowarzyszenie": 1}
    assert wielkopolska.facets["type"] == {"practice": 2, "organisation": 1}

    either_year = loaded.search(
        query("", filters={"year": ["2023", "2024"], "thematic_area": ["edukacja", "transport"]})
    )
    assert set(keys(either_year)) == {"practice:1", "report:1"}


def test_type_counts_ignore_the_type_filter(loaded):
    results = loaded.search(query("", types=["practice"]))
    assert keys(results) == ["practice:2", "practice:1"]
    assert results.total == 2
    assert results.facets["type"] == {"practice": 2, "report": 1, "organisation": 1}
    # The other facets count what is shown.
    assert results.facets["voivodeship"] == {"wielkopolskie": 2}
    assert results.facets["thematic_area"] == {"edukacja": 1, "rewitalizacja": 1}


def test_types_without_facets(loaded):
    results = loaded.search(query("", types=["report", "organisation"], with_facets=False))
    assert set(keys(results)) == {"report:1", "organisation:1"}
    assert results.facets == {"type": {"practice": 2, "report": 1, "organisation": 1}}
    assert loaded.search(query("nic takiego")).facets == {"type": {}}


def test_listings_need_no_snippets(loaded):
    results = loaded.search(query("edukacji", ids_only=True))
    assert [(hit.key, hit.snippet, hit.title) for hit in results.hits] == [
        ("practice:1", "", "Edukacja włączająca w gminach MOF")
    ]


def test_geo_radius_sorted_by_distance(loaded):
    near_kalisz = GeoFilter(latitude=KALISZ[0], longitude=KALISZ[1], radius_km=50)
    results = loaded.search(query("", geo=near_kalisz))
    assert set(keys(results)[:2]) == {"practice:1", "organisation:1"}
    assert keys(results)[2:] == ["practice:2"]
    distances = [hit.distance_km for hit in results.hits]
    assert distances == sorted(distances)
    assert distances[0] == pytest.approx(0, abs=0.01)
    assert distances[2] == pytest.approx(distance_km(*KALISZ, *OSTROW), rel=0.01)

    by_distance = loaded.search(query("gminach", geo=GeoFilter(*OSTROW, radius_km=400), sort="distance"))
    assert keys(by_distance) == ["practice:1", "report:1"]
    assert by_distance.hits[0].distance_km < by_distance.hits[1].distance_km
    by_relevance = loaded.search(query("krakowie", geo=GeoFilter(*KALISZ, radius_km=400)))
    (hit,) = by_relevance.hits
    assert hit.distance_km == pytest.approx(distance_km(*KALISZ, *KRAKOW), rel=0.001)


def test_highlight_reports_the_matched_terms(loaded):
    (hit,) = loaded.search(query("edukacji niepełnosprawność")).hits
    assert {"edukacja", "niepelnosprawnosc"} <= hit.matched_terms
    assert "<mark>edukacji</mark>" in hit.snippet
    assert "<mark>niepełnosprawnościami</mark>" in hit.snippet


def test_pages_and_the_result_window(es_engine):
    es_engine.index(
        [
            practice(n, f"Praktyka numer {n}", date=datetime.date(2020, 1, 1) + datetime.timedelta(n))
            for n in range(1, 26)
        ]
    )
    third = es_engine.search(query("", page=3, page_size=10))
    assert third.total == 25
    assert keys(third) == [f"practice:{n}" for n in range(5, 0, -1)]
    assert len(es_engine.search(query("praktyka", page=2, page_size=20)).hits) == 5
    beyond = es_engine.search(query("praktyka", page=1001, page_size=10))
    assert (beyond.hits, beyond.total) == ([], 25)


def test_index_replaces_by_key_and_delete_removes(es_engine):
    es_engine.index([practice(1, "Stary tytuł"), practice(1, "Rowerowa gmina")])
    assert keys(es_engine.search(query("rowerowa"))) == ["practice:1"]
    es_engine.index([practice(1, "Zielona gmina")])
    results = es_engine.search(query("gmina"))
    assert [hit.title for hit in results.hits] == ["Zielona gmina"]
    assert es_engine.search(query("rowerowa")).total == 0

    es_engine.delete(["practice:1", "practice:404", "report:404"])
    assert es_engine.search(query("gmina")).total == 0
    es_engine.delete([])
    es_engine.index([])


def test_rebuild_swaps_the_alias_with_no_empty_window(es_engine):
    client = es_engine.client
    es_engine.index([practice(n, f"Stara praktyka {n}") for n in range(1, 4)])
    (old_index,) = client.indices.get_alias(name=es_engine.alias("practice")).body
    seen_during_rebuild = []
    many = REBUILD_CHUNK + 100

    def new_documents():
        for n in range(1, many + 1):
            if (
                n == REBUILD_CHUNK + 50
            ):  # one request of documents is in the new index: readers must not see it
                seen_during_rebuild.append(
                    (es_engine.search(query("stara")).total, es_engine.search(query("nowa")).total)
                )
            yield practice(n, f"Nowa praktyka {n}")
        yield SearchDocument(key="report:1", type="report", object_id=1, title="Raport roczny", url="/r/1/")

    assert es_engine.rebuild(new_documents()) == many + 1
    assert seen_during_rebuild == [(3, 0)]
    assert es_engine.search(query("nowa")).total == many
    assert es_engine.search(query("stara")).total == 0
    assert es_engine.counts() == {
        "practice": many,
        "handbook": 0,
        "report": 1,
        "organisation": 0,
        "service": 0,
        "challenge": 0,
    }

    (new_index,) = client.indices.get_alias(name=es_engine.alias("practice")).body
    assert new_index != old_index
    assert re.fullmatch(rf"{es_engine.prefix}-practice-\d{{20}}", new_index)
    assert not client.indices.exists(index=old_index)
    indexes = client.indices.get(index=f"{es_engine.prefix}-*").body
    assert sorted(indexes) == sorted(
        name
        for t in documents.DOCUMENT_CLASSES
        for name in client.indices.get_alias(name=es_engine.alias(t)).body
    )
    # Writes after a rebuild go to the new index.
    es_engine.index([practice(many + 1, "Najnowsza praktyka")])
    assert es_engine.counts()["practice"] == many + 1


def test_failed_rebuild_keeps_the_old_index(es_engine):
    client = es_engine.client
    es_engine.index([practice(1, "Stara praktyka")])
    before = sorted(client.indices.get(index=f"{es_engine.prefix}-*").body)

    def broken():
        yield practice(2, "Nowa praktyka")
        raise RuntimeError("the provider failed")

    with pytest.raises(RuntimeError):
        es_engine.rebuild(broken())
    assert sorted(client.indices.get(index=f"{es_engine.prefix}-*").body) == before
    assert keys(es_engine.search(query("praktyka"))) == ["practice:1"]


def test_suggestions_complete_any_title_word(loaded):
    def titles(text, audience=PUBLIC, types=(), limit=5):
        return [s.title for s in loaded.suggest(parse_query(text), audience, list(types), limit)]

    assert titles("edu") == ["Edukacja włączająca w gminach MOF"]
    assert titles("włącz") == ["Edukacja włączająca w gminach MOF"]
    assert titles("wlacz") == ["Edukacja włączająca w gminach MOF"]
    assert titles("Kra") == ["Transport publiczny w Krakowie"]
    assert titles("aktywności lok") == ["Centrum Aktywności Lokalnej w Ostrowie Wielkopolskim"]
    assert titles("transport lok") == []
    assert titles("dor") == []
    assert titles("dor", audience=frozenset({"public", "members"})) == [
        "Doradztwo w zakresie funduszy europejskich"
    ]
    assert set(titles("ost")) == {
        "Centrum Aktywności Lokalnej w Ostrowie Wielkopolskim",
        "Stowarzyszenie Aglomeracja Kalisko-Ostrowska",
    }
    assert titles("ost", types=["organisation"]) == ["Stowarzyszenie Aglomeracja Kalisko-Ostrowska"]
    assert len(titles("ost", limit=1)) == 1
    assert titles("") == []
    (suggestion,) = loaded.suggest(parse_query("transp"), PUBLIC, [], 5)
    assert (suggestion.url, suggestion.type) == ("/raporty/transport-krakow/", "report")


def test_query_syntax_is_plain_text(loaded):
    for text in ['" OR 1=1 --', '{"query": {"match_all": {}}}', "x" * 10_000]:
        assert loaded.search(query(text)).total == 0
    assert keys(loaded.search(query("*"))) == keys(loaded.search(query("")))
    for text in ['"edukacja*', "edukacja AND (", "title:edukacja"]:
        assert keys(loaded.search(query(text, match_all_words=False))) == ["practice:1"]


def test_counts_and_health(loaded):
    assert loaded.counts() == {
        "practice": 2, "handbook": 1, "report": 1, "organisation": 1, "service": 1, "challenge": 0,
    }  # fmt: skip
    health = loaded.health()
    assert health["ok"] is True
    assert loaded.url in health["detail"]


def test_a_registered_type_is_searchable(es_engine):
    documents.register("challenge")
    try:
        es_engine.index(
            [
                SearchDocument(
                    key="challenge:1",
                    type="challenge",
                    object_id=1,
                    title="Wyzwanie klimatyczne",
                    url="/w/1/",
                )
            ]
        )
        assert keys(es_engine.search(query("klimatyczne"))) == ["challenge:1"]
        assert es_engine.search(query("klimatyczne", types=["challenge"])).facets["type"] == {"challenge": 1}
    finally:
        es_engine.drop()
        documents.DOCUMENT_CLASSES.pop("challenge", None)


# Beyond the contract: failures a local server lets us cause. -----------------------------------------


def test_unknown_type_is_a_programming_error(es_engine):
    with pytest.raises(KeyError, match="nowhere"):
        es_engine.index([SearchDocument(key="nowhere:1", type="nowhere", object_id=1, title="x", url="/")])


def test_stopped_engine_raises_engine_error_fast_and_recovers(osmem_process):
    engine = osmem_engine(osmem_process)
    engine.index(DOCS)
    osmem_process.stop()

    calls = [
        lambda: engine.search(query("edukacja")),
        lambda: engine.suggest(parse_query("edu"), PUBLIC, [], 5),
        lambda: engine.index(DOCS[:1]),
        lambda: engine.delete(["practice:1"]),
        lambda: engine.rebuild(DOCS),
        lambda: engine.counts(),
    ]
    for call in calls:
        started = time.monotonic()
        with pytest.raises(EngineError, match="Elasticsearch"):
            call()
        assert time.monotonic() - started < 1
    assert engine.health()["ok"] is False

    osmem_process.restart()  # same port, empty (osmem keeps its data in memory)
    assert engine.health()["ok"] is True
    assert engine.search(query("edukacja")).total == 0
    engine.index(DOCS)
    assert keys(engine.search(query("edukacja"))) == ["practice:1"]


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


def test_a_silent_server_times_out_into_engine_error(silent_port):
    url = f"http://127.0.0.1:{silent_port}"
    engine = ElasticsearchEngine(url, index_prefix="silent", node_class=OsmemNode, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(EngineError, match="ConnectionTimeout"):
        engine.search(query("edukacja"))
    assert 0.4 < time.monotonic() - started < 1.5
    assert engine.health()["ok"] is False

    default = ElasticsearchEngine(url, index_prefix="silent", node_class=OsmemNode)
    assert default.timeout == 2.0
    started = time.monotonic()
    with pytest.raises(EngineError):
        default.suggest(parse_query("edu"), PUBLIC, [], 5)
    assert time.monotonic() - started < 2.5


def test_a_refused_request_becomes_engine_error(es_engine):
    # An index squatting on the alias's name: the cluster refuses to create the alias.
    es_engine.client.indices.create(index=es_engine.alias("practice"))
    with pytest.raises(EngineError, match="HTTP 400"):
        es_engine.index(DOCS[:1])
    es_engine.client.indices.delete(index=es_engine.alias("practice"))


def test_a_bad_url_becomes_engine_error():
    with pytest.raises(EngineError):
        ElasticsearchEngine("not a url at all")


def test_osmem_node_sends_plain_json(osmem):
    client = Elasticsearch(osmem.url, node_class=OsmemNode)
    assert client.info()["version"]["distribution"] == "opensearch"
    assert plain_media_type("application/vnd.elasticsearch+json; compatible-with=8") == "application/json"
    assert (
        plain_media_type("application/vnd.elasticsearch+x-ndjson; compatible-with=8")
        == "application/x-ndjson"
    )
    assert plain_media_type("text/plain") == "text/plain"
