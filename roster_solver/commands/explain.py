"""`roster explain`: why a person works (or does not work) a shift on a date.

Method (documented choice): the roster is re-evaluated with the independent checker on modified
copies, not re-solved. For the assignment of ``--staff`` on ``--date``:

- its own penalties (the soft costs the checker attaches to that person and date);
- *leave it empty*: the roster without it; the change in soft cost per rule family and any hard
  rule that would then break (e.g. a must wish, minimum staffing under ``shortage = forbid``);
- *swap it*: for every other person who is off that day, the same shift in the same area given
  to them instead: either the hard rule that forbids it (availability from the input, or a
  broken rule found by the checker) or the change in soft cost. The cheapest legal swap is the
  best alternative.

Only one assignment changes at a time, so the figures answer "what if just this changed",
not what a full re-solve would find. Names and absence reasons are never shown: people are
named by staff id and an absence reads "absent".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roster_solver.cliutil import EXIT_USAGE, app, err, guarded, load_problem, out, recorded_input
from roster_solver.i18n import say
from roster_solver.roster import cost_points

if TYPE_CHECKING:
    from roster_solver.check import CheckReport
    from roster_solver.domain import Problem
    from roster_solver.roster import Roster


def _cost_by_family(report: CheckReport) -> dict[str, int]:
    return dict(report.cost_by_family())


def _delta_text(base: dict[str, int], new: dict[str, int], lang: str | None = None) -> tuple[int, str]:
    """Total change in cost units and the per-family changes in points, largest first."""
    fams = set(base) | set(new)
    deltas = {f: new.get(f, 0) - base.get(f, 0) for f in fams}
    parts = [
        f"{f} {cost_points(d):+,.2f}" for f, d in sorted(deltas.items(), key=lambda kv: -abs(kv[1])) if d
    ]
    return sum(deltas.values()), ", ".join(parts[:4]) or say("no_change", lang)


@app.command("explain")
@guarded
def explain_assignment(
    roster_path: Annotated[
        Path, typer.Argument(help="The roster workbook (its Assignments sheet).", show_default=False)
    ],
    staff: Annotated[str, typer.Option("--staff", help="Staff id.", show_default=False)],
    on: Annotated[str, typer.Option("--date", help="Date, e.g. 2027-02-06.", show_default=False)],
    input_opt: Annotated[Path | None, typer.Option("--input", help="The input workbook.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Alternatives to list.")] = 5,
) -> None:
    """Why does this person work this shift on this date? Rules and penalties behind it.

    Shows the assignment's own penalties, what leaving it empty would cost, the best
    alternative person and what it would cost, and which hard rules forbid the others. The
    roster is re-evaluated by the independent checker with one assignment changed at a time.
    Without --input the input workbook recorded in the roster's Run sheet is used if unchanged.

    Examples:

      roster explain roster.xlsx --staff B07 --date 2027-02-06

      roster explain roster.xlsx --input team.xlsx --staff B07 --date 2027-02-06 --top 10
    """
    from roster_solver.check import check_roster
    from roster_solver.roster import Roster
    from roster_solver.workbook.reader import read_assignments

    try:
        when = date.fromisoformat(on.strip())
    except ValueError:
        err.print(f"--date: {on!r} is not a date like 2027-02-06")
        raise typer.Exit(EXIT_USAGE) from None
    problem = load_problem(input_opt or recorded_input(roster_path))
    lang = problem.settings.language
    if staff not in problem.staff_by_id:
        err.print(say("bad_staff", lang, staff=repr(staff)), markup=False)
        raise typer.Exit(EXIT_USAGE)
    if not problem.start_date <= when <= problem.end_date:
        err.print(say("outside", lang, date=when, first=problem.start_date, last=problem.end_date))
        raise typer.Exit(EXIT_USAGE)
    roster = read_assignments(roster_path, problem)
    day = problem.day_index(when)
    base = check_roster(problem, roster)
    base_cost = _cost_by_family(base)
    mine = next((a for a in roster.assignments if a.staff == staff and a.date == when), None)
    if mine is None:
        _why_not(problem, roster, staff, when, base_cost)
        return
    from roster_solver.coverage import describe_day

    out.print(
        say("works", lang, staff=staff, shift=mine.shift, area=mine.area, day=describe_day(when, lang)),
        markup=False,
    )
    own = [p for p in base.penalties if p.staff == staff and p.date == when]
    if own:
        out.print(say("own", lang))
        for p in own:
            out.print(f"  - {p.rule}: {p.points:,.2f} ({p.reason})", markup=False)
    else:
        out.print(say("own_none", lang))
    others = tuple(a for a in roster.assignments if a != mine)
    empty = check_roster(problem, Roster.of(others))
    total, parts = _delta_text(base_cost, _cost_by_family(empty), lang)
    new_broken = [v for v in empty.violations if v not in base.violations]
    out.print(say("empty", lang, total=f"{cost_points(total):+,.2f}", parts=parts), markup=False)
    for v in new_broken[:5]:
        out.print(say("empty_breaks", lang, rule=v), markup=False)
    busy = {a.staff for a in roster.assignments if a.date == when}
    legal: list[tuple[int, str, str]] = []
    blocked: list[tuple[str, str]] = []
    inst = problem.instance(mine.shift, day)
    for q in problem.staff:
        if q.id == staff or q.id in busy:
            continue
        if not any(
            i.day == day and i.shift == mine.shift and a == mine.area for i, a in problem.candidates[q.id]
        ):
            blocked.append(
                (q.id, problem.unavailable_reason(q, inst, mine.area, lang) or say("not_allowed", lang))
            )
            continue
        swapped = check_roster(problem, Roster.of((*others, type(mine)(q.id, when, mine.shift, mine.area))))
        broken = [v for v in swapped.violations if v not in base.violations]
        if broken:
            blocked.append((q.id, f"{broken[0].rule}: {broken[0].message}"))
            continue
        d, text = _delta_text(base_cost, _cost_by_family(swapped), lang)
        legal.append((d, q.id, text))
    legal.sort()
    if legal:
        d, qid, text = legal[0]
        out.print(say("best", lang, staff=qid, total=f"{cost_points(d):+,.2f}", parts=text), markup=False)
        for d, qid, text in legal[1:top]:
            out.print(say("then", lang, staff=qid, total=f"{cost_points(d):+,.2f}", parts=text), markup=False)
    else:
        out.print(say("nobody", lang))
    if blocked:
        out.print(say("blocked", lang, n=len(blocked)))
        for qid, reason in blocked[:top]:
            out.print(f"  - {qid}: {reason}", markup=False)
        if len(blocked) > top:
            out.print(say("more", lang, n=len(blocked) - top))


def _why_not(problem: Problem, roster: Roster, staff: str, when: date, base_cost: dict[str, int]) -> None:
    """The person is off: for each shift they could be given that day, what adding it would
    cost or which hard rule forbids it."""
    from roster_solver.check import check_roster
    from roster_solver.coverage import describe_day
    from roster_solver.roster import Assignment, Roster

    day = problem.day_index(when)
    p = problem.staff_by_id[staff]
    lang = problem.settings.language
    state = say("absent" if problem.absent_on(staff, day) else "off", lang)
    out.print(say("state", lang, staff=staff, state=state, day=describe_day(when, lang)), markup=False)
    options = [(i, a) for i, a in problem.candidates[staff] if i.day == day and a == p.home_area]
    if not options:
        reasons = {
            problem.unavailable_reason(p, problem.instance(s.code, day), p.home_area, lang)
            for s in problem.shifts
        }
        out.print(say("no_shift", lang, reasons="; ".join(sorted(r for r in reasons if r))), markup=False)
        return
    for inst, area in options:
        added = check_roster(
            problem, Roster.of((*roster.assignments, Assignment(staff, when, inst.shift, area)))
        )
        if added.violations:
            out.print(say("forbidden", lang, shift=inst.shift, why=added.violations[0]), markup=False)
        else:
            total, parts = _delta_text(base_cost, _cost_by_family(added), lang)
            out.print(
                say("option", lang, shift=inst.shift, total=f"{cost_points(total):+,.2f}", parts=parts),
                markup=False,
            )
