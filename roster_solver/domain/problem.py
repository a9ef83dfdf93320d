"""The planning problem: one pydantic model per input sheet, and the validated :class:`Problem`.

Records are frozen and carry ``src`` (where in the workbook they came from) so that every
cross-record problem can be reported at its cell. Cross-record checks run in one model
validator of :class:`Problem` that collects all problems and raises a single
:class:`~roster_solver.errors.InputError`. Derived facts (horizon days, dated shift instances
in elapsed minutes, contract targets, availability) are computed once, lazily, and cached.

Never imports the solver.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from math import gcd
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, model_validator

from ..calendar import (
    ALL_DAYS,
    MINUTES_PER_DAY,
    Clock,
    DaySelector,
    daterange,
    dutch_holidays,
    overlap,
    valid_timezone,
)
from ..errors import Issue, Issues, Where
from ..i18n import reason as _say
from ..profile import (
    BOOL_KEYS,
    LAW_KEYS,
    MAX_WEIGHT,
    ORGANISATION_HARD,
    SWITCHABLE,
    Profile,
    ProfileError,
    RuleSet,
    break_for,
    check_number,
    is_looser_than_law,
    load_profile,
    parse_break_table,
    resolve_rules,
)
from ..roster import Assignment, Roster

RESERVED_CODES = {"off", "absent", "*"}

# Sane ranges for the numbers of the input, checked when a record is made (so a workbook cell
# is reported at its cell, before a solver ever sees the number): a weight of 1e18 or a minimum
# staffing of 1e12 would overflow the model, a seed of 2^31 is beyond CP-SAT's. MAX_WEIGHT (the
# largest weight) comes with the rule profile.
MAX_PEOPLE = 1000  # Demand min, target, max
MAX_SEED = 2**31 - 1
MAX_WORKERS = 64  # as the command line's --workers
MAX_TIME_LIMIT_SECONDS = 7 * 24 * 3600
MAX_HORIZON_HOURS = 168 * 52  # hours over a horizon of at most 52 weeks
MAX_BALANCE_HOURS = 2000
MAX_RUN_DAYS = 366  # run lengths and per-shift counts over a horizon
OFF = "off"
ANY_AREA = "*"
HISTORY_WEEKS = 16


def reserved_code_problem(code: str) -> str | None:
    if code in RESERVED_CODES or "@" in code:
        return f"is a reserved word; codes may not be {', '.join(sorted(RESERVED_CODES))} or contain @"
    if not code:
        return "is empty; a code is required"
    return None


@dataclass(frozen=True, slots=True)
class Src:
    """Where a record came from: sheet name, Excel row, and the column letters by header."""

    sheet: str
    row: int
    columns: tuple[tuple[str, int], ...] = ()

    def at(self, column: str | None = None) -> Where:
        cols = dict(self.columns)
        return Where(self.sheet, self.row, cols.get(column) if column else None, column)


def where(src: Src | None, column: str | None = None, sheet: str = "") -> Where | None:
    if src is None:
        return Where(sheet, None, None, column) if sheet else None
    return src.at(column)


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)
    src: Src | None = Field(default=None, repr=False, exclude=True)


# --------------------------------------------------------------------------- sheets


class Settings(Record):
    start_date: date
    weeks: int = Field(ge=1, le=52)
    timezone: str = "Europe/Amsterdam"
    slot_minutes: int | None = Field(default=None, ge=1, le=MINUTES_PER_DAY)
    rule_profile: str = "atw"
    shortage: Literal["report", "forbid"] = "report"
    time_limit_seconds: float = Field(default=60.0, gt=0, le=MAX_TIME_LIMIT_SECONDS)
    workers: int | None = Field(default=None, ge=1, le=MAX_WORKERS)
    seed: int = Field(default=0, ge=0, le=MAX_SEED)
    language: Literal["en", "nl"] = "en"
    objective: Literal["weighted", "lexicographic"] = "weighted"
    period_anchor: date | None = None
    weights: dict[str, int] = Field(default_factory=dict)
    key_src: dict[str, Src] = Field(default_factory=dict, repr=False, exclude=True)

    def at(self, key: str) -> Where:
        src = self.key_src.get(key)
        return src.at("value") if src else Where("Settings", None, None, key)


class Area(Record):
    code: str
    name: str = ""
    color: str | None = None


class Shift(Record):
    code: str
    name: str = ""
    start: int = Field(ge=0, le=MINUTES_PER_DAY)
    end: int = Field(ge=0, le=MINUTES_PER_DAY)
    break_minutes: int = Field(default=0, ge=0, le=MINUTES_PER_DAY)
    days: DaySelector = ALL_DAYS
    not_followed_by: tuple[str, ...] = ()
    color: str | None = None

    @property
    def end_offset(self) -> int:
        """End in minutes of the start day's wall clock (beyond 1440 when it ends next day)."""
        return self.end if self.end > self.start else self.end + MINUTES_PER_DAY


