"""The availability rule's code: who may work which shift, where and when.

The rule itself (its specification) is family ``availability`` in
:mod:`roster_solver.constraints.availability`. Here is what it decides per candidate: why a
person may not work a shift instance in an area (:func:`unavailable_reason`, in words), the
candidates that remain (:func:`candidates`), the hard wishes and Fixed pins behind them, the
law's per-shift limits, and on re-planning which days stay as published (:func:`published_kept`).

Every function takes the validated :class:`~roster_solver.domain.problem.Problem` first;
``Problem`` keeps its methods and cached properties of the same names (thin delegations, each
computed once per problem), so callers write ``problem.candidates`` as before. Functions here
call each other directly, not through those methods: :func:`candidates` runs
:func:`unavailable_reason` for every (person, shift instance, area), 1.7 M of them for a year
of 150 people. Never imports the solver.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from ..calendar import MINUTES_PER_DAY
from ..i18n import reason as _say
from ..roster import Assignment
from .records import OFF, Fixed, ShiftInstance, StaffMember, Window, Wish

if TYPE_CHECKING:
    from .problem import Problem


def fixed_by_key(pb: Problem) -> dict[tuple[str, int], Fixed]:
    return {(f.staff, pb.day_index(f.date)): f for f in pb.fixed}


def wish_window(pb: Problem, w: Wish, day: int) -> Window:
    """The wish's time window on ``day`` (the whole date when it has none)."""
    d = pb.date_of(day)
    if not w.has_window:
        return Window(pb.clock.day_start(d), pb.clock.day_start(d + timedelta(days=1)))
    assert w.start is not None and w.end is not None
    end = w.end if w.end > w.start else w.end + MINUTES_PER_DAY
    return Window(pb.clock.minute(d, w.start), pb.clock.minute(d, end))


def hard_wishes_by_staff(pb: Problem) -> dict[str, list[Wish]]:
    out: dict[str, list[Wish]] = defaultdict(list)
    for w in pb.wishes:
        if w.hard:
            out[w.staff].append(w)
    return dict(out)


def wish_matches(pb: Problem, w: Wish, day: int) -> bool:
    return w.days.matches(pb.date_of(day), pb.holidays)


def law_blocks_instance(
    pb: Problem, p: StaffMember, inst: ShiftInstance, lang: str | None = None
) -> str | None:
    """Why the law forbids ``p`` to work ``inst`` whatever else happens (None if it does not),
    in ``lang`` (English by default)."""
    max_shift, max_night, min_age = pb._law_numbers
    if max_shift and inst.work > max_shift:
        return _say("u.long", lang, work=f"{inst.work / 60:g}", most=f"{max_shift / 60:g}")
    if inst.night and max_night and inst.work > max_night:
        return _say("u.night_long", lang, work=f"{inst.work / 60:g}", most=f"{max_night / 60:g}")
    if not (inst.night and min_age):
        return None
    age = pb.age_on(p, inst.date)
    if age is not None and age < min_age:
        return _say("u.night_age", lang, age=min_age)
    return None


def law_numbers(pb: Problem) -> tuple[int, int, int]:
    """max_shift_hours and max_night_shift_hours in minutes, min_age_nights (0: off);
    read once (``Problem._law_numbers``), as the law check runs for every candidate shift."""
    r = pb.ruleset
    return (
        r.minutes("max_shift_hours") or 0,
        r.minutes("max_night_shift_hours") or 0,
        int(r.get("min_age_nights", 0) or 0),
    )


def unavailable_reason(
    pb: Problem, p: StaffMember, inst: ShiftInstance, area: str, lang: str | None = None
) -> str | None:
    """Why ``p`` may not work ``inst`` in ``area`` (None when allowed), in ``lang`` (English
    by default: :mod:`roster_solver.repair` reads the English reasons).

    Hard facts that no pin overrides: employment, absence, the law's per-shift rules and
    hard wishes. Defaults that a Fixed pin overrides: allowed shifts, shift days, areas,
    ``no_nights``.
    """
    day = inst.day
    if day not in pb.employed_days(p):
        return _say("u.not_employed", lang)
    if pb.absent_during(p.id, inst.start, inst.end):
        return _say("u.absent", lang)
    law = law_blocks_instance(pb, p, inst, lang)
    if law:
        return law
    for wish in pb.hard_wishes_by_staff.get(p.id, []):
        reason = hard_wish_blocks(pb, wish, inst, lang)
        if reason:
            return reason
    pin = pb.fixed_by_key.get((p.id, day))
    if pin is not None:
        if pin.shift == OFF:
            return _say("u.fixed_off", lang)
        if pin.shift != inst.shift:
            return _say("u.fixed_shift", lang, shift=pin.shift)
        pinned_area = pin.area or p.home_area
        if area != pinned_area:
            return _say("u.fixed_area", lang, area=pinned_area)
        return None
    shift = pb.shift_by_code[inst.shift]
    if not shift.days.matches(inst.date, pb.holidays):
        return _say("u.not_used", lang, shift=shift.code)
    if p.shifts is not None and inst.shift not in p.shifts:
        return _say("u.not_allowed", lang, shift=inst.shift)
    if p.no_nights and inst.night:
        return _say("u.no_nights", lang)
    if not p.may_deploy_in(area):
        return _say("u.area", lang, area=area)
    return None


