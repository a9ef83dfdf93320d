"""`roster briefing`: the daily briefing, one printable page per area for one date."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from .. import outputs
from ..cliutil import EXIT_USAGE, app, err, guarded, load_problem, out, recorded_input, refuse_output

SUFFIXES = (".html", ".htm", ".pdf")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> date:
    """``2027-02-06`` or ``6-2-2027``; ValueError otherwise."""
    text = text.strip()
    m = _DMY.match(text)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return date.fromisoformat(text)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: str, target: Path) -> None:
    """Print the HTML ``page`` to ``target`` with headless chromium (written atomically)."""
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory(prefix="roster-briefing-") as tmp:
        src = Path(tmp) / "briefing.html"
        src.write_text(page, encoding="utf-8")
        pdf = Path(tmp) / "briefing.pdf"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                src.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise outputs.OutputError(f"chromium did not print {target.name}; write .html instead")
        outputs.write_bytes(target, pdf.read_bytes())


@app.command()
@guarded
def briefing(
    roster_path: Annotated[
        Path, typer.Argument(metavar="ROSTER", show_default=False, help="The roster workbook.")
    ],
    day: Annotated[
        str,
        typer.Option(
            "--date", "-d", help="The day of the briefing (2027-02-06 or 6-2-2027).", show_default=False
        ),
    ],
    area: Annotated[
        str | None,
        typer.Option(
            "--area", "-a", help="Only this area [default: every area, one page each].", show_default=False
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
    reports: Annotated[
        Path | None,
        typer.Option(
            "--reports",
            help="Incident reports (CSV or xlsx, the input of `roster demand`): adds "
            "the last weeks' reports per area and shift hours.",
            show_default=False,
        ),
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52, help="Weeks of reports to look back.")] = 4,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="briefing.html or briefing.pdf (pdf needs chromium) [default: "
            "ROSTER-briefing-DATE.html beside the roster].",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the pages: en or nl [default: Settings language].", show_default=False
        ),
    ] = None,
) -> None:
    """Write the daily briefing of one date: one printable page per area.

    Per area, for every shift that starts there that day (by where people work): its times,
    who is on duty (id and name), the hotspots and events of the Demand rows' notes in those
    hours, and any stretch below minimum or target; on top, the coordinator on duty city-wide
    and the day's hotspots and events. With --reports, the last weeks' incident reports in that
    area at that time of day (count, busiest hour, main categories). Labels follow the roster's
    language (Settings language), or --lang. Never shows why someone is absent.

    Exit 1 for bad input, 2 for a date outside the horizon, an unknown area or an unusable
    output (a .pdf without chromium installed), 6 when the file cannot be written.

    Examples:

      roster briefing roster.xlsx --date 2027-02-06

      roster briefing roster.xlsx --date 6-2-2027 --area CEN -o cen.pdf

      roster briefing roster.xlsx --date 2027-02-06 --reports reports.csv
    """
    from ..briefing import briefing_data, briefing_html
    from ..workbook.reader import read_assignments

    if lang is not None and lang not in ("en", "nl"):
        err.print(f"--lang: {lang!r} is not a language; use en or nl.", markup=False)
        raise typer.Exit(EXIT_USAGE)
    try:
        when = parse_date(day)
    except ValueError:
        err.print(f"--date {day!r} is not a date; give 2027-02-06 or 6-2-2027", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    target = output or roster_path.with_name(f"{roster_path.stem}-briefing-{when:%Y-%m-%d}.html")
    refuse_output(target, SUFFIXES, example="briefing.html", inputs={str(roster_path): roster_path})
    if target.suffix.lower() == ".pdf" and chromium() is None:
        err.print(
            "a PDF briefing is printed with chromium, which is not installed "
            "(apt-get install chromium); write the briefing as .html and print it from "
            "a browser instead",
            markup=False,
        )
        raise typer.Exit(EXIT_USAGE)
    input_path = input_opt if input_opt is not None else recorded_input(roster_path)
    problem = load_problem(input_path)
    if not problem.start_date <= when <= problem.end_date:
        err.print(
            f"{when:%Y-%m-%d} is outside the roster's horizon "
            f"({problem.start_date:%Y-%m-%d} – {problem.end_date:%Y-%m-%d})",
            markup=False,
        )
        raise typer.Exit(EXIT_USAGE)
    if area is not None and area not in problem.area_by_code:
        known = ", ".join(a.code for a in problem.areas)
        err.print(f"--area {area!r} is not an area of the roster ({known})", markup=False)
        raise typer.Exit(EXIT_USAGE)
    roster = read_assignments(roster_path, problem)
    table = None
    if reports is not None:
        from ..demand.reports import read_reports

        table = read_reports(reports, problem.areas, skip_bad_rows=True, timezone=problem.settings.timezone)
    data = briefing_data(
        problem,
        roster,
        when,
        area=area,
        reports=table.reports if table is not None else None,
        weeks=weeks,
        lang=lang,
    )
    page = briefing_html(data, title=roster_path.name)
    if target.suffix.lower() == ".pdf":
        print_pdf(page, target)
    else:
        outputs.write_text(target, page)
    out.print(f"Briefing for {when:%Y-%m-%d} ({len(data.pages)} page(s)) written to {target}.", markup=False)
