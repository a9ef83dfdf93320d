"""The product's solve on a small Curtois & Qu instance."""

from __future__ import annotations

from roster_solver.benchmarks.runner import solve_instance
from tests.benchmarks.test_curtois import instance, pytestmark  # noqa: F401


def test_the_products_solve_on_a_benchmark_instance_is_judged_by_the_evaluator() -> None:
    """``roster bench curtois`` runs the product's solve (its neighbourhood search included);
    the evaluator and the engine's checker must agree with its objective."""
    inst = instance(4)
    res = solve_instance(inst, time_limit=8, workers=2, strategy="solve")
    assert res.status in ("FEASIBLE", "OPTIMAL"), res.violations
    assert res.violations == [] and res.objective == res.penalty
    assert res.objective >= 1716  # the proven optimum
