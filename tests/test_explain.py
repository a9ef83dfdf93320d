"""explain: pre-checks name the workbook row; the conflict search names rules, people and rows."""

from __future__ import annotations

import time

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.contract_hours import ContractHours
from roster_solver.constraints.coverage import Coverage
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.shift_sequence import ShiftSequence
from roster_solver.constraints.staff_limits import StaffLimits
from roster_solver.domain import Absence, Fixed, Limit, Src
from roster_solver.engine.solve import solve
from roster_solver.explain import explain, explain_infeasible, precheck
from roster_solver.roster import Status
from tests.factories import EARLY, NIGHT, day, demand, make_problem, person, shift, wish

LATE = shift("L", "15:00", "23:00", not_followed_by=("E",), src=Src("Shifts", 3))
SHIFTS = (EARLY, LATE, NIGHT)


def basic() -> list:
    return [OneShiftPerDay(), Availability()]


def test_two_pins_against_not_followed_by_is_certain_before_solving() -> None:
    pins = [
        Fixed(staff="b", date=day(0), shift="L", src=Src("Fixed", 2)),
        Fixed(staff="b", date=day(1), shift="E", src=Src("Fixed", 3)),
    ]
    pb = make_problem(staff=[person("a"), person("b", src=Src("Staff", 3))], shifts=SHIFTS, fixed=pins)
    fams = [*basic(), ShiftSequence(), ContractHours()]
    assert solve(pb, families=fams, time_limit=10, workers=2).status is Status.INFEASIBLE
    assert explain_infeasible(pb, fams, time_limit=10) == [
        "b (Staff!A3) is fixed on L on Mon 5 Jan (Fixed!A2) and on E on Tue 6 Jan (Fixed!A3), but "
        "shift L may not be followed by E the next day (Shifts!A3 not_followed_by). Fix: move one "
        "of the two, or change not_followed_by."
    ]


def test_search_names_limits_rows() -> None:
    # Only nights, no weekends: 10 weekdays, but the Limits row asks for 11 nights.
    p = person("a", shifts=("N",), max_weekends=0, src=Src("Staff", 2))
    pb = make_problem(staff=[p], limits=[Limit(staff="a", shift="N", min=11, src=Src("Limits", 5))])
    fams = [*basic(), StaffLimits()]
    assert precheck(pb, fams) == []  # 14 nights are possible before weekends are ruled out
    why = explain(pb, fams, time_limit=10)
    assert why.minimal and not why.findings
    assert why.lines() == [
        "This hard rule cannot be met: per-person limits (Limits sheet, Staff max_weekends) [staff_limits].",
        "a (Staff!A2): per-person limits (Limits sheet, Staff max_weekends) [staff_limits] cannot "
        "hold on Sat 10 Jan to Sun 11 Jan, Sat 17 Jan to Sun 18 Jan; see Limits!A5, Staff!A2.",
    ]


def test_pin_against_a_never_wish_is_a_precheck() -> None:
    never = wish("a", "mon", "never").model_copy(update={"src": Src("Wishes", 3)})
    pb = make_problem(
        staff=[person("a")],
        wishes=[never],
        fixed=[Fixed(staff="a", date=day(7), shift="E", src=Src("Fixed", 4))],
    )
    assert explain_infeasible(pb, basic(), time_limit=5) == [
        "a is fixed on E in CEN on Mon 12 Jan (Fixed!A4), but that cannot be worked: not available "
        "in this window (wish) (never wish Wishes!A3). Fix: remove or move the pin, or the rule that "
        "blocks it."
    ]


def test_must_wish_on_an_absence_day_does_not_reveal_the_reason() -> None:
    sick = Absence(staff="a", start_date=day(2), end_date=day(3), type="sick")
    pb = make_problem(staff=[person("a")], absences=[sick], wishes=[wish("a", "wed,thu", "must")])
    lines = explain_infeasible(pb, basic(), time_limit=5)
    assert lines == [
        "a must work a shift on Wed 7 Jan, Thu 8 Jan (Wishes), but cannot work it that day "
        "(absent). Fix: remove or change the must wish, or the rule or absence that blocks it."
    ]
    assert "sick" not in " ".join(lines)


def test_min_hours_above_what_can_be_worked() -> None:
    leave = Absence(staff="a", start_date=day(0), end_date=day(9))
    p = person("a", min_hours=31, max_hours=40, src=Src("Staff", 6))
    pb = make_problem(staff=[p], absences=[leave])
    lines = explain_infeasible(pb, [*basic(), ContractHours()], time_limit=5)
    assert len(lines) == 1
    assert lines[0].startswith(
        "a (Staff!A6) must be planned at least 31 h (min_hours, Staff!A6), "
        "but can work at most 30 h in the horizon"
    )


def test_law_limits_the_hours_a_person_can_reach() -> None:
    # 4 weeks of 12-hour shifts: 7 a week would be 84 h, but max 6 days in a row and 60 h a week.
    long = shift("D", "07:00", "19:45", brk=45)
    p = person("a", min_hours=250, max_hours=300, src=Src("Staff", 2))
    pb = make_problem(staff=[p], shifts=(long,), weeks=4)
    from roster_solver.diagnose import diagnose

    found = [f for f in diagnose(pb) if f.kind == "min_hours"]
    assert len(found) == 1 and "at most 240 h" in found[0].message  # 4 × 60 h (+ no Sunday spill)


def test_forbidden_shortage_names_the_demand_row() -> None:
    pb = make_problem(
        staff=[person("a"), person("b")],
        shortage="forbid",
        demand=[demand(days="sat", min=3, src=Src("Demand", 4))],
    )
    fams = [*basic(), Coverage()]
    assert solve(pb, families=fams, time_limit=10, workers=2).status is Status.INFEASIBLE
    assert explain_infeasible(pb, fams, time_limit=5) == [
        "CEN needs at least 3 people on Sat 10 Jan 08:00–12:00 (Demand!A4), but only 2 could ever "
        "be there then (availability, absence, allowed areas, skills and shifts); the same holds at "
        "1 other time; under shortage = forbid no roster can meet it. Fix: lower the minimum, allow "
        "more people in this area (Staff areas), or move absence."
    ]


def test_shortage_report_makes_it_a_warning() -> None:
    pb = make_problem(staff=[person("a")], demand=[demand(days="sat", min=3)])
    why = explain(pb, [*basic(), Coverage()], time_limit=5)
    assert not why.errors and [f.kind for f in why.warnings] == ["area_minimum"]


def test_feasible_problem_says_so_within_the_time_limit() -> None:
    pb = make_problem(staff=[person("a")], shifts=SHIFTS)
    started = time.monotonic()
    lines = explain_infeasible(pb, [*basic(), ShiftSequence()], time_limit=2)
    assert time.monotonic() - started < 3
    assert lines == [
        "Every hard rule can be met in this analysis; the solver may have stopped early. "
        "Try a longer time limit."
    ]
