"""From reports to Demand rows: the hourly workload profile, event dates, staffing levels.

The method (``docs/demand.md`` has the full text with the reasons):

1. **Service days and hours.** A report belongs to the hour in which it came in, and to the
   *service day* that starts at 06:00 (a report at 01:30 on Sunday is Saturday night's), so
   night windows such as ``fri,sat 18:00–01:00`` come out whole, as the Demand sheet writes
   them. Hour bins are 06:00–07:00 … 05:00–06:00.
2. **Workload.** Every report costs its ``handling_minutes`` (default
   :attr:`DemandParameters.handling_minutes`). The load of an hour is the expected handling
   hours that arrive per hour (an Erlang figure): ``L = reports per hour × minutes / 60``.
3. **Event dates.** Over the whole history, a service date whose report count in an area is at
   least ``event_ratio`` times the mean of the same weekday within six weeks around it, and
   ``event_z`` Poisson standard deviations above it (half that beside an event date), is an
   event (carnival, a festival). Runs of
   consecutive event dates share one hourly profile (their mean, merged into segments as
   in step 4). An event is carried into the horizon by its anchor: a public holiday by its name,
   a date within 60 days of Easter by its distance to Easter (carnival, Ascension), any other
   date by its month and day.
4. **Weekly profile.** From the last ``weeks`` weeks of the reports (event dates and public
   holidays left out), per area. Weekdays whose hourly counts do not differ significantly
   (chi-square test, level ``day_alpha``) form one day type; within a day type, adjacent
   hours whose rates do not differ by ``segment_z`` (two-sample Poisson z) form one segment
   with one mean. So noise does not split Monday from Tuesday or 10:00 from 11:00, while a
   real peak (school run, Friday nightlife) stays.
5. **Levels.** Inside opening hours (``open_from``–``open_to``) each area gets
   ``min = max(floor, ⌈L / max_fraction⌉)`` and ``target = max(min, ⌈L / productive_fraction⌉)``.
   Outside opening hours the areas' loads add up to one city-wide (``*``) requirement with
   ``night_floor``; an area keeps its own row there only where its own ``min`` reaches
   ``own_after_hours``. With ``service_level = (p, t)`` the target is instead the smallest
   number of people for which Erlang C gives a fraction ``p`` of reports a free person within
   ``t`` minutes, each person spending ``productive_fraction`` of the time on reports.
   Hours that no shift type of the input workbook can cover get no demand.
6. **Rows.** Adjacent hours with equal ``min`` and ``target`` become one window; weekdays with
   identical windows share one row with a day selector (``mon-thu``, ``fri,sat``). Event dates
   get rows only for the hours where they ask more than their weekday; consecutive dates with
   the same windows share a date range (``2027-02-07..2027-02-09``).

Pure Python: never imports the solver.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.easter import easter

from ..calendar import SHORT_EN, DaySelector, daterange, dutch_holidays, format_minute_of_day
from ..domain import ANY_AREA, Problem, Shift
from .reports import Report, ReportTable

HOURS = 24
DAY_START_HOUR = 6  # service days run 06:00–06:00
EASTER_WINDOW_DAYS = 60
EVENT_NEIGHBOUR_DAYS = 42

Levels = tuple[tuple[int, int], ...]  # per hour bin: (min, target)


@dataclass(frozen=True)
class DemandParameters:
    """Every number the method uses; defaults are documented in ``docs/demand.md``."""

    weeks: int = 52
    open_from: int = 7 * 60
    open_to: int = 22 * 60
    floor: int = 1
    night_floor: int = 2
    own_after_hours: int = 2
    productive_fraction: float = 0.2
    max_fraction: float = 0.4
    handling_minutes: float = 45.0
    service_level: tuple[float, float] | None = None  # (fraction answered, within minutes)
    day_alpha: float = 0.01
    day_z: float = 3.5
    segment_z: float = 3.0
    event_ratio: float = 1.5
    event_z: float = 3.5

    def __post_init__(self) -> None:
        if not 0 < self.productive_fraction <= self.max_fraction <= 1:
            raise ValueError("need 0 < productive fraction <= max fraction <= 1")
        if self.weeks < 1:
            raise ValueError("weeks must be at least 1")
        if self.open_from % 60 or self.open_to % 60:
            raise ValueError("opening hours must be whole hours")

    def rows(self) -> list[tuple[str, object]]:
        sl = self.service_level
        return [
            ("weeks", self.weeks),
            ("opening_hours", f"{format_minute_of_day(self.open_from)}-{format_minute_of_day(self.open_to)}"),
            ("floor (min per area in opening hours)", self.floor),
            ("night_floor (min city-wide outside opening hours)", self.night_floor),
            ("own_after_hours (own area row after hours from this min)", self.own_after_hours),
            ("productive_fraction (target)", self.productive_fraction),
            ("max_fraction (min)", self.max_fraction),
            ("handling_minutes (default per report)", self.handling_minutes),
            ("target_method", "erlang-c" if sl else "workload"),
            ("service_level", f"{sl[0]:.0%} within {sl[1]:g} min" if sl else ""),
            ("day_alpha (weekdays grouped unless they differ at this level)", self.day_alpha),
            ("day_z (weekdays also apart when one hour differs by this z)", self.day_z),
            ("segment_z (hours merged unless their rates differ by this z)", self.segment_z),
            ("event_ratio", self.event_ratio),
            ("event_z", self.event_z),
        ]


@dataclass(frozen=True)
class Cell:
    """Arrivals and load of one hour: reports per hour and handling hours per hour."""

    rate: float = 0.0
    load: float = 0.0

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.rate + other.rate, self.load + other.load)


ZERO = Cell()


@dataclass(frozen=True)
class Event:
    """A run of event dates in one area found in the history, and where it lands in the horizon."""

    area: str
    first: date
    last: date
    reports: int
    expected: float
    anchor: str
    horizon_dates: tuple[date, ...]


@dataclass(frozen=True)
class DemandRowOut:
    """One row of the Demand sheet the command writes."""

    area: str
    days: str
    start: int  # minute of day
    end: int
    min: int
    target: int
    note: str

    def cells(self) -> dict[str, object]:
        return {
            "area": self.area,
            "days": self.days,
            "from": format_minute_of_day(self.start),
            "to": format_minute_of_day(self.end),
            "min": self.min,
            "target": self.target,
            "note": self.note,
        }


@dataclass
class DemandPlan:
    """Everything the command reports and writes."""

    parameters: DemandParameters
    areas: tuple[str, ...]
    window: tuple[date, date]
    reports_used: int
    profile: dict[str, list[list[Cell]]]  # area -> weekday -> hour bin
    rows: list[DemandRowOut]
    events: list[Event]
    uncovered: dict[str, float] = field(default_factory=dict)  # key -> person-hours dropped
    person_hours: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (min, target)


# --------------------------------------------------------------------------- helpers


def service_day(report: Report) -> tuple[date, int]:
    """(service date, hour bin 0–23 counted from 06:00)."""
    d = report.when.date()
    h = report.when.hour
    if h < DAY_START_HOUR:
        d -= timedelta(days=1)
    return d, (h - DAY_START_HOUR) % HOURS


def bin_minute(b: int) -> int:
    """Minute of the service day's start date at which hour bin ``b`` starts (may pass 1440)."""
    return (DAY_START_HOUR + b) * 60


