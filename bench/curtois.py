"""Curtois & Qu instances through the engine: objective, bound, gap to best known, seconds.

Not a test: a measurement. Every roster is re-scored by the independent evaluator; a hard
violation or an objective that differs from the evaluator's penalty is printed as BROKEN.

    python bench/curtois.py 1 2 3 --time-limit 60 --workers 8
    python bench/curtois.py --all --time-limit 60 --markdown     # the RESULTS.md table
    python bench/curtois.py path/to/Instance5.txt --time-limit 600 --out /tmp/rosters
    python bench/curtois.py 1 2 3 4 --time-limit 120 --workers 2 --prove --markdown  # with the bound
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import ortools

from roster_solver.benchmarks.curtois import read_instance
from roster_solver.benchmarks.evaluate import write_roster
from roster_solver.benchmarks.runner import BenchResult, instance_number, solve_instance, table
from roster_solver.cliutil import PROVE_SHARE

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "curtois-qu"
if not DATA.is_dir():
    DATA = Path("/work/shared/benchmarks/curtois-qu")

# Published results with time limits (README of the data: ORProjects/NRP, secondhand).
PUBLISHED_10MIN = {  # instance: (IP&VNS, Gurobi)
    1: (607, 607),
    2: (828, 828),
    3: (1001, 1001),
    4: (1716, 1716),
    5: (1143, 1143),
    6: (1950, 1950),
    7: (1056, 1056),
    8: (1364, 8995),
    9: (439, 439),
    10: (4631, 4631),
    11: (3443, 3443),
    12: (4042, 4045),
    13: (3109, 500410),
    14: (1281, 1482),
    15: (4144, 78144),
    16: (3306, 3521),
    17: (5760, 6149),
    18: (5049, 7950),
    19: (3974, 29968),
}
PUBLISHED_60MIN = {
    1: (607, 607),
    2: (828, 828),
    3: (1001, 1001),
    4: (1716, 1716),
    5: (1143, 1143),
    6: (1950, 1950),
    7: (1056, 1056),
    8: (1344, 1323),
    9: (439, 439),
    10: (4631, 4631),
    11: (3443, 3443),
    12: (4040, 4040),
    13: (1905, 3109),
    14: (1279, 1280),
    15: (3928, 4964),
    16: (3225, 3233),
    17: (5750, 5851),
    18: (4662, 4760),
    19: (3224, 5420),
}


def resolve(arg: str) -> Path:
    if arg.isdigit():
        return DATA / f"Instance{arg}.txt"
    return Path(arg)


def markdown(results: list[BenchResult], limit: float, workers: int | None, prove: bool = False) -> str:
    """The RESULTS.md table; "gap %" is to the best known value, "own gap %" is the objective
    against the run's own bound (what a user of the run alone would know)."""
    lines = [
        f"`python bench/curtois.py ... --time-limit {limit:g}"
        f"{f' --workers {workers}' if workers else ''}{' --prove' if prove else ''}` on "
        f"{date.today().isoformat()}, OR-Tools {ortools.__version__}:",
        "",
        "| inst | status | objective | bound | own gap % | best known | gap % | first s | total s "
        "| 10 min IP&VNS | 10 min Gurobi | 60 min IP&VNS | 60 min Gurobi |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r.csv_row()
        n = instance_number(r.instance) or 0
        p10 = PUBLISHED_10MIN.get(n, (None, None))
        p60 = PUBLISHED_60MIN.get(n, (None, None))
        pub = " | ".join("–" if v is None else str(v) for v in (*p10, *p60))
        own = (
            "–"
            if r.objective is None or r.bound is None or r.objective <= 0
            else f"{100 * (r.objective - r.bound) / r.objective:.1f}"
        )
        lines.append(
            f"| {n} | {c[1]} | {c[2]} | {c[3]} | {own} | {c[4]} | {c[5]} | {c[6]} | {c[7]} | {pub} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instances", nargs="*", help="instance numbers (1-24) or instance files")
    ap.add_argument("--all", action="store_true", help="all 24 instances")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    ap.add_argument("--workers", type=int, default=None, help="CP-SAT workers [engine default]")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--strategy",
        choices=["auto", "solve", "cpsat", "fast"],
        default="auto",
        help="auto (default): fast for large instances, else solve; solve: the product's "
        "solve (as roster solve runs it); cpsat: one bare CP-SAT solve; fast: dedicated "
        "per-employee models",
    )
    ap.add_argument(
        "--prove",
        action="store_true",
        help="the last third of each instance's time for the lower bound (as roster solve --prove)",
    )
    ap.add_argument("--out", type=Path, default=None, help="folder for the rosters (text format)")
    ap.add_argument("--markdown", action="store_true", help="print a RESULTS.md table as well")
    args = ap.parse_args(argv)
    names = [str(k) for k in range(1, 25)] if args.all else args.instances
    if not names:
        ap.error("give instance numbers or files, or --all")
    results: list[BenchResult] = []
    broken = 0
    for name in names:
        inst = read_instance(resolve(name))
        t = time.monotonic()
        res = solve_instance(
            inst,
            time_limit=args.time_limit,
            workers=args.workers,
            seed=args.seed,
            strategy=args.strategy,
            prove=PROVE_SHARE if args.prove else 0.0,
        )
        results.append(res)
        broken += res.status == "BROKEN"
        print(
            f"# {inst.name}: {res.status} {res.objective} (bound {res.bound}) "
            f"in {time.monotonic() - t:.1f} s",
            file=sys.stderr,
            flush=True,
        )
        for v in res.violations:
            print(f"#   {v}", file=sys.stderr)
        if args.out is not None and res.rows is not None and not res.violations:
            args.out.mkdir(parents=True, exist_ok=True)
            write_roster(args.out / f"{inst.name}-roster.csv", inst, res.rows)
    print(table(results))
    if args.markdown:
        print()
        print(markdown(results, args.time_limit, args.workers, args.prove))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
