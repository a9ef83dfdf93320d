"""Pre-solve diagnosis: collisions in the input found in plain Python, before any solver runs.

Every finding names the workbook rows involved (``Demand!A14``, ``Staff!B7``, ``Fixed!A3``:
a column letter when the finding is about one cell, otherwise the row's first cell) and says
what would fix it. Two severities:

- ``error``: a *certain* collision. No roster can meet every hard rule, whatever the solver
  does, so ``validate`` and ``solve`` stop with exit 3 before solving. Each check below states
  why its conclusion is certain; a check that is not certain must be a warning.
- ``warning``: the solve goes on, but part of the wish list cannot be met (e.g. a minimum
  staffing that will be reported as unmet under ``shortage = report``, a contract target that
  cannot be reached, a pin that overrides ``no_nights``).

Kinds (the ``kind`` field; the corpus in ``tests/explain_corpus`` has one problem per kind):

``demand_no_shift``      a Demand minimum at a time that no shift type spans at all;
``demand_no_shift_day``  a Demand minimum on a day on which none of the shifts that span it may be
                         used (Shifts ``days``), or a ``shift`` row for a shift not used that day;
``skill_unavailable``    a skill Demand minimum when nobody with that skill can be there;
``area_minimum``         a minimum above the number of people who may ever work there then;
``min_hours``            hard hours (Staff ``min_hours``) above what absence, employment dates,
                         allowed shifts and the law (max_week_hours, max_consecutive_days) leave;
``hours_band``           ``min_hours`` above the hard maximum, or pins and must wishes above it;
``target_unreachable``   (warning) the contract target cannot be reached (soft lower band);
``pin_unworkable``       a Fixed pin that can never be worked (never/only wish, not employed, law);
``pin_night_age``        a Fixed pin on a night for someone under ``min_age_nights``;
``must_unworkable``      a must wish on a day the person cannot work (absence, no_nights, ...);
``pin_vs_must``          pinned off on a day a must wish says they work;
``rest``                 two pinned / must / History shifts less than 11 h apart (or 14 h after
                         a night ending after 02:00), or too close to part-day training;
``night_series_rest``    a pinned shift less than 46 h after a series of 3 or more pinned nights;
``consecutive_days``     pinned working days in a row beyond max_consecutive_days, or beyond
                         max_consecutive_shifts_with_night when the run holds a night;
``not_followed_by``      pinned shifts on consecutive days that Shifts ``not_followed_by`` forbids;
``limits``               Limits rows and Staff ``max_weekends`` that pins break or cannot reach;
``no_nights_pin``        (warning) a Fixed pin on a night for someone with ``no_nights``: the pin
                         wins (WORKBOOK.md: a pin is the planner's explicit decision).

Minimum staffing findings are errors under ``shortage = forbid`` and warnings under ``report``.
A check runs only when the family that enforces its rule is among the families solved.
Personal data: people are named by staff id only; absence reasons are never shown.
Never imports the solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .coverage import (
    covering_instances,
    describe_day,
    describe_place,
    qualifies,
    segments,
    shift_requirements,
)
from .domain import OFF, Absence, Problem, ShiftInstance, Src, StaffMember, Wish, work_in_window
from .units import hours_text

if TYPE_CHECKING:
    from .constraints.base import Family

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One collision found before solving."""

    kind: str  # see the module docstring
    severity: Severity  # "error": certain, exit 3; "warning": the solve goes on
    rule: str  # the rule key (RULES.md) or sheet column at stake
    message: str  # what collides, naming rows
    fix: str = ""  # what would fix it
    refs: tuple[str, ...] = ()  # every workbook cell named, e.g. ("Fixed!A2", "Staff!A3")

    @property
    def certain(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.message} Fix: {self.fix}" if self.fix else self.message


# --------------------------------------------------------------------------- naming


def cell(src: Src | None, column: str | None = None, sheet: str = "") -> str:
    """``Staff!B7`` for a known column, else the row's first cell ``Staff!A7``; the sheet alone
    when the record has no row (built in code)."""
    if src is None:
        return sheet
    from openpyxl.utils import get_column_letter

    col = dict(src.columns).get(column) if column else None
    return f"{src.sheet}!{get_column_letter(col or 1)}{src.row}"


def who(p: StaffMember) -> str:
    """``P1 (Staff!A3)``: the staff id and its row (never the name)."""
    at = cell(p.src)
    return f"{p.id} ({at})" if at else p.id


def day_text(d: date) -> str:
    """``Mon 4 Oct``."""
    return describe_day(d)


def hours(minutes: int) -> str:
    return f"{hours_text(minutes)} h"


def _dates(days: Sequence[date], most: int = 4) -> str:
    shown = ", ".join(day_text(d) for d in days[:most])
    return shown + (f" and {len(days) - most} more" if len(days) > most else "")


