"""Per-employee decomposition for Curtois & Qu instances too large for one model in time.

Every hard rule of the benchmark is about one employee; only the cover (soft) couples them.
So a valid roster is built one employee at a time, each solved by the same engine on a
sub-instance that holds that employee alone and the *residual* cover (the requirement minus
what the employees already placed provide), and then improved by re-solving small groups of
employees against the residual cover of the others (an LNS whose sub-problems never need the
full model). Each sub-solve minimises exactly the change in the benchmark penalty, so a
sub-solution no worse than the group's current rows never makes the whole roster worse.

Used by :func:`roster_solver.benchmarks.runner.solve_instance` for instances whose full model
is too big to build, presolve and search within the time limit (Instance 8–24).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace

from ..engine.solve import solve
from ..roster import Roster
from .curtois import Cover, CurtoisInstance, Rows, roster_from_rows, rows_from_roster, to_problem
from .evaluate import evaluate
from .fast import counts_of

CONSTRUCT_SHARE = 0.35  # of the time limit, as CP-SAT time for the construction
PER_PERSON_MIN = 0.5  # seconds
RETRY_MIN = 5.0  # seconds


def sub_instance(inst: CurtoisInstance, group: list[str], rows: Rows) -> CurtoisInstance:
    """The instance for ``group`` alone against the cover the other employees leave.

    A cover row (r, wu, wo) with n others already on it becomes (max(0, r − n), wu, wo) when
    n < r; when n ≥ r every further person only costs wo, which a requirement of 0 expresses.
    The constant cost of the others is left out; the sub-objective is the group's share.
    """
    members = set(group)
    counts = counts_of(rows, members)
    allowed = {s for e in inst.staff if e.id in members for s, k in e.max_shifts if k > 0}
    cover = tuple(
        Cover(c.day, c.shift, max(0, c.requirement - counts.get((c.day, c.shift), 0)),
              c.weight_under, c.weight_over)
        for c in inst.cover if c.shift in allowed
    )
    return replace(
        inst,
        name=f"{inst.name}[{','.join(group)}]",
        staff=tuple(e for e in inst.staff if e.id in members),
        days_off={k: v for k, v in inst.days_off.items() if k in members},
        on_requests=tuple(r for r in inst.on_requests if r.employee in members),
        off_requests=tuple(r for r in inst.off_requests if r.employee in members),
        cover=cover,
    )


def _solve_group(inst: CurtoisInstance, group: list[str], rows: Rows, limit: float, seed: int,
                 start: Rows | None) -> Rows | None:
    sub = sub_instance(inst, group, rows)
    problem = to_problem(sub)
    begin: Roster | None = roster_from_rows(problem, start) if start is not None else None
    # Without a start the greedy and warm-up stages of ``solve`` cost more than this small
    # model does; with one, it is repaired and hinted.
    result = solve(problem, time_limit=limit, workers=2, seed=seed, start=begin, hint=begin is not None)
    if not result.status.has_roster:
        return None
    return rows_from_roster(problem, result.roster)


def construct(inst: CurtoisInstance, time_limit: float, *, seed: int = 0,
              on_improve: Callable[[int, float], None] | None = None) -> Rows | None:
    """A valid roster built employee by employee, then improved by group re-solves until
    ``time_limit`` seconds have passed. None if some employee has no valid roster at all in
    the time given to them."""
    started = time.monotonic()
    rng = random.Random(seed)
    ids = inst.staff_ids
    rows: Rows = {eid: [""] * inst.horizon for eid in ids}
    # A third of the time for the construction, shared out evenly (building each person's
    # model costs about as much again); a person who gets no roster in
    # that share (a year of 26 shift types takes about 1.5 s) is retried with more.
    per_person = max(PER_PERSON_MIN, CONSTRUCT_SHARE * time_limit / max(1, len(ids)))
    # Scarce people first: those with the fewest allowed shift types fill their cover early.
    order = sorted(ids, key=lambda e: sum(1 for _, k in next(x for x in inst.staff if x.id == e)
                                          .max_shifts if k > 0))
    for eid in order:
        limit = per_person
        got = _solve_group(inst, [eid], rows, limit, seed, None)
        while got is None:
            # No roster for this person in the share (a busy machine, a tight person): retry
            # with more time, as long as the limit allows.
            left = time_limit - (time.monotonic() - started)
            if left < 0.5:
                return None
            limit = min(left, max(RETRY_MIN, 2 * limit))
            got = _solve_group(inst, [eid], rows, limit, seed, None)
        rows[eid] = got[eid]
    best = evaluate(inst, rows).penalty
    if on_improve is not None:
        on_improve(best, time.monotonic() - started)
    size = 2
    while time.monotonic() - started < time_limit - 1.0:
        group = rng.sample(ids, min(size, len(ids)))
        left = time_limit - (time.monotonic() - started)
        limit = min(left - 0.5, max(1.0, 0.4 * size))
        if limit < 0.3:
            break
        trial = dict(rows)
        got = _solve_group(inst, group, rows, limit, rng.randrange(1 << 30),
                           {e: rows[e] for e in group})
        if got is None:
            continue
        for e in group:
            trial[e] = got[e]
        value = evaluate(inst, trial).penalty
        if value <= best:
            if value < best and on_improve is not None:
                on_improve(value, time.monotonic() - started)
            rows, best = trial, value
        size = min(6, size + 1) if value < best else max(2, size)
    return rows
