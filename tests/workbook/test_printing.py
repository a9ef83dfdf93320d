"""The output workbook prints: page setup on every sheet, the Roster one week per page, with a
headcount per work area, hours per week, a legend of shift times and repair's changes marked."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roster_solver.check import CheckReport
from roster_solver.roster import Assignment, Roster, SolveResult, Status
from roster_solver.workbook.writer import day_column, write_output_workbook
from tests.factories import day, make_problem, person

AREAS = ("CEN", "NRD", "OST", "ZUD", "WST")


def _team(n: int, weeks: int):
    staff = [person(f"B{i:02d}", area=AREAS[i % len(AREAS)]) for i in range(1, n + 1)]
    return make_problem(staff=staff, areas=AREAS, weeks=weeks)


def _cyclic_roster(problem) -> Roster:
    """Five shifts a week per person, rotating E/L/N, some deployed one area over."""
    out = []
    for i, p in enumerate(problem.staff):
        for k in range(problem.n_days):
            if (k + i) % 7 in (5, 6):
                continue
            code = "ELN"[(k // 7 + i) % 3]
            area = p.home_area if (k + i) % 4 else AREAS[(AREAS.index(p.home_area) + 1) % 5]
            if code == "N" and (k + i) % 7 == 4:
                code = "L"  # a night before two days off, not an early after a night
            out.append(Assignment(p.id, day(k), code, area))
    return Roster.of(out)


@dataclass
class _Change:
    staff: str
    name: str
    date: date
    was: str
    becomes: str
    why: str
    within_notice: bool


def _write(tmp_path: Path, problem, ros: Roster, lang: str | None = None, changes=None) -> Path:
    inp = tmp_path / "team-west.xlsx"
    inp.write_bytes(b"pretend workbook bytes")
    out = tmp_path / "roster.xlsx"
    write_output_workbook(
        out,
        problem,
        SolveResult(Status.FEASIBLE, ros, objective=0),
        CheckReport(violations=[], penalties=[]),
        input_path=inp,
        lang=lang,
        changes=changes,
    )
    return out


def test_every_sheet_prints_landscape_a4_with_titles_header_and_footer(tmp_path):
    problem = _team(6, 2)
    out = _write(tmp_path, problem, _cyclic_roster(problem), changes=[])
    wb = load_workbook(out)
    assert len(wb.worksheets) == 8
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        if ws.title != "Areas by day":  # its week blocks carry their own header rows
            assert ws.print_title_rows == "$1:$1", ws.title
        header = ws.oddHeader.center.text
        assert "team-west" in header and "05-01-2026" in header and "18-01-2026" in header
        assert ws.oddFooter.right.text == "page &P of &N"
        if ws.title not in ("Roster", "Areas by day"):
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert wb["Roster"].print_title_cols == "$A:$C"
    assert wb["Assignments"].print_title_cols == "$A:$B"
    areas = wb["Areas by day"]
    assert areas.print_title_cols == "$A:$A"
    assert [b.id for b in areas.row_breaks.brk] == [areas.max_row - 9]  # after week 1's block
    assert 10 <= areas.page_setup.scale <= 100
    nl = load_workbook(_write(tmp_path, problem, _cyclic_roster(problem), lang="nl"))
    assert nl["Rooster"].oddFooter.right.text == "pagina &P van &N"


def test_roster_breaks_after_each_week_and_fits_one_page_per_week(tmp_path):
    problem = _team(50, 4)
    ws = load_workbook(_write(tmp_path, problem, _cyclic_roster(problem)))["Roster"]
    assert ws.sheet_properties.pageSetUpPr.fitToPage is False
    # a break after each of the first three weeks' hours column, none after the last
    assert [b.id for b in ws.col_breaks.brk] == [day_column(6) + 1, day_column(13) + 1, day_column(20) + 1]
    assert 10 <= ws.page_setup.scale <= 100


def test_roster_week_hours_headcount_and_legend(tmp_path):
    problem = _team(6, 2)
    ros = _cyclic_roster(problem)
    ws = load_workbook(_write(tmp_path, problem, ros))["Roster"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[0]
    assert header[day_column(6) - 1] == "Sun 11-01"
    assert header[day_column(6)] == "hours wk 1"
    assert header[day_column(7) - 1] == "Mon 12-01"
    assert header[day_column(13)] == "hours wk 2"
    assert header[day_column(13) + 1] == "hours"
    people = {r[0]: r for r in rows[1:7]}
    for pid, r in people.items():
        weeks = [r[day_column(6)], r[day_column(13)]]
        assert sum(weeks) == r[day_column(13) + 1]  # the weeks sum to the horizon's hours
        worked = sum(1 for a in ros.assignments if a.staff == pid and day(0) <= a.date <= day(6))
        assert weeks[0] == worked * 7.5
    # headcount: people working in each area per day, by where they work that day
    first = next(i for i, r in enumerate(rows) if r[0] == "on duty per area (where people work that day)")
    counts = Counter((a.area, a.date) for a in ros.assignments)
    for i, area in enumerate(AREAS):
        r = rows[first + 1 + i]
        assert (r[0], r[1]) == (area, f"on duty in {area}")
        assert [r[day_column(k) - 1] for k in range(14)] == [counts[(area, day(k))] for k in range(14)]
    total = rows[first + 1 + len(AREAS)]
    assert total[0] == "total"
    assert [total[day_column(k) - 1] for k in range(14)] == [
        len({a.staff for a in ros.assignments if a.date == day(k)}) for k in range(14)
    ]
    legend = {r[0]: r[1] for r in rows[first:] if r[0] in ("E", "L", "N")}
    assert legend == {"E": "E 07:00\u201315:00", "L": "L 15:00\u201323:00", "N": "N 23:00\u201307:00"}
    # week separator left of the second Monday, in the people's rows
    assert ws.cell(row=2, column=day_column(7)).border.left.style == "medium"
    assert ws.cell(row=2, column=day_column(6)).border.left.style != "medium"


def test_changed_cells_are_marked_after_repair(tmp_path):
    problem = _team(3, 1)
    ros = _cyclic_roster(problem)
    change = _Change("B02", "Person B02", day(2), "E", "L", "takes over", True)
    wb = load_workbook(_write(tmp_path, problem, ros, changes=[change]))
    ws = wb["Roster"]
    row = next(r for r in range(2, 5) if ws.cell(row=r, column=1).value == "B02")
    marked = ws.cell(row=row, column=day_column(2))
    assert marked.border.left.style == "medium" and marked.border.left.color.rgb.endswith("C00000")
    assert marked.font.b
    other = ws.cell(row=row, column=day_column(1))
    assert other.border.left.style is None
    assert any(r[1] == "changed by the repair" for r in ws.iter_rows(values_only=True))


def _sheet_pages(pdf: Path) -> Counter[str]:
    """Pages per sheet, by the sheet name the footer prints at the bottom left."""
    n = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    out: Counter[str] = Counter()
    for i in range(1, n + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line.split()[0] for line in text.splitlines() if line.strip()]
        out[lines[-1]] += 1
    return out


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdfinfo")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdfinfo)",
)
def test_rendered_roster_of_50_people_over_4_weeks_prints_on_4_pages(tmp_path):
    problem = _team(50, 4)
    out = _write(tmp_path, problem, _cyclic_roster(problem))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        check=True,
        timeout=240,
    )
    pages = _sheet_pages(tmp_path / "roster.pdf")
    assert pages["Roster"] == 4
    assert pages["Areas"] == 4  # "Areas by day": one page per week
    assert set(pages) == {"Roster", "Areas", "Assignments", "Coverage", "People", "Penalties", "Run"}
