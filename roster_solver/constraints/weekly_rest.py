"""Weekly rest: an uninterrupted rest of at least 36 hours in every week (ATW art. 5:5).

Rule: for every consecutive 7-calendar-day period counted from ``start_date`` 00:00, some rest
interval between consecutive shifts overlaps that period by at least ``min_weekly_rest_hours``.
Rest runs from the end of one busy interval to the start of the next; before the first one and
after the last one it runs to the period's edge. Busy intervals are worked shifts (History
included) and training absences with date-times (working time, docs/workbook-contract.md). Days after the
horizon are unknown and count as rest.

Formula (per person, period ``[P, Q)`` in elapsed minutes, ``L = min_weekly_rest_hours × 60``):
the longest stretch of ``[P, Q)`` that no busy interval overlaps is ``≥ L``.

Alternative (``weekly_rest_72_per_14_days = yes``): weeks are paired from ``start_date``
(a trailing single week keeps the 36-hour rule) and each 14-day period needs at least
``max(72 h, 2 × L)`` of rest in total, counting only rest stretches (clipped to the period) of
at least 32 hours. The checker implements exactly that. The model uses a sound approximation:
one free window of that total, or two disjoint free windows of half of it (36 h) each; every
roster it allows passes the checker (36 ≥ 32 and 2 × 36 = 72), and every roster meeting the
36-per-7 rule in both weeks is allowed, but a split such as 40 + 32 hours is not. The pair
formulation (a prefix chain "some earlier window is free") makes this family's part of the
model several times larger than the 36-per-7 one.

Hard; ``penalty`` is empty. Parameters: ``min_weekly_rest_hours`` (0 switches the rule off) and
``weekly_rest_72_per_14_days`` from the profile section ``[weekly_rest]``.

Formulation: candidate rest windows ``[t, t + L)`` inside the period start at the period start
or at the end of any shift instance the person could work (or of a History shift or training).
A free window begins at one of those, so the candidates are complete. Each candidate gets a
Boolean that forbids every assignment overlapping the window (a whole day's work indicator when
all of that day's options overlap); at least one candidate is true. Candidates blocked by History
or training are dropped, and a candidate whose forbidden set contains another's is dominated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calendar import MINUTES_PER_DAY
from ..domain import Problem
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from ..units import hours_text
from .base import Family

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..engine.context import ModelContext

BLOCK_MINUTES_72 = 32 * 60
TOTAL_MINUTES_72 = 72 * 60


def pair_need(length: int) -> int:
    """Total rest (minutes) a pair of weeks needs: 72 h, or twice a stricter weekly rest."""
    return max(TOTAL_MINUTES_72, 2 * length)


def periods(problem: Problem, paired: bool) -> list[tuple[int, int, int, bool]]:
    """``(first_day, start, end, is_pair)`` of each period: single weeks, or pairs of weeks when
    ``paired`` (a trailing single week stays single)."""
    out: list[tuple[int, int, int, bool]] = []
    week = 0
    while week < problem.weeks:
        span = 2 if paired and week + 1 < problem.weeks else 1
        out.append((7 * week, problem.week_start(week), problem.week_start(week + span), span == 2))
        week += span
    return out


def free_stretches(busy: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The maximal stretches of ``[lo, hi)`` that no busy interval overlaps."""
    out: list[tuple[int, int]] = []
    cursor = lo
    for s, e in sorted(busy):
        if e <= cursor:
            continue
        if s >= hi:
            break
        if s > cursor:
            out.append((cursor, s))
        cursor = max(cursor, e)
        if cursor >= hi:
            break
    if cursor < hi:
        out.append((cursor, hi))
    return out