class StaffMember(Record):
    id: str
    name: str = ""
    home_area: str
    hours_per_week: float = Field(ge=0, le=80)
    skills: frozenset[str] = frozenset()
    areas: tuple[str, ...] = ()
    all_areas: bool = False
    shifts: tuple[str, ...] | None = None
    no_nights: bool = False
    min_hours: float | None = Field(default=None, ge=0, le=MAX_HORIZON_HOURS)
    max_hours: float | None = Field(default=None, ge=0, le=MAX_HORIZON_HOURS)
    max_consecutive_days: int | None = Field(default=None, ge=1, le=MAX_RUN_DAYS)
    min_consecutive_days: int | None = Field(default=None, ge=1, le=MAX_RUN_DAYS)
    min_consecutive_days_off: int | None = Field(default=None, ge=1, le=MAX_RUN_DAYS)
    max_weekends: int | None = Field(default=None, ge=0, le=52)
    birth_date: date | None = None
    start_date: date | None = None
    end_date: date | None = None
    hours_balance: float = Field(default=0.0, ge=-MAX_BALANCE_HOURS, le=MAX_BALANCE_HOURS)

    def may_deploy_in(self, area: str) -> bool:
        return self.all_areas or area == self.home_area or area in self.areas


class Limit(Record):
    staff: str
    shift: str
    max: int | None = Field(default=None, ge=0, le=MAX_RUN_DAYS)
    min: int | None = Field(default=None, ge=0, le=MAX_RUN_DAYS)


class DemandRow(Record):
    area: str
    days: DaySelector = ALL_DAYS
    start: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    end: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    shift: str | None = None
    min: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    target: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    max: int | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    skill: str | None = None
    weight_under: int | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    weight_over: int | None = Field(default=None, ge=0, le=MAX_WEIGHT)
    note: str = ""
    replace: bool = False


AbsenceType = Literal["leave", "training", "sick", "other"]


class Absence(Record):
    staff: str
    start_date: date
    end_date: date
    start_minute: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    end_minute: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    type: AbsenceType = "other"
    hours: float | None = Field(default=None, ge=0, le=MAX_HORIZON_HOURS)

    @property
    def part_day(self) -> bool:
        return self.start_minute is not None or self.end_minute is not None


WishKind = Literal["never", "only", "must", "prefer", "avoid"]


class Wish(Record):
    staff: str
    days: DaySelector
    kind: WishKind
    shift: str | None = None
    start: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    end: int | None = Field(default=None, ge=0, le=MINUTES_PER_DAY)
    weight: int | None = Field(default=None, ge=0, le=MAX_WEIGHT)

    @property
    def hard(self) -> bool:
        return self.kind in ("never", "only", "must")

    @property
    def has_window(self) -> bool:
        return self.start is not None and self.end is not None


class Fixed(Record):
    staff: str
    date: date
    shift: str
    area: str | None = None


class HistoryEntry(Record):
    staff: str
    date: date
    shift: str
    area: str | None = None


class RuleOverride(Record):
    rule: str
    value: Any = None
    hard: bool | None = None
    weight: int | None = Field(default=None, ge=0, le=MAX_WEIGHT)


class Holiday(Record):
    date: date
    name: str = ""


# --------------------------------------------------------------------------- derived facts


