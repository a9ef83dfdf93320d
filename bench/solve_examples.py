"""Solve the bundled example (and any workbooks given) and print a table of the results.

Not a test: a measurement. Every roster is re-checked by the independent checker; a broken hard
rule is printed as a failure.

    python bench/solve_examples.py                       # the bundled example, 60 s, 8 workers
    python bench/solve_examples.py team.xlsx --time-limit 30 --workers 8 --seeds 0 1 2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from roster_solver.check import check_roster
from roster_solver.constraints import FAMILIES
from roster_solver.engine.solve import solve
from roster_solver.roster import COST_SCALE
from roster_solver.workbook.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "examples" / "example.xlsx"]


def fmt(units: int | None) -> str:
    return "-" if units is None else f"{units / COST_SCALE:,.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workbooks", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=8, help="CP-SAT workers (the product default)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--families", action="store_true", help="also print the objective per rule family")
    ap.add_argument(
        "--without",
        default="",
        help="comma list of rule families to leave out, e.g. "
        "fairness,wishes,rotation,home_area (to measure what they cost)",
    )
    ap.add_argument("--objective", choices=["weighted", "lexicographic"], default=None)
    args = ap.parse_args(argv)

    header = (
        f"{'workbook':<22} {'seed':>4} {'status':<9} {'objective':>12} {'bound':>12} {'gap':>7} "
        f"{'first s':>8} {'total s':>8} {'vars':>7} {'cons':>7} {'check':>6}"
    )
    print(header)
    print("-" * len(header))
    failures = 0
    details = []
    left_out = {name.strip() for name in args.without.split(",") if name.strip()}
    unknown = left_out - {f.name for f in FAMILIES}
    if unknown:
        ap.error(f"unknown rule families: {', '.join(sorted(unknown))}")
    families = [f for f in FAMILIES if f.name not in left_out]
    for path in args.workbooks:
        problem = read_workbook(path)
        for seed in args.seeds:
            r = solve(
                problem,
                time_limit=args.time_limit,
                workers=args.workers,
                seed=seed,
                families=families,
                objective=args.objective,
            )
            verdict = "-"
            if r.status.has_roster:
                report = check_roster(problem, r.roster, families)
                verdict = "ok" if report.ok and report.total_cost == r.objective else "FAIL"
                failures += verdict == "FAIL"
                details.append((path.name, seed, problem, r, report))
            gap = "-" if r.gap is None else f"{r.gap:.1%}"
            first = "-" if r.first_solution_seconds is None else f"{r.first_solution_seconds:.1f}"
            print(
                f"{path.name:<22} {seed:>4} {r.status:<9} {fmt(r.objective):>12} {fmt(r.bound):>12} "
                f"{gap:>7} {first:>8} {r.seconds:>8.1f} {r.num_variables:>7} {r.num_constraints:>7} "
                f"{verdict:>6}"
            )
    if args.families:
        for name, seed, problem, r, report in details:
            print(f"\n{name} seed {seed}: objective per rule family (solver | checker)")
            checker = report.cost_by_family()
            for fam in sorted(set(r.family_costs) | set(checker)):
                print(f"  {fam:<22} {fmt(r.family_costs.get(fam, 0)):>12} | {fmt(checker.get(fam, 0)):>12}")
            _quality(problem, r.roster)
    return 1 if failures else 0


def _quality(problem, roster) -> None:  # type: ignore[no-untyped-def]
    try:
        from roster_solver.constraints.fairness import fairness_report
        from roster_solver.constraints.wishes import wish_outcomes
    except ImportError:
        return
    for cat, data in fairness_report(problem, roster).items():
        print(
            f"  fairness {cat:<10} spread {data['spread']:.2f} per FTE, team average "
            f"{data['team_average']:.2f}"
        )
    outcomes = wish_outcomes(problem, roster).values()
    granted = sum(g for g, _ in outcomes)
    total = sum(g + r for g, r in outcomes)
    if total:
        print(f"  wishes granted {granted}/{total} ({granted / total:.0%})")


if __name__ == "__main__":
    sys.exit(main())
