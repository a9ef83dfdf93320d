"""Fast per-employee search for Curtois & Qu instances: small dedicated CP-SAT models.

Every hard rule of the benchmark concerns one employee (one shift per day, forbidden
successions, MaxShifts, Min/MaxTotalMinutes, Max/MinConsecutiveShifts, MinConsecutiveDaysOff,
MaxWeekends, days off); only the cover, which is soft, couples them. So a valid roster is a set
of valid rows, one per employee, and each employee's rules make a small model.

This module builds those models directly from the instance data, without the general engine's
``Problem`` and its families (through the engine one person-year costs ~2.5 s of model building
and presolve; here ~0.1 s), so a 150-person year is constructed within a minute:

- :func:`construct_fast` places the employees one at a time (fewest allowed shift types first),
  each minimising the exact change in the benchmark penalty given the employees already placed
  (their requests, and per cover row ``−wu`` for a person while the row is short, ``+wo`` once
  it is full), then improves the roster by re-solving groups of employees against the cover the
  others leave, until the time is up.
- :func:`solve_group` is one such re-solve. For one employee the change in penalty is linear in
  their assignments; for a group the cover rows get under/over variables. A re-solve is
  accepted only if its exact penalty change (computed in plain Python, not trusted from the
  solver) is an improvement, so the roster never gets worse.

This is a dedicated construction for this benchmark format (as the greedy start is for
workbooks). The result is still judged by the independent evaluator and by the engine's
checker on the engine's ``Problem`` (:func:`roster_solver.benchmarks.runner.solve_instance`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExpr

from ..engine import solvers
from .curtois import CurtoisInstance, Employee, Rows
from .rowdp import Person, build_row

Counts = dict[tuple[int, str], int]  # (day, shift) -> people on it
CONSTRUCT_SHARE = 0.5  # of the time limit, for placing everybody once
PER_PERSON_MIN = 0.05  # seconds of CP-SAT per person in the construction, once a row exists
PER_PERSON_MAX = 2.0
# From this horizon on, rows are built and first improved by the dynamic programme of
# :mod:`.rowdp` (CP-SAT needs 0.2-1 s per person-year for a row). On the 28-day instances
# CP-SAT's rows are better and still quick, and the DP phase only cost time: at 60 s,
# Instances 8, 12 and 13 gave 2967, 6277 and 6430 with it against 2143, 5556 and 6080 without;
# on Instance17 (56 days) 6609 with it against 6973 without.
DP_FROM_DAYS = 56
DP_SHARE = 0.7  # of the time limit, at most, for re-building single rows by dynamic programming
MIXES_FROM = 0.25  # seconds per person in the construction from which mixed lengths are tried
QUICK_TRY = 0.6  # seconds for the first try with the light presolve


@dataclass(frozen=True)
class _Data:
    """Look-ups derived once from the instance."""

    inst: CurtoisInstance
    length: dict[str, int]
    cover: dict[tuple[int, str], tuple[int, int, int]]  # (day, shift) -> (r, wu, wo)
    on: dict[str, list[tuple[int, str, int]]]  # employee -> (day, shift, weight)
    off: dict[str, list[tuple[int, str, int]]]
    employee: dict[str, Employee]

    @classmethod
    def of(cls, inst: CurtoisInstance) -> _Data:
        on: dict[str, list[tuple[int, str, int]]] = {}
        off: dict[str, list[tuple[int, str, int]]] = {}
        for r in inst.on_requests:
            on.setdefault(r.employee, []).append((r.day, r.shift, r.weight))
        for r in inst.off_requests:
            off.setdefault(r.employee, []).append((r.day, r.shift, r.weight))
        return cls(
            inst,
            {s.id: s.length for s in inst.shifts},
            {(c.day, c.shift): (c.requirement, c.weight_under, c.weight_over) for c in inst.cover},
            on,
            off,
            {e.id: e for e in inst.staff},
        )


def counts_of(rows: Rows, skip: AbstractSet[str] = frozenset()) -> Counts:
    """People per (day, shift) over the rows of everybody not in ``skip``."""
    out: Counts = {}
    for eid, days in rows.items():
        if eid in skip:
            continue
        for d, code in enumerate(days):
            if code:
                out[(d, code)] = out.get((d, code), 0) + 1
    return out


def _person(m: cp_model.CpModel, data: _Data, e: Employee) -> dict[tuple[int, str], cp_model.IntVar]:
    """The employee's hard rules in ``m``; returns the assignment literal per (day, shift)."""
    inst = data.inst
    h = inst.horizon
    days_off = set(inst.days_off.get(e.id, ()))
    allowed = [s for s, k in e.max_shifts if k > 0 and s in data.length]
    x, work = _day_literals(m, h, days_off, allowed)
    _forbid_successions(m, inst, allowed, x)
    for s, k in e.max_shifts:
        if 0 < k < h:
            lits = [x[(d, s)] for d in range(h) if (d, s) in x]
            if len(lits) > k:
                m.add(LinearExpr.sum(lits) <= k)
    minutes = LinearExpr.weighted_sum(list(x.values()), [data.length[s] for (_, s) in x])
    m.add(minutes <= e.max_minutes)
    if e.min_minutes > 0:
        m.add(minutes >= e.min_minutes)
    _run_lengths(m, e, work)
    _max_weekends(m, e, work)
    return x


