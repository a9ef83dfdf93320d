"""contract_hours: hard upper band, soft lower band, deviation from the contract target."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.contract_hours import ContractHours
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Absence, Fixed, Src
from roster_solver.engine.solve import solve
from roster_solver.roster import COST_SCALE, Roster, Status
from tests.factories import EARLY, LATE, NIGHT, day, make_problem, pattern, person, shift

FAM = ContractHours()
DAY8 = shift("D", "07:00", "15:30")  # 8 h of work


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def early_days(n: int) -> Roster:
    return Roster.of(pattern("a", "E" * n))


# ---------------------------------------------------------------------------- checker


def test_no_violation_inside_band() -> None:
    pb = make_problem(staff=[person("a")])
    assert FAM.check(pb, early_days(10)) == []  # 75 h, band 64.8–79.2 h


def test_upper_band_violation_message() -> None:
    pb = make_problem(staff=[person("a")])
    got = FAM.check(pb, early_days(11))  # 82.5 h > 79.2 h
    assert [v.message for v in got] == [
        "planned 82.5 h, more than the maximum of 79.2 h (contract target 72 h + 10 %)"
    ]
    assert got[0].staff == "a"


def test_max_hours_and_min_hours_are_hard() -> None:
    p = person("a", max_hours=40, min_hours=30, src=Src("Staff", 4))
    pb = make_problem(staff=[p])
    assert [v.message for v in FAM.check(pb, early_days(6))] == [
        "planned 45 h, more than the maximum of 40 h (max_hours, Staff row 4)"
    ]
    assert [v.message for v in FAM.check(pb, early_days(3))] == [
        "planned 22.5 h, less than the minimum of 30 h (min_hours, Staff row 4)"
    ]
    assert FAM.check(pb, early_days(5)) == []


def test_below_soft_band_is_no_violation() -> None:
    pb = make_problem(staff=[person("a")])
    assert FAM.check(pb, early_days(2)) == []


# ---------------------------------------------------------------------------- penalty


def test_exact_penalty_below_band() -> None:
    # target 72 h; planned 8 × 7.5 h = 60 h: deviation 12 h × 5 = 60 points,
    # band 64.8 h → 4.8 h below × 50 = 240 points.
    pb = make_problem(staff=[person("a")])
    pens = FAM.penalty(pb, early_days(8))
    assert [(p.key, p.cost, p.amount, p.reason) for p in pens] == [
        (
            "weight.hours_under",
            240 * COST_SCALE,
            4.8,
            "planned 60 h, lower band 64.8 h (contract target 72 h − 10 %): 4.8 h below the band",
        ),
        ("weight.hours_deviation", 60 * COST_SCALE, 12.0, "planned 60 h, contract target 72 h: 12 h below"),
    ]
    assert all(p.staff == "a" and p.rule == "contract_hours" for p in pens)


def test_exact_penalty_above_target_inside_band() -> None:
    pb = make_problem(staff=[person("a")])
    pens = FAM.penalty(pb, early_days(10))
    assert [(p.key, p.cost, p.reason) for p in pens] == [
        ("weight.hours_deviation", 15 * COST_SCALE, "planned 75 h, contract target 72 h: 3 h above"),
    ]


def test_penalty_zero_on_target() -> None:
    pb = make_problem(staff=[person("a")], shifts=(DAY8,))
    assert FAM.penalty(pb, Roster.of(pattern("a", "DDDDD..DDDD"))) == []


def test_absence_credit_lowers_target() -> None:
    # Absent the whole first week: 5 × 7.2 h credited, target 36 h; 4 × 7.5 h = 30 h planned.
    leave = Absence(staff="a", start_date=day(0), end_date=day(6), type="leave")
    pb = make_problem(staff=[person("a")], absences=[leave])
    pens = FAM.penalty(pb, Roster.of(pattern("a", ".......EEEE")))
    # band 32.4 h: 2.4 h = 144 min below; 6 h = 360 min from the target.
    assert [(p.key, p.cost) for p in pens] == [
        ("weight.hours_under", 50 * 144),
        ("weight.hours_deviation", 5 * 360),
    ]


def test_profile_none_has_no_hours_rule() -> None:
    pb = make_problem(staff=[person("a")], profile="none")
    assert FAM.penalty(pb, early_days(1)) == []
    assert FAM.check(pb, early_days(14)) == []


# ---------------------------------------------------------------------------- solver


def test_solver_reaches_target_exactly_when_possible() -> None:
    pb = make_problem(staff=[person("a")], shifts=(EARLY, DAY8))
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert res.objective == 0
    assert ContractHours.planned_minutes(pb, res.roster)["a"] == 72 * 60


def test_solver_prefers_closest_to_target_and_matches_penalty() -> None:
    # Only 7.5 h shifts: 9 shifts = 67.5 h (4.5 h off), 10 shifts = 75 h (3 h off) → 10.
    pb = make_problem(staff=[person("a")], shifts=(EARLY, LATE, NIGHT))
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert len(res.roster) == 10
    assert res.objective == 15 * COST_SCALE
    assert sum(p.cost for p in FAM.penalty(pb, res.roster)) == res.objective
    assert res.family_costs == {"contract_hours": res.objective}
    assert FAM.check(pb, res.roster) == []


def pins(n: int) -> list[Fixed]:
    return [Fixed(staff="a", date=day(k), shift="E") for k in range(n)]


def test_upper_band_is_hard_in_the_model() -> None:
    p = person("a", max_hours=40)
    assert (
        solve(make_problem(staff=[p], fixed=pins(6)), families=families(), time_limit=10, workers=2).status
        is Status.INFEASIBLE
    )
    res = solve(make_problem(staff=[p], fixed=pins(5)), families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert len(res.roster) == 5


def test_min_hours_is_hard_in_the_model() -> None:
    leave = Absence(staff="a", start_date=day(0), end_date=date(2026, 1, 14))  # 10 days
    pb = make_problem(staff=[person("a", min_hours=31, max_hours=40)], absences=[leave])
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a", min_hours=30, max_hours=40)], absences=[leave])
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert len(res.roster) == 4
