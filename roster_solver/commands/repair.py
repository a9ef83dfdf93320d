"""`roster repair`: re-plan a published roster after the input changed, with minimal change.

The core is :mod:`roster_solver.repair`; this module reads the files, runs it, re-checks the
roster, writes the output workbook with its Changes sheet and prints the summary.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..cliutil import (
    EXIT_BUG,
    EXIT_INFEASIBLE,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    QuietOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    app,
    check_output_path,
    err,
    guarded,
    load_problem,
    out,
)
from ..i18n import say

MAX_LISTED = 20  # people listed in the terminal; the Changes sheet has every change

if TYPE_CHECKING:
    from ..repair import RepairResult


def _date_option(text: str | None, option: str) -> date | None:
    """Parse a command-line date as the workbook does (``2027-02-08`` or ``8-2-2027``); exit 2."""
    if text is None:
        return None
    from ..workbook.cells import date_value

    try:
        return date_value(text.strip())
    except ValueError:
        err.print(f"{option}: {text!r} is not a date; write it as 2027-02-08 or 8-2-2027.", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


@app.command()
@guarded
def repair(
    input: Annotated[Path, typer.Argument(help="The updated input workbook (.xlsx).", show_default=False)],
    published: Annotated[
        Path,
        typer.Option(
            "--published",
            "-p",
            help="The published roster workbook (its Assignments sheet).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output workbook [default: INPUT-repaired.xlsx beside the input]."
        ),
    ] = None,
    from_date: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First date that may change; earlier dates stay as published "
            "[default: the day after --today when inside the horizon, else the "
            "horizon start].",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="The date the changes are announced, for the notice period [default: the system date].",
            show_default=False,
        ),
    ] = None,
    time_limit: TimeLimitOption = None,
    workers: WorkersOption = None,
    seed: SeedOption = None,
    all_dates: Annotated[
        bool,
        typer.Option(
            "--all-dates",
            help="Search every date from --from at once instead of the "
            "disrupted dates first (slower; e.g. after raising a weekly target).",
        ),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Re-plan a published roster after the input changed, changing as few shifts as possible.

    Reads the updated input workbook (new absences, demand, staff) and the published roster's
    Assignments sheet. Dates before --from stay as published (a shift there that can no longer
    be worked, e.g. on a new absence, becomes a day off); from --from on, every shift that
    differs from the published roster costs weight.change_from_published (50) and the roster
    stays legal. Writes the normal output workbook plus a Changes sheet: every changed shift
    with was, becomes, a plain reason (never a personal absence reason) and whether it falls
    within the notice period (notice_days, 28 days from --today; ATW art. 4:2).

    Exit 0 when a roster was written, 1 for bad input, 2 for wrong usage, 3 when the hard
    rules cannot all be met (with the reason), 4 when no roster was found in time.

    Examples:

      roster repair team.xlsx --published roster.xlsx -o roster-v2.xlsx

      roster repair team.xlsx --published roster.xlsx --from 2027-02-09 --time-limit 20
    """
    from ..check import check_roster
    from ..progress import ProgressDisplay
    from ..repair import repair as run_repair
    from ..workbook.reader import read_assignments
    from ..workbook.writer import write_output_workbook

    target = output or input.with_name(f"{input.stem}-repaired.xlsx")
    check_output_path(input, target, {"the published roster": published})
    keep = _date_option(from_date, "--from")
    announced = _date_option(today, "--today") or date.today()
    problem = load_problem(input)
    lang = problem.settings.language
    if not problem.staff:
        out.print(say("nothing_to_plan", lang))
        return
    if keep is not None and keep > problem.end_date:
        err.print(say("from_after", lang, date=keep, first=problem.start_date, last=problem.end_date))
        raise typer.Exit(EXIT_USAGE)
    roster = read_assignments(published, problem)
    limit = time_limit if time_limit is not None else problem.settings.time_limit_seconds
    with ProgressDisplay(limit, enabled=not quiet, console=err) as progress:
        rr = run_repair(
            problem,
            roster,
            today=announced,
            keep_before=keep,
            time_limit=limit,
            workers=workers,
            seed=seed,
            on_progress=progress.update,
            all_dates=all_dates,
        )
    result = rr.result
    if result.status == "INFEASIBLE":
        from ..explain import explain_infeasible

        err.print(say("repair_infeasible", lang, date=rr.keep_before))
        for line in explain_infeasible(rr.problem, time_limit=min(30.0, limit)):
            err.print(f"  - {line}", markup=False)
        raise typer.Exit(EXIT_INFEASIBLE)
    if not result.status.has_roster:
        err.print(say("no_roster", lang, limit=f"{limit:g}", status=result.status), markup=False)
        raise typer.Exit(EXIT_TIMEOUT)
    report = check_roster(rr.problem, result.roster)
    if report.violations:
        err.print(say("repair_internal", lang))
        for v in report.violations[:20]:
            err.print(f"  - {v}", markup=False)
        raise typer.Exit(EXIT_BUG)
    extra = _extra(rr, published, announced)
    write_output_workbook(
        target, rr.problem, result, report, input_path=input, extra=extra, changes=rr.changes
    )
    _summary(rr, announced, target)


