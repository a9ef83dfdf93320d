"""The Lagrangian lower bound over person rows: its pieces price staffing as the model does,
its master prices a roster as the checker does, and the bound never exceeds a proven optimum."""

from __future__ import annotations

import importlib
import time
from typing import Any

import pytest

from roster_solver.check import check_roster
from roster_solver.constraints import FAMILIES
from roster_solver.engine.bound import _Rounds, lower_bound, requirements
from roster_solver.engine.greedy import greedy_roster
from roster_solver.engine.solve import solve
from roster_solver.example import example_problem
from roster_solver.roster import COST_SCALE, Status
from tests.benchmarks.test_curtois import instance, pytestmark  # noqa: F401


def test_requirements_price_the_roster_as_the_checker_does() -> None:
    pb = example_problem()
    ros = greedy_roster(pb)
    chosen = {(a.staff, pb.day_index(a.date), a.shift, a.area) for a in ros.assignments}
    total = sum(r.cost(len(r.keys & chosen)) for r in requirements(pb))
    assert total == check_roster(pb, ros).cost_by_family()["coverage"] > 0


def test_master_with_the_rosters_rows_costs_what_the_checker_says() -> None:
    """With one row per person (the roster's), the LP has one solution: the roster, priced by
    the row costs and the requirements' pieces. It equals the checker's cost without the two
    families the relaxation leaves out."""
    pb = example_problem()
    ros = greedy_roster(pb)
    rounds = _Rounds(pb, ros, FAMILIES)
    assert rounds.seed(time.monotonic() + 60)
    value, duals = rounds.master.solve() or (None, [])
    costs = check_roster(pb, ros).cost_by_family()
    left_out = costs.get("fairness", 0) + costs.get("pairs", 0)
    assert costs["coverage"] > 0 and len(duals) == len(rounds.reqs)
    assert value == pytest.approx(sum(costs.values()) - left_out)


@pytest.mark.parametrize("number, optimum", [(1, 607), (2, 828)])
def test_bound_never_exceeds_the_proven_optimum(number: int, optimum: int) -> None:
    from roster_solver.benchmarks.curtois import to_problem

    pb = to_problem(instance(number))
    found = solve(pb, time_limit=6, workers=2)
    assert found.status.has_roster
    result = lower_bound(pb, found.roster, deadline=time.monotonic() + 8, upper=found.objective)
    assert result.rounds >= 1 and result.bound is not None
    assert 0 < result.bound <= optimum * COST_SCALE


def test_solve_with_prove_reports_a_valid_bound_and_its_method() -> None:
    from roster_solver.benchmarks.curtois import to_problem

    pb = to_problem(instance(4))
    result = solve(pb, time_limit=20, workers=2, prove=0.5)
    assert result.status.has_roster and result.bound is not None and result.objective is not None
    # A bound that reaches the roster's cost proves it optimal.
    assert result.status == (Status.OPTIMAL if result.bound >= result.objective else Status.FEASIBLE)
    # CP-SAT's own bound on Instance4 stays near 200; column generation reaches 1,715.9 in
    # about 12 s (the subgradient steps it replaced: 1,073 in 20 s).
    assert result.bound_method == "lagrangian"
    assert 1500 * COST_SCALE < result.bound <= 1716 * COST_SCALE <= (result.objective or 0)


def test_time_a_converged_bound_leaves_goes_back_to_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --prove, a bound that ends early (it converged) gives the rest of the time to the
    neighbourhood search, and the solve still ends within its limit."""
    from roster_solver.benchmarks.curtois import to_problem
    from roster_solver.engine.bound import BoundResult

    solve_module = importlib.import_module(
        "roster_solver.engine.solve"
    )  # the package's solve is the function

    calls: list[float] = []
    search = solve_module._Run._search

    def spy(self: Any, *args: Any) -> None:
        calls.append(time.monotonic())
        search(self, *args)

    monkeypatch.setattr(solve_module._Run, "_search", spy)
    monkeypatch.setattr(solve_module, "lower_bound", lambda *a, **k: BoundResult(bound=1 * COST_SCALE))
    started = time.monotonic()
    result = solve(to_problem(instance(5)), time_limit=12, workers=2, prove=0.5)
    assert result.status.has_roster and result.bound_method is not None
    assert len(calls) == 2 and calls[1] - started < 7.0  # the second search: in the bound's half
    assert time.monotonic() - started < 16.0
