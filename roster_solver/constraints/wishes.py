"""Wishes: soft ``prefer`` and ``avoid`` rows of the Wishes sheet.

Rule: each soft wish counts once per matching horizon day; a wish-day that the roster does
not grant costs the row's ``weight`` (default ``weight.wish`` from the profile section
``[wishes]``, 10). What a wish asks for on its day d:

=====================  ==========================================  =============================
wish                   ``prefer`` is granted when                  ``avoid`` is granted when
=====================  ==========================================  =============================
shift ``off``          no shift starts on d                        a shift starts on d
shift S                the person works S on d                     the person does not work S on d
window from–to         a shift starting on d lies inside the       no worked shift (History
                       window (like ``only``, but the person        included) overlaps the window
                       also wants to work)                          in real time (like ``never``)
neither                a shift starts on d (any shift)             no shift starts on d
=====================  ==========================================  =============================

A window whose ``to`` is not after ``from`` runs past midnight (it belongs to day d).
Soft. Formula: cost = Σ over wish-days weight × refused, where ``refused`` is a 0/1
expression equal to the table above (an exact Boolean where it needs one), so the objective
share equals :meth:`Wishes.penalty` on any solution. Penalty unit: refused wish-days.
Hard wish kinds (never/only/must) live in :mod:`.availability`.

Also: :func:`wish_outcomes` (granted / refused per person, for the People sheet) and
:func:`refusal_reason` (the rule that stood in the way, when one can be named).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..calendar import format_minute_of_day, overlap
from ..domain import OFF, Problem, StaffMember, Wish
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster
from ..timeline import Timeline, Worked, timeline
from .base import Family

if TYPE_CHECKING:
    from ..coverage import CoverageRow
    from ..engine.context import LinearLike, ModelContext

KEY = "weight.wish"


def soft_wish_days(problem: Problem) -> list[tuple[Wish, int]]:
    """Every (prefer/avoid wish, horizon day) pair, in Wishes-sheet order."""
    out: list[tuple[Wish, int]] = []
    for w in problem.wishes:
        if w.kind in ("prefer", "avoid") and w.staff in problem.staff_by_id:
            if w.days.weekdays or w.days.holiday:
                out.extend((w, d) for d in range(problem.n_days) if problem.wish_matches(w, d))
            else:  # only dates: no need to test every day (13,809 wishes × 364 days in a benchmark)
                days = {problem.day_index(x) for x in w.days.explicit_dates()}
                out.extend((w, d) for d in sorted(days) if 0 <= d < problem.n_days)
    return out


def wish_weight(problem: Problem, w: Wish) -> int:
    return w.weight if w.weight is not None else problem.ruleset.weight(KEY)


def describe_wish(w: Wish, lang: str | None = None) -> str:
    """``prefers to work L``, ``avoids working 08:00–14:00``, ``prefers a day off`` …"""
    window = ""
    if w.has_window:
        assert w.start is not None and w.end is not None
        window = f"{format_minute_of_day(w.start)}–{format_minute_of_day(w.end)}"
    side = "prefer" if w.kind == "prefer" else "avoid"
    if w.shift == OFF:
        return reason(f"{side}_off", lang)
    if w.shift is not None:
        return reason(f"{side}_shift", lang, shift=w.shift)
    if window:
        return reason(f"{side}_window", lang, window=window)
    return reason(f"{side}_work", lang)


def _day_work(tl: Timeline, staff: str, day: int) -> list[Worked]:
    return [w for w in tl.of(staff) if w.inst.day == day]


def _conflicts(problem: Problem, tl: Timeline, w: Wish, day: int) -> tuple[bool, list[Worked]]:
    """(refused, the worked shifts that make it refused; empty when refused for being off)."""
    worked = _day_work(tl, w.staff, day)
    if w.shift == OFF:
        return (bool(worked), worked) if w.kind == "prefer" else (not worked, [])
    if w.shift is not None:
        match = [x for x in worked if x.inst.shift == w.shift]
        return (
            (not match, [x for x in worked if x.inst.shift != w.shift])
            if w.kind == "prefer"
            else (bool(match), match)
        )
    if w.has_window:
        win = problem.wish_window(w, day)
        if w.kind == "prefer":
            inside = [x for x in worked if win.start <= x.inst.start and x.inst.end <= win.end]
            return not inside, [x for x in worked if x not in inside]
        hits = [x for x in tl.of(w.staff) if overlap(win.start, win.end, x.inst.start, x.inst.end)]
        return bool(hits), hits
    if w.kind == "prefer":
        return not worked, []
    return bool(worked), worked


def wish_outcomes(problem: Problem, roster: Roster) -> dict[str, tuple[int, int]]:
    """Per staff id (every person): (granted, refused) soft wish-days."""
    tl = timeline(problem, roster)
    out = {p.id: [0, 0] for p in problem.staff}
    for w, day in soft_wish_days(problem):
        refused, _ = _conflicts(problem, tl, w, day)
        out[w.staff][1 if refused else 0] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


# --------------------------------------------------------------------------- why refused


@dataclass(frozen=True)
class _CoverageIndex:
    """The coverage table of one roster, indexed for :func:`_staffing_reason` (a linear scan
    per refused wish took 15 s on a year of 150 people and 32 shift types)."""

    rows: list[CoverageRow]
    by_shift: dict[tuple[str, date], list[int]]  # (shift, date) -> positions of shift rows
    by_date: dict[date, list[int]]  # date -> positions of time-window rows


_COVERAGE: dict[tuple[int, int], tuple[Problem, Roster, _CoverageIndex]] = {}


def _coverage(problem: Problem, roster: Roster) -> _CoverageIndex:
    from ..coverage import coverage_table

    key = (id(problem), id(roster))
    hit = _COVERAGE.get(key)
    if hit is not None and hit[0] is problem and hit[1] is roster:
        return hit[2]
    if len(_COVERAGE) > 8:
        _COVERAGE.clear()
    table = coverage_table(problem, roster)
    by_shift: dict[tuple[str, date], list[int]] = {}
    by_date: dict[date, list[int]] = {}
    for i, row in enumerate(table):
        if row.shift is not None:
            by_shift.setdefault((row.shift, row.date), []).append(i)
        else:
            by_date.setdefault(row.date, []).append(i)
    index = _CoverageIndex(table, by_shift, by_date)
    _COVERAGE[key] = (problem, roster, index)
    return index


def _planned_minutes(tl: Timeline, staff: str) -> int:
    return sum(w.inst.work for w in tl.horizon(staff))


def _staffing_reason(problem: Problem, roster: Roster, p: StaffMember, x: Worked) -> str | None:
    from ..coverage import describe_iso, describe_place, qualifies

    inst, area = x.inst, x.area
    if area is None:
        return None
    index = _coverage(problem, roster)
    # the shift's own rows, and time-window rows of nearby dates that lie inside the shift
    # (a shift lasts less than a day), in table order
    positions = list(index.by_shift.get((inst.shift, inst.date), ()))
    for offset in range(-1, 3):
        for i in index.by_date.get(inst.date + timedelta(days=offset), ()):
            if inst.start <= index.rows[i].start and index.rows[i].end <= inst.end:
                positions.append(i)
    counted = [
        index.rows[i]
        for i in sorted(positions)
        if qualifies(p, area, index.rows[i].area, index.rows[i].skill)
    ]
    lang = problem.settings.language
    for attr in ("min", "target"):
        for row in counted:
            need = getattr(row, attr)
            if need and row.planned <= need:
                return reason(
                    f"needed_{attr}",
                    lang,
                    place=describe_place(row.area, row.skill, lang),
                    times=describe_iso(problem, row.start, row.end),
                    planned=row.planned,
                    need=need,
                )
    return None


def refusal_reason(problem: Problem, roster: Roster, wish: Wish, day: int) -> str | None:
    """The rule that stood in the way of a refused wish-day, in words; None when none is
    identifiable (or the wish-day was granted). Checked in order: a Fixed pin, a ``must``
    wish, absence or employment, the wished shift being unavailable, minimum then target
    staffing in the area at that time, and the contract hours band."""
    p = problem.staff_by_id.get(wish.staff)
    if p is None:
        return None
    tl = timeline(problem, roster)
    refused, blocking = _conflicts(problem, tl, wish, day)
    if not refused:
        return None
    days = sorted({x.inst.day for x in blocking}) or [day]
    lang = problem.settings.language
    for k in days:
        pin = problem.fixed_by_key.get((p.id, k))
        if pin is not None:
            on = problem.date_of(k).isoformat()
            if pin.shift == OFF:
                return reason("pinned_off", lang, staff=p.id, date=on)
            return reason("pinned_to", lang, staff=p.id, shift=pin.shift, date=on)
    for mw, k in problem.must_wishes():
        if mw.staff == p.id and k in days and blocking:
            return reason("must_wish", lang)
    lower, upper, _, _ = problem.hours_band(p)
    planned = _planned_minutes(tl, p.id)
    wants_work = (wish.kind == "prefer") == (wish.shift != OFF)
    if wants_work:
        if problem.absent_on(p.id, day):
            return reason("absent", lang)
        if day not in problem.employed_days(p):
            return reason("not_employed", lang)
        codes = [wish.shift] if wish.shift not in (None, OFF) else [s.code for s in problem.shifts]
        insts = [problem.instance(c, day) for c in codes if c is not None]
        if wish.has_window:
            win = problem.wish_window(wish, day)
            insts = [i for i in insts if win.start <= i.start and i.end <= win.end]
            if not insts:
                return reason("no_fit", lang)
        reasons = [problem.unavailable_reason(p, i, p.home_area, lang) for i in insts]
        if reasons and all(reasons) and len(set(reasons)) == 1:
            return reasons[0]
    for x in blocking:  # the person works where the wish asked otherwise
        if x.history:
            return reason("history", lang)
        staffing = _staffing_reason(problem, roster, p, x)
        if staffing:
            return staffing
    if blocking and planned - sum(x.inst.work for x in blocking) < lower <= planned:
        return reason("reach_hours", lang, planned=f"{planned / 60:g}", lower=f"{lower / 60:g}")
    if wants_work and not blocking and upper:
        insts_all = [
            problem.instance(s.code, day) for s in problem.shifts if wish.shift in (None, OFF, s.code)
        ]
        if insts_all and planned + min(i.work for i in insts_all) > upper:
            return reason("exceed_hours", lang, planned=f"{planned / 60:g}", upper=f"{upper / 60:g}")
    return None


# --------------------------------------------------------------------------- the family


class Wishes(Family):
    name = "wishes"
    stage = "wishes"
    soft_only = True

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        for w, day in soft_wish_days(pb):
            weight = wish_weight(pb, w)
            if not weight or not ctx.is_free(w.staff):
                continue
            expr = self._refused_expr(ctx, w, day)
            ctx.penalize(
                self.name,
                expr,
                weight,
                f"wish {w.kind} {w.staff} day {day} row {w.src.row if w.src else '?'}",
                staff=w.staff,
            )

    def _refused_expr(self, ctx: ModelContext, w: Wish, day: int) -> LinearLike:
        sid = w.staff
        work = ctx.work(sid, day)
        if w.shift == OFF:
            return work if w.kind == "prefer" else 1 - work
        if w.shift is not None:
            on = ctx.on_shift(sid, day, w.shift)
            return 1 - on if w.kind == "prefer" else on
        if not w.has_window:
            return 1 - work if w.kind == "prefer" else work
        win = ctx.problem.wish_window(w, day)
        if w.kind == "prefer":
            inside = [
                v for inst, _, v in ctx.options(sid, day) if win.start <= inst.start and inst.end <= win.end
            ]
            return 1 - sum(inside, 0)
        return self._avoid_window(ctx, sid, day, win.start, win.end)

    def _avoid_window(self, ctx: ModelContext, sid: str, day: int, lo: int, hi: int) -> LinearLike:
        pb = ctx.problem
        if any(
            i.day in (day - 1, day) and overlap(lo, hi, i.start, i.end)
            for i in pb.history_instances.get(sid, [])
        ):
            return 1
        sums = []
        for k in (day - 1, day, day + 1):
            if not 0 <= k < pb.n_days:
                continue
            hits = [v for inst, _, v in ctx.options(sid, k) if overlap(lo, hi, inst.start, inst.end)]
            if hits:
                ctx.work(sid, k)  # makes the day's sum a 0/1 Boolean
                sums.append(sum(hits))
        if not sums:
            return 0
        if len(sums) == 1:
            return sums[0]
        r = ctx.model.new_bool_var(f"avoid_window[{sid},{day}]")
        for s in sums:
            ctx.model.add(r >= s)
        ctx.model.add(r <= sum(sums))
        return r

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        tl = timeline(problem, roster)
        out: list[Penalty] = []
        for w, day in soft_wish_days(problem):
            weight = wish_weight(problem, w)
            if not weight:
                continue
            refused, blocking = _conflicts(problem, tl, w, day)
            if not refused:
                continue
            d = problem.date_of(day)
            lang = problem.settings.language
            if blocking:
                got = reason(
                    "wish_works",
                    lang,
                    shifts=", ".join(
                        f"{x.inst.shift} ({format_minute_of_day(problem.shift_by_code[x.inst.shift].start)}"
                        f"–{format_minute_of_day(problem.shift_by_code[x.inst.shift].end)})"
                        + (reason("wish_on", lang, date=x.inst.date.isoformat()) if x.inst.day != day else "")
                        for x in blocking
                    ),
                )
            else:
                worked = _day_work(tl, w.staff, day)
                got = (
                    reason("wish_works", lang, shifts=worked[0].inst.shift)
                    if worked
                    else reason("wish_off", lang)
                )
            row = reason("wish_row", lang, row=w.src.row) if w.src is not None else ""
            text = reason(
                "wish", lang, staff=w.staff, wish=describe_wish(w, lang), date=d.isoformat(), row=row, got=got
            )
            why = refusal_reason(problem, roster, w, day)
            if why:
                text += f": {why}"
            area = blocking[0].area if blocking else None
            out.append(Penalty(self.name, weight * COST_SCALE, 1, text, w.staff, d, area, key=KEY))
        return out
