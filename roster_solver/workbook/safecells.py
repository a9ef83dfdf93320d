"""Cells the tool writes: text stays text, whatever it starts with; every workbook saved whole.

openpyxl stores a str that starts with ``=`` as a formula (LibreOffice evaluates a name
``=2+5`` to 7), a str such as ``#N/A`` as an Excel error value, and refuses characters that XML
cannot hold. Every workbook writer therefore

- puts its values through :func:`put` / :func:`append` (or :func:`text` for values it sets
  itself): a str is cleaned of what XML cannot hold (C0 control characters other than tab
  and line feed, lone surrogates, U+FFFE/U+FFFF; a carriage return becomes a line feed, as
  an XML reader would make it anyway) and cut at Excel's 32,767 characters, and is then
  marked as a string cell, so it is written as an inline string, never a formula or an
  error value;
- saves with :func:`save`, which first turns any formula or error cell that still slipped
  through into text (only the sheets named in ``formula_sheets`` may hold formulas: the
  template's own lookup formulas) and then writes through :mod:`roster_solver.outputs`
  (a temporary file renamed when complete; an OSError becomes a plain OutputError).

Reading is not affected: a formula *typed in an input workbook* is still a formula there.
Never imports the solver.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from .. import outputs

MAX_TEXT = 32767  # Excel's limit for the text of one cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LIVE = ("f", "e")  # openpyxl's data types for a formula and an error value


def text(value: str) -> str:
    """``value`` as XML and Excel can hold it (see the module docstring)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", value)[:MAX_TEXT]


def clean(value: Any) -> Any:
    """A cell value ready to assign: text cleaned, everything else as it is."""
    return text(value) if isinstance(value, str) else value


def as_text(cell: Any) -> Any:
    """Mark a cell holding a str as a string cell (never a formula or an error value)."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any = None) -> Cell:
    """``ws.cell(row, column, value)`` with the value stored as data, never run."""
    cell = ws.cell(row=row, column=column)
    cell.value = clean(value)
    as_text(cell)
    return cell


def last_row(ws: Worksheet) -> int:
    """``ws.max_row`` without its scan of every cell (quadratic when asked after each row)."""
    current: int = ws._current_row  # a private attribute: untyped
    return max(1, current)


def append(ws: Worksheet, values: Iterable[Any]) -> int:
    """``ws.append(values)`` with every value stored as data; returns the row number (or 0 for
    an empty row)."""
    row = [clean(v) for v in values]
    ws.append(row)
    if not row:
        return 0
    # The row ``append`` just wrote (``max_row`` scans every cell: quadratic on long sheets,
    # 12 s of a 150-person roster's 28 s write).
    r: int = ws._current_row
    for col, v in enumerate(row, start=1):
        if isinstance(v, str):
            as_text(ws.cell(row=r, column=col))
    return r


def neutralise(
    wb: Workbook, formula_sheets: Collection[str] = (), sheets: Collection[str] | None = None
) -> int:
    """Turn every formula or error-value cell into text, outside ``formula_sheets`` and (when
    given) only in ``sheets``; the number of cells changed (0 when every writer used
    :func:`put` / :func:`append`)."""
    changed = 0
    for ws in wb.worksheets:
        if ws.title in formula_sheets or (sheets is not None and ws.title not in sheets):
            continue
        # the cells that exist, without creating the empty ones of the bounding box
        for cell in ws._cells.values():
            if cell.data_type in _LIVE and isinstance(cell.value, str):
                cell.value = text(cell.value)
                cell.data_type = "s"
                changed += 1
    return changed


def save(
    wb: Workbook,
    target: Path | str,
    *,
    formula_sheets: Collection[str] = (),
    sheets: Collection[str] | None = None,
    saver: Callable[[Workbook, Path], None] | None = None,
) -> None:
    """Neutralise (see :func:`neutralise`), then write ``wb`` to ``target`` atomically (see
    :mod:`roster_solver.outputs`). ``sheets`` limits the neutralising to the sheets the caller
    wrote (a copy of the user's workbook keeps the user's own formulas); ``saver(wb, tmp)``
    replaces ``wb.save(tmp)`` (e.g. to check the file before it is renamed)."""
    neutralise(wb, formula_sheets, sheets)
    with outputs.writing(target) as tmp:
        if saver is None:
            wb.save(tmp)
        else:
            saver(wb, tmp)
