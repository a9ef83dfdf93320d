"""Change from the published roster: when re-planning, keep what people were told.

Active only when the problem carries a published roster (``Problem.published``, set by
``roster repair``); otherwise the family adds nothing.

Soft rule: every (person, date) of the horizon whose assignment differs from the published
one costs ``weight.change_from_published`` (profile section ``[change_from_published]``,
default 50 per changed shift). "Differs" compares shift and area: working where the published
roster had the person off, being off where it had a shift, or another shift or area.
Formula: cost = weight × Σ_{p, d} changed[p, d] with
``changed = 1 − x[p, d, s, a]`` when the published roster has ``p`` on shift ``s`` in area ``a``
on ``d`` (1 when that assignment is no longer allowed, e.g. on a new absence), and
``changed = Σ_{s, a} x[p, d, s, a]`` (working at all) when it has ``p`` off. People who are no
longer in the Staff sheet and dates outside the horizon are not counted. Unit: shifts.

Hard rule: dates before ``Published.keep_before`` have been worked and stay as published, and
so does every date outside ``Published.free_days`` when that is given (the neighbourhood a
repair searches). On such a date a person works exactly the published shift in the published
area if that is still allowed (availability: absence, employment, hard wishes, the law per
shift), and is off otherwise: an absence entered afterwards wins, also in the past. A Fixed
pin of the input on such a date is the planner's explicit record and replaces the published
assignment.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from ..domain import Problem
from ..i18n import reason
from ..roster import COST_SCALE, Assignment, Penalty, Roster, Violation
from .base import Family

if TYPE_CHECKING:
    from ortools.sat.python.cp_model import LinearExprT

    from ..engine.context import ModelContext

KEY = "weight.change_from_published"
OFF_LABEL = "off"


def label(a: Assignment | None, home_area: str | None = None) -> str:
    """How an assignment reads in the Roster grid: ``E``, ``E@NRD`` outside the home area, ``off``."""
    if a is None:
        return OFF_LABEL
    return a.shift if home_area is not None and a.area == home_area else f"{a.shift}@{a.area}"


def published_by_day(problem: Problem) -> dict[tuple[str, int], Assignment]:
    """The published assignments of people in the Staff sheet, by (staff, day index) in the horizon.

    Should the published roster hold two assignments for one person on one date (a hand-made
    sheet), the first in sorted order counts.
    """
    pub = problem.published
    if pub is None:
        return {}
    out: dict[tuple[str, int], Assignment] = {}
    for a in pub.roster.assignments:
        day = problem.day_index(a.date)
        if a.staff in problem.staff_by_id and 0 <= day < problem.n_days:
            out.setdefault((a.staff, day), a)
    return out


def kept_days(problem: Problem) -> list[int]:
    """The horizon days that stay as published: those before ``keep_before`` and, when
    ``free_days`` is given, every day not in it (see ``Problem.published_kept``, which also
    narrows the candidates on those days to the published assignment)."""
    return sorted({day for _, day in problem.published_kept})


def still_allowed(problem: Problem, a: Assignment) -> bool:
    """True when the published assignment ``a`` may still be worked under the current input."""
    p = problem.staff_by_id.get(a.staff)
    if p is None or a.shift not in problem.shift_by_code or a.area not in problem.area_by_code:
        return False
    day = problem.day_index(a.date)
    if not 0 <= day < problem.n_days:
        return False
    return problem.unavailable_reason(p, problem.instance(a.shift, day), a.area) is None


class ChangeFromPublished(Family):
    name = "change_from_published"
    # Stability ranks with the minimum staffing (lexicographic stage and the staffing warm-up):
    # people were told their shifts (art. 4:2), and a change is what fills a gap.
    stage = "minimum"

    def is_soft_only(self, problem: Problem) -> bool:
        return not kept_days(problem)

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        if pb.published is None:
            return
        weight = pb.ruleset.weight(KEY)
        published = published_by_day(pb)
        keep = set(kept_days(pb))
        for p in ctx.staff:
            changed: list[LinearExprT] = []
            for day in range(pb.n_days):
                opts = [var for _, _, var in ctx.options(p.id, day)]
                a = published.get((p.id, day))
                var = ctx.x.get((p.id, day, a.shift, a.area)) if a is not None else None
                if a is None:
                    changed.append(sum(opts, 0))
                else:
                    changed.append(1 - var if var is not None else 1)
                if day in keep and (p.id, day) not in pb.fixed_by_key:
                    # Each variable fixed on its own: presolve then drops them at once.
                    for v in opts:
                        ctx.model.add(v == int(v is var))
            ctx.penalize(self.name, sum(changed, 0), weight, f"changed from published {p.id}", staff=p.id)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        keep = kept_days(problem)
        if not keep:
            return []
        published = published_by_day(problem)
        worked = _by_day(problem, roster)
        out: list[Violation] = []
        for p in problem.staff:
            for day in keep:
                if (p.id, day) in problem.fixed_by_key:
                    continue
                a = published.get((p.id, day))
                want = a if a is not None and still_allowed(problem, a) else None
                got = worked.get((p.id, day), [])
                if got != ([want] if want is not None else []):
                    d = problem.date_of(day)
                    off = reason("off", problem.settings.language)
                    have = ", ".join(label(g, p.home_area) for g in got) or off
                    out.append(
                        Violation(
                            self.name,
                            reason(
                                "v.published",
                                problem.settings.language,
                                want=label(want, p.home_area) if want else off,
                                have=have,
                            ),
                            p.id,
                            d,
                        )
                    )
        return out

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        if problem.published is None:
            return []
        weight = problem.ruleset.weight(KEY)
        if not weight:
            return []
        published = published_by_day(problem)
        worked = _by_day(problem, roster)
        out: list[Penalty] = []
        for p in problem.staff:
            for day in range(problem.n_days):
                a = published.get((p.id, day))
                got = worked.get((p.id, day), [])
                # On a published day off the model counts each shift worked (Σ x).
                units = len(got) if a is None else int(a not in got)
                if not units:
                    continue
                d: date = problem.date_of(day)
                lang = problem.settings.language
                off = reason("off", lang)
                new = ", ".join(label(g, p.home_area) for g in got) or off
                old = label(a, p.home_area) if a is not None else off
                out.append(
                    Penalty(
                        self.name,
                        units * weight * COST_SCALE,
                        units,
                        reason("published", lang, staff=p.id, date=d.isoformat(), old=old, new=new),
                        p.id,
                        d,
                        got[0].area if got else (a.area if a else None),
                        key=KEY,
                    )
                )
        return out


def _by_day(problem: Problem, roster: Roster) -> dict[tuple[str, int], list[Assignment]]:
    out: dict[tuple[str, int], list[Assignment]] = defaultdict(list)
    for a in roster.assignments:
        day = problem.day_index(a.date)
        if a.staff in problem.staff_by_id and 0 <= day < problem.n_days:
            out[(a.staff, day)].append(a)
    return dict(out)
