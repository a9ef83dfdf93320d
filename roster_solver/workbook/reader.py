"""Read the input workbook into a validated :class:`~roster_solver.domain.Problem`.

Contract (docs/workbook-contract.md "Reading rules"): header in row 1, records from row 2; empty
rows and rows whose first cell is text starting with ``#`` (a comment; an Excel error value such
as ``#N/A`` is no comment but an error at its cell, in any column) are skipped; each sheet is
streamed read-only up to its last row with a value; sheet and header names match in
English or Dutch, ignoring case, spaces, ``_`` and ``-``; extra columns are ignored with a
warning; unknown sheets are ignored. Every problem of one run is reported at once, each located
at its cell, through one :class:`~roster_solver.errors.InputError`; the input file is only
ever opened for reading.

How problems are collected:

- File-level problems (missing, not an .xlsx, password protected) raise at once: one line.
- Structural problems (a required sheet or column is missing, a header repeated, Settings
  without ``start_date``) and every cell problem are collected over all sheets. If any
  structural problem was found, the collected issues are raised without the cross-record
  checks (they would only repeat the structural problem row by row).
- Otherwise a record with a bad cell is skipped, the others are built, and the Problem's
  validator runs its cross-record checks with the cell issues as ``preliminary_issues``. A
  cross-record error that only says "code X is not in the Areas/Shifts/Staff sheet" for a code
  whose own row was skipped because of a bad cell is dropped: the bad cell is the real problem.
- Shift and demand times must be multiples of the slot: Settings ``slot_minutes``, or by
  default the gcd of all of them, which must be at least 15 minutes. Wish and absence times need
  not; ``23:59`` as the end of a window means 24:00.

Decisions where the contract is silent (documented for the README): an optional sheet that is
completely empty counts as absent; an empty ``min`` in Demand means 0; a whole number 0–24 in a
time cell means that hour; a date-time cell at midnight in Absence is a whole-day date; rule
keys in the Rules sheet are read in lower case with spaces and ``-`` as ``_``.

The sheets, their columns, each column's parser (by its kind), whether it is required and what
an empty cell reads as come from :mod:`.schema`; each sheet's reader only maps the columns onto
its domain record where they differ.

Never imports the solver.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from math import gcd
from pathlib import Path
from typing import IO, Any, TypeVar

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet.cell_range import CellRange
from pydantic import BaseModel, ValidationError

from ..calendar import MINUTES_PER_DAY
from ..domain import (
    OFF,
    Absence,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Holiday,
    Limit,
    Problem,
    RuleOverride,
    Settings,
    Shift,
    Src,
    StaffMember,
    Wish,
)
from ..errors import InputError, Issue, Issues, Severity, Where
from ..profile import MAX_WEIGHT
from ..roster import Assignment, Roster
from . import cells, schema
from .aliases import (
    REQUIRED_SHEETS,
    SETTINGS_KEYS,
    SHEETS_NL,
    column_lookup,
    norm,
    settings_key_lookup,
)

__all__ = ["read_assignments", "read_workbook"]

MIN_DEFAULT_SLOT = 15
END_OF_DAY_TEXT_MINUTE = 23 * 60 + 59  # 23:59 as the end of a window means 24:00
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = b"PK"
_WEIGHT_PREFIXES = ("weight.", "gewicht.")

# The Assignments sheet of an output (or hand-made) roster workbook. Other columns are ignored.
ASSIGNMENT_SHEET = ("Assignments", "Inzet")
ASSIGNMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "staff": ("medewerker",),
    "date": ("datum",),
    "shift": ("dienst",),
    "area": ("wijk",),
}
ASSIGNMENT_REQUIRED = ("staff", "date", "shift")
_NOT_WORK = {"off", "vrij", "absent", "afwezig"}

R = TypeVar("R", bound=BaseModel)


def _rule_key(value: Any) -> str:
    key = cells.text(value).lower()
    return "_".join(key.replace("-", " ").split())


# The cell parser of each kind of column or Settings value (schema.Kind). Kind ``raw`` is read
# as it is by the sheet's own code, ``settings_key`` by the Settings reader.
_PARSERS: dict[str, Callable[[Any], Any]] = {
    "code": cells.code,
    "text": cells.text,
    "integer": cells.integer,
    "number": cells.number,
    "date": cells.date_value,
    "date_time": cells.date_time,
    "time": cells.time_value,
    "end_time": cells.time_value,
    "days": cells.days,
    "codes": cells.comma_list,
    "areas": cells.area_list,
    "yes_no": cells.yes_no,
    "shift_or_off": cells.shift_or_off,
    "language": cells.language,
    "rule_key": _rule_key,
}


def _parser(kind: schema.Kind, choices: str | None = None) -> Callable[[Any], Any]:
    """The parser of a column or Settings value of ``kind`` (``choices``: its value group)."""
    if kind == "choice" and choices is not None:
        return partial(cells.choice, choices)
    return _PARSERS[kind]


# Per sheet: domain field -> the column it is read from, where they are named differently.
_FIELD_COLUMNS: dict[str, dict[str, str]] = {
    s.name: {c.attr: c.name for c in s.columns if c.field} for s in schema.SHEETS
}
# (sheet, column) -> the column's schema and its parser (None: the value is read as it is).
_COLUMNS: dict[tuple[str, str], tuple[schema.Column, Callable[[Any], Any] | None]] = {
    (s.name, c.name): (c, None if c.kind in ("raw", "settings_key") else _parser(c.kind, c.choices))
    for s in schema.SHEETS
    for c in s.columns
}


# --------------------------------------------------------------------------- public API

MAX_WORKBOOK_WEEKS = 26  # horizon of an input workbook (docs/workbook-contract.md, Settings `weeks`)


def read_workbook(path: str | Path) -> Problem:
    """Read and validate an input workbook; raises InputError listing every problem."""
    path = Path(path)
    wb = _open(path)
    try:
        sheets = _read_sheets(path, wb, _is_input_sheet)
    finally:
        wb.close()
    return _WorkbookReader(sheets, path).problem()


def read_assignments(path: str | Path, problem: Problem) -> Roster:
    """Read the ``Assignments`` sheet (Dutch ``Inzet``) of a roster workbook for ``problem``.

    Columns ``staff, date, shift`` and optional ``area`` (empty: the person's home area); other
    columns are ignored. Rows with shift ``off`` or ``absent`` (or empty) are not assignments;
    a shift written as in the Roster grid (``E@NRD``) is read as shift and area.
    Unknown codes and dates outside the horizon are errors, located at their cells.
    """
    path = Path(path)
    wanted = {norm(n) for n in ASSIGNMENT_SHEET}
    wb = _open(path)
    try:
        sheets = _read_sheets(path, wb, lambda title: norm(title) in wanted)
    finally:
        wb.close()
    return _read_assignments(sheets, path, problem)


# --------------------------------------------------------------------------- opening


def _open(path: Path) -> Any:
    """Open ``path`` read-only with openpyxl, or raise a one-line InputError saying why not.

    Read-only mode streams each sheet: a sheet with a million formatted blank rows costs no
    memory, and :func:`_read_sheets` stops at the sheet's last row with a value.
    """
    import openpyxl

    name = path.name or str(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: is not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            rest = fh.read() if head == _OLE2_MAGIC else b""
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if head == _OLE2_MAGIC:
        if "Workbook".encode("utf-16-le") in rest and "EncryptedPackage".encode("utf-16-le") not in rest:
            raise InputError(f"{name}: is an old Excel 97-2003 (.xls) file; save it as .xlsx")
        raise InputError(f"{name}: is password protected; save it without a password")
    if not head.startswith(_ZIP_MAGIC):
        raise InputError(f"{name}: is not an Excel workbook (.xlsx); save it as .xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a broken or foreign zip
        raise InputError(f"{name}: cannot be opened as an .xlsx workbook ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _is_input_sheet(title: str) -> bool:
    return norm(title) in _INPUT_SHEET_NAMES


_INPUT_SHEET_NAMES = {norm(c) for c in SHEETS_NL} | {norm(nl) for nl in SHEETS_NL.values()}


# --------------------------------------------------------------------------- reading sheets


@dataclass(frozen=True)
class _Sheet:
    """The cells of one sheet up to its last row with a value.

    ``rows[0]`` is row 1. ``errors`` holds the cells with an Excel error value, ``uncomputed``
    the formulas whose result is not saved in the file (both by (row, column), 1-based).
    """

    title: str
    rows: list[tuple[Any, ...]]
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: tuple[CellRange, ...] = ()
    bad_dates: dict[tuple[int, int], str] = field(default_factory=dict)  # serials beyond any date

    @property
    def is_empty(self) -> bool:
        return not self.errors and all(_is_blank_row(v) for v in self.rows)


@dataclass(frozen=True)
class _Extent:
    """What a quick scan of a sheet's XML finds: the last row holding a value (None when the
    scan cannot tell) and the merged cell ranges."""

    last_row: int | None
    merged: tuple[str, ...] = ()
    formulas: bool = True  # whether the sheet may hold a formula (False only when sure)


_XML_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_SHEET_DATA_RE = re.compile(rb"<(" + _XML_NAME + rb")sheetData[\s/>]")
_R_ATTR_RE = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_MERGE_RE = re.compile(
    rb"<" + _XML_NAME + rb"mergeCell\b[^>]*\sref\s*=\s*"
    rb"""["']([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)["']"""
)
_SCAN_CHUNK = 1 << 20
_DATE_OVERFLOW_RE = re.compile(r"Cell ([A-Z]+\d+) is marked as a date but the serial value (\S+) is outside")


