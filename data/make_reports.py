"""Generate data/reports.csv: one synthetic year of incident reports for the example city.

Reproducible and byte-stable: a seeded ``random.Random``, a fixed iteration order, ``\\n`` line
ends. No personal data: a report is a time, an area code, a free-text category, a priority
and a handling time. The assumptions are written down in data/README.md; the intensities
below are in *handling hours per hour* (the load that ``roster demand`` estimates), so the
numbers can be compared with the method's thresholds directly.

Usage:  python data/make_reports.py [-o data/reports.csv] [--seed 2027]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

FIRST = date(2026, 2, 1)  # one year before the example horizon (Monday 1 February 2027)
LAST = date(2027, 1, 31)
SEED = 2027
AREAS = ("CEN", "NRD", "OST", "ZUD", "WST")
RESIDENTIAL = ("NRD", "OST", "ZUD", "WST")
AREA_FACTOR = {"CEN": 1.0, "NRD": 1.0, "OST": 0.95, "ZUD": 1.05, "WST": 1.0}

# category -> (mean handling minutes, priority)
CATEGORIES: dict[str, tuple[int, int]] = {
    "parking nuisance": (30, 3),
    "waste dumping": (45, 3),
    "dog nuisance": (35, 3),
    "abandoned bicycles": (30, 3),
    "youth nuisance": (60, 2),
    "noise nuisance": (55, 2),
    "public drunkenness": (75, 1),
    "street vending without permit": (45, 3),
    "fireworks": (50, 1),
    "event nuisance": (60, 2),
}

# School holidays (region south, assumed dates): no school-run parking complaints.
SCHOOL_HOLIDAYS = (
    (date(2026, 2, 14), date(2026, 2, 22)),
    (date(2026, 4, 25), date(2026, 5, 3)),
    (date(2026, 7, 11), date(2026, 8, 23)),
    (date(2026, 10, 17), date(2026, 10, 25)),
    (date(2026, 12, 19), date(2027, 1, 3)),
)
# Public holidays in the year (no school, quieter days), from the `holidays` package's NL list.
PUBLIC_HOLIDAYS = {
    date(2026, 4, 3),
    date(2026, 4, 5),
    date(2026, 4, 6),
    date(2026, 4, 27),
    date(2026, 5, 14),
    date(2026, 5, 24),
    date(2026, 5, 25),
    date(2026, 12, 25),
    date(2026, 12, 26),
    date(2027, 1, 1),
}
CARNIVAL = (date(2026, 2, 15), date(2026, 2, 16), date(2026, 2, 17))  # Easter 2026 − 49 … − 47
KINGS_DAY = date(2026, 4, 27)
SUMMER_FESTIVAL = (date(2026, 8, 21), date(2026, 8, 22), date(2026, 8, 23))
SINTERKLAAS = date(2026, 11, 14)
NEW_YEARS_EVE = date(2026, 12, 31)


def season(d: date) -> float:
    """+-12 % over the year, busiest in mid-July (terraces, long evenings), quietest in January."""
    doy = d.timetuple().tm_yday
    return 1 + 0.12 * math.cos(2 * math.pi * (doy - 196) / 365)


def school_day(d: date) -> bool:
    return d.weekday() < 5 and d not in PUBLIC_HOLIDAYS and not any(a <= d <= b for a, b in SCHOOL_HOLIDAYS)


def load(area: str, day: date, b: int) -> list[tuple[float, str, tuple[int, int]]]:
    """Components of the load on service day ``day`` (06:00–06:00) in hour bin ``b`` (6 … 29):
    (handling hours per hour, category, (first minute, last minute) within the hour)."""
    wd = day.weekday()
    weekend_night = wd in (4, 5)  # Friday and Saturday nights
    whole = (0, 59)
    out: list[tuple[float, str, tuple[int, int]]] = []
    if area == "CEN":
        if 7 <= b < 22:
            if wd >= 5 and b < 9:
                base = 0.25
            elif weekend_night and b >= 18:
                base = 0.9
            elif wd == 5 and 8 <= b < 14:
                base = 0.75  # Saturday market
            else:
                base = 0.5
            evening = b >= 18
            out.append((base * 0.5, "youth nuisance" if evening else "parking nuisance", whole))
            out.append(
                (base * 0.3, "public drunkenness" if evening and weekend_night else "waste dumping", whole)
            )
            out.append(
                (base * 0.2, "street vending without permit" if not evening else "noise nuisance", whole)
            )
        elif b >= 22:
            if weekend_night:
                base = 0.75 if b < 25 else 0.45 if b < 27 else 0.2
            else:
                base = 0.25 if b < 24 else 0.16 if b < 26 else 0.1
            out.append((base * 0.6, "noise nuisance", whole))
            out.append((base * 0.4, "public drunkenness", whole))
        else:  # 06:00–07:00
            out.append((0.05, "waste dumping", whole))
    else:
        if 7 <= b < 22:
            out.append((0.14, "waste dumping", whole))
            out.append((0.08, "dog nuisance" if b < 10 or b >= 18 else "abandoned bicycles", whole))
            out.append((0.14, "youth nuisance" if b >= 16 else "parking nuisance", whole))
            if school_day(day) and b == 8:
                out.append((0.4, "parking nuisance", (0, 44)))  # school run, morning
            if school_day(day) and b == 15:
                out.append((0.4, "parking nuisance", (0, 29)))  # pick-up after school
        elif b >= 22:
            base = (0.1 if weekend_night else 0.07) if b < 24 else (0.06 if weekend_night else 0.04)
            out.append((base, "noise nuisance", whole))
        else:
            out.append((0.04, "dog nuisance", whole))
    factor = AREA_FACTOR[area] * season(day)
    if day in PUBLIC_HOLIDAYS or (wd == 6 and area != "CEN"):
        factor *= 0.85 if area != "CEN" else 1.0
    out = [(x * factor, c, w) for x, c, w in out]
    out.extend(_events(area, day, b))
    return out


def _events(area: str, day: date, b: int) -> list[tuple[float, str, tuple[int, int]]]:
    whole = (0, 59)
    if day in CARNIVAL:
        if area == "CEN" and 11 <= b < 17:
            return [(0.4, "event nuisance", whole), (0.2, "public drunkenness", whole)]
        if area == "CEN" and 17 <= b < 25:
            return [(0.5, "public drunkenness", whole), (0.4, "event nuisance", whole)]
        if area == "CEN" and 25 <= b < 28:
            return [(0.5, "noise nuisance", whole)]
        if area != "CEN" and 14 <= b < 25:
            return [(0.1, "noise nuisance", whole)]
    if day == KINGS_DAY and 10 <= b < 22:
        return [(1.0 if area == "CEN" else 0.3, "event nuisance", whole)]
    if day in SUMMER_FESTIVAL and area == "CEN" and 14 <= b < 25:
        return [(0.7, "event nuisance", whole)]
    if day == SINTERKLAAS and area == "CEN" and 10 <= b < 16:
        return [(0.8, "event nuisance", whole)]
    if day == NEW_YEARS_EVE and 18 <= b < 28:
        return [(0.6 if area == "CEN" else 0.35, "fireworks", whole)]
    return []


def _poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method: fine for the small rates of one area in one hour."""
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def generate(seed: int = SEED) -> list[tuple[datetime, str, str, int, int]]:
    """All reports of the year, sorted by time then area: (time, area, category, priority, minutes)."""
    rng = random.Random(seed)
    rows: list[tuple[datetime, str, str, int, int]] = []
    day = FIRST
    while day <= LAST:
        for area in AREAS:
            for b in range(6, 30):
                start = datetime(day.year, day.month, day.day) + timedelta(hours=b)
                for erlangs, category, (lo, hi) in load(area, day, b):
                    mean, priority = CATEGORIES[category]
                    for _ in range(_poisson(rng, erlangs * 60 / mean)):
                        minutes = max(10, 5 * round(rng.triangular(0.5 * mean, 1.6 * mean, mean) / 5))
                        when = start + timedelta(minutes=rng.randint(lo, hi))
                        rows.append((when, area, category, priority, minutes))
        day += timedelta(days=1)
    # The year ends with the last service day; its night belongs to the next one.
    end = datetime(LAST.year, LAST.month, LAST.day) + timedelta(days=1)
    rows = [r for r in rows if r[0] < end]
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def write(path: Path, seed: int = SEED) -> int:
    rows = generate(seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["timestamp", "area", "category", "priority", "handling_minutes"])
        for when, area, category, priority, minutes in rows:
            w.writerow([when.strftime("%Y-%m-%d %H:%M"), area, category, priority, minutes])
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).with_name("reports.csv"))
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    n = write(args.output, args.seed)
    print(f"wrote {n} reports to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
