"""Solve Curtois & Qu instances through the engine and judge the result with the evaluator.

Shared by `roster bench curtois` and ``bench/curtois.py``. Every roster is re-scored by the
independent evaluator (:mod:`.evaluate`): a hard violation or an objective that differs from
the evaluator's penalty is reported, never hidden.
"""

from __future__ import annotations

import csv
import io
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import outputs
from ..check import check_roster
from ..engine.bound import lower_bound
from ..engine.solve import Progress, solve
from ..roster import COST_SCALE, Status
from .curtois import CurtoisInstance, Rows, roster_from_rows, rows_from_roster, to_problem
from .evaluate import evaluate
from .fast import construct_fast

# Best-known objective values (README of ../shared/benchmarks/curtois-qu, column B: UB;
# LB = UB for 1–23, Instance24 LB 40438).
BEST_KNOWN: dict[int, int] = {
    1: 607,
    2: 828,
    3: 1001,
    4: 1716,
    5: 1143,
    6: 1950,
    7: 1056,
    8: 1300,
    9: 439,
    10: 4631,
    11: 3443,
    12: 4040,
    13: 1348,
    14: 1278,
    15: 3828,
    16: 3225,
    17: 5746,
    18: 4459,
    19: 3149,
    20: 4769,
    21: 21133,
    22: 30241,
    23: 17285,
    24: 40439,
}

# The product's solve up to this many candidate assignments; above, the per-employee search of
# .fast. Measured at 60 s with 2 workers (bench/RESULTS.md, third round; one run of solve, two
# of .fast): solve did as well or better on 11, 17 and 18 (4,104-5,304 candidates), and worse
# on 13, 15 and 19 (6,726 and more); 12 (10,452) was within .fast's own spread.
SOLVE_UP_TO = 5_500
# Seconds kept for the engine checker after the per-employee search (measured: 6.6 s for the
# 1.2 M candidate assignments of Instance24, about 1 s for Instance13)
CHECK_BASE = 3.0
CHECK_PER_CANDIDATE = 8e-6

COLUMNS = (
    "instance",
    "status",
    "objective",
    "bound",
    "best_known",
    "gap_to_best_known_pct",
    "first_solution_seconds",
    "seconds",
)


def instance_number(name: str) -> int | None:
    m = re.search(r"(\d+)$", name)
    return int(m.group(1)) if m else None


@dataclass
class BenchResult:
    instance: str
    status: str  # the engine's status, or BROKEN when the evaluator disagrees
    objective: int | None = None  # benchmark points
    bound: int | None = None  # points (CP-SAT's bound, rounded up: objectives are integers)
    best_known: int | None = None
    first_solution_seconds: float | None = None
    seconds: float = 0.0
    penalty: int | None = None  # the evaluator's
    violations: list[str] = field(default_factory=list)
    rows: Rows | None = None

    @property
    def gap_pct(self) -> float | None:
        """(objective − best known) / best known × 100."""
        if self.objective is None or not self.best_known:
            return None
        return 100.0 * (self.objective - self.best_known) / self.best_known

    def csv_row(self) -> list[str]:
        def num(x: float | None, digits: int = 2) -> str:
            return "" if x is None else f"{x:.{digits}f}"

        return [
            self.instance,
            self.status,
            "" if self.objective is None else str(self.objective),
            "" if self.bound is None else str(self.bound),
            "" if self.best_known is None else str(self.best_known),
            num(self.gap_pct),
            num(self.first_solution_seconds),
            num(self.seconds),
        ]