def _day_literals(
    m: cp_model.CpModel, h: int, days_off: set[int], allowed: list[str]
) -> tuple[dict[tuple[int, str], cp_model.IntVar], list[cp_model.IntVar]]:
    """The assignment literal per (day, allowed shift) and per day whether it is worked (at
    most one shift a day; none on a day off or for someone with no allowed shift)."""
    x: dict[tuple[int, str], cp_model.IntVar] = {}
    work: list[cp_model.IntVar] = []
    for d in range(h):
        w = m.new_bool_var("")
        work.append(w)
        if d in days_off or not allowed:
            m.add(w == 0)
            continue
        lits = []
        for s in allowed:
            lit = m.new_bool_var("")
            x[(d, s)] = lit
            lits.append(lit)
        m.add(LinearExpr.sum(lits) == w)  # at most one shift a day; w says whether there is one
    return x, work


def _forbid_successions(
    m: cp_model.CpModel, inst: CurtoisInstance, allowed: list[str], x: dict[tuple[int, str], cp_model.IntVar]
) -> None:
    """Forbidden successions, one clique per distinct forbidden set: since a day holds at most
    one shift, "any shift with set F today" + "any shift of F tomorrow" ≤ 1 is exact."""
    by_set: dict[tuple[str, ...], list[str]] = {}
    allowed_set = set(allowed)
    for st in inst.shifts:
        if st.id in allowed_set:
            banned = tuple(sorted(b for b in st.forbidden if b in allowed_set))
            if banned:
                by_set.setdefault(banned, []).append(st.id)
    for banned, firsts in by_set.items():
        for d in range(inst.horizon - 1):
            today = [x[(d, a)] for a in firsts if (d, a) in x]
            tomorrow = [x[(d + 1, b)] for b in banned if (d + 1, b) in x]
            if today and tomorrow:
                m.add_at_most_one(today + tomorrow)


def _run_lengths(m: cp_model.CpModel, e: Employee, work: list[cp_model.IntVar]) -> None:
    """Max consecutive shifts, and the minimum runs of shifts and of days off."""
    h = len(work)
    c = e.max_consecutive
    if c < h:
        for d in range(h - c):
            m.add(LinearExpr.sum(work[d : d + c + 1]) <= c)
    # Minimum run lengths hold for runs touching neither the first nor the last day: forbid
    # every too-short run a..b with 1 ≤ a and b ≤ h−2 (an off day on each side).
    for length in range(1, e.min_consecutive):
        for a in range(1, h - length):
            b = a + length - 1
            m.add_bool_or([work[a - 1], *[work[t].Not() for t in range(a, b + 1)], work[b + 1]])
    for length in range(1, e.min_consecutive_off):
        for a in range(1, h - length):
            b = a + length - 1
            m.add_bool_or([work[a - 1].Not(), *[work[t] for t in range(a, b + 1)], work[b + 1].Not()])


