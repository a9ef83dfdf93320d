"""Gathers what the HTML report shows (:class:`~roster_solver.export.report.ReportData`) from a
problem and a roster: the independent checker's violations and penalties, the fairness figures
and the planned hours, all computed by the rule families themselves (the report never recounts
them). Kept apart from :mod:`.report`, which draws the page and never runs the rules.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..check import check_roster
from ..constraints.contract_hours import ContractHours
from ..constraints.fairness import fairness_report
from ..domain import Problem
from ..roster import Roster
from .report import ReportData


def report_data(
    problem: Problem,
    roster: Roster,
    *,
    run: dict[str, Any] | None = None,
    roster_name: str = "",
    generated_at: datetime | None = None,
) -> ReportData:
    """Everything :func:`~roster_solver.export.report.build_report` shows for ``roster``."""
    checked = check_roster(problem, roster)
    return ReportData(
        problem=problem,
        roster=roster,
        violations=checked.violations,
        penalties=checked.penalties,
        fairness=fairness_report(problem, roster),
        planned_minutes=ContractHours.planned_minutes(problem, roster),
        run=run or {},
        roster_name=roster_name,
        generated_at=generated_at,
    )
