"""Issue 14, input side, below the workbook: crediting overlapping absences once, the rules that
``hard = no`` makes soft (each with its exact penalty), and the checks of a rule profile file.

The located messages for each defect are tested in tests/workbook/test_reader.py and, through
the command line, by the corpus (test_corpus.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.consecutive_days import ConsecutiveDays
from roster_solver.constraints.contract_hours import ContractHours
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.staff_limits import StaffLimits
from roster_solver.constraints.week_hours import WeekHours
from roster_solver.domain import Absence, Fixed, RuleOverride
from roster_solver.engine.solve import solve
from roster_solver.errors import InputError
from roster_solver.profile import ProfileError, check_number, load_profile
from roster_solver.roster import COST_SCALE, Roster, Status
from tests.factories import day, make_problem, objective_range, pattern, person

U = COST_SCALE
DAY = 36 * 60 // 5  # a weekday's credit for 36 hours a week: 7.2 h


def absent(
    first: int,
    last: int | None = None,
    *,
    hours: float | None = None,
    at: tuple[int, int] | None = None,
    kind: str = "leave",
) -> Absence:
    """Absence of ``a`` from day ``first`` to ``last``; ``at`` = (from, to) minutes for a part day."""
    last = first if last is None else last
    return Absence(
        staff="a",
        start_date=day(first),
        end_date=day(last),
        type=kind,
        hours=hours,  # type: ignore[arg-type]
        start_minute=at[0] if at else None,
        end_minute=at[1] if at else None,
    )


def credit(*rows: Absence) -> int:
    pb = make_problem(staff=[person("a")], absences=rows)
    return pb.credited_minutes(pb.staff_by_id["a"])


# --------------------------------------------------------------------------- overlapping absences


@pytest.mark.parametrize(
    ("rows", "minutes"),
    [
        # 3 Mar inside 2-4 Mar: Tue-Thu, and Wed again: three days, not four
        ((absent(1, 3), absent(2)), 3 * DAY),
        ((absent(1, 3), absent(1, 3), absent(2, 3)), 3 * DAY),
        # a part day inside a whole day adds nothing
        ((absent(1), absent(1, at=(480, 720), kind="training")), DAY),
        # two overlapping part days: 08-12 and 10-14 are six hours
        ((absent(1, at=(480, 720)), absent(1, at=(600, 840))), 6 * 60),
        # a part day on a Saturday inside a whole weekend of leave: the weekend credits nothing
        ((absent(5, 6), absent(5, at=(480, 720))), 0),
        # a row with hours credits those hours; a whole day it overlaps adds nothing, one beside it does
        ((absent(1, 3, hours=10), absent(2)), 600),
        ((absent(1, 3, hours=10), absent(2), absent(4)), 600 + DAY),
        ((absent(1, at=(480, 720), hours=3), absent(1)), 180),
        # a part day partly inside a row with hours counts only outside it
        ((absent(1, at=(480, 720), hours=3), absent(1, at=(600, 840))), 180 + 120),
    ],
)
def test_overlapping_absences_are_credited_once(rows: tuple[Absence, ...], minutes: int) -> None:
    assert credit(*rows) == minutes


def test_the_contract_target_drops_once() -> None:
    one = make_problem(staff=[person("a")], absences=[absent(1, 3)])
    two = make_problem(staff=[person("a")], absences=[absent(1, 3), absent(2, kind="sick")])
    a1, a2 = one.staff_by_id["a"], two.staff_by_id["a"]
    assert two.target_minutes(a2) == one.target_minutes(a1) == 2 * 36 * 60 - 3 * DAY
    assert [w.message for w in two.warnings] == [
        "overlaps another Absence row (2026-01-06 – 2026-01-08) of the same person; the overlap is "
        "credited once"
    ]


def test_two_overlapping_rows_with_hours_are_an_error() -> None:
    with pytest.raises(InputError) as info:
        make_problem(staff=[person("a")], absences=[absent(1, 3, hours=10), absent(2, hours=4)])
    assert [i.message for i in info.value.errors] == [
        "is given on two overlapping absences of a (this row and another Absence row, 2026-01-06 – "
        "2026-01-08); give the hours on one row, or split the rows so they do not overlap"
    ]


def test_overlapping_training_counts_once_as_working_time() -> None:
    rows = [absent(1, at=(480, 720), kind="training"), absent(1, at=(600, 840), kind="training")]
    pb = make_problem(staff=[person("a")], absences=rows)
    (window,) = pb.training_windows["a"]
    assert window.end - window.start == 6 * 60
    assert WeekHours().check(pb, Roster.of([])) == []


# --------------------------------------------------------------------------- hard = no: soft at a weight


def soft(rule: str, weight: int | None = None) -> tuple[RuleOverride, ...]:
    return (RuleOverride(rule=rule, hard=False, weight=weight),)


def pinned(text: str) -> list[Fixed]:
    return [Fixed(staff="a", date=day(k), shift=c) for k, c in enumerate(text) if c != "."]


def solved(pb, families: list, family: str):  # type: ignore[no-untyped-def]
    res = solve(pb, families=families, time_limit=5, workers=2)
    assert res.status is Status.OPTIMAL
    fam = families[-1]
    cost = sum(p.cost for p in fam.penalty(pb, res.roster))
    assert res.family_costs.get(family, 0) == cost
    assert fam.check(pb, res.roster) == []
    return res, cost


def test_max_consecutive_days_made_soft_costs_per_day_beyond() -> None:
    families = [OneShiftPerDay(), Availability(), ConsecutiveDays()]
    hard = make_problem(staff=[person("a")], fixed=pinned("EEEEEEEE"))
    assert solve(hard, families=families, time_limit=5, workers=2).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a")], fixed=pinned("EEEEEEEE"), rules=soft("max_consecutive_days"))
    _, cost = solved(pb, families, "consecutive_days")
    assert cost == 2 * 100 * U  # 8 days in a row, 2 beyond 6, default weight 100
    ros = Roster.of(pattern("a", "EEEEEEE.EEEEEE"))
    pb = make_problem(staff=[person("a")], rules=soft("max_consecutive_days"))
    assert [(p.reason, p.date) for p in families[-1].penalty(pb, ros)] == [
        ("a works 7 days in a row from 2026-01-05, 1 more than max_consecutive_days 6", day(6))
    ]
    assert objective_range(pb, ros, families) == (100 * U, 100 * U)
    weighted = make_problem(
        staff=[person("a", max_consecutive_days=3)], rules=soft("max_consecutive_days", 7)
    )
    assert sum(p.cost for p in families[-1].penalty(weighted, ros)) == (4 + 3) * 7 * U
    assert objective_range(weighted, ros, families) == (7 * 7 * U, 7 * 7 * U)


def test_the_upper_hours_band_made_soft_costs_per_hour_above() -> None:
    families = [OneShiftPerDay(), Availability(), ContractHours()]
    # 10 h a week over two weeks: target 20 h, band up to 22 h; three 7.5 h shifts are 22.5 h
    hard = make_problem(staff=[person("a", hours=10)], fixed=pinned("E.E.E"))
    assert solve(hard, families=families, time_limit=5, workers=2).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a", hours=10)], fixed=pinned("E.E.E"), rules=soft("hours_tolerance_pct"))
    res, cost = solved(pb, families, "contract_hours")
    over = [p for p in families[-1].penalty(pb, res.roster) if p.key == "weight.hours_over"]
    assert [(p.cost, p.amount) for p in over] == [(100 * 30, 0.5)]
    assert objective_range(pb, res.roster, families) == (cost, cost)


def test_max_weekends_made_soft_costs_per_weekend_beyond() -> None:
    families = [OneShiftPerDay(), Availability(), StaffLimits()]
    pins = [Fixed(staff="a", date=day(5), shift="E"), Fixed(staff="a", date=day(13), shift="E")]
    hard = make_problem(staff=[person("a", max_weekends=1)], fixed=pins)
    assert solve(hard, families=families, time_limit=5, workers=2).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a", max_weekends=1)], fixed=pins, rules=soft("max_weekends", 30))
    res, cost = solved(pb, families, "staff_limits")
    assert cost == 30 * U
    assert objective_range(pb, res.roster, families) == (cost, cost)


def test_hard_yes_on_a_hard_rule_changes_nothing() -> None:
    pb = make_problem(
        staff=[person("a")],
        rules=(
            RuleOverride(rule="max_consecutive_days", hard=True),
            RuleOverride(rule="max_shift_hours", hard=True),
        ),
    )
    assert [w.message for w in pb.warnings] == [
        "max_consecutive_days is already hard; the row's hard = yes changes nothing",
        "max_shift_hours is already hard; the row's hard = yes changes nothing",
    ]
    assert pb.ruleset.is_hard("max_consecutive_days") and pb.max_consecutive_days_for(pb.staff[0]) == 6


def test_hard_yes_makes_the_night_series_limit_hard() -> None:
    pb = make_problem(staff=[person("a")], rules=(RuleOverride(rule="max_consecutive_nights", hard=True),))
    assert pb.warnings == [] and pb.ruleset.is_hard("max_consecutive_nights")


# --------------------------------------------------------------------------- rule profiles


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("weight.wish", 1e18, "must be at most 1000000"),
        ("weight.wish", 2.5, "is not a whole number"),
        ("max_shift_hours", 25, "must be at most 24"),
        ("max_shift_hours", -1, "must be at least 0"),
        ("hours_tolerance_pct", 150, "must be at most 100"),
        ("min_free_sundays_52w", 60, "must be at most 52"),
    ],
)
def test_sane_rule_values(key: str, value: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_number(key, value)


def test_profile_problems_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\n[week_hours]\nmax_week_hours = 1000\n[general]\npairs = "yes"\n')
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert info.value.problems == [
        "rule profile mine.toml, line 3: max_week_hours = 1000 must be at most 168",
        "rule profile mine.toml, line 5: pairs = 'yes' must be true or false",
    ]


def test_profile_that_is_too_large_or_not_text(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 1_000_001)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(bytes(range(256)))
    with pytest.raises(ProfileError, match="too large to be a rule profile"):
        load_profile(str(big))
    with pytest.raises(ProfileError, match="is not a text file"):
        load_profile(str(binary))


def test_the_shipped_profiles_pass_their_own_checks() -> None:
    for name in ("atw", "none"):
        profile = load_profile(name)
        assert profile.values["weight.max_consecutive_days"] == 100
        assert profile.values["weight.max_weekends"] == 100
        assert profile.values["weight.hours_over"] == 100
