"""Hours of one dated shift: paid, night, and per irregular-hours window (docs/rules.md).

Shared by the output workbook's Assignments sheet and the HR exports, so both show the same
numbers. Everything is computed in exact integers or fractions from the shift instance's
elapsed minutes (DST-aware) and rounded once, at a chosen resolution:

- ``paid`` = working time (elapsed length minus the unpaid break), rounded to the resolution;
- ``night`` = real elapsed time between 00:00 and 06:00 (breaks are not placed in time);
- per window: the elapsed minutes inside the window × work / duration (the break is spread
  over the shift in proportion), and ``regular`` = the paid hours outside every window. These
  are apportioned by largest remainder so that the windows plus ``regular`` sum *exactly* to
  ``paid`` at the resolution (no rounding drift within a shift).

Never imports the solver.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from itertools import pairwise

from .calendar import MINUTES_PER_DAY, DaySelector, parse_days, parse_time_text
from .domain import Problem, ShiftInstance

HOUR_UNITS = 10_000  # Assignments sheet and JSON: exact to 1/10000 h


@dataclass(frozen=True)
class IrregularWindow:
    """One range of an irregular-hours window of the rule profile."""

    name: str
    days: DaySelector
    start: int  # minute of day
    end: int  # minute of day, beyond 1440 when the window runs past midnight


def irregular_windows(problem: Problem) -> list[IrregularWindow]:
    """The profile's irregular-hours windows (``name, days, from, to``), in profile order."""
    out = []
    for w in problem.profile.irregular_hours:
        start = parse_time_text(str(w["from"]))
        end = parse_time_text(str(w["to"]))
        if end <= start:
            end += MINUTES_PER_DAY
        out.append(IrregularWindow(str(w["name"]), parse_days(str(w.get("days", "all"))), start, end))
    return out


def window_names(windows: Sequence[IrregularWindow]) -> list[str]:
    """The distinct window names in profile order: one column (or key) each."""
    return list(dict.fromkeys(w.name for w in windows))


def window_minutes(problem: Problem, inst: ShiftInstance, windows: Sequence[IrregularWindow]) -> list[int]:
    """Elapsed minutes of ``inst`` inside each window range (index as in ``windows``).

    A window range belongs to the date on which it starts and applies on the dates its
    ``days`` selector matches. A minute inside several ranges counts once, in the range listed
    last in the profile (so list general windows first and weekend/holiday windows last).
    """
    clock = problem.clock
    spans: list[tuple[int, int, int]] = []  # (start, end, window index) in elapsed minutes
    d = problem.date_of(inst.day - 1)
    last = problem.date_of(inst.day + (inst.duration // MINUTES_PER_DAY) + 1)
    while d <= last:
        for i, w in enumerate(windows):
            if w.days.matches(d, problem.holidays):
                spans.append((clock.minute(d, w.start), clock.minute(d, w.end), i))
        d += timedelta(days=1)
    cuts = sorted(
        {inst.start, inst.end, *(t for s, e, _ in spans for t in (s, e) if inst.start < t < inst.end)}
    )
    minutes = [0] * len(windows)
    for lo, hi in pairwise(cuts):
        owners = [i for s, e, i in spans if s <= lo and hi <= e]
        if owners:
            minutes[max(owners)] += hi - lo
    return minutes


@dataclass(frozen=True)
class HourSplit:
    """Hours of one dated shift as integers of ``1 / per_hour`` hour.

    ``sum(windows.values()) + regular == paid`` always holds.
    """

    per_hour: int
    paid: int
    night: int
    windows: dict[str, int]  # every window name of the profile, 0 when none
    regular: int  # paid hours outside every window

    def hours(self, units: int) -> float:
        return units / self.per_hour

    @property
    def window_hours(self) -> dict[str, float]:
        return {name: self.hours(u) for name, u in self.windows.items()}


def split_hours(
    problem: Problem,
    inst: ShiftInstance,
    windows: Sequence[IrregularWindow] | None = None,
    per_hour: int = HOUR_UNITS,
) -> HourSplit:
    """Paid, night and per-window hours of ``inst`` at a resolution of ``1 / per_hour`` hour.

    Rounding: ``paid`` is the working minutes × per_hour / 60 rounded to the nearest unit
    (halves to even); the window shares (minutes in the window × work / duration, exact
    fractions) and the regular rest are then rounded by largest remainder so that they add up
    to ``paid`` exactly. ``night`` is rounded on its own (it is elapsed time, not paid time).
    """
    windows = irregular_windows(problem) if windows is None else windows
    minutes = window_minutes(problem, inst, windows)
    duration = inst.duration or 1
    exact = [Fraction(m * inst.work * per_hour, duration * 60) for m in minutes]
    paid_exact = Fraction(inst.work * per_hour, 60)
    exact.append(paid_exact - sum(exact, Fraction(0)))  # hours outside every window
    paid = round(paid_exact)
    units = apportion(paid, exact)
    # Several ranges may share one name (e.g. a weekday night split at midnight): one column.
    per_name = dict.fromkeys(window_names(windows), 0)
    for i, w in enumerate(windows):
        per_name[w.name] += units[i]
    night = round(Fraction(inst.night_minutes * per_hour, 60))
    return HourSplit(per_hour, paid, night, per_name, units[-1])


def irregular_hours(
    problem: Problem, inst: ShiftInstance, windows: Sequence[IrregularWindow] | None = None
) -> dict[str, float]:
    """Paid hours of ``inst`` per irregular-hours window (every window named, 0.0 when none).

    Exact to 1/10000 h (:func:`split_hours`), so the windows plus the hours outside every
    window sum exactly to the paid hours rounded to 4 decimals.
    """
    return split_hours(problem, inst, windows, HOUR_UNITS).window_hours


def apportion(total: int, parts: Sequence[Fraction]) -> list[int]:
    """Round non-negative ``parts`` to integers summing to ``total`` (largest remainder).

    Ties go to the earlier part, so the result is deterministic.
    """
    base = [int(p) for p in parts]  # parts are non-negative: int() floors
    short = total - sum(base)
    order = sorted(range(len(parts)), key=lambda i: parts[i] - base[i], reverse=True)
    for i in order[: max(0, short)]:
        base[i] += 1
    return base
