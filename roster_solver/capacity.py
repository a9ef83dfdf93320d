"""The capacity question: how many extra full-time people does the team need?

For each question — the **minimum** staffing, and separately the **target** staffing — the
answer is the smallest number of extra full-time people, per area team, with whom every
requirement of the question can be met over the horizon without breaking a hard rule, and the
person-hours short per area with today's team.

Method (each step is one CP-SAT solve with at most ``time_limit`` seconds):

1. **Today's size.** The question's problem (for the target question every Demand row's
   ``min`` is raised to its ``target``, see :func:`derive_problem`) is solved with today's
   team, minimising the unmet requirement (``shortage = report``, only the hard families; the
   soft-only quality families cannot make a roster illegal and are left out). The roster is
   re-checked by the independent checker and :func:`roster_solver.coverage.shortfall_summary`
   gives the person-hours short per area. Nothing short in scope: the answer is 0.
2. **Hiring.** Hirable "virtual" staff are added to a new, validated :class:`Problem`: real
   :class:`StaffMember` records (:func:`virtual_staff`) on a full-time contract
   (:func:`full_time_hours`), at home in the area and deployable only there, with every skill
   the area's and the city-wide Demand rows ask for, no absences, no wishes, no History, under
   the input's rule profile. Each one has a hiring literal ``h``; every assignment variable of
   the person implies ``h``, and within an area ``h[k+1] ⇒ h[k]`` (the hires are
   interchangeable). Every unmet-minimum term of the question's scope is forced to 0 (exactly
   ``shortage = forbid`` for those requirements) and ``Σ h`` is minimised. The number of
   candidates per area starts from the shortage found in step 1 and doubles (at most
   :data:`MAX_DOUBLINGS` times) while even hiring all of them is proven not to be enough.
3. **Proof.** An OPTIMAL hiring solve proves the number. Otherwise the same model is solved
   with ``Σ h ≤ N − 1``: INFEASIBLE proves N; a roster with fewer hires lowers N and is
   verified again; no answer in time leaves "at most N; not proven minimal".

The roster of the answer is re-checked by the independent checker on a problem with exactly
the hired people (no hard rule broken, nothing short in scope), so the number is backed by a
legal roster, not only by the model.

Scope: without ``area`` every requirement (each area and the city-wide ``*`` rows) is in
scope and every area may hire; the answer is the smallest total and one distribution of it
over the areas (city-wide needs, such as night cars, can be met by a hire in any area, so
their share may sit in any team). With ``area`` only that area hires and only its own rows
are in scope; the other requirements may not lose coverage to it: their unmet minimum is
minimised first (a lexicographic objective: other areas' shortage, then hires), so moving
people who may work in several areas away from their other areas never lowers the answer.

Never imports the CLI.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ortools.sat.python import cp_model

from . import units
from .check import check_roster
from .constraints import FAMILIES
from .constraints.base import Family
from .coverage import coverage_table, shortfall_summary
from .domain import ANY_AREA, DemandRow, Problem, Settings, StaffMember
from .engine import solvers
from .engine.context import PenaltyTerm, roster_keys
from .engine.solve import STATUS_OF, build_model, default_workers, read_roster
from .roster import Roster, Status

Question = Literal["minimum", "target"]
QUESTIONS: tuple[Question, ...] = ("minimum", "target")
DEFAULT_FULL_TIME = float(units.FULL_TIME_HOURS)  # h/week: one FTE, the collective agreement's week
VIRTUAL_PREFIX = "NEW"
MAX_DOUBLINGS = 2  # of the candidate hires per area, when even all of them are not enough
MAX_VERIFY_ROUNDS = 3  # "one fewer" solves that may each improve the answer
CANDIDATE_CAP = 200  # candidate hires per area at most (the model grows with each)


# --------------------------------------------------------------------------- the virtual staff


def full_time_hours(problem: Problem) -> float:
    """The team's full-time week: the most common ``hours_per_week`` of at least 36 h (ties: the
    larger), else 36 h (the collective agreement's week; the example team's full-timers)."""
    counts = Counter(p.hours_per_week for p in problem.staff if p.hours_per_week >= DEFAULT_FULL_TIME)
    if not counts:
        return DEFAULT_FULL_TIME
    return max(counts, key=lambda h: (counts[h], h))


def needed_skills(problem: Problem, area: str) -> frozenset[str]:
    """Every skill a Demand row of ``area`` or of the whole city (``*``) asks for."""
    return frozenset(d.skill for d in problem.demand if d.skill is not None and d.area in (area, ANY_AREA))


def virtual_id(problem: Problem, area: str, k: int) -> str:
    """Id of the ``k``-th (from 1) hire in ``area``: ``NEW-CEN-1``; never an existing staff id."""
    taken = problem.staff_by_id
    prefix = VIRTUAL_PREFIX
    while any(pid.startswith(f"{prefix}-") for pid in taken):
        prefix += "X"  # an input that already uses NEW-… ids gets NEWX-… hires
    return f"{prefix}-{area}-{k}"


def virtual_staff(
    problem: Problem, counts: Mapping[str, int], hours: float | None = None
) -> list[StaffMember]:
    """``counts[area]`` hirable full-time people per area, as real Staff records.

    Each is at home in the area and deployable only there, on ``hours`` a week (default
    :func:`full_time_hours`), with :func:`needed_skills`, every shift allowed, nights allowed,
    employed the whole horizon, no personal limits (the profile's defaults apply).
    """
    week = full_time_hours(problem) if hours is None else hours
    out: list[StaffMember] = []
    for area in (a.code for a in problem.areas):
        for k in range(1, counts.get(area, 0) + 1):
            out.append(
                StaffMember(
                    id=virtual_id(problem, area, k),
                    name=f"extra {area} {k}",
                    home_area=area,
                    hours_per_week=week,
                    skills=needed_skills(problem, area),
                )
            )
    return out


def _fields(record: Any) -> dict[str, Any]:
    """Every field of a pydantic record, to build a new (validated) record from it."""
    return {name: getattr(record, name) for name in type(record).model_fields}


def _raise_to_target(d: DemandRow) -> DemandRow:
    target = d.target if d.target is not None else d.min
    cap = None if d.max is None else max(d.max, target)
    return DemandRow(**{**_fields(d), "min": target, "target": target, "max": cap})


def derive_problem(
    problem: Problem,
    *,
    question: Question = "minimum",
    extra: Mapping[str, int] | None = None,
    hours: float | None = None,
    shortage: Literal["report", "forbid"] | None = None,
) -> Problem:
    """A new, validated Problem: ``problem`` plus ``extra[area]`` virtual hires per area.

    ``question = "target"`` raises every Demand row's ``min`` to its ``target`` (so the merged
    minimum of every requirement is its merged target); ``shortage`` overrides Settings. The
    input problem is not changed; the new one runs every cross-record check again.
    """
    settings = problem.settings
    if shortage is not None and shortage != settings.shortage:
        settings = Settings(**{**_fields(settings), "shortage": shortage})
    demand = problem.demand if question == "minimum" else tuple(_raise_to_target(d) for d in problem.demand)
    # Skills are those of the input's Demand rows (the same before and after raising).
    staff = problem.staff + tuple(virtual_staff(problem, extra or {}, hours))
    return with_staff(problem, staff, settings=settings, demand=demand)


def with_staff(
    problem: Problem,
    staff: Sequence[StaffMember],
    *,
    settings: Settings | None = None,
    demand: Sequence[DemandRow] | None = None,
) -> Problem:
    """A new, validated Problem like ``problem`` with another team (a "what if").

    Rows of Limits, Absence, Wishes, Fixed and History of people no longer in ``staff`` are
    left out; every cross-record check runs again on the result.
    """
    ids = {p.id for p in staff}
    values = {
        name: getattr(problem, name) for name in Problem.model_fields if name != "preliminary_issues"
    }  # the reader's warnings were shown already
    for name in ("limits", "absences", "wishes", "fixed", "history"):
        values[name] = tuple(r for r in getattr(problem, name) if r.staff in ids)
    values.update(
        staff=tuple(staff),
        settings=settings or problem.settings,
        demand=tuple(problem.demand if demand is None else demand),
    )
    return Problem(**values)


# --------------------------------------------------------------------------- results


@dataclass
class Step:
    """One solve: what it asked, its status and its wall-clock seconds."""

    what: str
    status: str
    seconds: float


AnswerStatus = Literal["proven", "not proven", "unreachable", "unknown"]


@dataclass
class Answer:
    """The answer to one question.

    ``hires`` per hiring area (every hiring area listed, also with 0); ``total`` is None when
    no number was found. ``short_today`` per area (``*`` for city-wide rows): person-minutes
    short at today's size, the least the solver found (``short_today_proven`` when optimal).
    """

    question: Question
    scope: str  # an area code, or "*" for every requirement
    status: AnswerStatus
    total: int | None
    hires: dict[str, int]
    short_today: dict[str, int]
    short_today_proven: bool
    seconds: float
    note: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The answer in words: ``3 (proven: 2 is not enough)``, ``at most 3; not proven
        minimal``, ``cannot be met by hiring``, ``no answer in time``."""
        if self.status == "proven":
            if self.total:
                return f"{self.total} (proven: {self.total - 1} is not enough)"
            return "0"
        if self.status == "not proven":
            return f"at most {self.total}; not proven minimal"
        if self.status == "unreachable":
            return "cannot be met by hiring"
        return "no answer in time"


