"""Frozen neighbourhood models and the improvement search built on them.

The contract: a neighbourhood model's objective on a roster, plus the frozen people's own
penalties (which it leaves out), equals the independent checker's total; and the free people's
own terms equal what the checker charges them. The search accepts steps on that ledger, so it
must end where the checker says it ends.
"""

from __future__ import annotations

import random
import time

import pytest
from ortools.sat.python import cp_model

from roster_solver.check import check_roster
from roster_solver.engine import solvers
from roster_solver.engine.context import Neighbourhood
from roster_solver.engine.greedy import greedy_roster
from roster_solver.engine.lns import SHARED, Ledger, improve, neighbourhood_model, term_values
from roster_solver.engine.solve import unmet_minimum
from roster_solver.example import example_problem
from roster_solver.roster import Roster
from tests.constraints.test_pairs import problem as pairs_problem
from tests.factories import roster as make_roster


@pytest.fixture(scope="module")
def example() -> tuple:
    pb = example_problem()
    return pb, greedy_roster(pb)


def _contract(pb, ros: Roster, free: Neighbourhood) -> None:
    report = check_roster(pb, ros)
    assert report.violations == []
    ctx = neighbourhood_model(pb, ros, free)
    solver = ctx.hint_roster(ros, 10, 2, 0)
    assert solver is not None, "the roster must be a solution of its own neighbourhood model"
    part = term_values(ctx, solver.value)
    frozen = sum(
        p.cost
        for p in report.penalties
        if p.staff is not None and p.staff not in free.people and p.rule not in SHARED
    )
    assert part.total + frozen == report.total_cost
    whole = Ledger.of(report, unmet_minimum(pb, ros))
    for sid in free.people:
        assert sum(part.per_person.get(sid, {}).values()) == whole.person(sid), sid
    assert {k: v for k, v in part.shared.items() if v} == {k: v for k, v in whole.shared.items() if v}
    assert part.unmet == whole.unmet
    # What the search takes as the neighbourhood's value on the roster, without solving.
    assert whole.part(free.people) == part.total


@pytest.mark.parametrize("k, days", [(1, None), (4, None), (6, (3, 10)), (50, (0, 2))])
def test_neighbourhood_ledger_plus_frozen_terms_is_the_checkers_total(example, k, days) -> None:
    pb, ros = example
    people = random.Random(k).sample([p.id for p in pb.staff], min(k, len(pb.staff)))
    free = Neighbourhood(frozenset(people), None if days is None else frozenset(range(*days)))
    _contract(pb, ros, free)


def test_pairs_with_a_frozen_partner_keep_the_free_one_on_duty() -> None:
    pb = pairs_problem(3)
    ros = make_roster(("a", 0, "E"), ("b", 0, "E"))
    _contract(pb, ros, Neighbourhood(frozenset({"b", "c"})))
    ctx = neighbourhood_model(pb, ros, Neighbourhood(frozenset({"b"})))
    # a is frozen on duty on day 0: b may not leave a alone there.
    ctx.model.add(ctx.x[("b", 0, "E", "CEN")] == 0)
    assert solvers.run(solvers.new_solver(5, 1), ctx.model) == cp_model.INFEASIBLE


def test_improve_never_worsens_and_ends_where_the_checker_does(example) -> None:
    pb, ros = example
    report = check_roster(pb, ros)
    ledger = Ledger.of(report, unmet_minimum(pb, ros))
    found = improve(pb, ros, ledger, deadline=time.monotonic() + 8, workers=2, seed=0)
    after = check_roster(pb, found.roster)
    assert after.violations == []
    assert found.ledger.total == after.total_cost <= report.total_cost
    assert found.ledger.by_family() == {k: v for k, v in after.cost_by_family().items() if v}
    assert found.ledger.unmet == unmet_minimum(pb, found.roster) <= ledger.unmet
    assert found.accepted >= 1  # the construction is far from optimal: 8 s improves it


def test_focus_keeps_the_search_on_the_given_days(example) -> None:
    pb, ros = example
    ledger = Ledger.of(check_roster(pb, ros), unmet_minimum(pb, ros))
    found = improve(pb, ros, ledger, deadline=time.monotonic() + 5, workers=2, seed=1, focus={10})
    changed = set(found.roster.assignments) ^ set(ros.assignments)
    assert found.accepted >= 1 and changed
    assert {pb.day_index(a.date) for a in changed} <= set(range(8, 13))
    assert found.ledger.total == check_roster(pb, found.roster).total_cost < ledger.total
