"""Curtois & Qu benchmark instances (nurse rostering, Instance1–24) as the engine's own ``Problem``.

The text format (``../shared/benchmarks/curtois-qu/README.md``; schedulingbenchmarks.org/nrp):
``SECTION_HORIZON``, ``SECTION_SHIFTS``, ``SECTION_STAFF``, ``SECTION_DAYS_OFF``,
``SECTION_SHIFT_ON_REQUESTS``, ``SECTION_SHIFT_OFF_REQUESTS``, ``SECTION_COVER``; ``#`` starts a
comment, fields are comma separated, CR/LF line ends are accepted. Day 0 is a Monday.

:func:`read_instance` parses a file into a :class:`CurtoisInstance` (bad input raises one
:class:`~roster_solver.errors.InputError` naming file, line, field and value for every problem);
:func:`format_instance` writes it back in the same format; :func:`to_problem` maps it onto
general workbook features, so the same engine, checker and writer handle it:

==============================  ==============================================================
instance                        Problem
==============================  ==============================================================
horizon H days                  Settings ``start_date`` 2014-01-06 (the ``.ros`` start, a
                                Monday), ``weeks`` = H/7, time zone UTC (no clock change can
                                alter a shift's length), rule profile ``none`` (no law rule and
                                no organisational default is active)
one ward                        Areas: one area ``ward``; everybody's home area
shift type (id, length)         Shifts: starts 06:00, ends 06:00 + length (480–720 minutes,
                                so every shift lies inside its own date and a day off never
                                touches the previous day's shift), no break
Forbidden list of a shift       Shifts ``not_followed_by`` (hard; nothing across the edges)
MaxShifts ``s=0``               Staff ``shifts`` leaves ``s`` out (no variable at all)
MaxShifts ``s=k`` (k < H)       Limits row (staff, s, max = k) (hard)
Min/MaxTotalMinutes             Staff ``min_hours`` / ``max_hours`` = minutes / 60 (hard);
                                ``hours_per_week`` 0 (no contract target, no hours penalty)
Max/MinConsecutiveShifts        Staff ``max_consecutive_days`` / ``min_consecutive_days``
MinConsecutiveDaysOff           Staff ``min_consecutive_days_off`` (runs touching the horizon's
                                first or last day are exempt: docs/rules.md, no History)
MaxWeekends                     Staff ``max_weekends`` (a weekend is worked when a shift starts
                                on its Saturday or Sunday)
days off                        Absence rows (one per run of consecutive days, ``hours`` 0 so
                                nothing is credited); the candidates of those days do not exist
shift on-request (d, s, w)      Wishes ``prefer`` s on d, weight w (refused by a day off or
                                another shift)
shift off-request (d, s, w)     Wishes ``avoid`` s on d, weight w
cover (d, s, r, wu, wo)         Demand row (area ``*``, shift s, day d, min 0, target = max = r,
                                ``weight_under`` wu, ``weight_over`` wo; per person)
==============================  ==============================================================

With this mapping the engine's objective in points is exactly the benchmark penalty: wishes
cost their weight per refused request and coverage costs ``wu·max(0, r−n) + wo·max(0, n−r)``;
every other family is switched off by the ``none`` profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..calendar import DaySelector
from ..domain import (
    Absence,
    Area,
    DemandRow,
    Limit,
    Problem,
    Settings,
    Shift,
    StaffMember,
    Wish,
)
from ..errors import Issues, Where
from ..roster import Assignment, Roster

START_DATE = date(2014, 1, 6)  # the .ros files' start date, a Monday
SHIFT_START = 6 * 60  # 06:00: a 12-hour shift still ends on its own date
AREA = "ward"
SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)


@dataclass(frozen=True, slots=True)
class ShiftType:
    id: str
    length: int  # minutes
    forbidden: tuple[str, ...]  # shifts that may not follow this one the next day


@dataclass(frozen=True, slots=True)
class Employee:
    id: str
    max_shifts: tuple[tuple[str, int], ...]  # (shift id, limit) in file order
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_consecutive_off: int
    max_weekends: int

    def limit(self, shift: str) -> int:
        return dict(self.max_shifts).get(shift, 0)


@dataclass(frozen=True, slots=True)
class Request:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True, slots=True)
class Cover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class CurtoisInstance:
    """One instance, exactly as the file states it (ids, order and numbers kept)."""

    name: str
    horizon: int
    shifts: tuple[ShiftType, ...]
    staff: tuple[Employee, ...]
    days_off: dict[str, tuple[int, ...]] = field(default_factory=dict)
    on_requests: tuple[Request, ...] = ()
    off_requests: tuple[Request, ...] = ()
    cover: tuple[Cover, ...] = ()

    @property
    def shift_by_id(self) -> dict[str, ShiftType]:
        return {s.id: s for s in self.shifts}

    @property
    def staff_ids(self) -> list[str]:
        return [e.id for e in self.staff]


# --------------------------------------------------------------------------- reading


def read_instance(path: str | Path) -> CurtoisInstance:
    """Read an instance file; raises InputError (every located problem) on bad input."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        issues = Issues()
        issues.error(Where(p.name), f"cannot be read: {exc}")
        issues.raise_if_errors()
        raise AssertionError("unreachable") from exc
    return parse_instance(text, p.stem, p.name)