def erlang_c_people(load: float, rate: float, fraction: float, level: tuple[float, float]) -> int:
    """Smallest n with P(wait <= t) >= p in an M/M/n queue (Erlang C).

    Each of the n people spends ``fraction`` of the time on reports, so a report occupies a
    person ``minutes / fraction`` and the offered load is ``load / fraction`` Erlangs.
    """
    if rate <= 0 or load <= 0:
        return 0
    p, t = level
    offered = load / fraction
    service = 60 * load / rate / fraction  # minutes a report occupies a person
    n = max(1, math.floor(offered) + 1)
    while True:
        b = 1.0  # Erlang B by recursion, then C from B
        for k in range(1, n + 1):
            b = offered * b / (k + offered * b)
        c = n * b / (n - offered * (1 - b))
        if 1 - c * math.exp(-(n - offered) * t / service) >= p - 1e-12:
            return n
        n += 1


def _ceil(x: float) -> int:
    return math.ceil(x - 1e-9) if x > 0 else 0


def levels_for(cell: Cell, params: DemandParameters) -> tuple[int, int]:
    """(min, target) asked by a load, before floors."""
    lo = _ceil(cell.load / params.max_fraction)
    if params.service_level is not None:
        hi = erlang_c_people(cell.load, cell.rate, params.productive_fraction, params.service_level)
    else:
        hi = _ceil(cell.load / params.productive_fraction)
    return lo, max(lo, hi)


