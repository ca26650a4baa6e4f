"""Assigning observers to challenges: a pure module (no Django), solved exactly with HiGHS through SciPy.

The problem. Every accepted observer reviews exactly `k` challenges; every challenge gets between its minimum
and maximum of observers; no observer reviews a challenge they are in conflict with (or that a coordinator
forbade); a coordinator's pinned pairs are kept; at most `m` observers of one organisation review the same
challenge. Among those assignments the total fit is maximal: the fit of a pair is the points of the
challenge's rank among the observer's preferences plus points per theme the observer's expertise shares with
the challenge. Reviewers of one challenge are spread across voivodeships where possible: every observer beyond
the first from the same voivodeship costs `spread_penalty` points.

Why it is exact. The constraints form a network: observers on one side; on the other, for each challenge, its
organisations nested inside its voivodeships nested inside the challenge (organisations belong to one
voivodeship). Such a constraint matrix is totally unimodular, so the linear relaxation already has an integral
optimum: the LP bound equals the best assignment, and HiGHS proves it at the root node. `lp_bound()` solves the
relaxation separately so a report can show both.

Infeasibility is reported in words before the solver runs, with the constraint that binds ("challenge X has 5
eligible observers but needs 6"); `Reason.code` and `Reason.params` let the caller translate the message.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_matrix

RANK_POINTS = (12, 9, 7, 5, 4, 3, 2, 1)  # first choice, second choice, … (later ranks get the last value)
THEME_POINTS = 2  # per theme the observer's expertise shares with the challenge
MAX_THEME_MATCHES = 3
SPREAD_PENALTY = 1  # per observer beyond the first from one voivodeship on one challenge


@dataclass(frozen=True)
class Observer:
    id: str
    name: str = ""
    organisation: str = ""
    voivodeship: str = ""
    preferences: tuple[str, ...] = ()  # challenge ids, best first
    expertise: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Challenge:
    id: str
    title: str = ""
    themes: frozenset[str] = frozenset()
    min_observers: int = 0
    max_observers: int = 10**6

    @property
    def label(self) -> str:
        return self.title or self.id


@dataclass
class Problem:
    observers: list[Observer]
    challenges: list[Challenge]
    per_observer: int = 3  # k
    max_per_organisation: int = 1  # m, per challenge
    conflicts: set[tuple[str, str]] = field(default_factory=set)  # (observer id, challenge id)
    forbidden: set[tuple[str, str]] = field(default_factory=set)
    pinned: set[tuple[str, str]] = field(default_factory=set)
    spread_penalty: int = SPREAD_PENALTY

    def eligible(self, observer: Observer, challenge: Challenge) -> bool:
        pair = (observer.id, challenge.id)
        return pair not in self.conflicts and pair not in self.forbidden


@dataclass(frozen=True)
class Reason:
    """Why no assignment exists, in words (English) and as a code with parameters (for translation)."""

    code: str
    message: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


class Infeasible(Exception):  # noqa: N818 — reads as the outcome it is
    def __init__(self, reasons: list[Reason]):
        self.reasons = reasons
        super().__init__("; ".join(r.message for r in reasons))


@dataclass(frozen=True)
class PairFit:
    observer: str
    challenge: str
    rank: int | None  # 1 = first preference; None = not among the preferences
    shared_themes: tuple[str, ...]
    points: int
    pinned: bool = False


@dataclass
class Assignment:
    pairs: list[PairFit]
    fit: int  # sum of the pairs' points
    spread_cost: int  # penalty points for reviewers from one voivodeship
    method: str
    seconds: float = 0.0
    proven_optimal: bool = False
    under_minimum: dict[str, int] = field(
        default_factory=dict
    )  # heuristics only: challenge → missing observers

    @property
    def score(self) -> int:
        return self.fit - self.spread_cost

    def by_observer(self) -> dict[str, list[PairFit]]:
        out: dict[str, list[PairFit]] = defaultdict(list)
        for pair in self.pairs:
            out[pair.observer].append(pair)
        return dict(out)

    def by_challenge(self) -> dict[str, list[PairFit]]:
        out: dict[str, list[PairFit]] = defaultdict(list)
        for pair in self.pairs:
            out[pair.challenge].append(pair)
        return dict(out)

    def pair_set(self) -> set[tuple[str, str]]:
        return {(p.observer, p.challenge) for p in self.pairs}


def pair_fit(observer: Observer, challenge: Challenge, pinned: bool = False) -> PairFit:
    rank = observer.preferences.index(challenge.id) + 1 if challenge.id in observer.preferences else None
    rank_points = RANK_POINTS[min(rank, len(RANK_POINTS)) - 1] if rank else 0
    shared = tuple(sorted(observer.expertise & challenge.themes))
    points = rank_points + THEME_POINTS * min(len(shared), MAX_THEME_MATCHES)
    return PairFit(observer.id, challenge.id, rank, shared, points, pinned)


# --- feasibility, in words ---------------------------------------------------------------------------


def check(problem: Problem) -> list[Reason]:
    """Every violated necessary condition, each named in words; empty when none is violated."""
    reasons: list[Reason] = []
    k, m = problem.per_observer, problem.max_per_organisation
    observers = {o.id: o for o in problem.observers}
    challenges = {c.id: c for c in problem.challenges}
    for observer_id, challenge_id in sorted(problem.pinned):
        if observer_id not in observers or challenge_id not in challenges:
            reasons.append(
                Reason("pinned_unknown", f"A pinned pair names an unknown observer or challenge ({observer_id}, {challenge_id}).",
                       {"observer": observer_id, "challenge": challenge_id})
            )  # fmt: skip
        elif (observer_id, challenge_id) in problem.conflicts | problem.forbidden:
            o, c = observers[observer_id], challenges[challenge_id]
            reasons.append(
                Reason("pinned_conflict", f"{o.label} is pinned to {c.label} but may not review it.",
                       {"observer": o.label, "challenge": c.label})
            )  # fmt: skip
    for c in problem.challenges:
        if c.min_observers > c.max_observers:
            reasons.append(
                Reason("quota_order", f"{c.label} needs at least {c.min_observers} observers but takes at most {c.max_observers}.",
                       {"challenge": c.label, "min": c.min_observers, "max": c.max_observers})
            )  # fmt: skip
    for o in problem.observers:
        eligible = sum(problem.eligible(o, c) for c in problem.challenges)
        if eligible < k:
            reasons.append(
                Reason("observer_short", f"{o.label} may review only {eligible} challenges but must review {k}.",
                       {"observer": o.label, "eligible": eligible, "needed": k})
            )  # fmt: skip
        pinned = sum(1 for pair in problem.pinned if pair[0] == o.id)
        if pinned > k:
            reasons.append(
                Reason("observer_pinned", f"{o.label} is pinned to {pinned} challenges but reviews only {k}.",
                       {"observer": o.label, "pinned": pinned, "per_observer": k})
            )  # fmt: skip
    for c in problem.challenges:
        eligible = [o for o in problem.observers if problem.eligible(o, c)]
        per_organisation: dict[str, int] = defaultdict(int)
        for o in eligible:
            per_organisation[o.organisation or o.id] += 1
        reachable = sum(min(m, n) for n in per_organisation.values())
        if len(eligible) < c.min_observers:
            reasons.append(
                Reason("challenge_short", f"{c.label} has {len(eligible)} eligible observers but needs {c.min_observers}.",
                       {"challenge": c.label, "eligible": len(eligible), "needed": c.min_observers})
            )  # fmt: skip
        elif reachable < c.min_observers:
            reasons.append(
                Reason("challenge_organisations",
                       f"{c.label} can take only {reachable} observers with at most {m} from one organisation, but needs {c.min_observers}.",
                       {"challenge": c.label, "reachable": reachable, "per_organisation": m, "needed": c.min_observers})
            )  # fmt: skip
        pinned = sum(1 for pair in problem.pinned if pair[1] == c.id)
        if pinned > c.max_observers:
            reasons.append(
                Reason("challenge_pinned", f"{c.label} has {pinned} pinned observers but takes at most {c.max_observers}.",
                       {"challenge": c.label, "pinned": pinned, "max": c.max_observers})
            )  # fmt: skip
    members: dict[str, list[Observer]] = defaultdict(list)
    for o in problem.observers:
        if o.organisation:
            members[o.organisation].append(o)
    for organisation, people in sorted(members.items()):
        # each challenge takes at most m of them, and only those who may review it
        capacity = sum(min(m, sum(problem.eligible(o, c) for o in people)) for c in problem.challenges)
        if k * len(people) > capacity:
            reasons.append(
                Reason("organisation_crowded",
                       f"{organisation} has {len(people)} observers who must give {k * len(people)} reviews, but with at most {m} of them per challenge they can give only {capacity}.",
                       {"organisation": organisation, "observers": len(people), "reviews": k * len(people), "per_organisation": m, "capacity": capacity})
            )  # fmt: skip
    reviews = k * len(problem.observers)
    needed = sum(c.min_observers for c in problem.challenges)
    room = sum(min(c.max_observers, len(problem.observers)) for c in problem.challenges)
    if reviews < needed:
        reasons.append(
            Reason("too_few_reviews", f"{len(problem.observers)} observers give {reviews} reviews, but the challenges need at least {needed}.",
                   {"observers": len(problem.observers), "reviews": reviews, "needed": needed})
        )  # fmt: skip
    if reviews > room:
        reasons.append(
            Reason("too_many_reviews", f"{len(problem.observers)} observers give {reviews} reviews, but the challenges take at most {room}.",
                   {"observers": len(problem.observers), "reviews": reviews, "room": room})
        )  # fmt: skip
    return reasons


# --- the exact model -----------------------------------------------------------------------------------


@dataclass
class _Model:
    observer_index: np.ndarray  # per x variable
    challenge_index: np.ndarray
    points: np.ndarray
    spread_groups: int  # number of s variables after the x variables
    c: np.ndarray
    constraints: list[LinearConstraint]
    lower: np.ndarray
    upper: np.ndarray
    integrality: np.ndarray

    def fits(self, problem: Problem, chosen: np.ndarray) -> list[PairFit]:
        return [
            pair_fit(problem.observers[o], problem.challenges[c], (problem.observers[o].id, problem.challenges[c].id) in problem.pinned)
            for o, c in zip(self.observer_index[chosen], self.challenge_index[chosen], strict=True)
        ]  # fmt: skip


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each variable, the number of its group (by key), and the size of every group."""
    _unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return inverse, counts