def _value_tags(prefix: bytes) -> tuple[bytes, ...]:
    """The opening tags of a cell's content: value, inline string, formula. Matched as a prefix
    only: the other tags with such a start inside sheetData (``<family>``, ``<vertAlign>``) sit
    in an inline string's rich text, whose row has content anyway."""
    return tuple(b"<" + prefix + tag for tag in (b"v", b"is", b"f"))


def _scan_sheet_xml(fh: IO[bytes]) -> _Extent:
    """Stream a worksheet's XML once: the last row with a value (``<v>``, ``<is>`` or ``<f>``)
    and the merged ranges. Rows that only carry formatting (Excel writes them for a formatted
    range, even a million of them) are passed over at the speed of a byte search: only the
    last content tag and the last row tag of each chunk are looked at."""
    last = current = 0
    prefix: bytes | None = None  # the namespace prefix the file uses ("" or "x:")
    in_data, unknown, formulas = True, False, False
    merged: list[str] = []
    pending = b""
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        buf = pending + chunk
        cut = buf.rfind(b">") + 1 if chunk else len(buf)
        seg, pending = buf[:cut], buf[cut:]
        if prefix is None:
            found = _SHEET_DATA_RE.search(seg)
            if found is None:
                if not chunk:
                    break
                continue  # the sheet's properties before the data: nothing to count yet
            prefix = found.group(1)
            row_open, tags = b"<" + prefix + b"row", _value_tags(prefix)
            data_end = b"</" + prefix + b"sheetData>"
            seg = seg[found.start() :]  # nothing before the data counts
            close = seg.find(b">")
            if seg[close - 1 : close] == b"/":  # <sheetData/>: no rows at all
                in_data = False
        if in_data:
            end = seg.find(data_end)
            data = seg[:end] if end >= 0 else seg
            value_at = max(data.rfind(tag) for tag in tags)
            formulas = formulas or data.find(tags[-1]) >= 0
            if value_at >= 0:
                start = data.rfind(row_open, 0, value_at)
                row = _row_number(data, start) if start >= 0 else current
                if row is None:
                    unknown = True
                else:
                    last = max(last, row)
            start = data.rfind(row_open)
            if start >= 0:
                row = _row_number(data, start)
                if row is None:
                    unknown = True
                else:
                    current = row
            if end >= 0:
                in_data = False
                seg = seg[end:]
        if not in_data:
            merged.extend(m.group(1).decode("ascii").upper() for m in _MERGE_RE.finditer(seg))
        if not chunk:
            break
    return _Extent(None if unknown else last, tuple(merged), formulas)


