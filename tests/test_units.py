"""Hours and the full-time week: one definition each."""

from __future__ import annotations

from roster_solver import units
from roster_solver.capacity import DEFAULT_FULL_TIME
from roster_solver.constraints import fairness


def test_hours_rounds_to_two_decimals() -> None:
    assert units.hours(450) == 7.5
    assert units.hours(20) == 0.33
    assert units.hours(-90) == -1.5


def test_hours_text_drops_trailing_zeros() -> None:
    assert [units.hours_text(m) for m in (480, 450, 20, 0)] == ["8", "7.5", "0.33", "0"]


def test_one_full_time_week_everywhere() -> None:
    assert units.FTE_MINUTES_PER_WEEK == 36 * 60
    assert units.fte_minutes(4) == 4 * 36 * 60
    assert DEFAULT_FULL_TIME * 60 == units.FTE_MINUTES_PER_WEEK
    assert fairness.FTE_MINUTES_PER_WEEK == units.FTE_MINUTES_PER_WEEK  # until fairness imports it