def format_days(weekdays: Iterable[int]) -> str:
    """A weekday set as a selector the reader accepts: ``all``, ``mon-fri``, ``mon-thu,sat``."""
    days = sorted(set(weekdays))
    if len(days) == 7:
        return "all"
    names = [SHORT_EN[d].lower() for d in range(7)]
    parts: list[str] = []
    k = 0
    while k < len(days):
        j = k
        while j + 1 < len(days) and days[j + 1] == days[j] + 1:
            j += 1
        if j - k >= 2:
            parts.append(f"{names[days[k]]}-{names[days[j]]}")
        else:
            parts.extend(names[days[i]] for i in range(k, j + 1))
        k = j + 1
    return ",".join(parts)


def format_dates(dates: Sequence[date]) -> str:
    """Consecutive dates as ``a..b`` ranges, others as ISO dates, comma-separated."""
    ds = sorted(dates)
    parts: list[str] = []
    k = 0
    while k < len(ds):
        j = k
        while j + 1 < len(ds) and ds[j + 1] == ds[j] + timedelta(days=1):
            j += 1
        parts.append(ds[k].isoformat() if j == k else f"{ds[k].isoformat()}..{ds[j].isoformat()}")
        k = j + 1
    return ",".join(parts)


def windows(levels: Levels) -> list[tuple[int, int, int, int]]:
    """Runs of equal, non-zero (min, target) as (first bin, end bin, min, target)."""
    out = []
    k = 0
    while k < HOURS:
        if levels[k] == (0, 0):
            k += 1
            continue
        j = k
        while j + 1 < HOURS and levels[j + 1] == levels[k]:
            j += 1
        out.append((k, j + 1, *levels[k]))
        k = j + 1
    return out


# --------------------------------------------------------------------------- shift coverage


def covered_bins(shifts: Sequence[Shift], usable: dict[int, set[str]]) -> list[bool]:
    """Which hour bins of a service day some shift spans; ``usable`` maps day offset -1/0/1
    (the day before, the day itself, the day after) to the codes usable on that day."""
    out = []
    for b in range(HOURS):
        lo, hi = bin_minute(b), bin_minute(b) + 60
        ok = False
        for s in shifts:
            for offset in (-1, 0, 1):
                if s.code not in usable.get(offset, set()):
                    continue
                start = s.start + offset * 1440
                end = s.end_offset + offset * 1440
                if start <= lo and end >= hi:
                    ok = True
        out.append(ok)
    return out


def _usable_on_weekday(shifts: Sequence[Shift], weekday: int) -> dict[int, set[str]]:
    return {off: {s.code for s in shifts if (weekday + off) % 7 in s.days.weekdays} for off in (-1, 0, 1)}


def _usable_on_date(shifts: Sequence[Shift], d: date, holidays: dict[date, str]) -> dict[int, set[str]]:
    return {
        off: {s.code for s in shifts if s.days.matches(d + timedelta(days=off), holidays)}
        for off in (-1, 0, 1)
    }


# --------------------------------------------------------------------------- the plan