def _row_number(data: bytes, start: int) -> int | None:
    """The ``r`` attribute of the row tag at ``start`` (None when the tag has none)."""
    close = data.find(b">", start)
    m = _R_ATTR_RE.search(data, start, close if close >= 0 else len(data))
    return int(m.group(1)) if m else None


def _scan_sheets(path: Path, wb: Any, wanted: Callable[[str], bool]) -> dict[str, _Extent]:
    """Per wanted sheet title, its extent; a sheet that cannot be scanned is read in full."""
    out: dict[str, _Extent] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            members = set(zf.namelist())
            for ws in wb.worksheets:
                member = str(getattr(ws, "_worksheet_path", "") or "").lstrip("/")
                if wanted(ws.title) and member in members:
                    with zf.open(member) as fh:
                        out[ws.title] = _scan_sheet_xml(fh)
    except Exception:  # a scan is an optimisation: read every row instead
        return out
    return out


def _read_sheets(path: Path, wb: Any, wanted: Callable[[str], bool]) -> list[_Sheet]:
    """Every wanted sheet of ``wb`` (opened read-only), each up to its last row with a value."""
    extents = _scan_sheets(path, wb, wanted)
    out: list[_Sheet] = []
    try:
        for ws in wb.worksheets:
            if not wanted(ws.title):
                continue
            extent = extents.get(ws.title, _Extent(None))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                rows, errors = _read_cells(ws, extent.last_row)
            # openpyxl reads a date-formatted number beyond the dates Excel knows as #VALUE!
            # and says so in a warning: name it for what it is.
            dates = {}
            for w in caught:
                m = _DATE_OVERFLOW_RE.match(str(w.message))
                if m:
                    row, col = coordinate_to_tuple(m.group(1))
                    dates[(row, col)] = m.group(2)
            merged = tuple(CellRange(r) for r in extent.merged)
            out.append(_Sheet(ws.title, rows, errors, merged=merged, bad_dates=dates))
    except InputError:
        raise
    except Exception as exc:  # a corrupt sheet part
        raise InputError(f"{path.name}: cannot be opened as an .xlsx workbook ({_reason(exc)})") from None
    if all(extents.get(s.title, _Extent(None)).formulas is False for s in out):
        return out  # no formula at all: nothing can lack its saved result
    formulas = _uncomputed_formulas(path, {s.title: s for s in out}, extents)
    return [replace(s, uncomputed=formulas.get(s.title, {})) for s in out]


def _read_cells(ws: Any, last_row: int | None) -> tuple[list[tuple[Any, ...]], dict[tuple[int, int], str]]:
    """Values of ``ws`` by row (up to ``last_row``) and the cells holding an Excel error value."""
    rows: list[tuple[Any, ...]] = []
    errors: dict[tuple[int, int], str] = {}
    if last_row == 0:
        return rows, errors
    ws.reset_dimensions()  # the stored dimension counts formatted blank cells too
    for r, line in enumerate(ws.iter_rows(min_row=1, max_row=last_row), start=1):
        values = []
        for c, cell in enumerate(line, start=1):
            value = cell.value
            if getattr(cell, "data_type", None) == "e" or cells.is_error_value(value):
                errors[(r, c)] = cells.display(value)
            values.append(value)
        rows.append(tuple(values))
    return rows, errors


