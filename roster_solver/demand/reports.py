"""Reading a table of incident reports (meldingen) from CSV or xlsx.

Columns (header in row 1; names match like the workbook's: case-insensitive, ignoring spaces,
``_`` and ``-``; Dutch aliases accepted):

- ``timestamp`` [tijdstip, datum_tijd, gemeld_op, …]: when the report came in, e.g.
  ``2026-03-14 22:37``, ``14-3-2026 22:37``, an ISO time with an offset, or an Excel date-time;
  or two columns ``date`` [datum] and ``time`` [tijd];
- ``area`` [wijk, gebied]: the area's code or name as in the input workbook's Areas sheet;
- optional ``category`` [categorie, soort], ``priority`` [prioriteit, urgentie] (free text,
  counted in the output only), ``handling_minutes`` [afhandeltijd, behandeltijd, minuten]:
  the time the report took to handle (travel, handling, writing up). Empty means the default.

Every unusable row (no or malformed timestamp, unknown area, a handling time that is not a
non-negative number) is an :class:`~roster_solver.errors.Issue` located at the file, row and
column. :func:`read_reports` raises one :class:`~roster_solver.errors.InputError` listing all of
them, unless ``skip_bad_rows`` is set: then they are returned as warnings and the rows skipped.
Rows that are empty or whose first cell starts with ``#`` are ignored.

Never imports the solver.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..domain import Area
from ..errors import InputError, Issue, Issues, Severity, Where
from ..workbook.aliases import norm
from ..workbook.cells import display, is_empty

# canonical column -> aliases (normalised with `norm` when matched)
REPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "timestamp": (
        "tijdstip",
        "datum_tijd",
        "datumtijd",
        "gemeld_op",
        "melddatum",
        "datetime",
        "time_stamp",
        "reported_at",
        "moment",
    ),
    "date": ("datum", "day", "dag"),
    "time": ("tijd", "uur", "clock"),
    "area": ("wijk", "gebied", "area_code", "district", "wijkcode"),
    "category": ("categorie", "soort", "type", "onderwerp"),
    "priority": ("prioriteit", "urgentie", "prio"),
    "handling_minutes": (
        "afhandeltijd",
        "behandeltijd",
        "behandeltijd_minuten",
        "afhandeltijd_minuten",
        "minuten",
        "duur",
        "handling_time",
        "minutes",
        "duration",
    ),
}

_DMY_TIME = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Report:
    """One usable report: local wall-clock time (naive), area code, and what is known about it."""

    row: int
    when: datetime
    area: str
    category: str = ""
    priority: str = ""
    minutes: float | None = None


@dataclass
class ReportTable:
    """The usable reports of one file and the rows that were skipped (as warnings)."""

    source: str
    reports: list[Report] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def skipped_rows(self) -> int:
        return len({i.where.row for i in self.skipped if i.where is not None})


def read_reports(
    path: Path | str,
    areas: Sequence[Area],
    *,
    skip_bad_rows: bool = False,
    timezone: str = "Europe/Amsterdam",
) -> ReportTable:
    """Read and check every row of a report table; see the module docstring.

    Times with a UTC offset are converted to ``timezone``; times without one are taken as local.
    """
    path = Path(path)
    rows = list(_rows(path))
    source = path.name
    if not rows:
        raise InputError(Issue(Where(source), "is empty; expected a header row and one report per row"))
    header_row, header = rows[0]
    columns = _columns(source, header_row, header)
    lookup = _area_lookup(areas)
    tz = ZoneInfo(timezone)
    table = ReportTable(source)
    issues = Issues()
    for row_no, values in rows[1:]:
        if all(is_empty(v) for v in values) or str(values[0] if values else "").lstrip().startswith("#"):
            continue
        row_issues = Issues()

        def cell(name: str, values: tuple[Any, ...] = values) -> Any:
            k = columns.get(name)
            return values[k] if k is not None and k < len(values) else None

        def where(name: str, row_no: int = row_no) -> Where:
            k = columns[name]
            return Where(source, row_no, k + 1, name)

        when: datetime | None = None
        try:
            if "timestamp" in columns:
                when = parse_timestamp(cell("timestamp"), tz)
            else:
                when = _combine(cell("date"), cell("time"))
        except ValueError as exc:
            col = "timestamp" if "timestamp" in columns else "date"
            row_issues.error(where(col), str(exc), display(cell(col)))
        area_value = cell("area")
        area = lookup.get(str(area_value).strip()) if not is_empty(area_value) else None
        if area is None:
            area = lookup.get(norm(area_value)) if not is_empty(area_value) else None
        if area is None:
            msg = (
                "is empty; every report needs an area"
                if is_empty(area_value)
                else "is not an area of the input workbook; use a code or name from its Areas sheet ("
                + ", ".join(a.code for a in areas)
                + ")"
            )
            row_issues.error(where("area"), msg, display(area_value))
        minutes: float | None = None
        raw_minutes = cell("handling_minutes")
        if not is_empty(raw_minutes):
            try:
                minutes = _minutes(raw_minutes)
            except ValueError as exc:
                row_issues.error(where("handling_minutes"), str(exc), display(raw_minutes))
        if row_issues.errors:
            issues.extend(row_issues)
            continue
        assert when is not None and area is not None
        table.reports.append(
            Report(
                row=row_no,
                when=when,
                area=area,
                category=display(cell("category")) if "category" in columns else "",
                priority=display(cell("priority")) if "priority" in columns else "",
                minutes=minutes,
            )
        )
    if issues.errors:
        if not skip_bad_rows:
            raise InputError(issues.items)
        table.skipped = [Issue(i.where, i.message, i.value, Severity.WARNING) for i in issues.errors]
    return table


def parse_timestamp(value: object, tz: ZoneInfo) -> datetime:
    """A report's date and time as a naive local date-time; raises ValueError for the user."""
    expected = "is not a date and time; expected e.g. 2026-03-14 22:37 or 14-3-2026 22:37"
    if is_empty(value):
        raise ValueError("is empty; every report needs its date and time")
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        raise ValueError("has no time of day; expected e.g. 2026-03-14 22:37")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= float(value) <= 2958465:
            raise ValueError(expected)
        converted = from_excel(value)
        if not isinstance(converted, datetime):
            raise ValueError(expected)
        result = converted
    else:
        s = str(value).strip()
        m = _DMY_TIME.match(s)
        try:
            if m:
                d, mo, y, h, mi, sec = m.groups()
                result = datetime(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0))
            else:
                result = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(expected) from None
        if not m and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
            raise ValueError("has no time of day; expected e.g. 2026-03-14 22:37")
    if result.tzinfo is not None:
        result = result.astimezone(tz).replace(tzinfo=None)
    return result.replace(second=0, microsecond=0)


