"""Large-neighbourhood search around CP-SAT: improve a valid roster by re-solving parts of it.

General (any Problem, any rule families): the full model is built once; each iteration frees
the assignment variables of one neighbourhood, fixes every other assignment variable to the
current roster (by narrowing its domain in the model proto, which presolve then removes),
hints the whole current solution, and lets CP-SAT optimise the rest for a few seconds. An
improvement becomes the new current solution. Neighbourhoods, chosen at random:

- *days*: everybody on a window of consecutive days (moves cover between people);
- *people*: a few people over the whole horizon (reshapes their runs and totals);
- *block*: more people over a shorter window.

The size is adaptive: a sub-solve that proves its neighbourhood optimal grows the next one,
one that runs out of time shrinks it. Every solution found is a solution of the full model, so
the objective and the penalty ledger mean what they mean in :func:`.solve.solve`.

Why: on rostering models CP-SAT's bound stays weak and its own portfolio LNS spreads over
many workers; on 2 cores a focused loop of small, well-hinted sub-solves improves faster.
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from ..constraints import FAMILIES
from ..constraints.base import Family
from ..domain import Problem
from ..roster import Assignment, Roster, SolveResult, Status
from . import solvers
from .solve import Progress, ProgressFn, _hint_complete, build_model, family_costs

# Sub-solves are small and warm-started: the LP relaxation guides them best (measured on the
# Curtois instances, bench/RESULTS.md).
SUB_PARAMETERS: dict[str, object] = {"linearization_level": 2}

_DEBUG = bool(os.environ.get("ROSTER_LNS_DEBUG"))


def improve(
    problem: Problem,
    start: Roster,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    families: Sequence[Family] = FAMILIES,
    on_progress: ProgressFn | None = None,
    sub_limit: float | None = None,
    parameters: dict[str, object] | None = None,
) -> SolveResult:
    """Improve ``start`` (a roster without broken hard rules) by LNS for ``time_limit`` seconds.

    Returns a FEASIBLE result with the best roster found (never worse than ``start``), or
    OPTIMAL when one sub-solve freed every variable and proved optimality. If ``start`` is not
    a solution of the model, the status is UNKNOWN and no roster is returned.
    """
    started = time.monotonic()
    rng = random.Random(seed)
    ctx = build_model(problem, families)
    model = ctx.model
    first = _hint_complete(ctx, start, max(1.0, time_limit / 4), workers, seed)
    result = SolveResult(status=Status.UNKNOWN, workers=workers, seed=seed,
                         num_variables=len(model.proto.variables),
                         num_constraints=len(model.proto.constraints))
    if first is None:
        result.seconds = time.monotonic() - started
        return result
    proto = model.proto
    n_vars = len(proto.variables)
    values = [int(first.value(model.get_int_var_from_proto_index(i))) for i in range(n_vars)]
    best = round(first.objective_value)
    result.first_solution_seconds = time.monotonic() - started
    if on_progress is not None:
        on_progress(Progress(time.monotonic() - started, best, None, 1))

    # Assignment variable indexes per person and day.
    by_staff_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (sid, day, _, _), var in ctx.x.items():
        by_staff_day[(sid, day)].append(var.index)
    people = [p.id for p in problem.staff]
    n_days = problem.n_days
    x_indexes = [var.index for var in ctx.x.values()]
    original = {i: tuple(proto.variables[i].domain) for i in x_indexes}
    if any(len(d) != 2 for d in original.values()):
        raise ValueError("LNS expects every assignment variable to have an interval domain")

    # One size per kind: a block of people × days solves fast where a whole day window
    # or a person's whole horizon does not, so they adapt separately.
    fracs = {"days": 0.2, "people": 0.2, "block": 0.2}
    per_sub = sub_limit if sub_limit is not None else min(10.0, max(1.0, time_limit / 40))
    solutions = 1
    proven = False
    lower = 0
    while True:
        left = time_limit - (time.monotonic() - started)
        if left < 0.3:
            break
        kind = rng.choice(("days", "people", "block"))
        frac = fracs[kind]
        if kind == "days":
            k_people, k_days = len(people), max(2, round(frac * n_days))
        elif kind == "people":
            k_people, k_days = max(2, round(frac * len(people))), n_days
        else:
            k_people = max(2, round(min(1.0, 2 * frac) * len(people)))
            k_days = max(2, round(min(1.0, frac / 2 + 0.05) * n_days))
        chosen = rng.sample(people, min(k_people, len(people)))
        d0 = rng.randrange(0, max(1, n_days - k_days + 1))
        free: set[int] = set()
        for sid in chosen:
            for d in range(d0, min(n_days, d0 + k_days)):
                free.update(by_staff_day.get((sid, d), ()))
        everything = len(free) == len(x_indexes)
        for i in x_indexes:
            if i not in free:
                dom = proto.variables[i].domain
                dom[0] = dom[1] = values[i]
        proto.clear_solution_hint()
        proto.solution_hint.vars.extend(range(n_vars))
        proto.solution_hint.values.extend(values)
        solver = solvers.new_solver(max(0.2, min(per_sub, left)), workers, rng.randrange(1 << 30))
        for key, value in (SUB_PARAMETERS if parameters is None else parameters).items():
            setattr(solver.parameters, key, value)
        t_sub = time.monotonic()
        code = solvers.run(solver, model)
        if _DEBUG:
            print(f"lns {kind} frac={frac:.2f} free={len(free)} code={code} "
                  f"obj={solver.objective_value if code in (2, 4) else None} "
                  f"t={time.monotonic() - t_sub:.2f}")
        for i in x_indexes:
            dom = proto.variables[i].domain
            dom[0], dom[1] = original[i]
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value = round(solver.objective_value)
            if value < best:
                best = value
                values = list(solver.response_proto.solution)
                solutions += 1
                if on_progress is not None:
                    on_progress(Progress(time.monotonic() - started, best, lower or None, solutions))
            if code == cp_model.OPTIMAL:
                if everything:
                    proven = True
                    break
                fracs[kind] = min(1.0, frac * 1.15)
            else:
                fracs[kind] = max(0.02, frac * 0.9)
        else:
            fracs[kind] = max(0.02, frac * 0.85)
    proto.clear_solution_hint()
    roster = Roster.of([
        Assignment(sid, problem.date_of(day), shift, area)
        for (sid, day, shift, area), var in ctx.x.items() if values[var.index]
    ])
    # Read the ledger through one solve with every assignment fixed (auxiliary variables are
    # exact functions of the assignments, so this is the same objective).
    final = _hint_complete(ctx, roster, max(1.0, min(30.0, time_limit)), workers, seed)
    result.status = Status.OPTIMAL if proven else Status.FEASIBLE
    result.roster = roster
    if final is not None:
        result.family_costs = family_costs(ctx, final)
        result.objective = sum(result.family_costs.values())
    if result.objective != best:
        raise AssertionError(f"LNS: ledger {result.objective} differs from the objective {best}")
    result.bound = best if proven else None
    result.seconds = time.monotonic() - started
    return result
