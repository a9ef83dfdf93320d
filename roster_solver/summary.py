"""A first capacity sanity check: demand person-hours against contract hours available."""

from __future__ import annotations

from typing import Any

from .domain import Problem


def capacity_summary(problem: Problem) -> dict[str, Any]:
    """Horizon, contract hours after credited absence, and the person-hours the Demand asks for.

    Window rows count person-minutes per elementary interval; shift rows count the shift's
    working time per person asked for.
    """
    from .coverage import segments, shift_requirements

    contract = sum(problem.target_minutes(p) for p in problem.staff)
    min_minutes = target_minutes = 0
    for seg in segments(problem):
        length = seg.end - seg.start
        min_minutes += seg.min * length
        target_minutes += seg.target * length
    for req in shift_requirements(problem):
        work = problem.instance(req.shift, req.day).work
        min_minutes += req.min * work
        target_minutes += req.target * work
    return {
        "first_day": problem.start_date.isoformat(),
        "last_day": problem.end_date.isoformat(),
        "contract_hours": contract / 60,
        "min_hours": min_minutes / 60,
        "target_hours": target_minutes / 60,
        "min_ratio": (min_minutes / contract) if contract else 0.0,
        "target_ratio": (target_minutes / contract) if contract else 0.0,
    }
