"""Cell parsing: pure functions from an openpyxl cell value to a domain value.

Each parser takes the raw value openpyxl gives (``None``, ``str``, ``int``, ``float``, ``bool``,
``datetime``, ``date``, ``time``, ``timedelta``) and returns the parsed value or raises
``ValueError`` whose message says what is wrong and what is expected, worded to follow the
offending value in a located issue (``Staff!D7 (hours_per_week): "36,5u" — is not a number``).
Empty cells are the caller's business (see :func:`is_empty`), except where a parser takes a
default.

Never imports the solver.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from openpyxl.utils.datetime import from_excel

from ..calendar import MINUTES_PER_DAY, DaySelector, parse_date_text, parse_days, parse_time_text
from .aliases import VALUE_ALIASES, canonical_value

_MAX_SERIAL = 2958465  # 9999-12-31 in Excel's 1900 date system
_NUMBER_RE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
# "1.000" / "2,500": a Dutch (or English) thousands separator, or a decimal with three places?
_GROUPED_RE = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
_SECONDS_RE = re.compile(r"^(\d{1,2}[:.]\d{2})[:.]00$")
_DATETIME_RE = re.compile(r"^(\S+)(?:\s+|T)(\d{1,2}[:.hu]\d{2}(?:[:.]00)?)$")
_EXCEL_EPOCH_DAYS = (date(1899, 12, 30), date(1899, 12, 31))


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Excel's error values as stored in the file (openpyxl reads them as cells of data type "e",
# their value the text below), the newer ones, and the Dutch spellings Excel shows, which end up
# as text when such a cell is pasted as values.
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#PYTHON!",
        "#EXTERNAL!",
        "#LEEG!",
        "#DEEL/0!",
        "#WAARDE!",
        "#VERW!",
        "#NAAM?",
        "#GETAL!",
        "#N/B",
        "#OVERLOOP!",
    }
)
ERROR_VALUE_MESSAGE = (
    "is an Excel error value (a formula that could not be computed, e.g. a lookup "
    "that found nothing); fix the formula or type the value"
)


def is_error_value(value: object) -> bool:
    """Whether ``value`` is the text of an Excel error value (``#N/A``, ``#REF!``, …)."""
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def is_comment(value: object) -> bool:
    """A comment row starts with text beginning with ``#`` that is not an Excel error value."""
    return isinstance(value, str) and value.lstrip().startswith("#") and not is_error_value(value)


def display(value: object) -> str:
    """The value as a planner would recognise it in a message."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"{value:.6g}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def format_minute(minute: int) -> str:
    """Minute of day → ``HH:MM`` (1440 → ``24:00``)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --------------------------------------------------------------------------- text


def text(value: object) -> str:
    """Free text, trimmed; whole numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | datetime | date | time):
        return display(value)
    return str(value).strip()


def code(value: object) -> str:
    """A code (area, shift, staff id, skill): trimmed, case-sensitive; 101 → ``"101"``."""
    result = text(value)
    if not result:
        raise ValueError("is empty; a code is required")
    return result


def comma_list(value: object) -> tuple[str, ...]:
    """``"dog, driver"`` → ``("dog", "driver")``; ``;`` also separates; duplicates dropped."""
    if is_empty(value):
        return ()
    out: list[str] = []
    for part in re.split(r"[,;]", text(value)):
        item = part.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def area_list(value: object) -> tuple[tuple[str, ...], bool]:
    """Staff ``areas``: the listed codes and whether ``*`` (all areas) is among them."""
    items = comma_list(value)
    return tuple(a for a in items if a != "*"), "*" in items


def shift_or_off(value: object) -> str:
    """A shift code, or ``off`` (Dutch ``vrij``, any case)."""
    if canonical_value("off", text(value)) == "off":
        return "off"
    return code(value)


# --------------------------------------------------------------------------- numbers


def number(value: object) -> float:
    """A number; text with a decimal point or comma (``"36,5"``, ``"36.5"``) is accepted."""
    if isinstance(value, bool):
        raise ValueError("is not a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError("is not a number")
        return float(value)
    if isinstance(value, str):
        s = value.strip().replace("\u00a0", "")
        if _GROUPED_RE.match(s):
            raise ValueError(
                "is ambiguous: a thousands separator or a decimal? Write the number "
                "without a separator (1000) or with fewer decimals (1,5)"
            )
        if _NUMBER_RE.match(s):
            return float(s.replace(",", "."))
    raise ValueError("is not a number")


def integer(value: object) -> int:
    """A whole number (``3``, ``3.0``, ``"3"``)."""
    try:
        n = number(value)
    except ValueError as exc:
        if str(exc).startswith("is ambiguous"):
            raise
        raise ValueError("is not a whole number") from None
    if not n.is_integer():
        raise ValueError("is not a whole number")
    return int(n)


def yes_no(value: object, default: bool | None = None) -> bool | None:
    """yes/no and their aliases (``ja``/``nee``, ``x``, 1/0, TRUE/FALSE); empty → ``default``."""
    if is_empty(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    canonical = canonical_value("yes_no", text(value))
    if canonical is None:
        raise ValueError("is not yes or no (ja/nee)")
    return canonical == "yes"


def choice(group: str, value: object) -> str:
    """An enumeration value with its Dutch aliases (see ``aliases.VALUE_ALIASES``)."""
    canonical = canonical_value(group, text(value))
    if canonical is None:
        options = list(VALUE_ALIASES[group])
        expected = ", ".join(options[:-1]) + " or " + options[-1] if len(options) > 1 else options[0]
        raise ValueError(f"is not one of the accepted values; expected {expected}")
    return canonical


def language(value: object) -> str:
    key = text(value).lower()
    if key in ("en", "english", "engels"):
        return "en"
    if key in ("nl", "dutch", "nederlands"):
        return "nl"
    raise ValueError("is not a language; expected en or nl")


# --------------------------------------------------------------------------- dates and times


def _serial_to_datetime(value: float) -> datetime:
    if not 1 <= value <= _MAX_SERIAL:
        raise ValueError
    result = from_excel(value)
    assert isinstance(result, datetime)
    return result


def date_value(value: object) -> date:
    """A date: a date cell, an Excel serial number, or text ``2026-12-05`` / ``5-12-2026``."""
    if isinstance(value, datetime):
        if value.time() != time(0):
            raise ValueError("has a time of day; expected a date without a time")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            try:
                return _serial_to_datetime(value).date()
            except ValueError:
                pass
        raise ValueError("is not a date; expected YYYY-MM-DD (e.g. 2026-12-05) or D-M-YYYY")
    if isinstance(value, str):
        return parse_date_text(value)
    raise ValueError("is not a date; expected YYYY-MM-DD (e.g. 2026-12-05) or D-M-YYYY")


def _time_text(s: str) -> int:
    s = s.strip()
    m = _SECONDS_RE.match(s)
    return parse_time_text(m.group(1) if m else s)


def _seconds_to_minute(seconds: float) -> int:
    return round(seconds / 60)


def time_value(value: object) -> int:
    """A time of day as minutes (0–1440).

    Accepts an Excel time cell (``datetime.time``; 24:00 arrives as 1899-12-31 00:00), a
    fraction of a day (``0.3125`` = 07:30), a whole number of hours 0–24, or text ``HH:MM``.
    """
    result: int | None = None
    if isinstance(value, time):
        result = _seconds_to_minute(
            value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        )
    elif isinstance(value, datetime):
        if value.date() in _EXCEL_EPOCH_DAYS:
            days = (value.date() - _EXCEL_EPOCH_DAYS[0]).days
            t = value.time()
            result = days * MINUTES_PER_DAY + _seconds_to_minute(
                t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6
            )
        else:
            raise ValueError("is a date; expected a time HH:MM, e.g. 07:30")
    elif isinstance(value, timedelta):
        result = _seconds_to_minute(value.total_seconds())
    elif isinstance(value, bool):
        raise ValueError("is not a time; expected HH:MM, e.g. 07:30")
    elif isinstance(value, int | float):
        if float(value).is_integer() and 0 <= value <= 24:
            result = int(value) * 60
        elif 0 < value < 1:
            result = round(value * MINUTES_PER_DAY)
        else:
            raise ValueError("is not a time; expected HH:MM, e.g. 07:30")
    elif isinstance(value, str):
        result = _time_text(value)
    else:
        raise ValueError("is not a time; expected HH:MM, e.g. 07:30")
    if not 0 <= result <= MINUTES_PER_DAY:
        raise ValueError("is not a valid time of day; expected 00:00 to 24:00")
    return result


def date_time(value: object) -> tuple[date, int | None]:
    """A date or a date-time (part-day absence): ``(date, minute of day or None)``.

    A date-time cell at midnight counts as a plain date; text with an explicit time
    (``2026-12-05 08:00``, also ``00:00``) keeps its time.
    """
    expected = "is not a date or date-time; expected YYYY-MM-DD or YYYY-MM-DD HH:MM"
    if isinstance(value, datetime):
        t = value.time()
        if t == time(0):
            return value.date(), None
        return value.date(), _seconds_to_minute(t.hour * 3600 + t.minute * 60 + t.second)
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            dt = _serial_to_datetime(value)
        except ValueError:
            raise ValueError(expected) from None
        return date_time(dt)
    if isinstance(value, str):
        s = value.strip()
        try:
            return parse_date_text(s), None
        except ValueError as exc:
            if str(exc) == "is not a valid date":  # the right shape, no such day (31-02-2027)
                raise ValueError("is not a valid date (no such day)") from None
        m = _DATETIME_RE.match(s)
        if m:
            try:
                return parse_date_text(m.group(1)), _time_text(m.group(2))
            except ValueError as exc:
                raise ValueError(f"{exc} ({expected.removeprefix('is not a date or date-time; ')})") from None
    raise ValueError(expected)


def days(value: object) -> DaySelector:
    """A day selector (``mon-fri``, ``weekend``, ``2026-12-05``, …); a date cell is one date."""
    if isinstance(value, datetime | date):
        return parse_days(display(value))
    return parse_days(text(value))