@dataclass
class CapacityReport:
    """Every answer, with the assumptions they rest on."""

    status: Literal["ok", "infeasible", "timeout"]
    full_time_hours: float
    hire_areas: tuple[str, ...]
    skills: dict[str, tuple[str, ...]]
    time_limit: float
    answers: list[Answer] = field(default_factory=list)

    @property
    def proven(self) -> bool:
        return all(a.status == "proven" for a in self.answers)


class InputInfeasible(Exception):
    """Today's input already breaks a hard rule that no hire can mend (the CLI explains it)."""


# --------------------------------------------------------------------------- the model


def _area_of(term: PenaltyTerm) -> str:
    """Area of an unmet-minimum term (ANY_AREA for a Demand row without one)."""
    return term.area if term.area is not None else ANY_AREA


def _fix(model: cp_model.CpModel, var: cp_model.IntVar, lo: int, hi: int) -> None:
    """Set a control variable's domain for the next solve (the model is reused between solves)."""
    domain = model.proto.variables[var.index].domain
    domain.clear()
    domain.extend([lo, hi])


class _HireModel:
    """The question's model with hiring literals and the controls that each solve sets.

    Controls: ``cap`` bounds the number of hires, ``scope_on`` forces every in-scope
    unmet-minimum term to 0, ``others_cap`` bounds the cost of the out-of-scope unmet minimum.
    """

    def __init__(
        self, problem: Problem, hire_ids: Mapping[str, Sequence[str]], scope: str, families: Sequence[Family]
    ) -> None:
        self.problem = problem
        self.ctx = ctx = build_model(problem, families)
        model = ctx.model
        self.hires: dict[str, list[cp_model.IntVar]] = {}
        self.virtual: set[str] = set()
        for area, ids in hire_ids.items():
            lits: list[cp_model.IntVar] = []
            for sid in ids:
                self.virtual.add(sid)
                h = model.new_bool_var(f"hire[{sid}]")
                for day in range(problem.n_days):
                    for _, _, var in ctx.options(sid, day):
                        model.add_implication(var, h)
                if lits:
                    model.add_implication(h, lits[-1])
                lits.append(h)
            self.hires[area] = lits
        all_hires = [h for lits in self.hires.values() for h in lits]
        self.n_candidates = len(all_hires)
        self.hired: cp_model.LinearExprT = cp_model.LinearExpr.sum(all_hires) if all_hires else 0
        self.cap = model.new_int_var(0, self.n_candidates, "hire_cap")
        if all_hires:
            model.add(self.hired <= self.cap)

        min_terms = ctx.minimum_terms()
        self.all_cost = _cost(min_terms)
        in_scope: list[PenaltyTerm] = []
        others: list[PenaltyTerm] = []
        for t in min_terms:
            (in_scope if scope in (ANY_AREA, _area_of(t)) else others).append(t)
        self.scope_on = model.new_bool_var("scope_on")
        # A requirement that nobody (not even a hire) can cover is a constant shortfall.
        self.uncoverable = sorted({_area_of(t) for t in in_scope if isinstance(t.expr, int) and t.expr > 0})
        for t in in_scope:
            if not isinstance(t.expr, int):
                model.add(t.expr == 0).only_enforce_if(self.scope_on)
        self.others_cost = _cost(others)
        most = sum(abs(t.weight) * _upper(model, t.expr) for t in others)
        self.others_cap = model.new_int_var(0, most, "others_cap")
        if others:
            model.add(self.others_cost <= self.others_cap)
        self.others_most = most
        # Hires are cheaper than any unmet minimum elsewhere (lexicographic: others first).
        self.hire_objective: cp_model.LinearExprT = cp_model.LinearExpr.weighted_sum(
            [self.others_cost, self.hired], [self.n_candidates + 1, 1]
        )

    def hint(self, roster: Roster) -> None:
        """Hint the assignment variables of today's team from ``roster`` (a partial hint)."""
        chosen = roster_keys(self.problem, roster)
        for key, var in self.ctx.x.items():
            if key[0] not in self.virtual:
                self.ctx.model.add_hint(var, int(key in chosen))

    def solve(
        self,
        *,
        what: str,
        cap: tuple[int, int],
        scope: bool,
        others_cap: int | None,
        objective: cp_model.LinearExprT | None,
        limit: float,
        workers: int,
        seed: int,
    ) -> tuple[Status, cp_model.CpSolver, Step]:
        model = self.ctx.model
        _fix(model, self.cap, *cap)
        _fix(model, self.scope_on, int(scope), int(scope))
        _fix(model, self.others_cap, 0, self.others_most if others_cap is None else others_cap)
        if objective is None:
            model.clear_objective()  # type: ignore[no-untyped-call]  # untyped in OR-Tools 9.15
        else:
            model.minimize(objective)
        solver = solvers.new_solver(max(0.1, limit), workers, seed)
        started = time.monotonic()
        status = STATUS_OF.get(solvers.run(solver, model), Status.UNKNOWN)
        return status, solver, Step(what, str(status), round(time.monotonic() - started, 2))

    def hires_of(self, solver: cp_model.CpSolver) -> dict[str, int]:
        return {area: sum(int(solver.value(h)) for h in lits) for area, lits in self.hires.items()}


