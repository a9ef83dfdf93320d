"""Solve scenarios with the product's engine and measure each roster, one by one or as cluster tasks.

:func:`solve_scenario` is the task: it solves one Problem with
:func:`roster_solver.engine.solve.solve`, re-checks the roster with the independent checker
(:func:`roster_solver.check.check_roster`) and returns plain figures (:class:`Figures`), so
that only small results travel back from a worker. :func:`run_scenarios` runs every scenario,
on a Dask cluster (:mod:`roster_solver.parallel`) or, with ``client=None``, one by one in this
process (the reference the tests compare against).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..domain import Problem
from ..errors import Issue
from ..units import hours
from .build import build_problem
from .sheet import Scenario, ScenarioBook

TOP_FAMILIES = 3


@dataclass
class Figures:
    """What one scenario's roster gives, in the units the comparison shows."""

    status: str
    seconds: float
    objective: int | None
    legal: bool
    violations: int
    people: int
    minimum: str  # outcome verdict: met, proven, partly_proven, unproven
    unmet_minimum_hours: float
    proven_unmet_hours: float | None
    target_coverage_pct: float | None  # person-hours planned up to target / target person-hours
    people_outside_band: int
    hours_outside_band: float  # sum over people of hours below or above their band
    night_spread_per_fte: float | None
    weekend_spread_per_fte: float | None
    wishes_granted: int
    wishes_total: int
    top_families: list[tuple[str, int]] = field(default_factory=list)  # (family, cost units)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ScenarioResult:
    """A scenario's outcome: its figures, or why it has none (invalid input, a failed task)."""

    name: str
    description: str
    state: str  # "done", "invalid", "failed", "no roster"
    figures: Figures | None = None
    problems: list[str] = field(default_factory=list)


def solve_scenario(problem: Problem, time_limit: float, workers: int, seed: int) -> Figures:
    """Solve, check and measure one scenario (runs in a cluster worker or here)."""
    from ..check import check_roster
    from ..constraints.contract_hours import ContractHours
    from ..constraints.fairness import fairness_report
    from ..constraints.wishes import wish_outcomes
    from ..coverage import coverage_table
    from ..engine.solve import solve
    from ..outcome import outcome

    started = time.monotonic()
    result = solve(problem, time_limit=time_limit, workers=workers, seed=seed)
    roster = result.roster
    seconds = round(time.monotonic() - started, 2)
    if not result.status.has_roster:
        return Figures(
            status=str(result.status),
            seconds=seconds,
            objective=None,
            legal=False,
            violations=0,
            people=len(problem.staff),
            minimum="",
            unmet_minimum_hours=0.0,
            proven_unmet_hours=None,
            target_coverage_pct=None,
            people_outside_band=0,
            hours_outside_band=0.0,
            night_spread_per_fte=None,
            weekend_spread_per_fte=None,
            wishes_granted=0,
            wishes_total=0,
        )
    report = check_roster(problem, roster)
    o = outcome(problem, roster, result)
    target = met = 0
    for row in coverage_table(problem, roster):
        minutes = row.end - row.start
        target += row.target * minutes
        met += (row.target - row.short_of_target) * minutes
    planned = ContractHours.planned_minutes(problem, roster)
    outside = 0
    for p in problem.staff:
        lo, hi, _, _ = problem.hours_band(p)
        outside += max(0, lo - planned[p.id]) + max(0, planned[p.id] - hi)
    fair = fairness_report(problem, roster)
    wishes = wish_outcomes(problem, roster)
    granted = sum(g for g, _ in wishes.values())
    costs = sorted(
        ((f, c) for f, c in report.cost_by_family().items() if c > 0), key=lambda fc: (-fc[1], fc[0])
    )
    return Figures(
        status=str(result.status),
        seconds=seconds,
        objective=result.objective,
        legal=not report.violations,
        violations=len(report.violations),
        people=len(problem.staff),
        minimum=o.verdict,
        unmet_minimum_hours=hours(o.unmet_minutes),
        proven_unmet_hours=None if o.lower_bound_minutes is None else hours(o.lower_bound_minutes),
        target_coverage_pct=round(100 * met / target, 1) if target else None,
        people_outside_band=len(o.below_band) + len(o.above_band),
        hours_outside_band=hours(outside),
        night_spread_per_fte=round(fair["nights"]["spread"], 2) if "nights" in fair else None,
        weekend_spread_per_fte=round(fair["weekends"]["spread"], 2) if "weekends" in fair else None,
        wishes_granted=granted,
        wishes_total=granted + sum(r for _, r in wishes.values()),
        top_families=costs[:TOP_FAMILIES],
    )


def prepare(base: Problem, book: ScenarioBook) -> tuple[dict[str, Problem], list[ScenarioResult]]:
    """Build every scenario's Problem; the invalid ones become results with their problems."""
    from ..errors import InputError

    problems: dict[str, Problem] = {}
    invalid: list[ScenarioResult] = []
    for s in book.scenarios:
        found: list[Issue] = list(book.issues.get(s.name, []))
        if not found:
            try:
                problems[s.name] = build_problem(base, s)
                continue
            except InputError as exc:
                found = exc.errors
        invalid.append(ScenarioResult(s.name, s.description, "invalid", problems=[str(i) for i in found]))
    return problems, invalid


def run_scenarios(
    base: Problem,
    book: ScenarioBook,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    client: Any = None,
    on_progress: Any = None,
) -> list[ScenarioResult]:
    """Every scenario of ``book``, in the sheet's order: solved as cluster tasks on ``client``
    (one by one here when it is None), or reported invalid."""
    problems, invalid = prepare(base, book)
    by_name: dict[str, ScenarioResult] = {r.name: r for r in invalid}
    scenarios: dict[str, Scenario] = {s.name: s for s in book.scenarios}
    args = {name: (pb, time_limit, workers, seed) for name, pb in problems.items()}
    if client is None:
        from ..engine import solvers

        for done, (name, a) in enumerate(args.items(), start=1):
            solvers.check_cancelled()
            by_name[name] = _result(scenarios[name], solve_scenario(*a))
            if on_progress is not None:
                on_progress(done, 0, 0, len(args))
    else:
        from ..parallel import run_tasks

        for name, tr in run_tasks(client, solve_scenario, args, on_progress=on_progress).items():
            if tr.ok:
                by_name[name] = _result(scenarios[name], tr.value)
            else:
                by_name[name] = ScenarioResult(
                    name, scenarios[name].description, "failed", problems=[f"the solve failed: {tr.error}"]
                )
    return [by_name[s.name] for s in book.scenarios]


def _result(s: Scenario, figures: Figures) -> ScenarioResult:
    state = "done" if figures.objective is not None else "no roster"
    problems = [] if figures.legal or state != "done" else [f"{figures.violations} hard-rule violations"]
    return ScenarioResult(s.name, s.description, state, figures, problems)