class WeeklyRest(Family):
    name = "weekly_rest"

    # ------------------------------------------------------------------ parameters

    @staticmethod
    def _params(problem: Problem) -> tuple[int, bool]:
        r = problem.ruleset
        return r.minutes("min_weekly_rest_hours"), bool(r.get("weekly_rest_72_per_14_days", False))

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        length, alt = self._params(pb)
        if length <= 0:
            return
        for p in ctx.staff:
            constant_busy = [(i.start, i.end) for i in pb.history_instances.get(p.id, [])]
            constant_busy += [(w.start, w.end) for w in pb.training_windows.get(p.id, [])]
            for first_day, lo, hi, is_pair in periods(pb, alt):
                if is_pair:
                    self._add_pair(ctx, p.id, constant_busy, first_day, lo, hi, length)
                else:
                    lits = self._at_least_one_free(ctx, p.id, constant_busy, first_day, lo, hi, length)
                    if lits is not None:
                        ctx.model.add_bool_or(lits)

    def _candidates(
        self,
        ctx: ModelContext,
        staff: str,
        constant_busy: list[tuple[int, int]],
        first_day: int,
        lo: int,
        hi: int,
        length: int,
    ) -> list[tuple[int, frozenset[cp_model.IntVar]]]:
        """Candidate windows ``(t, vars that must be 0)`` sorted by ``t`` (an empty set: the
        window is free whatever the solver does)."""
        pb = ctx.problem
        last_day = first_day + (hi - lo) // MINUTES_PER_DAY + 1
        days = range(max(first_day - 1, 0), min(last_day + 1, pb.n_days))
        starts = {lo}
        starts.update(e for _, e in constant_busy)
        for d in days:
            starts.update(inst.end for inst, _, _ in ctx.options(staff, d))
        spans = []  # (day, earliest start, latest end, options) of days with options
        for d in days:
            opts = ctx.options(staff, d)
            if opts:
                spans.append((d, min(i.start for i, _, _ in opts), max(i.end for i, _, _ in opts), opts))
        out: list[tuple[int, frozenset[cp_model.IntVar]]] = []
        for t in sorted(s for s in starts if lo <= s <= hi - length):
            end = t + length
            if any(s < end and t < e for s, e in constant_busy):
                continue
            forbid: set[cp_model.IntVar] = set()
            for d, first, last, opts in spans:
                if first >= end or last <= t:
                    continue
                hit = [v for inst, _, v in opts if inst.start < end and t < inst.end]
                if not hit:
                    continue
                if len(hit) == len(opts):
                    w = ctx.work(staff, d)
                    assert not isinstance(w, int)
                    forbid.add(w)
                else:
                    forbid.update(hit)
            out.append((t, frozenset(forbid)))
        return out

    def _window_bools(
        self,
        ctx: ModelContext,
        staff: str,
        cands: list[tuple[int, frozenset[cp_model.IntVar]]],
        tag: str,
    ) -> list[cp_model.IntVar]:
        out = []
        for t, forbid in cands:
            b = ctx.model.new_bool_var(f"rest{tag}[{staff},{t}]")
            if forbid:
                ctx.model.add_bool_and([v.Not() for v in forbid]).only_enforce_if(b)
            out.append(b)
        return out

    def _at_least_one_free(
        self,
        ctx: ModelContext,
        staff: str,
        constant_busy: list[tuple[int, int]],
        first_day: int,
        lo: int,
        hi: int,
        length: int,
    ) -> list[cp_model.IntVar] | None:
        """Booleans of which at least one must hold; None when the period is free anyway
        ([] when no window can be free: the model is then infeasible)."""
        cands = self._candidates(ctx, staff, constant_busy, first_day, lo, hi, length)
        if any(not forbid for _, forbid in cands):
            return None
        # A candidate whose forbidden set contains another candidate's is dominated.
        kept: list[tuple[int, frozenset[cp_model.IntVar]]] = []
        for t, forbid in sorted(cands, key=lambda c: len(c[1])):
            if not any(k <= forbid for _, k in kept):
                kept.append((t, forbid))
        return self._window_bools(ctx, staff, kept, "")

    def _add_pair(
        self,
        ctx: ModelContext,
        staff: str,
        constant_busy: list[tuple[int, int]],
        first_day: int,
        lo: int,
        hi: int,
        length: int,
    ) -> None:
        """72 h in 14 days: one free window of 72 h, or two disjoint free windows of 36 h
        (twice a stricter weekly rest when it is set above 36 h)."""
        need = pair_need(length)
        long_lits = self._at_least_one_free(ctx, staff, constant_busy, first_day, lo, hi, need)
        if long_lits is None:
            return
        half = need // 2
        cands = self._candidates(ctx, staff, constant_busy, first_day, lo, hi, half)
        options = list(long_lits)
        model = ctx.model
        bools = self._window_bools(ctx, staff, cands, "2")
        starts = [t for t, _ in cands]
        # prefix[j]: some candidate among the first j + 1 is free (one direction suffices).
        prefix: list[cp_model.IntVar] = []
        for j, b in enumerate(bools):
            if j == 0:
                prefix.append(b)
                continue
            pj = model.new_bool_var(f"restpre[{staff},{starts[j]}]")
            model.add_bool_or([prefix[-1], b]).only_enforce_if(pj)
            prefix.append(pj)
        k = -1
        for j, b in enumerate(bools):
            while k + 1 < j and starts[k + 1] + half <= starts[j]:
                k += 1
            if k < 0:
                continue
            y = model.new_bool_var(f"restpair[{staff},{starts[j]}]")
            model.add_implication(y, b)
            model.add_implication(y, prefix[k])
            options.append(y)
        model.add_bool_or(options)

    # ------------------------------------------------------------------ checker

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        length, alt = self._params(problem)
        if length <= 0:
            return []
        tl = timeline(problem, roster)
        out: list[Violation] = []
        for p in problem.staff:
            busy = [(w.inst.start, w.inst.end) for w in tl.of(p.id)]
            busy += [(w.start, w.end) for w in problem.training_windows.get(p.id, [])]
            for first_day, lo, hi, is_pair in periods(problem, alt):
                stretches = free_stretches(busy, lo, hi)
                d0 = problem.date_of(first_day)
                if is_pair:
                    total = sum(e - s for s, e in stretches if e - s >= BLOCK_MINUTES_72)
                    need = pair_need(length)
                    if total < need:
                        d1 = problem.date_of(first_day + 7)
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.rest_pair",
                                    problem.settings.language,
                                    date=d0,
                                    date2=d1,
                                    block=hours_text(BLOCK_MINUTES_72),
                                    total=hours_text(total),
                                    need=hours_text(need),
                                ),
                                p.id,
                                d0,
                            )
                        )
                else:
                    longest = max((e - s for s, e in stretches), default=0)
                    if longest < length:
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.rest_week",
                                    problem.settings.language,
                                    date=d0,
                                    longest=hours_text(longest),
                                    need=hours_text(length),
                                ),
                                p.id,
                                d0,
                            )
                        )
        return out


__all__ = ["WeeklyRest", "free_stretches", "pair_need", "periods"]
