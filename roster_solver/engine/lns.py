"""Large-neighbourhood search on frozen neighbourhood models: the engine's improvement search.

Every hard rule is per person; only coverage and pairs link people, and every soft term except
coverage and fairness belongs to one person. So the search rebuilds a few people's rows at a
time against the cover the others leave: each step builds a *neighbourhood model*
(:class:`~.context.ModelContext` with a :class:`~.context.Neighbourhood`) in which the frozen
people are constants. Such a model is small, built and presolved in a fraction of a second
whatever the team's size, which is what lets the search run on teams whose full model does not
even fit in the time limit.

The roster's cost is kept as a :class:`Ledger`: per person and family, plus the shared terms
(coverage, fairness). A neighbourhood model's objective is the ledger's total minus the frozen
people's own terms (the contract test checks this against the independent checker), so a step
is accepted on the exact objective: the free people's terms and the shared terms are read from
the solution, never trusted from ``objective_value``. A step never raises the unmet minimum
staffing (it is a hard upper bound in every neighbourhood model) and never raises the total.

Neighbourhoods, chosen at random with adaptive sizes:

- *people*: one person picked by their cost (or at random), plus people who share their cover
  (the areas they can work), whole rows;
- *window*: more people, on a window of consecutive days only (moves cover between people);
- *focus*: people on the days around given days only (a repair's disrupted days ± 2); with
  a focus, the search takes no other kind of step.

Used by :func:`.solve.solve` after its first solutions (so by ``roster solve``, ``roster
repair`` and ``roster bench curtois`` alike).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..check import CheckReport
from ..constraints import FAMILIES
from ..constraints.base import Family
from ..domain import Problem
from ..roster import Assignment, Roster
from . import solvers
from .context import ModelContext, Neighbourhood, PenaltyTerm

# Families whose terms link people: always whole in a neighbourhood model.
SHARED = frozenset({"coverage", "fairness", "pairs"})
SUB_LIMIT = (0.5, 4.0)  # seconds per step: the adaptive limit stays within these
START_PEOPLE = 4  # free people of the first *people* step (whole rows)
START_WINDOW = (12, 7)  # free people and days of the first *window* step
FOCUS_RADIUS = 2  # days around each focus day that a *focus* step frees
# Seconds to build and hint a step's model, per free assignment candidate, before one was
# measured (about 0.1 ms on the example; doubled for a busy machine). A step starts only when
# twice its expected overhead fits before the deadline.
OVERHEAD_PER_CANDIDATE = 0.2e-3


@dataclass
class Ledger:
    """The exact cost of a roster in cost units, split as the neighbourhood models need it."""

    per_person: dict[str, dict[str, int]]  # staff -> family -> cost of that person's own terms
    shared: dict[str, int]  # family -> cost of the terms that link people
    unmet: int  # person-minutes below the minimum staffing

    @classmethod
    def of(cls, report: CheckReport, unmet: int) -> Ledger:
        """From the independent checker's penalties (its staff field names the person)."""
        per: dict[str, dict[str, int]] = defaultdict(dict)
        shared: dict[str, int] = {}
        for p in report.penalties:
            if p.staff is None or p.rule in SHARED:
                shared[p.rule] = shared.get(p.rule, 0) + p.cost
            else:
                per[p.staff][p.rule] = per[p.staff].get(p.rule, 0) + p.cost
        return cls(dict(per), shared, unmet)

    def person(self, staff: str) -> int:
        return sum(self.per_person.get(staff, {}).values())

    def part(self, people: Collection[str]) -> int:
        """The cost a neighbourhood model of ``people`` holds: their own terms and every shared
        term (the contract test checks that the model's value on the roster is this)."""
        return sum(self.shared.values()) + sum(self.person(sid) for sid in people)

    @property
    def total(self) -> int:
        return sum(self.shared.values()) + sum(sum(f.values()) for f in self.per_person.values())

    def by_family(self) -> dict[str, int]:
        out = dict(self.shared)
        for fams in self.per_person.values():
            for fam, cost in fams.items():
                out[fam] = out.get(fam, 0) + cost
        return {k: v for k, v in out.items() if v}


@dataclass
class LnsResult:
    roster: Roster
    ledger: Ledger
    steps: int = 0
    accepted: int = 0
    seconds: float = 0.0
    log: list[dict[str, object]] = field(default_factory=list)