def _cost(terms: Sequence[PenaltyTerm]) -> cp_model.LinearExprT:
    return sum((t.weight * t.expr for t in terms), 0)


def _upper(model: cp_model.CpModel, expr: Any) -> int:
    """An upper bound of a penalty expression (a constant, or variables times coefficients),
    from the variables' domains."""
    if isinstance(expr, int):
        return abs(expr)
    from ortools.sat.python import cp_model_helper as cmh

    flat = cmh.FlatIntExpr(expr)
    total = abs(flat.offset)
    for var, coeff in zip(flat.vars, flat.coeffs, strict=True):
        dom = list(model.proto.variables[var.index].domain)
        total += abs(coeff) * max(abs(dom[0]), abs(dom[-1]))
    return total


# --------------------------------------------------------------------------- the question


Progress = Callable[[str], None]


def capacity(
    problem: Problem,
    *,
    area: str | None = None,
    questions: Sequence[Question] = QUESTIONS,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    hours: float | None = None,
    on_step: Progress | None = None,
    client: Any = None,
) -> CapacityReport:
    """Answer the capacity questions for ``problem`` (see the module docstring).

    ``time_limit`` is per solve (default Settings ``time_limit_seconds``); ``area`` restricts
    hiring and the scope to one area. Raises :class:`InputInfeasible` when today's input breaks
    a hard rule whatever the staffing; a time-out with today's team gives status ``timeout``.

    The questions are independent: with a Dask ``client`` (:mod:`roster_solver.parallel`) each
    question runs as one task on its cluster, with the same solves, limits and seed as here, and
    the answers are combined in the same order (a later question's answer is dropped after a
    time-out, as in the sequential run); ``on_step`` then gets each question's steps when it
    is done. A question whose task failed (its worker died twice) is answered "no answer".
    """
    if area is not None and area not in problem.area_by_code:
        raise ValueError(f"{area!r} is not an area code of the workbook")
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    n_workers = workers or problem.settings.workers or default_workers()
    rnd = seed if seed is not None else problem.settings.seed
    week = full_time_hours(problem) if hours is None else hours
    hire_areas = (area,) if area is not None else tuple(a.code for a in problem.areas)
    report = CapacityReport(
        status="ok",
        full_time_hours=week,
        hire_areas=hire_areas,
        skills={a: tuple(sorted(needed_skills(problem, a))) for a in hire_areas},
        time_limit=limit,
    )
    answers: Iterable[Answer | None]
    if client is not None and len(questions) > 1:
        answers = _answers_on_cluster(client, problem, questions, area, limit, n_workers, rnd, week, on_step)
    else:
        answers = (_answer(problem, q, area, limit, n_workers, rnd, week, on_step) for q in questions)
    for answer in answers:
        if answer is None:
            report.status = "timeout"
            break
        report.answers.append(answer)
    return report