def _max_weekends(m: cp_model.CpModel, e: Employee, work: list[cp_model.IntVar]) -> None:
    """At most ``max_weekends`` weekends with a shift on the Saturday or the Sunday."""
    weeks = len(work) // 7
    if e.max_weekends < weeks:
        ends = []
        for wk in range(weeks):
            flag = m.new_bool_var("")
            m.add_bool_or([work[7 * wk + 5].Not(), flag])
            m.add_bool_or([work[7 * wk + 6].Not(), flag])
            ends.append(flag)
        m.add(LinearExpr.sum(ends) <= e.max_weekends)


def group_cost(data: _Data, group: list[str], rows: Rows, others: Counts) -> int:
    """The part of the benchmark penalty that depends on ``group``'s rows, given the others'
    counts: the group's requests and every cover row the group works on or could change.

    Exact up to a constant that depends only on the others, so the difference between two
    choices of the group's rows is exactly the difference in the whole roster's penalty.
    """
    cost = 0
    for eid in group:
        days = rows[eid]
        cost += sum(w for d, s, w in data.on.get(eid, ()) if days[d] != s)
        cost += sum(w for d, s, w in data.off.get(eid, ()) if days[d] == s)
    mine: Counts = counts_of({e: rows[e] for e in group})
    for key, n in mine.items():
        row = data.cover.get(key)
        if row is None:
            continue
        r, wu, wo = row
        base = others.get(key, 0)
        total = base + n
        # cost of the row with the group minus without it (the constant part)
        cost += (
            wu * max(0, r - total) + wo * max(0, total - r) - wu * max(0, r - base) - wo * max(0, base - r)
        )
    return cost


def _quick_presolve(p: cp_model.SatParameters) -> None:
    """Presolve settings for these small models: the default presolve spends most of a
    person-year's 0.8 s in overlap detection and probing that do not pay back here (measured
    on Instance24: first row after ~0.2 s instead of ~1 s)."""
    p.cp_model_probing_level = 0
    p.symmetry_level = 0
    p.max_presolve_iterations = 1
    p.find_big_linear_overlap = False


