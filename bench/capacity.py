"""Benchmark `roster capacity` on the bundled example and a variant of it; prints a table.

    .venv/bin/python bench/capacity.py [--time-limit 30] [--workers 2] [--seed 0]

Cases: the example as bundled (its minimum and targets are met by today's team), and the
example where only one person still has the ``driver`` skill (the city-wide night-driver row
then needs extra people). Columns: case, question, answer, proven?, extra people per area,
person-hours short today, seconds, and the solves it took. Not a test: figures depend on the
machine; record them in bench/RESULTS.md by hand when they matter.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from roster_solver.capacity import QUESTIONS, capacity, with_staff
from roster_solver.domain import Problem, StaffMember
from roster_solver.example import example_problem


def one_driver(problem: Problem) -> Problem:
    """Only the first driver keeps the ``driver`` skill."""
    drivers = [p.id for p in problem.staff if "driver" in p.skills]
    staff = [
        StaffMember(
            **{**{n: getattr(p, n) for n in StaffMember.model_fields}, "skills": p.skills - {"driver"}}
        )
        if p.id in drivers[1:]
        else p
        for p in problem.staff
    ]
    return with_staff(problem, staff)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per solve")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--question", choices=QUESTIONS, action="append", help="minimum and/or target (default both)"
    )
    args = parser.parse_args()
    questions = tuple(args.question or QUESTIONS)
    base = example_problem()
    cases = {"example": base, "example, one driver": one_driver(base)}
    print(f"time limit {args.time_limit:g} s per solve, {args.workers} workers, seed {args.seed}")
    print(
        f"{'case':<20} {'question':<8} {'answer':<34} {'proven':<6} {'extra':<28} "
        f"{'short today h':>13} {'seconds':>8}  solves"
    )
    for name, problem in cases.items():
        started = time.monotonic()
        report = capacity(
            problem, questions=questions, time_limit=args.time_limit, workers=args.workers, seed=args.seed
        )
        if report.status != "ok":
            print(f"{name:<20} {report.status} after {time.monotonic() - started:.1f} s")
            continue
        for a in report.answers:
            extra = " ".join(f"{k}:{v}" for k, v in a.hires.items() if v) or "-"
            solves = "; ".join(f"{s.what} {s.status} {s.seconds:.1f}s" for s in a.steps)
            print(
                f"{name:<20} {a.question:<8} {a.text:<34} {a.status == 'proven'!s:<6} "
                f"{extra:<28} {sum(a.short_today.values()) / 60:>13.2f} {a.seconds:>8.1f}  {solves}"
            )


if __name__ == "__main__":
    main()