@dataclass(frozen=True, slots=True)
class ShiftInstance:
    """A shift type on one date, in elapsed minutes from the horizon start (DST-aware)."""

    shift: str
    day: int  # index from the horizon start; negative for History dates
    date: date
    start: int
    end: int
    work: int  # elapsed minutes minus the unpaid break
    night: bool
    ends_after_0200: bool
    evening: bool
    night_minutes: int  # elapsed minutes between 00:00 and 06:00

    @property
    def duration(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Window:
    """A half-open interval of elapsed minutes."""

    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return overlap(self.start, self.end, start, end) > 0


def work_in_window(inst: ShiftInstance, lo: int, hi: int) -> int:
    """Working minutes of ``inst`` inside ``[lo, hi)``: the elapsed overlap, break spread in proportion.

    Integer and exactly additive: the work done up to elapsed minute ``t`` is
    ``floor(work × elapsed_so_far / duration)``, and a window gets the difference at its edges,
    so windows that tile time (weeks split at Monday 00:00) add up to ``inst.work``. The model
    and the checker both use this function, so their numbers are identical.
    """
    if hi <= lo or inst.duration <= 0:
        return 0

    def done_by(t: int) -> int:
        elapsed = min(max(t - inst.start, 0), inst.duration)
        return inst.work * elapsed // inst.duration

    return done_by(hi) - done_by(lo)


@dataclass(frozen=True, slots=True)
class Published:
    """A roster published earlier, for re-planning with minimal change (``roster repair``).

    ``roster`` is the published roster as read from its Assignments sheet (assignments that
    are impossible now, e.g. on a new absence, are kept: they are changes, not input errors).
    Dates before ``keep_before`` have been worked: they stay as published wherever that is
    still allowed (family ``change_from_published``). ``None``: every date may change.
    ``free_days`` (day indexes), when given, narrows the search to those dates: every other
    date stays as published too (a neighbourhood of the disruption, see ``roster_solver.repair``).
    """

    roster: Roster
    keep_before: date | None = None
    free_days: frozenset[int] | None = None


# --------------------------------------------------------------------------- the problem


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
        for check in _CROSS_CHECKS:
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
        end = self.clock.minute(
            a.end_date, a.end_minute if a.end_minute is not None else MINUTES_PER_DAY
        )
        return Window(start, end)

    @cached_property
    def training_windows(self) -> dict[str, list[Window]]:
        """Per person: training absences with date-times, clipped to the horizon.

        WORKBOOK.md: such training is working time for the law's rest and weekly-hour rules
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
        """Contract credit for absence within the horizon (RULES.md "Absence").

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
            spans = _union([(max(w.start, 0), min(w.end, self.horizon_end))
                            for w in map(self.absence_window, parts)])
            covered = _union([(w.start, w.end) for w in given_windows]
                             + [(w.start, w.end) for w in map(self.absence_window, whole)])
            total += sum(hi - lo for lo, hi in spans) - sum(
                overlap(lo, hi, c_lo, c_hi) for lo, hi in spans for c_lo, c_hi in covered)
        return round(total)

    def target_minutes(self, p: StaffMember) -> int:
        """Contract target over the horizon in minutes (pro rata, minus credit, plus balance)."""
        employed = len(self.employed_days(p))
        base = p.hours_per_week * 60 * employed / 7
        return max(0, round(base - self.credited_minutes(p) + p.hours_balance * 60))

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

    @cached_property
    def fixed_by_key(self) -> dict[tuple[str, int], Fixed]:
        return {(f.staff, self.day_index(f.date)): f for f in self.fixed}

    def wish_window(self, w: Wish, day: int) -> Window:
        """The wish's time window on ``day`` (the whole date when it has none)."""
        d = self.date_of(day)
        if not w.has_window:
            return Window(self.clock.day_start(d), self.clock.day_start(d + timedelta(days=1)))
        assert w.start is not None and w.end is not None
        end = w.end if w.end > w.start else w.end + MINUTES_PER_DAY
        return Window(self.clock.minute(d, w.start), self.clock.minute(d, end))

    @cached_property
    def hard_wishes_by_staff(self) -> dict[str, list[Wish]]:
        out: dict[str, list[Wish]] = defaultdict(list)
        for w in self.wishes:
            if w.hard:
                out[w.staff].append(w)
        return dict(out)

    def wish_matches(self, w: Wish, day: int) -> bool:
        return w.days.matches(self.date_of(day), self.holidays)

    def law_blocks_instance(self, p: StaffMember, inst: ShiftInstance,
                            lang: str | None = None) -> str | None:
        """Why the law forbids ``p`` to work ``inst`` whatever else happens (None if it does not),
        in ``lang`` (English by default)."""
        max_shift, max_night, min_age = self._law_numbers
        if max_shift and inst.work > max_shift:
            return _say("u.long", lang, work=f"{inst.work / 60:g}", most=f"{max_shift / 60:g}")
        if inst.night and max_night and inst.work > max_night:
            return _say("u.night_long", lang, work=f"{inst.work / 60:g}", most=f"{max_night / 60:g}")
        if not (inst.night and min_age):
            return None
        age = self.age_on(p, inst.date)
        if age is not None and age < min_age:
            return _say("u.night_age", lang, age=min_age)
        return None

    @cached_property
    def _law_numbers(self) -> tuple[int, int, int]:
        """max_shift_hours and max_night_shift_hours in minutes, min_age_nights (0: off);
        read once, as the law check runs for every candidate shift."""
        r = self.ruleset
        return (r.minutes("max_shift_hours") or 0, r.minutes("max_night_shift_hours") or 0,
                int(r.get("min_age_nights", 0) or 0))

    def unavailable_reason(self, p: StaffMember, inst: ShiftInstance, area: str,
                           lang: str | None = None) -> str | None:
        """Why ``p`` may not work ``inst`` in ``area`` (None when allowed), in ``lang`` (English
        by default: :mod:`roster_solver.repair` reads the English reasons).

        Hard facts that no pin overrides: employment, absence, the law's per-shift rules and
        hard wishes. Defaults that a Fixed pin overrides: allowed shifts, shift days, areas,
        ``no_nights``.
        """
        day = inst.day
        if day not in self.employed_days(p):
            return _say("u.not_employed", lang)
        if self.absent_during(p.id, inst.start, inst.end):
            return _say("u.absent", lang)
        law = self.law_blocks_instance(p, inst, lang)
        if law:
            return law
        for wish in self.hard_wishes_by_staff.get(p.id, []):
            reason = self._hard_wish_blocks(wish, inst, lang)
            if reason:
                return reason
        pin = self.fixed_by_key.get((p.id, day))
        if pin is not None:
            if pin.shift == OFF:
                return _say("u.fixed_off", lang)
            if pin.shift != inst.shift:
                return _say("u.fixed_shift", lang, shift=pin.shift)
            pinned_area = pin.area or p.home_area
            if area != pinned_area:
                return _say("u.fixed_area", lang, area=pinned_area)
            return None
        shift = self.shift_by_code[inst.shift]
        if not shift.days.matches(inst.date, self.holidays):
            return _say("u.not_used", lang, shift=shift.code)
        if p.shifts is not None and inst.shift not in p.shifts:
            return _say("u.not_allowed", lang, shift=inst.shift)
        if p.no_nights and inst.night:
            return _say("u.no_nights", lang)
        if not p.may_deploy_in(area):
            return _say("u.area", lang, area=area)
        return None

    def _hard_wish_blocks(self, w: Wish, inst: ShiftInstance, lang: str | None = None) -> str | None:
        """A never/only wish that forbids ``inst`` (must wishes are enforced as a sum)."""
        if w.kind == "must":
            if self.wish_matches(w, inst.day) and w.shift not in (None, OFF) and w.shift != inst.shift:
                return _say("u.must", lang, shift=w.shift)
            return None
        # A whole-day or windowed never wish also blocks a shift of the previous day that runs into it.
        for day in (inst.day, inst.day - 1) if w.kind == "never" else (inst.day,):
            if not self.wish_matches(w, day):
                continue
            if w.kind == "never":
                if w.shift == OFF:
                    continue  # "never off" is enforced as a must-work
                if w.shift is not None:
                    if day == inst.day and w.shift == inst.shift:
                        return _say("u.never", lang, shift=w.shift)
                    continue
                win = self.wish_window(w, day)
                if win.overlaps(inst.start, inst.end):
                    return _say("u.never_window", lang)
            else:  # only
                if w.shift == OFF:
                    return _say("u.only_off", lang)
                if w.shift is not None:
                    if w.shift != inst.shift:
                        return _say("u.only", lang, shift=w.shift)
                    continue
                win = self.wish_window(w, day)
                if not (win.start <= inst.start and inst.end <= win.end):
                    return _say("u.only_window", lang)
        return None

    def must_wishes(self) -> tuple[tuple[Wish, int], ...]:
        """Every (must-wish, day) pair inside the horizon: the person works that day."""
        return self._must_wishes

    @cached_property
    def _must_wishes(self) -> tuple[tuple[Wish, int], ...]:
        # Computed once: the checker asks for it per refused wish, which made checking a roster
        # with thousands of wishes quadratic.
        out: list[tuple[Wish, int]] = []
        for w in self.wishes:
            if w.kind == "must" or (w.kind == "never" and w.shift == OFF):
                out.extend((w, d) for d in range(self.n_days) if self.wish_matches(w, d))
        return tuple(out)

    def allowed_areas(self, p: StaffMember) -> list[str]:
        return [a.code for a in self.areas if p.may_deploy_in(a.code)]

    @cached_property
    def candidates(self) -> dict[str, list[tuple[ShiftInstance, str]]]:
        """Per person, every (shift instance, area) that may be assigned."""
        out: dict[str, list[tuple[ShiftInstance, str]]] = {}
        for p in self.staff:
            lst: list[tuple[ShiftInstance, str]] = []
            employed = self.employed_days(p)
            allowed_areas = self.allowed_areas(p)
            for inst in self.horizon_instances:
                pin = self.fixed_by_key.get((p.id, inst.day))
                # Quick exclusions that unavailable_reason would also give (only whether
                # there is a reason matters here): a year of 150 people has 1.7 M pairs.
                if inst.day not in employed or (pin is None and p.shifts is not None
                                                and inst.shift not in p.shifts):
                    continue
                areas = [pin.area or p.home_area] if pin is not None and pin.shift == inst.shift \
                    else allowed_areas
                if pin is None and (p.id, inst.day) in self.published_kept:
                    # Re-planning: a kept date offers only its published assignment (if allowed).
                    was = self.published_kept[(p.id, inst.day)]
                    areas = [was.area] if was is not None and was.shift == inst.shift else []
                for area in areas:
                    if self.unavailable_reason(p, inst, area) is None:
                        lst.append((inst, area))
            out[p.id] = lst
        return out

    @cached_property
    def published_kept(self) -> dict[tuple[str, int], Assignment | None]:
        """Re-planning: every (staff, day) that stays as published, with its published
        assignment (None: off). Those are the days before ``published.keep_before`` and, when
        ``published.free_days`` is given, every day not in it. Empty without ``published``."""
        pub = self.published
        if pub is None:
            return {}
        first = 0 if pub.keep_before is None else self.day_index(pub.keep_before)
        days = [d for d in range(self.n_days)
                if d < first or (pub.free_days is not None and d not in pub.free_days)]
        was: dict[tuple[str, int], Assignment] = {}
        for a in pub.roster.assignments:
            was.setdefault((a.staff, self.day_index(a.date)), a)
        return {(p.id, d): was.get((p.id, d)) for p in self.staff for d in days}

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
        overlap(start, end, clock.minute(x, 0), clock.minute(x, 6 * 60))
        for x in (d, d + timedelta(days=1))
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
                values[r.rule] = _coerce_rule_value(r.rule, r.value, problem.profile.values[r.rule])
        if r.hard is not None and r.rule in SWITCHABLE:
            values[f"hard.{r.rule}"] = r.hard
        if r.weight is not None:
            key = r.rule if r.rule.startswith("weight.") else SWITCHABLE.get(r.rule, f"weight.{r.rule}")
            values[key] = r.weight
    return values


def _coerce_rule_value(key: str, value: Any, like: Any) -> Any:
    """Turn a Rules-sheet cell into the profile's type for ``key``, in its sane range; raises
    ValueError worded to follow the value."""
    if key == "min_break_minutes":
        if isinstance(value, list):
            return value
        try:
            return parse_break_table(str(value))
        except ValueError as exc:
            raise ValueError(f"is not a break table; {exc}") from None
    if isinstance(like, bool) or key in BOOL_KEYS:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("yes", "ja", "true", "1", "y", "j", "waar"):
            return True
        if text in ("no", "nee", "false", "0", "n", "onwaar"):
            return False
        raise ValueError("is not yes or no")
    if isinstance(like, int | float) or key.startswith("weight."):
        if isinstance(value, bool):
            raise ValueError("is not a number")
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValueError("is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("is not a number")
        check_number(key, number)
        return int(number) if isinstance(like, int) and number.is_integer() else number
    return value


# --------------------------------------------------------------------------- cross-record checks


def _check_settings(pb: Problem, issues: Issues) -> None:
    s = pb.settings
    if s.start_date.weekday() != 0:
        issues.error(s.at("start_date"), f"is a {s.start_date:%A}; start_date must be a Monday",
                     s.start_date.isoformat())
    if not valid_timezone(s.timezone):
        issues.error(s.at("timezone"), "is not a known time zone; expected e.g. Europe/Amsterdam",
                     s.timezone)
    if s.period_anchor is not None and s.period_anchor.weekday() != 0:
        issues.error(s.at("period_anchor"), "must be a Monday", s.period_anchor.isoformat())
    if s.slot_minutes and MINUTES_PER_DAY % s.slot_minutes:
        issues.error(s.at("slot_minutes"), "must divide a day of 24 hours into whole slots "
                     "(e.g. 15, 30 or 60)", s.slot_minutes)
    try:
        _ = pb.profile
    except ProfileError as exc:
        for problem in exc.problems:
            issues.error(s.at("rule_profile"), problem, s.rule_profile)
    except (FileNotFoundError, ValueError) as exc:
        issues.error(s.at("rule_profile"), str(exc), s.rule_profile)


def _profile_ok(pb: Problem) -> bool:
    """Whether the rule profile loads (when not, _check_settings reports why at its cell and
    the checks that need the rules are skipped)."""
    try:
        _ = pb.profile
    except (FileNotFoundError, ValueError):
        return False
    return True


def _check_codes(pb: Problem, issues: Issues) -> None:
    for sheet, records, attr in (
        ("Areas", pb.areas, "code"),
        ("Shifts", pb.shifts, "code"),
        ("Staff", pb.staff, "id"),
    ):
        seen: dict[str, Src | None] = {}
        for rec in records:
            code = getattr(rec, attr)
            problem = reserved_code_problem(code)
            if problem:
                issues.error(where(rec.src, attr, sheet), problem, code)
            if code in seen:
                first = seen[code]
                at = f" (first on row {first.row})" if first else ""
                issues.error(where(rec.src, attr, sheet), f"is a duplicate {attr}{at}", code)
            else:
                seen[code] = rec.src


def _check_shifts(pb: Problem, issues: Issues) -> None:
    if not valid_timezone(pb.settings.timezone) or not _profile_ok(pb):
        return
    table = pb.ruleset.get("min_break_minutes") or []
    max_shift = pb.ruleset.minutes("max_shift_hours")
    for s in pb.shifts:
        length = s.end_offset - s.start
        work = length - s.break_minutes
        if s.break_minutes >= length:
            issues.error(where(s.src, "break_minutes", "Shifts"),
                         f"is not shorter than the shift ({length} minutes)", s.break_minutes)
            continue
        need = break_for(work, table)
        if s.break_minutes < need:
            issues.error(where(s.src, "break_minutes", "Shifts"),
                         f"is too short: a shift of {work / 60:g} h of work needs a break of at least "
                         f"{need} minutes (ATW art. 5:4, min_break_minutes)", s.break_minutes)
        if max_shift and work > max_shift:
            issues.error(where(s.src, "end", "Shifts"),
                         f"makes shift {s.code} {work / 60:g} h of work, more than "
                         f"max_shift_hours = {max_shift / 60:g} (ATW art. 5:7)",
                         f"{s.end // 60:02d}:{s.end % 60:02d}")
        for code in s.not_followed_by:
            if code not in pb.shift_by_code:
                issues.error(where(s.src, "not_followed_by", "Shifts"),
                             f"names shift {code!r}, which is not in the Shifts sheet", code)


def _check_staff(pb: Problem, issues: Issues) -> None:
    areas = pb.area_by_code
    for p in pb.staff:
        if p.home_area not in areas:
            issues.error(where(p.src, "home_area", "Staff"),
                         "is not an area code from the Areas sheet", p.home_area)
        for a in p.areas:
            if a not in areas:
                issues.error(where(p.src, "areas", "Staff"),
                             f"names area {a!r}, which is not in the Areas sheet", a)
        for code in p.shifts or ():
            if code not in pb.shift_by_code:
                issues.error(where(p.src, "shifts", "Staff"),
                             f"names shift {code!r}, which is not in the Shifts sheet", code)
        if p.min_hours is not None and p.max_hours is not None and p.min_hours > p.max_hours:
            issues.error(where(p.src, "min_hours", "Staff"),
                         f"is more than max_hours ({p.max_hours:g})", p.min_hours)
        if (p.start_date and p.end_date) and p.start_date > p.end_date:
            issues.error(where(p.src, "end_date", "Staff"), "is before start_date",
                         p.end_date.isoformat())
        if p.max_weekends is not None and p.max_weekends > pb.weeks:
            issues.warn(where(p.src, "max_weekends", "Staff"),
                        f"is more than the {pb.weeks} weekends in the horizon", p.max_weekends)


def _check_limits(pb: Problem, issues: Issues) -> None:
    for lim in pb.limits:
        if lim.staff not in pb.staff_by_id:
            issues.error(where(lim.src, "staff", "Limits"), "is not a staff id from the Staff sheet",
                         lim.staff)
        if lim.shift not in pb.shift_by_code:
            issues.error(where(lim.src, "shift", "Limits"), "is not a shift code from the Shifts sheet",
                         lim.shift)
        if lim.min is not None and lim.max is not None and lim.min > lim.max:
            issues.error(where(lim.src, "min", "Limits"), f"is more than max ({lim.max})", lim.min)
        if lim.min is None and lim.max is None:
            issues.error(where(lim.src, "max", "Limits"), "is empty; give max, min or both", "")


def _check_demand(pb: Problem, issues: Issues) -> None:
    skills = set().union(*(p.skills for p in pb.staff)) if pb.staff else set()
    for d in pb.demand:
        if d.area != ANY_AREA and d.area not in pb.area_by_code:
            issues.error(where(d.src, "area", "Demand"),
                         "is not an area code from the Areas sheet (or * for the whole city)", d.area)
        if d.shift is not None:
            if d.shift not in pb.shift_by_code:
                issues.error(where(d.src, "shift", "Demand"),
                             "is not a shift code from the Shifts sheet", d.shift)
            if d.start is not None or d.end is not None:
                issues.error(where(d.src, "from", "Demand"),
                             "must be empty when the row names a shift (give from/to or shift, not both)",
                             "")
        elif d.start is None or d.end is None:
            issues.error(where(d.src, "from" if d.start is None else "to", "Demand"),
                         "is empty; give from and to, or a shift", "")
        if d.target is not None and d.target < d.min:
            issues.error(where(d.src, "target", "Demand"), f"is below min ({d.min})", d.target)
        if d.max is not None and d.max < d.min:
            issues.error(where(d.src, "max", "Demand"), f"is below min ({d.min})", d.max)
        if d.skill is not None and d.skill not in skills:
            issues.warn(where(d.src, "skill", "Demand"),
                        "is a skill nobody in the Staff sheet has; this demand cannot be met", d.skill)
        _warn_outside_horizon(pb, issues, d.days, where(d.src, "days", "Demand"))


def _warn_outside_horizon(pb: Problem, issues: Issues, sel: DaySelector, at: Where | None) -> None:
    dates = sel.explicit_dates()
    if dates and not sel.weekdays and not sel.holiday and all(
        x < pb.start_date or x > pb.end_date for x in dates
    ):
        issues.warn(at, f"lies outside the horizon {pb.start_date} – {pb.end_date}; the row has no effect",
                    sel.text)


def _absence_span(a: Absence) -> tuple[tuple[date, int], tuple[date, int]]:
    """The absence as (date, minute) from and to, the end exclusive (the end of a whole day is
    minute 1440 of that date)."""
    start = (a.start_date, a.start_minute or 0)
    end = (a.end_date, MINUTES_PER_DAY if a.end_minute is None else a.end_minute)
    return start, end


def _show_span(a: Absence) -> str:
    def one(d: date, minute: int | None) -> str:
        return d.isoformat() if minute is None else f"{d.isoformat()} {minute // 60:02d}:{minute % 60:02d}"

    first, last = one(a.start_date, a.start_minute), one(a.end_date, a.end_minute)
    return first if first == last else f"{first} – {last}"


def _check_absences(pb: Problem, issues: Issues) -> None:
    by_staff: dict[str, list[Absence]] = defaultdict(list)
    for a in pb.absences:
        if a.staff not in pb.staff_by_id:
            issues.error(where(a.src, "staff", "Absence"), "is not a staff id from the Staff sheet", a.staff)
        (start, end) = _absence_span(a)
        if end < start:
            issues.error(where(a.src, "to", "Absence"), "is before from", _show_span(a).split(" – ")[-1])
            continue
        if end == start:
            issues.error(where(a.src, "to", "Absence"), "is the same moment as from; the absence would be "
                         "empty (for a whole day give dates without a time)", _show_span(a))
            continue
        if a.hours is not None:
            days = (a.end_date - a.start_date).days + 1
            if a.hours > 24 * days:
                issues.error(where(a.src, "hours", "Absence"),
                             f"is more than the {24 * days} hours of the row's {days} day(s)", f"{a.hours:g}")
                continue
        if a.end_date < pb.start_date or a.start_date > pb.end_date:
            issues.warn(where(a.src, "from", "Absence"),
                        f"lies outside the horizon {pb.start_date} – {pb.end_date}; the row has no effect",
                        a.start_date.isoformat())
        by_staff[a.staff].append(a)
    for rows in by_staff.values():
        _check_absence_overlaps(rows, issues)


def _check_absence_overlaps(rows: list[Absence], issues: Issues) -> None:
    """Overlapping absences of one person are credited once (Problem.credited_minutes): a
    warning names both rows. Two overlapping rows that both give ``hours`` are an error: which
    hours count for the overlap cannot be told."""
    ordered = sorted(rows, key=_absence_span)
    for i, a in enumerate(ordered):
        a_end = _absence_span(a)[1]
        for b in ordered[i + 1:]:
            if _absence_span(b)[0] >= a_end:
                break
            other = f"Absence row {a.src.row}" if a.src is not None else "another Absence row"
            if a.hours is not None and b.hours is not None:
                issues.error(where(b.src, "hours", "Absence"),
                             f"is given on two overlapping absences of {b.staff} (this row and {other}, "
                             f"{_show_span(a)}); give the hours on one row, or split the rows so they do "
                             "not overlap", f"{b.hours:g}")
            else:
                issues.warn(where(b.src, "from", "Absence"),
                            f"overlaps {other} ({_show_span(a)}) of the same person; the overlap is "
                            "credited once", _show_span(b))


def _check_wishes(pb: Problem, issues: Issues) -> None:
    for w in pb.wishes:
        if w.staff not in pb.staff_by_id:
            issues.error(where(w.src, "staff", "Wishes"), "is not a staff id from the Staff sheet", w.staff)
        if w.shift is not None and w.shift != OFF and w.shift not in pb.shift_by_code:
            issues.error(where(w.src, "shift", "Wishes"),
                         "is not a shift code from the Shifts sheet (or off)", w.shift)
        if (w.start is None) != (w.end is None):
            issues.error(where(w.src, "from" if w.start is None else "to", "Wishes"),
                         "is empty; a time window needs both from and to", "")
        elif w.start is not None and w.end is not None and w.start % MINUTES_PER_DAY == \
                w.end % MINUTES_PER_DAY and (w.start, w.end) != (0, MINUTES_PER_DAY):
            issues.error(where(w.src, "to", "Wishes"),
                         "is the same time as from, so the window is empty; give two different times, or "
                         "leave from and to empty for the whole day", f"{w.end // 60:02d}:{w.end % 60:02d}")
        if w.shift is not None and w.start is not None:
            issues.error(where(w.src, "shift", "Wishes"),
                         "and a time window are both given; give one of them", w.shift)
        _warn_outside_horizon(pb, issues, w.days, where(w.src, "days", "Wishes"))
        if w.kind == "only" and w.has_window and w.shift is None:
            assert w.start is not None and w.end is not None
            wend = w.end if w.end > w.start else w.end + MINUTES_PER_DAY
            if not any(w.start <= s.start and s.end_offset <= wend for s in pb.shifts):
                issues.warn(where(w.src, "from", "Wishes"),
                            "is an only-window that no shift fits in; the person cannot work on these days",
                            f"{w.start // 60:02d}:{w.start % 60:02d}")


def _check_fixed(pb: Problem, issues: Issues) -> None:
    seen: dict[tuple[str, date], Src | None] = {}
    for f in pb.fixed:
        p = pb.staff_by_id.get(f.staff)
        if p is None:
            issues.error(where(f.src, "staff", "Fixed"), "is not a staff id from the Staff sheet", f.staff)
        if f.shift != OFF and f.shift not in pb.shift_by_code:
            issues.error(where(f.src, "shift", "Fixed"),
                         "is not a shift code from the Shifts sheet (or off)", f.shift)
        if f.area is not None and f.area not in pb.area_by_code:
            issues.error(where(f.src, "area", "Fixed"), "is not an area code from the Areas sheet", f.area)
        if f.date < pb.start_date or f.date > pb.end_date:
            issues.error(where(f.src, "date", "Fixed"),
                         f"lies outside the horizon {pb.start_date} – {pb.end_date}", f.date.isoformat())
            continue
        key = (f.staff, f.date)
        if key in seen:
            first = seen[key]
            issues.error(where(f.src, "date", "Fixed"),
                         f"pins {f.staff} twice on this date (also row {first.row if first else '?'})",
                         f.date.isoformat())
        seen[key] = f.src
        # A pin on an absence is well-formed input whose hard rules collide: the pre-solve
        # diagnosis reports it (exit 3), not the reader (exit 1).


def _check_history(pb: Problem, issues: Issues) -> None:
    earliest = pb.start_date - timedelta(weeks=HISTORY_WEEKS)
    for h in pb.history:
        if h.staff not in pb.staff_by_id:
            issues.error(where(h.src, "staff", "History"), "is not a staff id from the Staff sheet", h.staff)
        if h.shift not in pb.shift_by_code and h.shift != OFF:
            issues.error(where(h.src, "shift", "History"),
                         "is not a shift code from the Shifts sheet (or off)", h.shift)
        if h.date >= pb.start_date:
            issues.error(where(h.src, "date", "History"),
                         f"is not before start_date {pb.start_date}; History holds worked shifts before "
                         "the horizon", h.date.isoformat())
        elif h.date < earliest:
            issues.warn(where(h.src, "date", "History"),
                        f"is more than {HISTORY_WEEKS} weeks before start_date; it is ignored",
                        h.date.isoformat())


def _check_rules(pb: Problem, issues: Issues) -> None:
    if not _profile_ok(pb):
        return
    profile = pb.profile
    allow_key = [r for r in pb.rules if r.rule == "allow_below_law"]
    allow = bool(profile.values.get("allow_below_law", False))
    seen: dict[str, RuleOverride] = {}
    for r in allow_key:
        with contextlib.suppress(ValueError):
            allow = bool(_coerce_rule_value("allow_below_law", r.value, False))
    for key, weight in pb.settings.weights.items():
        full = key if key.startswith("weight.") else f"weight.{key}"
        if full not in profile.values:
            issues.error(pb.settings.at(f"weight.{key.removeprefix('weight.')}"),
                         f"sets {full}, which is not a weight of rule profile {profile.name}", weight)
    for r in pb.rules:
        at = where(r.src, "rule", "Rules")
        weight_key = r.rule if r.rule.startswith("weight.") else SWITCHABLE.get(r.rule, f"weight.{r.rule}")
        known = r.rule in profile.values or weight_key in profile.values
        if not known:
            issues.error(at, f"is not a rule key of rule profile {profile.name}; see RULES.md", r.rule)
            continue
        if r.rule in seen:
            first_src = seen[r.rule].src
            issues.error(at, f"is given twice (also row {first_src.row if first_src else '?'})",
                         r.rule)
        seen[r.rule] = r
        if r.value is not None and r.value != "":
            if r.rule not in profile.values:
                hint = "; give it per person in the Staff sheet" if r.rule == "max_weekends" else ""
                issues.error(where(r.src, "value", "Rules"),
                             f"cannot be given: {r.rule} has no value in rule profile {profile.name}{hint}",
                             r.value)
            else:
                try:
                    value = _coerce_rule_value(r.rule, r.value, profile.values[r.rule])
                except ValueError as exc:
                    issues.error(where(r.src, "value", "Rules"), str(exc), r.value)
                else:
                    if r.rule in LAW_KEYS and not allow and is_looser_than_law(
                        r.rule, value, profile.values[r.rule]
                    ):
                        issues.error(where(r.src, "value", "Rules"),
                                     f"is less strict than the law ({r.rule} = {profile.values[r.rule]}); "
                                     "law keys may only be made stricter unless allow_below_law = yes",
                                     r.value)
        if (r.value is None or r.value == "") and r.hard is None and r.weight is None:
            issues.warn(at, "sets nothing: the row has no value, hard or weight; it is ignored", r.rule)
        if r.hard is not None:
            _check_hard_column(r, profile, allow, issues)
        if r.weight is not None and weight_key not in profile.values:
            issues.error(where(r.src, "weight", "Rules"), f"cannot be set: {r.rule} has no weight", r.weight)
        elif r.weight is not None and r.rule in SWITCHABLE and pb.ruleset.is_hard(r.rule):
            issues.warn(where(r.src, "weight", "Rules"),
                        f"only counts when {r.rule} is soft (hard = no); the rule is hard, so the weight "
                        "changes nothing", r.weight)
        sw = pb.settings.weights.get(r.rule.removeprefix("weight."))
        if r.rule.startswith("weight.") and sw is not None:
            value = r.weight if r.weight is not None else r.value
            try:
                differs = value is not None and float(str(value)) != float(sw)
            except ValueError:
                differs = True
            if differs:
                issues.error(where(r.src, "value", "Rules"),
                             f"differs from Settings {r.rule} = {sw}; give one value", value)


def rule_is_hard_in(profile: Profile, key: str) -> bool:
    """Whether ``key`` is a hard rule in ``profile`` (before the workbook's overrides)."""
    default = key in LAW_KEYS or key in ORGANISATION_HARD
    return bool(profile.values.get(f"hard.{key}", default))


def _check_hard_column(r: RuleOverride, profile: Profile, allow: bool, issues: Issues) -> None:
    """RULES.md: ``hard = yes`` on a hard rule changes nothing; ``yes`` makes a soft rule with a
    limit hard; ``no`` makes an organisational hard rule soft; ``no`` on a law rule needs
    ``allow_below_law = yes``. Anything else is an error at the cell."""
    at = where(r.src, "hard", "Rules")
    shown = "yes" if r.hard else "no"
    key = r.rule
    if key.startswith("weight.") or not (key in LAW_KEYS or key in ORGANISATION_HARD or key in SWITCHABLE):
        issues.error(at, f"cannot be set for {key}: it is not a rule that is hard or soft (rules that can "
                     f"be switched: {', '.join(SWITCHABLE)})", shown)
        return
    hard_now = rule_is_hard_in(profile, key)
    if r.hard:
        if hard_now:
            issues.warn(at, f"{key} is already hard; the row's hard = yes changes nothing", shown)
        return
    if key in SWITCHABLE:
        if not hard_now:
            issues.warn(at, f"{key} is already soft; the row's hard = no changes nothing", shown)
        return
    if key in LAW_KEYS:
        if not allow:
            issues.error(at, f"cannot make {key} soft: it is a law rule (Arbeidstijdenwet), and hard = no "
                         "on a law rule needs allow_below_law = yes", shown)
        else:
            issues.error(at, f"cannot make {key} soft: the law's rules are always hard in this version; "
                         "with allow_below_law = yes, give a less strict value instead", shown)
        return
    issues.error(at, f"cannot make {key} soft: it is a yes/no rule; set its value to no to switch it off",
                 shown)


def _check_nonempty(pb: Problem, issues: Issues) -> None:
    # An empty template is valid ("nothing to plan"); half-filled sheets are not.
    if pb.staff and not pb.areas:
        issues.error(Where("Areas"), "is empty; staff need a home area from the Areas sheet")
    if pb.staff and not pb.shifts:
        issues.error(Where("Shifts"), "is empty; there are staff but no shifts to plan")


_CROSS_CHECKS = (
    _check_settings,
    _check_codes,
    _check_shifts,
    _check_staff,
    _check_limits,
    _check_demand,
    _check_absences,
    _check_wishes,
    _check_fixed,
    _check_history,
    _check_rules,
    _check_nonempty,
)