def solve_instance(
    inst: CurtoisInstance,
    *,
    time_limit: float,
    workers: int | None = None,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    strategy: str = "auto",
    prove: float = 0.0,
) -> BenchResult:
    """Solve one instance within ``time_limit`` seconds (wall clock, model building included).

    ``prove`` > 0: that share of the time, at the end, goes to the lower bound of
    :func:`~roster_solver.engine.bound.lower_bound` (as ``roster solve --prove``), and the
    reported bound is the better of it and CP-SAT's.

    ``strategy`` ``solve``: exactly the product's :func:`~roster_solver.engine.solve.solve`
    (construction, CP-SAT, then its neighbourhood search), as ``roster solve`` runs it.
    ``cpsat``: a bare CP-SAT solve of the whole model (no construction, no neighbourhood
    search). ``fast``: the dedicated per-employee models of :mod:`.fast` (construction, then
    group re-solves). ``auto`` (default): ``solve`` up to :data:`SOLVE_UP_TO` candidate
    assignments, else ``fast``.
    """
    started = time.monotonic()
    if strategy == "auto":
        strategy = "solve" if candidate_count(inst) <= SOLVE_UP_TO else "fast"
    if strategy == "fast":
        return _by_employee(inst, time_limit, seed, started, workers=min(workers or 2, 2), prove=prove)
    problem = to_problem(inst)
    left = max(0.5, time_limit - (time.monotonic() - started))
    result = solve(
        problem,
        time_limit=left,
        workers=workers,
        seed=seed,
        on_progress=on_progress,
        hint=strategy != "cpsat",
        prove=prove,
    )
    n = instance_number(inst.name)
    out = BenchResult(
        inst.name,
        str(result.status),
        best_known=BEST_KNOWN.get(n) if n else None,
        first_solution_seconds=result.first_solution_seconds,
    )
    if result.status.has_roster and result.objective is not None:
        rows = rows_from_roster(problem, result.roster)
        ev = evaluate(inst, rows)
        out.rows, out.penalty, out.violations = rows, ev.penalty, ev.violations
        out.objective = result.objective // COST_SCALE
        if result.objective % COST_SCALE or out.objective != ev.penalty:
            out.violations.append(
                f"objective {result.objective / COST_SCALE:g} differs from the "
                f"evaluator's penalty {ev.penalty}"
            )
        if result.bound is not None:
            out.bound = max(0, math.ceil(result.bound / COST_SCALE))
            if out.bound >= out.objective:
                out.status = str(Status.OPTIMAL)  # every penalty is whole points
        if out.violations:
            out.status = "BROKEN"
    out.seconds = time.monotonic() - started
    return out


def candidate_count(inst: CurtoisInstance) -> int:
    """Assignment variables of the full model: allowed shifts × days not off, summed."""
    return sum(
        sum(1 for _, k in e.max_shifts if k > 0) * (inst.horizon - len(inst.days_off.get(e.id, ())))
        for e in inst.staff
    )


def _by_employee(
    inst: CurtoisInstance,
    time_limit: float,
    seed: int,
    started: float,
    *,
    workers: int = 2,
    prove: float = 0.0,
) -> BenchResult:
    """The per-employee search of :mod:`.fast`; the objective is the engine checker's total on
    the roster (the same definition as the model's), checked against the evaluator. The search
    leaves a few seconds of the limit for that check, and the last ``prove`` of the time for
    the lower bound."""
    n = instance_number(inst.name)
    out = BenchResult(inst.name, str(Status.UNKNOWN), best_known=BEST_KNOWN.get(n) if n else None)
    first: list[float] = []
    left = time_limit - (time.monotonic() - started)
    # Keep time for the engine checker afterwards: ~7 s on a year of 150 people.
    reserve = min(0.5 * left, CHECK_BASE + CHECK_PER_CANDIDATE * candidate_count(inst))
    rows = construct_fast(
        inst,
        max(1.0, (left - reserve) * (1 - prove)),
        seed=seed,
        workers=workers,
        on_improve=lambda _v, _s: first.append(time.monotonic() - started),
    )
    if rows is not None:
        problem = to_problem(inst)
        roster = roster_from_rows(problem, rows)
        report = check_roster(problem, roster)
        ev = evaluate(inst, rows)
        out.rows, out.penalty = rows, ev.penalty
        out.violations = ev.violations + [str(v) for v in report.violations]
        out.objective = report.total_cost // COST_SCALE
        out.first_solution_seconds = first[0] if first else None
        out.status = str(Status.FEASIBLE)
        if report.total_cost % COST_SCALE or out.objective != ev.penalty:
            out.violations.append(
                f"checker total {report.total_cost / COST_SCALE:g} differs from "
                f"the evaluator's penalty {ev.penalty}"
            )
        if out.violations:
            out.status = "BROKEN"
        elif prove > 0:
            end = started + time_limit
            found = lower_bound(problem, roster, deadline=end, upper=report.total_cost, threads=workers)
            if found.bound is not None:
                out.bound = max(0, math.ceil(found.bound / COST_SCALE))
                if out.bound >= out.objective:
                    out.status = str(Status.OPTIMAL)  # every penalty is whole points
    out.seconds = time.monotonic() - started
    return out


def results_csv(results: list[BenchResult]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in results:
        w.writerow(r.csv_row())
    return buf.getvalue()


def write_text_atomically(path: Path, text: str) -> None:
    outputs.write_text(path, text, newline="")


def table(results: list[BenchResult]) -> str:
    """A plain-text table: instance, status, objective, bound, best known, gap, times."""
    head = (
        f"{'instance':<11} {'status':<9} {'objective':>9} {'bound':>7} {'best':>7} "
        f"{'gap %':>7} {'first s':>8} {'total s':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        c = r.csv_row()
        lines.append(f"{c[0]:<11} {c[1]:<9} {c[2]:>9} {c[3]:>7} {c[4]:>7} {c[5]:>7} {c[6]:>8} {c[7]:>8}")
    return "\n".join(lines)
