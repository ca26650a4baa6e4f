"""Search fixtures: a real osmem-server (speaking the Elasticsearch REST API) and engines on it."""

import uuid

import pytest

from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.osmem import OsmemNode, OsmemServer


@pytest.fixture(scope="session")
def osmem():
    """One osmem-server for the session; tests share it through their own index prefixes."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.stop()


@pytest.fixture
def osmem_process():
    """A private osmem-server the test may `stop()` and `restart()` (same URL, empty after a restart)."""
    server = OsmemServer.start(japanese=False)
    yield server
    server.stop()


def osmem_engine(server: OsmemServer, **options) -> ElasticsearchEngine:
    """An engine on an osmem server with a prefix of its own; writes are visible to search at once."""
    options.setdefault("index_prefix", f"t{uuid.uuid4().hex[:8]}")
    options.setdefault("refresh", True)
    return ElasticsearchEngine(server.url, node_class=OsmemNode, **options)


@pytest.fixture
def es_engine(osmem):
    """A ready, empty Elasticsearch engine: `index()` then `search()` works right away."""
    engine = osmem_engine(osmem)
    yield engine
    engine.drop()


@pytest.fixture(autouse=True)
def _closed_breaker():
    """Every test starts and ends with Elasticsearch considered healthy (the breaker is per process)."""
    from search import api

    api.breaker.recovered()
    yield
    api.breaker.recovered()
