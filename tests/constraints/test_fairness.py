"""fairness: nights, weekend days, Sundays and evenings within ±1 of the contract-weighted share."""

from __future__ import annotations

from fractions import Fraction

import pytest

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.base import Family
from roster_solver.constraints.fairness import Fairness, eligible, excess, fairness_report
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import NIGHT, day, make_problem, objective_range, pattern, person, roster

FAM = Fairness()
U = 60


def units(pb, ros: Roster) -> list[tuple[str | None, str, float, int]]:
    return sorted((p.staff, p.key, p.amount, p.cost) for p in FAM.penalty(pb, ros))


def test_excess_is_units_beyond_one() -> None:
    assert [excess(n, Fraction(9, 2)) for n in (2, 3, 4, 5, 6, 7)] == [2, 1, 0, 0, 1, 2]
    assert excess(3, Fraction(2)) == 0 and excess(4, Fraction(2)) == 1


def test_equal_contracts_share_nights_equally() -> None:
    pb = make_problem(staff=[person("a"), person("b")])
    ros = Roster.of(pattern("a", "NNNN"))
    assert units(pb, ros) == [("a", "weight.fair_nights", 1, 20 * U), ("b", "weight.fair_nights", 1, 20 * U)]
    assert FAM.penalty(pb, ros)[0].reason == (
        "a works 4 night shifts; the fair share is 2.00 (±1 allowed), 1 beyond"
    )
    assert units(pb, Roster.of(pattern("a", "NN"))) == []  # 2 vs share 1: within ±1
    assert len(units(pb, Roster.of(pattern("a", "NNN")))) == 2  # 3 vs share 1.5


def test_shares_follow_contract_targets_exactly() -> None:
    pb = make_problem(staff=[person("a", hours=36), person("b", hours=12)])
    # six nights, all for a: shares 4.5 and 1.5, each 0.5 beyond the band → 1 unit each
    ros = Roster.of(pattern("a", "NNNNN..N"))
    assert units(pb, ros) == [("a", "weight.fair_nights", 1, 20 * U), ("b", "weight.fair_nights", 1, 20 * U)]
    assert units(pb, Roster.of(pattern("a", "NNNN"))) == []  # shares 3 and 1


def test_only_eligible_people_share() -> None:
    pb = make_problem(staff=[person("a"), person("b"), person("c", no_nights=True)])
    assert eligible(pb, "nights") == ["a", "b"]
    assert eligible(pb, "evenings") == ["a", "b", "c"]
    assert units(pb, Roster.of(pattern("a", "NN"))) == []  # shares 1, 1 (c does not count)


def test_weekends_sundays_and_evenings() -> None:
    pb = make_problem(staff=[person("a"), person("b")])
    ros = roster(("a", 5, "L"), ("a", 6, "L"), ("a", 12, "L"), ("a", 13, "L"))
    # weekend days 4 (shares 2), Sundays 2 (shares 1: within ±1), evenings 4 (shares 2)
    assert units(pb, ros) == [
        ("a", "weight.fair_evenings", 1, 20 * U),
        ("a", "weight.fair_weekends", 1, 20 * U),
        ("b", "weight.fair_evenings", 1, 20 * U),
        ("b", "weight.fair_weekends", 1, 20 * U),
    ]


def test_report_counts_shares_and_spread_per_fte() -> None:
    pb = make_problem(staff=[person("a", hours=36), person("b", hours=12)])
    rep = fairness_report(pb, Roster.of(pattern("a", "NNNNN..N")))
    assert rep["nights"]["per_person"] == {"a": (6, 4.5), "b": (0, 1.5)}
    assert rep["nights"]["spread"] == pytest.approx(6.0)  # a: 6 per FTE, b: 0 per FTE
    assert rep["nights"]["team_average"] == pytest.approx(4.5)  # 6 nights / (4/3) FTE
    assert rep["sundays"]["per_person"] == {"a": (0, 0.0), "b": (0, 0.0)}
    assert rep["sundays"]["spread"] == 0.0


def test_no_targets_means_no_fair_share() -> None:
    pb = make_problem(staff=[person("a", hours=0), person("b", hours=0)])
    assert units(pb, Roster.of(pattern("a", "NNNNNN"))) == []
    assert fairness_report(pb, Roster.of(pattern("a", "NNNNNN"))) == {}


# ---------------------------------------------------------------------------- solver


class OneNightPerDay(Family):
    """Test helper: exactly one person works a night on each of the given days, nobody on
    the other days."""

    name = "test_one_night_per_day"

    def __init__(self, days: list[int]) -> None:
        self.days = days

    def add_to_model(self, ctx) -> None:
        for d in range(ctx.problem.n_days):
            ctx.model.add(sum(ctx.night(p.id, d) for p in ctx.staff) == int(d in self.days))


def solved(pb, days: list[int]):
    res = solve(
        pb, families=[OneShiftPerDay(), Availability(), OneNightPerDay(days), FAM], time_limit=10, workers=2
    )
    assert res.status is Status.OPTIMAL
    assert res.family_costs.get("fairness", 0) == sum(p.cost for p in FAM.penalty(pb, res.roster))
    return res


def test_solver_shares_nights_by_contract() -> None:
    pb = make_problem(staff=[person("a", hours=36), person("b", hours=12)], shifts=(NIGHT,))
    weekdays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11]
    res = solved(pb, weekdays)
    count_a = sum(1 for a in res.roster.assignments if a.staff == "a")
    assert count_a in (7, 8)  # fair share 7.5 ± 1
    assert res.objective == 0


def test_zero_target_keeps_a_share_of_zero() -> None:
    pb = make_problem(staff=[person("a"), person("b", no_nights=True), person("c", hours=0)], shifts=(NIGHT,))
    res = solved(pb, [0, 1, 2, 3])
    # nights: a and c eligible (b has no_nights), shares 4 and 0: c works at most 1
    assert sum(1 for a in res.roster.assignments if a.staff == "c") <= 1
    assert res.objective == 0


def test_forced_unfairness_costs_exactly_in_the_objective() -> None:
    pins = [Fixed(staff="a", date=day(k), shift="N") for k in range(4)]
    pb = make_problem(staff=[person("a"), person("b")], shifts=(NIGHT,), fixed=pins)
    res = solved(pb, [0, 1, 2, 3])
    assert res.objective == 2 * 20 * U  # a 4, b 0 against shares of 2
    assert res.family_costs == {"fairness": 2 * 20 * U}


def test_objective_share_is_exact_on_any_roster() -> None:
    pb = make_problem(staff=[person("a", hours=36), person("b", hours=12), person("c", hours=24)])
    ros = Roster.of(pattern("a", "NNNNN.LL..LLL") + pattern("b", ".....LL") + pattern("c", "E"))
    expected = sum(p.cost for p in FAM.penalty(pb, ros))
    assert expected == 8 * 20 * U  # nights 2 + 1, weekends 1 + 1, evenings 1 + 2
    assert objective_range(pb, ros, [OneShiftPerDay(), Availability(), FAM]) == (expected, expected)
