"""Rotation: healthy and predictable shift sequences.

Four rules, each counted per person (History included where stated):

- **backward rotation** (soft, ``weight.backward_rotation`` per occurrence): a shift followed
  the next day by a shift whose start minute of day (the Shifts sheet's ``start``) is earlier.
  Counted for every horizon day; for the first day the day before comes from History.
- **isolated day** (soft, ``weight.isolated_day`` per occurrence): a single working day with
  a day off on both sides, or a single day off with a working day on both sides. Only
  patterns whose three days are known count: days the person is employed in the horizon, plus
  the day before the first day when the workbook has History (then a person without a History
  shift on that day was off). The day after the last day is unknown, so a pattern centred on
  the last day is never counted; nor is one centred on the first day without History. A day
  off on which the person is absent is not an isolated day off (the roster did not choose it).
- **split weekend** (soft, ``weight.split_weekend`` per weekend): working (by shift start
  day) on exactly one of a Saturday and the following Sunday of the horizon. Weekends on which
  the person is absent or not employed on either day are not counted.
- **max consecutive nights** (``max_consecutive_nights``, 0 = off): at most that many night
  shifts in a series of consecutive days, History included. Soft by default
  (``hard.max_consecutive_nights = false``) at ``weight.max_consecutive_nights`` per night
  beyond the limit in a series (a series of k > L nights costs k − L, counting only the nights
  that lie in the horizon); when hard, ``check`` reports every such series.

Formula: one Boolean per counted (person, day) pattern, constrained to *equal* the pattern
(both directions), so the objective share equals :meth:`Rotation.penalty` on any solution.
Parameters from the profile section ``[rotation]``. Penalty unit: occurrences (nights beyond
the limit for the night rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, cast

from ..calendar import format_minute_of_day
from ..domain import Problem, StaffMember
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..engine.context import LinearLike, ModelContext

SATURDAY = 5


def _known_days(problem: Problem, p: StaffMember) -> set[int]:
    """Days whose worked/off status is known for pattern rules (see the module docstring)."""
    employed = problem.employed_days(p)
    known = set(employed)
    if problem.history and employed and employed[0] == 0:
        known.add(-1)
    return known


def _weekends(problem: Problem) -> list[int]:
    """Day index of every Saturday whose Sunday is also in the horizon."""
    return [d for d in range(problem.n_days - 1) if problem.date_of(d).weekday() == SATURDAY]


def _split_weekend_saturdays(problem: Problem, p: StaffMember) -> list[int]:
    """The Saturdays on which a split weekend can count for ``p``: employed and not absent on
    both days (the model and the checker share this, so they judge the same weekends)."""
    employed = problem.employed_days(p)
    return [
        sat
        for sat in _weekends(problem)
        if sat in employed
        and sat + 1 in employed
        and not problem.absent_on(p.id, sat)
        and not problem.absent_on(p.id, sat + 1)
    ]


def _night_limit(problem: Problem) -> int:
    return int(problem.ruleset.get("max_consecutive_nights", 0) or 0)


def _and_equal(
    ctx: ModelContext, name: str, pos: Sequence[LinearLike], neg: Sequence[LinearLike]
) -> LinearLike:
    """A Boolean equal to AND(pos) AND NOT(any of neg); each term a 0/1 expression.

    Constant terms are folded; returns 0 when the conjunction is impossible.
    """
    pos_v = [t for t in pos if not isinstance(t, int)]
    neg_v = [t for t in neg if not isinstance(t, int)]
    if any(isinstance(t, int) and t == 0 for t in pos) or any(isinstance(t, int) and t != 0 for t in neg):
        return 0
    if not pos_v and not neg_v:
        return 1
    b = ctx.model.new_bool_var(name)
    if all(getattr(t, "is_boolean", False) for t in (*pos_v, *neg_v)):  # literals: clauses
        # only an IntVar has is_boolean, so every term here is a Boolean variable
        pos_b, neg_b = cast("list[cp_model.IntVar]", pos_v), cast("list[cp_model.IntVar]", neg_v)
        lits = [*pos_b, *(t.negated() for t in neg_b)]
        ctx.model.add_bool_and(lits).only_enforce_if(b)
        ctx.model.add_bool_or([b, *(lit.negated() for lit in lits)])
        return b
    for t in pos_v:
        ctx.model.add(b <= t)
    for t in neg_v:
        ctx.model.add(b <= 1 - t)
    # LinearExprT includes numpy ints, whose stubs do not accept a LinearExpr operand
    ctx.model.add(b >= sum(pos_v) - sum(neg_v) - (len(pos_v) - 1))  # type: ignore[operator]
    return b


class Rotation(Family):
    name = "rotation"
    stage = "comfort"

    def is_soft_only(self, problem: Problem) -> bool:
        return not problem.ruleset.is_hard("max_consecutive_nights")

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        r = pb.ruleset
        w_back = r.weight("backward_rotation")
        w_iso = r.weight("isolated_day")
        w_split = r.weight("split_weekend")
        limit = _night_limit(pb)
        nights_hard = r.is_hard("max_consecutive_nights")
        w_nights = r.weight("max_consecutive_nights")
        for p in ctx.staff:
            if w_back:
                self._backward(ctx, p, w_back)
            if w_iso:
                self._isolated(ctx, p, w_iso)
            if w_split:
                self._split(ctx, p, w_split)
            if limit and (nights_hard or w_nights):
                self._nights(ctx, p, limit, nights_hard, w_nights)

    def _codes_on(self, ctx: ModelContext, sid: str, day: int) -> list[str]:
        pb = ctx.problem
        if day < 0:
            return sorted({i.shift for i in pb.history_instances.get(sid, []) if i.day == day})
        return sorted({inst.shift for inst, _, _ in ctx.options(sid, day)})

    def _backward(self, ctx: ModelContext, p: StaffMember, weight: int) -> None:
        pb = ctx.problem
        start_of = {s.code: s.start for s in pb.shifts}
        for d in range(pb.n_days):
            cur = self._codes_on(ctx, p.id, d)
            prev = self._codes_on(ctx, p.id, d - 1)
            if not cur or not prev:
                continue
            later: dict[str, LinearLike] = {}
            for b in cur:
                later[b] = sum((ctx.on_shift(p.id, d - 1, a) for a in prev if start_of[a] > start_of[b]), 0)
                if isinstance(later[b], int):  # History: a constant
                    later[b] = min(1, later[b])
            if all(isinstance(v, int) and v == 0 for v in later.values()):
                continue
            bw = ctx.model.new_bool_var(f"backward[{p.id},{d}]")
            for b in cur:
                on = ctx.on_shift(p.id, d, b)
                # LinearExprT includes numpy ints, whose stubs do not accept a LinearExpr operand
                ctx.model.add(bw >= on + later[b] - 1)  # type: ignore[operator]
                ctx.model.add(bw <= 1 - on + later[b])  # type: ignore[operator]
            ctx.model.add(bw <= ctx.work(p.id, d))
            ctx.penalize(self.name, bw, weight, f"backward rotation {p.id} day {d}", staff=p.id)

    def _isolated(self, ctx: ModelContext, p: StaffMember, weight: int) -> None:
        pb = ctx.problem
        known = _known_days(pb, p)
        for d in range(pb.n_days):
            if d - 1 not in known or d not in known or d + 1 not in known:
                continue
            w_prev, w_cur, w_next = (ctx.work(p.id, k) for k in (d - 1, d, d + 1))
            iso_work = _and_equal(ctx, f"isolated_work[{p.id},{d}]", [w_cur], [w_prev, w_next])
            ctx.penalize(self.name, iso_work, weight, f"isolated working day {p.id} day {d}", staff=p.id)
            if not pb.absent_on(p.id, d):
                iso_off = _and_equal(ctx, f"isolated_off[{p.id},{d}]", [w_prev, w_next], [w_cur])
                ctx.penalize(self.name, iso_off, weight, f"isolated day off {p.id} day {d}", staff=p.id)

    def _split(self, ctx: ModelContext, p: StaffMember, weight: int) -> None:
        pb = ctx.problem
        for sat in _split_weekend_saturdays(pb, p):
            a, b = ctx.work(p.id, sat), ctx.work(p.id, sat + 1)
            if isinstance(a, int) and isinstance(b, int):
                if a != b:
                    ctx.penalize(self.name, 1, weight, f"split weekend {p.id} day {sat}", staff=p.id)
                continue
            s = ctx.model.new_bool_var(f"split_weekend[{p.id},{sat}]")
            ctx.model.add(s >= a - b)
            ctx.model.add(s >= b - a)
            ctx.model.add(s <= a + b)
            ctx.model.add(s <= 2 - a - b)
            ctx.penalize(self.name, s, weight, f"split weekend {p.id} day {sat}", staff=p.id)

    def _nights(self, ctx: ModelContext, p: StaffMember, limit: int, hard: bool, weight: int) -> None:
        pb = ctx.problem
        for d in range(pb.n_days):
            window = [ctx.night(p.id, k) for k in range(d - limit, d + 1)]
            if any(isinstance(t, int) and t == 0 for t in window):
                continue
            if hard:
                ctx.model.add(sum(window) <= limit)
            else:
                ex = _and_equal(ctx, f"night_excess[{p.id},{d}]", window, [])
                ctx.penalize(
                    self.name, ex, weight, f"night beyond the series limit {p.id} day {d}", staff=p.id
                )

    # ------------------------------------------------------------------ plain Python

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        limit = _night_limit(problem)
        if not limit or not problem.ruleset.is_hard("max_consecutive_nights"):
            return []
        out: list[Violation] = []
        tl = timeline(problem, roster)
        for p in problem.staff:
            for last, length, _excess in _night_series(problem, tl.night_days(p.id), limit):
                out.append(
                    Violation(
                        self.name,
                        reason("v.night_series", problem.settings.language, n=length, limit=limit),
                        p.id,
                        problem.date_of(last),
                    )
                )
        return out

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        r = problem.ruleset
        w_back = r.weight("backward_rotation")
        w_iso = r.weight("isolated_day")
        w_split = r.weight("split_weekend")
        limit = _night_limit(problem)
        w_nights = 0 if r.is_hard("max_consecutive_nights") else r.weight("max_consecutive_nights")
        tl = timeline(problem, roster)
        out: list[Penalty] = []
        lang = problem.settings.language

        def pen(key: str, weight: int, amount: int, reason: str, sid: str, d: date) -> None:
            out.append(
                Penalty(self.name, weight * amount * COST_SCALE, amount, reason, sid, d, key=f"weight.{key}")
            )

        for p in problem.staff:
            by_day = {k: sorted(ws, key=lambda w: w.inst.start) for k, ws in tl.by_day(p.id).items()}
            if w_back:
                for d in range(problem.n_days):
                    prev, cur = by_day.get(d - 1, []), by_day.get(d, [])
                    pair = next(
                        (
                            (a, b)
                            for b in cur
                            for a in prev
                            if _start(problem, a.inst.shift) > _start(problem, b.inst.shift)
                        ),
                        None,
                    )
                    if pair is not None:
                        a, b = pair
                        pen(
                            "backward_rotation",
                            w_back,
                            1,
                            reason(
                                "backward",
                                lang,
                                staff=p.id,
                                shift=b.inst.shift,
                                start=format_minute_of_day(_start(problem, b.inst.shift)),
                                prev=a.inst.shift,
                                prev_start=format_minute_of_day(_start(problem, a.inst.shift)),
                            ),
                            p.id,
                            problem.date_of(d),
                        )
            if w_iso:
                known = _known_days(problem, p)
                for d in range(problem.n_days):
                    if not {d - 1, d, d + 1} <= known:
                        continue
                    works_prev, works_cur, works_nxt = (k in by_day for k in (d - 1, d, d + 1))
                    if works_cur and not works_prev and not works_nxt:
                        pen(
                            "isolated_day",
                            w_iso,
                            1,
                            reason("isolated_work", lang, staff=p.id),
                            p.id,
                            problem.date_of(d),
                        )
                    if not works_cur and works_prev and works_nxt and not problem.absent_on(p.id, d):
                        pen(
                            "isolated_day",
                            w_iso,
                            1,
                            reason("isolated_off", lang, staff=p.id),
                            p.id,
                            problem.date_of(d),
                        )
            if w_split:
                for sat in _split_weekend_saturdays(problem, p):
                    if (sat in by_day) != (sat + 1 in by_day):
                        pen(
                            "split_weekend",
                            w_split,
                            1,
                            reason("split_sat" if sat in by_day else "split_sun", lang, staff=p.id),
                            p.id,
                            problem.date_of(sat),
                        )
            if limit and w_nights:
                for last, length, excess in _night_series(problem, tl.night_days(p.id), limit):
                    pen(
                        "max_consecutive_nights",
                        w_nights,
                        excess,
                        reason("night_series", lang, staff=p.id, length=length, excess=excess, limit=limit),
                        p.id,
                        problem.date_of(last),
                    )
        return out


def _start(problem: Problem, code: str) -> int:
    return problem.shift_by_code[code].start


def _night_series(problem: Problem, nights: set[int], limit: int) -> list[tuple[int, int, int]]:
    """(last day, length, nights beyond the limit inside the horizon) of every series of more
    than ``limit`` nights that reaches into the horizon."""
    out: list[tuple[int, int, int]] = []
    for d in sorted(nights):
        if d + 1 in nights:
            continue  # not the last night of its series
        first = d
        while first - 1 in nights:
            first -= 1
        length = d - first + 1
        if d < 0 or length <= limit:
            continue
        # nights beyond the limit are the series' days from first + limit on; count those ≥ 0
        excess = sum(1 for k in range(first + limit, d + 1) if 0 <= k < problem.n_days)
        if excess:
            out.append((d, length, excess))
    return out