def _build(problem: Problem) -> _Model:
    """The model in arrays (a national instance has about a million candidate pairs)."""
    k, m = problem.per_observer, problem.max_per_organisation
    n_obs, n_ch = len(problem.observers), len(problem.challenges)
    challenge_position = {c.id: i for i, c in enumerate(problem.challenges)}
    observer_position = {o.id: i for i, o in enumerate(problem.observers)}
    # points of every (observer, challenge): preference rank, then shared themes
    points = np.zeros((n_obs, n_ch), dtype=np.int64)
    for oi, o in enumerate(problem.observers):
        for rank, challenge_id in enumerate(o.preferences, start=1):
            if challenge_id in challenge_position:
                points[oi, challenge_position[challenge_id]] = RANK_POINTS[min(rank, len(RANK_POINTS)) - 1]
    themes = sorted({t for c in problem.challenges for t in c.themes})
    if themes:
        theme_position = {t: i for i, t in enumerate(themes)}
        expertise = np.zeros((n_obs, len(themes)), dtype=np.int64)
        for oi, o in enumerate(problem.observers):
            for t in o.expertise:
                if t in theme_position:
                    expertise[oi, theme_position[t]] = 1
        topics = np.zeros((n_ch, len(themes)), dtype=np.int64)
        for ci, c in enumerate(problem.challenges):
            for t in c.themes:
                topics[ci, theme_position[t]] = 1
        points += THEME_POINTS * np.minimum(expertise @ topics.T, MAX_THEME_MATCHES)
    eligible = np.ones((n_obs, n_ch), dtype=bool)
    for observer_id, challenge_id in problem.conflicts | problem.forbidden:
        if observer_id in observer_position and challenge_id in challenge_position:
            eligible[observer_position[observer_id], challenge_position[challenge_id]] = False
    ci_of, oi_of = np.nonzero(eligible.T)  # challenge-major order
    n = len(oi_of)
    pinned = np.zeros(n, dtype=bool)
    if problem.pinned:
        pinned_keys = {
            observer_position[o] * n_ch + challenge_position[c]
            for o, c in problem.pinned
            if o in observer_position and c in challenge_position
        }
        pinned = np.isin(oi_of * n_ch + ci_of, list(pinned_keys))
    pair_points = points[oi_of, ci_of]

    organisations = {
        name: i for i, name in enumerate(sorted({o.organisation or o.id for o in problem.observers}))
    }
    org_of_observer = np.array(
        [organisations[o.organisation or o.id] for o in problem.observers], dtype=np.int64
    )
    voivodeships = {
        name: i + 1
        for i, name in enumerate(sorted({o.voivodeship for o in problem.observers if o.voivodeship}))
    }
    voiv_of_observer = np.array(
        [voivodeships.get(o.voivodeship, 0) for o in problem.observers], dtype=np.int64
    )

    columns = np.arange(n)
    row_parts, col_parts, val_parts, lower_parts, upper_parts = [], [], [], [], []

    def rows(
        row_ids: np.ndarray, cols: np.ndarray, lower: np.ndarray, upper: np.ndarray, values=None
    ) -> None:
        offset = sum(len(part) for part in lower_parts)
        row_parts.append(row_ids + offset)
        col_parts.append(cols)
        val_parts.append(np.ones(len(cols)) if values is None else values)
        lower_parts.append(lower)
        upper_parts.append(upper)

    rows(oi_of, columns, np.full(n_obs, float(k)), np.full(n_obs, float(k)))
    rows(
        ci_of,
        columns,
        np.array([c.min_observers for c in problem.challenges], dtype=float),
        np.array([c.max_observers for c in problem.challenges], dtype=float),
    )
    group, sizes = _groups(ci_of * len(organisations) + org_of_observer[oi_of])
    crowded = sizes > m
    if crowded.any():
        renumber = np.cumsum(crowded) - 1
        keep = crowded[group]
        rows(
            renumber[group[keep]],
            columns[keep],
            np.full(int(crowded.sum()), -np.inf),
            np.full(int(crowded.sum()), float(m)),
        )
    spread_groups = 0
    if problem.spread_penalty:
        has_voivodeship = voiv_of_observer[oi_of] > 0
        group, sizes = _groups(
            np.where(has_voivodeship, ci_of * (len(voivodeships) + 1) + voiv_of_observer[oi_of], -1)
        )
        shared = sizes > 1
        if (~has_voivodeship).any():
            shared[0] = False  # the key -1 sorts first: observers without a voivodeship are not a group
        spread_groups = int(shared.sum())
        if spread_groups:
            renumber = np.cumsum(shared) - 1
            keep = shared[group]
            row_ids = renumber[group[keep]]
            # reviewers from one voivodeship minus the excess variable stay within one
            rows(
                np.concatenate([row_ids, np.arange(spread_groups)]),
                np.concatenate([columns[keep], n + np.arange(spread_groups)]),
                np.full(spread_groups, -np.inf),
                np.ones(spread_groups),
                np.concatenate([np.ones(int(keep.sum())), -np.ones(spread_groups)]),
            )
    total = n + spread_groups
    lower_rows, upper_rows = np.concatenate(lower_parts), np.concatenate(upper_parts)
    matrix = coo_matrix(
        (np.concatenate(val_parts), (np.concatenate(row_parts), np.concatenate(col_parts))),
        shape=(len(lower_rows), total),
    ).tocsr()
    objective = np.concatenate(
        [-pair_points.astype(float), np.full(spread_groups, float(problem.spread_penalty))]
    )
    lower = np.concatenate([pinned.astype(float), np.zeros(spread_groups)])
    upper = np.concatenate([np.ones(n), np.full(spread_groups, np.inf)])
    integrality = np.concatenate([np.ones(n), np.zeros(spread_groups)])
    return _Model(
        oi_of, ci_of, pair_points, spread_groups, objective, [LinearConstraint(matrix, lower_rows, upper_rows)],
        lower, upper, integrality,
    )  # fmt: skip


