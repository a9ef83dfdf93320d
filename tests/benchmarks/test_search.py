"""The per-employee decomposition and the LNS on small Curtois & Qu instances."""

from __future__ import annotations

from roster_solver.benchmarks.construct import construct, sub_instance
from roster_solver.benchmarks.curtois import parse_instance, rows_from_roster, to_problem
from roster_solver.benchmarks.evaluate import evaluate
from roster_solver.check import check_roster
from roster_solver.engine.lns import improve
from roster_solver.engine.solve import solve
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


def test_lns_never_worsens_and_its_objective_is_the_checkers() -> None:
    inst = instance(4)
    pb = to_problem(inst)
    start = solve(pb, time_limit=2, workers=2, hint=False)
    assert start.status.has_roster and start.objective is not None
    result = improve(pb, start.roster, time_limit=5, workers=2, seed=1)
    assert result.status.has_roster and result.objective is not None
    assert result.objective <= start.objective
    report = check_roster(pb, result.roster)
    assert report.violations == []
    assert report.total_cost == result.objective
    ev = evaluate(inst, rows_from_roster(pb, result.roster))
    assert ev.violations == [] and ev.penalty * 60 == result.objective