def build_plan(table: ReportTable, problem: Problem, params: DemandParameters) -> DemandPlan:
    """The weekly profile, the events and the Demand rows for ``problem``'s horizon."""
    areas = tuple(a.code for a in problem.areas)
    if not table.reports:
        raise ValueError("there are no usable reports")
    by_day = _hourly_cells(table, params)
    # Whole service days only: the first calendar day of the data (its service day starts at
    # 06:00) to the day before the last one (whose night runs past the end of the data).
    first = min(r.when for r in table.reports).date()
    last = max(max(r.when for r in table.reports).date() - timedelta(days=1), first)
    years = tuple(range(first.year - 1, max(last.year, problem.end_date.year) + 2))
    holidays = {**dutch_holidays(years), **problem.holidays}
    counts = {key: sum(c.rate for c in cells) for key, cells in by_day.items()}

    flagged, events = _find_events(areas, counts, by_day, first, last, holidays, problem, params)

    win_first = max(first, last - timedelta(days=7 * params.weeks - 1))
    profile = _weekly_profile(areas, by_day, win_first, last, holidays, flagged, params)
    event_cells = _event_cells(events, by_day, profile, params.segment_z)

    pattern, uncovered = _weekly_pattern(problem, areas, profile, params)
    rows = _weekly_rows((*areas, ANY_AREA), pattern)
    rows += _event_rows(problem, areas, events, event_cells, profile, pattern, params)

    plan = DemandPlan(
        params,
        areas,
        (win_first, last),
        sum(1 for r in table.reports if win_first <= service_day(r)[0] <= last),
        profile,
        rows,
        events,
        uncovered,
    )
    plan.person_hours = person_hours(rows, problem)
    return plan


def _hourly_cells(table: ReportTable, params: DemandParameters) -> dict[tuple[str, date], list[Cell]]:
    """Reports and handling hours per (area, service day) and hour bin."""
    by_day: dict[tuple[str, date], list[Cell]] = defaultdict(lambda: [ZERO] * HOURS)
    for r in table.reports:
        d, b = service_day(r)
        minutes = params.handling_minutes if r.minutes is None else r.minutes
        cells = by_day[(r.area, d)]
        cells[b] = cells[b] + Cell(1.0, minutes / 60)
    return by_day


def _day_levels(
    areas: Sequence[str], cells_by_area: dict[str, list[Cell]], cover: list[bool], params: DemandParameters
) -> dict[str, Levels]:
    """One day's levels per area and city-wide (``*``): each area inside opening hours, the
    city outside them, an area's own row after hours only from ``own_after_hours`` on; none in
    hours that ``cover`` says no shift spans."""
    out: dict[str, Levels] = {}
    city = [sum((cells_by_area[a][b] for a in areas), ZERO) for b in range(HOURS)]
    for key in (*areas, ANY_AREA):
        lv: list[tuple[int, int]] = []
        for b in range(HOURS):
            minute = bin_minute(b) % 1440
            inside = params.open_from <= minute < params.open_to
            cell = city[b] if key == ANY_AREA else cells_by_area[key][b]
            lo, hi = levels_for(cell, params)
            if key == ANY_AREA:
                floor = params.night_floor
                lo, hi = (max(floor, lo), max(floor, hi)) if not inside else (0, 0)
            elif inside:
                lo = max(params.floor, lo)
                hi = max(lo, hi)
            elif lo < params.own_after_hours:
                lo = hi = 0
            lv.append((lo, hi) if cover[b] else (0, 0))
        out[key] = tuple(lv)
    return out


def _weekly_pattern(
    problem: Problem, areas: Sequence[str], profile: dict[str, list[list[Cell]]], params: DemandParameters
) -> tuple[list[dict[str, Levels]], dict[str, float]]:
    """Each weekday's levels per key, and per key the minimum person-hours over the horizon
    that hours without a shift would have asked (reported, not written)."""
    shifts = problem.shifts
    week_cover = [covered_bins(shifts, _usable_on_weekday(shifts, w)) for w in range(7)]
    uncovered: dict[str, float] = defaultdict(float)
    pattern: list[dict[str, Levels]] = []
    for w in range(7):
        pattern.append(_day_levels(areas, {a: profile[a][w] for a in areas}, week_cover[w], params))
        bare = _day_levels(areas, {a: profile[a][w] for a in areas}, [True] * HOURS, params)
        for key in (*areas, ANY_AREA):
            for b in range(HOURS):
                if not week_cover[w][b] and bare[key][b][0]:
                    uncovered[key] += bare[key][b][0] * problem.weeks
    return pattern, dict(uncovered)


