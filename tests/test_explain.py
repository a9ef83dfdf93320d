"""explain_infeasible: pre-checks name the workbook row; the conflict search names rules and people."""

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
from roster_solver.explain import explain_infeasible, precheck
from roster_solver.roster import Status
from tests.factories import EARLY, NIGHT, day, demand, make_problem, person, shift, wish

LATE = shift("L", "15:00", "23:00", not_followed_by=("E",), src=Src("Shifts", 3))
SHIFTS = (EARLY, LATE, NIGHT)


def basic() -> list:
    return [OneShiftPerDay(), Availability()]


def test_two_pins_against_not_followed_by_name_person_days_and_rows() -> None:
    pins = [Fixed(staff="b", date=day(0), shift="L", src=Src("Fixed", 2)),
            Fixed(staff="b", date=day(1), shift="E", src=Src("Fixed", 3))]
    pb = make_problem(staff=[person("a"), person("b")], shifts=SHIFTS, fixed=pins)
    fams = [*basic(), ShiftSequence(), ContractHours()]
    assert solve(pb, families=fams, time_limit=10, workers=2).status is Status.INFEASIBLE
    assert explain_infeasible(pb, fams, time_limit=10) == [
        "These hard rules cannot all be met together: availability, Fixed pins and must/never/only "
        "wishes [availability]; shift order (Shifts not_followed_by) [shift_sequence].",
        "For b: availability, Fixed pins and must/never/only wishes [availability] on Mon 2026-01-05, "
        "Tue 2026-01-06; shift order (Shifts not_followed_by) [shift_sequence] on Mon 2026-01-05 to "
        "Tue 2026-01-06; see Fixed row 2 (L on Mon 2026-01-05), Fixed row 3 (E on Tue 2026-01-06), "
        "Shifts row 3 (not_followed_by).",
    ]


def test_search_names_limits_rows() -> None:
    # Only nights, no weekends: 10 weekdays, but the Limits row asks for 11 nights.
    p = person("a", shifts=("N",), max_weekends=0, src=Src("Staff", 2))
    pb = make_problem(staff=[p], limits=[Limit(staff="a", shift="N", min=11, src=Src("Limits", 5))])
    fams = [*basic(), StaffLimits()]
    assert precheck(pb, fams) == []  # 14 nights are possible before weekends are ruled out
    assert explain_infeasible(pb, fams, time_limit=10) == [
        "This hard rule cannot be met: per-person limits (Limits sheet, Staff max_weekends) "
        "[staff_limits].",
        "For a: per-person limits (Limits sheet, Staff max_weekends) [staff_limits] on "
        "Sat 2026-01-10 to Sun 2026-01-11, Sat 2026-01-17 to Sun 2026-01-18; see Limits row 5, "
        "Staff row 2 (max_weekends).",
    ]


def test_pin_against_a_never_wish_is_a_precheck() -> None:
    pb = make_problem(staff=[person("a")], wishes=[wish("a", "mon", "never")],
                      fixed=[Fixed(staff="a", date=day(7), shift="E", src=Src("Fixed", 4))])
    assert explain_infeasible(pb, basic(), time_limit=5) == [
        "Fixed row 4: a is pinned to E in CEN on Mon 2026-01-12, but that cannot be worked: "
        "not available in this window (wish)."
    ]


def test_must_wish_on_an_absence_day_does_not_reveal_the_reason() -> None:
    sick = Absence(staff="a", start_date=day(2), end_date=day(3), type="sick")
    pb = make_problem(staff=[person("a")], absences=[sick], wishes=[wish("a", "wed,thu", "must")])
    lines = explain_infeasible(pb, basic(), time_limit=5)
    assert lines == [
        "Wishes: a must work a shift on Wed 2026-01-07, Thu 2026-01-08, but cannot work it that "
        "day (absent)."
    ]
    assert "sick" not in " ".join(lines)


def test_min_hours_above_what_can_be_worked() -> None:
    leave = Absence(staff="a", start_date=day(0), end_date=day(9))
    p = person("a", min_hours=31, max_hours=40, src=Src("Staff", 6))
    pb = make_problem(staff=[p], absences=[leave])
    assert explain_infeasible(pb, [*basic(), ContractHours()], time_limit=5) == [
        "Staff row 6: a must be planned at least 31 h (min_hours), but can work at most 30 h in the "
        "horizon (absence, employment dates, allowed shifts and days)."
    ]


def test_forbidden_shortage_names_the_demand_row() -> None:
    pb = make_problem(staff=[person("a"), person("b")], shortage="forbid",
                      demand=[demand(days="sat", min=3, src=Src("Demand", 4))])
    fams = [*basic(), Coverage()]
    assert solve(pb, families=fams, time_limit=10, workers=2).status is Status.INFEASIBLE
    assert explain_infeasible(pb, fams, time_limit=5) == [
        "Demand row 4: CEN needs at least 3 people on Sat 2026-01-10 08:00–12:00 (shortage = "
        "forbid), but only 2 could ever be there then (availability, absence, allowed areas, skills "
        "and shifts); the same holds at 1 other time."
    ]


def test_feasible_problem_says_so_within_the_time_limit() -> None:
    pb = make_problem(staff=[person("a")], shifts=SHIFTS)
    started = time.monotonic()
    lines = explain_infeasible(pb, [*basic(), ShiftSequence()], time_limit=2)
    assert time.monotonic() - started < 3
    assert lines == ["Every hard rule can be met in this analysis; the solver may have stopped early. "
                     "Try a longer time limit."]
