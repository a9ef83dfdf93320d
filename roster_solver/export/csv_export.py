"""CSV export for payroll: one file per calendar month, one row per person per day.

File ``hours-YYYY-MM.csv`` for every calendar month the horizon touches, holding only that
month's dates of the horizon. Rows: every person of the Staff sheet (in Staff order) × every
date, also days off (shift ``off``), absent days (``absent``, never the reason) and dates
outside the person's employment (``not_employed``); a date with two shifts (possible only in a
hand-made roster, which the checker rejects) has two rows. A shift's hours count on the date it
starts, like contract hours (docs/rules.md#precise-definitions).

Columns: ``staff, name, date, shift, area, start, end, paid_hours, night_hours``, one column
per irregular-hours window of the rule profile (profile order), and ``regular_hours`` (paid
hours outside every window). Hours have two decimals; per shift the window columns plus
``regular_hours`` sum exactly to ``paid_hours`` (:func:`~roster_solver.shift_hours.split_hours`
with a resolution of 1/100 h, largest remainder). ``start``/``end`` are local wall-clock
``YYYY-MM-DD HH:MM`` in the workbook's time zone; ``night_hours`` is real elapsed time
between 00:00 and 06:00 (one hour more on the October clock-change night).

Dialects:

- ``excel-nl`` (default): what Excel with Dutch regional settings opens by double-click:
  UTF-8 with a byte-order mark (so names with accents survive), ``;`` as separator, decimal
  comma (``7,50``), CRLF line ends.
- ``rfc4180``: UTF-8 without BOM, ``,`` as separator, decimal point, CRLF (RFC 4180), for
  scripts and payroll systems.

Formula neutralisation: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading single quote (``'=SUM(A1)``), so a spreadsheet shows it as text
and never runs it (OWASP "CSV injection"). Numbers are written as plain numbers.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from ..domain import Problem
from ..roster import Assignment, Roster
from ..shift_hours import IrregularWindow, irregular_windows, split_hours, window_names

CsvDialect = Literal["excel-nl", "rfc4180"]
BASE_COLUMNS = ("staff", "name", "date", "shift", "area", "start", "end", "paid_hours", "night_hours")
PER_HOUR = 100  # hours with two decimals
OFF, ABSENT, NOT_EMPLOYED = "off", "absent", "not_employed"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class _Dialect:
    delimiter: str
    decimal: str
    bom: bool


DIALECTS: dict[str, _Dialect] = {
    "excel-nl": _Dialect(";", ",", True),
    "rfc4180": _Dialect(",", ".", False),
}


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(_DANGEROUS) else text


@dataclass(frozen=True)
class DayRow:
    """One CSV row before formatting: hours as integers of 1/100 h."""

    staff: str
    name: str
    date: date
    shift: str
    area: str
    start: datetime | None
    end: datetime | None
    paid: int
    night: int
    windows: tuple[int, ...]
    regular: int


def columns(windows: Sequence[IrregularWindow]) -> list[str]:
    return [*BASE_COLUMNS, *window_names(windows), "regular_hours"]


def day_rows(problem: Problem, roster: Roster, windows: Sequence[IrregularWindow]) -> list[DayRow]:
    """Every person × every horizon date, in Staff order then date (see the module docstring)."""
    names = window_names(windows)
    per_day: dict[tuple[str, date], list[Assignment]] = defaultdict(list)
    for a in roster.assignments:
        per_day[(a.staff, a.date)].append(a)
    zeros = (0,) * len(names)
    rows: list[DayRow] = []
    for p in problem.staff:
        employed = problem.employed_days(p)
        for k, d in enumerate(problem.days):
            todays = sorted(per_day.get((p.id, d), []))
            for a in todays:
                inst = problem.instance(a.shift, k)
                split = split_hours(problem, inst, windows, PER_HOUR)
                rows.append(
                    DayRow(
                        p.id,
                        p.name,
                        d,
                        a.shift,
                        a.area,
                        problem.clock.local(inst.start),
                        problem.clock.local(inst.end),
                        split.paid,
                        split.night,
                        tuple(split.windows[n] for n in names),
                        split.regular,
                    )
                )
            if todays:
                continue
            if k not in employed:
                label = NOT_EMPLOYED
            elif problem.absent_on(p.id, k):
                label = ABSENT
            else:
                label = OFF
            rows.append(DayRow(p.id, p.name, d, label, "", None, None, 0, 0, zeros, 0))
    return rows


def _hours(units: int, decimal: str) -> str:
    return f"{units // PER_HOUR}{decimal}{units % PER_HOUR:02d}"


def _when(dt: datetime | None) -> str:
    return "" if dt is None else dt.strftime("%Y-%m-%d %H:%M")


def render(rows: Sequence[DayRow], header: Sequence[str], dialect: CsvDialect = "excel-nl") -> bytes:
    """The bytes of one CSV file holding ``rows``."""
    spec = DIALECTS[dialect]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=spec.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for r in rows:
        writer.writerow(
            [
                neutralise(r.staff),
                neutralise(r.name),
                r.date.isoformat(),
                neutralise(r.shift),
                neutralise(r.area),
                _when(r.start),
                _when(r.end),
                _hours(r.paid, spec.decimal),
                _hours(r.night, spec.decimal),
                *(_hours(u, spec.decimal) for u in r.windows),
                _hours(r.regular, spec.decimal),
            ]
        )
    return (b"\xef\xbb\xbf" if spec.bom else b"") + buf.getvalue().encode("utf-8")


def month_files(problem: Problem, roster: Roster, dialect: CsvDialect = "excel-nl") -> dict[str, bytes]:
    """File name → content: one ``hours-YYYY-MM.csv`` per calendar month the horizon touches."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; expected excel-nl or rfc4180")
    windows = irregular_windows(problem)
    header = columns(windows)
    by_month: dict[tuple[int, int], list[DayRow]] = {(d.year, d.month): [] for d in problem.days}
    for row in day_rows(problem, roster, windows):
        by_month[(row.date.year, row.date.month)].append(row)
    return {f"hours-{y:04d}-{m:02d}.csv": render(rows, header, dialect) for (y, m), rows in by_month.items()}
