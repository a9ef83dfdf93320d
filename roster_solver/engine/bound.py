"""A lower bound on the weighted objective by Lagrangian relaxation over person rows.

CP-SAT's own bound on a rostering model stays near zero, so its gap says nothing. This bound
uses the structure instead: every hard rule is per person, and only the staffing terms link
people. Relax the staffing counts with a multiplier ``y`` per requirement (Lagrangian
relaxation); what is left splits into one problem per person and one per requirement:

    L(y) = Σ_person min over the person's legal rows of [own cost + Σ_i y_i·covers_i]
         + Σ_requirement min over its count P of [staffing cost(P) − y_i·P]

For every ``y`` this is at most the optimum of the whole roster (weak duality), provided each
person's minimum is bounded from below correctly: it is solved by CP-SAT on the person's own
model (a neighbourhood model with that person free, without the staffing, fairness and pairs
families, which only make the problem harder), with the coefficients rounded down (in
1/PRICE_SCALE cost units) and the solver's proven bound taken, never its best row. Fairness
costs nothing in the relaxation, so the bound leaves it out (it is a bound on a problem
without fairness, which costs at least as little).

The multipliers come from column generation (Dantzig–Wolfe): every row a pricing round finds
goes into an LP master over person rows (:class:`_Master`), whose duals propose the next
``y``. Raw, those duals are far off while the master holds few rows (bounds far below zero), so
they are smoothed towards the best ``y`` so far (Wentges), starting from zero, where L is the
people's own minimum costs and never below zero. Each L(y) is a valid bound on its own,
whatever the master did: the master only chooses where to look. The subgradient steps this
replaced reached 1,073 on Curtois Instance4 (optimum 1,716) in 20 s; this reaches 1,715.9 in
12 s (bench/RESULTS.md, fourth round).

A round counts only when every person was priced in it; the bound is the best complete round.
How good it gets depends on how fast one person's model is solved to optimality: on the
Curtois & Qu instances in well under a second, on a municipal team's 4 weeks of shifts, areas
and rotation rules several seconds (bench/RESULTS.md has the figures).
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from ..constraints import FAMILIES
from ..constraints.base import Family
from ..coverage import covering_instances, qualifies, segments, shift_requirements
from ..domain import Problem
from ..roster import COST_SCALE, Roster
from . import solvers
from .context import Key, ModelContext, Neighbourhood, roster_keys

METHOD = "lagrangian"  # SolveResult.bound_method (words: i18n.BOUND_METHODS)
# Families left out of a person's pricing model: they link people (their cost is in the
# requirements' part, or dropped: fairness and pairs only make the problem harder).
LINKING = frozenset({"coverage", "fairness", "pairs"})
ALPHA = 0.5  # Wentges' smoothing: the share of the best point so far in the next multipliers
PRICE_SCALE = 16  # the pricing objective's units per cost unit (the rewards are rounded in them)
PRICE_LIMIT = 5.0  # seconds per person and round, at most (a bound short of optimal is weak)


@dataclass(frozen=True)
class Requirement:
    """One staffing requirement as the coverage family prices it: cost(P) for P people on it."""

    keys: frozenset[Key]  # the assignments that count toward it
    lo_hard: int  # P may not be below this (shortage = forbid)
    pieces: tuple[tuple[int, int, int], ...]  # (kind, level, units per person): -1 short, +1 over

    def cost(self, p: int) -> int:
        out = 0
        for kind, level, units in self.pieces:
            out += units * (max(0, level - p) if kind < 0 else max(0, p - level))
        return out

    def slopes(self) -> tuple[int, int]:
        """The least and greatest slope of cost(P): where a multiplier means something (beyond
        them the requirement's part of the Lagrangian only falls)."""
        return (
            -sum(units for kind, _, units in self.pieces if kind < 0),
            sum(units for kind, _, units in self.pieces if kind > 0),
        )

    def inner_min(self, y: float) -> tuple[float, int]:
        """min over P in [lo_hard, len(keys)] of cost(P) − y·P (convex: at a breakpoint), and
        the P where it is reached."""
        n = len(self.keys)
        points = {self.lo_hard, n} | {lv for _, lv, _ in self.pieces}
        return min((self.cost(p) - y * p, p) for p in points if self.lo_hard <= p <= n)


@dataclass(frozen=True)
class Row:
    """One person's row: the assignments in it and the person's own cost of it."""

    keys: frozenset[Key]
    cost: int


@dataclass
class BoundResult:
    bound: int | None  # cost units; None when no round completed
    rounds: int = 0
    seconds: float = 0.0
    history: list[int] = field(default_factory=list)


def requirements(problem: Problem) -> list[Requirement]:
    """The staffing requirements, priced exactly as :class:`~..constraints.coverage.Coverage`
    adds them to the model (the test checks that they sum to the checker's coverage cost)."""
    forbid = problem.settings.shortage == "forbid"
    w_min = problem.ruleset.weight("short_of_min")
    by_inst: dict[tuple[str, int], list[tuple[Key, object]]] = defaultdict(list)
    for p in problem.staff:
        for inst, area in problem.candidates[p.id]:
            by_inst[(inst.shift, inst.day)].append(((p.id, inst.day, inst.shift, area), p))
    out: list[Requirement] = []

    def add(
        keys: frozenset[Key], lo: int, target: int, hi: int | None, w_under: int, w_over: int, unit: int
    ) -> None:
        n = len(keys)
        pieces: list[tuple[int, int, int]] = []
        lo_hard = 0
        if lo > 0:
            if forbid:
                lo_hard = lo
            else:
                pieces.append((-1, lo, w_min * unit))
        if target > lo or (target > 0 and not forbid):
            pieces.append((-1, target, w_under * unit))
        if hi is not None and n > hi:
            pieces.append((1, hi, w_over * unit))
        if pieces or lo_hard:
            out.append(Requirement(keys, min(lo_hard, n), tuple(pieces)))

    staff = problem.staff_by_id
    for seg, insts in zip(segments(problem), covering_instances(problem), strict=True):
        keys = frozenset(
            k
            for inst in insts
            for k, _ in by_inst.get(inst, ())
            if qualifies(staff[k[0]], k[3], seg.area, seg.skill)
        )
        add(keys, seg.min, seg.target, seg.max, seg.weight_under, seg.weight_over, seg.minutes)
    for req in shift_requirements(problem):
        keys = frozenset(
            k
            for k, _ in by_inst.get((req.shift, req.day), ())
            if qualifies(staff[k[0]], k[3], req.area, req.skill)
        )
        add(
            keys, req.min, req.target, req.max, req.weight_under * COST_SCALE, req.weight_over * COST_SCALE, 1
        )
    return out


class _Pricer:
    """One person's own model, built once; each round only changes the objective."""

    def __init__(self, problem: Problem, roster: Roster, staff: str, families: Sequence[Family]) -> None:
        self.staff = staff
        self.ctx = ctx = ModelContext(problem, roster=roster, free=Neighbourhood(frozenset({staff})))
        for fam in families:
            if fam.name not in LINKING:
                fam.add_to_model(ctx)
        self.own: cp_model.LinearExprT = ctx.objective_expr()

    def price(self, reward: dict[Key, float], limit: float) -> tuple[float | None, Row | None]:
        """A lower bound on min (own cost + Σ rewards of the row's assignments), None when the
        solver gave none, and the best row found with its own cost (None: none in time).

        One CP-SAT worker with the full LP relaxation (linearization level 2), people priced
        side by side, one per core (:meth:`_Rounds.price`): on Curtois Instance11 the bound
        converged in 21 s where two LP workers per person, one person at a time, took 40 s;
        Instance8 got 60 rounds in 52 s against 32 in 60 s."""
        ctx = self.ctx
        # In 1/PRICE_SCALE cost units, rounded down: the bound stays valid and loses little.
        coef = {k: math.floor(reward.get(k, 0.0) * PRICE_SCALE) for k in ctx.x}
        rewards = cp_model.LinearExpr.weighted_sum([ctx.x[k] for k in coef], list(coef.values()))
        ctx.model.minimize(cp_model.LinearExpr.sum([self.own * PRICE_SCALE, rewards]))
        solver = solvers.new_solver(limit, 1)
        solver.parameters.linearization_level = 2
        code = solvers.run(solver, ctx.model)
        if code == cp_model.INFEASIBLE:
            raise RuntimeError("a person has no legal row at all")
        if not math.isfinite(solver.best_objective_bound):
            return None, None
        bound = math.ceil(solver.best_objective_bound - 1e-6) / PRICE_SCALE
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return bound, None
        keys = frozenset(k for k, v in ctx.x.items() if solver.boolean_value(v))
        return bound, Row(keys, round(solver.value(self.own)))

    def row(self, keys: frozenset[Key]) -> Row:
        """``keys`` as this person's row with its own cost (the person's model with every
        assignment fixed by assumptions)."""
        ctx = self.ctx
        ctx.model.minimize(self.own)
        ctx.model.clear_assumptions()
        ctx.model.add_assumptions([v if k in keys else ~v for k, v in ctx.x.items()])
        solver = solvers.new_solver(PRICE_LIMIT, 1)
        try:
            code = solvers.run(solver, ctx.model)
        finally:
            ctx.model.clear_assumptions()
        if code != cp_model.OPTIMAL:
            raise RuntimeError("a legal roster's row broke its person's own rules")
        return Row(keys, round(solver.objective_value))


class _Master:
    """The restricted master LP over the person rows found so far (Dantzig–Wolfe):

        min Σ_row own cost(row)·λ_row + Σ_requirement staffing cost(P_i)
        s.t. Σ_row λ_row = 1 for each person,  Σ_row covers_i(row)·λ_row = P_i,  λ ≥ 0,

    each requirement's convex piecewise cost as one variable and two inequalities per piece.
    GLOP solves it; the duals of the linking rows are the multipliers it proposes (``y =
    −dual``, the Lagrangian's sign). Its value is at least the relaxation's optimum (only some
    rows are in it): a lower bound comes only from a priced round."""

    def __init__(self, reqs: Sequence[Requirement], people: Sequence[str]) -> None:
        lp = pywraplp.Solver.CreateSolver("GLOP")
        if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
            raise RuntimeError("OR-Tools has no GLOP")
        self.lp = lp
        self.objective = lp.Objective()
        self.objective.SetMinimization()
        self.convex = {sid: lp.Constraint(1.0, 1.0) for sid in people}
        self.link: list[pywraplp.Constraint] = []
        for r in reqs:
            count = lp.NumVar(r.lo_hard, len(r.keys), "")
            linking = lp.Constraint(0.0, 0.0)
            linking.SetCoefficient(count, -1.0)
            self.link.append(linking)
            for kind, level, units in r.pieces:
                piece = lp.NumVar(0.0, lp.infinity(), "")
                self.objective.SetCoefficient(piece, units)
                # short: piece ≥ level − P;  over: piece ≥ P − level
                at_least = lp.Constraint(-kind * level, lp.infinity())
                at_least.SetCoefficient(piece, 1.0)
                at_least.SetCoefficient(count, -kind)
        self.columns: set[tuple[str, frozenset[Key]]] = set()

    def add(self, sid: str, row: Row, covers: dict[int, int]) -> bool:
        """Add one person's row (``covers``: requirement -> how often the row counts toward
        it); False when it is in already."""
        if (sid, row.keys) in self.columns:
            return False
        self.columns.add((sid, row.keys))
        lam = self.lp.NumVar(0.0, self.lp.infinity(), "")
        self.objective.SetCoefficient(lam, row.cost)
        self.convex[sid].SetCoefficient(lam, 1.0)
        for i, n in covers.items():
            self.link[i].SetCoefficient(lam, n)
        return True

    def solve(self) -> tuple[float, list[float]] | None:
        """The LP's value and the multipliers it proposes; None when GLOP found no optimum."""
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        return self.objective.Value(), [-c.dual_value() for c in self.link]


class _Rounds:
    """The pricing side: each person's model (built when first needed) and the requirements
    each assignment counts toward."""

    def __init__(
        self, problem: Problem, roster: Roster, families: Sequence[Family], threads: int = 1
    ) -> None:
        self.problem, self.roster, self.families = problem, roster, families
        self.threads = max(1, threads)
        self.reqs = requirements(problem)
        self.by_key: dict[Key, list[int]] = defaultdict(list)
        for i, r in enumerate(self.reqs):
            for k in r.keys:
                self.by_key[k].append(i)
        self.people = [p.id for p in problem.staff]
        self.master = _Master(self.reqs, self.people)
        self._pricers: dict[str, _Pricer] = {}

    def pricer(self, sid: str) -> _Pricer:
        if sid not in self._pricers:
            self._pricers[sid] = _Pricer(self.problem, self.roster, sid, self.families)
        return self._pricers[sid]

    def add(self, sid: str, row: Row) -> bool:
        covers: dict[int, int] = defaultdict(int)
        for k in row.keys:
            for i in self.by_key.get(k, ()):
                covers[i] += 1
        return self.master.add(sid, row, covers)

    def seed(self, deadline: float) -> bool:
        """The roster's rows as the master's first columns (with them the master is feasible:
        the roster keeps every hard minimum); False when time ran out first."""
        own: dict[str, set[Key]] = {sid: set() for sid in self.people}
        for k in roster_keys(self.problem, self.roster):
            own[k[0]].add(k)
        for sid in self.people:
            if time.monotonic() > deadline - 0.5:
                return False
            self.add(sid, self.pricer(sid).row(frozenset(own[sid])))
        return True

    def price(self, y: Sequence[float], deadline: float) -> tuple[float | None, int]:
        """L(y), None when not every person was priced in time with a proven bound, and how
        many new rows went into the master. People are priced side by side, ``threads`` at a
        time (each solve holds one core; CP-SAT releases the interpreter while it searches)."""
        total = sum(r.inner_min(y[i])[0] for i, r in enumerate(self.reqs))
        reward = {k: sum(y[i] for i in idx) for k, idx in self.by_key.items()}
        pricers = [self.pricer(sid) for sid in self.people]  # built here, not in the threads
        threads = min(self.threads, len(pricers))
        per = max(0.2, min(PRICE_LIMIT, threads * (deadline - time.monotonic()) / len(pricers)))

        def one(pricer: _Pricer) -> tuple[float | None, Row | None]:
            if time.monotonic() > deadline - 0.2:
                return None, None
            return pricer.price(reward, per)

        with ThreadPoolExecutor(threads) as pool:
            found = list(pool.map(one, pricers))
        new = sum(self.add(sid, row) for sid, (_, row) in zip(self.people, found, strict=True) if row)
        lows = [low for low, _ in found]
        if any(low is None for low in lows):
            return None, new  # a person without a valid bound: the round cannot count
        return total + sum(low for low in lows if low is not None), new


def lower_bound(
    problem: Problem,
    roster: Roster,
    *,
    deadline: float,
    families: Sequence[Family] = FAMILIES,
    upper: int | None = None,
    threads: int | None = None,
) -> BoundResult:
    """The best Lagrangian bound found by ``deadline`` (a :func:`time.monotonic` value).

    ``roster`` is a legal roster, whose rows start the master; ``threads`` people are priced
    at a time (default: one per core). ``upper`` is its total cost: a
    bound that reaches it proves the roster optimal and ends the search. Each round prices
    every person at the multipliers ``y`` (a bound when complete, and new columns); the next
    ``y`` is the master's duals smoothed towards the best point so far (Wentges): by
    ``alpha``, which grows while rounds do not gain, shrinks when they do, and drops to zero
    for one round when no new row was found near the centre (mispricing)."""
    started = time.monotonic()
    result = BoundResult(None)
    rounds = _Rounds(problem, roster, families, threads or os.cpu_count() or 1)
    slopes = [r.slopes() for r in rounds.reqs]
    # From zero: L(0) is the people's own minimum costs, never below 0, and the first centre.
    centre = [0.0] * len(rounds.reqs)
    y = centre
    best: int | None = None
    alpha = ALPHA
    seeded = rounds.seed(deadline)
    while seeded and time.monotonic() < deadline - 0.5:
        total, new = rounds.price(y, deadline)
        if total is None:
            break
        result.rounds += 1
        value = math.ceil(total - 1e-6)  # every cost is whole: so is the optimum
        result.history.append(value)
        gained = best is None or value > best
        if gained:
            best, centre = value, y
        if upper is not None and value >= upper:
            break  # the roster is optimal
        if new == 0:
            if alpha == 0:
                break  # no row prices out at the master's own multipliers: the LP's optimum
            alpha = 0.0
        elif gained:
            alpha = max(ALPHA, 2 * alpha - 1)  # the master's multipliers helped: trust them more
        else:
            alpha = (1 + alpha) / 2  # they did not: halve the step away from the centre
        solved = rounds.master.solve()
        if solved is None:
            break
        duals = [min(hi, max(lo, d)) for d, (lo, hi) in zip(solved[1], slopes, strict=True)]
        y = [alpha * c + (1 - alpha) * d for c, d in zip(centre, duals, strict=True)]
    result.bound = None if best is None else max(0, best)
    result.seconds = time.monotonic() - started
    return result