def _spread_cost(problem: Problem, pairs: list[PairFit]) -> int:
    observers = {o.id: o for o in problem.observers}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for pair in pairs:
        voivodeship = observers[pair.observer].voivodeship
        if voivodeship:
            counts[(pair.challenge, voivodeship)] += 1
    return problem.spread_penalty * sum(n - 1 for n in counts.values() if n > 1)


def solve(problem: Problem, *, time_limit: float = 60.0) -> Assignment:
    """The best assignment, proven optimal; raises Infeasible with the binding constraints in words."""
    reasons = check(problem)
    if reasons:
        raise Infeasible(reasons)
    started = time.perf_counter()
    model = _build(problem)
    bounds = Bounds(model.lower, model.upper)
    # The matrix is totally unimodular: the relaxation's optimal vertex is integral, and then it is an optimal
    # assignment proven by its own bound. The branch-and-bound run is kept for the case it is not.
    result = milp(model.c, constraints=model.constraints, bounds=bounds, options={"presolve": True})
    method = "linear relaxation, integral (HiGHS)"
    x = result.x if result.status == 0 else None
    if x is None or np.any(np.abs(x[: len(model.points)] - np.round(x[: len(model.points)])) > 1e-6):
        result = milp(
            model.c,
            constraints=model.constraints,
            integrality=model.integrality,
            bounds=bounds,
            options={"time_limit": time_limit, "presolve": True},
        )
        method, x = "milp (HiGHS)", result.x
    if result.status == 2 or x is None:  # infeasible although every necessary condition holds
        raise Infeasible(
            [Reason("combination", "No assignment meets every quota at once: the quotas, conflicts and organisation limits exclude each other in combination.")]
        )  # fmt: skip
    chosen = model.fits(problem, x[: len(model.points)] > 0.5)
    return Assignment(
        pairs=chosen,
        fit=sum(p.points for p in chosen),
        spread_cost=_spread_cost(problem, chosen),
        method=method,
        seconds=time.perf_counter() - started,
        proven_optimal=result.status == 0,
    )