def _weekly_rows(keys: Sequence[str], pattern: list[dict[str, Levels]]) -> list[DemandRowOut]:
    """The weekly pattern as rows: weekdays with the same windows share one row."""
    rows: list[DemandRowOut] = []
    for key in keys:
        groups: dict[tuple[tuple[int, int, int, int], ...], list[int]] = defaultdict(list)
        for w in range(7):
            wins = tuple(windows(pattern[w][key]))
            if wins:
                groups[wins].append(w)
        for wins, days in sorted(groups.items(), key=lambda kv: kv[1][0]):
            selector = format_days(days)
            for b0, b1, lo, hi in wins:
                rows.append(
                    DemandRowOut(
                        key,
                        selector,
                        bin_minute(b0) % 1440,
                        bin_minute(b1) % 1440,
                        lo,
                        hi,
                        _note(key, "reports"),
                    )
                )
    return rows


def _event_rows(
    problem: Problem,
    areas: Sequence[str],
    events: Sequence[Event],
    event_cells: dict[tuple[str, date], list[Cell]],
    profile: dict[str, list[list[Cell]]],
    pattern: list[dict[str, Levels]],
    params: DemandParameters,
) -> list[DemandRowOut]:
    """Rows for the horizon dates that an event raises above their weekday: only the hours it
    raises; dates with the same windows share one row."""
    keys = (*areas, ANY_AREA)
    shifts = problem.shifts
    extra: dict[str, dict[tuple[tuple[int, int, int, int], ...], list[date]]] = defaultdict(
        lambda: defaultdict(list)
    )
    event_notes: dict[date, str] = {}
    for ev in events:
        for d in ev.horizon_dates:
            event_notes.setdefault(d, ev.anchor)
    for d in problem.days:
        if not any((a, d) in event_cells for a in areas):
            continue
        w = d.weekday()
        cells_by_area = {a: event_cells.get((a, d), profile[a][w]) for a in areas}
        cover = covered_bins(shifts, _usable_on_date(shifts, d, problem.holidays))
        lv = _day_levels(areas, cells_by_area, cover, params)
        for key in keys:
            raised = tuple(
                (lo, hi)
                if (lo, hi) != pattern[w][key][b]
                and (lo > pattern[w][key][b][0] or hi > pattern[w][key][b][1])
                else (0, 0)
                for b, (lo, hi) in enumerate(lv[key])
            )
            wins = tuple(windows(raised))
            if wins:
                extra[key][wins].append(d)
    rows: list[DemandRowOut] = []
    for key in keys:
        for wins, dates in sorted(extra[key].items(), key=lambda kv: kv[1][0]):
            note = "event: " + event_notes.get(dates[0], "reports")
            for b0, b1, lo, hi in wins:
                rows.append(
                    DemandRowOut(
                        key,
                        format_dates(dates),
                        bin_minute(b0) % 1440,
                        bin_minute(b1) % 1440,
                        lo,
                        hi,
                        _note(key, note),
                    )
                )
    return rows


def _note(key: str, what: str) -> str:
    return f"from reports ({'city-wide' if key == ANY_AREA else key})" if what == "reports" else what


def person_hours(rows: Iterable[DemandRowOut], problem: Problem) -> dict[str, tuple[float, float]]:
    """Person-hours of min and target per area over ``problem``'s horizon for our rows."""
    from ..calendar import parse_days

    return person_hours_of(
        ((r.area, parse_days(r.days), r.start, r.end, r.min, r.target) for r in rows), problem
    )


