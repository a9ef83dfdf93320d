"""Benchmark `roster repair` on the bundled example: how many shifts change, and how fast.

Solves the example once (the "published" roster), then re-plans it for each scenario and
prints one row per scenario and seed: changed shifts, the ill person's shifts lost, changes
more than 2 days from the absence ("far"), people affected, changes within the notice period,
objective, bound, gap, unmet minimum and seconds (the repair alone).

Scenarios:
  unchanged   the same input: the repair must change nothing;
  ill-3d      the person with most shifts on Tuesday–Thursday of week 2 falls ill for those
              three days, announced on Monday of week 2 (week 1 stays as published).

Usage:
  .venv/bin/python bench/repair.py [--base-limit 60] [--limit 20] [--workers 2] [--seeds 0 1]
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

from roster_solver.coverage import shortfall_summary
from roster_solver.domain import Absence, Problem
from roster_solver.engine.solve import solve
from roster_solver.example import example_problem
from roster_solver.repair import repair
from roster_solver.roster import Roster


def busiest(ros: Roster, first: date, days: int) -> str:
    dates = {first + timedelta(days=k) for k in range(days)}
    count: dict[str, int] = {}
    for a in ros.assignments:
        if a.date in dates:
            count[a.staff] = count.get(a.staff, 0) + 1
    return max(sorted(count), key=lambda s: count[s])


def with_absence(problem: Problem, absence: Absence) -> Problem:
    fields = {n: getattr(problem, n) for n in Problem.model_fields if n != "published"}
    fields["absences"] = (*problem.absences, absence)
    return Problem(**fields)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-limit", type=float, default=60.0, help="seconds for the published roster")
    ap.add_argument("--limit", type=float, default=20.0, help="seconds for each repair")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    args = ap.parse_args()

    pb = example_problem()
    started = time.monotonic()
    base = solve(pb, time_limit=args.base_limit, workers=args.workers, seed=0)
    assert base.status.has_roster, base.status
    base_short = sum(shortfall_summary(pb, base.roster).values()) / 60
    print(
        f"published roster: objective {base.objective / 60:,.2f}, unmet minimum {base_short:g} "
        f"person-hours, {time.monotonic() - started:.1f} s (limit {args.base_limit:g} s, "
        f"{args.workers} workers)"
    )

    ill_from = pb.start_date + timedelta(days=8)  # Tuesday of week 2
    who = busiest(base.roster, ill_from, 3)
    announced = pb.start_date + timedelta(days=7)
    scenarios = [
        ("unchanged", pb, pb.start_date),
        (
            "ill-3d",
            with_absence(
                pb,
                Absence(staff=who, start_date=ill_from, end_date=ill_from + timedelta(days=2), type="sick"),
            ),
            announced,
        ),
    ]
    ill_days = {ill_from + timedelta(days=k) for k in range(3)}
    lost = sum(1 for a in base.roster.assignments if a.staff == who and a.date in ill_days)
    near = {d + timedelta(days=k) for d in ill_days for k in range(-2, 3)}
    header = (
        f"{'scenario':<10} {'seed':>4} {'changed':>7} {'lost':>4} {'far':>3} {'people':>6} "
        f"{'notice':>6} {'objective':>11} {'bound':>11} {'gap':>6} {'unmet_h':>7} {'searched':>8} "
        f"{'seconds':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, problem, today in scenarios:
        for seed in args.seeds:
            t = time.monotonic()
            rr = repair(
                problem, base.roster, today=today, time_limit=args.limit, workers=args.workers, seed=seed
            )
            seconds = time.monotonic() - t
            res = rr.result
            assert not rr.report.violations, rr.report.violations[:3]
            unmet = sum(shortfall_summary(problem, res.roster).values()) / 60
            bound = "-" if res.bound is None else f"{res.bound / 60:,.2f}"
            gap = "-" if res.bound is None or res.gap is None else f"{res.gap:.0%}"
            searched = "all" if rr.searched_days is None else f"{len(rr.searched_days)} d"
            far = sum(1 for c in rr.changes if c.date not in near)
            gone = lost if name == "ill-3d" else 0
            print(
                f"{name:<10} {seed:>4} {len(rr.changes):>7} {gone:>4} {far:>3} {rr.people_affected:>6} "
                f"{rr.within_notice:>6} {(res.objective or 0) / 60:>11,.2f} {bound:>11} {gap:>6} "
                f"{unmet:>7g} {searched:>8} {seconds:>7.1f}"
            )
    print(f"\nill person: {who}, {ill_from} – {ill_from + timedelta(days=2)}, announced {announced}")


if __name__ == "__main__":
    main()