def hard_wish_blocks(pb: Problem, w: Wish, inst: ShiftInstance, lang: str | None = None) -> str | None:
    """A never/only wish that forbids ``inst`` (must wishes are enforced as a sum)."""
    if w.kind == "must":
        if wish_matches(pb, w, inst.day) and w.shift not in (None, OFF) and w.shift != inst.shift:
            return _say("u.must", lang, shift=w.shift)
        return None
    # A whole-day or windowed never wish also blocks a shift of the previous day that runs into it.
    for day in (inst.day, inst.day - 1) if w.kind == "never" else (inst.day,):
        if not wish_matches(pb, w, day):
            continue
        if w.kind == "never":
            if w.shift == OFF:
                continue  # "never off" is enforced as a must-work
            if w.shift is not None:
                if day == inst.day and w.shift == inst.shift:
                    return _say("u.never", lang, shift=w.shift)
                continue
            win = wish_window(pb, w, day)
            if win.overlaps(inst.start, inst.end):
                return _say("u.never_window", lang)
        else:  # only
            if w.shift == OFF:
                return _say("u.only_off", lang)
            if w.shift is not None:
                if w.shift != inst.shift:
                    return _say("u.only", lang, shift=w.shift)
                continue
            win = wish_window(pb, w, day)
            if not (win.start <= inst.start and inst.end <= win.end):
                return _say("u.only_window", lang)
    return None


def must_wishes(pb: Problem) -> tuple[tuple[Wish, int], ...]:
    """Every (must-wish, day) pair inside the horizon: the person works that day."""
    # Computed once (``Problem._must_wishes``): the checker asks for it per refused wish, which
    # made checking a roster with thousands of wishes quadratic.
    out: list[tuple[Wish, int]] = []
    for w in pb.wishes:
        if w.kind == "must" or (w.kind == "never" and w.shift == OFF):
            out.extend((w, d) for d in range(pb.n_days) if wish_matches(pb, w, d))
    return tuple(out)


def allowed_areas(pb: Problem, p: StaffMember) -> list[str]:
    return [a.code for a in pb.areas if p.may_deploy_in(a.code)]


def candidates(pb: Problem) -> dict[str, list[tuple[ShiftInstance, str]]]:
    """Per person, every (shift instance, area) that may be assigned."""
    out: dict[str, list[tuple[ShiftInstance, str]]] = {}
    for p in pb.staff:
        lst: list[tuple[ShiftInstance, str]] = []
        employed = pb.employed_days(p)
        areas_allowed = allowed_areas(pb, p)
        for inst in pb.horizon_instances:
            pin = pb.fixed_by_key.get((p.id, inst.day))
            # Quick exclusions that unavailable_reason would also give (only whether
            # there is a reason matters here): a year of 150 people has 1.7 M pairs.
            if inst.day not in employed or (
                pin is None and p.shifts is not None and inst.shift not in p.shifts
            ):
                continue
            areas = (
                [pin.area or p.home_area] if pin is not None and pin.shift == inst.shift else areas_allowed
            )
            if pin is None and (p.id, inst.day) in pb.published_kept:
                # Re-planning: a kept date offers only its published assignment (if allowed).
                was = pb.published_kept[(p.id, inst.day)]
                areas = [was.area] if was is not None and was.shift == inst.shift else []
            for area in areas:
                if unavailable_reason(pb, p, inst, area) is None:
                    lst.append((inst, area))
        out[p.id] = lst
    return out


def published_kept(pb: Problem) -> dict[tuple[str, int], Assignment | None]:
    """Re-planning: every (staff, day) that stays as published, with its published
    assignment (None: off). Those are the days before ``published.keep_before`` and, when
    ``published.free_days`` is given, every day not in it. Empty without ``published``."""
    pub = pb.published
    if pub is None:
        return {}
    first = 0 if pub.keep_before is None else pb.day_index(pub.keep_before)
    days = [
        d for d in range(pb.n_days) if d < first or (pub.free_days is not None and d not in pub.free_days)
    ]
    was: dict[tuple[str, int], Assignment] = {}
    for a in pub.roster.assignments:
        was.setdefault((a.staff, pb.day_index(a.date)), a)
    return {(p.id, d): was.get((p.id, d)) for p in pb.staff for d in days}
