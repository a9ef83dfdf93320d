"""The coverage family: exact penalties, forbid vs report, and the solver's share of the objective."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.coverage import Coverage
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.coverage import coverage_table, shortfall_summary
from roster_solver.domain import Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Penalty, Status
from tests.factories import day, demand, make_problem, person, roster

COV = Coverage()


def families():
    return [OneShiftPerDay(), Availability(), Coverage()]


def run(pb):
    return solve(pb, families=families(), time_limit=10, workers=2)


def test_one_person_short_of_target_for_four_hours_costs_400_points():
    pb = make_problem(
        weeks=1, staff=[person("a")], demand=[demand(days="mon", start="08:00", end="12:00", min=0, target=2)]
    )
    assert COV.penalty(pb, roster(("a", 0, "E"))) == [
        Penalty(
            rule="coverage",
            cost=24000,
            amount=4.0,
            reason="CEN on Mon 5 Jan 08:00–12:00: 1 on duty, target 2 (4 person-hours)",
            date=date(2026, 1, 5),
            area="CEN",
            key="weight.short_of_target",
        )
    ]
    assert COV.penalty(pb, roster(("a", 0, "E")))[0].points == 400


def test_unmet_minimum_costs_short_of_min_and_short_of_target_under_report():
    pb = make_problem(weeks=1, demand=[demand(days="mon", start="08:00", end="10:00", min=1)])
    pens = COV.penalty(pb, roster())
    assert [(p.key, p.cost, p.amount) for p in pens] == [
        ("weight.short_of_min", 10000 * 120, 2.0),
        ("weight.short_of_target", 100 * 120, 2.0),
    ]
    assert pens[0].reason == "CEN on Mon 5 Jan 08:00–10:00: 0 on duty, minimum 1 (2 person-hours)"
    assert COV.check(pb, roster()) == []


def test_over_max_and_row_weights():
    pb = make_problem(
        weeks=1,
        staff=[person("a"), person("b"), person("c")],
        demand=[
            demand(days="mon", start="08:00", end="11:00", min=0, max=1, weight_over=4),
            demand(area="*", days="mon", start="08:00", end="09:00", min=0, target=5, weight_under=7),
        ],
    )
    pens = COV.penalty(pb, roster(("a", 0, "E"), ("b", 0, "E"), ("c", 0, "E")))
    assert [(p.area, p.key, p.cost, p.amount) for p in pens] == [
        ("*", "weight.short_of_target", 7 * 2 * 60, 2.0),
        ("CEN", "weight.over_max", 4 * 2 * 180, 6.0),
    ]
    assert pens[0].reason == "all areas on Mon 5 Jan 08:00–09:00: 3 on duty, target 5 (2 person-hours)"


def test_shift_requirement_penalties_are_per_person():
    pb = make_problem(
        weeks=1,
        staff=[person("a")],
        demand=[demand(days="fri", start=None, end=None, shift="N", min=1, target=3)],
    )
    pens = COV.penalty(pb, roster(("a", 4, "N")))
    assert pens == [
        Penalty(
            rule="coverage",
            cost=100 * 60 * 2,
            amount=2.0,
            reason="CEN on Fri 9 Jan, shift N: 1 on N, target 3 (2 people)",
            date=date(2026, 1, 9),
            area="CEN",
            key="weight.short_of_target",
        )
    ]
    assert [(p.key, p.cost) for p in COV.penalty(pb, roster())] == [
        ("weight.short_of_min", 10000 * 60),
        ("weight.short_of_target", 100 * 60 * 3),
    ]


def test_forbid_check_names_area_date_and_local_times_merging_adjacent_segments():
    pb = make_problem(
        weeks=1,
        shortage="forbid",
        staff=[person("a")],
        demand=[
            demand(days="mon", start="22:00", end="02:00", min=1),  # split at 23:00 by L/N
            demand(days="tue", start="08:00", end="10:00", min=2, skill="dog"),
            demand(days="fri", start=None, end=None, shift="N", min=1),
        ],
    )
    msgs = [str(v) for v in COV.check(pb, roster(("a", 1, "E")))]
    assert msgs == [
        "[coverage · 2026-01-05 · CEN] CEN 2026-01-05 22:00–02:00: 0 planned, minimum 1",
        "[coverage · 2026-01-09 · CEN] CEN 2026-01-09 shift N: 0 planned, minimum 1",
        "[coverage · 2026-01-06 · CEN] CEN (dog) 2026-01-06 08:00–10:00: 0 planned, minimum 2",
    ]
    # under forbid the minimum is hard: no short_of_min penalty, the target is still reported
    assert {p.key for p in COV.penalty(pb, roster())} == {"weight.short_of_target"}
    ok = make_problem(
        weeks=1,
        shortage="forbid",
        staff=[person("a"), person("b")],
        demand=[demand(days="mon", start="22:00", end="02:00", min=1)],
    )
    assert len(COV.check(ok, roster(("a", 0, "L")))) == 1  # 23:00–02:00 still short
    assert COV.check(ok, roster(("a", 0, "L"), ("b", 0, "N"))) == []


def test_solver_meets_the_target_when_it_can():
    pb = make_problem(
        weeks=1, staff=[person("a")], demand=[demand(days="mon", start="08:00", end="12:00", min=0, target=1)]
    )
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert res.objective == 0
    assert [a.shift for a in res.roster.assignments if a.date == day(0)] == ["E"]


def test_forbid_is_infeasible_when_the_minimum_cannot_be_met():
    pb = make_problem(
        weeks=1,
        shortage="forbid",
        staff=[person("a")],
        demand=[demand(days="mon", start="08:00", end="12:00", min=2)],
    )
    assert run(pb).status == Status.INFEASIBLE


def test_report_gives_a_roster_with_the_shortfall_visible():
    pb = make_problem(
        weeks=1, staff=[person("a")], demand=[demand(days="mon", start="08:00", end="12:00", min=2)]
    )
    res = run(pb)
    assert res.status == Status.OPTIMAL
    # one person missing for 4 h: minimum (10000/h) and target (100/h), in cost units per minute
    assert res.objective == 240 * 10000 + 240 * 100
    table = coverage_table(pb, res.roster)
    assert [(r.planned, r.short_of_min, r.short_of_target) for r in table] == [(1, 1, 1)]
    assert shortfall_summary(pb, res.roster) == {"CEN": 240}
    assert sum(p.cost for p in COV.penalty(pb, res.roster)) == res.family_costs["coverage"]
    assert COV.check(pb, res.roster) == []


def test_solver_share_equals_recomputed_penalty_on_a_mixed_problem():
    staff = [person("a", skills=frozenset({"dog"})), person("b"), person("c", area="NRD")]
    pb = make_problem(
        weeks=1,
        areas=("CEN", "NRD"),
        staff=staff,
        fixed=[
            Fixed(staff="b", date=day(2), shift="E"),
            Fixed(staff="a", date=day(2), shift="E"),
            Fixed(staff="c", date=day(2), shift="E", area="NRD"),
        ],
        demand=[
            demand(days="mon-wed", start="06:00", end="10:00", min=1, target=2, max=1),
            demand(area="*", days="all", start="20:00", end="01:00", min=1, target=2),
            demand(days="wed", start="12:00", end="13:00", min=1, skill="dog", weight_under=300),
            demand(area="NRD", days="sat", start=None, end=None, shift="L", min=1, target=2),
        ],
    )
    res = run(pb)
    assert res.status == Status.OPTIMAL
    pens = COV.penalty(pb, res.roster)
    assert sum(p.cost for p in pens) == res.family_costs["coverage"] == res.objective
    assert COV.check(pb, res.roster) == []


def test_forbid_hard_minimum_is_met_by_the_solver():
    pb = make_problem(
        weeks=1,
        shortage="forbid",
        staff=[person("a"), person("b")],
        demand=[demand(days="mon", start="08:00", end="12:00", min=2, target=3)],
    )
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert res.objective == 240 * 100  # the third person is missing: target only
    assert [r.planned for r in coverage_table(pb, res.roster)] == [2]
    assert COV.check(pb, res.roster) == []
