"""Benchmark `roster scenarios`: scenarios of the bundled example one by one vs on a local cluster.

    .venv/bin/python bench/scenarios.py [--scenarios 8] [--time-limit 30] [--cluster-workers 2]
                                        [--workers-per-task 1] [--seed 0]

Builds ``--scenarios`` alternatives of the bundled example (the example itself, people removed,
people added, demand scaled, …; the first N of a fixed list), solves them one after the other
in this process, then as tasks on a local Dask cluster with ``--cluster-workers`` worker
processes, and prints the wall time of each way, the sum of the solve times, the cluster's
start-up, and the per-task overhead: (cluster wall time − start-up − the longest task chain's
solve time) per task, where the chain is ⌈N / workers⌉ tasks. Not a test: figures depend on
the machine (the full run takes about N × limit × 1.5 s); record them in docs/scale.md by hand.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roster_solver.errors import Where
from roster_solver.example import example_problem
from roster_solver.parallel import cluster_client
from roster_solver.scenarios.run import run_scenarios
from roster_solver.scenarios.sheet import DemandChange, Scenario, ScenarioBook


def scenarios(n: int) -> list[Scenario]:
    """The first ``n`` of a fixed list of alternatives of the example."""

    def at(row: int) -> Where:
        return Where("Scenarios", row, 1, "scenario")

    def scale(row: int, factor: float, area: str | None = None) -> DemandChange:
        return DemandChange(
            "scale", Where("Scenario demand", row), area, None, None, None, None, factor=factor
        )

    out = [
        Scenario("base", at(2)),
        Scenario("minus B07", at(3), remove_staff=("B07",)),
        Scenario("two more NRD", at(4), add_people=2, add_home_area="NRD", add_skills=("driver",)),
        Scenario("demand +20%", at(5), demand=[scale(2, 1.2)]),
        Scenario("minus B01-B03", at(6), remove_staff=("B01", "B02", "B03")),
        Scenario("CEN demand x1.5", at(7), demand=[scale(3, 1.5, "CEN")]),
        Scenario("one more CEN", at(8), add_people=1, add_home_area="CEN", add_hours=32),
        Scenario("demand -20%", at(9), demand=[scale(4, 0.8)]),
    ]
    while len(out) < n:  # more than the list: the base again under other names
        out.append(Scenario(f"base {len(out) + 1}", at(len(out) + 2)))
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per scenario")
    parser.add_argument(
        "--cluster-workers", type=int, default=2, help="worker processes of the local cluster"
    )
    parser.add_argument("--workers-per-task", type=int, default=1, help="CP-SAT workers per solve")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    base = example_problem()
    book = ScenarioBook(scenarios(args.scenarios), {}, "en")
    common = {"time_limit": args.time_limit, "workers": args.workers_per_task, "seed": args.seed}

    t0 = time.perf_counter()
    serial = run_scenarios(base, book, **common)
    serial_wall = time.perf_counter() - t0

    t0 = time.perf_counter()
    with cluster_client(n_workers=args.cluster_workers) as client:
        started = time.perf_counter() - t0
        t1 = time.perf_counter()
        parallel = run_scenarios(base, book, client=client, **common)
        run_wall = time.perf_counter() - t1
    cluster_wall = time.perf_counter() - t0

    print(f"{'scenario':<18} {'state':<6} {'one by one':>22} {'on the cluster':>22}")
    for a, b in zip(serial, parallel, strict=True):

        def show(r: object) -> str:
            f = r.figures  # type: ignore[attr-defined]
            return "-" if f is None else f"{f.status[:8]} {f.seconds:6.1f} s obj {f.objective}"

        print(f"{a.name:<18} {a.state:<6} {show(a):>22} {show(b):>22}")
    solve_sum = sum(r.figures.seconds for r in parallel if r.figures is not None)
    n = len(parallel)
    chain = math.ceil(n / args.cluster_workers)
    longest = max((r.figures.seconds for r in parallel if r.figures is not None), default=0.0)
    per_task = (run_wall - chain * longest) / n if n else 0.0
    print()
    print(f"{n} scenarios, {args.time_limit:g} s each, {args.workers_per_task} CP-SAT worker(s) per solve")
    print(f"one by one:            {serial_wall:8.1f} s wall")
    print(
        f"local cluster ({args.cluster_workers} workers): {cluster_wall:8.1f} s wall "
        f"(start-up and shutdown {cluster_wall - run_wall:.1f} s, tasks {run_wall:.1f} s; "
        f"solves add up to {solve_sum:.1f} s)"
    )
    print(
        f"per-task overhead:     {per_task:8.2f} s (tasks' wall − {chain} × longest solve, per task; "
        "an upper bound)"
    )
    print(
        f"speed-up:              {serial_wall / cluster_wall:8.2f}x with start-up, "
        f"{serial_wall / run_wall:.2f}x without; cluster start-up {started:.1f} s"
    )


if __name__ == "__main__":
    main()