def _data_lines(text: str) -> Iterator[tuple[int, str]]:
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield no, line


def parse_instance(text: str, name: str = "instance", file: str | None = None) -> CurtoisInstance:
    """Parse the text of an instance file (see the module docstring for the format)."""
    r = _Reader(file or f"{name}.txt")
    sections = r.sections(text)
    r.horizon = r.read_horizon(sections["SECTION_HORIZON"])
    shifts = r.read_shifts(sections["SECTION_SHIFTS"])
    r.shift_ids = {s.id for s in shifts}
    staff = r.read_staff(sections["SECTION_STAFF"])
    r.ids = {e.id for e in staff}
    days_off = r.read_days_off(sections["SECTION_DAYS_OFF"])
    on_requests = r.read_requests(sections["SECTION_SHIFT_ON_REQUESTS"])
    off_requests = r.read_requests(sections["SECTION_SHIFT_OFF_REQUESTS"])
    cover = r.read_cover(sections["SECTION_COVER"])
    r.issues.raise_if_errors()
    return CurtoisInstance(
        name,
        horizon=r.horizon,
        shifts=tuple(shifts),
        staff=tuple(staff),
        days_off=days_off,
        on_requests=tuple(on_requests),
        off_requests=tuple(off_requests),
        cover=tuple(cover),
    )


Lines = list[tuple[int, list[str]]]  # (line number, fields) of one section


