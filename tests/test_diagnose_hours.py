"""How many hours a person can work at most (``diagnose.most_minutes``): runs of working days
obey ``max_consecutive_days`` across week boundaries, not "so many days a week"."""

from __future__ import annotations

from datetime import timedelta

from roster_solver.check import check_roster
from roster_solver.constraints import FAMILIES
from roster_solver.diagnose import _candidate_days_all, diagnose, most_minutes
from roster_solver.domain import HistoryEntry, Problem, Src
from roster_solver.roster import Roster
from tests.factories import START, make_problem, pattern, person, shift

NAMES = {f.name for f in FAMILIES}


def most_hours(pb: Problem, pid: str = "a") -> float:
    return most_minutes(pb, pb.staff_by_id[pid], NAMES, _candidate_days_all(pb)[pid]) / 60


def test_four_days_in_a_row_allow_28_of_35_days() -> None:
    # Early, late and night are 7.5 h of work each. Four on, one off: 28 working days in five
    # weeks (210 h), not four a week (150 h).
    pb = make_problem(staff=[person("a", max_consecutive_days=4)], weeks=5)
    assert most_hours(pb) == 28 * 7.5


def test_four_on_one_off_is_a_legal_roster_with_those_hours() -> None:
    # The bound is reached: the checker finds no broken hard rule in a 4-on-1-off roster of
    # early shifts (weekly rest 40 h, the fifth Sunday free), planned 210 h.
    pb = make_problem(staff=[person("a", max_consecutive_days=4, max_hours=215)], weeks=5)
    days = "".join("." if k % 5 == 4 else "E" for k in range(35))
    report = check_roster(pb, Roster.of(pattern("a", days)))
    assert report.violations == []
    assert len(days.replace(".", "")) * 7.5 == most_hours(pb)


def test_validate_does_not_refuse_min_hours_that_such_a_roster_reaches() -> None:
    reachable = person("a", max_consecutive_days=4, min_hours=200, max_hours=215, src=Src("Staff", 2))
    assert [f for f in diagnose(make_problem(staff=[reachable], weeks=5)) if f.kind == "min_hours"] == []
    beyond = person("a", max_consecutive_days=4, min_hours=211, max_hours=215, src=Src("Staff", 2))
    found = [f for f in diagnose(make_problem(staff=[beyond], weeks=5)) if f.kind == "min_hours"]
    assert len(found) == 1 and "at most 210 h" in found[0].message


def test_a_run_that_history_brings_in_counts() -> None:
    # Two days in a row at most. Fresh: days 0, 1, 3, 4, 6 of one week (5 days). After two
    # worked History days, day 0 must be off: days 1, 2, 4, 5 (4 days).
    fresh = make_problem(staff=[person("a", max_consecutive_days=2)], weeks=1)
    assert most_hours(fresh) == 5 * 7.5
    history = [HistoryEntry(staff="a", date=START - timedelta(days=k), shift="E") for k in (1, 2)]
    tired = make_problem(staff=[person("a", max_consecutive_days=2)], weeks=1, history=history)
    assert most_hours(tired) == 4 * 7.5


def test_week_cap_still_applies_with_long_runs_allowed() -> None:
    # Six days in a row of 12 h would be 72 h in a week: max_week_hours keeps it at 60 a week.
    long = shift("D", "07:00", "19:45", brk=45)
    pb = make_problem(staff=[person("a", max_consecutive_days=6)], shifts=(long,), weeks=3)
    assert most_hours(pb) == 3 * 60
