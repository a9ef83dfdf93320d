"""An input workbook and a roster workbook on disk without running the solver, for CLI tests.

``write_books(folder, problem, roster)`` writes ``team.xlsx`` (the problem, as ``roster init``
would) and ``roster.xlsx`` (the roster as ``roster solve`` writes it, checked, with its Run
sheet pointing at ``team.xlsx``). The roster is built by hand, so these tests take a second,
not a solve.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from roster_solver.check import check_roster
from roster_solver.domain import Problem
from roster_solver.roster import Roster, SolveResult, Status
from roster_solver.workbook.template import write_input_workbook
from roster_solver.workbook.writer import write_output_workbook


def write_books(folder: Path, problem: Problem, roster: Roster) -> tuple[Path, Path]:
    team = folder / "team.xlsx"
    write_input_workbook(team, problem)
    report = check_roster(problem, roster)
    out = folder / "roster.xlsx"
    result = SolveResult(Status.FEASIBLE, roster, objective=report.total_cost, bound=0)
    write_output_workbook(out, problem, result, report, input_path=team)
    return team, out


def live_cells(path: Path, allowed_sheets: tuple[str, ...] = ()) -> list[str]:
    """Every formula (``<f>``) or error-value cell (``t="e"``) in the XML of the workbook's
    worksheets, as ``part: snippet``; sheets whose name is in ``allowed_sheets`` are skipped."""
    from openpyxl import load_workbook

    titles = load_workbook(path, read_only=True).sheetnames
    found: list[str] = []
    with zipfile.ZipFile(path) as z:
        for k, title in enumerate(titles, start=1):
            if title in allowed_sheets:
                continue
            xml = z.read(f"xl/worksheets/sheet{k}.xml").decode("utf-8")
            for marker in ("<f>", "<f ", 't="e"'):
                at = xml.find(marker)
                if at >= 0:
                    found.append(f"{title}: {xml[max(0, at - 80) : at + 80]}")
    return found


def text_cells(path: Path) -> list[tuple[str, str, str]]:
    """Every text cell of a written workbook as (sheet, cell, text), the Run sheet's record
    below its header left out (keys and status are data the tool reads back)."""
    from openpyxl import load_workbook

    out = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if ws.title == "Run" and cell.row > 1:
                    continue
                if isinstance(cell.value, str):
                    out.append((ws.title, cell.coordinate, cell.value))
    return out