def _combine(day_value: object, time_value: object) -> datetime:
    """Separate date and time columns; the date column carries the error."""
    from ..workbook.cells import date_value

    day = date_value(day_value)
    if isinstance(time_value, time):
        return datetime.combine(day, time_value.replace(second=0, microsecond=0))
    if isinstance(time_value, datetime):
        return datetime.combine(day, time_value.time().replace(second=0, microsecond=0))
    m = _TIME.match(str(time_value or "").strip())
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"has the time {display(time_value)!r}, which is not a time HH:MM")
    return datetime.combine(day, time(int(m.group(1)), int(m.group(2))))


def _minutes(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("is not a number of minutes")
    if isinstance(value, int | float):
        result = float(value)
    else:
        try:
            result = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValueError("is not a number of minutes") from None
    if not 0 <= result <= 24 * 60:
        raise ValueError("is not a handling time; expected 0 to 1440 minutes")
    return result


def _area_lookup(areas: Sequence[Area]) -> dict[str, str]:
    """Exact codes first; then case-insensitive codes and names (normalised)."""
    out: dict[str, str] = {}
    for a in areas:
        out.setdefault(norm(a.name), a.code) if a.name else None
    for a in areas:
        out[norm(a.code)] = a.code
    for a in areas:
        out[a.code] = a.code
    return out


def _columns(source: str, row_no: int, header: tuple[Any, ...]) -> dict[str, int]:
    lookup: dict[str, str] = {}
    for canonical, aliases in REPORT_COLUMNS.items():
        lookup[norm(canonical)] = canonical
        for a in aliases:
            lookup.setdefault(norm(a), canonical)
    columns: dict[str, int] = {}
    for k, value in enumerate(header):
        name = lookup.get(norm(value))
        if name is not None and name not in columns:
            columns[name] = k
    missing = []
    if "timestamp" not in columns and not ("date" in columns and "time" in columns):
        missing.append("timestamp (or date and time)")
    if "area" not in columns:
        missing.append("area")
    if missing:
        found = ", ".join(display(v) for v in header if not is_empty(v)) or "nothing"
        raise InputError(
            Issue(
                Where(source, row_no),
                f"has no column {' and '.join(missing)} in its header row (found: {found})",
            )
        )
    return columns


def _rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number as a spreadsheet shows it, values) for every row of the file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(Issue(Where(path.name), "is not there (no such file)"))
    if suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        yield from _csv_rows(path)
    else:
        raise InputError(Issue(Where(path.name), "is not a .csv or .xlsx file of reports"))


def _csv_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("cp1252", errors="replace")  # Excel's Dutch CSV export
    first = text.split("\n", 1)[0]
    # Dutch Excel writes `;`-separated CSV; take the separator the header uses most.
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for values in reader:
        yield start, tuple(values)
        start = reader.line_num + 1


def _xlsx_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        what = f"cannot be opened as an xlsx workbook ({type(exc).__name__})"
        raise InputError(Issue(Where(path.name), what)) from None
    try:
        names = {norm(n): n for n in wb.sheetnames}
        name = names.get("reports") or names.get("meldingen") or wb.sheetnames[0]
        for k, values in enumerate(wb[name].iter_rows(values_only=True), start=1):
            yield k, tuple(values)
    finally:
        wb.close()