def _extra(rr: RepairResult, published: Path, announced: date) -> dict[str, Any]:
    """People-sheet figures as `roster solve` writes them, and Run-sheet lines for the repair."""
    from ..figures import people_figures, run_lines

    extra = people_figures(rr.problem, rr.result.roster)
    run = run_lines(rr.problem, rr.result)
    run.update(
        {
            "command": "repair",
            "published_roster": published.name,
            "kept_before": rr.keep_before.isoformat(),
            "announced": announced.isoformat(),
            "changed_shifts": len(rr.changes),
            "people_affected": rr.people_affected,
            "within_notice_period": rr.within_notice,
            "searched_days": "all" if rr.searched_days is None else len(rr.searched_days),
        }
    )
    extra["run"] = run
    return extra


def _summary(rr: RepairResult, announced: date, target: Path) -> None:
    """The outcome in the roster's language: status, the changes, the people to call (by staff
    id; names only in the workbook), the minimum staffing and hours statements."""
    from ..i18n import REPAIR, pick
    from ..outcome import outcome, statements
    from ..repair import notice_days, people_to_call
    from ..roster import cost_points

    t = pick(REPAIR, rr.problem.settings.language)
    result = rr.result
    objective = "-" if result.objective is None else f"{cost_points(result.objective):,.2f}"
    line = t["status"].format(status=result.status, objective=objective)
    if result.bound is not None and result.gap is not None:
        line += t["bound"].format(bound=f"{cost_points(result.bound):,.2f}", gap=f"{result.gap:.1%}")
    out.print(f"{line} {t['after'].format(seconds=f'{result.seconds:.1f}')}", markup=False)
    out.print(
        t["changed"].format(
            n=len(rr.changes),
            people=rr.people_affected,
            notice=rr.within_notice,
            days=notice_days(rr.problem),
            today=announced,
            keep=rr.keep_before,
        ),
        markup=False,
    )
    groups = people_to_call(rr.changes)
    if groups:
        out.print(t["call"].format(n=len(groups)), markup=False)
    for staff, _name, cs in groups[:MAX_LISTED]:
        notice = sum(c.within_notice for c in cs)
        flag = t["person_notice"].format(n=notice) if notice else ""
        out.print(f"  {t['person'].format(staff=staff, n=len(cs))}{flag}", markup=False)
        for c in cs:
            out.print(f"    {c.date}  {c.was_times} -> {c.becomes_times}: {c.why}", markup=False)
    if len(groups) > MAX_LISTED:
        out.print(f"  {t['more'].format(n=len(groups) - MAX_LISTED)}", markup=False)
    for said in statements(outcome(rr.problem, result.roster, result), rr.problem.settings.language):
        out.print(said, markup=False)
    out.print(t["written"].format(path=target), markup=False)
