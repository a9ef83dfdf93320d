"""The dedicated per-employee construction of ``roster_solver.benchmarks.fast``."""

from __future__ import annotations

import time

from roster_solver.benchmarks.curtois import parse_instance, roster_from_rows, to_problem
from roster_solver.benchmarks.evaluate import evaluate
from roster_solver.benchmarks.fast import _Data, construct_fast, counts_of, group_cost, solve_group
from roster_solver.benchmarks.runner import solve_instance
from roster_solver.check import check_roster
from roster_solver.roster import COST_SCALE
from tests.benchmarks.test_curtois import TINY, instance, pytestmark  # noqa: F401


def test_construction_alone_is_valid_within_seconds_on_instance8() -> None:
    inst = instance(8)
    begin = time.monotonic()
    seen: list[int] = []
    rows = construct_fast(inst, 8, improve=False, on_improve=lambda v, _s: seen.append(v))
    assert time.monotonic() - begin < 8
    assert rows is not None
    ev = evaluate(inst, rows)
    assert ev.violations == []
    # the construction's own running penalty is the evaluator's
    assert seen == [ev.penalty]
    # and the engine's checker on the engine's Problem agrees
    pb = to_problem(inst)
    report = check_roster(pb, roster_from_rows(pb, rows))
    assert report.violations == []
    assert report.total_cost == ev.penalty * COST_SCALE


def test_group_cost_differences_are_penalty_differences() -> None:
    inst = instance(8)
    data = _Data.of(inst)
    rows = construct_fast(inst, 5, improve=False)
    assert rows is not None
    group = inst.staff_ids[:3]
    others = counts_of(rows, set(group))
    changed = dict(rows)
    changed[group[0]] = [""] * inst.horizon  # a different row for one member
    delta = group_cost(data, group, changed, others) - group_cost(data, group, rows, others)
    assert delta == evaluate(inst, changed).penalty - evaluate(inst, rows).penalty


def test_a_single_employee_resolve_is_optimal_against_the_residual_cover() -> None:
    inst = parse_instance(TINY, "tiny")
    data = _Data.of(inst)
    others = {(d, "D"): 1 for d in range(3)}  # somebody else already covers D on days 0-2
    status, got = solve_group(data, ["B"], others, 5, workers=1)
    assert status == "OPTIMAL" and got is not None
    rows = {"A": ["D"] * 3 + [""] * 11, "B": got["B"]}
    ev = evaluate(inst, {"B": got["B"], "A": rows["A"]})
    assert all(not v.startswith("B:") for v in ev.violations)
    # no other row for B does better against the same others (checked on every single change)
    best = group_cost(data, ["B"], rows, others)
    for d in range(inst.horizon):
        for code in ("", "D"):
            trial = dict(rows)
            trial["B"] = [*got["B"][:d], code, *got["B"][d + 1 :]]
            if not [v for v in evaluate(inst, trial).violations if v.startswith("B:")]:
                assert group_cost(data, ["B"], trial, others) >= best


def test_runner_fast_strategy_reports_the_evaluators_penalty() -> None:
    inst = instance(9)
    res = solve_instance(inst, time_limit=6, workers=2, strategy="fast")
    assert res.status == "FEASIBLE", res.violations
    assert res.violations == []
    assert res.objective == res.penalty


def test_runner_fast_strategy_with_prove_reports_a_valid_bound() -> None:
    """The fast path leaves the last share of its time to the column-generation bound; on
    Instance2 (optimum 828) the bound is valid and far above CP-SAT's, which is not run here."""
    res = solve_instance(instance(2), time_limit=12, workers=2, strategy="fast", prove=0.5)
    assert res.status in ("FEASIBLE", "OPTIMAL"), res.violations
    assert res.bound is not None and 700 <= res.bound <= 828 <= (res.objective or 0)
    assert res.status == ("OPTIMAL" if res.bound == res.objective else "FEASIBLE")