def _uncomputed_formulas(
    path: Path, sheets: dict[str, _Sheet], extents: dict[str, _Extent]
) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet: the cells holding a formula whose result is not saved in the file.

    Excel and LibreOffice save each formula's last result, which is what the reader reads; a
    file written by a script (openpyxl, pandas) has formulas without results, which would read
    as empty cells and silently change the meaning of a row. Best effort: {} on any failure.
    """
    import openpyxl

    out: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fwb = openpyxl.load_workbook(path, read_only=True, data_only=False)
            try:
                for ws in fwb.worksheets:
                    sheet = sheets.get(ws.title)
                    if sheet is None or not sheet.rows:
                        continue
                    ws.reset_dimensions()
                    limit = extents.get(ws.title, _Extent(None)).last_row or len(sheet.rows)
                    for r, row in enumerate(
                        ws.iter_rows(min_row=1, max_row=limit, values_only=True), start=1
                    ):
                        got = sheet.rows[r - 1] if r <= len(sheet.rows) else ()
                        for c, v in enumerate(row, start=1):
                            text = v if isinstance(v, str) else getattr(v, "text", None)
                            if (
                                isinstance(text, str)
                                and text.startswith("=")
                                and (c > len(got) or got[c - 1] is None)
                            ):
                                out.setdefault(ws.title, {})[(r, c)] = text
            finally:
                fwb.close()
    except Exception:  # never fail a read because of this extra check
        return {}
    return out


# --------------------------------------------------------------------------- tables


@dataclass
class _Table:
    """One sheet as a table: its name as in the file, canonical columns and record rows."""

    name: str
    kind: str
    cols: dict[str, int]  # canonical column -> 1-based column index
    rows: list[tuple[int, tuple[Any, ...]]]
    # (row, col) of cells already reported: an Excel error value or a formula without a result
    unreadable: frozenset[tuple[int, int]] = frozenset()

    @property
    def src_columns(self) -> tuple[tuple[str, int], ...]:
        return tuple(self.cols.items())


def _is_blank_row(values: tuple[Any, ...]) -> bool:
    return all(cells.is_empty(v) for v in values)


def _is_comment(values: tuple[Any, ...]) -> bool:
    return bool(values) and cells.is_comment(values[0])


def _load_table(
    sheet: _Sheet,
    kind: str,
    lookup: dict[str, str],
    required: Iterable[str],
    issues: Issues,
    *,
    warn_extra: bool = True,
) -> _Table | None:
    """Header and record rows of ``sheet``; None (with issues) when required columns are missing.

    Every Excel error value and every formula without a saved result in the header or a record
    row (not in a comment row) is an error at its cell, also in a column that is ignored.
    """
    all_rows = sheet.rows
    title = sheet.title
    header = all_rows[0] if all_rows else ()
    cols: dict[str, int] = {}
    extra: dict[int, str] = {}
    ok = True
    for idx, raw in enumerate(header, start=1):
        if cells.is_empty(raw) or (1, idx) in sheet.errors:
            continue
        canonical = lookup.get(norm(raw))
        if canonical is None:
            extra[idx] = cells.display(raw)
            if warn_extra:
                issues.warn(
                    Where(title, 1, idx),
                    f"is not a column of the {kind} sheet; it is ignored",
                    cells.display(raw),
                )
            continue
        if canonical in cols:
            first = Where(title, 1, cols[canonical]).cell
            issues.error(
                Where(title, 1, idx, canonical),
                f"repeats column {canonical} (also in {first}); keep one",
                cells.display(raw),
            )
            ok = False
            continue
        cols[canonical] = idx
    names = {idx: col for col, idx in cols.items()} | extra
    for (r, c), value in sorted(sheet.errors.items()):
        if r == 1:
            issues.error(Where(title, 1, c), cells.ERROR_VALUE_MESSAGE + " (in the header row)", value)
    merged = [str(m) for m in sheet.merged if m.min_row <= 1]
    hint = f" (header cells {', '.join(merged)} are merged; unmerge them)" if merged else ""
    for col in required:
        if col not in cols:
            issues.error(
                Where(title, 1, None, col),
                f"is a required column of the {kind} sheet and is missing from the header row" + hint,
            )
            ok = False
    if not ok:
        return None
    for m in sheet.merged:
        if m.min_row <= 1 and m.max_col > m.min_col:
            # Only the first cell of a merged range keeps its text: the other columns lose
            # their header and would be ignored without a word.
            issues.warn(
                Where(title, 1, m.min_col),
                f"header cells {m} are merged, so the columns after the first have no header "
                "and are ignored; unmerge them",
            )
    rows: list[tuple[int, tuple[Any, ...]]] = []
    unreadable: set[tuple[int, int]] = set()
    for r, values in enumerate(all_rows[1:], start=2):
        if _is_blank_row(values):
            continue
        if (r, 1) not in sheet.errors and _is_comment(values):
            continue
        rows.append((r, values))
        for c in range(1, len(values) + 1):
            if (r, c) in sheet.bad_dates:
                unreadable.add((r, c))
                issues.error(
                    Where(title, r, c, names.get(c)),
                    "is a number formatted as a date, but beyond the dates Excel knows; type "
                    "the date, e.g. 2026-12-05",
                    sheet.bad_dates[(r, c)],
                )
            elif (r, c) in sheet.errors:
                unreadable.add((r, c))
                issues.error(
                    Where(title, r, c, names.get(c)), cells.ERROR_VALUE_MESSAGE, sheet.errors[(r, c)]
                )
            elif (r, c) in sheet.uncomputed and c in names:
                unreadable.add((r, c))
                issues.error(
                    Where(title, r, c, names[c]),
                    "is a formula whose result is not saved in the file; open and save the "
                    "workbook in Excel (or LibreOffice), or type the value",
                    sheet.uncomputed[(r, c)],
                )
    return _Table(title, kind, cols, rows, frozenset(unreadable))


class _Row:
    """One record row: parses cells, records located issues, builds the domain record."""

    def __init__(self, table: _Table, row: int, values: tuple[Any, ...], issues: Issues) -> None:
        self.table = table
        self.row = row
        self.values = values
        self.issues = issues
        self.failed = False

    @property
    def src(self) -> Src:
        return Src(self.table.name, self.row, self.table.src_columns)

    def where(self, col: str) -> Where:
        return Where(self.table.name, self.row, self.table.cols.get(col), col)

    def raw(self, col: str) -> Any:
        idx = self.table.cols.get(col)
        if idx is None or idx > len(self.values):
            return None
        return self.values[idx - 1]

    def error(self, col: str, message: str, value: Any = None) -> None:
        self.issues.error(self.where(col), message, cells.display(value))
        self.failed = True

    def unreadable(self, col: str) -> bool:
        """Whether the cell holds an Excel error value or a formula without a saved result
        (reported when the table was loaded)."""
        return (self.row, self.table.cols.get(col)) in self.table.unreadable

    def get(
        self, col: str, parse: Callable[[Any], Any], *, required: bool = False, default: Any = None
    ) -> Any:
        value = self.raw(col)
        if self.unreadable(col):
            self.failed = True
            return default
        if cells.is_empty(value):
            if required:
                self.error(col, "is empty; a value is required")
            return default
        try:
            return parse(value)
        except ValueError as exc:
            self.error(col, str(exc), value)
            return default

    def read(self, col: str) -> Any:
        """The cell of input-sheet column ``col`` parsed as the sheet's schema says: its kind's
        parser, an error when a required value is missing, the column's default when empty."""
        column, parse = _COLUMNS[self.table.kind, col]
        if parse is None:
            return self.raw(col)
        return self.get(col, parse, required=column.value_required, default=column.default)

    def build(self, model: type[R], columns: dict[str, str] | None = None, **fields: Any) -> R | None:
        """``model(src=..., **fields)``; a pydantic error becomes an issue at its cell (the
        column of a field named otherwise is the schema's, or given in ``columns``)."""
        if self.failed:
            return None
        try:
            return model(src=self.src, **fields)
        except ValidationError as exc:
            columns = _FIELD_COLUMNS.get(self.table.kind, {}) | (columns or {})
            for err in exc.errors():
                fld = str(err["loc"][0]) if err["loc"] else ""
                col = columns.get(fld, fld)
                self.error(col, _friendly(err), self.raw(col))
            return None


