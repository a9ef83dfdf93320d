"""The `roster` command line: the only place that wires reader, engine, checker and writer.

Exit codes (every command; defined in :mod:`.exitcodes`): 0 done; 1 malformed input; 2 wrong
usage; 3 hard rules cannot all be met; 4 no roster within the time limit; 5 `check` found broken
hard rules; 6 an output cannot be written (folder not writable, disk full); 70 internal error (a
bug: a short message, nothing written); 130 interrupted (Ctrl-C or SIGTERM: nothing written).

This module holds validate, init, solve and check; the other commands are the modules of
:mod:`roster_solver.commands`, registered at the end of this file.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import outputs
from .cliutil import (
    EXIT_BROKEN,
    EXIT_BUG,
    EXIT_INFEASIBLE,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    PROVE_SHARE,
    JsonOption,
    QuietOption,
    SeedOption,
    TimeLimitOption,
    WorkersOption,
    check_output_path,
    emit_json,
    err,
    guarded,
    issue_json,
    json_value,
    load_problem,
    out,
    recorded_input,
    refuse_output,
)

# Re-exported: the entry point (__main__) runs this app once every command is registered on it.
from .cliutil import app as app
from .errors import InputError
from .i18n import finding, say
from .roster import cost_points

if TYPE_CHECKING:
    from .check import CheckReport
    from .diagnose import Finding
    from .domain import Problem
    from .errors import Issue
    from .outcome import Outcome
    from .roster import Roster, SolveResult

# --------------------------------------------------------------------------- validate


@app.command()
@guarded
def validate(
    input: Annotated[Path, typer.Argument(help="The input workbook (.xlsx).", show_default=False)],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only print problems.")] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the diagnosis to this file (.md or .xlsx)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check an input workbook and summarise the planning problem.

    Every problem is listed at once with its sheet, cell, column and value. Then a diagnosis
    without a solver looks for rules that collide (pins against rest rules or absence, a
    minimum staffing nobody can be there for, hours that cannot be reached, ...), naming the
    rows and what would fix them. Exit 0 when the workbook is valid (warnings are printed), 1
    when it is not, 3 when the hard rules certainly cannot all be met.

    With --json, stdout is one JSON object: status (valid, invalid, infeasible), exit_code,
    errors and warnings (each with sheet, cell, row, col, column, value, message), findings
    and a summary of the problem.

    Examples:

      roster validate team.xlsx

      roster validate team.xlsx --report diagnosis.md

      roster validate team.xlsx --json
    """
    from .diagnose import diagnose
    from .workbook.reports import write_report

    if report is not None:
        _check_report_path(input, report)
    if as_json:
        try:
            problem = load_problem(input, show_warnings=False)
        except InputError as exc:
            emit_json(_validate_document(input, None, [], exc.issues, report=None))
            raise typer.Exit(EXIT_INPUT) from None
    else:
        problem = load_problem(input)
        if not quiet:
            _print_summary(problem)
    findings = diagnose(problem)
    if not as_json:
        _print_findings(findings, problem.settings.language)
    certain = [f for f in findings if f.certain]
    if report is not None:
        lang = problem.settings.language
        status = (
            finding("r.infeasible", lang)
            if certain
            else finding("r.valid_warnings", lang, n=len(findings))
            if findings
            else finding("r.valid", lang)
        )
        write_report(
            report, findings, [], title=finding("r.title", lang, name=input.name), status=status, lang=lang
        )
        if not as_json:
            out.print(say("diagnosis_written", lang, path=report), markup=False)
    if as_json:
        emit_json(_validate_document(input, problem, findings, problem.warnings, report=report))
    if certain:
        raise typer.Exit(EXIT_INFEASIBLE)


