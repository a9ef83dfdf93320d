"""What a roster workbook adds to the writer's own sheets, as plain data: per person (wishes
granted and refused, fairness per FTE) and per run (the outcome statements with their numbers,
the staged objective, the pre-solve warnings). Used by ``roster solve`` and ``roster repair``;
nothing here prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from .constraints.fairness import fairness_report
from .constraints.wishes import wish_outcomes
from .domain import Problem
from .outcome import Outcome, outcome, statements
from .roster import Roster, SolveResult, cost_points
from .units import fte_minutes, hours

if TYPE_CHECKING:
    from .diagnose import Finding


def people_figures(problem: Problem, roster: Roster) -> dict[str, Any]:
    """Per-person figures from the quality families for the People sheet: wishes granted and
    refused, and per fairness category the person's fair share, their count per FTE, and
    footer rows with the team average per FTE and the spread (highest minus lowest)."""
    people: dict[str, dict[str, Any]] = {}
    for staff, (granted, refused) in wish_outcomes(problem, roster).items():
        people.setdefault(staff, {}).update(wishes_granted=granted, wishes_refused=refused)
    fairness = fairness_report(problem, roster)
    average: dict[str, Any] = {}
    spread: dict[str, Any] = {}
    full_time = fte_minutes(problem.weeks)
    for cat, data in fairness.items():
        for staff, (count, share) in data["per_person"].items():
            fte = problem.target_minutes(problem.staff_by_id[staff]) / full_time
            row = people.setdefault(staff, {})
            row[f"fair_share_{cat}"] = round(float(share), 2)
            row[f"{cat}_per_fte"] = round(count / fte, 2) if fte else None
        average[f"{cat}_per_fte"] = round(float(data["team_average"]), 2)
        spread[f"{cat}_per_fte"] = round(float(data["spread"]), 2)
    dutch = problem.settings.language == "nl"
    labels = ("teamgemiddelde", "spreiding") if dutch else ("team average", "spread")
    footer = [(labels[0], average), (labels[1], spread)] if fairness else []
    return {"people": people, "people_footer": footer, "fairness": fairness}


def run_lines(
    problem: Problem,
    result: SolveResult,
    findings: list[Finding] | None = None,
    how: Outcome | None = None,
    limit: float | None = None,
) -> dict[str, Any]:
    """Run-sheet lines beyond the writer's own: the minimum staffing and hours-band statements
    (with their numbers), the objective mode, when staged each stage's value in points, and the
    pre-solve warnings (a count and one line each)."""
    how = how or outcome(problem, result.roster, result)
    lines: dict[str, Any] = {}
    said = statements(how, problem.settings.language, limit)
    lines["minimum_staffing"] = said[0]
    lines["unmet_minimum_person_hours"] = hours(how.unmet_minutes)
    lines["unmet_minimum_proven_unavoidable"] = (
        None if how.lower_bound_minutes is None else hours(how.lower_bound_minutes)
    )
    lines["hours_band"] = said[-1]
    lines["objective_mode"] = problem.settings.objective
    for stage in result.stages:
        units = cast(int, stage["value"])  # cost units, as the solver reported them
        lines[f"stage_{stage['stage']}"] = f"{cost_points(units):.2f} ({stage['status']})"
    warnings = [f for f in findings or [] if not f.certain]
    lines["presolve_warnings"] = len(warnings)
    for i, f in enumerate(warnings, 1):
        lines[f"presolve_warning_{i}"] = str(f)
    return lines