def _friendly(err: Any) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be at least {cells.display(ctx.get('ge'))}"
    if kind == "less_than_equal":
        return f"must be at most {cells.display(ctx.get('le'))}"
    if kind == "greater_than":
        return f"must be more than {cells.display(ctx.get('gt'))}"
    if kind == "less_than":
        return f"must be less than {cells.display(ctx.get('lt'))}"
    if kind == "literal_error":
        return f"is not one of the accepted values; expected {ctx.get('expected', '')}"
    return str(err.get("msg", "is not valid"))


# --------------------------------------------------------------------------- the workbook


@dataclass
class _Slot:
    """A time cell that must lie on the slot grid."""

    minute: int
    where: Where


@dataclass
class _WorkbookReader:
    sheets_read: list[_Sheet]
    path: Path
    issues: Issues = field(default_factory=Issues)
    structural: bool = False
    times: list[_Slot] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)  # kind -> codes of skipped rows

    # ------------------------------------------------------------------ sheets

    def _sheets(self) -> dict[str, _Sheet]:
        found: dict[str, _Sheet] = {}
        lookup = {norm(c): c for c in SHEETS_NL} | {norm(nl): c for c, nl in SHEETS_NL.items()}
        for ws in self.sheets_read:
            kind = lookup.get(norm(ws.title))
            if kind is None:
                continue  # unknown sheets (instructions, output sheets) are ignored
            if kind in found:
                self.issues.error(
                    Where(ws.title), f"is a second {kind} sheet (also '{found[kind].title}'); keep one"
                )
                self.structural = True
                continue
            found[kind] = ws
        for kind in REQUIRED_SHEETS:
            if kind not in found:
                self.issues.error(
                    Where(kind),
                    f"sheet is missing (Dutch: {SHEETS_NL[kind]}); the workbook "
                    f"needs the sheets {', '.join(REQUIRED_SHEETS)}",
                )
                self.structural = True
        return found

    def _table(self, sheets: dict[str, _Sheet], kind: str) -> _Table | None:
        sheet = sheets.get(kind)
        if sheet is None:
            return None
        spec = schema.sheet(kind)
        if not spec.required and sheet.is_empty:
            return None
        table = _load_table(sheet, kind, column_lookup(kind), spec.required_columns, self.issues)
        if table is None:
            self.structural = True
        return table

    def _rows(self, table: _Table | None) -> Iterable[_Row]:
        if table is None:
            return
        for r, values in table.rows:
            yield _Row(table, r, values, self.issues)

    def _cells(self, row: _Row, *, grid: bool = True) -> dict[str, Any]:
        """Every column of the row's sheet, in the schema's order, read as the schema says:
        domain field -> value (see :meth:`_time` for ``grid``)."""
        out: dict[str, Any] = {}
        for column in schema.sheet(row.table.kind).columns:
            if column.kind in ("time", "end_time"):
                out[column.attr] = self._time(row, column.name, grid=grid)
            else:
                out[column.attr] = row.read(column.name)
        return out

    def _time(self, row: _Row, col: str, *, grid: bool = True) -> int | None:
        """A time cell. A column of kind ``end_time`` is the end of a window, where 23:59 means
        the end of the day (24:00). ``grid``: shift and demand times must lie on the slot grid;
        wish times only decide whether a shift fits and need not."""
        minute: int | None = row.read(col)
        if _COLUMNS[row.table.kind, col][0].kind == "end_time" and minute == END_OF_DAY_TEXT_MINUTE:
            minute = MINUTES_PER_DAY
        if minute is not None and grid:
            self.times.append(_Slot(minute, row.where(col)))
        return minute

    def _skipped(self, kind: str, row: _Row, col: str) -> None:
        code = row.raw(col)
        if not cells.is_empty(code):
            self.broken.setdefault(kind, set()).add(cells.text(code))

    # ------------------------------------------------------------------ the problem

    def problem(self) -> Problem:
        sheets = self._sheets()
        tables = {s.name: self._table(sheets, s.name) for s in schema.SHEETS}
        settings = self._settings(tables["Settings"])
        records: dict[str, Any] = {
            "areas": self._areas(tables["Areas"]),
            "shifts": self._shifts(tables["Shifts"]),
            "staff": self._staff(tables["Staff"]),
            "limits": self._limits(tables["Limits"]),
            "demand": self._demand(tables["Demand"]),
            "absences": self._absences(tables["Absence"]),
            "wishes": self._wishes(tables["Wishes"]),
            "fixed": self._fixed(tables["Fixed"]),
            "history": self._history(tables["History"]),
            "rules": self._rules(tables["Rules"]),
            "holidays_extra": self._holidays(tables["Holidays"]),
        }
        self._check_slots(settings)
        if self.structural or settings is None:
            raise InputError(self.issues.items)
        try:
            return Problem(
                settings=settings,
                base_dir=str(self.path.resolve().parent),
                source_name=self.path.name,
                preliminary_issues=tuple(self.issues.items),
                **{k: tuple(v) for k, v in records.items()},
            )
        except InputError as exc:
            raise InputError(self._without_cascades(exc.issues)) from None
        except ValidationError as exc:  # a bug here, not in the input: still no traceback
            raise InputError([Issue(None, e["msg"]) for e in exc.errors()]) from None

    def _without_cascades(self, items: list[Issue]) -> list[Issue]:
        own = set(map(id, self.issues.items))
        out = []
        for issue in items:
            if id(issue) not in own and issue.severity is Severity.ERROR and self._is_cascade(issue):
                continue
            out.append(issue)
        return out

    def _is_cascade(self, issue: Issue) -> bool:
        for kind, codes in self.broken.items():
            sheet = f"the {kind} sheet"
            names_sheet = f"from {sheet}" in issue.message or f"in {sheet}" in issue.message
            if isinstance(issue.value, str) and issue.value in codes and names_sheet:
                return True
        return False

    # ------------------------------------------------------------------ Settings

    def _settings(self, table: _Table | None) -> Settings | None:
        if table is None:
            return None
        keys = settings_key_lookup()
        values: dict[str, Any] = {}
        weights: dict[str, int] = {}
        key_src: dict[str, Src] = {}
        bad: set[str] = set()
        parsers = {k.name: _parser(k.kind, k.choices) for k in schema.SETTINGS}
        for row in self._rows(table):
            raw_key = row.raw("key")
            value = row.raw("value")
            key_at = Where(table.name, row.row, table.cols["key"], "key")
            if row.unreadable("key"):
                continue  # reported when the table was loaded
            if cells.is_empty(raw_key):
                self.issues.error(key_at, "is empty; each Settings row needs a key", "")
                continue
            key_text = cells.text(raw_key)
            weight_name = next(
                (key_text[len(p) :].strip() for p in _WEIGHT_PREFIXES if key_text.lower().startswith(p)), None
            )
            canonical = f"weight.{weight_name}" if weight_name else keys.get(norm(key_text))
            if canonical is None:
                self.issues.error(
                    key_at,
                    "is not a Settings key; expected one of "
                    + ", ".join(SETTINGS_KEYS)
                    + " or weight.<name>",
                    key_text,
                )
                continue
            if canonical in key_src:
                self.issues.error(key_at, f"is given twice (also row {key_src[canonical].row})", key_text)
                continue
            key_src[canonical] = Src(
                table.name, row.row, (("key", table.cols["key"]), ("value", table.cols["value"]))
            )
            at = Where(table.name, row.row, table.cols["value"], canonical)
            if row.unreadable("value"):
                bad.add(canonical)  # reported when the table was loaded
                continue
            if cells.is_empty(value):
                continue
            try:
                if weight_name:
                    weight = cells.integer(value)
                    if weight < 0:
                        raise ValueError("must be at least 0")
                    if weight > MAX_WEIGHT:
                        raise ValueError(f"must be at most {MAX_WEIGHT}")
                    weights[weight_name] = weight
                else:
                    values[canonical] = parsers[canonical](value)
            except ValueError as exc:
                self.issues.error(at, str(exc), cells.display(value))
                bad.add(canonical)
        return self._make_settings(table, values, weights, key_src, bad)

    def _make_settings(
        self,
        table: _Table,
        values: dict[str, Any],
        weights: dict[str, int],
        key_src: dict[str, Src],
        bad: set[str],
    ) -> Settings | None:
        def at(key: str) -> Where:
            src = key_src.get(key)
            if src is None:
                return Where(table.name, None, None, key)
            return Where(src.sheet, src.row, dict(src.columns)["value"], key)

        start = values.get("start_date")
        end = values.pop("end_date", None)
        ok = True
        if start is None:
            if "start_date" not in key_src:
                self.issues.error(
                    at("start_date"),
                    "is required; add a row start_date with the first day of the horizon (a Monday)",
                )
            elif "start_date" not in bad:
                self.issues.error(at("start_date"), "is empty; a date is required")
            ok = False
        if end is not None and start is not None:
            n_days = (end - start).days + 1
            if n_days <= 0 or n_days % 7:
                self.issues.error(
                    at("end_date"),
                    f"does not end a whole number of weeks after start_date "
                    f"{start}; the horizon is whole weeks",
                    end.isoformat(),
                )
                ok = False
            elif "weeks" in values and values["weeks"] != n_days // 7:
                self.issues.error(
                    at("end_date"),
                    f"gives {n_days // 7} weeks but weeks = {values['weeks']}; give one of them",
                    end.isoformat(),
                )
                ok = False
            else:
                values["weeks"] = n_days // 7
        if "weeks" not in values and "weeks" not in bad and "end_date" not in bad and ok:
            if "weeks" in key_src:
                self.issues.error(at("weeks"), "is empty; give the horizon length in weeks (or end_date)")
            else:
                self.issues.error(at("weeks"), "is required; add a row weeks (1–26) or end_date")
        if not ok or "weeks" not in values:
            self.structural = True
            return None
        weeks = values["weeks"]
        if isinstance(weeks, int) and weeks > MAX_WORKBOOK_WEEKS:
            # The model allows longer horizons (52-week public benchmarks built in code); an input
            # workbook holds at most 26 weeks (docs/workbook-contract.md).
            self.issues.error(
                at("weeks" if "weeks" in key_src else "end_date"),
                f"must be at most {MAX_WORKBOOK_WEEKS}",
                str(weeks),
            )
            self.structural = True
            return None
        try:
            return Settings(weights=weights, key_src=key_src, **values)
        except ValidationError as exc:
            rejected = set()
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                rejected.add(key)
                where = at(key if key != "weeks" or "weeks" in key_src else "end_date")
                self.issues.error(where, _friendly(err), cells.display(values.get(key)))
        if rejected & {"start_date", "weeks"}:
            self.structural = True
            return None
        # A bad optional setting is reported above; the rest of the workbook is still checked.
        try:
            return Settings(
                weights=weights, key_src=key_src, **{k: v for k, v in values.items() if k not in rejected}
            )
        except ValidationError:
            self.structural = True
            return None

    # ------------------------------------------------------------------ record sheets

    def _areas(self, table: _Table | None) -> list[Area]:
        out = []
        for row in self._rows(table):
            rec = row.build(Area, **self._cells(row))
            if rec is None:
                self._skipped("Areas", row, "code")
            else:
                out.append(rec)
        return out

    def _shifts(self, table: _Table | None) -> list[Shift]:
        out = []
        for row in self._rows(table):
            rec = row.build(Shift, **self._cells(row))
            if rec is None:
                self._skipped("Shifts", row, "code")
            else:
                out.append(rec)
        return out

    def _staff(self, table: _Table | None) -> list[StaffMember]:
        out = []
        for row in self._rows(table):
            values = self._cells(row)
            values["areas"], values["all_areas"] = values["areas"]  # "*" among them: all areas
            values["skills"] = frozenset(values["skills"])
            values["shifts"] = values["shifts"] or None  # none listed: every shift
            rec = row.build(StaffMember, **values)
            if rec is None:
                self._skipped("Staff", row, "id")
            else:
                out.append(rec)
        return out

    def _limits(self, table: _Table | None) -> list[Limit]:
        return self._records(table, Limit)

    def _demand(self, table: _Table | None) -> list[DemandRow]:
        return self._records(table, DemandRow)

    def _absences(self, table: _Table | None) -> list[Absence]:
        out = []
        for row in self._rows(table):
            # Each bound is a date and a minute; read before the other columns, as always (the
            # order of a row's messages).
            start_date, start_minute = row.read("from") or (None, None)
            end_date, end_minute = row.read("to") or (None, None)
            if end_minute == END_OF_DAY_TEXT_MINUTE:  # "2027-03-03 23:59": until the end of that day
                end_minute = MINUTES_PER_DAY
            rec = row.build(
                Absence,
                {"start_date": "from", "start_minute": "from", "end_date": "to", "end_minute": "to"},
                staff=row.read("staff"),
                start_date=start_date,
                end_date=end_date,
                start_minute=start_minute,
                end_minute=end_minute,
                type=row.read("type"),
                hours=row.read("hours"),
            )
            if rec is not None:
                out.append(rec)
        return out

    def _wishes(self, table: _Table | None) -> list[Wish]:
        return self._records(table, Wish, grid=False)

    def _fixed(self, table: _Table | None) -> list[Fixed]:
        return self._records(table, Fixed)

    def _history(self, table: _Table | None) -> list[HistoryEntry]:
        # History records work; a day off is no fact.
        return [h for h in self._records(table, HistoryEntry) if h.shift != OFF]

    def _rules(self, table: _Table | None) -> list[RuleOverride]:
        out = []
        for row in self._rows(table):
            value = row.raw("value")
            if row.unreadable("value"):
                row.failed, value = True, None  # reported when the table was loaded
            if isinstance(value, str):
                value = value.strip()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            values = self._cells(row) | {"value": None if cells.is_empty(value) else value}
            rec = row.build(RuleOverride, **values)
            if rec is not None:
                out.append(rec)
        return out

    def _holidays(self, table: _Table | None) -> list[Holiday]:
        return self._records(table, Holiday)

    def _records(self, table: _Table | None, model: type[R], *, grid: bool = True) -> list[R]:
        """One ``model`` per record row whose cells are all good, its fields the sheet's
        columns as :meth:`_cells` reads them."""
        out = []
        for row in self._rows(table):
            rec = row.build(model, **self._cells(row, grid=grid))
            if rec is not None:
                out.append(rec)
        return out

    # ------------------------------------------------------------------ slots

    def _check_slots(self, settings: Settings | None) -> None:
        if not self.times:
            return
        slot = settings.slot_minutes if settings is not None else None
        if slot:
            for t in self.times:
                if t.minute % slot:
                    self.issues.error(
                        t.where,
                        f"is not a multiple of slot_minutes ({slot} minutes)",
                        cells.format_minute(t.minute),
                    )
            return
        g = MINUTES_PER_DAY
        for t in self.times:
            g = gcd(g, t.minute)
        if g >= MIN_DEFAULT_SLOT:
            return
        for t in self.times:
            if t.minute % MIN_DEFAULT_SLOT:
                self.issues.error(
                    t.where,
                    f"is not on a {MIN_DEFAULT_SLOT}-minute grid: the default slot (the gcd of all shift "
                    f"and demand times) would be {g} minutes, less than {MIN_DEFAULT_SLOT}; "
                    "round the time or set slot_minutes in Settings",
                    cells.format_minute(t.minute),
                )