def _question_task(
    problem: Problem, question: Question, area: str | None, limit: float, workers: int, seed: int, week: float
) -> tuple[str, Answer | None]:
    """One question as a cluster task: ``("infeasible", None)`` instead of raising, so the
    scheduler does not retry a deterministic outcome."""
    try:
        return "ok", _answer(problem, question, area, limit, workers, seed, week, None)
    except InputInfeasible:
        return "infeasible", None


def _answers_on_cluster(
    client: Any,
    problem: Problem,
    questions: Sequence[Question],
    area: str | None,
    limit: float,
    workers: int,
    seed: int,
    week: float,
    on_step: Progress | None,
) -> list[Answer | None]:
    from .parallel import run_tasks

    args: dict[str, tuple[Any, ...]] = {q: (problem, q, area, limit, workers, seed, week) for q in questions}
    results = run_tasks(client, _question_task, args)
    answers: list[Answer | None] = []
    for q in questions:
        tr = results[q]
        if not tr.ok:
            scope = area if area is not None else ANY_AREA
            hire_areas = (area,) if area is not None else tuple(a.code for a in problem.areas)
            answers.append(
                Answer(
                    question=q,
                    scope=scope,
                    status="unknown",
                    total=None,
                    hires=dict.fromkeys(hire_areas, 0),
                    short_today={},
                    short_today_proven=False,
                    seconds=0.0,
                    note=f"the solve failed: {tr.error}",
                )
            )
            continue
        kind, answer = tr.value
        if kind == "infeasible":
            raise InputInfeasible(q)
        if answer is not None and on_step is not None:
            for step in answer.steps:
                on_step(f"{q}: {step.what}: {step.status} after {step.seconds:.1f} s")
        answers.append(answer)
        if answer is None:
            break  # as the sequential run: nothing after a time-out counts
    return answers


