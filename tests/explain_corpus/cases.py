"""The explain corpus: small problems built in code, written to workbooks at test time.

``INFEASIBLE``: one problem per collision kind of :mod:`roster_solver.diagnose` (certain:
``validate`` and ``solve`` exit 3 before solving), plus ``SOLVER`` problems that only the
solver's conflict search explains. Each case lists the kind, the rule key and the workbook
cells the explanation must name. Rows follow from the order in which
:func:`write_input_workbook` writes records: Staff, Fixed, Wishes, ... from row 2 in the order
given here.

``TIGHT``: feasible problems right at the edge of the same rules (exactly 46 h after three
nights, exactly six days in a row, exactly enough people, ...): no error may be reported and
the solve must succeed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from roster_solver.domain import Absence, Fixed, Limit, Problem
from tests.factories import EARLY, LATE, NIGHT, day, demand, make_problem, person, shift, wish

EVENING = shift("V", "19:00", "23:00", brk=0)
LATE_NF = shift("L", "15:00", "23:00", not_followed_by=("E",))
DAY_SHIFTS = (EARLY, LATE)
WEEKDAY_SHIFTS = (shift("E", "07:00", "15:00", days="mon-fri"), shift("L", "15:00", "23:00", days="mon-fri"))


def pin(staff: str, k: int, code: str) -> Fixed:
    return Fixed(staff=staff, date=day(k), shift=code)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # diagnose kind (or the family for SOLVER cases)
    rule: str  # rule key or words the explanation must name
    build: Callable[[], Problem]
    cells: tuple[str, ...]  # workbook cells the explanation must name
    absent: tuple[str, ...] = ()  # words it must not show (personal absence reasons)


INFEASIBLE: tuple[Case, ...] = (
    Case(
        "window_no_shift_spans",
        "demand_no_shift",
        "no shift in the Shifts sheet spans",
        lambda: make_problem(
            staff=[person("a")],
            shifts=DAY_SHIFTS,
            shortage="forbid",
            demand=[demand(days="mon", start="05:00", end="08:00")],
        ),
        ("Demand!A2",),
    ),
    Case(
        "day_no_shift",
        "demand_no_shift_day",
        "may not be used on that day",
        lambda: make_problem(
            staff=[person("a")],
            shifts=WEEKDAY_SHIFTS,
            shortage="forbid",
            demand=[demand(days="mon"), demand(days="sat", start="16:00", end="20:00")],
        ),
        ("Demand!A3", "Shifts!F3"),
    ),
    Case(
        "skill_absent",
        "skill_unavailable",
        "skill dog",
        lambda: make_problem(
            staff=[person("a", skills=frozenset({"dog"})), person("b")],
            shortage="forbid",
            absences=[Absence(staff="a", start_date=day(2), end_date=day(2), type="sick")],
            demand=[demand(days="2026-01-07", skill="dog")],
        ),
        ("Demand!A2",),
        ("sick",),
    ),
    Case(
        "area_minimum",
        "area_minimum",
        "only 1 could ever be there",
        lambda: make_problem(
            staff=[person("a"), person("b", area="NRD")],
            areas=("CEN", "NRD"),
            shortage="forbid",
            demand=[demand("NRD", days="sat", min=2)],
        ),
        ("Demand!A2",),
    ),
    Case(
        "min_hours",
        "min_hours",
        "min_hours",
        lambda: make_problem(
            staff=[person("a"), person("b", min_hours=31, max_hours=40)],
            absences=[Absence(staff="b", start_date=day(0), end_date=day(9))],
        ),
        ("Staff!I3", "Absence!A2", "b (Staff!A3)"),
    ),
    Case(
        "pins_over_max_hours",
        "hours_band",
        "max_hours",
        lambda: make_problem(staff=[person("a", max_hours=30)], fixed=[pin("a", k, "E") for k in range(5)]),
        ("Fixed!A2", "Fixed!A5"),
    ),
    Case(
        "pin_never_wish",
        "pin_unworkable",
        "never",
        lambda: make_problem(
            staff=[person("a")], wishes=[wish("a", "mon", "never")], fixed=[pin("a", 7, "E")]
        ),
        ("Fixed!A2", "Staff!A2", "Wishes!A2"),
    ),
    Case(
        "pin_on_absence",
        "pin_unworkable",
        "absent",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 2, "E")],
            absences=[Absence(staff="a", start_date=day(2), end_date=day(3), type="sick")],
        ),
        ("Fixed!A2", "Staff!A2"),
        ("sick",),
    ),
    Case(
        "pin_night_under_age",
        "pin_night_age",
        "min_age_nights",
        lambda: make_problem(
            staff=[person("a"), person("y", birth_date=date(2008, 6, 1))], fixed=[pin("y", 3, "N")]
        ),
        ("Fixed!A2", "Staff!O3"),
    ),
    Case(
        "must_on_absence",
        "must_unworkable",
        "absent",
        lambda: make_problem(
            staff=[person("a")],
            wishes=[wish("a", "wed", "must")],
            absences=[Absence(staff="a", start_date=day(2), end_date=day(2), type="leave")],
        ),
        ("Wishes!A2", "Staff!A2"),
        ("leave",),
    ),
    Case(
        "must_night_no_nights",
        "must_unworkable",
        "no_nights",
        lambda: make_problem(
            staff=[person("a", no_nights=True)], wishes=[wish("a", "2026-01-08", "must", shift="N")]
        ),
        ("Wishes!A2",),
    ),
    Case(
        "off_pin_vs_must",
        "pin_vs_must",
        "must wish",
        lambda: make_problem(
            staff=[person("a")],
            wishes=[wish("a", "tue", "must")],
            fixed=[Fixed(staff="a", date=day(8), shift="off")],
        ),
        ("Fixed!A2", "Wishes!A2"),
    ),
    Case(
        "pins_daily_rest",
        "rest",
        "min_daily_rest_hours",
        lambda: make_problem(staff=[person("a"), person("b")], fixed=[pin("b", 0, "L"), pin("b", 1, "E")]),
        ("Fixed!A2", "Fixed!A3", "Staff!A3"),
    ),
    Case(
        "pins_rest_after_night",
        "rest",
        "min_rest_after_night_hours",
        lambda: make_problem(
            staff=[person("P1")], shifts=(EARLY, NIGHT, EVENING), fixed=[pin("P1", 0, "N"), pin("P1", 1, "V")]
        ),
        ("Fixed!A2", "Fixed!A3", "Staff!A2"),
    ),
    Case(
        "pins_after_night_series",
        "night_series_rest",
        "min_rest_after_night_series_hours",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 0, "N"), pin("a", 1, "N"), pin("a", 2, "N"), pin("a", 4, "E")],
        ),
        ("Fixed!A2", "Fixed!A4", "Fixed!A5"),
    ),
    Case(
        "pins_seven_days",
        "consecutive_days",
        "max_consecutive_days",
        lambda: make_problem(staff=[person("a")], fixed=[pin("a", k, "E") for k in range(7)]),
        ("Fixed!A2", "Staff!A2"),
    ),
    Case(
        "pins_not_followed_by",
        "not_followed_by",
        "not_followed_by",
        lambda: make_problem(
            staff=[person("a"), person("b")],
            shifts=(EARLY, LATE_NF, NIGHT),
            fixed=[pin("b", 0, "L"), pin("b", 1, "E")],
        ),
        ("Fixed!A2", "Fixed!A3", "Shifts!G3"),
    ),
    Case(
        "pins_over_limit",
        "limits",
        "Limits max",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 0, "N"), pin("a", 3, "N")],
            limits=[Limit(staff="a", shift="N", max=1)],
        ),
        ("Limits!C2", "Fixed!A2", "Fixed!A3"),
    ),
    Case(
        "pin_next_to_training",
        "rest",
        "rest cannot hold",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 1, "E")],
            absences=[
                Absence(
                    staff="a",
                    start_date=day(0),
                    end_date=day(0),
                    start_minute=14 * 60,
                    end_minute=22 * 60,
                    type="training",
                )
            ],
        ),
        ("Fixed!A2", "Absence!A2"),
        ("training",),
    ),
)

SOLVER: tuple[Case, ...] = (
    # Six early shifts Mon to Sat leave 33 h (Sat 15:00 to Mon 00:00) of weekly rest.
    Case(
        "six_pins_weekly_rest",
        "weekly_rest",
        "36 h weekly rest (min_weekly_rest_hours)",
        lambda: make_problem(staff=[person("a")], fixed=[pin("a", k, "E") for k in range(6)]),
        ("a (Staff!A2)", "Fixed!A2", "Fixed!A7"),
    ),
    # 10 weekdays but 11 nights asked, and no weekends: only the solver sees the two together.
    Case(
        "limits_and_weekends",
        "staff_limits",
        "Limits",
        lambda: make_problem(
            staff=[person("a", shifts=("N",), max_weekends=0)], limits=[Limit(staff="a", shift="N", min=11)]
        ),
        ("Limits!A2", "Staff!"),
    ),
    # One person cannot cover every morning of two weeks: at most 6 days in a row.
    Case(
        "one_person_every_day",
        "coverage",
        "days in a row",
        lambda: make_problem(
            staff=[person("a", hours=60)], shifts=DAY_SHIFTS, shortage="forbid", demand=[demand(days="all")]
        ),
        ("Demand!A2", "a (Staff!A2)"),
    ),
)

TIGHT: tuple[Case, ...] = (
    Case(
        "exactly_46h_after_nights",
        "",
        "",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 0, "N"), pin("a", 1, "N"), pin("a", 2, "N"), pin("a", 5, "E")],
        ),
        (),
    ),
    Case(
        "exactly_14h_after_night",
        "",
        "",
        lambda: make_problem(
            staff=[person("a")],
            shifts=(EARLY, NIGHT, shift("V", "21:00", "23:00", brk=0)),
            fixed=[pin("a", 0, "N"), pin("a", 1, "V")],
        ),
        (),
    ),
    # Thu to Tue: six days in a row that leave 36 h of rest in each calendar week (Mon to Sat
    # would not: Sat 15:00 to Mon 00:00 is 33 h, which the solver's conflict search names).
    Case(
        "six_days_in_a_row",
        "",
        "",
        lambda: make_problem(staff=[person("a")], fixed=[pin("a", k, "E") for k in range(3, 9)]),
        (),
    ),
    Case(
        "exactly_enough_people",
        "",
        "",
        lambda: make_problem(
            staff=[person("a"), person("b"), person("c", area="NRD", areas=("CEN",))],
            areas=("CEN", "NRD"),
            shortage="forbid",
            demand=[demand("NRD", days="sat", min=1), demand(days="sat", min=2)],
        ),
        (),
    ),
    Case(
        "one_skilled_person_present",
        "",
        "",
        lambda: make_problem(
            staff=[person("a", skills=frozenset({"dog"})), person("b")],
            shortage="forbid",
            demand=[demand(days="wed", skill="dog")],
        ),
        (),
    ),
    Case(
        "min_hours_just_reachable",
        "",
        "",
        lambda: make_problem(
            staff=[person("b", min_hours=30, max_hours=40)],
            absences=[Absence(staff="b", start_date=day(0), end_date=day(9))],
        ),
        (),
    ),
    Case(
        "limit_equals_pins",
        "",
        "",
        lambda: make_problem(
            staff=[person("a")],
            fixed=[pin("a", 0, "N"), pin("a", 3, "N")],
            limits=[Limit(staff="a", shift="N", max=2)],
        ),
        (),
    ),
    Case(
        "late_then_late",
        "",
        "",
        lambda: make_problem(
            staff=[person("a")],
            shifts=(EARLY, LATE_NF, NIGHT),
            fixed=[pin("a", 0, "L"), pin("a", 1, "L"), pin("a", 3, "E")],
        ),
        (),
    ),
)