class _StopWhenFound(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first solution found after ``after`` seconds (or at once
    when that time has passed): the search runs on only as long as it has nothing."""

    def __init__(self, after: float) -> None:
        super().__init__()
        self.deadline = time.monotonic() + after

    def on_solution_callback(self) -> None:
        if time.monotonic() >= self.deadline:
            self.stop_search()


def solve_group(
    data: _Data,
    group: list[str],
    others: Counts,
    limit: float,
    *,
    seed: int = 0,
    workers: int = 1,
    hint: Rows | None = None,
    enough: float | None = None,
    coarse: bool = False,
    quick: bool = True,
) -> tuple[str, Rows | None]:
    """Best rows found for ``group`` in ``limit`` seconds against the others' counts.

    With ``enough`` (seconds), the search stops at the first solution found after that time,
    so ``limit`` only bounds the wait for a first one. ``hint`` may name rows for employees
    outside the group or break rules; it only guides the search. Returns (status name, rows
    or None). The objective is :func:`group_cost` (up to a constant); for one employee it is
    linear in their assignments. ``coarse`` replaces the weights by a rough scale of −10…10
    (for the construction, where speed matters more than the last point). ``quick`` uses
    the light presolve of :func:`_quick_presolve` (else CP-SAT's default).
    """
    m = cp_model.CpModel()
    xs = {eid: _person(m, data, data.employee[eid]) for eid in group}
    lits, coefs = _request_terms(data, xs)
    _cover_terms(m, data, xs, others, lits, coefs)
    if coarse and coefs:
        coefs = _coarse(coefs)
    m.minimize(LinearExpr.weighted_sum(lits, coefs))
    if hint is not None:
        for eid, x in xs.items():
            row = hint.get(eid)
            if row is not None:
                for (d, s), lit in x.items():
                    m.add_hint(lit, row[d] == s)
    solver = solvers.new_solver(max(0.01, limit), max(1, workers), seed)
    if quick:
        _quick_presolve(solver.parameters)
    status = solvers.run(solver, m, _StopWhenFound(enough) if enough is not None else None)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return name, None
    out: Rows = {}
    for eid, x in xs.items():
        days = [""] * data.inst.horizon
        for (d, s), lit in x.items():
            if solver.boolean_value(lit):
                days[d] = s
        out[eid] = days
    return name, out


Literals = dict[str, dict[tuple[int, str], cp_model.IntVar]]  # employee -> (day, shift) -> literal


def _request_terms(data: _Data, xs: Literals) -> tuple[list[cp_model.IntVar], list[int]]:
    """The objective's terms for the group's requests: −w for a granted on-request, +w for a
    refused off-request."""
    lits: list[cp_model.IntVar] = []
    coefs: list[int] = []
    for eid, x in xs.items():
        for d, s, w in data.on.get(eid, ()):
            if (d, s) in x:
                lits.append(x[(d, s)])
                coefs.append(-w)
        for d, s, w in data.off.get(eid, ()):
            if (d, s) in x:
                lits.append(x[(d, s)])
                coefs.append(w)
    return lits, coefs


def _cover_terms(
    m: cp_model.CpModel,
    data: _Data,
    xs: Literals,
    others: Counts,
    lits: list[cp_model.IntVar],
    coefs: list[int],
) -> None:
    """Append to ``lits``/``coefs`` the objective's terms for every cover row the group can
    work on, against the others' counts: exact for one candidate, under/over variables for
    more."""
    per_key: dict[tuple[int, str], list[cp_model.IntVar]] = {}
    for x in xs.values():
        for key, lit in x.items():
            if key in data.cover:
                per_key.setdefault(key, []).append(lit)
    for key, on_key in per_key.items():
        r, wu, wo = data.cover[key]
        need = r - others.get(key, 0)  # may be negative: already over
        if len(on_key) == 1:
            # one more person: −wu while short, +wo once full (exact)
            lits.append(on_key[0])
            coefs.append(-wu if need > 0 else wo)
            continue
        n = LinearExpr.sum(on_key)
        if wu and need > 0:
            under = m.new_int_var(0, need, "")
            m.add(under >= need - n)
            lits.append(under)
            coefs.append(wu)
        if wo:
            over = m.new_int_var(0, len(on_key), "")
            m.add(over >= n - max(need, 0))
            lits.append(over)
            coefs.append(wo)


def _coarse(coefs: list[int]) -> list[int]:
    """A coarse objective (−10…10, same signs and order): the first-solution search
    (feasibility jump) finds a row several times sooner than with the raw weights
    (Instance24: ~0.1 s instead of ~0.45 s per person-year)."""
    top = max(abs(c) for c in coefs) or 1
    return [0 if c == 0 else (1 if c > 0 else -1) * (1 + abs(c) * 9 // top) for c in coefs]


def construct_fast(
    inst: CurtoisInstance,
    time_limit: float,
    *,
    seed: int = 0,
    workers: int = 2,
    improve: bool = True,
    on_improve: Callable[[int, float], None] | None = None,
) -> Rows | None:
    """A valid roster built employee by employee with dedicated models, then (if ``improve``)
    improved by group re-solves until ``time_limit`` seconds have passed.

    ``on_improve(penalty, seconds)`` is called when the first complete roster exists and after
    every improvement (penalty from :func:`group_cost` deltas; the caller re-scores the result
    with the evaluator). None if some employee has no valid row (their rules are infeasible, or
    no row was found before the time ran out).
    """
    started = time.monotonic()
    data = _Data.of(inst)
    rng = random.Random(seed)
    ids = inst.staff_ids
    rows: Rows = {eid: [""] * inst.horizon for eid in ids}
    counts: Counts = {}
    per_person = min(PER_PERSON_MAX, max(PER_PERSON_MIN, CONSTRUCT_SHARE * time_limit / max(1, len(ids))))
    # Scarce people first: those with the fewest allowed shift types fill their cover early.
    order = sorted(ids, key=lambda e: sum(1 for _, k in data.employee[e].max_shifts if k > 0))
    people = {eid: Person.of(inst, data.employee[eid]) for eid in ids}
    by_dp = inst.horizon >= DP_FROM_DAYS
    for eid in order:
        # Long horizons: first the dynamic programme (no solver, tens of milliseconds for a
        # person-year), CP-SAT only for someone it finds no valid row for. Short ones: CP-SAT,
        # whose rows are better and still quick to find.
        row = (
            build_row(
                inst, people[eid], linear_cost(data, people[eid], counts), mixes=per_person >= MIXES_FROM
            )
            if by_dp
            else None
        )
        if row is None:
            row = _row_by_cpsat(data, eid, counts, started, time_limit, per_person, seed, workers)
        if row is None:
            return None  # INFEASIBLE (this person's rules admit no row), or out of time
        rows[eid] = row
        for d, code in enumerate(row):
            if code:
                counts[(d, code)] = counts.get((d, code), 0) + 1
    if on_improve is not None:
        on_improve(_penalty(data, rows), time.monotonic() - started)
    if not improve:
        return rows
    if by_dp:
        _improve_by_dp(data, people, rows, counts, started, time_limit, rng, on_improve)
    _improve(data, rows, counts, started, time_limit, rng, workers, on_improve)
    return rows


def _improve_by_dp(
    data: _Data,
    people: dict[str, Person],
    rows: Rows,
    counts: Counts,
    started: float,
    time_limit: float,
    rng: random.Random,
    on_improve: Callable[[int, float], None] | None,
) -> None:
    """Re-build single employees' rows by the dynamic programme against the others' cover,
    in random order, keeping a new row only when the exact penalty drops; until a whole pass
    gains nothing or ``DP_SHARE`` of the time is used. Each try costs milliseconds where a
    CP-SAT re-solve of a person-year costs most of a second."""
    current = _penalty(data, rows) if on_improve is not None else 0
    deadline = started + DP_SHARE * time_limit
    ids = list(rows)
    while time.monotonic() < deadline:
        gained = False
        for eid in rng.sample(ids, len(ids)):
            if time.monotonic() >= deadline:
                return
            others = _without(counts, rows, [eid])
            row = build_row(data.inst, people[eid], linear_cost(data, people[eid], others))
            if row is None:
                continue
            before = group_cost(data, [eid], rows, others)
            after = group_cost(data, [eid], {eid: row}, others)
            if after < before:
                _take(rows, counts, others, {eid: row})
                gained = True
                current -= before - after
                if on_improve is not None:
                    on_improve(current, time.monotonic() - started)
        if not gained:
            return


def _without(counts: Counts, rows: Rows, group: list[str]) -> Counts:
    """The counts of everybody but ``group`` (a copy)."""
    others = dict(counts)
    for eid in group:
        for d, code in enumerate(rows[eid]):
            if code:
                others[(d, code)] -= 1
    return others


def _take(rows: Rows, counts: Counts, others: Counts, got: Rows) -> None:
    """Give the people in ``got`` their new rows; ``counts`` becomes ``others`` plus those."""
    for eid, row in got.items():
        rows[eid] = row
        for d, code in enumerate(row):
            if code:
                others[(d, code)] = others.get((d, code), 0) + 1
    counts.clear()
    counts.update(others)


def _row_by_cpsat(
    data: _Data,
    eid: str,
    counts: Counts,
    started: float,
    time_limit: float,
    per_person: float,
    seed: int,
    workers: int,
) -> list[str] | None:
    """The person's row from their CP-SAT model, or None (no row, or out of time)."""
    left = time_limit - (time.monotonic() - started)
    # The light presolve finds most rows in ~0.3 s, but on tightly bounded people
    # (Instance22: a 960-minute window over a year) it can take 10 s or more where
    # CP-SAT's default presolve needs about 1 s: a short try, then the default.
    status, got = solve_group(
        data,
        [eid],
        counts,
        min(max(0.1, left), QUICK_TRY),
        seed=seed,
        workers=workers,
        enough=per_person,
        coarse=True,
    )
    if got is None and status != "INFEASIBLE":
        left = time_limit - (time.monotonic() - started)
        status, got = solve_group(
            data,
            [eid],
            counts,
            max(0.1, left),
            seed=seed,
            workers=workers,
            enough=per_person,
            coarse=True,
            quick=False,
        )
    return None if got is None else got[eid]


def linear_cost(data: _Data, person: Person, counts: Counts) -> np.ndarray:
    """``cost[d, j]``: the exact change in the benchmark penalty when the person works their
    allowed shift ``j`` on day ``d``, all else equal, given the others' ``counts``: their
    requests (−w for an on-request met, +w for an off-request broken) and the cover row
    (−wu while it is short, +wo once it is full)."""
    h = data.inst.horizon
    col = {s: j for j, s in enumerate(person.shifts)}
    cost = np.zeros((h, len(person.shifts)))
    for j, s in enumerate(person.shifts):
        for d in range(h):
            row = data.cover.get((d, s))
            if row is not None:
                r, wu, wo = row
                cost[d, j] = -wu if counts.get((d, s), 0) < r else wo
    eid = person.employee.id
    for d, s, w in data.on.get(eid, ()):
        if s in col:
            cost[d, col[s]] -= w
    for d, s, w in data.off.get(eid, ()):
        if s in col:
            cost[d, col[s]] += w
    return cost


def _penalty(data: _Data, rows: Rows) -> int:
    everyone = list(rows)
    return group_cost(data, everyone, rows, {}) + sum(wu * r for (r, wu, _) in data.cover.values())


def _improve(
    data: _Data,
    rows: Rows,
    counts: Counts,
    started: float,
    time_limit: float,
    rng: random.Random,
    workers: int,
    on_improve: Callable[[int, float], None] | None,
) -> None:
    """Re-solve single employees (exact, linear) in random order; after a pass without gain,
    groups of 2–4 employees who share a shift type; back to singles after a gain."""
    ids = list(rows)
    current = _penalty(data, rows) if on_improve is not None else 0
    size = 1
    by_shift: dict[str, list[str]] = {}
    for e in data.inst.staff:
        for s, k in e.max_shifts:
            if k > 0:
                by_shift.setdefault(s, []).append(e.id)
    while True:
        gained = False
        queue = [[e] for e in rng.sample(ids, len(ids))] if size == 1 else []
        if size > 1:
            for _ in range(len(ids) // size):
                pool = by_shift[rng.choice(sorted(by_shift))]
                queue.append(rng.sample(pool, min(size, len(pool))))
        for group in queue:
            left = time_limit - (time.monotonic() - started)
            limit = min(left - 0.05, 0.2 * size + 0.1)
            if limit < 0.05:
                return
            others = _without(counts, rows, group)
            _, got = solve_group(
                data,
                group,
                others,
                limit,
                seed=rng.randrange(1 << 30),
                workers=workers,
                hint={e: rows[e] for e in group},
            )
            if got is None:
                continue
            before = group_cost(data, group, rows, others)
            after = group_cost(data, group, got, others)
            if after < before:
                _take(rows, counts, others, got)
                gained = True
                current -= before - after
                if on_improve is not None:
                    on_improve(current, time.monotonic() - started)
        size = 1 if gained and size > 1 else (min(4, size + 1) if not gained else size)
