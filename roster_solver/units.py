"""The numbers a coordinator reads: hours from minutes and the full-time week (one FTE).

Inside the package times are integer minutes and costs integer cost units (for those see
:func:`roster_solver.roster.cost_points`); this module is the one place that says how minutes
are shown as hours and what one full-time equivalent is. Standard library only.
"""

from __future__ import annotations

FULL_TIME_HOURS = 36  # h/week: the municipal collective agreement's full-time week, one FTE
FTE_MINUTES_PER_WEEK = FULL_TIME_HOURS * 60


def hours(minutes: float) -> float:
    """``minutes`` as hours, rounded to 2 decimals (for sheets and JSON)."""
    return round(minutes / 60, 2)


def hours_text(minutes: float) -> str:
    """``minutes`` as hours in words: ``7.5``, ``8``, ``0.33`` (2 decimals at most, no unit)."""
    return f"{hours(minutes):g}"


def fte_minutes(weeks: int) -> int:
    """The working minutes of one full-time equivalent over ``weeks`` weeks."""
    return FTE_MINUTES_PER_WEEK * weeks
