"""`roster export`: HR exports of a roster (CSV per month, iCalendar per person, JSON).

The formats are specified in :mod:`roster_solver.export` and docs/export.md.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import outputs
from ..cliutil import EXIT_USAGE, app, err, guarded, load_problem, out, recorded_input
from ..i18n import say

STDOUT = Path("-")


class Format(StrEnum):
    csv = "csv"
    ics = "ics"
    json = "json"


class Dialect(StrEnum):
    excel_nl = "excel-nl"
    rfc4180 = "rfc4180"


def _refuse_folder(folder: Path, formats: list[Format]) -> None:
    """Before any work: exit 2 when ``folder`` can never be the output folder (a file, under a
    file, or ``-`` with a format other than json alone); exit 6 (OutputError) when it cannot be
    written now."""
    from ..export.files import OutputFolderError, check_folder

    if folder == STDOUT:
        if set(formats) != {Format.json}:
            err.print(
                "--out - (standard output) works only with --format json alone; csv and "
                "ics write several files: give a folder",
                markup=False,
            )
            raise typer.Exit(EXIT_USAGE)
        return
    try:
        check_folder(folder)
    except OutputFolderError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    outputs.check_writable(folder / "roster.json")


@app.command()
@guarded
def export(
    roster: Annotated[
        Path,
        typer.Argument(
            metavar="ROSTER", help="The roster workbook (its Assignments sheet).", show_default=False
        ),
    ],
    formats: Annotated[
        list[Format],
        typer.Option("--format", "-f", help="csv, ics or json; repeat for several.", show_default=False),
    ],
    out_dir: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The folder to write to (created if needed); - writes the json export to standard output.",
            show_default=False,
        ),
    ],
    input_opt: Annotated[
        Path | None,
        typer.Option(
            "--input",
            help="The input workbook [default: the one recorded in the roster's Run sheet, if unchanged].",
            show_default=False,
        ),
    ] = None,
    dialect: Annotated[
        Dialect,
        typer.Option(
            "--dialect",
            help="CSV flavour: excel-nl (; and decimal comma, UTF-8 "
            "with BOM) or rfc4180 (, and decimal point).",
        ),
    ] = Dialect.excel_nl,
    namespace: Annotated[
        str | None,
        typer.Option(
            "--namespace",
            help="Calendar namespace for the event UIDs [default: the one of "
            "the previous export in --out, else the team's area codes].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export a roster for HR and payroll: CSV, iCalendar and/or JSON files in a folder.

    csv: hours-YYYY-MM.csv per calendar month, one row per person per day (also days off and
    absent days, never the reason) with paid, night and irregular-hours window hours.

    ics: <staff id>.ics per person (percent-encoded; a long id is shortened with a hash, so
    names stay unique); a previous export in the folder is read so that a shift that
    disappeared is sent as cancelled and changed shifts update their event.

    json: roster.json with the horizon, people and assignments (schema in docs/export.md);
    with --out - it is printed on standard output instead (json alone).

    All files are written together at the end (temporary names, then renamed); the roster and
    the input workbook are never changed, and a failed export leaves no files and no new empty
    folder. Exit 0 done, 1 bad input, 2 unusable --out, 6 the files cannot be written.

    Examples:

      roster export roster.xlsx --format csv --out hr/

      roster export roster.xlsx -f ics -f json --out exports/ --input team.xlsx

      roster export roster.xlsx -f json --out - | jq .assignments
    """
    from ..check import check_roster
    from ..export import csv_export, ics, json_export
    from ..export.files import OutputFolderError, write_files
    from ..workbook.reader import read_assignments

    _refuse_folder(out_dir, formats)
    input_path = input_opt or recorded_input(roster)
    problem = load_problem(input_path)
    assignments = read_assignments(roster, problem)
    broken = check_roster(problem, assignments).violations
    lang = problem.settings.language
    if broken:
        err.print(say("export_broken", lang, n=len(broken)), markup=False)

    if out_dir == STDOUT:
        document = json_export.json_files(problem, assignments)["roster.json"]
        sys.stdout.write(document.decode("utf-8"))
        sys.stdout.flush()
        err.print(say("exported_stdout", lang, n=len(assignments)), markup=False)
        return
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for fmt in dict.fromkeys(formats):
        if fmt is Format.csv:
            made = csv_export.month_files(problem, assignments, dialect.value)
        elif fmt is Format.ics:
            made = ics.calendar_files(problem, assignments, out_dir, namespace=namespace)
        else:
            made = json_export.json_files(problem, assignments)
        counts[fmt.value] = len(made)
        files.update(made)
    try:
        write_files(out_dir, files)
    except OutputFolderError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    parts = ", ".join(say("file" if n == 1 else "files", lang, n=n, fmt=fmt) for fmt, n in counts.items())
    out.print(say("exported", lang, n=len(assignments), parts=parts, folder=out_dir), markup=False)
