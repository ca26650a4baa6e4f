"""Elasticsearch going away mid-run: pages keep answering from the database engine and say search is
degraded; changes made meanwhile wait in the outbox; when the engine is back, search returns to it by itself
and the missed changes reach it."""

import pytest

from search import api
from search.models import SearchOutbox
from tests.factories.knowledge import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_elasticsearch(settings, osmem_process):
    settings.SEARCH = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": osmem_process.url,
        "NODE_CLASS": "tests.search.osmem.OsmemNode",
        "INDEX_PREFIX": "resilience",
        "TIMEOUT": 1.0,
        "BREAKER_SECONDS": 0,
    }
    api.breaker.recovered()
    engine = api.elasticsearch_engine()
    engine.refresh = True
    yield osmem_process
    api.breaker.recovered()


def found(text):
    results = api.search(api.make_query(text))
    return results.engine, results.degraded, [hit.title for hit in results.hits]


def test_search_survives_the_engine_stopping_and_recovers_by_itself(
    on_elasticsearch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Edukacja włączająca w gminach MOF")
    assert found("edukacji włączającej") == ("elasticsearch", False, ["Edukacja włączająca w gminach MOF"])

    on_elasticsearch.stop()
    assert found("edukacji włączającej") == ("database", True, ["Edukacja włączająca w gminach MOF"])
    with django_capture_on_commit_callbacks(execute=True):
        practice = make_practice(title="Centrum Aktywności Lokalnej w Wałbrzychu")
    assert SearchOutbox.objects.filter(key=f"practice:{practice.pk}").exists()
    assert found("centrów aktywności lokalnej") == (
        "database",
        True,
        ["Centrum Aktywności Lokalnej w Wałbrzychu"],
    )

    on_elasticsearch.restart()
    # The next query tries Elasticsearch again, finds it answering and sends it what it missed.
    found("centrów aktywności lokalnej")
    assert not SearchOutbox.objects.exists()
    assert found("centrów aktywności lokalnej") == (
        "elasticsearch",
        False,
        ["Centrum Aktywności Lokalnej w Wałbrzychu"],
    )


def test_a_slow_engine_counts_as_down(settings):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections, never answers
    try:
        settings.SEARCH = {
            **settings.SEARCH,
            "ELASTICSEARCH_URL": f"http://127.0.0.1:{listener.getsockname()[1]}",
            "NODE_CLASS": "tests.search.osmem.OsmemNode",
            "TIMEOUT": 0.5,
            "BREAKER_SECONDS": 30,
        }
        api.breaker.recovered()
        engine, degraded, _titles = found("transport publiczny")
        assert (engine, degraded) == ("database", True)
        # The breaker is open now: the next queries do not wait for the slow engine at all.
        import time

        started = time.perf_counter()
        assert found("transport")[:2] == ("database", True)
        assert time.perf_counter() - started < 0.4
    finally:
        listener.close()
        api.breaker.recovered()
