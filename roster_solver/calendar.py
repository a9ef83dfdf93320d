"""Dates, times and days: the horizon clock, day selectors and Dutch public holidays.

Everything the solver and the checker compare is an integer number of *elapsed* minutes
from the horizon start (local midnight of ``start_date`` in the workbook's time zone).
That conversion happens once, here, and is DST-aware: a 22:00–06:00 shift on the night
the clocks go back lasts 9 hours, on the night they go forward 7 hours. Local times that do
not exist or occur twice are read as :mod:`zoneinfo` does with ``fold=0``.

This module never imports the solver.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MINUTES_PER_DAY = 24 * 60
UTC = ZoneInfo("UTC")


# --------------------------------------------------------------------------- clock


@dataclass(frozen=True)
class Clock:
    """Converts local wall-clock (date, minute of day) into elapsed minutes from the horizon start."""

    start: date
    timezone: str = "Europe/Amsterdam"

    @property
    def tz(self) -> ZoneInfo:
        return _zone(self.timezone)

    def _origin_utc(self) -> datetime:
        return datetime.combine(self.start, time(0), self.tz).astimezone(UTC)

    def minute(self, day: date, minute_of_day: int = 0) -> int:
        """Elapsed minutes from the horizon start to local ``day`` at ``minute_of_day``.

        ``minute_of_day`` may be 1440 or more (it then rolls into the following days).
        """
        extra_days, mod = divmod(minute_of_day, MINUTES_PER_DAY)
        local = datetime.combine(day + timedelta(days=extra_days), time(mod // 60, mod % 60), self.tz)
        delta = local.astimezone(UTC) - self._origin_utc()
        return int(delta.total_seconds() // 60)

    def local(self, minute: int) -> datetime:
        """The local (aware) date-time at ``minute`` elapsed minutes from the horizon start."""
        return (self._origin_utc() + timedelta(minutes=minute)).astimezone(self.tz)

    def day_start(self, day: date) -> int:
        return self.minute(day, 0)


@lru_cache(maxsize=32)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def valid_timezone(name: str) -> bool:
    try:
        _zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def daterange(first: date, last: date) -> Iterable[date]:
    """Dates from ``first`` to ``last`` inclusive."""
    for k in range((last - first).days + 1):
        yield first + timedelta(days=k)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Length of the overlap of two half-open intervals (0 when they do not meet)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


# --------------------------------------------------------------------------- holidays


@lru_cache(maxsize=64)
def dutch_holidays(years: tuple[int, ...]) -> dict[date, str]:
    """Dutch public holidays of the ``holidays`` package (NL) for the given years."""
    import holidays as holidays_pkg

    result: dict[date, str] = {}
    for year in years:
        for d, name in holidays_pkg.country_holidays("NL", years=year).items():
            result[d] = str(name)
    return result


# --------------------------------------------------------------------------- times


_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*[:.hu]\s*(\d{2})\s*$")


def parse_time_text(text: str) -> int:
    """``"HH:MM"`` (also ``HH.MM``, ``HHuMM``, ``HH``) → minute of day; ``24:00`` → 1440.

    Raises ValueError with a message for the user.
    """
    s = text.strip()
    m = _TIME_RE.match(s)
    if m is None and re.fullmatch(r"\d{1,2}", s):
        hours, minutes = int(s), 0
    elif m is None:
        raise ValueError("is not a time; expected HH:MM, e.g. 07:30")
    else:
        hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes != 0):
        raise ValueError("is not a valid time of day; expected 00:00 to 24:00")
    return hours * 60 + minutes


def format_minute_of_day(minute: int) -> str:
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --------------------------------------------------------------------------- dates


_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date_text(text: str) -> date:
    """``2026-12-05`` or ``5-12-2026`` (also with ``/`` or ``.``) → date. Raises ValueError."""
    s = text.strip()
    m = _ISO_RE.match(s)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DMY_RE.match(s)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError as exc:
        raise ValueError("is not a valid date") from exc
    raise ValueError("is not a date; expected YYYY-MM-DD (e.g. 2026-12-05) or D-M-YYYY")


# --------------------------------------------------------------------------- day selectors

WEEKDAY_NAMES: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("mon", "monday", "ma", "maandag", "mo"),
        ("tue", "tues", "tuesday", "di", "dinsdag", "tu"),
        ("wed", "wednesday", "wo", "woensdag", "we"),
        ("thu", "thur", "thurs", "thursday", "do", "donderdag", "th"),
        ("fri", "friday", "vr", "vrijdag", "fr"),
        ("sat", "saturday", "za", "zaterdag", "sa"),
        ("sun", "sunday", "zo", "zondag", "su"),
    ]
):
    for _n in _names:
        WEEKDAY_NAMES[_n] = _i

KEYWORDS = {
    "all": "all",
    "alle": "all",
    "every": "all",
    "elke": "all",
    "daily": "all",
    "dagelijks": "all",
    "weekdays": "weekdays",
    "weekday": "weekdays",
    "werkdagen": "weekdays",
    "werkdag": "weekdays",
    "doordeweeks": "weekdays",
    "weekend": "weekend",
    "weekends": "weekend",
    "weekeinde": "weekend",
    "holiday": "holiday",
    "holidays": "holiday",
    "feestdag": "holiday",
    "feestdagen": "holiday",
}

SHORT_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHORT_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")


@dataclass(frozen=True)
class DaySelector:
    """A parsed ``days`` cell: which dates it selects. See docs/workbook-contract.md#types for the
    grammar."""

    text: str = "all"
    weekdays: frozenset[int] = field(default_factory=frozenset)
    dates: frozenset[date] = field(default_factory=frozenset)
    ranges: tuple[tuple[date, date], ...] = ()
    holiday: bool = False

    def matches(self, day: date, holidays: dict[date, str] | frozenset[date] | set[date]) -> bool:
        if day.weekday() in self.weekdays or day in self.dates:
            return True
        if self.holiday and day in holidays:
            return True
        return any(a <= day <= b for a, b in self.ranges)

    def explicit_dates(self) -> list[date]:
        """Dates named literally (ISO dates and ranges), for horizon checks."""
        out = set(self.dates)
        for a, b in self.ranges:
            out.update(daterange(a, b))
        return sorted(out)

    def __str__(self) -> str:
        return self.text


ALL_DAYS = DaySelector("all", frozenset(range(7)))


def parse_days(text: str) -> DaySelector:
    """Parse a day selector; raises ValueError naming the part that is not understood."""
    original = str(text).strip()
    if not original:
        raise ValueError("is empty; expected a day selector such as all, weekdays, mon-fri, 2026-12-05")
    weekdays: set[int] = set()
    dates: set[date] = set()
    ranges: list[tuple[date, date]] = []
    holiday = False
    for raw in re.split(r"[,;]", original):
        part = raw.strip().lower()
        if not part:
            continue
        kw = KEYWORDS.get(part)
        if kw == "all":
            weekdays.update(range(7))
        elif kw == "weekdays":
            weekdays.update(range(5))
        elif kw == "weekend":
            weekdays.update((5, 6))
        elif kw == "holiday":
            holiday = True
        elif part in WEEKDAY_NAMES:
            weekdays.add(WEEKDAY_NAMES[part])
        elif ".." in part:
            a_text, _, b_text = part.partition("..")
            try:
                a, b = parse_date_text(a_text), parse_date_text(b_text)
            except ValueError as exc:
                raise ValueError(
                    f"has a date range '{raw.strip()}' that is not understood; "
                    "expected YYYY-MM-DD..YYYY-MM-DD"
                ) from exc
            if b < a:
                raise ValueError(f"has a date range '{raw.strip()}' that ends before it starts")
            ranges.append((a, b))
        elif _ISO_RE.match(part):
            try:
                dates.add(parse_date_text(part))
            except ValueError as exc:
                raise ValueError(f"has '{raw.strip()}', which is not a valid date") from exc
        elif "-" in part and all(p.strip() in WEEKDAY_NAMES for p in part.split("-", 1)):
            a_name, b_name = (p.strip() for p in part.split("-", 1))
            a_i, b_i = WEEKDAY_NAMES[a_name], WEEKDAY_NAMES[b_name]
            k = a_i
            while True:
                weekdays.add(k)
                if k == b_i:
                    break
                k = (k + 1) % 7
        else:
            raise ValueError(
                f"has '{raw.strip()}', which is not a day; expected all, weekdays, weekend, "
                "holiday, a day name (mon…sun / ma…zo), a range (mon-fri), "
                "a date (2026-12-05) or a date range (2026-12-01..2026-12-07)"
            )
    return DaySelector(original, frozenset(weekdays), frozenset(dates), tuple(ranges), holiday)