def _validate_document(
    input: Path,
    problem: Problem | None,
    findings: list[Finding],
    issues: list[Issue],
    *,
    report: Path | None,
) -> dict[str, Any]:
    """`validate --json`: the outcome, every located problem, the findings and a summary."""
    if problem is None:
        status, code = "invalid", EXIT_INPUT
    elif any(f.certain for f in findings):
        status, code = "infeasible", EXIT_INFEASIBLE
    else:
        status, code = "valid", EXIT_OK
    summary = None
    if problem is not None:
        from .summary import capacity_summary

        s = capacity_summary(problem)
        summary = {
            "first_day": s["first_day"],
            "last_day": s["last_day"],
            "weeks": problem.weeks,
            "areas": len(problem.areas),
            "staff": len(problem.staff),
            "shifts": len(problem.shifts),
            "demand_rows": len(problem.demand),
            "rule_profile": problem.profile.name,
            "contract_hours": round(s["contract_hours"], 2),
            "min_person_hours": round(s["min_hours"], 2),
            "target_person_hours": round(s["target_hours"], 2),
            "nothing_to_plan": not problem.staff,
        }
    return {
        "command": "validate",
        "input": str(input),
        "status": status,
        "exit_code": code,
        "errors": [issue_json(i) for i in issues if i.severity == "error"],
        "warnings": [issue_json(i) for i in issues if i.severity == "warning"],
        "findings": [
            {
                "severity": str(f.severity),
                "certain": f.certain,
                "kind": f.kind,
                "rule": f.rule,
                "message": f.message,
                "fix": f.fix,
                "cells": list(f.refs),
            }
            for f in findings
        ],
        "summary": summary,
        "report": str(report) if report is not None else None,
    }


def _check_report_path(input: Path, report: Path) -> None:
    """Refuse an unusable --report path before any work is done (exit 2)."""
    refuse_output(
        report,
        (".md", ".xlsx"),
        why="markdown or a workbook",
        example="diagnosis.md",
        inputs={"the input workbook": input},
        option="--report",
    )


def _print_findings(findings: list[Finding], lang: str | None = None) -> None:
    """Warnings first (the solve goes on), then certain collisions under one heading."""
    for f in findings:
        if not f.certain:
            err.print(say("warning", lang, finding=f), markup=False)
    certain = [f for f in findings if f.certain]
    if certain:
        err.print(say("cannot_all", lang))
        for f in certain:
            err.print(f"  - {f}", markup=False)


def _print_summary(problem: Problem) -> None:
    from .summary import capacity_summary

    s = capacity_summary(problem)
    if not problem.staff:
        out.print(
            f"Valid workbook, nothing to plan: there are no staff yet "
            f"(horizon {s['first_day']} – {s['last_day']})."
        )
        return
    out.print(f"Valid workbook: {s['first_day']} – {s['last_day']} ({problem.weeks} weeks)")
    out.print(
        f"  areas {len(problem.areas)} · staff {len(problem.staff)} · shifts {len(problem.shifts)}"
        f" · demand rows {len(problem.demand)} · rule profile {problem.profile.name}"
    )
    out.print(f"  contract hours available   {s['contract_hours']:>9.1f} h")
    out.print(
        f"  minimum staffing needs     {s['min_hours']:>9.1f} person-hours "
        f"({s['min_ratio']:.0%} of contract hours)"
    )
    out.print(
        f"  target staffing asks for   {s['target_hours']:>9.1f} person-hours "
        f"({s['target_ratio']:.0%} of contract hours)"
    )
    if s["min_ratio"] > 1:
        out.print(
            "  The minimum staffing needs more hours than the team's contracts provide: expect "
            "shortages (shortage = report) or an infeasible roster (shortage = forbid)."
        )


# --------------------------------------------------------------------------- init


