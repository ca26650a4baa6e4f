"""Relevance metrics for the table of Polish queries (issue 5, item 9): recall@k, MRR and a printable report.

Pure functions over keys ("practice:12"): no database, no engine. Inputs are

- ``results_by_query``: query → the keys an engine returned, best first (a query missing here counts as
  an empty result list);
- ``expected``: query → the keys that must appear in the top k (at least one per query).

The mean is taken over the queries of ``expected``; with no queries at all each metric is 0.0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_K = 5


@dataclass
class Failure:
    """A query whose expected keys are not all in the top k."""

    query: str
    missing: list[str]  # expected keys outside the top k, in the expected order
    ranks: dict[str, int | None] = field(
        default_factory=dict
    )  # 1-based rank in the whole list, None if absent


@dataclass
class Evaluation:
    queries: int
    recall: float
    mrr: float
    failures: list[Failure]
    k: int = DEFAULT_K


def _checked(expected: Mapping[str, Sequence[str]]) -> Mapping[str, Sequence[str]]:
    for query, keys in expected.items():
        if not keys:
            raise ValueError(f"query {query!r} has no expected keys")
    return expected


def _rank(results: Sequence[str], key: str) -> int | None:
    try:
        return list(results).index(key) + 1
    except ValueError:
        return None


def recall_at_k(
    results_by_query: Mapping[str, Sequence[str]], expected: Mapping[str, Sequence[str]], k: int = DEFAULT_K
) -> float:
    """Mean over queries of |expected ∩ top k| / |expected|."""
    if k < 1:
        raise ValueError("k must be at least 1")
    expected = _checked(expected)
    if not expected:
        return 0.0
    total = 0.0
    for query, keys in expected.items():
        wanted = set(keys)
        top = set(list(results_by_query.get(query, ()))[:k])
        total += len(wanted & top) / len(wanted)
    return total / len(expected)


def mean_reciprocal_rank(
    results_by_query: Mapping[str, Sequence[str]], expected: Mapping[str, Sequence[str]]
) -> float:
    """Mean over queries of 1 / rank of the first expected key in the result list (0 when none is there)."""
    expected = _checked(expected)
    if not expected:
        return 0.0
    total = 0.0
    for query, keys in expected.items():
        wanted = set(keys)
        for position, key in enumerate(results_by_query.get(query, ()), start=1):
            if key in wanted:
                total += 1 / position
                break
    return total / len(expected)


def failed_queries(
    results_by_query: Mapping[str, Sequence[str]], expected: Mapping[str, Sequence[str]], k: int = DEFAULT_K
) -> list[Failure]:
    """The queries with an expected key outside the top k, in the order of ``expected``."""
    failures = []
    for query, keys in _checked(expected).items():
        results = list(results_by_query.get(query, ()))
        top = set(results[:k])
        missing = [key for key in dict.fromkeys(keys) if key not in top]
        if missing:
            ranks = {key: _rank(results, key) for key in dict.fromkeys(keys)}
            failures.append(Failure(query=query, missing=missing, ranks=ranks))
    return failures


def evaluate(
    results_by_query: Mapping[str, Sequence[str]], expected: Mapping[str, Sequence[str]], k: int = DEFAULT_K
) -> Evaluation:
    return Evaluation(
        queries=len(expected),
        recall=recall_at_k(results_by_query, expected, k),
        mrr=mean_reciprocal_rank(results_by_query, expected),
        failures=failed_queries(results_by_query, expected, k),
        k=k,
    )


def _describe(failure: Failure) -> str:
    parts = []
    for key in failure.missing:
        rank = failure.ranks.get(key)
        parts.append(f"{key} not found" if rank is None else f"{key} at rank {rank}")
    return f"  - {failure.query!r}: " + ", ".join(parts)


def report(per_engine: Mapping[str, Mapping], k: int = DEFAULT_K) -> str:
    """A plain-text table: engine, queries, recall@k, MRR; then each engine's failed queries.

    ``per_engine`` maps an engine's label to ``{"results": results_by_query, "expected": expected}``.
    """
    evaluations = {
        engine: evaluate(data["results"], data["expected"], k) for engine, data in per_engine.items()
    }
    width = max([len("engine"), *(len(engine) for engine in evaluations)])
    recall_label = f"recall@{k}"
    lines = [f"{'engine':<{width}}  {'queries':>7}  {recall_label:>9}  {'MRR':>6}"]
    for engine, ev in evaluations.items():
        lines.append(f"{engine:<{width}}  {ev.queries:>7}  {ev.recall:>9.3f}  {ev.mrr:>6.3f}")
    for engine, ev in evaluations.items():
        lines.append("")
        if not ev.failures:
            lines.append(f"{engine}: no failed queries")
            continue
        noun = "query" if len(ev.failures) == 1 else "queries"
        lines.append(f"{engine}: {len(ev.failures)} failed {noun} (expected key outside the top {k})")
        lines.extend(_describe(failure) for failure in ev.failures)
    return "\n".join(lines) + "\n"
