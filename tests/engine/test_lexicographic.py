"""Settings `objective`: weighted (one solve) against lexicographic (stages). This is the worked
example of the README."""

from __future__ import annotations

from roster_solver.check import check_roster
from roster_solver.engine.solve import STAGES, solve
from tests.factories import demand, make_problem, person, shift, wish

SAT_LATE = shift("L", "15:00", "23:00", days="sat")


def readme_example(wish_weight: int, objective: str):
    # One Saturday late shift is wanted (target 1, no minimum); only A can work it, and A wished
    # to have that Saturday off. A's contract is one such shift a week (7.5 h).
    return make_problem(
        weeks=1,
        staff=(person("A", hours=7.5),),
        shifts=(SAT_LATE,),
        demand=(demand("CEN", "sat", "15:00", "23:00", min=0, target=1),),
        wishes=(wish("A", "sat", "prefer", shift="off", weight=wish_weight),),
        objective=objective,
    )


def works(problem, objective: str) -> bool:
    result = solve(problem, time_limit=10, workers=2, objective=objective)
    assert result.status.has_roster
    assert check_roster(problem, result.roster).violations == []
    return len(result.roster) == 1


def test_default_wish_weight_weighted_gives_a_the_shift() -> None:
    # Refusing the wish costs 10; leaving it open costs 8 h × 100 + 7.5 h × 5 + 6.75 h × 50.
    assert works(readme_example(10, "weighted"), "weighted")


def test_heavy_wish_weighted_leaves_the_shift_open() -> None:
    # 2000 for the refused wish against 800 + 37.5 + 337.5 = 1175 for the open shift.
    pb = readme_example(2000, "weighted")
    assert not works(pb, "weighted")
    result = solve(pb, time_limit=10, workers=2)
    assert result.objective == 1175 * 60


def test_heavy_wish_lexicographic_keeps_contract_and_coverage_first() -> None:
    pb = readme_example(2000, "lexicographic")
    result = solve(pb, time_limit=10, workers=2)
    assert result.status.has_roster and len(result.roster) == 1
    # Stages run in the documented order; each stage's value is fixed before the next.
    names = [s["stage"] for s in result.stages]
    assert names == [s for s in STAGES if s in names]
    assert names[0] == "hours" and names[-1] == "comfort"
    assert dict((s["stage"], s["value"]) for s in result.stages)["hours"] == 0
    # The reported objective is still the weighted total of the chosen roster (the refused wish,
    # plus 5 for an isolated working day and 5 for a split weekend), and there is no bound.
    assert result.objective == (2000 + 5 + 5) * 60
    assert result.bound is None
    assert sum(result.family_costs.values()) == result.objective


def test_objective_setting_is_the_default_mode() -> None:
    pb = readme_example(2000, "lexicographic")
    assert len(solve(pb, time_limit=10, workers=2).roster) == 1
