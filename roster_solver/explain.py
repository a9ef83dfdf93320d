"""Why a problem is infeasible, in sentences a coordinator understands.

Two steps, bounded by one wall-clock time limit:

1. **Pre-solve diagnosis without a solver** (:mod:`roster_solver.diagnose`): certain collisions
   such as a Fixed pin that can never be worked, pins that break the rest rules, a minimum
   staffing that nobody can be there for under ``shortage = forbid``. Each names its rows.
2. **Conflict search with the solver**, when the pre-checks find nothing certain. Every hard
   constraint gets an enforcement literal per *group*; a single-worker solve under those
   assumptions gives an infeasible core (``sufficient_assumptions_for_infeasibility``), which is
   shrunk by leaving out one group at a time and re-solving (deletion filter). Three levels,
   each searching only inside the previous core:

   a. rule family;
   b. (family, person) for constraints on one person, (family, area, day) for constraints on
      several people in one area (coverage, pairs), (family, day) for the rest;
   c. the (family, person) groups of the core split by days (a span of at most a week), so the
      sentences can name the days and the Fixed / Wishes / History rows involved.

   The groups left are translated into sentences, e.g. "P1 (Staff!A3) is fixed on N on Mon 4 Oct
   (Fixed!A2) and on V on Tue 5 Oct (Fixed!A3): the 14 h rest after a night ending after 02:00
   (min_rest_after_night_hours) cannot hold."

The sentences are in the problem's language (the catalogue's FINDINGS table).
The "one shift per day" link between assignment and work-day variables is structural and never
relaxed. Constraint types that CP-SAT cannot enforce conditionally are kept as they are.
Personal data: people are named by staff id only and absence reasons are never shown.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from ortools.sat.python import cp_model

from .constraints import FAMILIES
from .constraints.base import Family
from .diagnose import Finding, Forced, cell, day_text, demand_refs, diagnose, forced_shifts, hours, who
from .domain import Problem, StaffMember
from .engine import solvers
from .engine.context import ModelContext
from .i18n import FINDINGS, pick
from .i18n import finding as _t

# The rule families in words (English; every language in the catalogue's FINDINGS table).
LABELS: dict[str, str] = {
    k.removeprefix("family."): v for k, v in FINDINGS["en"].items() if k.startswith("family.")
}


def label(name: str, lang: str | None = None) -> str:
    """``rest between shifts (...) [daily_rest]``: a rule family in words, with its name."""
    text = pick(FINDINGS, lang).get(f"family.{name}")
    return f"{text} [{name}]" if text else name.replace("_", " ")


@dataclass
class Explanation:
    """Why no roster meets every hard rule: the pre-solve findings (errors and warnings) and,
    when none of them is certain, the solver's conflict in sentences."""

    findings: list[Finding] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    minimal: bool = True  # the conflict could not be shrunk further (False: time ran out)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.certain]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.certain]

    def lines(self) -> list[str]:
        """The explanation as sentences: certain findings if any, else the solver's conflict."""
        return [str(f) for f in self.errors] if self.errors else list(self.conflict)


# --------------------------------------------------------------------------- entry points


def explain_infeasible(
    problem: Problem,
    families: Sequence[Family] | None = None,
    time_limit: float = 30.0,
) -> list[str]:
    """Plain sentences on why no roster meets every hard rule (never an empty list)."""
    return explain(problem, families, time_limit).lines()


def explain(
    problem: Problem,
    families: Sequence[Family] | None = None,
    time_limit: float = 30.0,
    findings: list[Finding] | None = None,
) -> Explanation:
    """Pre-solve findings (computed unless given) and, when none is certain, the conflict search
    within ``time_limit`` seconds of wall clock."""
    started = time.monotonic()
    deadline = started + max(1.0, time_limit)
    fams = list(FAMILIES if families is None else families)
    found = diagnose(problem, fams) if findings is None else findings
    result = Explanation(findings=found)
    if not result.errors:
        result.conflict, result.minimal = search(problem, fams, deadline)
    result.seconds = time.monotonic() - started
    return result


