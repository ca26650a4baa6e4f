"""The observer-assignment optimiser (peer_review.optimiser) on the seed-sized and the national instance.

Not an HTTP benchmark: the solver is timed in-process. For each instance: solve time (the median of several
runs for the small one), the objective against the greedy baseline and the LP bound, all from the same run.
Writes bench/results/optimiser.{json,md}.

With --demo-database, also the seed's demo cycle as the application runs it: seed_demo into a fresh SQLite
database, then `peer_review.services.build_problem` (the cycle's observers, preferences, conflicts from the
directory, pins) plus `solve`, timed together.

Usage: .venv/bin/python bench/optimiser.py [--runs N] [--demo-database]
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from peer_review.optimiser import Challenge, Observer, Problem, greedy, lp_bound, solve  # noqa: E402

RESULTS = REPO_ROOT / "bench" / "results"
THEMES = [f"obszar-{n:02d}" for n in range(20)]
VOIVODESHIPS = [f"{n:02d}" for n in range(2, 33, 2)]


def instance(*, challenges: int, observers: int, k: int, conflict_rate: float, seed: int) -> Problem:
    rng = random.Random(seed)
    per_challenge = observers * k / challenges
    cs = [
        Challenge(
            f"c{i}",
            themes=frozenset(rng.sample(THEMES, 2)),
            min_observers=max(1, int(per_challenge * 0.6)),
            max_observers=int(per_challenge * 1.4) + 1,
        )
        for i in range(challenges)
    ]
    organisations = max(1, observers // 3)
    os_ = [
        Observer(
            f"o{i}",
            organisation=f"org{rng.randrange(organisations)}",
            voivodeship=rng.choice(VOIVODESHIPS),
            preferences=tuple(c.id for c in rng.sample(cs, min(5, challenges))),
            expertise=frozenset(rng.sample(THEMES, 3)),
        )
        for i in range(observers)
    ]
    conflicts = {(o.id, c.id) for o in os_ for c in cs if rng.random() < conflict_rate}
    return Problem(os_, cs, per_observer=k, max_per_organisation=2, conflicts=conflicts)


def measure(name: str, problem: Problem, runs: int) -> dict:
    times, assignment = [], None
    for _ in range(runs):
        started = time.perf_counter()
        assignment = solve(problem)
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    bound = lp_bound(problem)
    bound_seconds = time.perf_counter() - started
    baseline = greedy(problem)
    return {
        "instance": name,
        "challenges": len(problem.challenges),
        "observers": len(problem.observers),
        "per_observer": problem.per_observer,
        "conflicts": len(problem.conflicts),
        "runs": runs,
        "solve_seconds_median": statistics.median(times),
        "solve_seconds_max": max(times),
        "proven_optimal": assignment.proven_optimal,
        "objective": assignment.score,
        "lp_bound": bound,
        "lp_seconds": bound_seconds,
        "greedy_objective": baseline.score,
        "greedy_challenges_under_minimum": len(baseline.under_minimum),
        "greedy_seconds": baseline.seconds,
    }


def measure_demo_cycle(runs: int) -> dict:
    """The demo cycle read from the database and solved, as the assignment page does (without storing)."""
    import tempfile

    import django

    directory = tempfile.mkdtemp(prefix="zitnet-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/demo.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zitnet.settings.dev")
    django.setup()
    from django.core.management import call_command

    from peer_review.models import Cycle
    from peer_review.services import build_problem

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    cycle = Cycle.objects.get(slug="forum-oceny-2025-2026")
    times, assignment, problem = [], None, None
    for _ in range(runs):
        started = time.perf_counter()
        problem, _inputs = build_problem(cycle)
        assignment = solve(problem)
        times.append(time.perf_counter() - started)
    row = measure("demo cycle from the database (build + solve)", problem, 1)
    row.update(runs=runs, solve_seconds_median=statistics.median(times), solve_seconds_max=max(times))
    row["proven_optimal"] = assignment.proven_optimal
    return row


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of the seed-sized instance (default 20)")
    parser.add_argument(
        "--demo-database", action="store_true", help="also time the demo cycle read from a seeded database"
    )
    args = parser.parse_args(argv)
    rows = [
        measure("seed (9 challenges, 36 observers)", instance(challenges=9, observers=36, k=3, conflict_rate=0.1, seed=1), args.runs),
        measure("seed (9 challenges, 60 observers)", instance(challenges=9, observers=60, k=3, conflict_rate=0.1, seed=2), args.runs),
        measure("national (500 challenges, 2,000 observers)", instance(challenges=500, observers=2000, k=3, conflict_rate=0.1, seed=3), 1),
    ]  # fmt: skip
    if args.demo_database:
        rows.insert(2, measure_demo_cycle(args.runs))
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "optimiser.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Benchmark: assignment optimiser",
        "",
        f"- date: {report['date']}, {report['cpu_count']} CPUs, in-process (SciPy {__import__('scipy').__version__}, HiGHS)",
        "",
        "| instance | conflicts | solve s (median) | solve s (max) | proven optimal | objective | LP bound | greedy objective | greedy: challenges under minimum |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['instance']} | {r['conflicts']} | {r['solve_seconds_median']:.3f} | {r['solve_seconds_max']:.3f} "
            f"| {'yes' if r['proven_optimal'] else 'no'} | {r['objective']} | {r['lp_bound']:.1f} "
            f"| {r['greedy_objective']} | {r['greedy_challenges_under_minimum']} |"
        )
    lines += [
        "",
        "Repeat with `make bench-optimiser` (`.venv/bin/python bench/optimiser.py --demo-database`).",
        "",
    ]
    (RESULTS / "optimiser.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
