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
from ortools.sat.python.cp_model import LinearExprT

from ..constraints import FAMILIES
from ..constraints.base import Family
from ..domain import Problem
from ..roster import Assignment, Roster, SolveResult, Status
from .context import ModelContext, PenaltyTerm
from .greedy import greedy_roster
from .greedy import repair as repair_start


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
    """Streams progress; ``shown`` is the expression reported as objective when the model's own
    objective is a different one (the coverage warm-up reports the full weighted objective)."""

    def __init__(self, started: float, on_progress: ProgressFn | None,
                 shown: LinearExprT | None = None) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.shown = shown
        self.first: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        now = time.monotonic() - self.started
        self.count += 1
        if self.first is None:
            self.first = now
        if self.on_progress is not None:
            if self.shown is None:
                self.on_progress(Progress(now, round(self.objective_value),
                                          round(self.best_objective_bound), self.count))
            else:
                self.on_progress(Progress(now, int(self.value(self.shown)), None, self.count))


def default_workers() -> int:
    # CP-SAT's portfolio wants several workers even on few cores; 8 is a good floor.
    return max(8, os.cpu_count() or 1)


STATUS_OF = {  # CP-SAT status code -> our Status
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


# Lexicographic stages, most important first (RULES.md "Units" and Settings `objective`).
STAGES: tuple[str, ...] = ("minimum", "hours", "coverage", "fairness", "comfort")
_STAGE_ALIASES = {"wishes": "comfort"}
MIN_LABEL_PREFIX = "min:"  # coverage terms for the unmet minimum carry this label prefix


def stage_of(term_family: str, label: str, families: Sequence[Family]) -> str:
    if label.startswith(MIN_LABEL_PREFIX):
        return "minimum"
    for fam in families:
        if fam.name == term_family:
            return _STAGE_ALIASES.get(fam.stage, fam.stage)
    return "comfort"


def _new_solver(limit: float, workers: int, seed: int, log: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    return solver


def solve(
    problem: Problem,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    families: Sequence[Family] = FAMILIES,
    on_progress: ProgressFn | None = None,
    log: bool = False,
    objective: str | None = None,
    hint: bool = True,
    start: Roster | None = None,
) -> SolveResult:
    """Solve ``problem``; infeasibility and time-outs are statuses, not exceptions.

    ``objective`` is ``weighted`` (one solve of the weighted sum) or ``lexicographic`` (stages
    of :data:`STAGES`, each optimum fixed as a bound for the next); default from Settings.
    ``start`` (e.g. the published roster when re-planning) is the starting point instead of the
    greedy roster and the core solve: it is first repaired with the checker (the assignments
    named by broken hard rules are dropped), then hinted completely.
    """
    started = time.monotonic()
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    n_workers = workers or problem.settings.workers or default_workers()
    rnd = seed if seed is not None else problem.settings.seed
    mode = objective or problem.settings.objective

    # Weighted: first solve without the soft-only families (a model half the size that fills
    # staffing and contract hours fast), and start the full solve from that roster.
    given_start = start is not None
    first_seconds: float | None = None
    core = [f for f in families if not f.is_soft_only(problem)]
    if start is not None:
        start = repair_start(problem, start, families)
    elif hint and mode == "weighted" and len(core) < len(families):
        first = solve(problem, time_limit=limit * CORE_SHARE, workers=n_workers, seed=rnd,
                      families=core, on_progress=_without_objective(on_progress), log=log,
                      objective="weighted", hint=True)
        if first.status == Status.INFEASIBLE:
            first.seconds = time.monotonic() - started
            return first  # the full model has every hard constraint of the core one
        if first.status.has_roster:
            start, first_seconds = first.roster, first.first_solution_seconds

    ctx = build_model(problem, families)
    fallback: cp_model.CpSolver | None = None
    if hint:
        # The limit is wall clock including all of this: never let the start eat the search.
        left = limit - (time.monotonic() - started)
        if start is None:
            budget = max(0.5, min(left / 3, max(5.0, limit / 3)))
            start = greedy_roster(problem, families, time_budget=budget)
            left = limit - (time.monotonic() - started)
        fallback = _hint_complete(ctx, start, max(0.2, min(left / 4, max(1.0, limit / 6))), n_workers, rnd)
        if fallback is not None:
            if first_seconds is None:
                first_seconds = time.monotonic() - started
            if on_progress is not None:
                on_progress(Progress(time.monotonic() - started, round(fallback.objective_value), None, 1))
    for var, value in ctx.hints.items():
        ctx.model.add_hint(var, value)
    proto = ctx.model.proto
    result = SolveResult(
        status=Status.UNKNOWN,
        workers=n_workers,
        seed=rnd,
        num_variables=len(proto.variables),
        num_constraints=len(proto.constraints),
    )
    if mode == "lexicographic":
        solver, status = _solve_lexicographic(ctx, families, started, limit, n_workers, rnd, log,
                                              on_progress, result)
    else:
        # The core solve above already did the warm-up. From a given start it sees only the
        # minimum stage: from a published roster, fill the minimum with as few changes as
        # possible (target terms there make that search far slower).
        if len(core) == len(families) or given_start:
            _coverage_warm_up(ctx, families, started, limit, n_workers, rnd, log, on_progress,
                              ("minimum",) if given_start else ("minimum", "coverage"))
        solver = _new_solver(limit - (time.monotonic() - started), n_workers, rnd, log)
        callback = _Callback(started, on_progress)
        status = STATUS_OF.get(solver.solve(ctx.model, callback), Status.UNKNOWN)
        result.first_solution_seconds = callback.first
    if first_seconds is not None:
        result.first_solution_seconds = first_seconds
    if not status.has_roster and status != Status.INFEASIBLE and fallback is not None:
        # CP-SAT found nothing in time (e.g. presolve used the whole limit): the checked greedy
        # start is still a valid roster.
        solver, status = fallback, Status.FEASIBLE
    result.status = status
    result.seconds = time.monotonic() - started
    if not status.has_roster:
        return result
    result.roster = read_roster(ctx, solver)
    result.family_costs = family_costs(ctx, solver)
    result.objective = sum(result.family_costs.values())
    if mode == "lexicographic" or solver is fallback:
        result.bound = None  # no weighted bound for a staged solve or the greedy start
    else:
        result.bound = round(solver.best_objective_bound)
    return result


WARM_UP_SHARE = 0.5  # of the remaining time, for the coverage warm-up of a weighted solve
CORE_SHARE = 0.5  # of the limit, for the solve without the soft-only families


def _without_objective(on_progress: ProgressFn | None) -> ProgressFn | None:
    """Progress of the core solve: its objective is not the full one, so it is not shown."""
    if on_progress is None:
        return None
    report = on_progress

    def relay(p: Progress) -> None:
        report(Progress(p.elapsed, None, None, p.solutions))

    return relay


def _coverage_warm_up(
    ctx: ModelContext,
    families: Sequence[Family],
    started: float,
    limit: float,
    workers: int,
    seed: int,
    log: bool,
    on_progress: ProgressFn | None,
    stages: tuple[str, ...] = ("minimum", "coverage"),
) -> None:
    """Spend part of the time on the staffing terms (of ``stages``) alone and hint the full solve with the
    result. The minimum and target terms dominate the weighted objective, and a search that
    sees only them fills the roster much faster; the full weighted objective is unchanged
    (this phase adds no bound), so the weighted optimum is the same."""
    staffing = [t for t in ctx.penalties
                if stage_of(t.family, t.label, families) in stages]
    others = len(staffing) < len(ctx.penalties)
    if not staffing or not others:
        return
    full = ctx.objective_expr()
    ctx.model.minimize(sum((t.weight * t.expr for t in staffing), 0))
    share = (limit - (time.monotonic() - started)) * WARM_UP_SHARE
    solver = _new_solver(share, workers, seed, log)
    code = solver.solve(ctx.model, _Callback(started, on_progress, full))
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        _hint_solution(ctx.model, solver)
    ctx.model.minimize(full)


def _hint_solution(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Replace the model's hints by the solver's last solution (every variable)."""
    model.clear_hints()
    for i in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(i)
        model.add_hint(var, solver.value(var))


def _solve_lexicographic(
    ctx: ModelContext,
    families: Sequence[Family],
    started: float,
    limit: float,
    workers: int,
    seed: int,
    log: bool,
    on_progress: ProgressFn | None,
    result: SolveResult,
) -> tuple[cp_model.CpSolver, Status]:
    """Optimise stage by stage; each stage's best value becomes an upper bound for the next."""
    by_stage: dict[str, list[PenaltyTerm]] = {s: [] for s in STAGES}
    for term in ctx.penalties:
        by_stage[stage_of(term.family, term.label, families)].append(term)
    stages = [s for s in STAGES if by_stage[s]] or ["comfort"]
    model = ctx.model
    solver = _new_solver(0.1, workers, seed, log)
    status = Status.UNKNOWN
    last: cp_model.CpSolver | None = None
    for k, stage in enumerate(stages):
        remaining = limit - (time.monotonic() - started)
        share = remaining / (len(stages) - k)
        expr = sum((t.weight * t.expr for t in by_stage[stage]), 0)
        model.minimize(expr)
        solver = _new_solver(share, workers, seed, log)
        callback = _Callback(started, on_progress)
        code = solver.solve(model, callback)
        stage_status = STATUS_OF.get(code, Status.UNKNOWN)
        if result.first_solution_seconds is None:
            result.first_solution_seconds = callback.first
        if not stage_status.has_roster:
            if last is None:
                return solver, stage_status
            # A later stage found nothing in its share: keep the previous stage's roster.
            return last, Status.FEASIBLE
        value = round(solver.objective_value)
        result.stages.append({"stage": stage, "status": str(stage_status), "value": value,
                              "bound": round(solver.best_objective_bound),
                              "seconds": round(time.monotonic() - started, 2)})
        if stage_status != Status.OPTIMAL:
            status = Status.FEASIBLE
        elif status == Status.UNKNOWN:
            status = Status.OPTIMAL
        _hint_solution(model, solver)
        if by_stage[stage]:
            model.add(expr <= value)
        last = solver
    return solver, status


def _hint_complete(
    ctx: ModelContext, start: Roster, limit: float, workers: int, seed: int
) -> cp_model.CpSolver | None:
    """Hint every model variable from ``start``: fix the assignment variables to it in a copy
    of the model and let CP-SAT fill in the auxiliary variables (a fraction of a second). A
    complete, feasible hint gives the search its first roster at once; if the copy is not
    feasible (the greedy start broke a rule the repair could not mend) only the assignment
    variables are hinted. Returns the solver of the copy (its values read like the model's),
    or None."""
    problem = ctx.problem
    chosen = {(a.staff, problem.day_index(a.date), a.shift, a.area) for a in start.assignments}
    for key, var in ctx.x.items():
        ctx.hint(var, int(key in chosen))
    copy = ctx.model.clone()
    for key, var in ctx.x.items():
        copy.add(copy.get_bool_var_from_proto_index(var.index) == int(key in chosen))
    solver = _new_solver(limit, min(workers, 2), seed, False)
    if solver.solve(copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    for i in range(len(ctx.model.proto.variables)):
        value = solver.value(copy.get_int_var_from_proto_index(i))
        ctx.hints[ctx.model.get_int_var_from_proto_index(i)] = value
    return solver


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