def person_hours_of(
    rows: Iterable[tuple[str, DaySelector, int, int, int, int | None]], problem: Problem
) -> dict[str, tuple[float, float]]:
    """Person-hours of min and target per area over the horizon; where rows overlap, the highest
    min and the highest target apply (as the reader merges them). Counted per quarter hour."""
    best: dict[tuple[str, date, int], tuple[int, int]] = {}
    for area, sel, start, end, lo_row, hi_row in rows:
        length = (end - start) % 1440 or 1440
        hi_row = max(lo_row, hi_row if hi_row is not None else lo_row)
        for d in problem.days:
            if not sel.matches(d, problem.holidays):
                continue
            for m in range(start, start + length, 15):
                key = (area, d, m)
                lo, hi = best.get(key, (0, 0))
                best[key] = (max(lo, lo_row), max(hi, hi_row))
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (area, _, _), (lo, hi) in best.items():
        out[area][0] += lo / 4
        out[area][1] += hi / 4
    return {a: (v[0], v[1]) for a, v in out.items()}


def workbook_person_hours(problem: Problem) -> dict[str, tuple[float, float]]:
    """The same figures for the input workbook's own time-window rows without a skill."""
    return person_hours_of(
        (
            (d.area, d.days, d.start, d.end, d.min, d.target)
            for d in problem.demand
            if d.skill is None and d.start is not None and d.end is not None
        ),
        problem,
    )


# --------------------------------------------------------------------------- profile


def _weekly_profile(
    areas: Sequence[str],
    by_day: dict[tuple[str, date], list[Cell]],
    first: date,
    last: date,
    holidays: dict[date, str],
    flagged: set[tuple[str, date]],
    params: DemandParameters,
) -> dict[str, list[list[Cell]]]:
    """Mean cell per area, weekday and hour over the window: weekdays grouped into day types,
    each day type's hours into segments of equal rate (see :func:`day_types`, :func:`segments`)."""
    profile: dict[str, list[list[Cell]]] = {}
    for a in areas:
        sums = [[ZERO] * HOURS for _ in range(7)]
        ndays = [0] * 7
        for d in daterange(first, last):
            if d in holidays or (a, d) in flagged:
                continue
            w = d.weekday()
            ndays[w] += 1
            cells = by_day.get((a, d))
            if cells is not None:
                sums[w] = [x + y for x, y in zip(sums[w], cells, strict=True)]
        result = [[ZERO] * HOURS for _ in range(7)]
        for group in day_types(sums, ndays, params.day_alpha, params.day_z):
            n = sum(ndays[w] for w in group)
            total = [sum((sums[w][b] for w in group), ZERO) for b in range(HOURS)]
            cells = segments(total, n, params.segment_z)
            for w in group:
                result[w] = cells
        profile[a] = result
    return profile


def _chi2_sf(x: float, df: int) -> float:
    """Upper tail of the chi-square distribution (Wilson–Hilferty; ample for a merge decision)."""
    if df <= 0:
        return 1.0
    k = 2 / (9 * df)
    z = ((x / df) ** (1 / 3) - (1 - k)) / math.sqrt(k)
    return 0.5 * math.erfc(z / math.sqrt(2))


def _max_hour_z(ca: Sequence[float], cb: Sequence[float], na: int, nb: int) -> float:
    """The largest two-sample Poisson z over the hours of two groups' counts."""
    best = 0.0
    for a_, b_ in zip(ca, cb, strict=True):
        pooled = (a_ + b_) / (na + nb)
        if pooled > 0:
            best = max(best, abs(a_ / na - b_ / nb) / math.sqrt(pooled * (1 / na + 1 / nb)))
    return best


