"""home_area: each shift deployed outside the home area costs weight.outside_home_area."""

from __future__ import annotations

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.home_area import HomeArea
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Status
from tests.factories import day, make_problem, objective_range, person, roster, rules, wish

FAM = HomeArea()
U = 60
AREAS = ("CEN", "NRD")


def team(**kw):
    return make_problem(
        staff=[person("a", all_areas=True), person("b", "NRD", areas=("CEN",))], areas=AREAS, **kw
    )


def test_each_shift_outside_costs_three_points() -> None:
    pb = team()
    got = FAM.penalty(
        pb,
        roster(
            ("a", 0, "E"),
            ("a", 1, "E", "NRD"),
            ("a", 2, "L", "NRD"),
            ("b", 0, "E", "NRD"),
            ("b", 1, "E", "CEN"),
        ),
    )
    assert [(p.staff, p.date, p.area, p.cost, p.amount) for p in got] == [
        ("a", day(1), "NRD", 3 * U, 1),
        ("a", day(2), "NRD", 3 * U, 1),
        ("b", day(1), "CEN", 3 * U, 1),
    ]
    assert got[0].reason == "a works E in NRD, outside home area CEN"


def test_weight_zero_switches_it_off() -> None:
    pb = team(rules=rules(weight__outside_home_area=0))
    assert FAM.penalty(pb, roster(("a", 1, "E", "NRD"))) == []


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def test_solver_stays_in_the_home_area() -> None:
    pb = team(
        wishes=[
            wish("a", "mon", "must"),
            wish("b", "mon", "must"),
            wish("a", "tue-sun", "never"),
            wish("b", "tue-sun", "never"),
        ]
    )
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert sorted((a.staff, a.area) for a in res.roster.assignments) == [
        ("a", "CEN"),
        ("a", "CEN"),
        ("b", "NRD"),
        ("b", "NRD"),
    ]
    assert res.objective == 0


def test_pinned_outside_is_counted_in_the_objective() -> None:
    pb = team(
        fixed=[Fixed(staff="a", date=day(0), shift="E", area="NRD")],
        wishes=[wish("a", "tue-sun", "never"), wish("b", "all", "never")],
    )
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert res.family_costs == {"home_area": 3 * U}
    assert sum(p.cost for p in FAM.penalty(pb, res.roster)) == 3 * U


def test_objective_share_is_exact_on_any_roster() -> None:
    pb = team()
    ros = roster(("a", 0, "E", "NRD"), ("a", 1, "L"), ("b", 0, "N", "CEN"), ("b", 3, "E", "NRD"))
    assert objective_range(pb, ros, families()) == (2 * 3 * U, 2 * 3 * U)