def lp_bound(problem: Problem) -> float:
    """The optimum of the linear relaxation: no assignment scores more (and here the best one scores as much)."""
    model = _build(problem)
    result = linprog(
        model.c,
        bounds=list(zip(model.lower, model.upper, strict=True)),
        method="highs",
        options={"presolve": True},
        **_as_linprog(model),
    )
    if result.status != 0:
        raise Infeasible([Reason("relaxation", "Even the relaxed problem has no solution.")])
    return -result.fun


def _as_linprog(model: _Model) -> dict:
    """linprog takes A_ub x <= b_ub and A_eq x = b_eq: split the two-sided rows."""
    from scipy.sparse import vstack

    (constraint,) = model.constraints
    matrix, lower, upper = constraint.A, np.asarray(constraint.lb), np.asarray(constraint.ub)
    equal = lower == upper
    upper_rows = ~equal & np.isfinite(upper)
    lower_rows = ~equal & np.isfinite(lower)
    a_ub = vstack([matrix[upper_rows], -matrix[lower_rows]]).tocsr()
    b_ub = np.concatenate([upper[upper_rows], -lower[lower_rows]])
    return {"A_ub": a_ub, "b_ub": b_ub, "A_eq": matrix[equal], "b_eq": lower[equal]}


def greedy(problem: Problem) -> Assignment:
    """A baseline: best-fitting pairs first while quotas allow, then every observer filled up to k on the
    least-loaded challenges. Fast, not optimal, and it may leave challenges under their minimum."""
    started = time.perf_counter()
    k, m = problem.per_observer, problem.max_per_organisation
    candidates = [
        pair_fit(o, c, (o.id, c.id) in problem.pinned)
        for o in problem.observers
        for c in problem.challenges
        if problem.eligible(o, c)
    ]
    candidates.sort(key=lambda p: (not p.pinned, -p.points, p.observer, p.challenge))
    observers = {o.id: o for o in problem.observers}
    challenges = {c.id: c for c in problem.challenges}
    load: dict[str, int] = defaultdict(int)
    taken: dict[str, int] = defaultdict(int)
    per_org: dict[tuple[str, str], int] = defaultdict(int)
    chosen: list[PairFit] = []

    def take(pair: PairFit) -> bool:
        o, c = observers[pair.observer], challenges[pair.challenge]
        org = (c.id, o.organisation or o.id)
        if taken[o.id] >= k or load[c.id] >= c.max_observers or per_org[org] >= m:
            return False
        taken[o.id] += 1
        load[c.id] += 1
        per_org[org] += 1
        chosen.append(pair)
        return True

    done: set[tuple[str, str]] = set()
    for pair in candidates:
        if (pair.points > 0 or pair.pinned) and take(pair):
            done.add((pair.observer, pair.challenge))
    for pair in sorted(
        candidates, key=lambda p: (load[p.challenge] - challenges[p.challenge].min_observers, -p.points)
    ):
        if (pair.observer, pair.challenge) not in done and take(pair):
            done.add((pair.observer, pair.challenge))
    under = {c.id: c.min_observers - load[c.id] for c in problem.challenges if load[c.id] < c.min_observers}
    return Assignment(
        pairs=chosen,
        fit=sum(p.points for p in chosen),
        spread_cost=_spread_cost(problem, chosen),
        method="greedy",
        seconds=time.perf_counter() - started,
        under_minimum=under,
    )


def diff(previous: set[tuple[str, str]], current: set[tuple[str, str]]) -> dict[str, dict[str, list[str]]]:
    """Per observer, the challenges added and removed since the previous run."""
    changes: dict[str, dict[str, list[str]]] = {}
    for observer in sorted({o for o, _ in previous | current}):
        before = {c for o, c in previous if o == observer}
        after = {c for o, c in current if o == observer}
        if before != after:
            changes[observer] = {"added": sorted(after - before), "removed": sorted(before - after)}
    return changes
