"""Night work: rest after a night series, series length with nights, nights per 16 weeks, age.

Rules (ATW art. 5:8 and 5:2), History included throughout:

(a) after a series of 3 or more night shifts (consecutive calendar days on which a night shift
    starts) the rest from the end of the last night to the start of the next shift is at least
    ``min_rest_after_night_series_hours``;
(b) a series of consecutive working days (days on which a shift starts) that contains a night
    shift has at most ``max_consecutive_shifts_with_night`` shifts;
(c) night shifts that end after 02:00 number at most ``max_nights_after_0200_16w`` per 16-week
    block; blocks are anchored at Settings ``period_anchor`` (default ``start_date``), a night
    counts in the block of the date it starts, and each block is checked on the nights known
    (History plus horizon) against the full cap, not pro rata;
(d) nobody under ``min_age_nights`` works a night shift (on the date it starts).

Formulas, per person, with ``n(d)`` = works a night starting on day ``d`` and ``w(d)`` = works:
(a) ``n(d−2) ∧ n(d−1) ∧ i ∧ j → n(d+1)`` for a night ``i`` on ``d`` and every shift ``j`` on a
    later day with ``start(j) − end(i) < series_rest`` (``j`` itself is the continuation, and so
    allowed, only when it is a night on ``d+1``), as the linear
    ``n(d−2) + n(d−1) + i + Σ j ≤ 3 + n(d+1)``;
(b) for every window ``W`` of ``M+1`` consecutive days and every ``t ∈ W``:
    ``Σ_{d∈W} w(d) + n(t) ≤ M + 1``;
(c) ``Σ nights ending after 02:00 starting in block B ≤ cap``;
(d) enforced by candidate creation (:meth:`Problem.law_blocks_instance`), re-checked here.
Days after the horizon count as off. A rule is off when its value is 0.
Hard. Parameters: the four keys above from the rule profile (Rules sheet overrides); Staff
``birth_date``; Settings ``period_anchor``. No penalty.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python.cp_model import LinearExpr

from ..domain import Problem, ShiftInstance
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import Worked, timeline
from .base import Family
from .shift_length import hours_text

if TYPE_CHECKING:
    from ..engine.context import LinearLike, ModelContext

BLOCK_DAYS = 16 * 7
SERIES_NIGHTS = 3


def block_of(problem: Problem, day: int) -> int:
    """Index of the 16-week block (anchored at ``period_anchor``) that contains ``day``."""
    anchor = problem.day_index(problem.settings.period_anchor or problem.start_date)
    return (day - anchor) // BLOCK_DAYS


def runs(days: set[int]) -> list[tuple[int, int]]:
    """Maximal runs ``(first, last)`` of consecutive day indexes."""
    out: list[tuple[int, int]] = []
    for d in sorted(days):
        if out and out[-1][1] == d - 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _too_soon_after_series(problem: Problem, night: ShiftInstance, need: int) -> dict[int, tuple[str, ...]]:
    """Per later horizon day: the shift codes that would start less than ``need`` minutes after
    ``night`` ends if it closed a series (a night on the next day continues the series instead)."""
    out: dict[int, tuple[str, ...]] = {}
    later = max(night.day + 1, 0)
    while later < problem.n_days and problem.day_start(later) - night.end < need:
        codes = tuple(
            s.code
            for s in problem.shifts
            if (i := problem.instance(s.code, later)).start - night.end < need
            and not (later == night.day + 1 and i.night)
        )
        if codes:
            out[later] = codes
        later += 1
    return out


class NightWork(Family):
    name = "night_work"

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        r = ctx.problem.ruleset
        series_rest = r.minutes("min_rest_after_night_series_hours")
        max_series = int(r.get("max_consecutive_shifts_with_night", 0) or 0)
        cap = int(r.get("max_nights_after_0200_16w", 0) or 0)
        cache: dict[tuple[int, str], dict[int, tuple[str, ...]]] = {}  # the same for everyone
        for p in ctx.staff:
            if series_rest:
                self._series_rest(ctx, p.id, series_rest, cache)
            if max_series:
                self._series_length(ctx, p.id, max_series)
            if cap:
                self._nights_16w(ctx, p.id, cap)

    @staticmethod
    def _series_rest(
        ctx: ModelContext, staff: str, need: int, cache: dict[tuple[int, str], dict[int, tuple[str, ...]]]
    ) -> None:
        pb = ctx.problem
        hist = pb.history_instances.get(staff, [])
        for day in range(min([i.day for i in hist] + [0]), pb.n_days):
            n2, n1 = ctx.night(staff, day - 2), ctx.night(staff, day - 1)
            if (isinstance(n2, int) and n2 == 0) or (isinstance(n1, int) and n1 == 0):
                continue
            if day < 0:
                nights: list[tuple[str, LinearLike]] = [
                    (i.shift, 1) for i in hist if i.day == day and i.night
                ]
            else:
                nights = [
                    (c, e)
                    for c, e in sorted(ctx.instance_vars(staff, day).items())
                    if pb.instance(c, day).night
                ]
            # Nights of one day with the same too-soon successors share one constraint.
            groups: dict[tuple[int, tuple[str, ...]], list[LinearLike]] = defaultdict(list)
            for code, this in nights:
                key = (day, code)
                if key not in cache:
                    cache[key] = _too_soon_after_series(pb, pb.instance(code, day), need)
                for later, codes in cache[key].items():
                    groups[(later, codes)].append(this)
            nxt = ctx.night(staff, day + 1)
            for (later, codes), these in groups.items():
                too_soon = [e for c in codes if not isinstance(e := ctx.on_shift(staff, later, c), int)]
                if not too_soon:
                    continue
                lhs = LinearExpr.sum([n2, n1, *these, *too_soon])
                if later == day + 1:
                    ctx.model.add(lhs <= 3)
                else:
                    ctx.model.add(lhs <= LinearExpr.sum([3, nxt]))

    @staticmethod
    def _series_length(ctx: ModelContext, staff: str, most: int) -> None:
        for s in range(-most, ctx.problem.n_days - most):
            window = range(s, s + most + 1)
            works = [ctx.work(staff, d) for d in window]
            if any(isinstance(w, int) and w == 0 for w in works):
                continue
            nights = [ctx.night(staff, t) for t in window]
            if any(isinstance(n, int) and n > 0 for n in nights):  # a History night
                ctx.model.add(LinearExpr.sum(works) <= most)
                continue
            nights = [n for n in nights if not isinstance(n, int)]
            if not nights:
                continue
            # full ⇐ all M+1 days worked; a full window holds no night.
            full = ctx.model.new_bool_var(f"full_night_series[{staff},{s}]")
            ctx.model.add(LinearExpr.sum(works) <= most + full)
            ctx.model.add(LinearExpr.sum(nights) == 0).only_enforce_if(full)

    @staticmethod
    def _nights_16w(ctx: ModelContext, staff: str, cap: int) -> None:
        pb = ctx.problem
        known: dict[int, int] = defaultdict(int)
        for inst in pb.history_instances.get(staff, []):
            if inst.ends_after_0200:
                known[block_of(pb, inst.day)] += 1
        terms: dict[int, list[LinearLike]] = defaultdict(list)
        for day in range(pb.n_days):
            for inst, _, var in ctx.options(staff, day):
                if inst.ends_after_0200:
                    terms[block_of(pb, day)].append(var)
        for block, vars_ in terms.items():
            if len(vars_) + known[block] > cap:
                ctx.model.add(sum(vars_) <= cap - known[block])

    # ------------------------------------------------------------------ checker

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        r = problem.ruleset
        series_rest = r.minutes("min_rest_after_night_series_hours")
        max_series = int(r.get("max_consecutive_shifts_with_night", 0) or 0)
        cap = int(r.get("max_nights_after_0200_16w", 0) or 0)
        min_age = int(r.get("min_age_nights", 0) or 0)
        tl = timeline(problem, roster)
        out: list[Violation] = []
        for p in problem.staff:
            worked = tl.of(p.id)
            nights = tl.night_days(p.id)
            if series_rest:
                out.extend(
                    self._check_series_rest(p.id, worked, nights, series_rest, problem.settings.language)
                )
            if max_series:
                for first, last in runs(tl.worked_days(p.id)):
                    length = last - first + 1
                    if last >= 0 and length > max_series and any(first <= d <= last for d in nights):
                        d = problem.date_of(max(first + max_series, 0))
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.night_run",
                                    problem.settings.language,
                                    days=length,
                                    date=problem.date_of(first).isoformat(),
                                    most=max_series,
                                ),
                                p.id,
                                d,
                            )
                        )
            if cap:
                out.extend(self._check_16w(problem, p.id, worked, cap))
            if min_age:
                for w in worked:
                    age = problem.age_on(p, w.inst.date)
                    if not w.history and w.inst.night and age is not None and age < min_age:
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.night_age",
                                    problem.settings.language,
                                    shift=w.inst.shift,
                                    date=w.inst.date.isoformat(),
                                    age=min_age,
                                ),
                                p.id,
                                w.inst.date,
                                w.area,
                            )
                        )
        return out

    def _check_series_rest(
        self, staff: str, worked: list[Worked], nights: set[int], need: int, lang: str | None = None
    ) -> list[Violation]:
        out: list[Violation] = []
        for k, w in enumerate(worked[:-1]):
            day = w.inst.day
            if not w.inst.night or day + 1 in nights:
                continue
            length = 1
            while day - length in nights:
                length += 1
            if length < SERIES_NIGHTS:
                continue
            nxt = worked[k + 1]
            rest = nxt.inst.start - w.inst.end
            if not nxt.history and rest < need:
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.night_series_rest",
                            lang,
                            n=length,
                            shift=w.inst.shift,
                            date=w.inst.date.isoformat(),
                            next=nxt.inst.shift,
                            next_date=nxt.inst.date.isoformat(),
                            rest=hours_text(rest, lang),
                            need=hours_text(need, lang),
                        ),
                        staff,
                        nxt.inst.date,
                        nxt.area,
                    )
                )
        return out

    def _check_16w(self, problem: Problem, staff: str, worked: list[Worked], cap: int) -> list[Violation]:
        per_block: dict[int, list[Worked]] = defaultdict(list)
        for w in worked:
            if w.inst.ends_after_0200:
                per_block[block_of(problem, w.inst.day)].append(w)
        out: list[Violation] = []
        for block, lst in sorted(per_block.items()):
            if len(lst) <= cap or all(w.history for w in lst):
                continue
            over = next(w for w in lst[cap:] if not w.history)
            anchor = problem.settings.period_anchor or problem.start_date
            first = problem.date_of(problem.day_index(anchor) + block * BLOCK_DAYS)
            out.append(
                Violation(
                    self.name,
                    reason(
                        "v.nights_16w", problem.settings.language, n=len(lst), date=first.isoformat(), cap=cap
                    ),
                    staff,
                    over.inst.date,
                )
            )
        return out
