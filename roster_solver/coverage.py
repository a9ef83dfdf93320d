"""Staffing requirements from the Demand sheet, and how a roster meets them (plain Python).

A Demand row applies to an area (or ``*``, the whole city), optionally a skill, and the days of
its selector. A row with ``from``/``to`` asks for people on duty during that window of each of
its days; a window whose ``to`` is not after ``from`` runs past midnight and belongs to the
day on which it starts. Windows are converted to elapsed minutes with the DST-aware clock, so
the window 22:00–06:00 lasts 9 hours on the night the clocks go back. A row with ``shift``
asks for a number of people on that shift type that day instead.

Merging (docs/workbook-contract.md#demand-bezetting), per area and skill:

- on a day where a ``replace = yes`` row applies, only the replace rows of that area and skill
  apply on that day (window rows and shift rows alike); the window of a previous day that runs
  past midnight into that day still applies, because it belongs to the previous day;
- where several windows overlap at one moment (also windows of consecutive days), the highest
  ``min`` and the highest ``target`` apply (``target`` defaults to ``min``), the lowest ``max``
  and the highest weights (a row without ``weight_under``/``weight_over`` has the profile's
  ``weight.short_of_target``/``weight.over_max``);
- shift rows for the same area, skill, day and shift merge the same way;
- each (area, skill) pair is its own requirement: ``*`` rows and skill rows are counted
  separately, and one person counts toward every requirement they qualify for.

Coverage is counted per *segment*: an elementary interval between consecutive boundaries of the
demand windows and of every shift instance, on which the requirement is constant and every shift
either spans the segment or does not touch it. A person covers a segment when their shift spans
the whole segment, in the segment's area (any area for ``*``), and they have the skill. Because
every workbook time is a multiple of ``slot_minutes``, this gives the same counts as per slot.

History shifts (before the horizon) do not count toward coverage: coverage is what the roster
plans. At the horizon's edges a segment that only a shift outside the horizon could span (the
morning after the last night, or the first night's small hours that the previous evening's
night shift would cover) is left out, so nothing is penalised just because the horizon ends.
A segment that no shift type can span at all stays in: that shortage is real.
Never imports the solver.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .calendar import MINUTES_PER_DAY, SHORT_EN, SHORT_NL
from .domain import ANY_AREA, DemandRow, Problem, ShiftInstance, StaffMember
from .i18n import reason
from .roster import Roster

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Segment:
    """One elementary interval of one (area, skill) requirement with a constant requirement."""

    area: str  # area code or "*"
    skill: str | None
    day: int  # the day the demand row applies to (window start day; earliest when merged)
    start: int  # elapsed minutes (DST-aware)
    end: int
    min: int
    target: int
    max: int | None
    weight_under: int  # per person-hour below target
    weight_over: int  # per person-hour above max
    rows: tuple[int, ...]  # Excel rows of the Demand rows that apply

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class ShiftRequirement:
    """A number of people on one shift type on one day (Demand rows with ``shift``)."""

    area: str
    skill: str | None
    day: int
    shift: str
    min: int
    target: int
    max: int | None
    weight_under: int  # per person below target
    weight_over: int  # per person above max
    rows: tuple[int, ...]


@dataclass(frozen=True)
class CoverageRow:
    """One line of the Coverage sheet: a segment (or shift requirement) and how the roster meets it.

    ``planned`` and the shortfalls count people; ``shift`` is set for shift requirements (the
    slot is then that shift's times on that day).
    """

    area: str
    skill: str | None
    date: date  # date of the requirement's day
    slot_start: datetime  # local, aware
    slot_end: datetime
    start: int  # elapsed minutes
    end: int
    min: int
    target: int
    max: int | None
    planned: int
    short_of_min: int
    short_of_target: int
    over_max: int
    shift: str | None = None


# --------------------------------------------------------------------------- requirements


@dataclass(frozen=True)
class _Need:
    """The values of one Demand row with the profile's defaults filled in."""

    min: int
    target: int
    max: int | None
    weight_under: int
    weight_over: int
    row: int | None


def _need(problem: Problem, d: DemandRow) -> _Need:
    r = problem.ruleset
    return _Need(
        min=d.min,
        target=d.target if d.target is not None else d.min,
        max=d.max,
        weight_under=d.weight_under if d.weight_under is not None else r.weight("short_of_target"),
        weight_over=d.weight_over if d.weight_over is not None else r.weight("over_max"),
        row=d.src.row if d.src is not None else None,
    )


def _merge(needs: Iterable[_Need]) -> tuple[_Need, tuple[int, ...]]:
    """Highest min and target, lowest max, highest weights; and the Excel rows involved."""
    lst = list(needs)
    maxes = [n.max for n in lst if n.max is not None]
    rows = tuple(sorted({n.row for n in lst if n.row is not None}))
    need = _Need(
        min=max(n.min for n in lst),
        target=max(n.target for n in lst),
        max=min(maxes) if maxes else None,
        weight_under=max(n.weight_under for n in lst),
        weight_over=max(n.weight_over for n in lst),
        row=None,
    )
    return need, rows


def _rows_by_day(problem: Problem) -> dict[tuple[str, str | None, int], list[DemandRow]]:
    """Per (area, skill, day): the Demand rows that apply, after ``replace``."""
    out: dict[tuple[str, str | None, int], list[DemandRow]] = defaultdict(list)
    # Rows that name only dates go straight to those days (a benchmark has one row per day
    # and shift: scanning every row on every day would be rows × days matches).
    dated: dict[int, list[tuple[int, DemandRow]]] = defaultdict(list)
    scanned: list[tuple[int, DemandRow]] = []
    for k, row in enumerate(problem.demand):
        if row.days.weekdays or row.days.holiday:
            scanned.append((k, row))
            continue
        for d in row.days.explicit_dates():
            day = problem.day_index(d)
            if 0 <= day < problem.n_days:
                dated[day].append((k, row))
    for day, d in enumerate(problem.days):
        # Sheet order is kept: it decides how rows merge.
        rows = sorted(
            [*dated.get(day, ()), *((k, r) for k, r in scanned if r.days.matches(d, problem.holidays))],
            key=lambda kr: kr[0],
        )
        for _, row in rows:
            out[(row.area, row.skill, day)].append(row)
    for key, rows in out.items():
        if any(r.replace for r in rows):
            out[key] = [r for r in rows if r.replace]
    return dict(out)


def _window(problem: Problem, row: DemandRow, day: int) -> tuple[int, int]:
    assert row.start is not None and row.end is not None
    end = row.end if row.end > row.start else row.end + MINUTES_PER_DAY
    d = problem.date_of(day)
    return problem.clock.minute(d, row.start), problem.clock.minute(d, end)


def _shift_boundaries(problem: Problem) -> list[int]:
    return sorted({t for i in problem.horizon_instances for t in (i.start, i.end)})


_CACHE: dict[int, tuple[Problem, dict[str, object]]] = {}


def _cache(problem: Problem) -> dict[str, object]:
    """Per-problem memo (Problem is immutable); keeps a reference so ids are not reused."""
    hit = _CACHE.get(id(problem))
    if hit is not None and hit[0] is problem:
        return hit[1]
    if len(_CACHE) > 16:
        _CACHE.clear()
    store: dict[str, object] = {}
    _CACHE[id(problem)] = (problem, store)
    return store


def segments(problem: Problem) -> list[Segment]:
    """Every segment with a requirement, sorted by area, skill, start (cached per problem)."""
    store = _cache(problem)
    if "segments" not in store:
        store["segments"] = _build_segments(problem)
    return store["segments"]  # type: ignore[return-value]


def _build_segments(problem: Problem) -> list[Segment]:
    # Per (area, skill): every window with its need and day.
    windows: dict[tuple[str, str | None], list[tuple[int, int, int, _Need]]] = defaultdict(list)
    for (area, skill, day), rows in _rows_by_day(problem).items():
        for row in rows:
            if row.shift is not None or row.start is None or row.end is None:
                continue
            start, end = _window(problem, row, day)
            if end > start:  # a window inside a skipped DST hour has no length
                windows[(area, skill)].append((start, end, day, _need(problem, row)))
    cuts = _shift_boundaries(problem)
    out: list[Segment] = []
    for (area, skill), wins in windows.items():
        wins.sort(key=lambda w: w[0])
        lo, hi = wins[0][0], max(e for _, e, _, _ in wins)
        points = sorted({t for s, e, _, _ in wins for t in (s, e)} | {t for t in cuts if lo < t < hi})
        # Sweep: windows enter at their start and leave once they end.
        nxt = 0
        active: list[tuple[int, int, int, _Need]] = []
        for a, b in itertools.pairwise(points):
            while nxt < len(wins) and wins[nxt][0] <= a:
                active.append(wins[nxt])
                nxt += 1
            active = [w for w in active if w[1] >= b]
            if not active:
                continue
            need, row_nos = _merge(w[3] for w in active)
            if need.min == 0 and need.target == 0 and need.max is None:
                continue
            out.append(
                Segment(
                    area=area,
                    skill=skill,
                    day=min(w[2] for w in active),
                    start=a,
                    end=b,
                    min=need.min,
                    target=need.target,
                    max=need.max,
                    weight_under=need.weight_under,
                    weight_over=need.weight_over,
                    rows=row_nos,
                )
            )
    out = [s for s in out if not _edge_artefact(problem, s)]
    out.sort(key=lambda s: (s.area, s.skill or "", s.start))
    return out


def _edge_artefact(problem: Problem, seg: Segment) -> bool:
    """A segment only a shift outside the horizon could span (e.g. a window of the last day
    running into the morning after): it is not asked of this roster, because the days before
    and after the horizon are not planned here."""

    def spans(i: ShiftInstance) -> bool:
        return i.start <= seg.start and seg.end <= i.end

    at_edge = seg.end > problem.horizon_end or any(
        spans(problem.instance(s.code, -1)) for s in problem.shifts
    )
    return at_edge and not any(spans(i) for i in problem.horizon_instances)


def shift_requirements(problem: Problem) -> list[ShiftRequirement]:
    """Every (area, skill, day, shift) requirement from Demand rows with ``shift`` (cached)."""
    store = _cache(problem)
    if "shift_requirements" not in store:
        store["shift_requirements"] = _build_shift_requirements(problem)
    return store["shift_requirements"]  # type: ignore[return-value]


def _build_shift_requirements(problem: Problem) -> list[ShiftRequirement]:
    groups: dict[tuple[str, str | None, int, str], list[_Need]] = defaultdict(list)
    for (area, skill, day), rows in _rows_by_day(problem).items():
        for row in rows:
            if row.shift is not None and row.shift in problem.shift_by_code:
                groups[(area, skill, day, row.shift)].append(_need(problem, row))
    out: list[ShiftRequirement] = []
    for (area, skill, day, code), needs in groups.items():
        need, row_nos = _merge(needs)
        if need.min == 0 and need.target == 0 and need.max is None:
            continue
        out.append(
            ShiftRequirement(
                area=area,
                skill=skill,
                day=day,
                shift=code,
                min=need.min,
                target=need.target,
                max=need.max,
                weight_under=need.weight_under,
                weight_over=need.weight_over,
                rows=row_nos,
            )
        )
    out.sort(key=lambda r: (r.area, r.skill or "", problem.instance(r.shift, r.day).start, r.shift))
    return out


# --------------------------------------------------------------------------- who counts


def qualifies(staff: StaffMember, area: str, req_area: str, req_skill: str | None) -> bool:
    """Whether ``staff`` deployed in ``area`` counts toward a requirement of that area and skill."""
    return (req_area == ANY_AREA or area == req_area) and (req_skill is None or req_skill in staff.skills)


def covers(problem: Problem, inst: ShiftInstance, area: str, staff: StaffMember, seg: Segment) -> bool:
    """Whether ``staff`` working ``inst`` in ``area`` covers ``seg`` (the shift spans all of it)."""
    return inst.start <= seg.start and seg.end <= inst.end and qualifies(staff, area, seg.area, seg.skill)


def fills(
    problem: Problem, inst: ShiftInstance, area: str, staff: StaffMember, req: ShiftRequirement
) -> bool:
    """Whether ``staff`` working ``inst`` in ``area`` counts toward a shift requirement."""
    return inst.shift == req.shift and inst.day == req.day and qualifies(staff, area, req.area, req.skill)


def covering_instances(problem: Problem) -> list[list[tuple[str, int]]]:
    """Per segment (same order as :func:`segments`): the (shift, day) instances that span it."""
    store = _cache(problem)
    if "covering" not in store:
        insts = sorted(problem.horizon_instances, key=lambda i: i.start)
        out: list[list[tuple[str, int]]] = []
        for seg in segments(problem):
            out.append([(i.shift, i.day) for i in insts if i.start <= seg.start and seg.end <= i.end])
        store["covering"] = out
    return store["covering"]  # type: ignore[return-value]


def segments_spanned(problem: Problem) -> dict[tuple[str, int], dict[str, list[int]]]:
    """Per (shift, day) instance, per area (ANY_AREA for the rows without one): the indices of
    the segments it spans. The inverse of :func:`covering_instances`, cached: a model looks up
    the segments of each assignment instead of the assignments of each segment."""
    store = _cache(problem)
    if "spanned" not in store:
        out: dict[tuple[str, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        segs = segments(problem)
        for k, keys in enumerate(covering_instances(problem)):
            for key in keys:
                out[key][segs[k].area].append(k)
        store["spanned"] = {key: dict(by_area) for key, by_area in out.items()}
    return store["spanned"]  # type: ignore[return-value]


def spanned_by(problem: Problem, staff: StaffMember, shift: str, day: int, area: str) -> list[int]:
    """The segments that ``staff`` working ``shift`` on ``day`` in ``area`` counts toward, in
    the order of :func:`segments`."""
    by_area = segments_spanned(problem).get((shift, day))
    if not by_area:
        return []
    segs = segments(problem)
    return sorted(
        k
        for k in (*by_area.get(area, ()), *by_area.get(ANY_AREA, ()))
        if segs[k].skill is None or segs[k].skill in staff.skills
    )


def _planned(problem: Problem, roster: Roster) -> tuple[list[int], list[int]]:
    """People counted per segment and per shift requirement."""
    on: dict[tuple[str, int], list[tuple[str, StaffMember]]] = defaultdict(list)
    for a in roster.assignments:
        p = problem.staff_by_id.get(a.staff)
        if p is None or a.shift not in problem.shift_by_code:
            continue
        on[(a.shift, problem.day_index(a.date))].append((a.area, p))
    seg_counts = [
        sum(1 for key in keys for area, p in on.get(key, ()) if qualifies(p, area, seg.area, seg.skill))
        for seg, keys in zip(segments(problem), covering_instances(problem), strict=True)
    ]
    req_counts = [
        sum(1 for area, p in on.get((r.shift, r.day), ()) if qualifies(p, area, r.area, r.skill))
        for r in shift_requirements(problem)
    ]
    return seg_counts, req_counts


# --------------------------------------------------------------------------- the roster's coverage


def coverage_table(problem: Problem, roster: Roster) -> list[CoverageRow]:
    """One row per segment and per shift requirement, sorted by area, skill, start."""
    seg_counts, req_counts = _planned(problem, roster)
    out: list[CoverageRow] = []
    for seg, n in zip(segments(problem), seg_counts, strict=True):
        out.append(
            _row(
                problem,
                seg.area,
                seg.skill,
                seg.day,
                seg.start,
                seg.end,
                seg.min,
                seg.target,
                seg.max,
                n,
                None,
            )
        )
    for r, n in zip(shift_requirements(problem), req_counts, strict=True):
        inst = problem.instance(r.shift, r.day)
        out.append(
            _row(problem, r.area, r.skill, r.day, inst.start, inst.end, r.min, r.target, r.max, n, r.shift)
        )
    out.sort(key=lambda c: (c.area, c.skill or "", c.start, c.end, c.shift or ""))
    return out


def _row(
    problem: Problem,
    area: str,
    skill: str | None,
    day: int,
    start: int,
    end: int,
    lo: int,
    target: int,
    hi: int | None,
    planned: int,
    shift: str | None,
) -> CoverageRow:
    return CoverageRow(
        area=area,
        skill=skill,
        date=problem.date_of(day),
        slot_start=problem.clock.local(start),
        slot_end=problem.clock.local(end),
        start=start,
        end=end,
        min=lo,
        target=target,
        max=hi,
        planned=planned,
        short_of_min=max(0, lo - planned),
        short_of_target=max(0, target - planned),
        over_max=max(0, planned - hi) if hi is not None else 0,
        shift=shift,
    )


def shortfall_summary(problem: Problem, roster: Roster) -> dict[str, int]:
    """Per area (``*`` for city-wide rows): unmet-minimum person-minutes.

    A shift requirement's missing person counts the elapsed length of that dated shift. Every
    area with a requirement is listed, also when nothing is missing.
    """
    out: dict[str, int] = {}
    for row in coverage_table(problem, roster):
        out[row.area] = out.get(row.area, 0) + row.short_of_min * (row.end - row.start)
    return dict(sorted(out.items()))


# --------------------------------------------------------------------------- words


def describe_place(area: str, skill: str | None, lang: str | None = None) -> str:
    """``CEN``, ``CEN (dog)``, ``all areas``, ``all areas (dog)`` (``alle wijken`` in Dutch)."""
    place = reason("all_areas", lang) if area == ANY_AREA else area
    return f"{place} ({skill})" if skill else place


def describe_day(d: date, lang: str | None = None) -> str:
    """``Sat 6 Feb`` (``za 6 feb`` in Dutch)."""
    if lang == "nl":
        return f"{SHORT_NL[d.weekday()]} {d.day} {MONTHS_NL[d.month - 1]}"
    return f"{SHORT_EN[d.weekday()]} {d.day} {MONTHS_EN[d.month - 1]}"


def describe_times(problem: Problem, start: int, end: int, lang: str | None = None) -> str:
    """``Sat 6 Feb 22:00–02:00`` in local time (the date of the start)."""
    a, b = problem.clock.local(start), problem.clock.local(end)
    return f"{describe_day(a.date(), lang)} {a:%H:%M}–{b:%H:%M}"


def describe_iso(problem: Problem, start: int, end: int) -> str:
    """``2027-02-06 22:00–02:00`` in local time (the date of the start)."""
    a, b = problem.clock.local(start), problem.clock.local(end)
    return f"{a.date().isoformat()} {a:%H:%M}–{b:%H:%M}"
