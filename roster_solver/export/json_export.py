"""JSON export for other systems: one file ``roster.json`` (schema in docs/export.md).

Top level: ``schema`` (``"roster-export"``), ``schema_version`` (1), ``horizon`` (start, end,
weeks, timezone), ``irregular_windows`` (the profile's ranges), ``people`` (id, name,
home_area, and ``absent_dates``: dates shown as absent in the roster grid, never a reason),
and ``assignments``: the rows of the output workbook's Assignments sheet, with ``start`` and
``end`` as ISO 8601 local times *with* their UTC offset (unambiguous on clock-change nights),
hours exact to 1/10000 h as in the sheet, ``window_hours`` per window name and
``regular_hours`` (paid hours outside every window); per assignment the window hours plus
``regular_hours`` sum to ``paid_hours``.

Keys are stable within a schema version; a new key may be added without a new version, a
renamed or removed key or a changed meaning raises ``schema_version``.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain import Problem
from ..roster import Roster
from ..shift_hours import HOUR_UNITS, irregular_windows, split_hours

SCHEMA = "roster-export"
SCHEMA_VERSION = 1


def _hours(units: int) -> float:
    return round(units / HOUR_UNITS, 4)


def export_document(problem: Problem, roster: Roster) -> dict[str, Any]:
    """The export as plain JSON-ready data (see the module docstring)."""
    windows = irregular_windows(problem)
    people = []
    for p in problem.staff:
        absent = [d.isoformat() for k, d in enumerate(problem.days) if problem.absent_on(p.id, k)]
        people.append({"id": p.id, "name": p.name, "home_area": p.home_area, "absent_dates": absent})
    assignments = []
    for a in sorted(roster.assignments, key=lambda a: (a.date, a.staff, a.shift)):
        member = problem.staff_by_id.get(a.staff)
        inst = problem.instance(a.shift, problem.day_index(a.date))
        split = split_hours(problem, inst, windows, HOUR_UNITS)
        assignments.append(
            {
                "staff": a.staff,
                "name": member.name if member else None,
                "date": a.date.isoformat(),
                "shift": a.shift,
                "area": a.area,
                "start": problem.clock.local(inst.start).isoformat(timespec="minutes"),
                "end": problem.clock.local(inst.end).isoformat(timespec="minutes"),
                "paid_hours": _hours(split.paid),
                "night_hours": _hours(split.night),
                "weekend": a.date.weekday() >= 5,
                "holiday": problem.is_holiday(a.date),
                "window_hours": {name: _hours(u) for name, u in split.windows.items()},
                "regular_hours": _hours(split.regular),
            }
        )
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "horizon": {
            "start": problem.start_date.isoformat(),
            "end": problem.end_date.isoformat(),
            "weeks": problem.weeks,
            "timezone": problem.settings.timezone,
        },
        "irregular_windows": [
            {
                "name": str(w["name"]),
                "days": str(w.get("days", "all")),
                "from": str(w["from"]),
                "to": str(w["to"]),
            }
            for w in problem.profile.irregular_hours
        ],
        "people": people,
        "assignments": assignments,
    }


def json_files(problem: Problem, roster: Roster) -> dict[str, bytes]:
    """File name → content: ``roster.json`` (UTF-8, indented, keys in a fixed order)."""
    text = json.dumps(export_document(problem, roster), ensure_ascii=False, indent=2)
    return {"roster.json": (text + "\n").encode("utf-8")}
