"""Pairs: people patrol in pairs, so an area never has exactly one person on duty.

Rule: when the rule key ``pairs`` is yes, for every area and every elementary interval between
consecutive shift boundaries, the number ``P`` of people on duty in that area (their shift spans
the interval) is 0 or at least 2. Hard; off by default (``pairs = false`` in the profile, section
``pairs``; switched on in the Rules sheet). No soft cost.

Formulation: per area and interval with candidates ``S``, ``sum(S) ∈ {0} ∪ [2, |S|]`` (one linear
constraint with a domain hole; measured faster than ``v → b``, ``sum(S) ≥ 2·b`` implications on
60 people × 4 weeks); a lone candidate is forbidden outright.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from ..coverage import describe_iso
from ..domain import Problem
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


class Pairs(Family):
    name = "pairs"

    @staticmethod
    def enabled(problem: Problem) -> bool:
        return bool(problem.ruleset.get("pairs", False))

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        if not self.enabled(pb):
            return
        by_inst: dict[tuple[str, int], dict[str, list[cp_model.IntVar]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for (_, day, code, area), var in ctx.x.items():
            by_inst[(code, day)][area].append(var)
        # A neighbourhood model's frozen people count as constants.
        frozen: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for _, day, code, area in ctx.frozen:
            frozen[(code, day)][area] += 1
        insts = sorted(pb.horizon_instances, key=lambda i: i.start)
        points = sorted({t for i in insts for t in (i.start, i.end)})
        seen: set[tuple[str, frozenset[tuple[str, int]]]] = set()
        for a, b in itertools.pairwise(points):
            keys = [(i.shift, i.day) for i in insts if i.start <= a and b <= i.end]
            for area in pb.area_by_code:
                group = [v for key in keys for v in by_inst.get(key, {}).get(area, ())]
                if not group:
                    continue
                sig = (area, frozenset(keys))
                if sig in seen:
                    continue
                seen.add(sig)
                const = sum(frozen[key][area] for key in keys if key in frozen)
                if const >= 2:
                    continue  # a pair is there whatever the free people do
                if len(group) == 1 and const == 0:
                    ctx.model.add(group[0] == 0)
                    continue
                # Nobody, or at least two with the frozen ones (const 0 or 1).
                allowed = [[2 - const, len(group)]] if const else [[0, 0], [2, len(group)]]
                ctx.model.add_linear_expression_in_domain(
                    cp_model.LinearExpr.sum(group), cp_model.Domain.from_intervals(allowed)
                )

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        if not self.enabled(problem):
            return []
        tl = timeline(problem, roster)
        per_area: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for p in problem.staff:
            for w in tl.horizon(p.id):
                if w.area is not None:
                    per_area[w.area].append((w.inst.start, w.inst.end, p.id))
        out: list[Violation] = []
        for area in sorted(per_area):
            spans = per_area[area]
            points = sorted({t for s, e, _ in spans for t in (s, e)})
            alone: list[tuple[int, int, str]] = []  # (start, end, staff), adjacent ones merged
            for a, b in itertools.pairwise(points):
                on = [sid for s, e, sid in spans if s <= a and b <= e]
                if len(on) != 1:
                    continue
                if alone and alone[-1][1] == a and alone[-1][2] == on[0]:
                    alone[-1] = (alone[-1][0], b, on[0])
                else:
                    alone.append((a, b, on[0]))
            for a, b, sid in alone:
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.pairs", problem.settings.language, area=area, when=describe_iso(problem, a, b)
                        ),
                        staff=sid,
                        date=problem.clock.local(a).date(),
                        area=area,
                    )
                )
        return out
