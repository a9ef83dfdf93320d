"""A small valid input workbook as Python data, and helpers to write it and its variants.

``base_sheets()`` returns a fresh copy (sheet → rows, row 0 the header); tests edit it with
``put(sheets, "Staff", "D7", "36,5u")`` and write it with ``write_book(path, sheets)``, so the
cell addresses in expected messages are the ones a planner would see in Excel.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

Sheets = dict[str, list[list[Any]]]

BASE: Sheets = {
    "Instructions": [["How to fill in this workbook"], ["One sheet per topic; see WORKBOOK.md"]],
    "Settings": [["key", "value"], ["start_date", date(2026, 1, 5)], ["weeks", 2]],
    "Areas": [["code", "name"], ["CEN", "Centrum"], ["NRD", "Noord"]],
    "Shifts": [
        ["code", "name", "start", "end", "break_minutes", "days", "not_followed_by"],
        ["E", "Early", "07:00", "15:00", 30, "all", None],
        ["L", "Late", "15:00", "23:00", 30, "all", None],
        ["N", "Night", "23:00", "07:00", 30, "all", "E"],
    ],
    "Staff": [
        ["id", "name", "home_area", "hours_per_week", "skills", "areas", "shifts", "no_nights"],
        ["s01", "Person one", "CEN", 36, "driver", "NRD", None, "no"],
        ["s02", "Person two", "CEN", 32, None, None, None, None],
        ["s03", "Person three", "NRD", 24, "dog, driver", None, None, None],
        ["s04", "Person four", "NRD", 36, None, "*", None, None],
        ["s05", "Person five", "CEN", 28, None, None, "E, L", "yes"],
        ["s06", "Person six", "NRD", 36, None, None, None, None],
    ],
    "Limits": [["staff", "shift", "max", "min"], ["s01", "N", 4, None]],
    "Demand": [
        ["area", "days", "from", "to", "min", "target", "skill", "shift"],
        ["CEN", "weekdays", "08:00", "12:00", 1, 2, None, None],
        ["NRD", "weekend", None, None, 1, None, None, "N"],
        ["*", "all", "07:00", "23:00", 2, None, "driver", None],
    ],
    "Absence": [
        ["staff", "from", "to", "type"],
        ["s02", "2026-01-07", "2026-01-08", "leave"],
        ["s03", "2026-01-09 08:00", "2026-01-09 12:00", "training"],
    ],
    "Wishes": [
        ["staff", "days", "kind", "shift", "from", "to", "weight"],
        ["s04", "wed", "only", None, "07:00", "15:00", None],
        ["s06", "fri", "avoid", "N", None, None, 5],
    ],
    "Fixed": [
        ["staff", "date", "shift", "area"],
        ["s01", "2026-01-06", "E", "NRD"],
        ["s06", "2026-01-10", "off", None],
    ],
    "History": [
        ["staff", "date", "shift"],
        ["s01", "2026-01-04", "N"],
        ["s02", "2026-01-03", "off"],
    ],
    "Rules": [["rule", "value", "hard", "weight"], ["max_consecutive_days", 5, None, None]],
    "Holidays": [["date", "name"], ["2026-01-16", "City day"]],
}


def base_sheets() -> Sheets:
    return copy.deepcopy(BASE)


def put(sheets: Sheets, sheet: str, cell: str, value: Any) -> None:
    """Set ``sheet!cell`` (Excel address, e.g. ``D7``), growing the table as needed."""
    letters, row = coordinate_from_string(cell)
    col = column_index_from_string(letters)
    rows = sheets[sheet]
    while len(rows) < row:
        rows.append([])
    line = rows[row - 1]
    while len(line) < col:
        line.append(None)
    line[col - 1] = value


def write_book(path: Path, sheets: Sheets) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, line in enumerate(rows, start=1):
            for c, value in enumerate(line, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


@pytest.fixture
def book(tmp_path: Path) -> Callable[..., Path]:
    """``book(edit)``: write the base workbook after ``edit(sheets)`` and return its path."""

    def make(edit: Callable[[Sheets], None] | None = None, name: str = "input.xlsx") -> Path:
        sheets = base_sheets()
        if edit is not None:
            edit(sheets)
        return write_book(tmp_path / name, sheets)

    return make
