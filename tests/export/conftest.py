"""A hand-computed case for the HR exports: two weeks around the October 2026 clock change.

Horizon Mon 2026-10-19 .. Sun 2026-11-01 (two calendar months). Shifts E 07–15, L 15–23,
N 23–07, each with a 30-minute break. Person ``a`` works nights on Tue 20 Oct and on Sat 24 Oct
(the night the clocks go back: 9 elapsed hours); person ``b`` (a name that looks like a formula)
works L on Mon 19 Oct, is sick on Wed 21 Oct and works E on Sun 1 Nov.
"""

from __future__ import annotations

from datetime import date

import pytest

from roster_solver.domain import Absence, Area, Problem, Settings, StaffMember
from roster_solver.roster import Roster
from tests.factories import DEFAULT_SHIFTS, person, roster

START = date(2026, 10, 19)
EVIL_NAME = '=HYPERLINK("http://x";"y")'


def dst_problem(name_b: str = EVIL_NAME) -> Problem:
    return Problem(
        settings=Settings(start_date=START, weeks=2),
        areas=(Area(code="CEN", name="Centrum"),),
        shifts=DEFAULT_SHIFTS,
        staff=(person("a"), StaffMember(id="b", name=name_b, home_area="CEN", hours_per_week=36)),
        absences=(
            Absence(staff="b", start_date=date(2026, 10, 21), end_date=date(2026, 10, 21), type="sick"),
        ),
    )


def dst_roster(*extra: tuple[str, int, str]) -> Roster:
    return roster(("a", 1, "N"), ("a", 5, "N"), ("b", 0, "L"), ("b", 13, "E"), *extra, start=START)


@pytest.fixture
def problem() -> Problem:
    return dst_problem()
