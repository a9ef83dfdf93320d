"""The input records: one frozen pydantic model per sheet row, and the plain facts derived from them.

Each record (:class:`Settings`, :class:`Area`, :class:`Shift`, :class:`StaffMember`, ...)
checks its single values in its field types, within the sane ranges below, and carries ``src``
(:class:`Src`: where in the workbook it came from) so that every problem can be reported at its
cell. Checks across records belong to :mod:`.validation`. Also here: the dated shift instance
in elapsed minutes (:class:`ShiftInstance`), half-open time windows, the working minutes of a
shift inside a window (:func:`work_in_window`) and a published roster to re-plan from
(:class:`Published`).

Never imports the solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..calendar import ALL_DAYS, MINUTES_PER_DAY, DaySelector, overlap
from ..errors import Where
from ..profile import MAX_WEIGHT
from ..roster import Roster

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