def day_types(
    sums: Sequence[Sequence[Cell]], ndays: Sequence[int], alpha: float, z_split: float = math.inf
) -> list[list[int]]:
    """Weekdays grouped so that, within a group, the hourly report counts do not differ
    significantly: agglomerative, merging the pair of groups whose counts are most alike
    (chi-square test of homogeneity over the hours) while its p-value exceeds ``alpha`` and no
    single hour differs by ``z_split`` or more (two-sample Poisson z)."""
    groups = [[w] for w in range(7) if ndays[w] > 0]
    counts: dict[tuple[int, ...], list[float]] = {(w,): [c.rate for c in sums[w]] for w in range(7)}
    days: dict[tuple[int, ...], int] = {(w,): ndays[w] for w in range(7)}
    while len(groups) > 1:
        best: tuple[float, int, int] | None = None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                ca, cb = counts[tuple(groups[i])], counts[tuple(groups[j])]
                na, nb = days[tuple(groups[i])], days[tuple(groups[j])]
                x2, df = 0.0, 0
                for a_, b_ in zip(ca, cb, strict=True):
                    if a_ + b_ == 0:
                        continue
                    ea = (a_ + b_) * na / (na + nb)
                    eb = (a_ + b_) * nb / (na + nb)
                    x2 += (a_ - ea) ** 2 / ea + (b_ - eb) ** 2 / eb
                    df += 1
                p = _chi2_sf(x2, df)
                # One hour far apart (the school run on a Saturday) also keeps two groups apart,
                # which the test over all hours can miss.
                if _max_hour_z(ca, cb, na, nb) >= z_split:
                    p = 0.0
                if best is None or p > best[0]:
                    best = (p, i, j)
        assert best is not None
        p, i, j = best
        if p <= alpha:
            break
        merged = sorted(groups[i] + groups[j])
        counts[tuple(merged)] = [
            x + y for x, y in zip(counts[tuple(groups[i])], counts[tuple(groups[j])], strict=True)
        ]
        days[tuple(merged)] = days[tuple(groups[i])] + days[tuple(groups[j])]
        groups = [g for k, g in enumerate(groups) if k not in (i, j)] + [merged]
        groups.sort()
    return groups


def segments(total: Sequence[Cell], ndays: int, z_max: float) -> list[Cell]:
    """Hours merged into runs of equal rate, each hour given its run's mean per day.

    Bottom-up: the adjacent pair of runs whose report rates differ least (two-sample Poisson
    z statistic) is merged while that z is below ``z_max``, so a real peak (the school run)
    stays and random hour-to-hour noise goes.
    """
    if ndays <= 0:
        return [ZERO] * HOURS
    runs = [[b, b + 1, total[b].rate, total[b].load] for b in range(len(total))]

    def z(r1: list[float], r2: list[float]) -> float:
        n1, n2 = (r1[1] - r1[0]) * ndays, (r2[1] - r2[0]) * ndays
        pooled = (r1[2] + r2[2]) / (n1 + n2)
        if pooled == 0:
            return 0.0
        return abs(r1[2] / n1 - r2[2] / n2) / math.sqrt(pooled * (1 / n1 + 1 / n2))

    while len(runs) > 1:
        k = min(range(len(runs) - 1), key=lambda i: z(runs[i], runs[i + 1]))
        if z(runs[k], runs[k + 1]) >= z_max:
            break
        a, b = runs[k], runs[k + 1]
        runs[k : k + 2] = [[a[0], b[1], a[2] + b[2], a[3] + b[3]]]
    out: list[Cell] = []
    for lo, hi, count, load in runs:
        exposure = (hi - lo) * ndays
        out.extend([Cell(count / exposure, load / exposure)] * int(hi - lo))
    return out


# --------------------------------------------------------------------------- events


def _anchor(d: date, holidays: dict[date, str]) -> tuple[str, object]:
    if d in holidays:
        return "holiday", holidays[d]
    offset = (d - easter(d.year)).days
    if abs(offset) <= EASTER_WINDOW_DAYS:
        return "easter", offset
    return "date", (d.month, d.day)


def _describe(kind: str, value: object) -> str:
    if kind == "holiday":
        return str(value)
    if kind == "easter":
        assert isinstance(value, int)
        return f"Easter {value:+d} days"
    assert isinstance(value, tuple)
    return f"every {value[1]} {date(2000, value[0], 1):%B}"


