"""`roster report`: one self-contained HTML page about a roster (coverage, grid, fairness, hours,
penalties), for people who want to look at a roster without Excel or a solver."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..cliutil import EXIT_USAGE, app, err, guarded, load_problem, out, recorded_input, refuse_output
from ..i18n import say

REPORT_SUFFIXES = (".html", ".htm")


def _refuse_output(target: Path, roster_path: Path, input_path: Path | None) -> None:
    """Exit 2 for an output path that is not an .html file, is a folder, or is an input."""
    refuse_output(
        target,
        REPORT_SUFFIXES,
        why="the report is a web page",
        example="report.html",
        inputs={str(p): p for p in (roster_path, input_path) if p is not None},
    )


@app.command()
@guarded
def report(
    first: Annotated[
        Path,
        typer.Argument(
            metavar="ROSTER_OR_INPUT",
            show_default=False,
            help="The roster workbook; or the input workbook when ROSTER follows.",
        ),
    ],
    second: Annotated[
        Path | None,
        typer.Argument(
            metavar="ROSTER", help="The roster workbook, after the input workbook.", show_default=False
        ),
    ] = None,
    input_opt: Annotated[
        Path | None,
        typer.Option(
            "--input",
            help="The input workbook [default: the one recorded in the roster's Run sheet, if unchanged].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The HTML file to write [default: ROSTER-report.html beside the roster].",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the page: en or nl [default: Settings language].", show_default=False
        ),
    ] = None,
) -> None:
    """Write an HTML report of a roster: one self-contained page that opens offline.

    It shows the run facts, any broken hard rule (at the top), a coverage heatmap per area
    (planned against minimum and target per hour), the roster grid, fairness charts (nights,
    weekend days, Sundays, evenings per person against the team average), hours against
    contract, and the penalties per rule family with the largest deviations. Headings follow
    Settings language (en/nl), or --lang. Absence is shown as "absent", never its reason.

    The roster may be the solver's output or a hand-made roster in the Assignments format; a
    roster that breaks hard rules still gets a report (exit 0, with a warning). Exit 1 for bad
    input, 2 for an unusable output path, 6 when the report cannot be written.

    Examples:

      roster report roster.xlsx -o report.html

      roster report roster.xlsx --input team.xlsx -o report.html

      roster report team.xlsx roster.xlsx
    """
    from ..export.report import build_report, write_report
    from ..export.report_data import report_data
    from ..workbook.reader import read_assignments
    from ..workbook.writer import read_run_sheet

    if lang is not None and lang not in ("en", "nl"):
        err.print(f"--lang: {lang!r} is not a language; use en or nl.", markup=False)
        raise typer.Exit(EXIT_USAGE)
    if second is not None:
        if input_opt is not None:
            err.print("give the input workbook once: either INPUT ROSTER or ROSTER --input INPUT")
            raise typer.Exit(EXIT_USAGE)
        input_path: Path | None = first
        roster_path = second
    else:
        roster_path = first
        input_path = input_opt
    target = output or roster_path.with_name(f"{roster_path.stem}-report.html")
    _refuse_output(target, roster_path, input_path)
    if input_path is None:
        input_path = recorded_input(roster_path)
        _refuse_output(target, roster_path, input_path)
    problem = load_problem(input_path)
    roster = read_assignments(roster_path, problem)
    run = read_run_sheet(roster_path)
    data = report_data(problem, roster, run=run, roster_name=roster_path.name)
    write_report(target, build_report(data, lang=lang))
    lang = lang or problem.settings.language
    if data.violations:
        err.print(say("report_broken", lang, n=len(data.violations)))
    size = target.stat().st_size
    out.print(say("report_written", lang, path=target, size=f"{size / 1024:,.0f}"), markup=False)
