"""The three invariants, for every registered family, on a small but rich solved instance:
no family reports a violation; each family's recomputed penalty equals its share of the solver
objective; the shares sum to the objective."""

from __future__ import annotations

from datetime import date

import pytest

from roster_solver.check import check_roster
from roster_solver.constraints import FAMILIES
from roster_solver.domain import Absence, Fixed, HistoryEntry, Limit
from roster_solver.engine.solve import solve
from tests.factories import START, demand, make_problem, person, shift, wish


def rich_problem():
    shifts = (
        shift("E", "07:00", "15:00"),
        shift("D", "09:00", "17:30", not_followed_by=("E",)),
        shift("L", "15:00", "23:00"),
        shift("N", "23:00", "07:00"),
    )
    staff = (
        person("a", hours=36),
        person("b", hours=32, skills=frozenset({"dog"})),
        person("c", hours=24, no_nights=True),
        person("d", area="NRD", hours=36, areas=("CEN",)),
        person("e", area="NRD", hours=28, max_weekends=1),
        person("f", area="NRD", hours=36, min_consecutive_days=2),
    )
    return make_problem(
        staff=staff,
        shifts=shifts,
        areas=("CEN", "NRD"),
        demand=(
            demand("CEN", "weekdays", "08:00", "14:00", min=1, target=2),
            demand("NRD", "all", "15:00", "23:00", min=1, max=2),
            demand("*", "weekend", "23:00", "07:00", min=1),
            demand("CEN", "sat", None, None, min=0, target=1, shift="L"),
            demand("*", "all", "09:00", "12:00", min=0, target=1, skill="dog"),
        ),
        absences=(
            Absence(staff="a", start_date=date(2026, 1, 12), end_date=date(2026, 1, 13), type="leave"),
        ),
        wishes=(
            wish("b", "wed", "prefer", shift="off"),
            wish("c", "mon", "avoid", shift="L"),
            wish("d", "fri", "only", start="07:00", end="18:00"),
            wish("e", "sun", "never"),
        ),
        fixed=(Fixed(staff="f", date=START, shift="E", area="NRD"),),
        history=(
            HistoryEntry(staff="a", date=date(2026, 1, 4), shift="N"),
            HistoryEntry(staff="b", date=date(2026, 1, 3), shift="L"),
        ),
        limits=(Limit(staff="b", shift="N", max=2),),
    )


@pytest.fixture(scope="module")
def solved():
    problem = rich_problem()
    result = solve(problem, time_limit=15, workers=2, seed=1)
    assert result.status.has_roster
    return problem, result


def test_registered_families_have_unique_profile_names() -> None:
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names))
    sections = set(rich_problem().profile.family_of.values())
    keyed = {f.name for f in FAMILIES} & sections
    assert keyed  # families with profile keys use their family name as section


def test_no_family_reports_a_violation(solved) -> None:
    problem, result = solved
    report = check_roster(problem, result.roster)
    assert report.violations == []


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_each_family_recomputes_its_share_of_the_objective(solved, family) -> None:
    problem, result = solved
    recomputed = sum(p.cost for p in family.penalty(problem, result.roster))
    assert recomputed == result.family_costs.get(family.name, 0)


def test_shares_sum_to_the_objective(solved) -> None:
    problem, result = solved
    assert sum(result.family_costs.values()) == result.objective
    assert check_roster(problem, result.roster).total_cost == result.objective
