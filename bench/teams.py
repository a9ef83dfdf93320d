"""A seeded generator of realistic team workbooks, and the suite the bench scripts run on.

Not a test fixture: a variety of teams of the shapes users bring, to measure and tune on (issue
17). Each team is built as a validated :class:`~roster_solver.domain.Problem` in Python, the
way ``roster_solver/example.py`` builds the bundled example, and written with the project's
own writer (:func:`~roster_solver.workbook.template.write_input_workbook`), so every workbook
is valid by construction and reads back into the same problem. The same spec and seed always
give the same workbook (byte for byte: the document timestamp is fixed).

    python bench/teams.py --out bench/teams/                  # the whole suite
    python bench/teams.py --out bench/teams/ --only t30-3a-4w-8h-loose
    python bench/teams.py --list                              # names and shapes only

What a generated team holds
    Areas (wijken) CEN Centrum plus residential ones, 3-8 in all. Staff of 30-150 people:
    contracts of 36, 32, 28 and 24 h; coordinators (skill ``coordinator``, city-wide), dog
    handlers and drivers; some ``no_nights``, a few ``max_consecutive_days`` of 4 or 5, one
    ``min_consecutive_days_off``, allow-lists of neighbouring wijken and a city-wide pool; a
    17-year-old trainee, someone who joins (and in big teams someone who leaves) during the
    horizon, a ``max_weekends``, carried hour balances. Absence at a level: leave blocks
    (Monday-Friday, Saturday to the next Sunday, two weeks in long horizons), sick spells of
    1-3 days, a half-day group training (part-day, working time for the law) and a two-day
    course. Wishes: flexibility windows (``only``, e.g. Wednesdays only 07:00-17:00), ``never``
    (weekend nights, a personal date), ``prefer``/``avoid``, one ``must`` (a team meeting).
    A few Fixed pins (a day shift, a day off), two Limits rows, and two weeks of History before
    ``start_date`` in forward-rotating blocks that obey rest and series rules, so those rules
    are live from the first day.

Shift sets (every break at least the law's 30 minutes above 5.5 h, 45 above 10 h)
    ``8h``    V 07-15, D 09-17 (weekdays), L 15-23, A 17-01 (evening: one hour after
              midnight is no night), N 23-07; 7.5 h paid each.
    ``8.5h``  overlapping: V 06:30-15:30, D 08-17 (weekdays), M 11-20, L 14-23, A 16-01,
              N 22-07; 8.5 h paid each.
    ``12h``   the 8 h shifts on weekdays, and at weekends WD 07-19 and WA 13-01 (11.25 h
              paid) and WN 21-07 (9.5 h: a night shift may hold at most 10 h of work).

Demand (the same windows fit every set: each is spanned by a shift of the set on its days)
    Per wijk an early (07-15) and a late (15-23) row on weekdays and at weekends; school
    hotspots in the residential wijken; nightlife in CEN on Friday and Saturday (17-01) and
    the Saturday market; city-wide nights (23-07, more on Friday and Saturday) with a driver;
    one coordinator on duty in the day (09-17 on weekdays, 09-15 at weekends) and the evening
    (17-23); a dog handler on Friday and Saturday evenings; events on dates (a festival
    weekend, a football match, King's Day when the horizon holds 27 April) that raise min and
    target, each with a note. The wijk rows are then raised one step at a time, the wijk
    with the lowest load first, until the shifts that cover the minimum (a greedy cover,
    as ``roster_solver.example.capacity_summary`` does it) need a share of the available
    contract hours:

    ``loose``  about 62 %: the minimum is well within capacity;
    ``tight``  about 88 % (85-95 %): everyone works close to contract;
    ``short``  about 70 %, plus a dog handler row the team cannot meet: two dog handlers
               on every evening (20-01) while the team has two, who may work at most their
               upper contract band. :func:`known_shortfall` gives the resulting lower bound on
               the unmet minimum (a counting argument, see there).

Personal data: the names are synthetic; the bench output uses staff ids only.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from roster_solver.calendar import DaySelector, dutch_holidays, parse_days
from roster_solver.domain import (
    ANY_AREA,
    OFF,
    Absence,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Limit,
    Problem,
    Settings,
    Shift,
    StaffMember,
    Wish,
)
from roster_solver.example import FIRST_NAMES, LAST_NAMES, hm, make_shift, make_wish
from roster_solver.workbook.template import write_input_workbook

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "teams"
# The document timestamp of every generated workbook: same spec and seed, same bytes.
STAMP = datetime(2027, 1, 4, 9, 0, 0)

ShiftSetName = Literal["8h", "8.5h", "12h"]
DemandLevel = Literal["loose", "tight", "short"]
AbsenceLevel = Literal["low", "normal", "high"]

# Share of the available contract hours that the shifts covering the minimum should need.
GOAL = {"loose": 0.62, "tight": 0.88, "short": 0.70}
MAX_AREAS = 8  # the wijken of AREAS


@dataclass(frozen=True)
class TeamSpec:
    """The shape of one generated team; ``seed`` makes it reproducible."""

    name: str
    people: int
    areas: int
    weeks: int
    shift_set: ShiftSetName
    demand: DemandLevel
    seed: int
    start: date = date(2027, 3, 1)
    absence: AbsenceLevel = "normal"

    def __post_init__(self) -> None:
        if self.start.weekday() != 0:
            raise ValueError(f"{self.name}: start {self.start} is not a Monday")
        if not 2 <= self.areas <= MAX_AREAS:
            raise ValueError(f"{self.name}: {self.areas} areas; between 2 and {MAX_AREAS}")
        if not 1 <= self.weeks <= 26:
            raise ValueError(f"{self.name}: {self.weeks} weeks; a workbook holds 1-26")

    @property
    def file_name(self) -> str:
        return f"{self.name}.xlsx"


@dataclass(frozen=True)
class Bundled:
    """A workbook kept in the repository (the bundled example), a member of the suite by path."""

    name: str
    path: Path

    @property
    def file_name(self) -> str:
        return self.path.name


Team = TeamSpec | Bundled

SUITE: list[Team] = [
    Bundled("example-50x5-4w", ROOT / "examples" / "example.xlsx"),
    TeamSpec("t30-3a-4w-8h-loose", 30, 3, 4, "8h", "loose", seed=1, start=date(2027, 3, 1)),
    TeamSpec("t40-4a-4w-8h-short", 40, 4, 4, "8h", "short", seed=2, start=date(2027, 5, 3)),
    TeamSpec("t56-5a-4w-8h-loose", 56, 5, 4, "8h", "loose", seed=3, start=date(2027, 1, 4)),
    TeamSpec("t56-5a-4w-85h-tight", 56, 5, 4, "8.5h", "tight", seed=4, start=date(2027, 4, 5)),
    TeamSpec("t60-5a-8w-12h-loose", 60, 5, 8, "12h", "loose", seed=5, start=date(2027, 6, 7), absence="high"),
    TeamSpec("t70-5a-6w-85h-loose", 70, 5, 6, "8.5h", "loose", seed=6, start=date(2027, 9, 6)),
    TeamSpec("t90-6a-8w-8h-tight", 90, 6, 8, "8h", "tight", seed=7, start=date(2027, 10, 4)),
    TeamSpec("t120-8a-4w-12h-tight", 120, 8, 4, "12h", "tight", seed=8, start=date(2027, 11, 29)),
    TeamSpec("t150-8a-4w-8h-loose", 150, 8, 4, "8h", "loose", seed=9, start=date(2027, 2, 1)),
    TeamSpec(
        "t150-8a-13w-85h-loose", 150, 8, 13, "8.5h", "loose", seed=10, start=date(2027, 3, 29), absence="low"
    ),
    TeamSpec("t150-8a-26w-8h-loose", 150, 8, 26, "8h", "loose", seed=11, start=date(2027, 1, 4)),
]


def suite_names() -> list[str]:
    return [t.name for t in SUITE]


def select(only: Sequence[str] | None) -> list[Team]:
    """The suite members named in ``only`` (all when empty); unknown names raise ValueError."""
    if not only:
        return list(SUITE)
    by_name = {t.name: t for t in SUITE}
    unknown = [n for n in only if n not in by_name]
    if unknown:
        raise ValueError(f"unknown team(s) {', '.join(unknown)}; the suite has: " + ", ".join(by_name))
    return [by_name[n] for n in only]


# --------------------------------------------------------------------------- fixed data

AREAS = (
    ("CEN", "Centrum"),
    ("NRD", "Noord"),
    ("ZUD", "Zuid"),
    ("OST", "Oost"),
    ("WST", "West"),
    ("HVN", "Haven"),
    ("STN", "Stationskwartier"),
    ("IND", "Industrieterrein"),
)
assert len(AREAS) == MAX_AREAS
_FIRST = (*FIRST_NAMES, "Mehmet", "Nadia", "Ruben", "Sanne", "Thijs", "Ayoub")
_LAST = (*LAST_NAMES, "van Dijk", "Kuipers", "Postma", "Bosman")


def _shift(
    code: str, name: str, start: str, end: str, brk: int = 30, days: str = "all", color: str | None = None
) -> Shift:
    return make_shift(code, name, start, end, days, color, brk)


@dataclass(frozen=True)
class ShiftSet:
    """Shift types, and per role (early, day, late, evening, night) the code on weekdays and
    at weekends (the day shift is a weekday shift: at weekends the role falls back to early)."""

    shifts: tuple[Shift, ...]
    weekday: dict[str, str]
    weekend: dict[str, str]
    only_windows: tuple[tuple[str, str, str], ...]  # (days, from, to) that fit whole shifts

    def code(self, role: str, d: date) -> str:
        return (self.weekend if d.weekday() >= 5 else self.weekday)[role]

    @property
    def by_code(self) -> dict[str, Shift]:
        return {s.code: s for s in self.shifts}


def _eight_hours(days: str) -> tuple[Shift, ...]:
    return (
        _shift("V", "Vroeg", "07:00", "15:00", days=days, color="FFF2CC"),
        _shift("D", "Dag", "09:00", "17:00", days="weekdays", color="E2EFDA"),
        _shift("L", "Laat", "15:00", "23:00", days=days, color="FCE4D6"),
        _shift("A", "Avond", "17:00", "01:00", days=days, color="D9E1F2"),
        _shift("N", "Nacht", "23:00", "07:00", days=days, color="BFBFBF"),
    )


_ROLES_8H = {"early": "V", "day": "D", "late": "L", "evening": "A", "night": "N"}

SHIFT_SETS: dict[str, ShiftSet] = {
    "8h": ShiftSet(
        shifts=_eight_hours("all"),
        weekday=_ROLES_8H,
        weekend={**_ROLES_8H, "day": "V"},
        only_windows=(("wed", "07:00", "17:00"), ("mon,tue", "09:00", "23:00")),
    ),
    "8.5h": ShiftSet(
        shifts=(
            _shift("V", "Vroeg", "06:30", "15:30", color="FFF2CC"),
            _shift("D", "Dag", "08:00", "17:00", days="weekdays", color="E2EFDA"),
            _shift("M", "Midden", "11:00", "20:00", color="FFE699"),
            _shift("L", "Laat", "14:00", "23:00", color="FCE4D6"),
            _shift("A", "Avond", "16:00", "01:00", color="D9E1F2"),
            _shift("N", "Nacht", "22:00", "07:00", color="BFBFBF"),
        ),
        weekday={"early": "V", "day": "D", "late": "L", "evening": "A", "night": "N"},
        weekend={"early": "V", "day": "M", "late": "L", "evening": "A", "night": "N"},
        only_windows=(("wed", "06:30", "17:00"), ("mon,tue", "11:00", "23:00")),
    ),
    "12h": ShiftSet(
        shifts=(
            *_eight_hours("weekdays"),
            _shift("WD", "Weekend dag", "07:00", "19:00", brk=45, days="weekend", color="C6E0B4"),
            _shift("WA", "Weekend avond", "13:00", "01:00", brk=45, days="weekend", color="B4C6E7"),
            _shift("WN", "Weekend nacht", "21:00", "07:00", days="weekend", color="A6A6A6"),
        ),
        weekday=_ROLES_8H,
        weekend={"early": "WD", "day": "WD", "late": "WA", "evening": "WA", "night": "WN"},
        only_windows=(("wed", "07:00", "17:00"), ("mon,tue", "09:00", "23:00")),
    ),
}


# --------------------------------------------------------------------------- generation


@dataclass
class _Row:
    """A Demand row being tuned (mutable until it becomes a DemandRow)."""

    area: str
    days: str
    start: str
    end: str
    min: int
    target_extra: int = 1
    max_extra: int | None = None
    skill: str | None = None
    note: str = ""
    tunable: bool = False

    def demand_row(self) -> DemandRow:
        return DemandRow(
            area=self.area,
            days=parse_days(self.days),
            start=hm(self.start),
            end=hm(self.end),
            min=self.min,
            target=self.min + self.target_extra if self.target_extra else None,
            max=self.min + self.max_extra if self.max_extra is not None else None,
            skill=self.skill,
            note=self.note,
        )


@dataclass
class _Team:
    """Everything generated for one spec, before it becomes a Problem."""

    spec: TeamSpec
    rng: random.Random
    shift_set: ShiftSet
    areas: list[str]
    days: list[date]
    staff: list[dict[str, object]] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    wishes: list[Wish] = field(default_factory=list)
    fixed: list[Fixed] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    busy: dict[str, set[date]] = field(default_factory=lambda: defaultdict(set))  # absent dates
    hard_wish: set[str] = field(default_factory=set)  # people with an only/never/must or a pin

    def by_id(self, pid: str) -> dict[str, object]:
        return next(p for p in self.staff if p["id"] == pid)

    def ids(self, where: Iterable[dict[str, object]] | None = None) -> list[str]:
        return [str(p["id"]) for p in (self.staff if where is None else where)]


def generate(spec: TeamSpec) -> Problem:
    """The team of ``spec``: a validated Problem (deterministic for the spec and its seed)."""
    return _generate(spec)[0]


def _generate(spec: TeamSpec) -> tuple[Problem, float]:
    """The Problem and the share of the available contract hours that the shifts covering
    its minimum need (the estimate the demand was tuned on)."""
    rng = random.Random(f"{spec.name}:{spec.seed}")
    t = _Team(
        spec=spec,
        rng=rng,
        shift_set=SHIFT_SETS[spec.shift_set],
        areas=[code for code, _ in AREAS[: spec.areas]],
        days=[spec.start + timedelta(days=k) for k in range(7 * spec.weeks)],
    )
    _people(t)
    _absence(t)
    _wishes(t)
    _pins(t)
    _history(t)
    _limits(t)
    _demand(t)
    staff = tuple(StaffMember(**p) for p in t.staff)  # type: ignore[arg-type]
    without_demand = _problem(t, staff, ())
    share = _tune(t, without_demand)
    return _problem(t, staff, tuple(r.demand_row() for r in t.rows)), share


def _problem(t: _Team, staff: tuple[StaffMember, ...], demand: tuple[DemandRow, ...]) -> Problem:
    spec = t.spec
    return Problem(
        settings=Settings(
            start_date=spec.start,
            weeks=spec.weeks,
            timezone="Europe/Amsterdam",
            rule_profile="atw",
            shortage="report",
            time_limit_seconds=60,
            seed=0,
        ),
        areas=tuple(Area(code=c, name=n) for c, n in AREAS[: spec.areas]),
        shifts=t.shift_set.shifts,
        staff=staff,
        limits=tuple(t.limits),
        demand=demand,
        absences=tuple(t.absences),
        wishes=tuple(t.wishes),
        fixed=tuple(t.fixed),
        history=tuple(t.history),
    )


def _neighbours(areas: list[str]) -> dict[str, list[str]]:
    """CEN borders every wijk; the others lie in a ring around it."""
    ring = areas[1:]
    out = {areas[0]: list(ring)}
    for k, a in enumerate(ring):
        out[a] = [areas[0]] + (
            [ring[k - 1], ring[(k + 1) % len(ring)]] if len(ring) > 2 else [b for b in ring if b != a]
        )
        out[a] = list(dict.fromkeys(b for b in out[a] if b != a))
    return out


def _people(t: _Team) -> None:
    spec, rng = t.spec, t.rng
    n = spec.people
    weights = [1.5] + [1.0] * (len(t.areas) - 1)
    homes = _apportion(n, weights)
    home_of = [a for a, k in zip(t.areas, homes, strict=True) for _ in range(k)]
    rng.shuffle(home_of)
    names = rng.sample([f"{f} {ln}" for f in _FIRST for ln in _LAST], n)
    ids = [f"M{k:03d}" for k in range(1, n + 1)]
    order = list(range(n))
    rng.shuffle(order)
    take = iter(order)

    def pick(count: int) -> set[int]:
        return {next(take) for _ in range(count)}

    coordinators = pick(max(min(5, n // 4), math.ceil(n / 8)))
    dogs = pick(2 if spec.demand == "short" else max(2, round(n / 25)))
    drivers = pick(round(n * 0.25))
    trainee = pick(1) if n >= 40 else set()
    rest = list(take)  # everyone else, in random order
    no_nights = set(rest[: round(n * 0.12)])
    flexible = set(rest[round(n * 0.12) : round(n * 0.32)])  # neighbouring wijken
    pool = set(rest[round(n * 0.32) : round(n * 0.40)])  # city-wide
    neighbours = _neighbours(t.areas)
    hours_mix = (36,) * 11 + (32,) * 4 + (28,) * 3 + (24,) * 2
    for k in range(n):
        p: dict[str, object] = {
            "id": ids[k],
            "name": names[k],
            "home_area": home_of[k],
            "hours_per_week": rng.choice(hours_mix),
        }
        skills: set[str] = set()
        if k in coordinators:
            skills.add("coordinator")
            p["all_areas"] = True
            p["hours_per_week"] = rng.choice((36, 36, 32))
        if k in dogs:
            skills.add("dog")
            p["hours_per_week"] = 36
        if k in drivers or (k in coordinators and rng.random() < 0.3):
            skills.add("driver")
        if skills:
            p["skills"] = frozenset(skills)
        if k in no_nights:
            p["no_nights"] = True
        if k in flexible:
            p["areas"] = tuple(
                rng.sample(neighbours[home_of[k]], min(len(neighbours[home_of[k]]), rng.choice((1, 1, 2))))
            )
        if k in pool:
            p["all_areas"] = True
        if k in trainee:
            # 17 on the first day: the law keeps them off nights.
            p.update(
                hours_per_week=24,
                no_nights=True,
                birth_date=spec.start.replace(year=spec.start.year - 17) - timedelta(days=40),
            )
        t.staff.append(p)
    # Personal arrangements a planner knows by heart, each for someone else without a skill
    # (as far as a small team has such people).
    plain = [p for p in t.staff if not p.get("skills") and "birth_date" not in p]
    days = {t.shift_set.code(role, d) for role in ("early", "day") for d in t.days[:7]}
    arrangements: list[dict[str, object]] = [
        *({"max_consecutive_days": rng.choice((4, 5))} for _ in range(max(1, n // 20))),
        {"min_consecutive_days_off": 2},
        {"max_weekends": max(1, spec.weeks // 2)},
        {"hours_balance": 8},
        {"hours_balance": -6},
        {"no_nights": True, "shifts": tuple(sorted(days))},  # early and day shifts only
    ]
    if n >= 50 and spec.weeks >= 3:
        arrangements.append({"start_date": spec.start + timedelta(days=14)})  # joins in week 3
    if n >= 90:
        arrangements.append({"end_date": t.days[-1] - timedelta(days=7 * max(1, spec.weeks // 4))})
    for p, extra in zip(rng.sample(plain, min(len(plain), len(arrangements))), arrangements, strict=False):
        p.update(extra)


def _apportion(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    for k in sorted(range(len(raw)), key=lambda k: raw[k] - out[k], reverse=True)[: total - sum(out)]:
        out[k] += 1
    return out


def _employed(p: dict[str, object], d: date) -> bool:
    start, end = p.get("start_date"), p.get("end_date")
    return (start is None or d >= start) and (end is None or d <= end)  # type: ignore[operator]


# --------------------------------------------------------------------------- absence

_LEAVE_RATE = {"low": 0.03, "normal": 0.06, "high": 0.11}  # share of person-weeks on leave
_SICK_RATE = {"low": 0.005, "normal": 0.012, "high": 0.02}  # share of person-days sick


def _absence(t: _Team) -> None:
    spec, rng = t.spec, t.rng
    regular = [p for p in t.staff if "start_date" not in p and "end_date" not in p]
    mondays = t.days[::7]

    def add(
        pid: str, first: date, last: date, kind: str, start: int | None = None, end: int | None = None
    ) -> bool:
        dates = {first + timedelta(days=k) for k in range((last - first).days + 1)}
        if dates & t.busy[pid]:
            return False
        t.busy[pid] |= dates
        t.absences.append(
            Absence(staff=pid, start_date=first, end_date=last, start_minute=start, end_minute=end, type=kind)
        )  # type: ignore[arg-type]
        return True

    # Leave: Monday-Friday, Saturday to the next Sunday, or (long horizons) two weeks.
    blocks = round(_LEAVE_RATE[spec.absence] * len(t.staff) * spec.weeks)
    for _ in range(blocks):
        pid = str(rng.choice(regular)["id"])
        monday = rng.choice(mondays)
        shape = rng.choice(("week", "week", "saturday") + (("fortnight",) if spec.weeks >= 8 else ()))
        if shape == "week":
            add(pid, monday, monday + timedelta(days=4), "leave")
        elif shape == "saturday":
            add(pid, monday + timedelta(days=5), monday + timedelta(days=13), "leave")
        else:
            add(pid, monday, monday + timedelta(days=13), "leave")
    # Sick spells of 1-3 days.
    sick_days = round(_SICK_RATE[spec.absence] * len(t.staff) * len(t.days))
    while sick_days > 0:
        pid = str(rng.choice(regular)["id"])
        first = rng.choice(t.days)
        length = rng.choice((1, 2, 3))
        if add(pid, first, first + timedelta(days=length - 1), "sick"):
            sick_days -= length
    # A half-day group training on a Wednesday every four weeks (working time for the law),
    # and a two-day course.
    for monday in mondays[1::4]:
        wednesday = monday + timedelta(days=2)
        group = rng.sample(regular, max(3, len(t.staff) // 12))
        for p in group:
            add(str(p["id"]), wednesday, wednesday, "training", hm("09:00"), hm("13:00"))
        thursday = monday + timedelta(days=3)
        add(str(rng.choice(regular)["id"]), thursday, thursday + timedelta(days=1), "training")


# --------------------------------------------------------------------------- wishes and pins


def _wishes(t: _Team) -> None:
    spec, rng, ss = t.spec, t.rng, t.shift_set
    n = spec.people
    plain = [
        p
        for p in t.staff
        if "coordinator" not in p.get("skills", frozenset())  # type: ignore[operator]
        and "dog" not in p.get("skills", frozenset())  # type: ignore[operator]
        and "shifts" not in p
        and "start_date" not in p
    ]
    chosen = rng.sample(plain, min(len(plain), round(n * 0.10)))
    half = len(chosen) // 2

    def wish(
        pid: str,
        days: str,
        kind: str,
        shift: str | None = None,
        start: str | None = None,
        end: str | None = None,
        weight: int | None = None,
    ) -> None:
        t.wishes.append(make_wish(pid, days, kind, shift, start, end, weight))
        if kind in ("only", "never", "must"):
            t.hard_wish.add(pid)

    # Flexibility windows: "Wednesdays only 07:00-17:00" (the school run), "Mondays and
    # Tuesdays only 09:00-23:00".
    for p in chosen[:half]:
        days, start, end = rng.choice(ss.only_windows)
        wish(str(p["id"]), days, "only", start=start, end=end)
    # No weekend nights; a personal appointment on one date.
    for k, p in enumerate(chosen[half:]):
        pid = str(p["id"])
        if k % 2 == 0 and not p.get("no_nights"):
            sat = next(d for d in t.days if d.weekday() == 5)
            wish(pid, "fri,sat", "never", shift=ss.code("night", sat - timedelta(days=1)))
            if ss.code("night", sat) != ss.code("night", sat - timedelta(days=1)):
                wish(pid, "sat", "never", shift=ss.code("night", sat))
        else:
            wish(pid, rng.choice(t.days).isoformat(), "never")
    # Soft wishes.
    others = [p for p in t.staff if str(p["id"]) not in t.hard_wish]
    for p in rng.sample(others, min(len(others), round(n * 0.15))):
        pid = str(p["id"])
        roll = rng.random()
        if roll < 0.3:
            wish(pid, "weekdays", "prefer", shift=ss.weekday["early"])
        elif roll < 0.55 and not p.get("no_nights"):
            wish(pid, "all", "avoid", shift=ss.weekday["night"], weight=5)
        elif roll < 0.8:
            wish(pid, rng.choice(t.days).isoformat(), "prefer", shift=OFF, weight=20)
        else:
            wish(pid, "sun", "avoid", weight=5)
    # A team meeting: one coordinator must work the day shift on a weekday in week 2.
    meeting = next((d for d in t.days[7:] if d.weekday() == 1), t.days[1])
    for p in t.staff:
        pid = str(p["id"])
        if "coordinator" in p.get("skills", frozenset()) and not _near(t, pid, meeting):  # type: ignore[operator]
            wish(pid, meeting.isoformat(), "must", shift=ss.weekday["day"])
            break


def _near(t: _Team, pid: str, d: date, margin: int = 1) -> bool:
    """Absent within ``margin`` days of ``d``."""
    return any(d + timedelta(days=k) in t.busy[pid] for k in range(-margin, margin + 1))


def _pins(t: _Team) -> None:
    """A few Fixed pins: a day shift in the home wijk on a weekday, and one day off."""
    rng, ss = t.rng, t.shift_set
    weekdays = [d for d in t.days[3:] if d.weekday() < 5]
    free = [
        p
        for p in t.staff
        if str(p["id"]) not in t.hard_wish
        and "shifts" not in p
        and "birth_date" not in p
        and "max_consecutive_days" not in p
    ]
    count = 2 + t.spec.people // 50
    for k, p in enumerate(rng.sample(free, min(len(free), count + 1))):
        pid = str(p["id"])
        d = rng.choice(weekdays)
        if _near(t, pid, d) or not _employed(p, d):
            continue
        if k == 0:
            t.fixed.append(Fixed(staff=pid, date=d, shift=OFF))
        else:
            t.fixed.append(Fixed(staff=pid, date=d, shift=ss.weekday["day"], area=str(p["home_area"])))
        t.hard_wish.add(pid)


# --------------------------------------------------------------------------- history


def _history(t: _Team) -> None:
    """Two weeks before ``start_date`` in blocks of one role (forward rotation, nights at most
    three in a row and followed by two days off), about the contract's days a week."""
    rng, ss = t.rng, t.shift_set
    shifts = ss.by_code
    first = t.spec.start - timedelta(days=14)
    for p in t.staff:
        if "start_date" in p:
            continue  # not employed yet
        pid = str(p["id"])
        skills = p.get("skills", frozenset())
        roles = ["early", "day", "late"]
        if "coordinator" not in skills:  # type: ignore[operator]
            roles.append("evening")
            if not p.get("no_nights"):
                roles.append("night")
        if "shifts" in p:
            roles = ["early", "day"]
        per_week = max(2, min(5, round(float(p["hours_per_week"]) / 7.5)))  # type: ignore[arg-type]
        longest = min(5, int(p.get("max_consecutive_days", 5)))  # type: ignore[call-overload]
        d = first - timedelta(days=rng.randrange(7))
        worked: list[tuple[date, str]] = []
        while d < t.spec.start:
            role = rng.choice(roles)
            length = rng.randint(max(1, per_week - 2), per_week)
            length = min(length, 3 if role == "night" else longest)
            for _ in range(length):
                code = ss.code(role, d)
                if d >= first and d < t.spec.start:
                    worked.append((d, code))
                d += timedelta(days=1)
            off = max(7 - per_week + rng.choice((-1, 0, 0, 1)), 2 if role == "night" else 1)
            if p.get("min_consecutive_days_off"):
                off = max(off, 2)
            d += timedelta(days=off)
        assert _legal_sequence(worked, shifts), f"history of {pid}"
        for day, code in worked:
            t.history.append(HistoryEntry(staff=pid, date=day, shift=code, area=str(p["home_area"])))


