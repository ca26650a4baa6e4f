"""Relevance table (issue 5, item 9): Polish queries whose expected documents must be in the top 5, run as a
signed-in member against both engines; recall@5 and MRR are printed (`pytest -s`) and held to a floor.
Members-only documents stay out of an anonymous visitor's results."""

import pytest

from search import api, relevance
from search.text import parse_query
from search.types import SearchQuery
from tests.search.relevance_corpus import (
    ANONYMOUS_AUDIENCE,
    CORPUS,
    MEMBER_AUDIENCE,
    PERMISSION_CASES,
    QUERIES,
    expected_by_query,
)

pytestmark = pytest.mark.django_db

RECALL_FLOOR = 0.9
MRR_FLOOR = 0.8


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request):
    database = api.database_engine()
    database.rebuild(iter(CORPUS))  # always: the typo vocabulary lives in the database index
    if request.param == "database":
        return database
    engine = request.getfixturevalue("es_engine")
    engine.index(CORPUS)
    return engine


def ranking(engine, text: str, audience) -> list[str]:
    results = api.search(
        SearchQuery(parsed=parse_query(text), audience=audience, page_size=10), engine=engine
    )
    return [hit.key for hit in results.hits]


def test_recall_and_mrr(engine):
    results = {text: ranking(engine, text, MEMBER_AUDIENCE) for text, _keys, _note in QUERIES}
    evaluation = relevance.evaluate(results, expected_by_query())
    print("\n" + relevance.report({engine.name: {"results": results, "expected": expected_by_query()}}))
    assert len(QUERIES) >= 40
    assert evaluation.recall >= RECALL_FLOOR, relevance.report(
        {engine.name: {"results": results, "expected": expected_by_query()}}
    )
    assert evaluation.mrr >= MRR_FLOOR


def test_members_only_documents_stay_hidden_from_anonymous_visitors(engine):
    for text, key, _note in PERMISSION_CASES:
        assert key in ranking(engine, text, MEMBER_AUDIENCE)[:5], text
        assert key not in ranking(engine, text, ANONYMOUS_AUDIENCE), text
