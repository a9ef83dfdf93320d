"""The diagnosis file (``--report``) written straight from findings, without a solve: Markdown
sections by certainty, or a Diagnosis sheet with one row per finding, in the problem's language."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from roster_solver.diagnose import Finding
from roster_solver.workbook.reports import write_report
from tests.books import live_cells

CERTAIN = Finding(
    "pin_vs_must",
    "error",
    "Fixed",
    "a is pinned off on Mon 5 Jan",
    "remove the pin",
    ("Fixed!A2", "Wishes!A3"),
)
WARNING = Finding("target_unreachable", "warning", "hours", "b cannot reach the target", "=2+5")


def test_markdown_puts_certain_collisions_then_the_solver_then_warnings(tmp_path: Path) -> None:
    path = tmp_path / "why.md"
    write_report(
        path, [WARNING, CERTAIN], ["the pins collide"], title="Diagnosis of team.xlsx", status="infeasible"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Diagnosis of team.xlsx\n\nResult: infeasible\n")
    certain, solver, warnings = (
        text.index(h) for h in ("## Certain collisions", "## Conflict found by the solver", "## Warnings")
    )
    assert certain < solver < warnings
    assert "- **pin_vs_must** (Fixed): a is pinned off on Mon 5 Jan *Fix:* remove the pin" in text
    assert "- the pins collide" in text


def test_markdown_without_findings_says_so(tmp_path: Path) -> None:
    path = tmp_path / "why.md"
    write_report(path, [], [], title="T", status="valid")
    assert "No collision found before solving." in path.read_text(encoding="utf-8")


def test_the_diagnosis_sheet_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "why.xlsx"
    write_report(
        path,
        [CERTAIN, WARNING],
        ["the pins collide"],
        title="Diagnose van team.xlsx",
        status="onhaalbaar",
        lang="nl",
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["Diagnose"]
    rows = list(wb["Diagnose"].iter_rows(values_only=True))
    assert rows[0][0] == "Diagnose van team.xlsx"
    assert rows[1][:2] == ("uitkomst", "onhaalbaar")
    assert rows[3] == ("ernst", "soort", "regel", "cellen", "wat botst", "wat het oplost")
    assert rows[4] == (
        "error",
        "pin_vs_must",
        "Fixed",
        "Fixed!A2, Wishes!A3",
        "a is pinned off on Mon 5 Jan",
        "remove the pin",
    )
    assert rows[5][-1] == "=2+5"
    assert rows[6] == ("conflict", "solver", None, None, "the pins collide", None)
    assert live_cells(path) == []  # "=2+5" is stored as text, not as a formula
    assert not list(tmp_path.glob(".*tmp*"))
