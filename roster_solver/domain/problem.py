"""The validated planning problem: :class:`Problem` and its derived facts.

:class:`Problem` holds the records of every sheet (:mod:`.records`). Cross-record checks run
in its one model validator, which runs every check of :mod:`.validation` and raises a single
:class:`~roster_solver.errors.InputError` with all problems found. Derived facts (horizon days,
dated shift instances in elapsed minutes, absence windows, contract targets and hour bands, the
resolved rules) are computed once, lazily, and cached. Who may work which shift is the
availability rule's code in :mod:`.candidates`; ``Problem`` delegates to it.

Never imports the solver.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from collections import defaultdict
from datetime import date, timedelta
from functools import cached_property
from math import gcd
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, model_validator

from ..calendar import MINUTES_PER_DAY, Clock, daterange, dutch_holidays, overlap
from ..errors import Issue, Issues
from ..profile import SWITCHABLE, Profile, RuleSet, load_profile, resolve_rules
from ..roster import Assignment
from . import candidates as _availability
from .records import (
    Absence,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Holiday,
    Limit,
    Published,
    RuleOverride,
    Settings,
    Shift,
    ShiftInstance,
    StaffMember,
    Window,
    Wish,
)
from .validation import CROSS_CHECKS, coerce_rule_value


class Problem(BaseModel):
    """One planning problem, validated across sheets, with its derived facts."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    settings: Settings
    areas: tuple[Area, ...] = ()
    shifts: tuple[Shift, ...] = ()
    staff: tuple[StaffMember, ...] = ()
    limits: tuple[Limit, ...] = ()
    demand: tuple[DemandRow, ...] = ()
    absences: tuple[Absence, ...] = ()
    wishes: tuple[Wish, ...] = ()
    fixed: tuple[Fixed, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    rules: tuple[RuleOverride, ...] = ()
    holidays_extra: tuple[Holiday, ...] = ()
    base_dir: str | None = None
    source_name: str | None = None
    preliminary_issues: tuple[Issue, ...] = Field(default=(), repr=False, exclude=True)
    # Re-planning only (roster repair): the published roster to change as little as possible.
    published: SkipValidation[Published | None] = Field(default=None, repr=False, exclude=True)

    # ------------------------------------------------------------------ validation

    @model_validator(mode="after")
    def _cross_checks(self) -> Problem:
        issues = Issues(list(self.preliminary_issues))
        for check in CROSS_CHECKS:
            check(self, issues)
        issues.raise_if_errors()
        object.__setattr__(self, "_warnings", issues.warnings)
        return self

    @property
    def warnings(self) -> list[Issue]:
        return list(getattr(self, "_warnings", []))

    # ------------------------------------------------------------------ indexes

    @cached_property
    def area_by_code(self) -> dict[str, Area]:
        return {a.code: a for a in self.areas}

    @cached_property
    def shift_by_code(self) -> dict[str, Shift]:
        return {s.code: s for s in self.shifts}

    @cached_property
    def staff_by_id(self) -> dict[str, StaffMember]:
        return {p.id: p for p in self.staff}

    @cached_property
    def profile(self) -> Profile:
        base = Path(self.base_dir) if self.base_dir else None
        return load_profile(self.settings.rule_profile, base)

    @cached_property
    def ruleset(self) -> RuleSet:
        return resolve_rules(self.profile, _override_values(self))

    # ------------------------------------------------------------------ calendar

    @cached_property
    def clock(self) -> Clock:
        return Clock(self.settings.start_date, self.settings.timezone)

    @property
    def start_date(self) -> date:
        return self.settings.start_date

    @property
    def weeks(self) -> int:
        return self.settings.weeks

    @property
    def n_days(self) -> int:
        return 7 * self.settings.weeks

    @cached_property
    def days(self) -> list[date]:
        return [self.start_date + timedelta(days=k) for k in range(self.n_days)]

    @property
    def end_date(self) -> date:
        return self.days[-1]

    def day_index(self, d: date) -> int:
        return (d - self.start_date).days

    def date_of(self, day: int) -> date:
        return self.start_date + timedelta(days=day)

    @cached_property
    def horizon_end(self) -> int:
        """Elapsed minutes at the end of the horizon (00:00 after the last day)."""
        return self.clock.day_start(self.end_date + timedelta(days=1))

    @cached_property
    def first_history_day(self) -> int:
        return min([self.day_index(h.date) for h in self.history] + [0])

    @cached_property
    def holidays(self) -> dict[date, str]:
        years = tuple(range(self.start_date.year - 1, self.end_date.year + 2))
        result = dict(dutch_holidays(years))
        for h in self.holidays_extra:
            result[h.date] = h.name
        return result

    def is_holiday(self, d: date) -> bool:
        return d in self.holidays

    def day_start(self, day: int) -> int:
        return self.clock.day_start(self.date_of(day))

    def week_start(self, week: int) -> int:
        """Elapsed minutes at Monday 00:00 of week ``week`` (week 0 starts on ``start_date``)."""
        return self.clock.day_start(self.start_date + timedelta(days=7 * week))

    # ------------------------------------------------------------------ shift instances

    def instance(self, shift: str, day: int) -> ShiftInstance:
        key = (shift, day)
        cache = self._instance_cache
        inst = cache.get(key)
        if inst is None:
            inst = _make_instance(self, self.shift_by_code[shift], day)
            cache[key] = inst
        return inst

    @cached_property
    def _instance_cache(self) -> dict[tuple[str, int], ShiftInstance]:
        return {}

    @cached_property
    def horizon_instances(self) -> list[ShiftInstance]:
        return [self.instance(s.code, d) for d in range(self.n_days) for s in self.shifts]

    @cached_property
    def history_instances(self) -> dict[str, list[ShiftInstance]]:
        """Worked History shifts per person, sorted by start."""
        out: dict[str, list[ShiftInstance]] = defaultdict(list)
        for h in self.history:
            if h.shift in self.shift_by_code:
                out[h.staff].append(self.instance(h.shift, self.day_index(h.date)))
        for lst in out.values():
            lst.sort(key=lambda i: i.start)
        return dict(out)

    # ------------------------------------------------------------------ people

    @cached_property
    def absence_windows(self) -> dict[str, list[Window]]:
        out: dict[str, list[Window]] = defaultdict(list)
        for a in self.absences:
            out[a.staff].append(self.absence_window(a))
        return dict(out)

    def absence_window(self, a: Absence) -> Window:
        start = self.clock.minute(a.start_date, a.start_minute or 0)
        end = self.clock.minute(a.end_date, a.end_minute if a.end_minute is not None else MINUTES_PER_DAY)
        return Window(start, end)

    @cached_property
    def training_windows(self) -> dict[str, list[Window]]:
        """Per person: training absences with date-times, clipped to the horizon.

        docs/workbook-contract.md: such training is working time for the law's rest and weekly-hour rules
        (counted as elapsed time, no break).
        """
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for a in self.absences:
            if a.type == "training" and a.part_day:
                w = self.absence_window(a)
                lo, hi = max(w.start, 0), min(w.end, self.horizon_end)
                if hi > lo:
                    out[a.staff].append((lo, hi))
        # Overlapping rows are one training: its time counts once toward the weekly hours.
        return {staff: [Window(lo, hi) for lo, hi in _union(spans)] for staff, spans in out.items()}

    @cached_property
    def _absence_index(self) -> dict[str, tuple[list[int], list[int]]]:
        """Per person: absence window starts (sorted) and the running maximum of their ends."""
        out: dict[str, tuple[list[int], list[int]]] = {}
        for staff, windows in self.absence_windows.items():
            ws = sorted((w.start, w.end) for w in windows if w.end > w.start)
            ends: list[int] = []
            for _, end in ws:
                ends.append(max(end, ends[-1]) if ends else end)
            out[staff] = ([a for a, _ in ws], ends)
        return out

    def absent_during(self, staff: str, start: int, end: int) -> bool:
        """Whether an absence window of ``staff`` overlaps ``[start, end)`` (by bisection: a
        year-long benchmark has thousands of candidate shifts per person)."""
        index = self._absence_index.get(staff)
        if index is None or end <= start:
            return False
        starts, ends = index
        k = bisect_left(starts, end)  # windows [0, k) start before ``end``
        return k > 0 and ends[k - 1] > start

    def absent_on(self, staff: str, day: int) -> bool:
        """Absent for (part of) the date of ``day``: shown as ``absent`` in the roster grid."""
        lo, hi = self.day_start(day), self.day_start(day + 1)
        return any(w.overlaps(lo, hi) for w in self.absence_windows.get(staff, []))

    def employed_days(self, p: StaffMember) -> range:
        first = 0 if p.start_date is None else max(0, self.day_index(p.start_date))
        last = self.n_days - 1 if p.end_date is None else min(self.n_days - 1, self.day_index(p.end_date))
        return range(first, last + 1)

    def credited_minutes(self, p: StaffMember) -> int:
        """Contract credit for absence within the horizon (docs/rules.md "Precise definitions").

        A row with ``hours`` credits those hours; a whole-day row ``hours_per_week / 5`` per
        Monday–Friday (employed, not a public holiday); a part-day row its elapsed time inside
        the horizon. Overlapping rows of one person are credited once (README "Choices"): each
        date counts once however many whole-day rows hold it, and not at all when a row with
        ``hours`` overlaps it; part-day time counts once and only outside whole-day rows and
        rows with ``hours``. (Two overlapping rows with ``hours`` are an input error.)
        """
        rows = [a for a in self.absences if a.staff == p.id]
        given = [a for a in rows if a.hours is not None]
        whole = [a for a in rows if a.hours is None and not a.part_day]
        parts = [a for a in rows if a.hours is None and a.part_day]
        total = sum(a.hours * 60 for a in given if a.hours is not None)
        given_windows = [self.absence_window(a) for a in given]
        employed = self.employed_days(p)
        dates = {d for a in whole for d in daterange(a.start_date, a.end_date)}
        for d in sorted(dates):
            k = self.day_index(d)
            if k not in employed or d.weekday() >= 5 or self.is_holiday(d):
                continue
            lo, hi = self.clock.day_start(d), self.clock.day_start(d + timedelta(days=1))
            if not any(w.overlaps(lo, hi) for w in given_windows):
                total += p.hours_per_week / 5 * 60
        if parts:
            spans = _union(
                [(max(w.start, 0), min(w.end, self.horizon_end)) for w in map(self.absence_window, parts)]
            )
            covered = _union(
                [(w.start, w.end) for w in given_windows]
                + [(w.start, w.end) for w in map(self.absence_window, whole)]
            )
            total += sum(hi - lo for lo, hi in spans) - sum(
                overlap(lo, hi, c_lo, c_hi) for lo, hi in spans for c_lo, c_hi in covered
            )
        return round(total)

    def target_minutes(self, p: StaffMember) -> int:
        """Contract target over the horizon in minutes (pro rata, minus credit, plus balance);
        computed once per person (every model build asks for everyone's)."""
        cache = self._target_cache
        if p.id not in cache or cache[p.id][0] is not p:
            employed = len(self.employed_days(p))
            base = p.hours_per_week * 60 * employed / 7
            cache[p.id] = (p, max(0, round(base - self.credited_minutes(p) + p.hours_balance * 60)))
        return cache[p.id][1]

    @cached_property
    def _target_cache(self) -> dict[str, tuple[StaffMember, int]]:
        return {}

    def hours_band(self, p: StaffMember) -> tuple[int, int, bool, bool]:
        """(lower, upper, lower_is_hard, upper_is_hard) in minutes over the horizon.

        The upper edge is hard unless the Rules sheet made the upper band soft
        (``hours_tolerance_pct``, hard = no; see :meth:`has_upper_band`)."""
        target = self.target_minutes(p)
        tol = float(self.ruleset.get("hours_tolerance_pct", 0) or 0) / 100
        lower = round(target * (1 - tol))
        upper = round(target * (1 + tol))
        lower_hard = False
        upper_hard = self.has_upper_band(p) and self.ruleset.is_hard("hours_tolerance_pct")
        if p.min_hours is not None:
            lower, lower_hard = round(p.min_hours * 60), True
        if p.max_hours is not None:
            upper = round(p.max_hours * 60)
        return lower, upper, lower_hard, upper_hard

    def has_upper_band(self, p: StaffMember) -> bool:
        """Whether the person's planned hours have an upper edge (tolerance or max_hours)."""
        return float(self.ruleset.get("hours_tolerance_pct", 0) or 0) > 0 or p.max_hours is not None

    def max_consecutive_days_limit(self, p: StaffMember) -> int:
        """At most this many working days in a row (Staff override, else the profile; 0 = none)."""
        if p.max_consecutive_days is not None:
            return p.max_consecutive_days
        return int(self.ruleset.get("max_consecutive_days", 0) or 0)

    def max_consecutive_days_for(self, p: StaffMember) -> int:
        """The hard limit on working days in a row: 0 when there is none or the Rules sheet
        made the rule soft (then family consecutive_days prices each day beyond it)."""
        if not self.ruleset.is_hard("max_consecutive_days"):
            return 0
        return self.max_consecutive_days_limit(p)

    def max_weekends_for(self, p: StaffMember) -> int | None:
        """The hard limit on weekends worked: None when there is none or it was made soft."""
        return p.max_weekends if self.ruleset.is_hard("max_weekends") else None

    def age_on(self, p: StaffMember, d: date) -> int | None:
        if p.birth_date is None:
            return None
        b = p.birth_date
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    # ------------------------------------------------------------------ availability
    # The availability rule's code lives in domain/candidates.py; these delegate to it and
    # cache what is asked for again and again.

    @cached_property
    def fixed_by_key(self) -> dict[tuple[str, int], Fixed]:
        return _availability.fixed_by_key(self)

    def wish_window(self, w: Wish, day: int) -> Window:
        """The wish's time window on ``day`` (the whole date when it has none)."""
        return _availability.wish_window(self, w, day)

    @cached_property
    def hard_wishes_by_staff(self) -> dict[str, list[Wish]]:
        return _availability.hard_wishes_by_staff(self)

    def wish_matches(self, w: Wish, day: int) -> bool:
        return _availability.wish_matches(self, w, day)

    def law_blocks_instance(self, p: StaffMember, inst: ShiftInstance, lang: str | None = None) -> str | None:
        """Why the law forbids ``p`` to work ``inst`` whatever else happens (None if it does not),
        in ``lang`` (English by default)."""
        return _availability.law_blocks_instance(self, p, inst, lang)

    @cached_property
    def _law_numbers(self) -> tuple[int, int, int]:
        return _availability.law_numbers(self)

    def unavailable_reason(
        self, p: StaffMember, inst: ShiftInstance, area: str, lang: str | None = None
    ) -> str | None:
        """Why ``p`` may not work ``inst`` in ``area`` (None when allowed), in ``lang`` (English
        by default); see :func:`roster_solver.domain.candidates.unavailable_reason`."""
        return _availability.unavailable_reason(self, p, inst, area, lang)

    def _hard_wish_blocks(self, w: Wish, inst: ShiftInstance, lang: str | None = None) -> str | None:
        """A never/only wish that forbids ``inst`` (must wishes are enforced as a sum)."""
        return _availability.hard_wish_blocks(self, w, inst, lang)

    def must_wishes(self) -> tuple[tuple[Wish, int], ...]:
        """Every (must-wish, day) pair inside the horizon: the person works that day."""
        return self._must_wishes

    @cached_property
    def _must_wishes(self) -> tuple[tuple[Wish, int], ...]:
        return _availability.must_wishes(self)

    def allowed_areas(self, p: StaffMember) -> list[str]:
        return _availability.allowed_areas(self, p)

    @cached_property
    def candidates(self) -> dict[str, list[tuple[ShiftInstance, str]]]:
        """Per person, every (shift instance, area) that may be assigned."""
        return _availability.candidates(self)

    @cached_property
    def published_kept(self) -> dict[tuple[str, int], Assignment | None]:
        """Re-planning: every (staff, day) that stays as published, with its published
        assignment (None: off); see :func:`roster_solver.domain.candidates.published_kept`."""
        return _availability.published_kept(self)

    # ------------------------------------------------------------------ slots

    @cached_property
    def slot_minutes(self) -> int:
        if self.settings.slot_minutes:
            return self.settings.slot_minutes
        return default_slot_minutes(self)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint spans covering the same time as ``spans`` (empty spans dropped)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(s for s in spans if s[1] > s[0]):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def default_slot_minutes(problem: Problem) -> int:
    """The gcd of all shift and demand times (wish and absence times only decide whether a
    shift fits; they do not define coverage slots)."""
    g = 0
    for s in problem.shifts:
        g = gcd(gcd(g, s.start), s.end)
    for d in problem.demand:
        for t in (d.start, d.end):
            if t is not None:
                g = gcd(g, t)
    g = gcd(g, MINUTES_PER_DAY)
    return g or 60


def _make_instance(problem: Problem, shift: Shift, day: int) -> ShiftInstance:
    clock = problem.clock
    d = problem.date_of(day)
    start = clock.minute(d, shift.start)
    end = clock.minute(d, shift.end_offset)
    night_minutes = sum(
        overlap(start, end, clock.minute(x, 0), clock.minute(x, 6 * 60)) for x in (d, d + timedelta(days=1))
    )
    night = night_minutes > 60
    end_local = clock.local(end)
    ends_after_0200 = night and (end_local.hour * 60 + end_local.minute) > 120
    evening_minutes = max(0, end - max(start, clock.minute(d, 19 * 60)))
    evening = not night and evening_minutes >= 120
    return ShiftInstance(
        shift=shift.code,
        day=day,
        date=d,
        start=start,
        end=end,
        work=max(0, end - start - shift.break_minutes),
        night=night,
        ends_after_0200=ends_after_0200,
        evening=evening,
        night_minutes=night_minutes,
    )


# --------------------------------------------------------------------------- rule overrides


def _override_values(problem: Problem) -> dict[str, Any]:
    """The Rules sheet and Settings weights as profile keys. A value that cannot be used is left
    out: the cross-record checks report it at its cell, so such a Problem is never built."""
    values: dict[str, Any] = {}
    for key, weight in problem.settings.weights.items():
        values[key if key.startswith("weight.") else f"weight.{key}"] = weight
    for r in problem.rules:
        if r.value is not None and r.value != "" and r.rule in problem.profile.values:
            with contextlib.suppress(ValueError):
                values[r.rule] = coerce_rule_value(r.rule, r.value, problem.profile.values[r.rule])
        if r.hard is not None and r.rule in SWITCHABLE:
            values[f"hard.{r.rule}"] = r.hard
        if r.weight is not None:
            key = r.rule if r.rule.startswith("weight.") else SWITCHABLE.get(r.rule, f"weight.{r.rule}")
            values[key] = r.weight
    return values