# --------------------------------------------------------------------------- Assignments


def _read_assignments(sheets: list[_Sheet], path: Path, problem: Problem) -> Roster:
    issues = Issues()
    ws = sheets[0] if sheets else None
    if ws is None:
        raise InputError(
            f"{path.name}: has no {ASSIGNMENT_SHEET[0]} sheet (Dutch: {ASSIGNMENT_SHEET[1]}) "
            "with the roster's assignments"
        )
    lookup: dict[str, str] = {}
    for canonical, aliases in ASSIGNMENT_COLUMNS.items():
        lookup[norm(canonical)] = canonical
        lookup.update({norm(a): canonical for a in aliases})
    table = _load_table(ws, "Assignments", lookup, ASSIGNMENT_REQUIRED, issues, warn_extra=False)
    if table is None:
        raise InputError(issues.items)
    out: list[Assignment] = []
    first, last = problem.start_date, problem.end_date
    for r, values in table.rows:
        row = _Row(table, r, values, issues)
        if any(row.unreadable(col) for col in table.cols):
            continue  # reported when the table was loaded
        raw_shift = row.raw("shift")
        if cells.is_empty(raw_shift) or cells.text(raw_shift).lower() in _NOT_WORK:
            continue
        staff = row.get("staff", cells.code, required=True)
        day = row.get("date", cells.date_value, required=True)
        shift = cells.text(raw_shift)
        area = row.get("area", cells.code)
        area_col = "area"
        if "@" in shift:  # the Roster grid's "E@NRD" pasted into a hand-made sheet
            shift, _, at_area = shift.partition("@")
            if area is None and at_area.strip():
                area, area_col = at_area.strip(), "shift"  # report a bad area at the shift cell
            shift = shift.strip()
        person = problem.staff_by_id.get(staff) if staff is not None else None
        if staff is not None and person is None:
            row.error("staff", "is not a staff id from the Staff sheet", staff)
        if shift not in problem.shift_by_code:
            row.error("shift", "is not a shift code from the Shifts sheet", shift)
        if area is not None and area not in problem.area_by_code:
            row.error(area_col, "is not an area code from the Areas sheet", area)
        if isinstance(day, date) and not first <= day <= last:
            row.error("date", f"lies outside the horizon {first} – {last}", day)
        if row.failed or person is None or day is None:
            continue
        out.append(Assignment(person.id, day, shift, area or person.home_area))
    issues.raise_if_errors()
    return Roster.of(out)
