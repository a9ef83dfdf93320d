"""Build the CP-SAT model from the ordered rule families, solve it, and read back the roster.

The time limit is wall clock including model building. Progress (elapsed, objective, bound)
is streamed through a solution callback to an optional ``on_progress`` function.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..constraints import FAMILIES
from ..constraints.base import Family
from ..domain import Problem
from ..roster import Assignment, Roster, SolveResult, Status
from .context import ModelContext


@dataclass(frozen=True)
class Progress:
    elapsed: float
    objective: int | None  # cost units
    bound: int | None
    solutions: int


ProgressFn = Callable[[Progress], None]


def build_model(problem: Problem, families: Sequence[Family] = FAMILIES) -> ModelContext:
    ctx = ModelContext(problem)
    for fam in families:
        fam.add_to_model(ctx)
    ctx.model.minimize(ctx.objective_expr())
    return ctx


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float, on_progress: ProgressFn | None) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.first: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        now = time.monotonic() - self.started
        self.count += 1
        if self.first is None:
            self.first = now
        if self.on_progress is not None:
            self.on_progress(Progress(now, round(self.objective_value), round(self.best_objective_bound),
                                      self.count))


def default_workers() -> int:
    # CP-SAT's portfolio wants several workers even on few cores; 8 is a good floor.
    return max(8, os.cpu_count() or 1)


_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


def solve(
    problem: Problem,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    families: Sequence[Family] = FAMILIES,
    on_progress: ProgressFn | None = None,
    log: bool = False,
) -> SolveResult:
    """Solve ``problem``; infeasibility and time-outs are statuses, not exceptions."""
    started = time.monotonic()
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    n_workers = workers or problem.settings.workers or default_workers()
    rnd = seed if seed is not None else problem.settings.seed

    ctx = build_model(problem, families)
    for var, value in ctx.hints.items():
        ctx.model.add_hint(var, value)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, limit - (time.monotonic() - started))
    solver.parameters.num_workers = n_workers
    solver.parameters.random_seed = rnd
    solver.parameters.log_search_progress = log
    callback = _Callback(started, on_progress)
    code = solver.solve(ctx.model, callback)
    status = _STATUS.get(code, Status.UNKNOWN)

    proto = ctx.model.proto
    result = SolveResult(
        status=status,
        seconds=time.monotonic() - started,
        first_solution_seconds=callback.first,
        workers=n_workers,
        seed=rnd,
        num_variables=len(proto.variables),
        num_constraints=len(proto.constraints),
    )
    if not status.has_roster:
        return result
    result.roster = read_roster(ctx, solver)
    result.objective = round(solver.objective_value)
    result.bound = round(solver.best_objective_bound)
    result.family_costs = family_costs(ctx, solver)
    return result


def read_roster(ctx: ModelContext, solver: cp_model.CpSolver) -> Roster:
    problem = ctx.problem
    out = [
        Assignment(staff, problem.date_of(day), shift, area)
        for (staff, day, shift, area), var in ctx.x.items()
        if solver.boolean_value(var)
    ]
    return Roster.of(out)


def family_costs(ctx: ModelContext, solver: cp_model.CpSolver) -> dict[str, int]:
    costs: dict[str, int] = {}
    for term in ctx.penalties:
        costs[term.family] = costs.get(term.family, 0) + term.weight * int(solver.value(term.expr))
    return costs