def _refs(*items: str | Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for it in items:
        for r in [it] if isinstance(it, str) else it:
            if r and r not in out:
                out.append(r)
    return tuple(out)


# --------------------------------------------------------------------------- entry point


def diagnose(problem: Problem, families: Sequence[Family] | None = None) -> list[Finding]:
    """Every collision found without a solver, errors first (see the module docstring)."""
    if families is None:
        from .constraints import FAMILIES

        families = FAMILIES
    names = {f.name for f in families}
    found: list[Finding] = []
    if "availability" in names:
        found += _pins(problem) + _must_wishes(problem)
    forced = forced_shifts(problem)
    if "daily_rest" in names:
        found += _rest(problem, forced)
    if "night_work" in names:
        found += _night_series(problem, forced)
    if "consecutive_days" in names or "night_work" in names:
        found += _consecutive(problem, forced, names)
    if "shift_sequence" in names:
        found += _not_followed_by(problem, forced)
    if "contract_hours" in names:
        found += _hours(problem, names)
    if "staff_limits" in names:
        found += _limits(problem)
    if "coverage" in names:
        found += _coverage(problem)
    return sorted(found, key=lambda f: f.severity != "error")


# --------------------------------------------------------------------------- forced shifts


@dataclass(frozen=True)
class Forced:
    """A shift (or a working day) the person certainly works: pin, must wish or History."""

    day: int
    inst: ShiftInstance | None  # None: a must wish for "any shift"
    text: str  # "fixed on N on Mon 4 Oct"
    ref: str  # "Fixed!A2"
    history: bool = False


def _wished_shift(w: Wish) -> str | None:
    """The shift a must wish asks for (None: any shift)."""
    return w.shift if w.kind == "must" and w.shift not in (None, OFF) else None


def forced_shifts(problem: Problem) -> dict[str, dict[int, Forced]]:
    """Per person, per day: what they certainly work (Fixed pins win over must wishes; History
    shifts before the horizon are facts)."""
    out: dict[str, dict[int, Forced]] = defaultdict(dict)
    for h in problem.history:
        if h.shift in problem.shift_by_code and h.staff in problem.staff_by_id:
            day = problem.day_index(h.date)
            out[h.staff][day] = Forced(day, problem.instance(h.shift, day),
                                       f"worked {h.shift} on {day_text(h.date)} (History)",
                                       cell(h.src, None, "History"), history=True)
    for w, day in problem.must_wishes():
        if w.staff not in problem.staff_by_id:
            continue
        code = _wished_shift(w)
        inst = problem.instance(code, day) if code else None
        what = f"must work {code}" if code else "must work"
        out[w.staff].setdefault(day, Forced(day, inst, f"{what} on {day_text(problem.date_of(day))}",
                                            cell(w.src, None, "Wishes")))
    for f in problem.fixed:
        if f.shift == OFF or f.shift not in problem.shift_by_code or f.staff not in problem.staff_by_id:
            continue
        day = problem.day_index(f.date)
        if 0 <= day < problem.n_days:
            out[f.staff][day] = Forced(day, problem.instance(f.shift, day),
                                       f"fixed on {f.shift} on {day_text(f.date)}",
                                       cell(f.src, None, "Fixed"))
    return out


def _pair_text(p: StaffMember, a: Forced, b: Forced) -> str:
    """``P1 (Staff!A3) is fixed on N on Mon 4 Oct (Fixed!A2) and on V on Tue 5 Oct (Fixed!A3)``."""
    second = b.text
    for verb in ("fixed", "must work", "worked"):
        if a.text.startswith(verb) and b.text.startswith(verb):
            second = b.text.removeprefix(verb).removeprefix(" ")
            second = "on " + second if verb == "fixed" else second
            second = second.replace("on on ", "on ")
    return f"{who(p)} {_is(a.text)} ({a.ref}) and {second} ({b.ref})"


def _is(text: str) -> str:
    return f"is {text}" if text.startswith("fixed") else text


# --------------------------------------------------------------------------- availability


def _pins(problem: Problem) -> list[Finding]:
    out: list[Finding] = []
    must_days = {(w.staff, day): w for w, day in problem.must_wishes()}
    min_age = int(problem.ruleset.get("min_age_nights", 0) or 0)
    for f in problem.fixed:
        p = problem.staff_by_id.get(f.staff)
        day = problem.day_index(f.date)
        if p is None or not 0 <= day < problem.n_days:
            continue
        at = cell(f.src, None, "Fixed")
        if f.shift == OFF:
            w = must_days.get((p.id, day))
            if w is not None:
                wat = cell(w.src, None, "Wishes")
                out.append(Finding(
                    "pin_vs_must", "error", "must",
                    f"{who(p)} is fixed off on {day_text(f.date)} ({at}), but a must wish ({wat}) "
                    "says they work that day.",
                    "remove the off pin or the must wish for that day.", _refs(at, wat, cell(p.src))))
            continue
        if f.shift not in problem.shift_by_code:
            continue
        inst = problem.instance(f.shift, day)
        area = f.area or p.home_area
        age = problem.age_on(p, inst.date)
        if inst.night and min_age and age is not None and age < min_age:
            bat = cell(p.src, "birth_date", "Staff")
            out.append(Finding(
                "pin_night_age", "error", "min_age_nights",
                f"{who(p)} is fixed on night shift {f.shift} on {day_text(f.date)} ({at}), but is "
                f"under {min_age} then ({bat}); the law forbids night work under "
                f"{min_age} (min_age_nights).",
                "pin a day or evening shift, or someone of age.", _refs(at, bat)))
            continue
        reason = problem.unavailable_reason(p, inst, area)
        if reason:
            # Name the hard wish that blocks it, if one does.
            wish = next((w for w in problem.hard_wishes_by_staff.get(p.id, [])
                         if problem._hard_wish_blocks(w, inst)), None)
            wat = cell(wish.src, None, "Wishes") if wish is not None else ""
            by = f" ({wish.kind} wish {wat})" if wish is not None else ""
            out.append(Finding(
                "pin_unworkable", "error", "Fixed",
                f"{who(p)} is fixed on {f.shift} in {area} on {day_text(f.date)} ({at}), but that "
                f"cannot be worked: {reason}{by}.",
                "remove or move the pin, or the rule that blocks it.", _refs(at, wat, cell(p.src))))
            continue
        if p.no_nights and inst.night:
            nat = cell(p.src, "no_nights", "Staff")
            out.append(Finding(
                "no_nights_pin", "warning", "no_nights",
                f"{who(p)} is fixed on night shift {f.shift} on {day_text(f.date)} ({at}) although "
                f"no_nights = yes ({nat}); the pin wins.",
                "check the pin; remove it if the person should not work nights.", _refs(at, nat)))
    return out


def _must_wishes(problem: Problem) -> list[Finding]:
    missing: dict[int, tuple[Wish, list[date], str]] = {}
    cands = _candidate_days_all(problem)
    for w, day in problem.must_wishes():
        p = problem.staff_by_id.get(w.staff)
        if p is None:
            continue
        shift = _wished_shift(w)
        options = [s for s, _ in cands[p.id].get(day, []) if shift in (None, s)]
        if options:
            continue
        reason = ""
        for code in [shift] if shift else [s.code for s in problem.shifts]:
            why = problem.unavailable_reason(p, problem.instance(code, day), p.home_area)
            if why:
                reason = why
                break
        missing.setdefault(id(w), (w, [], reason))[1].append(problem.date_of(day))
    out = []
    for w, days, reason in missing.values():
        p = problem.staff_by_id[w.staff]
        shift = _wished_shift(w)
        what = f"shift {shift}" if shift else "a shift"
        why = f" ({reason})" if reason else ""
        at = cell(w.src, None, "Wishes")
        rule = "no_nights" if "no_nights" in reason else "must"
        out.append(Finding(
            "must_unworkable", "error", rule,
            f"{who(p)} must work {what} on {_dates(days)} ({at}), but cannot work it that day{why}.",
            "remove or change the must wish, or the rule or absence that blocks it.",
            _refs(at, cell(p.src))))
    return out


def _candidate_days_all(problem: Problem) -> dict[str, dict[int, list[tuple[str, int]]]]:
    """Per person, per day: the (shift, work minutes) they could ever be given."""
    out: dict[str, dict[int, list[tuple[str, int]]]] = {}
    for p in problem.staff:
        per: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for inst, _ in problem.candidates[p.id]:
            per[inst.day].append((inst.shift, inst.work))
        out[p.id] = per
    return out


# --------------------------------------------------------------------------- rest and series


def _rest(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    """Certain: both shifts are worked (pins, must wishes with a shift, History) and the rest
    rule forbids that pair whatever happens in between (a shift in between is closer still)."""
    from .constraints.daily_rest import required_rest

    out: list[Finding] = []
    daily = problem.ruleset.minutes("min_daily_rest_hours")
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        items = sorted((f for f in per.values() if f.inst is not None), key=lambda f: f.day)
        for i, a in enumerate(items):
            assert a.inst is not None
            need, why = required_rest(problem, a.inst)
            for b in items[i + 1:]:
                assert b.inst is not None
                if b.day > a.day + 3:
                    break
                if b.history or need <= 0:
                    continue
                rest = b.inst.start - a.inst.end
                if rest >= need:
                    continue
                key = "min_rest_after_night_hours" if why else "min_daily_rest_hours"
                rule = (f"the {hours(need)} rest after a night ending after 02:00 ({key})" if why
                        else f"the {hours(need)} daily rest ({key})")
                out.append(Finding(
                    "rest", "error", key,
                    f"{_pair_text(p, a, b)}: {rule} cannot hold (only {hours(max(rest, 0))} "
                    "between them).",
                    "move or remove one of these, or give History the true shift.",
                    _refs(a.ref, b.ref, cell(p.src))))
        for t, absence in _training(problem, sid):
            for a in items:
                assert a.inst is not None
                if a.history:
                    continue
                before = a.inst.end <= t[0]
                need = required_rest(problem, a.inst)[0] if before else daily
                rest = t[0] - a.inst.end if before else a.inst.start - t[1]
                if rest < 0 or rest >= need:
                    continue
                at = cell(absence.src, None, "Absence")
                when = problem.clock.local(t[0] if before else t[1])
                edge = "starts" if before else "ends"
                out.append(Finding(
                    "rest", "error", "min_daily_rest_hours",
                    f"{who(p)} {_is(a.text)} ({a.ref}), but an absence that counts as working time "
                    f"{edge} at {when:%H:%M} on {day_text(when.date())} ({at}): the "
                    f"{hours(need)} rest cannot hold (only {hours(rest)}).",
                    "move the pin or the must wish to another shift or day.",
                    _refs(a.ref, at, cell(p.src))))
    return out


def _training(problem: Problem, sid: str) -> list[tuple[tuple[int, int], Absence]]:
    out: list[tuple[tuple[int, int], Absence]] = []
    for a in problem.absences:
        if a.staff == sid and a.type == "training" and a.part_day:
            w = problem.absence_window(a)
            out.append(((w.start, w.end), a))
    return out


def _night_series(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    """Certain: nights on d−2, d−1, d are worked, d+1 holds no worked night, and a worked
    non-night shift j starts less than the series rest after night d ends. The model then
    needs a night on every day up to j's day (each would continue the series), which j's own
    day cannot hold."""
    need = problem.ruleset.minutes("min_rest_after_night_series_hours")
    if need <= 0:
        return []
    out: list[Finding] = []
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]

        def night(d: int, per: dict[int, Forced] = per) -> Forced | None:
            f = per.get(d)
            return f if f is not None and f.inst is not None and f.inst.night else None

        for d, last in sorted(per.items()):
            if night(d) is None or night(d - 1) is None or night(d - 2) is None or night(d + 1):
                continue
            assert last.inst is not None
            for j in sorted(per.values(), key=lambda f: f.day):
                if j.day <= d or j.inst is None or j.inst.night or j.history:
                    continue
                rest = j.inst.start - last.inst.end
                if rest >= need:
                    break
                first = night(d - 2)
                assert first is not None
                run = [night(k) for k in range(d - 2, d + 1)]
                refs = _refs([f.ref for f in run if f], j.ref, cell(p.src))
                out.append(Finding(
                    "night_series_rest", "error", "min_rest_after_night_series_hours",
                    f"{who(p)} works nights from {day_text(problem.date_of(d - 2))} to "
                    f"{day_text(problem.date_of(d))} ({', '.join(f.ref for f in run if f)}) and "
                    f"{j.text} ({j.ref}): the {hours(need)} rest after a series of 3 or more "
                    f"nights (min_rest_after_night_series_hours) cannot hold (only {hours(rest)}).",
                    "shorten the night series, or move the later shift.", refs))
                break
    return out


def _consecutive(problem: Problem, forced: dict[str, dict[int, Forced]], names: set[str]
                 ) -> list[Finding]:
    """Certain: every day of the run is worked (pins, must wishes, History)."""
    from .constraints.night_work import runs

    out: list[Finding] = []
    with_night = int(problem.ruleset.get("max_consecutive_shifts_with_night", 0) or 0)
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        most = problem.max_consecutive_days_for(p)
        for first, last in runs(set(per)):
            if last < 0:
                continue  # History alone is a fact
            length = last - first + 1
            days = [per[d] for d in range(first, last + 1)]
            has_night = any(f.inst is not None and f.inst.night for f in days)
            span = f"{day_text(problem.date_of(first))} to {day_text(problem.date_of(last))}"
            rows = [f.ref for f in days]
            shown = ", ".join(rows[:4]) + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")
            if "consecutive_days" in names and most and length > most:
                own = p.max_consecutive_days is not None
                key = cell(p.src, "max_consecutive_days", "Staff") if own else ""
                where_max = f" ({key})" if own else ""
                out.append(Finding(
                    "consecutive_days", "error", "max_consecutive_days",
                    f"{who(p)} is pinned to work {length} days in a row, {span} ({shown}), but may "
                    f"work at most {most} days in a row (max_consecutive_days{where_max}).",
                    "free one of these days (a pin off or fewer must wishes).",
                    _refs(rows, key, cell(p.src))))
            elif "night_work" in names and with_night and has_night and length > with_night:
                out.append(Finding(
                    "consecutive_days", "error", "max_consecutive_shifts_with_night",
                    f"{who(p)} is pinned to work {length} days in a row with a night among them, "
                    f"{span} ({shown}), but such a series may have at most {with_night} shifts "
                    "(max_consecutive_shifts_with_night).",
                    "free one of these days or move the night.", _refs(rows, cell(p.src))))
    return out


def _not_followed_by(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    out: list[Finding] = []
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        for d, a in sorted(per.items()):
            b = per.get(d + 1)
            if a.inst is None or b is None or b.inst is None or b.history:
                continue
            s = problem.shift_by_code[a.inst.shift]
            if b.inst.shift in s.not_followed_by:
                sat = cell(s.src, "not_followed_by", "Shifts")
                out.append(Finding(
                    "not_followed_by", "error", "not_followed_by",
                    f"{_pair_text(p, a, b)}, but shift {s.code} may not be followed by "
                    f"{b.inst.shift} the next day ({sat} not_followed_by).",
                    "move one of the two, or change not_followed_by.",
                    _refs(a.ref, b.ref, sat, cell(p.src))))
    return out


# --------------------------------------------------------------------------- hours and limits


def most_minutes(problem: Problem, p: StaffMember, names: set[str],
                 cands: dict[int, list[tuple[str, int]]]) -> int:
    """An upper bound on the minutes ``p`` can work in the horizon.

    Each working day counts its longest allowed shift; per week at most ``max_week_hours`` plus
    what a Sunday shift carries into the next week (the week cap counts elapsed work per week;
    contract hours count by start day). The working days obey ``max_consecutive_days`` across
    week boundaries and from the run History brings in: a run of N days on and one off works
    N of every N + 1 days, so 4 days in a row allow 28 of 35 days, not 4 a week. Exact for
    these three limits together: a dynamic programme over the weeks whose state is the length
    of the working run at the end of the week, each week trying every set of working days.
    """
    cap = problem.ruleset.minutes("max_week_hours") if "week_hours" in names else 0
    most_days = problem.max_consecutive_days_for(p) if "consecutive_days" in names else 0
    worked_before = {i.day for i in problem.history_instances.get(p.id, [])}
    run_in = 0
    while -(run_in + 1) in worked_before:
        run_in += 1
    if not most_days or most_days >= run_in + problem.n_days:
        most_days = 0  # no run in the horizon can be too long
    states = {min(run_in, most_days): 0}  # run length at the end of the last week -> minutes
    for week in range(problem.weeks):
        best = tuple(max((w for _, w in cands.get(d, [])), default=-1)
                     for d in range(7 * week, 7 * week + 7))
        limit = 0
        if cap:
            monday = problem.week_start(week + 1)
            spill = max((work_in_window(problem.instance(s, 7 * week + 6), monday, monday + 2880)
                         for s, _ in cands.get(7 * week + 6, [])), default=0)
            limit = cap + spill
        shapes = _week_shapes(best, limit, most_days)
        nxt: dict[int, int] = {}
        for run, total in states.items():
            for (lead, trail, full), got in shapes:
                if most_days and run + lead > most_days:
                    continue
                end = run + 7 if full else trail
                if total + got > nxt.get(end, -1):
                    nxt[end] = total + got
        states = nxt
    return max(states.values(), default=0)


@lru_cache(maxsize=4096)
def _week_shapes(best: tuple[int, ...], limit: int, most_days: int
                 ) -> tuple[tuple[tuple[int, int, bool], int], ...]:
    """For one week of :func:`most_minutes`: per shape of its working days (leading run,
    trailing run, whole week worked), the most minutes a set of that shape gives, among the
    sets with no inner run longer than ``most_days`` (0: no limit, one shape). ``best[k]`` is
    the longest shift on day k from Monday (-1: none allowed); ``limit`` caps the week (0: no
    cap). Weeks of one team mostly look alike, hence the cache."""
    shapes: dict[tuple[int, int, bool], int] = {}
    amount = [0] * 128
    for mask in range(1, 128):
        rest = amount[mask & (mask - 1)]
        day = best[(mask & -mask).bit_length() - 1]
        amount[mask] = rest + day if rest >= 0 and day >= 0 else -1
    for mask in range(128):
        if amount[mask] < 0:
            continue
        lead, trail, inner, full = _MASK_SHAPE[mask]
        if most_days and inner > most_days:
            continue
        got = min(amount[mask], limit) if limit else amount[mask]
        key = (lead, trail, full) if most_days else (0, 0, False)
        if got > shapes.get(key, -1):
            shapes[key] = got
    return tuple(shapes.items())


def _mask_shape(mask: int) -> tuple[int, int, int, bool]:
    """(leading run, trailing run, longest run, all seven days) of a week's working days
    (bit k = day k from Monday)."""
    bits = [(mask >> k) & 1 for k in range(7)]
    lead = next((k for k, b in enumerate(bits) if not b), 7)
    trail = next((k for k, b in enumerate(reversed(bits)) if not b), 7)
    longest = run = 0
    for b in bits:
        run = run + 1 if b else 0
        longest = max(longest, run)
    return lead, trail, longest, mask == 127


_MASK_SHAPE = [_mask_shape(m) for m in range(128)]


def _hours(problem: Problem, names: set[str]) -> list[Finding]:
    out: list[Finding] = []
    forced = forced_shifts(problem)
    cands_all = _candidate_days_all(problem)
    pct = float(problem.ruleset.get("hours_tolerance_pct", 0) or 0)
    for p in problem.staff:
        lower, upper, lower_hard, upper_hard = problem.hours_band(p)
        upper_why = "max_hours" if p.max_hours is not None else \
            f"contract target {hours(problem.target_minutes(p))} + {pct:g} %, hours_tolerance_pct"
        upper_at = cell(p.src, "max_hours" if p.max_hours is not None else "hours_per_week", "Staff")
        min_at = cell(p.src, "min_hours", "Staff")
        if lower_hard and upper_hard and lower > upper:
            out.append(Finding(
                "hours_band", "error", "min_hours",
                f"{who(p)} has min_hours {hours(lower)} ({min_at}), more than the maximum of "
                f"{hours(upper)} ({upper_why}).",
                "lower min_hours or raise the maximum.", _refs(min_at, upper_at)))
            continue
        cands = cands_all[p.id]
        most = most_minutes(problem, p, names, cands)
        limits = "absence, employment dates, allowed shifts and days, max_week_hours, " \
                 "max_consecutive_days"
        absences = [cell(a.src, None, "Absence") for a in problem.absences if a.staff == p.id]
        absent_at = f"; absence {', '.join(absences[:4])}" if absences else ""
        if lower_hard and lower > most:
            out.append(Finding(
                "min_hours", "error", "min_hours",
                f"{who(p)} must be planned at least {hours(lower)} (min_hours, {min_at}), but can "
                f"work at most {hours(most)} in the horizon ({limits}{absent_at}).",
                f"lower min_hours to at most {hours(most)}, or shorten the absence.",
                _refs(min_at, absences)))
        elif not lower_hard and lower > most and problem.target_minutes(p) > 0:
            out.append(Finding(
                "target_unreachable", "warning", "hours_tolerance_pct",
                f"{who(p)} can work at most {hours(most)} in the horizon ({limits}), less than the "
                f"{hours(lower)} of the contract band; the shortfall is a soft cost.",
                "check hours_per_week, absence credit (Absence hours) and allowed shifts.",
                _refs(cell(p.src, "hours_per_week", "Staff"))))
        least = 0
        rows: list[str] = []
        for day, f in forced.get(p.id, {}).items():
            if day < 0:
                continue
            works = [w for s, w in cands.get(day, [])
                     if f.inst is None or s == f.inst.shift]
            least += min(works) if works else 0
            rows.append(f.ref)
        if upper_hard and least > upper:
            out.append(Finding(
                "hours_band", "error", "max_hours",
                f"the pins and must wishes of {who(p)} add up to at least {hours(least)} "
                f"({', '.join(rows[:4])}{' and more' if len(rows) > 4 else ''}), more than the "
                f"maximum of {hours(upper)} ({upper_why}).",
                "remove some pins or must wishes, or raise the maximum.",
                _refs(rows, upper_at)))
    return out


def _limits(problem: Problem) -> list[Finding]:
    out: list[Finding] = []
    forced = forced_shifts(problem)
    cands_all = _candidate_days_all(problem)
    for lim in problem.limits:
        p = problem.staff_by_id.get(lim.staff)
        if p is None:
            continue
        cands = cands_all[p.id]
        possible = sum(1 for opts in cands.values() if any(s == lim.shift for s, _ in opts))
        if lim.min is not None and lim.min > possible:
            at = cell(lim.src, "min", "Limits")
            out.append(Finding(
                "limits", "error", "Limits min",
                f"{who(p)} must work shift {lim.shift} at least {lim.min} times ({at}), but can "
                f"work it on only {possible} days of the horizon.",
                f"lower the minimum to {possible} or allow the shift on more days.",
                _refs(at, cell(p.src))))
        pinned = [f for d, f in forced.get(p.id, {}).items()
                  if d >= 0 and f.inst is not None and f.inst.shift == lim.shift]
        if lim.max is not None and len(pinned) > lim.max:
            at = cell(lim.src, "max", "Limits")
            out.append(Finding(
                "limits", "error", "Limits max",
                f"{who(p)} may work shift {lim.shift} at most {lim.max} times ({at}), but pins and "
                f"must wishes ask for it {len(pinned)} times ({', '.join(f.ref for f in pinned[:6])}).",
                "remove pins or raise the Limits max.", _refs(at, [f.ref for f in pinned])))
    for p in problem.staff:
        if p.max_weekends is None or problem.max_weekends_for(p) is None:  # none, or made soft
            continue
        days = {d for d in forced.get(p.id, {}) if d >= 0}
        weekends = [problem.date_of(7 * k + 5) for k in range(problem.weeks)
                    if 7 * k + 5 in days or 7 * k + 6 in days]
        if len(weekends) > p.max_weekends:
            at = cell(p.src, "max_weekends", "Staff")
            rows = [f.ref for d, f in sorted(forced[p.id].items()) if d >= 0 and d % 7 >= 5]
            out.append(Finding(
                "limits", "error", "max_weekends",
                f"{who(p)} may work at most {p.max_weekends} weekends ({at}), but pins and must "
                f"wishes ask for {len(weekends)} (Saturdays {', '.join(day_text(d) for d in weekends)}; "
                f"{', '.join(rows[:6])}).",
                "remove weekend pins or raise max_weekends.", _refs(at, rows)))
    return out


# --------------------------------------------------------------------------- coverage


def demand_refs(problem: Problem, rows: Iterable[int]) -> list[str]:
    """The cells of the Demand rows ``rows`` (workbook row numbers): ``Demand!A14``, one each."""
    by_row = {d.src.row: d for d in problem.demand if d.src is not None}
    out = []
    for r in rows:
        d = by_row.get(r)
        out.append(cell(d.src, None, "Demand") if d is not None else f"Demand!A{r}")
    return out


def _coverage(problem: Problem) -> list[Finding]:
    """Certain under ``shortage = forbid``: fewer distinct people could ever be there than the
    minimum (each person works at most one shift a day, and the candidates already hold
    absence, allowed areas, shifts, days and skills)."""
    forbid = problem.settings.shortage == "forbid"
    severity: Severity = "error" if forbid else "warning"
    able: dict[tuple[str, int], list[tuple[str, StaffMember]]] = defaultdict(list)
    for p in problem.staff:
        for inst, area in problem.candidates[p.id]:
            able[(inst.shift, inst.day)].append((area, p))

    # Per (rows, place, kind): the runs of time where the minimum cannot be met.
    short: dict[tuple[tuple[int, ...], str, str, str | None], list[tuple[int, int, int, int]]] = \
        defaultdict(list)
    for seg, keys in zip(segments(problem), covering_instances(problem), strict=True):
        if seg.min == 0:
            continue
        people = {p.id for key in keys for area, p in able.get(key, ())
                  if qualifies(p, area, seg.area, seg.skill)}
        if len(people) >= seg.min:
            continue
        if not keys:
            kind = "demand_no_shift"
        elif not any(problem.shift_by_code[s].days.matches(problem.date_of(d), problem.holidays)
                     for s, d in keys) and not people:
            kind = "demand_no_shift_day"
        elif seg.skill is not None and not people:
            kind = "skill_unavailable"
        else:
            kind = "area_minimum"
        runs = short[(seg.rows, seg.area, kind, seg.skill)]
        if runs and runs[-1][1] == seg.start and runs[-1][2:] == (seg.min, len(people)):
            runs[-1] = (runs[-1][0], seg.end, seg.min, len(people))
        else:
            runs.append((seg.start, seg.end, seg.min, len(people)))
    out: list[Finding] = []
    consequence = ("under shortage = forbid no roster can meet it" if forbid
                   else "it will be reported as unmet minimum staffing")
    for (rows, area, kind, skill), found in short.items():
        place = describe_place(area, skill)
        refs = demand_refs(problem, rows)
        at = ", ".join(refs) or "Demand"
        first = found[0]
        a, b = problem.clock.local(first[0]), problem.clock.local(first[1])
        when = f"{day_text(a.date())} {a:%H:%M}–{b:%H:%M}"
        n_more = len(found) - 1
        more = f"; the same holds at {n_more} other time{'s' if n_more > 1 else ''}" if n_more else ""
        need = f"{first[2]} {'person' if first[2] == 1 else 'people'}"
        if kind == "demand_no_shift":
            msg = (f"{place} needs at least {need} on {when} ({at}), but no shift in the Shifts "
                   f"sheet spans that time{more}; {consequence}.")
            fix = "add a shift that covers this window, or change the Demand window to fit a shift."
        elif kind == "demand_no_shift_day":
            spanning = sorted({s for s, _ in covering_instances_at(problem, first[0], first[1])})
            days_at = [cell(problem.shift_by_code[s].src, "days", "Shifts") for s in spanning]
            msg = (f"{place} needs at least {need} on {when} ({at}), but the shift(s) "
                   f"{', '.join(spanning)} that span this time may not be used on that day "
                   f"({', '.join(days_at)} days){more}; {consequence}.")
            fix = "allow a spanning shift on this day (Shifts days), or change the Demand days."
            refs += days_at
        elif kind == "skill_unavailable":
            msg = (f"{place} needs at least {need} with skill {skill} on {when} ({at}), but nobody "
                   f"with that skill can work there then (absence, allowed areas and shifts)"
                   f"{more}; {consequence}.")
            fix = (f"give skill {skill} to someone available, allow a skilled person in {area}, "
                   "or lower the minimum.")
        else:
            msg = (f"{place} needs at least {need} on {when} ({at}), but only {first[3]} could "
                   "ever be there then (availability, absence, allowed areas, skills and "
                   f"shifts){more}; {consequence}.")
            fix = "lower the minimum, allow more people in this area (Staff areas), or move absence."
        rule = "coverage_min"
        out.append(Finding(kind, severity, rule, msg, fix, _refs(refs)))
    for req in shift_requirements(problem):
        if req.min == 0:
            continue
        people = {p.id for area, p in able.get((req.shift, req.day), ())
                  if qualifies(p, area, req.area, req.skill)}
        if len(people) >= req.min:
            continue
        d = problem.date_of(req.day)
        refs = demand_refs(problem, req.rows)
        at = ", ".join(refs) or "Demand"
        place = describe_place(req.area, req.skill)
        shift = problem.shift_by_code[req.shift]
        if not people and not shift.days.matches(d, problem.holidays):
            kind = "demand_no_shift_day"
            sat = cell(shift.src, "days", "Shifts")
            msg = (f"{place} needs at least {req.min} on shift {req.shift} on {day_text(d)} ({at}), "
                   f"but shift {req.shift} may not be used on that day ({sat} days); {consequence}.")
            fix = f"allow {req.shift} on this day (Shifts days), or change the Demand days."
            refs.append(sat)
        elif not people and req.skill is not None:
            kind = "skill_unavailable"
            msg = (f"{place} needs at least {req.min} with skill {req.skill} on shift {req.shift} "
                   f"on {day_text(d)} ({at}), but nobody with that skill can work it then; "
                   f"{consequence}.")
            fix = f"give skill {req.skill} to someone available, or lower the minimum."
        else:
            kind = "area_minimum"
            msg = (f"{place} needs at least {req.min} on shift {req.shift} on {day_text(d)} ({at}), "
                   f"but only {len(people)} could ever work it then; {consequence}.")
            fix = "lower the minimum or allow more people on this shift and area."
        out.append(Finding(kind, severity, "coverage_min", msg, fix, _refs(refs)))
    return out


def covering_instances_at(problem: Problem, start: int, end: int) -> list[tuple[str, int]]:
    """The (shift, day) instances that span ``[start, end)``."""
    first = max(0, problem.clock.local(start).toordinal() - problem.start_date.toordinal() - 1)
    out = []
    for day in range(first, min(problem.n_days, first + 3)):
        for s in problem.shifts:
            inst = problem.instance(s.code, day)
            if inst.start <= start and end <= inst.end:
                out.append((s.code, day))
    return out




# --------------------------------------------------------------------------- report file


def write_report(path: Path, findings: Sequence[Finding], conflict: Sequence[str], *,
                 title: str, status: str) -> None:
    """Write the diagnosis to ``path`` (``.md``: markdown; ``.xlsx``: a Diagnosis sheet),
    atomically through :mod:`roster_solver.outputs` (a temporary file in the same folder renamed
    only when complete; an OSError becomes a plain OutputError). Every text cell of the
    workbook is stored as text, never as a formula.

    ``status`` is one line on the outcome (e.g. "infeasible: the hard rules cannot all be met");
    ``conflict`` holds the solver's sentences when the pre-checks found nothing certain.
    """
    from . import outputs

    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, findings, conflict, title, status)
    else:
        outputs.write_text(path, _markdown(findings, conflict, title, status))


def _markdown(findings: Sequence[Finding], conflict: Sequence[str], title: str, status: str) -> str:
    lines = [f"# {title}", "", f"Result: {status}", ""]
    errors = [f for f in findings if f.certain]
    warnings = [f for f in findings if not f.certain]
    if errors:
        lines += ["## Certain collisions (no roster can meet every hard rule)", ""]
        lines += [f"- **{f.kind}** ({f.rule}): {f.message} *Fix:* {f.fix}" for f in errors] + [""]
    if conflict:
        lines += ["## Conflict found by the solver", ""] + [f"- {c}" for c in conflict] + [""]
    if warnings:
        lines += ["## Warnings (the solve goes on)", ""]
        lines += [f"- **{f.kind}** ({f.rule}): {f.message} *Fix:* {f.fix}" for f in warnings] + [""]
    if not (errors or conflict or warnings):
        lines += ["No collision found before solving.", ""]
    return "\n".join(lines)


def _write_xlsx(path: Path, findings: Sequence[Finding], conflict: Sequence[str], title: str,
                status: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .workbook.safecells import append, save

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Diagnosis"
    append(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    append(ws, ["result", status])
    append(ws, [])
    append(ws, ["severity", "kind", "rule", "rows", "what collides", "what would fix it"])
    for c in ws[4]:
        c.font = Font(bold=True)
    for f in findings:
        append(ws, [f.severity, f.kind, f.rule, ", ".join(f.refs), f.message, f.fix])
    for line in conflict:
        append(ws, ["conflict", "solver", "", "", line, ""])
    for col, width in zip("ABCDEF", (10, 20, 28, 30, 100, 60), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    save(wb, path)
