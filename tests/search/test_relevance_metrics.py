"""Relevance metrics on hand-computed cases, and the relevance table's own consistency."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from knowledge.enums import HorizontalPrinciple
from search.relevance import (
    Failure,
    evaluate,
    failed_queries,
    mean_reciprocal_rank,
    recall_at_k,
    report,
)
from search.types import FACETS, MEMBERS, PUBLIC
from tests.search.relevance_corpus import (
    ANONYMOUS_AUDIENCE,
    CORPUS,
    MEMBER_AUDIENCE,
    PERMISSION_CASES,
    QUERIES,
    expected_by_query,
)
from zitnet.directory.enums import OrganisationKind, Voivodeship

ROOT = Path(__file__).resolve().parents[2]

# Three queries, worked by hand:
#   "a": x at rank 1                     → recall 1/1, reciprocal rank 1
#   "b": y at rank 2, z at rank 6        → recall 1/2 (z is outside the top 5), reciprocal rank 1/2
#   "c": w at rank 4                     → recall 1/1, reciprocal rank 1/4
# recall@5 = (1 + 0.5 + 1) / 3 = 0.8333…, MRR = (1 + 0.5 + 0.25) / 3 = 0.5833…
EXPECTED = {"a": ["x"], "b": ["y", "z"], "c": ["w"]}
RESULTS = {
    "a": ["x", "p", "q"],
    "b": ["p", "y", "q", "r", "s", "z"],
    "c": ["p", "q", "r", "w"],
}


def test_recall_at_5_by_hand():
    assert recall_at_k(RESULTS, EXPECTED) == pytest.approx(2.5 / 3)


def test_recall_at_1_counts_only_the_first_result():
    # a: x first → 1; b: p first → 0; c: p first → 0.
    assert recall_at_k(RESULTS, EXPECTED, k=1) == pytest.approx(1 / 3)


def test_recall_with_a_larger_k_takes_later_hits():
    # k=6 brings z (rank 6) in: every query complete.
    assert recall_at_k(RESULTS, EXPECTED, k=6) == 1.0


def test_mrr_by_hand():
    assert mean_reciprocal_rank(RESULTS, EXPECTED) == pytest.approx(1.75 / 3)


def test_mrr_uses_the_first_expected_key_whatever_its_order_in_the_expected_list():
    # "z" is listed first but "y" comes first in the results: 1/2, not 1/6.
    assert mean_reciprocal_rank({"b": RESULTS["b"]}, {"b": ["z", "y"]}) == 0.5


def test_mrr_counts_ranks_beyond_the_top_5():
    assert mean_reciprocal_rank({"q": ["a", "b", "c", "d", "e", "f", "g", "x"]}, {"q": ["x"]}) == 0.125


def test_a_query_without_results_scores_zero():
    expected = {"found": ["x"], "lost": ["y"]}
    results = {"found": ["x"]}  # "lost" missing altogether
    assert recall_at_k(results, expected) == 0.5
    assert mean_reciprocal_rank(results, expected) == 0.5
    assert recall_at_k({"found": ["x"], "lost": []}, expected) == 0.5


def test_perfect_and_empty_rankings():
    assert recall_at_k({"q": ["x", "y"]}, {"q": ["y", "x"]}) == 1.0
    assert mean_reciprocal_rank({"q": ["x", "y"]}, {"q": ["y", "x"]}) == 1.0
    assert recall_at_k({"q": ["p", "r"]}, {"q": ["x"]}) == 0.0
    assert mean_reciprocal_rank({"q": ["p", "r"]}, {"q": ["x"]}) == 0.0


def test_extra_results_do_not_lower_recall_or_mrr():
    # Results for queries the table does not ask about are ignored.
    results = {**RESULTS, "other": ["x"]}
    assert recall_at_k(results, EXPECTED) == recall_at_k(RESULTS, EXPECTED)
    assert mean_reciprocal_rank(results, EXPECTED) == mean_reciprocal_rank(RESULTS, EXPECTED)


def test_no_queries_and_bad_input():
    assert recall_at_k({}, {}) == 0.0
    assert mean_reciprocal_rank({}, {}) == 0.0
    with pytest.raises(ValueError, match="no expected keys"):
        recall_at_k({"q": ["x"]}, {"q": []})
    with pytest.raises(ValueError, match="no expected keys"):
        mean_reciprocal_rank({"q": ["x"]}, {"q": []})
    with pytest.raises(ValueError):
        recall_at_k(RESULTS, EXPECTED, k=0)


def test_failed_queries_name_the_missing_keys_and_their_ranks():
    failures = failed_queries(RESULTS, EXPECTED)
    assert failures == [Failure(query="b", missing=["z"], ranks={"y": 2, "z": 6})]
    lost = failed_queries({}, {"q": ["x"]})
    assert lost == [Failure(query="q", missing=["x"], ranks={"x": None})]


def test_evaluate_gathers_everything():
    ev = evaluate(RESULTS, EXPECTED)
    assert ev.queries == 3
    assert ev.recall == pytest.approx(2.5 / 3)
    assert ev.mrr == pytest.approx(1.75 / 3)
    assert [f.query for f in ev.failures] == ["b"]
    assert ev.k == 5


def test_report_table():
    text = report(
        {
            "database": {"results": RESULTS, "expected": EXPECTED},
            "elasticsearch": {"results": {**RESULTS, "b": ["y", "z"], "c": []}, "expected": EXPECTED},
        }
    )
    # elasticsearch: recall (1 + 1 + 0) / 3 = 0.667, MRR (1 + 1 + 0) / 3 = 0.667.
    assert text == (
        "engine         queries   recall@5     MRR\n"
        "database             3      0.833   0.583\n"
        "elasticsearch        3      0.667   0.667\n"
        "\n"
        "database: 1 failed query (expected key outside the top 5)\n"
        "  - 'b': z at rank 6\n"
        "\n"
        "elasticsearch: 1 failed query (expected key outside the top 5)\n"
        "  - 'c': w not found\n"
    )


def test_report_without_failures():
    text = report({"db": {"results": {"q": ["x"]}, "expected": {"q": ["x"]}}})
    assert "db: no failed queries" in text
    assert "1.000   1.000" in text


# The relevance table itself.

KEYS = [doc.key for doc in CORPUS]
BY_KEY = {doc.key: doc for doc in CORPUS}


def _codes(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def test_corpus_keys_are_unique_and_well_formed():
    assert len(CORPUS) >= 70
    assert [key for key, count in Counter(KEYS).items() if count > 1] == []
    for doc in CORPUS:
        assert doc.key == f"{doc.type}:{doc.object_id}"
        assert doc.type in {"practice", "handbook", "report", "organisation", "service"}
        assert doc.title and doc.body and doc.url.startswith("/") and doc.url.count("#") <= 1
        assert doc.audience in {PUBLIC, MEMBERS}
        assert doc.date is not None


def test_corpus_facets_use_the_project_vocabularies():
    areas = _codes(ROOT / "zitnet/directory/data/thematic_areas.csv")
    programmes = _codes(ROOT / "knowledge/data/programmes_2021_2027.csv")
    allowed = {
        "thematic_area": areas,
        "voivodeship": set(Voivodeship.values),
        "organisation_kind": set(OrganisationKind.values),
        "programme": programmes,
        "principle": set(HorizontalPrinciple.values),
    }
    for doc in CORPUS:
        assert set(doc.facets) <= set(FACETS), doc.key
        for name, values in doc.facets.items():
            assert values, (doc.key, name)
            if name in allowed:
                assert set(values) <= allowed[name], (doc.key, name, values)
        if "year" in doc.facets:
            assert doc.facets["year"] == [str(doc.date.year)]


def test_places_have_coordinates_in_poland():
    for doc in CORPUS:
        if doc.type in {"organisation", "service"}:
            assert 49.0 <= doc.latitude <= 54.9 and 14.1 <= doc.longitude <= 24.2, doc.key
        else:
            assert doc.latitude is None and doc.longitude is None, doc.key


def test_required_documents_are_there():
    titles = {doc.title for doc in CORPUS}
    assert "Edukacja włączająca w gminach MOF" in titles
    assert any(title.startswith("Centrum Aktywności Lokalnej") for title in titles)
    organisations = [doc for doc in CORPUS if doc.type == "organisation"]
    towns = "Kraków Łódź Gdańsk Wrocław Poznań Wałbrzych Białystok Rzeszów Szczecin Lublin".split()
    for town in [*towns, "Zielona Góra"]:
        assert any(town in f"{doc.title} {doc.summary}" for doc in organisations), town


def test_queries_table_shape():
    assert len(QUERIES) >= 45
    queries = [query for query, _keys, _note in QUERIES]
    assert len(set(queries)) == len(queries)
    for query, keys, note in QUERIES:
        assert 1 <= len(keys) <= 3, query
        assert len(set(keys)) == len(keys), query
        assert note, query
        for key in keys:
            assert key in BY_KEY, (query, key)
            assert BY_KEY[key].audience in MEMBER_AUDIENCE, (query, key)
    assert expected_by_query() == {query: keys for query, keys, _note in QUERIES}
    # At least one expected document is members-only (found because the table runs as a member).
    assert any(BY_KEY[key].audience == MEMBERS for _q, keys, _n in QUERIES for key in keys)


def test_permission_cases_point_at_members_only_documents():
    assert PERMISSION_CASES
    for query, key, _note in PERMISSION_CASES:
        assert query
        assert BY_KEY[key].audience == MEMBERS
        assert MEMBERS not in ANONYMOUS_AUDIENCE and MEMBERS in MEMBER_AUDIENCE