def _answer(
    problem: Problem,
    question: Question,
    area: str | None,
    limit: float,
    workers: int,
    seed: int,
    week: float,
    on_step: Progress | None,
) -> Answer | None:
    started = time.monotonic()
    scope = area if area is not None else ANY_AREA
    hire_areas = (area,) if area is not None else tuple(a.code for a in problem.areas)
    base = derive_problem(problem, question=question, shortage="report")
    families = [f for f in FAMILIES if not f.is_soft_only(base)]
    steps: list[Step] = []

    def note(step: Step) -> None:
        steps.append(step)
        if on_step is not None:
            on_step(f"{question}: {step.what}: {step.status} after {step.seconds:.1f} s")

    # 1. today's size: the least unmet requirement
    today = _HireModel(base, {}, scope, families)
    status, solver, step = today.solve(
        what="today's team, least shortage",
        cap=(0, 0),
        scope=False,
        others_cap=None,
        objective=today.all_cost,
        limit=limit,
        workers=workers,
        seed=seed,
    )
    note(step)
    if status == Status.INFEASIBLE:
        raise InputInfeasible(question)
    if not status.has_roster:
        return None
    now = read_roster(today.ctx, solver)
    _require_legal(base, now, "today's team")
    short = shortfall_summary(base, now)
    answer = Answer(
        question=question,
        scope=scope,
        status="proven",
        total=0,
        hires=dict.fromkeys(hire_areas, 0),
        short_today=short,
        short_today_proven=status == Status.OPTIMAL,
        seconds=0.0,
        steps=steps,
    )
    in_scope = {a: m for a, m in short.items() if scope in (ANY_AREA, a)}
    if not any(in_scope.values()):
        answer.note = "met with today's team"
        answer.seconds = round(time.monotonic() - started, 2)
        return answer

    # 2. hiring: candidates from today's shortage, doubled while even all of them fall short
    counts = _candidates(base, now, hire_areas, scope, week)
    best: tuple[dict[str, int], int, Roster] | None = None
    model: _HireModel | None = None
    proven = False
    for round_ in range(MAX_DOUBLINGS + 1):
        cand = derive_problem(problem, question=question, shortage="report", extra=counts, hours=week)
        model = _HireModel(cand, _ids_by_area(problem, counts), scope, families)
        if model.uncoverable:
            answer.status, answer.total = "unreachable", None
            answer.note = (
                "no shift can cover part of the requirement in "
                f"{', '.join(model.uncoverable)} (check the Demand and Shifts sheets)"
            )
            break
        model.hint(now)
        status, solver, step = model.solve(
            what=f"fewest hires ({model.n_candidates} candidates)",
            cap=(0, model.n_candidates),
            scope=True,
            others_cap=None,
            objective=model.hire_objective,
            limit=limit,
            workers=workers,
            seed=seed,
        )
        note(step)
        if status.has_roster:
            best = (
                model.hires_of(solver),
                int(solver.value(model.others_cost)),
                read_roster(model.ctx, solver),
            )
            proven = status == Status.OPTIMAL
            break
        if status != Status.INFEASIBLE:
            break  # nothing found in time: more candidates would not help
        if round_ == MAX_DOUBLINGS or all(n >= CANDIDATE_CAP for n in counts.values()):
            answer.status, answer.total = "unreachable", None
            answer.note = (
                f"even {model.n_candidates} extra full-time people cannot meet it "
                "without breaking a hard rule"
            )
            break
        counts = {a: min(CANDIDATE_CAP, 2 * n) for a, n in counts.items()}
    if best is None or model is None:
        if answer.status != "unreachable":
            answer.status, answer.total, answer.note = "unknown", None, f"no roster within {limit:g} s"
        answer.seconds = round(time.monotonic() - started, 2)
        return answer

    # 3. proof: one fewer hire (keeping the other areas' coverage) must be impossible
    hires, others, roster = best
    total = sum(hires.values())
    rounds = 0
    while not proven and total > 0 and rounds < MAX_VERIFY_ROUNDS:
        rounds += 1
        status, solver, step = model.solve(
            what=f"{total - 1} hires enough?",
            cap=(0, total - 1),
            scope=True,
            others_cap=others,
            objective=model.hired,
            limit=limit,
            workers=workers,
            seed=seed,
        )
        note(step)
        if status == Status.INFEASIBLE:
            proven = True
        elif status.has_roster:
            hires, roster = model.hires_of(solver), read_roster(model.ctx, solver)
            others = int(solver.value(model.others_cost))
            total = sum(hires.values())
            proven = status == Status.OPTIMAL
        else:
            break
    proven = proven or total == 0
    hired = derive_problem(problem, question=question, shortage="report", extra=hires, hours=week)
    _require_legal(hired, roster, "the answer's roster")
    left = shortfall_summary(hired, roster)
    if any(m for a, m in left.items() if scope in (ANY_AREA, a)):
        raise RuntimeError("the answer's roster leaves part of the requirement unmet")
    answer.status = "proven" if proven else "not proven"
    answer.total, answer.hires = total, {a: hires.get(a, 0) for a in hire_areas}
    answer.seconds = round(time.monotonic() - started, 2)
    return answer