@dataclass
class _Reader:
    """One file's parse: every problem goes to ``issues``, in file order; what a section
    defines (horizon, shift ids, employee ids) is set here for the sections after it."""

    file: str
    issues: Issues = field(default_factory=Issues)
    horizon: int = 0
    shift_ids: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def at(self, no: int, column: str) -> Where:
        return Where(self.file, no, None, column)

    def integer(self, no: int, column: str, value: str, low: int = 0) -> int:
        try:
            number = int(value)
        except ValueError:
            self.issues.error(self.at(no, column), "is not a whole number", value)
            return low
        if number < low:
            self.issues.error(self.at(no, column), f"must be at least {low}", value)
            return low
        return number

    def employee(self, no: int, value: str) -> bool:
        if value not in self.ids:
            self.issues.error(self.at(no, "EmployeeID"), "is not an employee of SECTION_STAFF", value)
            return False
        return True

    def day(self, no: int, value: str) -> int:
        d = self.integer(no, "Day", value)
        if self.horizon and d >= self.horizon:
            self.issues.error(self.at(no, "Day"), f"lies outside the horizon 0–{self.horizon - 1}", value)
        return d

    def shift_id(self, no: int, value: str) -> bool:
        if value not in self.shift_ids:
            self.issues.error(self.at(no, "ShiftID"), "is not a shift of SECTION_SHIFTS", value)
            return False
        return True

    def sections(self, text: str) -> dict[str, Lines]:
        """The data lines of each section, split into fields."""
        sections: dict[str, Lines] = {s: [] for s in SECTIONS}
        current: str | None = None
        for no, line in _data_lines(text):
            if line.startswith("SECTION_"):
                if line not in sections:
                    self.issues.error(
                        Where(self.file, no),
                        f"is not a known section; expected one of {', '.join(SECTIONS)}",
                        line,
                    )
                    current = None
                else:
                    current = line
                continue
            if current is None:
                self.issues.error(Where(self.file, no), "is data outside any SECTION_ header", line)
                continue
            sections[current].append((no, [f.strip() for f in line.split(",")]))
        return sections

    def read_horizon(self, lines: Lines) -> int:
        if len(lines) != 1:
            self.issues.error(
                Where(self.file, None, None, "SECTION_HORIZON"),
                f"must hold exactly one line with the number of days (found {len(lines)})",
            )
            return 0
        no, fields = lines[0]
        horizon = self.integer(no, "horizon", fields[0], 1)
        if horizon % 7:
            self.issues.error(self.at(no, "horizon"), "is not a whole number of weeks", fields[0])
        return horizon

    def read_shifts(self, lines: Lines) -> list[ShiftType]:
        shifts: list[ShiftType] = []
        for no, f in lines:
            if len(f) < 2 or len(f) > 3:
                self.issues.error(
                    Where(self.file, no), "must be ShiftID, LengthMinutes, Forbidden", ",".join(f)
                )
                continue
            forbidden = tuple(x.strip() for x in f[2].split("|") if x.strip()) if len(f) == 3 else ()
            shifts.append(ShiftType(f[0], self.integer(no, "LengthMinutes", f[1], 1), forbidden))
        shift_ids = {s.id for s in shifts}
        for (no, _), s in zip(lines, shifts, strict=False):
            for b in s.forbidden:
                if b not in shift_ids:
                    self.issues.error(
                        self.at(no, "Forbidden"), "names a shift that is not in SECTION_SHIFTS", b
                    )
        if not shifts:
            self.issues.error(Where(self.file, None, None, "SECTION_SHIFTS"), "is empty or missing")
        return shifts

    def read_staff(self, lines: Lines) -> list[Employee]:
        staff: list[Employee] = []
        for no, f in lines:
            if len(f) != 8:
                self.issues.error(
                    Where(self.file, no),
                    "must have 8 fields: ID, MaxShifts, "
                    "MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
                    "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends",
                    ",".join(f),
                )
                continue
            limits = self.max_shifts(no, f[1])
            nums = [
                self.integer(no, col, f[k])
                for k, col in enumerate(
                    (
                        "MaxTotalMinutes",
                        "MinTotalMinutes",
                        "MaxConsecutiveShifts",
                        "MinConsecutiveShifts",
                        "MinConsecutiveDaysOff",
                        "MaxWeekends",
                    ),
                    start=2,
                )
            ]
            staff.append(Employee(f[0], tuple(limits), *nums))
        if not staff:
            self.issues.error(Where(self.file, None, None, "SECTION_STAFF"), "is empty or missing")
        return staff

    def max_shifts(self, no: int, value: str) -> list[tuple[str, int]]:
        """A staff line's ``ShiftID=limit|...`` field."""
        limits: list[tuple[str, int]] = []
        for part in value.split("|"):
            sid, eq, limit = part.partition("=")
            if not eq or sid.strip() not in self.shift_ids:
                self.issues.error(
                    self.at(no, "MaxShifts"), "must be ShiftID=limit for shifts of SECTION_SHIFTS", part
                )
                continue
            limits.append((sid.strip(), self.integer(no, "MaxShifts", limit.strip())))
        return limits

    def read_days_off(self, lines: Lines) -> dict[str, tuple[int, ...]]:
        days_off: dict[str, tuple[int, ...]] = {}
        for no, f in lines:
            if self.employee(no, f[0]):
                days_off[f[0]] = tuple(self.day(no, x) for x in f[1:] if x)
        return days_off

    def read_requests(self, lines: Lines) -> list[Request]:
        requests: list[Request] = []
        for no, f in lines:
            if len(f) != 4:
                self.issues.error(
                    Where(self.file, no), "must be EmployeeID, Day, ShiftID, Weight", ",".join(f)
                )
                continue
            ok = self.employee(no, f[0]) & self.shift_id(no, f[2])
            r = Request(f[0], self.day(no, f[1]), f[2], self.integer(no, "Weight", f[3]))
            if ok:
                requests.append(r)
        return requests

    def read_cover(self, lines: Lines) -> list[Cover]:
        cover: list[Cover] = []
        for no, f in lines:
            if len(f) != 5:
                self.issues.error(
                    Where(self.file, no),
                    "must be Day, ShiftID, Requirement, WeightUnder, WeightOver",
                    ",".join(f),
                )
                continue
            ok = self.shift_id(no, f[1])
            c = Cover(
                self.day(no, f[0]),
                f[1],
                self.integer(no, "Requirement", f[2]),
                self.integer(no, "WeightUnder", f[3]),
                self.integer(no, "WeightOver", f[4]),
            )
            if ok:
                cover.append(c)
        seen: dict[tuple[int, str], int] = {}
        for (no, _), c in zip(lines, cover, strict=False):
            if (c.day, c.shift) in seen:
                self.issues.error(
                    self.at(no, "Day"),
                    f"repeats the cover of day {c.day} shift {c.shift} (also line {seen[(c.day, c.shift)]})",
                    c.day,
                )
            seen[(c.day, c.shift)] = no
        return cover