def _horizon_dates(kind: str, value: object, problem: Problem) -> list[date]:
    out = []
    for d in problem.days:
        if kind == "holiday":
            match = problem.holidays.get(d) == value
        elif kind == "easter":
            match = (d - easter(d.year)).days == value and d not in problem.holidays
        else:
            match = (d.month, d.day) == value and d not in problem.holidays
        if match:
            out.append(d)
    return out


def _find_events(
    areas: Sequence[str],
    counts: dict[tuple[str, date], float],
    by_day: dict[tuple[str, date], list[Cell]],
    first: date,
    last: date,
    holidays: dict[date, str],
    problem: Problem,
    params: DemandParameters,
) -> tuple[set[tuple[str, date]], list[Event]]:
    """Dates far above their weekday's neighbours, per area, grouped in runs and anchored."""
    candidates: dict[tuple[str, date], float] = {}
    expected_of: dict[tuple[str, date], float] = {}
    for a in areas:
        for d in daterange(first, last):
            ref = [
                counts.get((a, d + timedelta(days=k)), 0.0)
                for k in range(-EVENT_NEIGHBOUR_DAYS, EVENT_NEIGHBOUR_DAYS + 1, 7)
                if k and first <= d + timedelta(days=k) <= last and d + timedelta(days=k) not in holidays
            ]
            if len(ref) < 3:
                continue
            ref.sort()
            expected = sum(ref[:-1]) / (len(ref) - 1)  # the highest neighbour may be an event too
            n = counts.get((a, d), 0.0)
            if n >= params.event_ratio * max(expected, 1.0):
                z = (n - expected) / math.sqrt(max(expected, 1.0))
                candidates[(a, d)] = z
                expected_of[(a, d)] = expected
    # Hysteresis: a date beside a clear event date needs only half the z (an event's quieter
    # day, such as carnival Monday, stays part of its run).
    flagged = {key for key, z in candidates.items() if z >= params.event_z}
    grown = True
    while grown:
        grown = False
        for (a, d), z in candidates.items():
            if (
                (a, d) not in flagged
                and z >= params.event_z / 2
                and ((a, d - timedelta(days=1)) in flagged or (a, d + timedelta(days=1)) in flagged)
            ):
                flagged.add((a, d))
                grown = True
    events: list[Event] = []
    for a in areas:
        dates = sorted(d for (x, d) in flagged if x == a)
        k = 0
        while k < len(dates):
            j = k
            while j + 1 < len(dates) and dates[j + 1] == dates[j] + timedelta(days=1):
                j += 1
            run = dates[k : j + 1]
            targets: list[date] = []
            anchors = []
            for d in run:
                kind, value = _anchor(d, holidays)
                anchors.append(_describe(kind, value))
                targets.extend(_horizon_dates(kind, value, problem))
            events.append(
                Event(
                    a,
                    run[0],
                    run[-1],
                    round(sum(counts.get((a, d), 0) for d in run)),
                    round(sum(expected_of[(a, d)] for d in run), 1),
                    anchors[0] if len(set(anchors)) == 1 else f"{anchors[0]} … {anchors[-1]}",
                    tuple(sorted(set(targets))),
                )
            )
            k = j + 1
    return flagged, events


def _event_cells(
    events: Sequence[Event],
    by_day: dict[tuple[str, date], list[Cell]],
    profile: dict[str, list[list[Cell]]],
    z_max: float,
) -> dict[tuple[str, date], list[Cell]]:
    """Per (area, horizon date) the event's hourly cells: the run's mean, merged into segments
    like the weekly profile, never below the date's weekday profile."""
    out: dict[tuple[str, date], list[Cell]] = {}
    for ev in events:
        if not ev.horizon_dates:
            continue
        run = list(daterange(ev.first, ev.last))
        total = [sum((by_day.get((ev.area, d), [ZERO] * HOURS)[b] for d in run), ZERO) for b in range(HOURS)]
        smooth = segments(total, len(run), z_max)
        for d in ev.horizon_dates:
            normal = profile[ev.area][d.weekday()]
            out[(ev.area, d)] = [s if s.load > n.load else n for s, n in zip(smooth, normal, strict=True)]
    return out