def neighbourhood_model(
    problem: Problem, roster: Roster, free: Neighbourhood, families: Sequence[Family] = FAMILIES
) -> ModelContext:
    """The model of ``free`` with everybody else frozen to ``roster``; objective: every term."""
    ctx = ModelContext(problem, roster=roster, free=free)
    for fam in families:
        fam.add_to_model(ctx)
    ctx.model.minimize(ctx.objective_expr())
    return ctx


def term_values(ctx: ModelContext, value: Callable[[cp_model.LinearExprT], int]) -> Ledger:
    """The neighbourhood's part of the ledger: its free people's own terms and every shared term."""
    per: dict[str, dict[str, int]] = {p.id: {} for p in ctx.staff}
    shared: dict[str, int] = {}
    unmet = 0
    for t in ctx.penalties:
        cost = t.weight * _value(t, value)
        if t.minimum:
            unmet += t.minimum * _value(t, value)
        if t.staff is None or t.family in SHARED:
            shared[t.family] = shared.get(t.family, 0) + cost
        elif cost:
            per[t.staff][t.family] = per[t.staff].get(t.family, 0) + cost
    return Ledger(per, shared, unmet)


def _value(term: PenaltyTerm, value: Callable[[cp_model.LinearExprT], int]) -> int:
    return term.expr if isinstance(term.expr, int) else int(value(term.expr))