def _ids_by_area(problem: Problem, counts: Mapping[str, int]) -> dict[str, list[str]]:
    """The hirable people's ids per area, in hiring order (``h[k+1] ⇒ h[k]``)."""
    return {a: [virtual_id(problem, a, k) for k in range(1, n + 1)] for a, n in counts.items()}


def _require_legal(problem: Problem, roster: Roster, what: str) -> None:
    """The independent checker must find no broken hard rule; anything else is a bug."""
    report = check_roster(problem, roster)
    if report.violations:
        raise RuntimeError(f"{what} breaks hard rules: {report.violations[0]}")


def _candidates(
    problem: Problem, roster: Roster, hire_areas: Sequence[str], scope: str, week: float
) -> dict[str, int]:
    """How many hirable people to offer per area: twice the most people short at one moment
    plus twice the person-hours short over what one full-timer can work (enough in practice;
    the caller doubles it when it is not)."""
    peak: dict[str, int] = {}
    minutes: dict[str, int] = {}
    for row in coverage_table(problem, roster):
        if row.short_of_min <= 0 or (scope != ANY_AREA and row.area != scope):
            continue
        peak[row.area] = max(peak.get(row.area, 0), row.short_of_min)
        minutes[row.area] = minutes.get(row.area, 0) + row.short_of_min * (row.end - row.start)
    per_person = max(1.0, week * 60 * problem.weeks)
    city_peak, city_minutes = peak.get(ANY_AREA, 0), minutes.get(ANY_AREA, 0)
    out: dict[str, int] = {}
    for a in hire_areas:
        need_peak = peak.get(a, 0) + city_peak
        need_minutes = minutes.get(a, 0) + city_minutes
        n = 2 * need_peak + math.ceil(2 * need_minutes / per_person) if need_peak else 0
        out[a] = min(CANDIDATE_CAP, n)
    return out


