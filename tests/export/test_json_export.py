"""JSON export: round-trips through json.loads and matches the roster, hour by hour."""

from __future__ import annotations

import json
from datetime import date, datetime

from roster_solver.domain import Problem
from roster_solver.export.json_export import SCHEMA_VERSION, json_files
from tests.export.conftest import dst_roster


def test_round_trip_matches_the_roster(problem: Problem) -> None:
    ros = dst_roster()
    data = json_files(problem, ros)["roster.json"]
    doc = json.loads(data)
    assert doc["schema"] == "roster-export" and doc["schema_version"] == SCHEMA_VERSION
    assert doc["horizon"] == {
        "start": "2026-10-19",
        "end": "2026-11-01",
        "weeks": 2,
        "timezone": "Europe/Amsterdam",
    }
    got = {(a["staff"], a["date"], a["shift"], a["area"]) for a in doc["assignments"]}
    assert got == {(a.staff, a.date.isoformat(), a.shift, a.area) for a in ros.assignments}
    assert [w["name"] for w in doc["irregular_windows"]] == [
        "weekday_early",
        "weekday_evening",
        "weekday_night",
        "weekday_night",
        "weekend_holiday",
    ]
    for a in doc["assignments"]:
        total = sum(a["window_hours"].values()) + a["regular_hours"]
        assert round(total, 4) == a["paid_hours"]


def test_dst_night_and_offsets(problem: Problem) -> None:
    doc = json.loads(json_files(problem, dst_roster())["roster.json"])
    sat = next(a for a in doc["assignments"] if a["date"] == "2026-10-24")
    assert (sat["start"], sat["end"]) == ("2026-10-24T23:00+02:00", "2026-10-25T07:00+01:00")
    start, end = datetime.fromisoformat(sat["start"]), datetime.fromisoformat(sat["end"])
    assert (end - start).total_seconds() == 9 * 3600
    assert (sat["paid_hours"], sat["night_hours"], sat["weekend"]) == (8.5, 7.0, True)
    assert sat["window_hours"]["weekend_holiday"] == 8.5
    tue = next(a for a in doc["assignments"] if a["date"] == "2026-10-20")
    assert tue["window_hours"] == {
        "weekday_early": 0.9375,
        "weekday_evening": 0.0,
        "weekday_night": 6.5625,
        "weekend_holiday": 0.0,
    }


def test_people_without_absence_reasons(problem: Problem) -> None:
    data = json_files(problem, dst_roster())["roster.json"]
    doc = json.loads(data)
    assert doc["people"][1] == {
        "id": "b",
        "name": problem.staff_by_id["b"].name,
        "home_area": "CEN",
        "absent_dates": [date(2026, 10, 21).isoformat()],
    }
    assert b"sick" not in data