class _Picker:
    """Chooses neighbourhoods: who shares whose cover, adaptive sizes per kind."""

    def __init__(self, problem: Problem, rng: random.Random, focus: Collection[int] | None) -> None:
        self.problem = problem
        self.rng = rng
        self.people = [p.id for p in problem.staff if problem.candidates[p.id]]
        areas = {sid: {area for _, area in problem.candidates[sid]} for sid in self.people}
        home = {p.id: p.home_area for p in problem.staff}
        # People who can stand in the same places, the same home area first.
        self.sharers: dict[str, list[str]] = {}
        for sid in self.people:
            same = [o for o in self.people if o != sid and home[o] == home[sid]]
            other = [o for o in self.people if o != sid and home[o] != home[sid] and areas[o] & areas[sid]]
            self.sharers[sid] = same + other
        self.focus = sorted(focus) if focus else None
        self.size = {
            "people": float(START_PEOPLE),
            "window": float(START_WINDOW[0]),
            "focus": float(START_WINDOW[0]),
        }
        self.days = {"window": float(START_WINDOW[1])}

    def pick(self, ledger: Ledger) -> tuple[str, Neighbourhood]:
        kind = self.rng.choice(["people", "window"]) if self.focus is None else "focus"
        n = self.problem.n_days
        k = max(1, min(len(self.people), round(self.size[kind])))
        days: frozenset[int] | None = None
        if kind == "focus" and self.focus is not None:
            r = FOCUS_RADIUS
            days = frozenset(d for x in self.focus for d in range(x - r, x + r + 1) if 0 <= d < n)
            if len(days) >= n:
                days = None
        elif kind == "window":
            w = max(2, min(n, round(self.days["window"])))
            d0 = self.rng.randrange(0, n - w + 1)
            days = None if w >= n else frozenset(range(d0, d0 + w))
        seed = self._seed(ledger)
        chosen = [seed]
        pool = self.sharers[seed]
        if len(pool) > k - 1:
            # Mostly the same home area, with some from elsewhere to move cover across areas.
            same = self.rng.sample(pool[: max(k, len(pool) // 2)], min(k - 1, max(0, len(pool) // 2)))
            chosen += same[: k - 1]
        if len(chosen) < k:
            rest = [p for p in self.people if p not in chosen]
            chosen += self.rng.sample(rest, min(k - len(chosen), len(rest)))
        return kind, Neighbourhood(frozenset(chosen), days)

    def _seed(self, ledger: Ledger) -> str:
        if self.rng.random() < 0.5:
            costs = [ledger.person(sid) for sid in self.people]
            if sum(costs) > 0:
                return self.rng.choices(self.people, weights=[c + 1 for c in costs])[0]
        return self.rng.choice(self.people)

    def adapt(self, kind: str, proven: bool, improved: bool) -> None:
        """Grow a neighbourhood that was solved to optimality, shrink one that ran out of time."""
        factor = 1.15 if proven else 0.85
        self.size[kind] = min(float(len(self.people)), max(1.0, self.size[kind] * factor))
        if kind in self.days and proven and not improved:
            self.days[kind] = min(float(self.problem.n_days), self.days[kind] + 1)


def improve(
    problem: Problem,
    start: Roster,
    ledger: Ledger,
    *,
    deadline: float,
    workers: int = 2,
    seed: int = 0,
    families: Sequence[Family] = FAMILIES,
    focus: Collection[int] | None = None,
    on_improve: Callable[[Ledger, int], None] | None = None,
) -> LnsResult:
    """Improve ``start`` (a legal roster whose exact cost is ``ledger``) until ``deadline``
    (a :func:`time.monotonic` value). ``focus``: days the neighbourhoods centre on (a repair's
    disrupted days); ``on_improve(ledger, accepted)`` after each accepted step."""
    started = time.monotonic()
    rng = random.Random(seed)
    picker = _Picker(problem, rng, focus)
    result = LnsResult(start, ledger)
    if not picker.people:
        return result
    rows: dict[tuple[str, int], Assignment] = {
        (a.staff, problem.day_index(a.date)): a for a in start.assignments
    }
    sub_limit = 1.0
    rate = OVERHEAD_PER_CANDIDATE  # measured after each step
    while deadline - time.monotonic() > 0.5:
        solvers.check_cancelled()
        kind, free = picker.pick(result.ledger)
        size = sum(len(problem.candidates[sid]) for sid in free.people)
        if 2 * rate * size + 0.3 > deadline - time.monotonic():
            if len(free.people) > 1:
                # Smaller next time, whatever the kind: a window step is built on whole rows
                # too, and stopping at the first one that did not fit left up to 13 s of a
                # 60 s run unused on 150 people x 13 weeks.
                picker.adapt(kind, False, False)
                continue
            break
        roster = Roster.of(list(rows.values()))
        t0 = time.monotonic()
        ctx = neighbourhood_model(problem, roster, free, families)
        if ctx.minimum_terms():
            ctx.model.add(ctx.unmet_minimum_expr() <= result.ledger.unmet)
        built = time.monotonic() - t0
        # A complete hint (the auxiliary variables too, from a copy with the assignments
        # fixed): the step then has its first solution at once. Hinting only the assignment
        # variables saved a third of the overhead, but on a busy machine 1-second steps often
        # ended before CP-SAT had completed the hint, with no solution at all.
        if ctx.hint_roster(roster, min(2.0, max(0.2, deadline - time.monotonic())), workers, seed) is None:
            result.log.append({"kind": kind, "free": len(free.people), "status": "start rejected"})
            continue  # should not happen: the roster is a solution of every neighbourhood
        for var, value in ctx.hints.items():
            ctx.model.add_hint(var, value)
        old_total = result.ledger.part(free.people)
        hinted = time.monotonic()
        rate = (hinted - t0) / max(1, size)
        limit = min(sub_limit, deadline - time.monotonic())
        if limit < 0.2:
            break
        # The LP-based subsolvers prove a step's optimum early (see solvers.LP_SUBSOLVERS).
        solver = solvers.new_lp_solver(limit, workers, rng.randrange(1 << 30))
        solver.parameters.cp_model_probing_level = 0
        code = solvers.run(solver, ctx.model)
        result.steps += 1
        proven = code == cp_model.OPTIMAL
        improved = False
        gain = 0
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            new = term_values(ctx, solver.value)
            gain = old_total - new.total
            if gain > 0 and new.unmet <= result.ledger.unmet:
                improved = True
                for sid in free.people:
                    for day in range(problem.n_days):
                        if free.days is None or day in free.days:
                            rows.pop((sid, day), None)
                for (sid, day, shift, area), var in ctx.x.items():
                    if solver.boolean_value(var):
                        rows[(sid, day)] = Assignment(sid, problem.date_of(day), shift, area)
                per = dict(result.ledger.per_person)
                for sid in free.people:
                    per[sid] = {f: c for f, c in new.per_person.get(sid, {}).items() if c}
                result.ledger = Ledger(per, new.shared, new.unmet)
                result.accepted += 1
                if on_improve is not None:
                    on_improve(result.ledger, result.accepted)
        picker.adapt(kind, proven, improved)
        # The step limit follows what the steps need: short while they prove their optimum.
        spent = time.monotonic() - t0
        sub_limit = min(SUB_LIMIT[1], max(SUB_LIMIT[0], sub_limit * (0.9 if proven else 1.1)))
        result.log.append(
            {
                "kind": kind,
                "free": len(free.people),
                "days": None if free.days is None else len(free.days),
                "status": solver.status_name(code),
                "gain": gain if improved else 0,
                "sub_limit": round(limit, 2),
                "build": round(built, 2),
                "hint": round(hinted - t0 - built, 2),
                "seconds": round(spent, 2),
            }
        )
    result.roster = Roster.of(list(rows.values()))
    result.seconds = time.monotonic() - started
    return result