# --------------------------------------------------------------------------- the table and sheet


COLUMNS = ("question", "area", "extra_people", "short_today_hours", "answer", "proven", "seconds")


def capacity_rows(report: CapacityReport) -> list[dict[str, Any]]:
    """One row per question and area (hiring areas, then any other area short today, then ``*``
    for the city-wide rows), then a ``total`` row: the Capacity sheet and the screen table."""
    rows: list[dict[str, Any]] = []
    for a in report.answers:
        others = sorted(x for x in a.short_today if x not in a.hires and x != ANY_AREA)
        areas = [*a.hires, *others, *([ANY_AREA] if ANY_AREA in a.short_today else [])]
        proven = "yes" if a.status == "proven" else "no"
        for area in areas:
            rows.append(
                {
                    "question": a.question,
                    "area": area,
                    "extra_people": a.hires.get(area),
                    "short_today_hours": units.hours(a.short_today.get(area, 0)),
                    "answer": None,
                    "proven": None,
                    "seconds": None,
                }
            )
        rows.append(
            {
                "question": a.question,
                "area": "total",
                "extra_people": a.total,
                "short_today_hours": units.hours(sum(a.short_today.values())),
                "answer": a.text + (f" ({a.note})" if a.note else ""),
                "proven": proven,
                "seconds": a.seconds,
            }
        )
    return rows


def assumptions(report: CapacityReport, problem: Problem, input_name: str | None) -> list[tuple[str, Any]]:
    """The facts the answers rest on, as key/value lines under the table."""
    lines: list[tuple[str, Any]] = [
        ("input_file", input_name or ""),
        (
            "horizon",
            f"{problem.start_date.isoformat()} – {problem.end_date.isoformat()} ({problem.weeks} weeks)",
        ),
        ("full_time_hours_per_week", report.full_time_hours),
        ("hiring_areas", ", ".join(report.hire_areas)),
        ("rule_profile", problem.profile.name),
        ("time_limit_per_solve_seconds", report.time_limit),
        (
            "method",
            "extra people are hirable full-time staff in a CP-SAT model; fewest hires "
            "with every minimum (target: every target) as a hard floor; one fewer is "
            "checked to be impossible",
        ),
    ]
    lines += [(f"skills.{area}", ", ".join(skills) or "-") for area, skills in report.skills.items()]
    return lines
