"""The assignment optimiser: optimal against brute force on small cases, every rule kept, infeasibility named
in words, pins and prohibitions honoured, and the reasons for each assignment visible."""

import itertools
import random

import pytest

from peer_review.optimiser import (
    Assignment,
    Challenge,
    Infeasible,
    Observer,
    Problem,
    diff,
    greedy,
    lp_bound,
    pair_fit,
    solve,
)


def brute_force(problem: Problem) -> int | None:
    """The best score over every way of giving each observer k eligible challenges (small cases only)."""
    options = [
        [combo for combo in itertools.combinations(problem.challenges, problem.per_observer)
         if all(problem.eligible(o, c) for c in combo)
         and all((o.id, c.id) not in problem.pinned or c in combo for c in problem.challenges)]
        for o in problem.observers
    ]  # fmt: skip
    best = None
    for choice in itertools.product(*options):
        pairs = [pair_fit(o, c) for o, combo in zip(problem.observers, choice, strict=True) for c in combo]
        if not rules_hold(problem, pairs):
            continue
        score = Assignment(pairs, sum(p.points for p in pairs), _spread(problem, pairs), "brute force").score
        best = score if best is None else max(best, score)
    return best


def _spread(problem, pairs):
    from peer_review.optimiser import _spread_cost

    return _spread_cost(problem, pairs)


def rules_hold(problem: Problem, pairs) -> bool:
    observers = {o.id: o for o in problem.observers}
    per_observer, per_challenge, per_org = {}, {}, {}
    for p in pairs:
        per_observer[p.observer] = per_observer.get(p.observer, 0) + 1
        per_challenge[p.challenge] = per_challenge.get(p.challenge, 0) + 1
        key = (p.challenge, observers[p.observer].organisation)
        per_org[key] = per_org.get(key, 0) + 1
        if (p.observer, p.challenge) in problem.conflicts | problem.forbidden:
            return False
    return (
        all(per_observer.get(o.id, 0) == problem.per_observer for o in problem.observers)
        and all(c.min_observers <= per_challenge.get(c.id, 0) <= c.max_observers for c in problem.challenges)
        and all(n <= problem.max_per_organisation for n in per_org.values())
        and problem.pinned <= {(p.observer, p.challenge) for p in pairs}
    )


def random_problem(seed: int, observers: int = 5, challenges: int = 4, k: int = 2) -> Problem:
    rng = random.Random(seed)
    themes = ["edukacja", "transport", "rewitalizacja", "usługi społeczne", "klimat"]
    cs = [
        Challenge(f"c{i}", themes=frozenset(rng.sample(themes, 2)), min_observers=1, max_observers=4)
        for i in range(challenges)
    ]
    os_ = [
        Observer(
            f"o{i}",
            organisation=f"org{rng.randrange(3)}",
            voivodeship=rng.choice(["02", "12", "30"]),
            preferences=tuple(rng.sample([c.id for c in cs], 3)),
            expertise=frozenset(rng.sample(themes, 2)),
        )
        for i in range(observers)
    ]
    conflicts = {(o.id, c.id) for o in os_ for c in cs if rng.random() < 0.15}
    return Problem(os_, cs, per_observer=k, max_per_organisation=2, conflicts=conflicts)


@pytest.mark.parametrize("seed", range(12))
def test_the_solver_matches_brute_force_on_small_cases(seed):
    problem = random_problem(seed)
    best = brute_force(problem)
    if best is None:
        with pytest.raises(Infeasible):
            solve(problem)
        return
    assignment = solve(problem)
    assert assignment.proven_optimal
    assert rules_hold(problem, assignment.pairs)
    assert assignment.score == best
    assert lp_bound(problem) == pytest.approx(best)  # the relaxation is integral: the bound proves optimality


def test_first_preferences_win_when_nothing_else_differs():
    cs = [Challenge("a", min_observers=1, max_observers=1), Challenge("b", min_observers=1, max_observers=1)]
    os_ = [Observer("anna", preferences=("a", "b")), Observer("jan", preferences=("b", "a"))]
    assignment = solve(Problem(os_, cs, per_observer=1))
    assert assignment.pair_set() == {("anna", "a"), ("jan", "b")}
    assert [p.rank for p in assignment.pairs] == [1, 1]


def test_conflicts_and_prohibitions_are_never_assigned_and_pins_always_are():
    cs = [Challenge(c, min_observers=0, max_observers=3) for c in "abc"]
    os_ = [Observer("o1", preferences=("a", "b", "c")), Observer("o2", preferences=("a", "b", "c"))]
    problem = Problem(
        os_, cs, per_observer=1, conflicts={("o1", "a")}, forbidden={("o2", "a")}, pinned={("o2", "c")}
    )
    assert solve(problem).pair_set() == {("o1", "b"), ("o2", "c")}


def test_at_most_m_observers_of_one_organisation_per_challenge():
    cs = [Challenge("a", min_observers=0, max_observers=5), Challenge("b", min_observers=0, max_observers=5)]
    os_ = [Observer(f"o{i}", organisation="UM Kalisz", preferences=("a",)) for i in range(3)]
    assignment = solve(Problem(os_, cs, per_observer=1, max_per_organisation=2))
    assert sorted(len(v) for v in assignment.by_challenge().values()) == [1, 2]