def precheck(problem: Problem, families: Sequence[Family]) -> list[str]:
    """Certain causes found without a solver (only for the families in ``families``)."""
    return [str(f) for f in diagnose(problem, families) if f.certain]


# --------------------------------------------------------------------------- conflict search


GroupKey = Any  # a family name, or (family, person, area, day or (first, last) day)
Owner = tuple[str, int | None, str | None]  # staff, day, area of a variable
KeyFn = Callable[[Family, set[Owner]], GroupKey]


_LITERALS = ("bool_or", "bool_and", "at_most_one", "exactly_one", "bool_xor")
_ARGUMENTS = ("lin_max", "int_prod", "int_div", "int_mod")


def _kind_and_vars(c: Any) -> tuple[str | None, set[int]]:
    """The kind of a constraint (None when it is not conditionally enforced here) and every
    variable index it refers to (literals folded to their variable)."""
    refs: list[int] = []
    kind: str | None = None
    if c.has_linear():
        kind, refs = "linear", list(c.linear.vars)
    else:
        for name in _LITERALS:
            if getattr(c, f"has_{name}")():
                kind, refs = name, list(getattr(c, name).literals)
                break
        else:
            for name in _ARGUMENTS:
                if getattr(c, f"has_{name}")():
                    arg = getattr(c, name)
                    kind = name
                    refs = list(arg.target.vars) + [v for e in arg.exprs for v in e.vars]
                    break
    return kind, {v if v >= 0 else -v - 1 for v in refs}


class _Instrumented:
    """A feasibility model of ``families`` whose constraints are switched by group literals."""

    def __init__(self, problem: Problem, families: Sequence[Family], key_fn: KeyFn) -> None:
        started = time.monotonic()
        self.ctx = ctx = ModelContext(problem)
        owner: dict[int, Owner] = {}
        for (sid, day, _, area), var in ctx.x.items():
            owner[var.index] = (sid, day, area)
        for p in problem.staff:  # structural: never relaxed
            for day in range(problem.n_days):
                w = ctx.work(p.id, day)
                if isinstance(w, cp_model.IntVar):
                    owner[w.index] = (p.id, day, None)
        self.groups: dict[GroupKey, cp_model.IntVar] = {}
        model = ctx.model
        for fam in families:
            first = len(model.proto.constraints)
            fam.add_to_model(ctx)
            added = [model.proto.constraints[i] for i in range(first, len(model.proto.constraints))]
            kinds, refs = [], []
            for c in added:
                kind, vs = _kind_and_vars(c)
                kinds.append(kind)
                refs.append(vs)
            # Auxiliary variables belong to the person whose assignments define them.
            for _ in range(3):
                changed = False
                for vs in refs:
                    people = {owner[v][0] for v in vs if v in owner}
                    if len(people) == 1:
                        sid = next(iter(people))
                        for v in vs:
                            if v not in owner:
                                owner[v] = (sid, None, None)
                                changed = True
                if not changed:
                    break
            for c, kind, vs in zip(added, kinds, refs, strict=True):
                if kind is None:
                    continue
                key = key_fn(fam, {owner[v] for v in vs if v in owner})
                lit = self.groups.get(key)
                if lit is None:
                    lit = model.new_bool_var(f"explain[{key}]")
                    self.groups[key] = lit
                c.enforcement_literal.append(lit.index)

        self.build_seconds = time.monotonic() - started

    def solve(self, keys: Iterable[GroupKey], seconds: float, seed: int) -> tuple[str, list[GroupKey]]:
        """Status name and, when infeasible, the core among ``keys``."""
        keys = list(keys)
        model = self.ctx.model
        model.clear_assumptions()
        model.add_assumptions([self.groups[k] for k in keys])
        # cores from assumptions need a single worker
        solver = solvers.new_solver(max(0.05, seconds), 1, seed)
        status = solvers.run(solver, model)
        if status == cp_model.INFEASIBLE:
            by_index = {self.groups[k].index: k for k in keys}
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
            return "INFEASIBLE", core or keys
        return solver.status_name(status), []


