"""The per-employee decomposition and the product's solve on small Curtois & Qu instances."""

from __future__ import annotations

from roster_solver.benchmarks.construct import construct, sub_instance
from roster_solver.benchmarks.curtois import parse_instance
from roster_solver.benchmarks.evaluate import evaluate
from roster_solver.benchmarks.runner import solve_instance
from tests.benchmarks.test_curtois import TINY, instance, pytestmark  # noqa: F401


def test_sub_instance_keeps_the_residual_cover() -> None:
    inst = parse_instance(TINY, "tiny")
    rows = {"A": ["D"] * 3 + [""] * 11, "B": [""] * 14}
    sub = sub_instance(inst, ["B"], rows)
    assert [e.id for e in sub.staff] == ["B"]
    # B may only work D (N=0): the D rows remain, requirement 1 minus A's D on days 0-2.
    assert {c.shift for c in sub.cover} == {"D"}
    assert [c.requirement for c in sub.cover] == [0, 0, 0] + [1] * 11
    assert sub.off_requests == inst.off_requests and not sub.on_requests


def test_construct_gives_a_valid_roster() -> None:
    inst = instance(1)
    rows = construct(inst, 6, seed=0)
    assert rows is not None
    ev = evaluate(inst, rows)
    assert ev.violations == []
    assert ev.penalty >= 607  # the proven optimum


def test_the_products_solve_on_a_benchmark_instance_is_judged_by_the_evaluator() -> None:
    """``roster bench curtois`` runs the product's solve (its neighbourhood search included);
    the evaluator and the engine's checker must agree with its objective."""
    inst = instance(4)
    res = solve_instance(inst, time_limit=8, workers=2, strategy="solve")
    assert res.status in ("FEASIBLE", "OPTIMAL"), res.violations
    assert res.violations == [] and res.objective == res.penalty
    assert res.objective >= 1716  # the proven optimum