def format_instance(inst: CurtoisInstance) -> str:
    """The instance in the text format (LF line ends, no comments); parses back to ``inst``."""
    out = ["SECTION_HORIZON", str(inst.horizon), "", "SECTION_SHIFTS"]
    out += [f"{s.id},{s.length},{'|'.join(s.forbidden)}" for s in inst.shifts]
    out += ["", "SECTION_STAFF"]
    for e in inst.staff:
        limits = "|".join(f"{s}={k}" for s, k in e.max_shifts)
        out.append(
            f"{e.id},{limits},{e.max_minutes},{e.min_minutes},{e.max_consecutive},"
            f"{e.min_consecutive},{e.min_consecutive_off},{e.max_weekends}"
        )
    out += ["", "SECTION_DAYS_OFF"]
    out += [",".join([eid, *map(str, days)]) for eid, days in inst.days_off.items()]
    for title, reqs in (
        ("SECTION_SHIFT_ON_REQUESTS", inst.on_requests),
        ("SECTION_SHIFT_OFF_REQUESTS", inst.off_requests),
    ):
        out += ["", title]
        out += [f"{r.employee},{r.day},{r.shift},{r.weight}" for r in reqs]
    out += ["", "SECTION_COVER"]
    out += [f"{c.day},{c.shift},{c.requirement},{c.weight_under},{c.weight_over}" for c in inst.cover]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- to the engine


def _day_selector(d: date) -> DaySelector:
    return DaySelector(d.isoformat(), frozenset(), frozenset({d}))


def _runs(days: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for d in sorted(set(days)):
        if out and out[-1][1] == d - 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def to_problem(inst: CurtoisInstance) -> Problem:
    """Map the instance onto workbook features (table in the module docstring)."""
    start = START_DATE

    def on(day: int) -> date:
        return start + timedelta(days=day)

    shifts = tuple(
        Shift(
            code=s.id,
            name=s.id,
            start=SHIFT_START,
            end=(SHIFT_START + s.length) % 1440,
            break_minutes=0,
            not_followed_by=s.forbidden,
        )
        for s in inst.shifts
    )
    staff: list[StaffMember] = []
    limits: list[Limit] = []
    for e in inst.staff:
        allowed = tuple(s.id for s in inst.shifts if e.limit(s.id) > 0)
        staff.append(
            StaffMember(
                id=e.id,
                name=e.id,
                home_area=AREA,
                hours_per_week=0,
                shifts=allowed,
                min_hours=e.min_minutes / 60,
                max_hours=e.max_minutes / 60,
                max_consecutive_days=e.max_consecutive or None,
                min_consecutive_days=e.min_consecutive or None,
                min_consecutive_days_off=e.min_consecutive_off or None,
                max_weekends=e.max_weekends,
            )
        )
        limits += [Limit(staff=e.id, shift=s, max=k) for s, k in e.max_shifts if 0 < k < inst.horizon]
    absences = [
        Absence(staff=eid, start_date=on(a), end_date=on(b), type="other", hours=0)
        for eid, days in inst.days_off.items()
        for a, b in _runs(list(days))
    ]
    wishes = [
        Wish(staff=r.employee, days=_day_selector(on(r.day)), kind=kind, shift=r.shift, weight=r.weight)
        for kind, reqs in (("prefer", inst.on_requests), ("avoid", inst.off_requests))
        for r in reqs
    ]
    demand = [
        DemandRow(
            area="*",
            days=_day_selector(on(c.day)),
            shift=c.shift,
            min=0,
            target=c.requirement,
            max=c.requirement,
            weight_under=c.weight_under,
            weight_over=c.weight_over,
            note=f"cover day {c.day}",
        )
        for c in inst.cover
    ]
    return Problem(
        settings=Settings(
            start_date=start, weeks=inst.horizon // 7, timezone="UTC", rule_profile="none", shortage="report"
        ),
        areas=(Area(code=AREA, name="Ward"),),
        shifts=shifts,
        staff=tuple(staff),
        limits=tuple(limits),
        demand=tuple(demand),
        absences=tuple(absences),
        wishes=tuple(wishes),
        source_name=inst.name,
    )


# --------------------------------------------------------------------------- rosters


Rows = dict[str, list[str]]  # employee id -> shift id per day ("" = day off)


def rows_from_roster(problem: Problem, roster: Roster) -> Rows:
    """The roster as text-format rows, every staff member in Problem order."""
    rows: Rows = {p.id: [""] * problem.n_days for p in problem.staff}
    for a in roster.assignments:
        rows[a.staff][problem.day_index(a.date)] = a.shift
    return rows


def roster_from_rows(problem: Problem, rows: Rows) -> Roster:
    """Text-format rows as an engine Roster (everyone in the one ward)."""
    return Roster.of(
        [
            Assignment(eid, problem.date_of(d), code, AREA)
            for eid, days in rows.items()
            for d, code in enumerate(days)
            if code
        ]
    )