@app.command()
@guarded
def init(
    path: Annotated[
        Path, typer.Argument(help="Where to write the new workbook (.xlsx).", show_default=False)
    ],
    lang: Annotated[str, typer.Option("--lang", help="Sheet and column names: en or nl.")] = "en",
    example: Annotated[
        bool, typer.Option("--example", help="Fill it with the bundled example team.")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="Instead of a workbook, copy this built-in rule profile to PATH "
            "for editing (e.g. --profile atw my-rules.toml).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    scenarios: Annotated[
        bool, typer.Option("--scenarios", help="Instead, a scenarios workbook for `roster scenarios`.")
    ] = False,
) -> None:
    """Write an empty input workbook (with instructions and drop-downs), the example, or a profile.

    Examples:

      roster init team.xlsx

      roster init team.xlsx --lang nl

      roster init example.xlsx --example

      roster init --scenarios what-if.xlsx
    """
    if lang not in ("en", "nl"):
        err.print(f"--lang: {lang!r} is not a language; use en or nl.")
        raise typer.Exit(EXIT_USAGE)
    if path.exists() and not force:
        err.print(f"{path} already exists; use --force to replace it.")
        raise typer.Exit(EXIT_USAGE)
    if scenarios:
        from .workbook.template import write_scenarios_template

        write_scenarios_template(path, lang="nl" if lang == "nl" else "en")
        out.print(
            f"Wrote scenarios workbook {path}; fill it in, then run "
            f"`roster scenarios TEAM.xlsx --scenarios {path} -o compare.xlsx`.",
            markup=False,
        )
        return
    if profile is not None:
        from .profile import find_profile

        try:
            source = find_profile(profile)
        except FileNotFoundError as exc:
            err.print(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        outputs.write_bytes(path, Path(source).read_bytes())
        out.print(f"Copied rule profile {profile} to {path}; name it in Settings rule_profile.")
        return
    from .workbook.template import write_input_workbook

    problem = None
    if example:
        from .example import example_problem

        problem = example_problem(language="nl" if lang == "nl" else "en")  # plans in its language
    write_input_workbook(path, problem, lang=lang, overwrite=force)
    what = "example workbook" if example else "empty workbook"
    out.print(f"Wrote {what} {path} ({'Dutch' if lang == 'nl' else 'English'} sheet names).")


# --------------------------------------------------------------------------- solve


@app.command()
@guarded
def solve(
    input: Annotated[Path, typer.Argument(help="The input workbook (.xlsx).", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output workbook [default: INPUT-roster.xlsx beside the input]."),
    ] = None,
    time_limit: TimeLimitOption = None,
    workers: WorkersOption = None,
    seed: SeedOption = None,
    quiet: QuietOption = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Also write the diagnosis to this file (.md or .xlsx)."),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Also print the solver's figures: status, objective, bound, gap."
        ),
    ] = False,
    prove: Annotated[
        bool,
        typer.Option(
            "--prove",
            help="Spend the last third of the time on a lower bound on the objective, "
            "so that the gap says how far the roster can be from the best possible.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Make a roster: legal, staffed where the city asks, fair; writes the output workbook.

    Before solving, a diagnosis without a solver looks for rules that certainly collide; if it
    finds any, nothing is solved. When the solver proves the hard rules infeasible anyway, a
    conflict search names the rules, people, days and rows that collide. Pre-solve warnings are
    printed, shown in the summary and recorded in the Run sheet.

    Exit 0 when a roster was written (also with a reported shortage), 1 for bad input, 3 when the
    hard rules cannot all be met (with the reason), 4 when no roster was found in time.

    Examples:

      roster solve team.xlsx -o roster.xlsx

      roster solve team.xlsx --time-limit 120 --seed 3

      roster solve team.xlsx --report why.md
    """
    from .check import check_roster
    from .diagnose import diagnose
    from .engine.solve import solve as run_solver
    from .progress import ProgressDisplay
    from .workbook.reports import write_report
    from .workbook.writer import write_output_workbook

    began = time.monotonic()  # --time-limit is the whole command's wall clock
    target = output or input.with_name(f"{input.stem}-roster.xlsx")
    check_output_path(input, target)
    if report is not None:
        _check_report_path(input, report)
        if report.resolve() == target.resolve():
            err.print("--report and --output name the same file; choose another --report")
            raise typer.Exit(EXIT_USAGE)
    problem = load_problem(input)
    lang = problem.settings.language
    if not problem.staff:
        out.print(say("nothing_to_plan", lang))
        return
    title = finding("r.title", lang, name=input.name)
    findings = diagnose(problem)
    _print_findings(findings, lang)
    if any(f.certain for f in findings):
        err.print(say("nothing_solved", lang))
        if report is not None:
            write_report(
                report, findings, [], title=title, status=finding("r.infeasible_before", lang), lang=lang
            )
            err.print(say("diagnosis_written", lang, path=report), markup=False)
        raise typer.Exit(EXIT_INFEASIBLE)
    limit = time_limit if time_limit is not None else problem.settings.time_limit_seconds
    with ProgressDisplay(limit, enabled=not quiet, console=err) as progress:
        result = run_solver(
            problem,
            time_limit=_solver_limit(problem, limit, time.monotonic() - began),
            workers=workers,
            seed=seed,
            on_progress=progress.update,
            prove=PROVE_SHARE if prove else 0.0,
        )
    if result.status == "INFEASIBLE":
        from .explain import explain

        err.print(say("infeasible", lang))
        why = explain(problem, time_limit=min(30.0, limit), findings=findings)
        for line in why.lines():
            err.print(f"  - {line}", markup=False)
        if report is not None:
            write_report(
                report, findings, why.lines(), title=title, status=finding("r.infeasible", lang), lang=lang
            )
            err.print(say("diagnosis_written", lang, path=report), markup=False)
        raise typer.Exit(EXIT_INFEASIBLE)
    if not result.status.has_roster:
        err.print(say("no_roster", lang, limit=f"{limit:g}", status=result.status), markup=False)
        raise typer.Exit(EXIT_TIMEOUT)
    checked = check_roster(problem, result.roster)
    if checked.violations:
        err.print(say("internal", lang))
        for v in checked.violations[:20]:
            err.print(f"  - {v}", markup=False)
        raise typer.Exit(EXIT_BUG)
    mismatch = checked.total_cost != result.objective
    if mismatch:
        err.print(
            say(
                "mismatch",
                lang,
                checked=f"{cost_points(checked.total_cost):.2f}",
                objective=f"{cost_points(result.objective or 0):.2f}",
            )
        )
    from .figures import people_figures, run_lines
    from .outcome import outcome

    how = outcome(problem, result.roster, result)
    extra = people_figures(problem, result.roster)
    extra["run"] = run_lines(problem, result, findings, how, limit)
    write_output_workbook(target, problem, result, checked, input_path=input, extra=extra)
    if as_json:
        emit_json(_solve_document(result, checked, how, target, findings))
    else:
        _print_solve_summary(problem, result, checked, target, findings, how, limit, verbose)
    if report is not None:
        write_report(
            report,
            findings,
            [],
            title=title,
            status=finding("r.solved", lang, status=result.status),
            lang=lang,
        )
        out.print(say("diagnosis_written", lang, path=report), markup=False)


# Seconds per output row (coverage segment or expected assignment) for checking, the People
# figures and writing the workbook after the solve: measured 37 s for 150 people over 26 weeks
# (10,012 segments, 15,543 assignments) on a quiet 2-core machine.
SECONDS_PER_OUTPUT_ROW = 1.4e-3


def _solver_limit(problem: Problem, limit: float, spent: float) -> float:
    """The solver's share of ``--time-limit``: what reading and the diagnosis (``spent``) and
    the checking and writing still to come leave, but never less than half of the limit."""
    from .coverage import segments

    rows = len(segments(problem)) + 0.6 * len(problem.staff) * problem.n_days
    return max(limit / 2, limit - spent - SECONDS_PER_OUTPUT_ROW * rows)


def _solve_document(
    result: SolveResult, checked: CheckReport, how: Outcome, target: Path, findings: list[Finding] | None
) -> dict[str, Any]:
    """`solve --json`: the minimum and hours-band outcome, the solver's figures, the output file."""
    return {
        "status": str(result.status),
        "exit_code": 0,
        "output": str(target),
        **how.as_dict(),
        "objective": None if result.objective is None else round(cost_points(result.objective), 2),
        "bound": None if result.bound is None else round(cost_points(result.bound), 2),
        "bound_method": result.bound_method,
        "gap": None if result.gap is None else round(result.gap, 6),
        "seconds": round(result.seconds, 2),
        "cost_by_family": {k: round(cost_points(v), 2) for k, v in checked.cost_by_family().items() if v},
        "presolve_warnings": [str(f) for f in findings or [] if not f.certain],
    }


def _print_solve_summary(
    problem: Problem,
    result: SolveResult,
    report: CheckReport,
    target: Path,
    findings: list[Finding] | None,
    how: Outcome,
    limit: float,
    verbose: bool,
) -> None:
    """What a coordinator acts on: the minimum staffing (met, proven short, or not yet known),
    the hours band, the largest penalties. Objective, bound and gap only with --verbose."""
    from .outcome import statements

    lang = problem.settings.language
    if verbose:
        gap = result.gap
        objective = "-" if result.objective is None else f"{cost_points(result.objective):,.2f}"
        seconds = f"{result.seconds:.1f}"
        out.print(
            say(
                "status_gap",
                lang,
                status=result.status,
                objective=objective,
                bound=f"{cost_points(result.bound):,.2f}",
                gap=f"{gap:.1%}",
                seconds=seconds,
            )
            if gap is not None and result.bound is not None
            else say("status", lang, status=result.status, objective=objective, seconds=seconds)
        )
    for line in statements(how, lang, limit):
        out.print(line, markup=False)
    costs = sorted(report.cost_by_family().items(), key=lambda kv: -kv[1])[:3]
    if costs:
        out.print(say("largest", lang, parts=", ".join(f"{k} {cost_points(v):,.2f}" for k, v in costs if v)))
    warnings = [f for f in findings or [] if not f.certain]
    if warnings:
        out.print(say("warnings", lang, n=len(warnings)))
        for f in warnings[:5]:
            out.print(f"  - {f.message}", markup=False)
        if len(warnings) > 5:
            out.print(say("more", lang, n=len(warnings) - 5))
    out.print(say("written", lang, path=target), markup=False)


# --------------------------------------------------------------------------- check


@app.command()
@guarded
def check(
    first: Annotated[
        Path,
        typer.Argument(help="The input workbook, or the roster when --input is used.", show_default=False),
    ],
    second: Annotated[
        Path | None, typer.Argument(help="The roster workbook (its Assignments sheet).", show_default=False)
    ] = None,
    input_opt: Annotated[Path | None, typer.Option("--input", help="The input workbook.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a roster (the solver's or a hand-made one in the Assignments format).

    Prints every broken hard rule and the soft cost per rule family. Exit 0 when no hard rule
    is broken, 5 when some are. Without an input workbook the one recorded in the roster's Run
    sheet is used if it is unchanged.

    With --json, stdout is one JSON object: status (ok, broken, invalid), exit_code, the
    violations (rule, staff, date, area, message), the cost per rule family and the total (in
    points), and any input errors (sheet, cell, row, col, column, value, message).

    Examples:

      roster check team.xlsx roster.xlsx

      roster check roster.xlsx

      roster check team.xlsx roster.xlsx --json
    """
    from .check import check_roster
    from .workbook.reader import read_assignments

    input_path: Path | None = None
    if second is not None:
        input_path, roster_path = first, second
    else:
        roster_path = first
    try:
        input_path = input_path or input_opt or recorded_input(roster_path)
        problem = load_problem(input_path, show_warnings=not as_json)
        roster = read_assignments(roster_path, problem)
    except InputError as exc:
        if not as_json:
            raise
        emit_json(_check_document(input_path, roster_path, None, None, exc.issues))
        raise typer.Exit(EXIT_INPUT) from None
    report = check_roster(problem, roster)
    if as_json:
        emit_json(_check_document(input_path, roster_path, roster, report, problem.warnings))
        if report.violations:
            raise typer.Exit(EXIT_BROKEN)
        return
    lang = problem.settings.language
    if report.violations:
        out.print(say("broken", lang, n=len(report.violations)))
        for v in report.violations:
            out.print(f"  - {v}", markup=False)
    else:
        out.print(say("not_broken", lang, n=len(roster)))
    costs = report.cost_by_family()
    if costs:
        out.print(say("cost_per_family", lang))
        for fam, cost in sorted(costs.items(), key=lambda kv: -kv[1]):
            out.print(f"  {fam:<22} {cost_points(cost):>12,.2f}")
        out.print(f"  {say('total', lang):<22} {cost_points(report.total_cost):>12,.2f}")
    if report.violations:
        raise typer.Exit(EXIT_BROKEN)


def _check_document(
    input_path: Path | None,
    roster_path: Path,
    roster: Roster | None,
    report: CheckReport | None,
    issues: list[Issue],
) -> dict[str, Any]:
    """`check --json`: the outcome, every broken hard rule, the costs, any input problem."""
    if report is None:
        status, code = "invalid", EXIT_INPUT
    elif report.violations:
        status, code = "broken", EXIT_BROKEN
    else:
        status, code = "ok", EXIT_OK
    costs = report.cost_by_family() if report is not None else {}
    return {
        "command": "check",
        "input": str(input_path) if input_path is not None else None,
        "roster": str(roster_path),
        "status": status,
        "exit_code": code,
        "assignments": len(roster) if roster is not None else None,
        "violations": [
            {
                "rule": v.rule,
                "staff": v.staff,
                "date": json_value(v.date),
                "area": v.area,
                "message": v.message,
            }
            for v in (report.violations if report is not None else [])
        ],
        "costs": {
            fam: round(cost_points(cost), 2) for fam, cost in sorted(costs.items(), key=lambda kv: -kv[1])
        },
        "total_cost": round(cost_points(report.total_cost), 2) if report is not None else None,
        "errors": [issue_json(i) for i in issues if i.severity == "error"],
        "warnings": [issue_json(i) for i in issues if i.severity == "warning"],
    }


def _register_commands() -> None:
    """Import every module of :mod:`roster_solver.commands`; each adds its command(s) to `app`."""
    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}")


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    app()