def _shrink(
    inst: _Instrumented, keys: list[GroupKey], deadline: float, seed: int
) -> tuple[list[GroupKey] | None, bool]:
    """An infeasible subset of ``keys`` (deletion filter); None when the whole set is feasible.

    The flag says whether the result is minimal (the time limit may stop the filter early).
    """
    left = deadline - time.monotonic()
    status, core = inst.solve(keys, left / 3, seed)
    if status != "INFEASIBLE":
        return (None, True) if status in ("OPTIMAL", "FEASIBLE") else (keys, False)
    # Deletion filter. A key whose removal makes the set feasible stays needed in every
    # infeasible subset, so a smaller core found on the way only ever drops keys still to do.
    needed: list[GroupKey] = []
    todo = list(core)
    while todo:
        left = deadline - time.monotonic()
        if left <= 0.05:
            return needed + todo, False
        key = todo.pop(0)
        status, sub = inst.solve(needed + todo, left / (len(todo) + 2), seed)
        if status == "INFEASIBLE":
            keep = set(sub)
            todo = [k for k in todo if k in keep]
        else:
            needed.append(key)  # feasible without it, or undecided in time: keep it
    return needed, True


def _family_key(fam: Family, _owners: set[Owner]) -> GroupKey:
    return fam.name


def _span(days: set[int]) -> tuple[int, int] | None:
    return (min(days), max(days)) if days and max(days) - min(days) < 7 else None


def _group_key(fam: Family, owners: set[Owner]) -> GroupKey:
    """(family, person, None, None), (family, None, area, day) or (family, None, None, day)."""
    people = {sid for sid, _, _ in owners}
    if len(people) == 1:
        return (fam.name, next(iter(people)), None, None)
    days = {d for _, d, _ in owners if d is not None}
    areas = {a for _, _, a in owners if a is not None}
    first = min(days) if days else None
    return (fam.name, None, next(iter(areas)) if len(areas) == 1 else None, first)


def _day_key(fam: Family, owners: set[Owner]) -> GroupKey:
    """Level (c): a person's constraints split by the days they touch."""
    key = _group_key(fam, owners)
    name, sid = key[0], key[1]
    if sid is None:
        return key
    return (name, sid, None, _span({d for _, d, _ in owners if d is not None}))


def _coarse(key: GroupKey) -> GroupKey:
    name, sid = key[0], key[1]
    return (name, sid, None, None) if sid is not None else key


MULTI_PERSON = ("coverage", "pairs")  # families whose constraints tie several people together


