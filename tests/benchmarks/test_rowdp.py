"""The row dynamic programme of ``roster_solver.benchmarks.rowdp`` (first rows without a solver)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from roster_solver.benchmarks.curtois import CurtoisInstance, Employee, ShiftType
from roster_solver.benchmarks.evaluate import employee_violations, evaluate
from roster_solver.benchmarks.fast import _Data, construct_fast, counts_of, group_cost, linear_cost
from roster_solver.benchmarks.rowdp import Person, _pattern, _weekends, build_row
from tests.benchmarks.test_curtois import instance, pytestmark  # noqa: F401


def one_person(
    horizon: int,
    shifts: tuple[ShiftType, ...],
    limits: dict[str, int],
    *,
    max_minutes: int,
    min_minutes: int,
    max_cons: int = 5,
    min_cons: int = 2,
    min_off: int = 2,
    max_weekends: int = 4,
    days_off: tuple[int, ...] = (),
) -> tuple[CurtoisInstance, Employee]:
    e = Employee(
        "A",
        tuple((s.id, limits.get(s.id, horizon)) for s in shifts),
        max_minutes,
        min_minutes,
        max_cons,
        min_cons,
        min_off,
        max_weekends,
    )
    inst = CurtoisInstance("one", horizon, shifts, (e,), {"A": days_off})
    return inst, e


def row_cost(person: Person, cost: np.ndarray, row: list[str]) -> float:
    col = {s: j for j, s in enumerate(person.shifts)}
    return float(sum(cost[d, col[c]] for d, c in enumerate(row) if c))


def brute_force(inst: CurtoisInstance, e: Employee, person: Person, cost: np.ndarray) -> float | None:
    """The cheapest valid row by enumerating every row (tiny horizons only)."""
    best = None
    for combo in itertools.product(["", *person.shifts], repeat=inst.horizon):
        row = list(combo)
        if employee_violations(inst, e, row):
            continue
        c = row_cost(person, cost, row)
        best = c if best is None else min(best, c)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_one_shift_type_without_multipliers_gives_the_optimum(seed: int) -> None:
    # One shift type, MaxWeekends not binding: the pattern programme is exact, so the row is
    # the cheapest valid one (runs, days off, the edge exemptions and the minutes window).
    inst, e = one_person(
        14,
        (ShiftType("D", 480, ()),),
        {},
        max_minutes=9 * 480,
        min_minutes=6 * 480,
        max_cons=4,
        min_cons=2,
        min_off=2,
        days_off=(3,) if seed % 2 else (),
    )
    person = Person.of(inst, e)
    cost = np.random.default_rng(seed).uniform(-10, 10, size=(14, 1)).round(1)
    row = build_row(inst, person, cost)
    assert row is not None and employee_violations(inst, e, row) == []
    assert row_cost(person, cost, row) == pytest.approx(brute_force(inst, e, person, cost))


def test_successions_and_minutes_hold_with_two_shift_types() -> None:
    # N may not be followed by D; the minutes window only fits a mix of 8 h and 12 h shifts.
    shifts = (ShiftType("D", 480, ()), ShiftType("N", 720, ("D",)))
    inst, e = one_person(
        10,
        shifts,
        {},
        max_minutes=3 * 480 + 3 * 720,
        min_minutes=3 * 480 + 3 * 720,
        max_cons=4,
        min_cons=1,
        min_off=1,
    )
    person = Person.of(inst, e)
    cost = np.random.default_rng(3).uniform(-10, 10, size=(10, 2)).round(1)
    row = build_row(inst, person, cost)
    assert row is not None and employee_violations(inst, e, row) == []
    assert sum(480 if c == "D" else 720 for c in row if c) == 3 * 480 + 3 * 720
    # (a decomposition, days first and then shift types: with mixed lengths it can miss the
    # optimum, so only validity is asserted here)


def test_max_shifts_excess_is_repaired_to_the_limit() -> None:
    # E is much cheaper every day but may be worked 3 times: exactly 3 E, the rest D.
    shifts = (ShiftType("D", 480, ()), ShiftType("E", 480, ()))
    inst, e = one_person(14, shifts, {"E": 3}, max_minutes=8 * 480, min_minutes=8 * 480)
    person = Person.of(inst, e)
    cost = np.column_stack([np.full(14, -1.0), np.full(14, -20.0)])
    row = build_row(inst, person, cost)
    assert row is not None and employee_violations(inst, e, row) == []
    assert row.count("E") == 3 and row.count("D") == 5


def test_max_weekends_binds_without_dropping_every_weekend() -> None:
    # Weekend days are worth three times a weekday, and every weekend the same: the person
    # works both days of exactly 2 of the 4 weekends (the limit), not none.
    inst, e = one_person(
        28,
        (ShiftType("D", 480, ()),),
        {},
        max_minutes=16 * 480,
        min_minutes=10 * 480,
        max_cons=7,
        min_cons=1,
        min_off=1,
        max_weekends=2,
    )
    person = Person.of(inst, e)
    cost = np.array([[-30.0] if d % 7 in (5, 6) else [-10.0] for d in range(28)])
    row = build_row(inst, person, cost)
    assert row is not None and employee_violations(inst, e, row) == []
    assert _weekends(np.array([bool(c) for c in row])) == 2
    assert sum(1 for d, c in enumerate(row) if c and d % 7 in (5, 6)) == 4


def test_no_weekends_at_all() -> None:
    inst, e = one_person(
        14, (ShiftType("D", 480, ()),), {}, max_minutes=10 * 480, min_minutes=6 * 480, max_weekends=0
    )
    row = build_row(inst, Person.of(inst, e), np.full((14, 1), -10.0))
    assert row is not None and not any(row[d] for d in (5, 6, 12, 13))


def test_the_pattern_traced_has_the_number_of_days_asked_for() -> None:
    inst = instance(4)
    e = inst.staff[0]
    person = Person.of(inst, e)
    day_cost = np.random.default_rng(0).uniform(-5, 5, size=inst.horizon)
    finals, trace = _pattern(person, day_cost, np.zeros(inst.horizon // 7 + 1), inst.horizon)
    for n in np.flatnonzero(np.isfinite(finals)):
        work = trace(int(n))
        assert work.sum() == n
        assert day_cost[work].sum() == pytest.approx(finals[n])


def test_impossible_rules_give_none() -> None:
    # 10 shifts needed in 14 days, but at most 4 in a row with 2 days off between runs
    inst, e = one_person(
        14, (ShiftType("D", 480, ()),), {}, max_minutes=14 * 480, min_minutes=13 * 480, max_cons=4, min_off=2
    )
    assert build_row(inst, Person.of(inst, e), np.zeros((14, 1))) is None


def test_every_employee_of_instance13_gets_a_valid_row() -> None:
    inst = instance(13)
    data = _Data.of(inst)
    rng = np.random.default_rng(1)
    for e in inst.staff:
        person = Person.of(inst, e)
        row = build_row(inst, person, rng.uniform(-100, 100, size=(inst.horizon, len(person.shifts))))
        assert row is not None, e.id
        assert employee_violations(inst, e, row) == []
    # the linear cost is the exact change in the penalty for one person against the others
    rows = construct_fast(inst, 60, improve=False)  # returns once built (a few seconds)
    assert rows is not None
    eid = inst.staff_ids[0]
    others = counts_of(rows, {eid})
    person = Person.of(inst, data.employee[eid])
    cost = linear_cost(data, person, others)
    empty = dict(rows, **{eid: [""] * inst.horizon})
    assert row_cost(person, cost, rows[eid]) == evaluate(inst, rows).penalty - evaluate(inst, empty).penalty
    assert group_cost(data, [eid], rows, others) - group_cost(data, [eid], empty, others) == row_cost(
        person, cost, rows[eid]
    )


@pytest.mark.slow
def test_instance22_and_24_get_valid_rosters_within_60_seconds() -> None:
    from roster_solver.benchmarks.runner import solve_instance

    for n in (22, 24):
        res = solve_instance(instance(n), time_limit=60, workers=2)
        assert res.status == "FEASIBLE", res.violations
        assert res.violations == [] and res.objective == res.penalty