def _legal_sequence(worked: list[tuple[date, str]], shifts: dict[str, Shift]) -> bool:
    """Daily rest of 11 h (14 h after a night shift): the blocks are built to keep it; this
    guards the shift sets against a change that would break it."""
    for (d1, c1), (d2, c2) in itertools.pairwise(worked):
        s1, s2 = shifts[c1], shifts[c2]
        end = (d1 - d2).days * 1440 + s1.end_offset
        rest = s2.start - end
        night = s1.end_offset > 1440 + 120  # ends after 02:00
        if rest < (14 if night else 11) * 60:
            return False
    return True


def _limits(t: _Team) -> None:
    ss = t.shift_set
    nights = [p for p in t.staff if not p.get("no_nights") and "shifts" not in p]
    a, b = t.rng.sample(nights, 2)
    t.limits.append(Limit(staff=str(a["id"]), shift=ss.weekday["night"], max=2))
    t.limits.append(Limit(staff=str(b["id"]), shift=ss.weekday["evening"], max=3))


# --------------------------------------------------------------------------- demand


def _demand(t: _Team) -> None:
    spec, rng = t.spec, t.rng
    centre, residential = t.areas[0], t.areas[1:]
    rows = t.rows
    scale = math.sqrt(spec.people / 50)  # crowds grow with the city, not in proportion

    def crowd(people_at_50: int, least: int = 1) -> int:
        return max(least, round(people_at_50 * scale))

    for a in t.areas:
        base = 2 if a == centre else 1
        for days in ("weekdays", "weekend"):
            for start, end, what in (("07:00", "15:00", "early"), ("15:00", "23:00", "late")):
                rows.append(
                    _Row(
                        a,
                        days,
                        start,
                        end,
                        base,
                        1,
                        None if a == centre else 4,
                        note=f"{what} presence",
                        tunable=True,
                    )
                )
    for a in residential:
        for start, end in (("08:00", "09:00"), ("14:30", "15:30")):
            rows.append(_Row(a, "weekdays", start, end, 2, 0, note="school hotspot"))
    rows.append(_Row(centre, "fri,sat", "17:00", "01:00", crowd(3), 1, note="nightlife"))
    rows.append(_Row(centre, "sat", "08:00", "14:00", crowd(3), 1, note="Saturday market"))
    nights = max(1, round(spec.people / 30))
    rows.append(_Row(ANY_AREA, "all", "23:00", "07:00", nights, 1, note="city-wide night"))
    rows.append(_Row(ANY_AREA, "fri,sat", "23:00", "07:00", nights + 1, 1, note="weekend nights"))
    rows.append(_Row(ANY_AREA, "all", "23:00", "07:00", 1, 0, skill="driver", note="night car"))
    rows.append(
        _Row(
            ANY_AREA,
            "weekdays",
            "09:00",
            "17:00",
            1,
            0,
            skill="coordinator",
            note="coordinator on duty (day)",
        )
    )
    rows.append(
        _Row(
            ANY_AREA, "weekend", "09:00", "15:00", 1, 0, skill="coordinator", note="coordinator on duty (day)"
        )
    )
    rows.append(
        _Row(
            ANY_AREA, "all", "17:00", "23:00", 1, 0, skill="coordinator", note="coordinator on duty (evening)"
        )
    )
    if spec.demand == "short":
        rows.append(
            _Row(
                ANY_AREA,
                "all",
                "20:00",
                "01:00",
                2,
                0,
                skill="dog",
                note="dog handlers every evening (more than the team has)",
            )
        )
    else:
        rows.append(_Row(ANY_AREA, "fri,sat", "20:00", "01:00", 1, 0, skill="dog", note="dog handler"))
    # Events on dates: a festival weekend every six weeks, a football match every four, and
    # King's Day when the horizon holds 27 April.
    fridays = [d for d in t.days if d.weekday() == 4 and d + timedelta(days=2) <= t.days[-1]]
    for friday in rng.sample(fridays, max(1, len(fridays) // 6)):
        span = f"{friday.isoformat()}..{(friday + timedelta(days=2)).isoformat()}"
        rows.append(_Row(centre, span, "17:00", "01:00", crowd(5, 2), 2, note="festival"))
        rows.append(_Row(centre, span, "12:00", "17:00", crowd(3, 2), 2, note="festival"))
        rows.append(_Row(ANY_AREA, span, "23:00", "07:00", nights + 2, 1, note="festival nights"))
    sundays = [d for d in t.days if d.weekday() == 6]
    stadium = residential[-1]
    for sunday in rng.sample(sundays, max(1, len(sundays) // 4)):
        rows.append(
            _Row(stadium, sunday.isoformat(), "12:00", "20:00", crowd(3, 2), 1, note="football match")
        )
    kings_day = date(t.spec.start.year, 4, 27)
    if t.days[0] <= kings_day <= t.days[-1]:
        rows.append(_Row(centre, kings_day.isoformat(), "09:00", "23:00", crowd(4, 2), 2, note="King's Day"))


def _tune(t: _Team, problem: Problem) -> float:
    """Raise the wijk rows one step at a time (the wijk with the lowest need per hour of the
    people at home there first, its lowest row first) until the shifts that cover the minimum
    need the level's share of the available contract hours."""
    available = sum(problem.target_minutes(p) for p in problem.staff)
    home: dict[str, int] = defaultdict(int)
    for p in problem.staff:
        home[p.home_area] += problem.target_minutes(p)
    est = _Estimator(t)
    need = {a: est.need(a) for a in [*t.areas, ANY_AREA]}
    goal = GOAL[t.spec.demand] * available
    by_area: dict[str, list[_Row]] = defaultdict(list)
    for r in t.rows:
        if r.tunable:
            by_area[r.area].append(r)
    while sum(need.values()) < goal:
        area = min(t.areas, key=lambda a: (need[a] / max(1, home[a]), a))
        row = min(by_area[area], key=lambda r: (r.min, by_area[area].index(r)))
        row.min += 1
        need[area] = est.need(area)
    # A small team may need less than the base rows ask: lower them (the wijk with the highest
    # load first, its highest row, weekend and late rows first), keeping one person in the
    # mornings of weekdays and the target at least 1.
    while sum(need.values()) > goal * 1.03:
        lowerable = [a for a in t.areas if any(_lowerable(r) for r in by_area[a])]
        if not lowerable:
            break
        area = max(lowerable, key=lambda a: (need[a] / max(1, home[a]), a))
        row = max((r for r in by_area[area] if _lowerable(r)), key=lambda r: (r.min, by_area[area].index(r)))
        row.min -= 1
        need[area] = est.need(area)
    return sum(need.values()) / available if available else 0.0


def _lowerable(r: _Row) -> bool:
    return r.min > (1 if r.days == "weekdays" and r.start == "07:00" else 0)


class _Estimator:
    """Paid minutes of shifts that cover the minimum of one wijk (or ``*``), over the horizon.

    Per day the rows that match give a need per 30-minute slot (the highest ``min``); a greedy
    cover takes, for the first slot still short, the valid shift spanning it that ends last
    (``roster_solver.example._greedy_cover``, on one day's wall clock). Days with the same rows
    and shifts share one result. Rows with a skill only decide who works, not how many.
    """

    def __init__(self, t: _Team) -> None:
        self.t = t
        years = tuple(range(t.days[0].year - 1, t.days[-1].year + 2))
        self.holidays = dict(dutch_holidays(years))
        self.shifts = t.shift_set.shifts

    def need(self, area: str) -> int:
        rows = [r for r in self.t.rows if r.area == area and r.skill is None]
        selectors = [_selector(r.days) for r in rows]
        total = 0
        for d in self.t.days:
            matching = tuple(k for k, sel in enumerate(selectors) if sel.matches(d, self.holidays))
            if not matching:
                continue
            valid = tuple(s.code for s in self.shifts if s.days.matches(d, self.holidays))
            windows = tuple((hm(rows[k].start), _end(rows[k]), rows[k].min) for k in matching)
            total += _cover(windows, valid, self.t.spec.shift_set)
        return total


@cache
def _selector(text: str) -> DaySelector:
    return parse_days(text)


def _end(r: _Row) -> int:
    start, end = hm(r.start), hm(r.end)
    return end if end > start else end + 1440


@cache
def _cover(windows: tuple[tuple[int, int, int], ...], valid: tuple[str, ...], set_name: str) -> int:
    slot = 30
    need = [0] * (2 * 1440 // slot)
    for start, end, lo in windows:
        for k in range(start // slot, end // slot):
            need[k] = max(need[k], lo)
    shifts = [s for s in SHIFT_SETS[set_name].shifts if s.code in valid]
    covered = [0] * len(need)
    paid = 0
    for k in range(len(need)):
        while covered[k] < need[k]:
            spanning = [s for s in shifts if s.start <= k * slot and s.end_offset >= (k + 1) * slot]
            if not spanning:
                break
            best = max(spanning, key=lambda s: (s.end_offset, -s.start))
            paid += best.end_offset - best.start - best.break_minutes
            for j in range(best.start // slot, best.end_offset // slot):
                covered[j] += 1
    return paid


# --------------------------------------------------------------------------- what a team promises


def known_shortfall(problem: Problem) -> int | None:
    """A lower bound on the unmet minimum (person-minutes) of a ``short`` team, from the dog
    handler rows alone; None when the team has no such row.

    Counting argument: a dog handler works one shift a day, and their paid minutes stay within
    the upper end ``U`` of their hours band (hard). So they cover at most (a) the dog minutes of
    their ``k`` best days, ``k`` = ``U`` divided by the shortest shift that covers any dog
    minute, and at most (b) ``U`` times the most dog minutes a shift covers per paid minute.
    The handlers cover at most the sum of the smaller of the two; the rest of the dog minimum
    is unmet whatever the roster.
    """
    from roster_solver.coverage import segments

    dog = [s for s in segments(problem) if s.skill == "dog" and s.min > 0]
    if not any("every evening" in d.note for d in problem.demand if d.skill == "dog"):
        return None
    need_by_day: dict[int, int] = defaultdict(int)
    for s in dog:
        need_by_day[s.day] += s.min * s.minutes
    need = sum(need_by_day.values())
    supply = 0
    for p in problem.staff:
        if "dog" not in p.skills:
            continue
        days: dict[int, int] = {}
        shortest: int | None = None
        ratio = 0.0  # dog minutes covered per paid minute
        for inst, _area in problem.candidates[p.id]:
            span = sum(s.minutes for s in dog if inst.start <= s.start and s.end <= inst.end)
            if span:
                days[inst.day] = max(days.get(inst.day, 0), min(span, need_by_day[inst.day]))
                shortest = inst.work if shortest is None else min(shortest, inst.work)
                ratio = max(ratio, span / inst.work)
        if shortest is None:
            continue
        upper = problem.hours_band(p)[1]
        best_days = sum(sorted(days.values(), reverse=True)[: upper // shortest])
        supply += min(best_days, math.floor(upper * ratio))
    return max(0, need - supply)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Written:
    path: Path
    problem: Problem
    share: float  # shifts covering the minimum / available contract hours (the tuning estimate)
    seconds: float  # generating and writing


def write_team(spec: TeamSpec, out: Path) -> Written:
    """Generate ``spec`` and write it to ``out/<name>.xlsx`` (replacing an older file)."""
    started = time.perf_counter()
    problem, share = _generate(spec)
    out.mkdir(parents=True, exist_ok=True)
    path = out / spec.file_name
    write_input_workbook(path, problem, overwrite=True, timestamp=STAMP)
    return Written(path, problem, share, time.perf_counter() - started)


def workbook_for(team: Team, out: Path = DEFAULT_OUT) -> Path:
    """The workbook of a suite member: the bundled file, or the generated one (written when
    missing)."""
    if isinstance(team, Bundled):
        return team.path
    path = out / team.file_name
    if not path.exists():
        write_team(team, out)
    return path


def describe(team: Team) -> str:
    if isinstance(team, Bundled):
        return f"{team.name:<24} bundled: {team.path.relative_to(ROOT)}"
    return (
        f"{team.name:<24} {team.people:>4} people {team.areas} areas {team.weeks:>2} weeks "
        f"shifts {team.shift_set:<5} demand {team.demand:<6} absence {team.absence:<6} "
        f"from {team.start}  seed {team.seed}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"folder for the workbooks (default {DEFAULT_OUT.relative_to(ROOT)}/, not committed)",
    )
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these suite members")
    ap.add_argument("--list", action="store_true", help="print the suite and write nothing")
    args = ap.parse_args(argv)
    try:
        teams = select(args.only)
    except ValueError as exc:
        ap.error(str(exc))
    if args.list:
        for team in teams:
            print(describe(team))
        return 0
    from roster_solver.summary import capacity_summary

    for team in teams:
        if isinstance(team, Bundled):
            print(f"{team.name:<24} bundled, not generated: {team.path}")
            continue
        w = write_team(team, args.out)
        cap = capacity_summary(w.problem)
        line = (
            f"{team.name:<24} {len(w.problem.staff):>4} people {w.problem.weeks:>2} weeks  "
            f"minimum: {cap['min_ratio']:4.0%} of contract hours in person-hours, shifts "
            f"{w.share:4.0%}  {w.seconds:5.1f} s  {w.path}"
        )
        short = known_shortfall(w.problem)
        if short is not None:
            line += f"  (unmet minimum at least {short / 60:g} person-hours)"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