def _alone(problem: Problem, p: StaffMember) -> Problem:
    """``problem`` with ``p`` as the only person (their own records keep their rows)."""

    def mine(records: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(r for r in records if r.staff == p.id)

    return Problem(
        settings=problem.settings,
        areas=problem.areas,
        shifts=problem.shifts,
        staff=(p,),
        limits=mine(problem.limits),
        demand=problem.demand,
        absences=mine(problem.absences),
        wishes=mine(problem.wishes),
        fixed=mine(problem.fixed),
        history=mine(problem.history),
        rules=problem.rules,
        holidays_extra=problem.holidays_extra,
        base_dir=problem.base_dir,
        source_name=problem.source_name,
    )


def _person_first(problem: Problem, families: Sequence[Family], deadline: float) -> Problem | None:
    """A one-person relaxation that is infeasible on its own, or None.

    Without the families that tie people together, each person's rules are independent, so a
    person whose own rules collide makes the whole problem infeasible; their model is tiny, so
    this finds most conflicts (pins, wishes, limits, hours) in well under a second each, and
    the search then runs on that person alone. People with pins, wishes, limits or hard
    personal bounds are tried first.
    """
    own = [f for f in families if f.name not in MULTI_PERSON]
    special = (
        {f.staff for f in problem.fixed}
        | {w.staff for w in problem.wishes}
        | {lim.staff for lim in problem.limits}
    )

    def order(p: StaffMember) -> tuple[int, str]:
        personal = p.id in special or any(
            getattr(p, k) is not None
            for k in (
                "min_hours",
                "max_hours",
                "max_weekends",
                "max_consecutive_days",
                "min_consecutive_days",
                "min_consecutive_days_off",
            )
        )
        return (0 if personal else 1, p.id)

    for p in sorted(problem.staff, key=order):
        if time.monotonic() > deadline:
            return None
        sub = _alone(problem, p)
        inst = _Instrumented(sub, own, _family_key)
        status, _ = inst.solve(
            list(inst.groups), max(0.05, min(2.0, deadline - time.monotonic())), problem.settings.seed
        )
        if status == "INFEASIBLE":
            return sub
    return None


def search(problem: Problem, families: Sequence[Family], deadline: float) -> tuple[list[str], bool]:
    """The conflict in sentences and whether it is minimal (see the module docstring)."""
    if len(problem.staff) > 1:
        now = time.monotonic()
        sub = _person_first(problem, families, now + (deadline - now) / 2)
        if sub is not None:
            return search(sub, [f for f in families if f.name not in MULTI_PERSON], deadline)
    seed = problem.settings.seed
    lang = problem.settings.language
    try:
        level1 = _Instrumented(problem, families, _family_key)
    except Exception as exc:  # a family that cannot build is a bug; say so instead of crashing
        return [_t("x.build_failed", lang, error=type(exc).__name__)], False
    now = time.monotonic()
    core, minimal = _shrink(level1, list(level1.groups), now + (deadline - now) / 3, seed)
    if core is None:
        return [_t("x.all_met", lang)], True
    names = [str(k) for k in core]
    if not names:
        return [_t("x.unnamed", lang)], False
    out = [_family_sentence(names, lang)]
    by_name = {f.name: f for f in families}
    chosen = [by_name[n] for n in names if n in by_name]
    detail: list[GroupKey] | None = None
    if time.monotonic() < deadline - 0.5:
        level2 = _Instrumented(problem, chosen, _group_key)
        now = time.monotonic()
        detail, minimal = _shrink(level2, list(level2.groups), now + (deadline - now) / 2, seed)
    if detail and time.monotonic() < deadline - 0.5 and any(k[1] is not None for k in detail):
        wanted = set(detail)
        level3 = _Instrumented(problem, chosen, _day_key)
        keys = [k for k in level3.groups if _coarse(k) in wanted]
        finer, fine_minimal = _shrink(level3, keys, deadline, seed)
        if finer:
            detail, minimal = finer, fine_minimal
    if detail:
        out += _sentences(problem, detail)
    if not minimal:
        out.append(_t("x.stopped", lang))
    return out, minimal


def _family_sentence(names: list[str], lang: str | None = None) -> str:
    if len(names) == 1:
        return _t("x.one_rule", lang, rule=label(names[0], lang))
    return _t("x.rules", lang, rules="; ".join(label(n, lang) for n in names))


# --------------------------------------------------------------------------- sentences


def _days_text(problem: Problem, spans: Iterable[tuple[int, int]]) -> str:
    """The days of ``spans`` as runs: ``Mon 5 Jan to Sun 11 Jan, Tue 13 Jan``."""
    from .constraints.night_work import runs

    lang = problem.settings.language
    ordered = runs({d for a, b in spans for d in range(a, b + 1)})
    parts = []
    for a, b in ordered[:4]:
        first = day_text(problem.date_of(a), lang)
        parts.append(
            first if a == b else _t("span", lang, first=first, last=day_text(problem.date_of(b), lang))
        )
    shown = ", ".join(parts)
    return _t("and_more", lang, shown=shown, n=len(ordered) - 4) if len(ordered) > 4 else shown


def _facts_text(p: StaffMember, facts: list[Forced], lang: str | None = None) -> str:
    """``P1 (Staff!A3) is fixed on N on Mon 4 Oct (Fixed!A2) and on V on Tue 5 Oct (Fixed!A3)``."""
    parts: list[str] = []
    previous = ""
    for f in facts:
        form = "again" if f.verb and f.verb == previous else "is"
        previous = f.verb
        parts.append(f"{f.said(lang, form)} ({f.ref})")
    joined = (", ".join(parts[:-1]) + _t("and", lang) + parts[-1]) if len(parts) > 1 else parts[0]
    return f"{who(p)} {joined}"


def _rule_text(problem: Problem, name: str, facts: list[Forced]) -> str:
    """The rule of family ``name`` in words with its values; for rest, the exact rule that the
    facts (worked shifts on consecutive days) break when they show it."""
    r = problem.ruleset
    lang = problem.settings.language
    if name == "daily_rest":
        from .constraints.daily_rest import required_rest

        shifts = sorted((f for f in facts if f.inst is not None), key=lambda f: f.day)
        for a, b in itertools.pairwise(shifts):
            assert a.inst is not None and b.inst is not None
            need, why = required_rest(problem, a.inst)
            if b.inst.start - a.inst.end < need:
                return _t("x.rest_night" if why else "x.rest_daily", lang, need=hours(need, lang))
        return _t(
            "x.rest_both",
            lang,
            daily=hours(r.minutes("min_daily_rest_hours"), lang),
            night=hours(r.minutes("min_rest_after_night_hours"), lang),
        )
    if name == "weekly_rest":
        return _t("x.weekly_rest", lang, need=hours(r.minutes("min_weekly_rest_hours"), lang))
    if name == "consecutive_days":
        return _t("x.consecutive_days", lang)
    if name == "night_work":
        return _t(
            "x.night_work",
            lang,
            need=hours(r.minutes("min_rest_after_night_series_hours"), lang),
            shifts=r.get("max_consecutive_shifts_with_night"),
            nights=r.get("max_nights_after_0200_16w"),
        )
    if name == "week_hours":
        return _t("x.week_hours", lang, cap=hours(r.minutes("max_week_hours"), lang))
    if name == "free_sundays":
        return _t("x.free_sundays", lang, n=r.get("min_free_sundays_52w"))
    text = pick(FINDINGS, lang).get(f"family.{name}", name.replace("_", " "))
    return f"{text} [{name}]"


def _sentences(problem: Problem, keys: list[GroupKey]) -> list[str]:
    forced = forced_shifts(problem)
    per_person: dict[str, dict[str, set[tuple[int, int]]]] = defaultdict(lambda: defaultdict(set))
    shared: dict[tuple[str, str | None], set[int]] = defaultdict(set)
    for key in keys:
        name, sid, area, day = cast(tuple[str, str | None, str | None, Any], key)
        if sid is not None:
            spans = per_person[sid][name]
            if day is not None:
                spans.add(day)
        else:
            bucket = shared[(name, area)]
            if day is not None:
                bucket.add(day)
    if len(per_person) == 1:
        # Constraints on auxiliary variables only (e.g. weekly rest windows) have no owner;
        # with one person in the conflict they are that person's.
        sid = next(iter(per_person))
        for (fam, where), on in list(shared.items()):
            if where is None and fam not in ("coverage", "pairs"):
                per_person[sid][fam].update((d, d) for d in on)
                del shared[(fam, where)]
    lang = problem.settings.language
    out: list[str] = []
    for (fam, where), on in sorted(shared.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        when = _t("x.on", lang, days=_days_text(problem, [(d, d) for d in on])) if on else ""
        place = _t("x.in", lang, area=where) if where else ""
        demand = _rows_for(problem, fam, None, sorted(on))
        see = f" ({', '.join(dict.fromkeys(demand))})" if demand else ""
        tail = _t("x.tail", lang) if per_person else ""
        out.append(
            _t(
                "x.shared",
                lang,
                rule=_rule_text(problem, fam, []).capitalize(),
                place=place,
                when=when,
                see=see,
                tail=tail,
            )
        )
    for sid, fams in sorted(per_person.items()):
        p = problem.staff_by_id[sid]
        all_days = sorted({d for spans in fams.values() for a, b in spans for d in range(a, b + 1)})
        near = set(all_days) | {d - 1 for d in all_days} | {d + 1 for d in all_days}
        facts = sorted(
            (f for d, f in forced.get(sid, {}).items() if not all_days or d in near), key=lambda f: f.day
        )
        rules = [
            _rule_text(problem, n, facts)
            for n in sorted(fams)
            if not (n in ("availability", "one_shift_per_day") and facts)
        ]
        rows: list[str] = []
        for fam, fam_spans in sorted(fams.items()):
            fam_days = sorted({d for a, b in fam_spans for d in range(a, b + 1)})
            rows += _rows_for(problem, fam, sid, fam_days)
        rows = [r for r in dict.fromkeys(rows) if all(r != f.ref for f in facts)]
        see = _t("x.see", lang, rows=", ".join(rows)) if rows else ""
        spans = {sp for s in fams.values() for sp in s}
        when = _t("x.on", lang, days=_days_text(problem, spans)) if spans and not facts else ""
        also = _t("and", lang)
        rule = (also.join(rules) if len(rules) <= 2 else ", ".join(rules[:-1]) + also + rules[-1]) or _t(
            "x.availability", lang
        )
        subject = _facts_text(p, facts, lang) if facts else who(p)
        out.append(
            _t(
                "x.person_one" if len(rules) <= 1 else "x.person_all",
                lang,
                subject=subject,
                rule=rule,
                when=when,
                see=see,
            )
        )
    return out


def _rows_for(problem: Problem, name: str, sid: str | None, days: list[int]) -> list[str]:
    """Workbook rows behind one family's part of the conflict for one person (and days)."""
    p = problem.staff_by_id.get(sid) if sid is not None else None
    out: list[str] = []
    if name == "availability" and p is not None:
        wanted = set(days)
        for w, day in problem.must_wishes():
            if w.staff == p.id and (not wanted or day in wanted):
                out.append(cell(w.src, None, "Wishes"))
        for f in problem.fixed:
            if f.staff == p.id and (not wanted or problem.day_index(f.date) in wanted):
                out.append(cell(f.src, None, "Fixed"))
    elif name == "coverage" and days:
        out += _demand_rows(problem, days)
    elif name == "staff_limits" and p is not None:
        out += [cell(lim.src, None, "Limits") for lim in problem.limits if lim.staff == p.id]
        if p.max_weekends is not None:
            out.append(cell(p.src, "max_weekends", "Staff"))
    elif name == "contract_hours" and p is not None:
        col = (
            "min_hours"
            if p.min_hours is not None
            else ("max_hours" if p.max_hours is not None else "hours_per_week")
        )
        out.append(cell(p.src, col, "Staff"))
    elif name == "consecutive_days" and p is not None:
        for col in ("max_consecutive_days", "min_consecutive_days", "min_consecutive_days_off"):
            if getattr(p, col) is not None:
                out.append(cell(p.src, col, "Staff"))
    elif name == "shift_sequence":
        out += [cell(s.src, "not_followed_by", "Shifts") for s in problem.shifts if s.not_followed_by]
    return [r for r in out if r]


def _demand_rows(problem: Problem, days: list[int]) -> list[str]:
    from .coverage import segments, shift_requirements

    wanted = set(days)
    rows = sorted(
        {r for s in segments(problem) if s.day in wanted and s.min > 0 for r in s.rows}
        | {r for q in shift_requirements(problem) if q.day in wanted and q.min > 0 for r in q.rows}
    )
    return demand_refs(problem, rows)
