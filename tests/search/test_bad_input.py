"""Bad input to the search page, the suggestions and the REST API: a clear answer (200, or 400 with a message),
never a 500 and never an engine error, with the database engine, with Elasticsearch (osmem-server), and with
Elasticsearch down; the index is still there afterwards."""

import uuid

import pytest
from django.db import connection
from django.utils.html import escape

from search import api, registry
from search.models import SearchEntry
from tests.factories import OrganisationFactory
from tests.factories.knowledge import make_practice
from tests.factories.search import index_everything
from tests.search.osmem import OsmemNode

pytestmark = pytest.mark.django_db

PAGE, SUGGEST, API, API_SUGGEST = (
    "/szukaj/",
    "/szukaj/podpowiedzi/",
    "/api/v1/search/",
    "/api/v1/search/suggest/",
)

# (parameters, expected status, the field whose message a 400 must carry)
CASES = [
    pytest.param({"q": ""}, 200, None, id="empty"),
    pytest.param({"q": ("edukacja " * 1112)[:10_000]}, 400, "q", id="10000-characters"),
    pytest.param({"q": "*"}, 400, "q", id="wildcard-only"),
    pytest.param({"q": "* ? ~ ^"}, 400, "q", id="operators-only"),
    pytest.param({"q": '"unbalanced'}, 200, None, id="unbalanced-quote"),
    pytest.param({"q": "'; DROP TABLE search_searchentry; --"}, 200, None, id="sql-injection"),
    pytest.param({"q": '{"query":{"match_all":{}}}'}, 200, None, id="query-dsl-injection"),
    pytest.param({"q": "edukacja OR rower AND NOT x NEAR(a b) title: y"}, 200, None, id="fts-syntax"),
    pytest.param({"q": "edu*  rower^2 ~1 \\ % _"}, 200, None, id="special-characters"),
    pytest.param({"q": "i w z"}, 400, "q", id="stop-words-only"),
    pytest.param({"q": "edukacja\x00"}, 400, "q", id="null-character"),
    pytest.param({"type": "bogus"}, 400, "type", id="unknown-type"),
    pytest.param(
        {"q": "rower", "colour": "red", "facet[tag]": "x", "widok": "3d"}, 200, None, id="unknown-params"
    ),
    pytest.param({"q": "rower", "tag": "x" * 121}, 400, "tag", id="facet-value-too-long"),
    pytest.param({"q": "rower", "tag": [f"t{n}" for n in range(21)]}, 400, "tag", id="too-many-values"),
    pytest.param({"q": "rower", "voivodeship": "99"}, 200, None, id="unknown-facet-value"),
    pytest.param({"lat": "200", "lon": "10"}, 400, "lat", id="latitude-out-of-range"),
    pytest.param({"lat": "50", "lon": "-500"}, 400, "lon", id="longitude-out-of-range"),
    pytest.param({"lat": "50"}, 400, "__all__", id="latitude-alone"),
    pytest.param({"near": "Kraków", "radius": "-5"}, 400, "radius", id="negative-radius"),
    pytest.param({"near": "Kraków", "radius": "100000"}, 400, "radius", id="huge-radius"),
    pytest.param({"near": "Atlantyda"}, 400, "near", id="unknown-town"),
    pytest.param({"radius": "20"}, 400, "near", id="radius-without-place"),
    pytest.param({"q": "rower", "sort": "random()"}, 400, "sort", id="unknown-sort"),
    pytest.param({"q": "rower", "sort": "distance"}, 200, None, id="distance-without-place"),
    pytest.param({"q": "rower", "page": "abc"}, 200, None, id="page-not-a-number"),
    pytest.param({"q": "rower", "page": "-3"}, 200, None, id="negative-page"),
    pytest.param({"q": "rower", "page": "9" * 30}, 200, None, id="huge-page"),
]


def entries_table_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_searchentry")
        return cursor.fetchone()[0]


@pytest.fixture(params=["database", "elasticsearch", "elasticsearch-down"])
def engine(request, db, settings):
    """Content indexed in the engine under test; Elasticsearch down means a closed port."""
    OrganisationFactory(name="Gmina Wieliczka", city="Wieliczka", latitude=49.9871, longitude=20.0645)
    make_practice(title="Aglomeracyjny rower publiczny", lead="Jeden system rowerów dla aglomeracji.")
    make_practice(title="Edukacja włączająca w gminach MOF")
    index_everything()
    elastic = None
    if request.param == "elasticsearch":
        server = request.getfixturevalue("osmem")
        settings.SEARCH = {
            **settings.SEARCH,
            "ELASTICSEARCH_URL": server.url,
            "INDEX_PREFIX": f"bad{uuid.uuid4().hex[:8]}",
            "NODE_CLASS": OsmemNode,
        }
        elastic = api.elasticsearch_engine()
        elastic.rebuild(registry.all_documents())
    elif request.param == "elasticsearch-down":
        settings.SEARCH = {**settings.SEARCH, "ELASTICSEARCH_URL": "http://127.0.0.1:9", "TIMEOUT": 0.5}
    yield request.param
    if elastic is not None:
        elastic.drop()


@pytest.mark.parametrize(("params", "status", "field"), CASES)
def test_bad_input_gets_a_clear_answer(client, engine, params, status, field):
    before = entries_table_rows()

    page = client.get(PAGE, params)
    assert page.status_code == status
    rest = client.get(API, params)
    assert rest.status_code == status
    if status == 400:
        errors = rest.json()["errors"]
        assert field in errors and all(message.strip() for message in errors[field])
        html = page.content.decode()
        assert 'role="alert"' in html
        for message in errors[field]:
            assert escape(message) in html
    else:
        data = rest.json()
        searched = bool(params.get("q"))
        down = engine == "elasticsearch-down"
        assert data["engine"] == (
            "database" if engine == "database" or (down and searched) else "elasticsearch"
        )
        assert data["degraded"] is (down and searched)
        if "query" in params.get("q", ""):
            assert data["count"] == 0  # a query-DSL text is words, not a query that matches everything

    for url in (SUGGEST, API_SUGGEST):
        suggestions = client.get(url, {"q": params.get("q", "")})
        assert suggestions.status_code in (200, 400)
        assert "suggestions" in suggestions.json() or "errors" in suggestions.json()

    assert entries_table_rows() == before == SearchEntry.objects.count() == 3