def test_reviewers_are_spread_across_voivodeships_when_it_costs_no_preference():
    cs = [Challenge("a", min_observers=2, max_observers=2), Challenge("b", min_observers=2, max_observers=2)]
    os_ = [
        Observer("w1", organisation="1", voivodeship="30"),
        Observer("w2", organisation="2", voivodeship="30"),
        Observer("d1", organisation="3", voivodeship="02"),
        Observer("d2", organisation="4", voivodeship="02"),
    ]
    assignment = solve(Problem(os_, cs, per_observer=1, max_per_organisation=1))
    for pairs in assignment.by_challenge().values():
        assert len({p.observer[0] for p in pairs}) == 2  # one from each voivodeship
    assert assignment.spread_cost == 0


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (
            Problem(
                [Observer(f"o{i}") for i in range(5)],
                [Challenge("c7", title="Wyzwanie 7", min_observers=6, max_observers=8), Challenge("c8")],
                per_observer=1,
            ),
            "Wyzwanie 7 has 5 eligible observers but needs 6.",
        ),
        (
            Problem([Observer("o1", name="Anna Nowak")], [Challenge("a"), Challenge("b")], per_observer=3),
            "Anna Nowak may review only 2 challenges but must review 3.",
        ),
        (
            Problem(
                [Observer(f"o{i}", organisation="UM Kalisz") for i in range(4)],
                [Challenge("a", title="Transport", min_observers=3), Challenge("b")],
                per_observer=1,
                max_per_organisation=2,
            ),
            "Transport can take only 2 observers with at most 2 from one organisation, but needs 3.",
        ),
        (
            Problem(
                [Observer("o1")],
                [Challenge("a", min_observers=1), Challenge("b", min_observers=1)],
                per_observer=1,
            ),
            "1 observers give 1 reviews, but the challenges need at least 2.",
        ),
        (
            Problem(
                [Observer("o1", name="Jan")],
                [Challenge("a", title="Edukacja")],
                per_observer=1,
                conflicts={("o1", "a")},
                pinned={("o1", "a")},
            ),
            "Jan is pinned to Edukacja but may not review it.",
        ),
    ],
)
def test_infeasibility_names_the_binding_constraint(problem, message):
    with pytest.raises(Infeasible) as raised:
        solve(problem)
    assert message in [reason.message for reason in raised.value.reasons]


def test_greedy_is_a_lower_baseline():
    problem = random_problem(3, observers=8, challenges=5, k=2)
    best = solve(problem)
    baseline = greedy(problem)
    assert baseline.under_minimum or baseline.score <= best.score
    assert not baseline.proven_optimal


def test_each_assignment_explains_itself_and_runs_can_be_compared():
    cs = [
        Challenge(
            "a", title="Edukacja włączająca", themes=frozenset({"edukacja", "dostępność"}), max_observers=1
        )
    ]
    os_ = [Observer("anna", preferences=("a",), expertise=frozenset({"edukacja"}))]
    (fit,) = solve(Problem(os_, cs, per_observer=1)).pairs
    assert (fit.rank, fit.shared_themes, fit.points) == (1, ("edukacja",), 14)
    assert diff({("anna", "a"), ("jan", "b")}, {("anna", "c"), ("jan", "b")}) == {
        "anna": {"added": ["c"], "removed": ["a"]}
    }


def test_the_seed_sized_instance_solves_at_once():
    rng = random.Random(2026)
    cs = [
        Challenge(f"c{i}", min_observers=10, max_observers=14, themes=frozenset({f"t{i % 4}"}))
        for i in range(9)
    ]
    os_ = [
        Observer(
            f"o{i}",
            organisation=f"org{i % 20}",
            voivodeship=f"{2 * (i % 16) + 2:02d}",
            preferences=tuple(rng.sample([c.id for c in cs], 5)),
            expertise=frozenset({f"t{i % 4}"}),
        )
        for i in range(36)
    ]
    problem = Problem(os_, cs, per_observer=3, max_per_organisation=2)
    assignment = solve(problem)
    assert assignment.proven_optimal and rules_hold(problem, assignment.pairs)
    # the relaxation's optimum was already integral (the constraints are a network): no branching needed
    assert assignment.method == "linear relaxation, integral (HiGHS)"
    assert assignment.seconds < 1
    baseline = greedy(problem)
    # the greedy baseline either leaves a challenge under its minimum or scores no more than the optimum
    assert baseline.under_minimum or baseline.score <= assignment.score


def test_an_organisation_with_too_many_observers_for_its_limit_is_named():
    cs = [Challenge("a"), Challenge("b")]
    os_ = [Observer(f"o{i}", organisation="Urząd Miasta Kalisza") for i in range(5)]
    with pytest.raises(Infeasible) as raised:
        solve(Problem(os_, cs, per_observer=1, max_per_organisation=2))
    assert raised.value.reasons[0].message == (
        "Urząd Miasta Kalisza has 5 observers who must give 5 reviews, but with at most 2 of them per challenge "
        "they can give only 4."
    )
