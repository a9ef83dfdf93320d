"""Shift sequences: a shift listed in another shift's ``not_followed_by`` is not worked the next day.

Rule: when shift A lists B in ``not_followed_by`` (Shifts sheet), nobody works B on the
calendar day after a day on which they work A (days by the date a shift starts).
Formula: for every person and day d, ``Σ x[p, d, A, *] + Σ_B Σ x[p, d+1, B, *] ≤ 1``; History
counts across the horizon start (A worked the day before ``start_date`` forbids B on day 0);
days after the horizon are unknown and never forbid anything.
Hard. Parameters: Shifts ``not_followed_by``; no profile keys, no penalty.
Formulation: per person and day, one ``add_at_most_one`` per distinct banned set S over the
literals on d of every shift whose banned set contains S and the S literals of d + 1 (cliques
contained in another are dropped); this also restates one-shift-per-day for those literals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Problem, Shift
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..engine.context import ModelContext


def shift_row(s: Shift, lang: str | None = None) -> str:
    return reason("shifts_row", lang, row=s.src.row) if s.src is not None else reason("shifts_sheet", lang)


class ShiftSequence(Family):
    name = "shift_sequence"

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        rules = {
            s.code: frozenset(s.not_followed_by) & frozenset(pb.shift_by_code)
            for s in pb.shifts
            if s.not_followed_by
        }
        if not rules:
            return
        # One clique per distinct banned set S: every shift A whose banned set contains S,
        # on day d, together with S on day d + 1 (the A's exclude each other on one day, as do
        # the S's). Every forbidden pair lies in the clique of its own A's set, and a clique
        # contained in another is left out: far fewer and stronger constraints than one per A
        # (Instance24 of Curtois & Qu: 7 instead of 26 per person and day).
        cliques = [
            (frozenset(a for a, banned in rules.items() if banned >= S), S)
            for S in {b for b in rules.values() if b}
        ]
        cliques = [
            (a, b)
            for a, b in cliques
            if not any((a, b) != (a2, b2) and a <= a2 and b <= b2 for a2, b2 in cliques)
        ]
        for p in ctx.staff:
            history = {(i.day, i.shift) for i in pb.history_instances.get(p.id, [])}
            for first, banned in rules.items():
                if (-1, first) in history:
                    for _, _, v in (o for o in ctx.options(p.id, 0) if o[0].shift in banned):
                        ctx.model.add(v == 0)
            today = self._by_shift(ctx, p.id, 0)
            for day in range(pb.n_days - 1):
                tomorrow = self._by_shift(ctx, p.id, day + 1)
                for firsts, banned in cliques:
                    a = [v for code in firsts for v in today.get(code, ())]
                    if not a:
                        continue
                    b = [v for code in banned for v in tomorrow.get(code, ())]
                    if b:
                        ctx.model.add_at_most_one(a + b)
                today = tomorrow

    @staticmethod
    def _by_shift(ctx: ModelContext, staff: str, day: int) -> dict[str, list[cp_model.IntVar]]:
        out: dict[str, list[cp_model.IntVar]] = {}
        for inst, _, v in ctx.options(staff, day):
            out.setdefault(inst.shift, []).append(v)
        return out

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        out: list[Violation] = []
        tl = timeline(problem, roster)
        for p in problem.staff:
            by_day = tl.by_day(p.id)
            for day, worked in sorted(by_day.items()):
                for w in worked:
                    s = problem.shift_by_code[w.inst.shift]
                    for nxt in by_day.get(day + 1, []):
                        if nxt.history or nxt.inst.shift not in s.not_followed_by:
                            continue
                        lang = problem.settings.language
                        before = reason("v.history", lang) if w.history else ""
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.sequence",
                                    lang,
                                    next=nxt.inst.shift,
                                    shift=s.code,
                                    date=problem.date_of(day).isoformat(),
                                    history=before,
                                    where=shift_row(s, lang),
                                ),
                                p.id,
                                nxt.inst.date,
                                nxt.area,
                            )
                        )
        return out
