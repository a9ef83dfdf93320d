"""iCalendar export: parses with the `icalendar` library, DST-correct times, stable UIDs,
cancellation of a vanished shift on re-export, folding and escaping."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from roster_solver.domain import Problem, Settings
from roster_solver.errors import InputError
from roster_solver.export.files import write_files
from roster_solver.export.ics import calendar_files, escape_text, file_name, fold, unfold, vtimezone
from tests.export.conftest import dst_roster
from tests.factories import roster

icalendar = pytest.importorskip("icalendar", reason="the icalendar library is in the test extra")

AMS = ZoneInfo("Europe/Amsterdam")
T1 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)


def _events(data: bytes) -> dict[date, icalendar.cal.Component]:
    cal = icalendar.Calendar.from_ical(data)
    return {ev.decoded("DTSTART").date(): ev for ev in cal.walk("VEVENT")}


def test_parses_with_vtimezone_and_times_correct_across_dst(problem: Problem) -> None:
    files = calendar_files(problem, dst_roster(), Path("/nonexistent"), now=T1)
    assert sorted(files) == ["a.ics", "b.ics"]
    cal = icalendar.Calendar.from_ical(files["a.ics"])
    tz = cal.walk("VTIMEZONE")
    assert [str(t["TZID"]) for t in tz] == ["Europe/Amsterdam"]
    kinds = {c.name: c for c in tz[0].subcomponents}
    assert set(kinds) == {"STANDARD", "DAYLIGHT"}
    assert kinds["STANDARD"]["RRULE"]["BYMONTH"] == [10]
    assert kinds["DAYLIGHT"]["RRULE"]["BYDAY"] == ["-1SU"]
    events = _events(files["a.ics"])
    assert sorted(events) == [date(2026, 10, 20), date(2026, 10, 24)]
    sat = events[date(2026, 10, 24)]
    start, end = sat.decoded("DTSTART"), sat.decoded("DTEND")
    assert start == datetime(2026, 10, 24, 23, 0, tzinfo=AMS)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=9)  # clocks go back
    assert end.astimezone(UTC) == datetime(2026, 10, 25, 6, 0, tzinfo=UTC)
    assert "TZID=Europe/Amsterdam" in files["a.ics"].decode()
    assert str(sat["SUMMARY"]) == "N · CEN"
    assert str(sat["LOCATION"]) == "Centrum"
    assert str(sat["STATUS"]) == "CONFIRMED"
    assert int(sat["SEQUENCE"]) == 0


def test_absence_never_appears(problem: Problem) -> None:
    data = calendar_files(problem, dst_roster(), Path("/nonexistent"), now=T1)["b.ics"]
    assert b"sick" not in data.lower() and b"absen" not in data.lower()
    assert sorted(_events(data)) == [date(2026, 10, 19), date(2026, 11, 1)]


def test_uids_stable_across_exports_and_unchanged_export_is_identical(problem: Problem, tmp_path) -> None:
    first = calendar_files(problem, dst_roster(), tmp_path, now=T1)
    again = calendar_files(problem, dst_roster(), tmp_path / "other", now=T2)
    uids = {d: str(ev["UID"]) for d, ev in _events(first["a.ics"]).items()}
    assert uids == {d: str(ev["UID"]) for d, ev in _events(again["a.ics"]).items()}
    assert len(set(uids.values())) == 2
    # Re-export over the previous files: nothing changed, so the same bytes (same DTSTAMP).
    write_files(tmp_path, first)
    assert calendar_files(problem, dst_roster(), tmp_path, now=T2) == first


def test_removed_shift_is_cancelled_with_higher_sequence(problem: Problem, tmp_path) -> None:
    write_files(tmp_path, calendar_files(problem, dst_roster(), tmp_path, now=T1))
    before = _events((tmp_path / "a.ics").read_bytes())
    # a no longer works Tue 20 Oct, and works L instead of N on Sat 24 Oct.
    changed = roster(("a", 5, "L"), ("b", 0, "L"), ("b", 13, "E"), start=date(2026, 10, 19))
    write_files(tmp_path, calendar_files(problem, changed, tmp_path, now=T2))
    after = _events((tmp_path / "a.ics").read_bytes())
    tue, sat = after[date(2026, 10, 20)], after[date(2026, 10, 24)]
    assert str(tue["UID"]) == str(before[date(2026, 10, 20)]["UID"])
    assert str(tue["STATUS"]) == "CANCELLED"
    assert int(tue["SEQUENCE"]) == 1
    assert tue.decoded("DTSTAMP") == T2
    assert str(sat["UID"]) == str(before[date(2026, 10, 24)]["UID"])  # same event, updated
    assert int(sat["SEQUENCE"]) == 1 and str(sat["STATUS"]) == "CONFIRMED"
    assert sat.decoded("DTSTART") == datetime(2026, 10, 24, 15, 0, tzinfo=AMS)
    # b's calendar did not change at all.
    assert all(int(ev["SEQUENCE"]) == 0 for ev in _events((tmp_path / "b.ics").read_bytes()).values())
    # Exporting the changed roster once more keeps the cancellation as it is.
    third = calendar_files(problem, changed, tmp_path, now=datetime(2026, 10, 3, tzinfo=UTC))
    assert third["a.ics"] == (tmp_path / "a.ics").read_bytes()
    # The shift comes back: same UID again, confirmed, sequence up once more.
    write_files(tmp_path, calendar_files(problem, dst_roster(), tmp_path, now=T2))
    back = _events((tmp_path / "a.ics").read_bytes())[date(2026, 10, 20)]
    assert (str(back["STATUS"]), int(back["SEQUENCE"])) == ("CONFIRMED", 2)


def test_events_of_another_period_are_carried_over(problem: Problem, tmp_path) -> None:
    write_files(tmp_path, calendar_files(problem, dst_roster(), tmp_path, now=T1))
    # The next planning period of the same team, exported into the same folder.
    nxt = Problem(
        settings=Settings(start_date=date(2026, 11, 2), weeks=1),
        areas=problem.areas,
        shifts=problem.shifts,
        staff=problem.staff,
    )
    files = calendar_files(nxt, roster(("a", 0, "E"), start=date(2026, 11, 2)), tmp_path, now=T2)
    events = _events(files["a.ics"])
    assert sorted(events) == [date(2026, 10, 20), date(2026, 10, 24), date(2026, 11, 2)]
    assert all(str(ev["STATUS"]) == "CONFIRMED" for ev in events.values())


def test_lines_folded_at_75_octets_with_crlf_and_text_escaped(tmp_path) -> None:
    long = "Wijk " + "Zuidoost-één; a,b\\ " * 8
    line = f"LOCATION:{escape_text(long)}"
    data = fold(line)
    physical = data.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in physical)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(p.startswith(b" ") for p in physical[1:])
    assert unfold(data.decode("utf-8")) == [line]  # no UTF-8 character was split
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    cal = icalendar.Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + data + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert str(cal.walk("VEVENT")[0]["LOCATION"]) == long


def test_vtimezone_for_a_zone_without_dst() -> None:
    lines = vtimezone("Asia/Tokyo", 2026, 2027)
    assert "TZOFFSETTO:+0900" in lines and not any(x.startswith("RRULE") for x in lines)


def test_file_names_are_safe_and_a_broken_previous_file_is_an_input_error(problem, tmp_path) -> None:
    assert file_name("a/b c") == "a%2Fb%20c.ics"
    (tmp_path / "a.ics").write_text("not a calendar")
    with pytest.raises(InputError, match="previous export"):
        calendar_files(problem, dst_roster(), tmp_path, now=T1)


def test_namespace_changes_every_uid_and_cancels_the_old_events(problem: Problem, tmp_path) -> None:
    write_files(tmp_path, calendar_files(problem, dst_roster(), tmp_path, now=T1))
    files = calendar_files(problem, dst_roster(), tmp_path, namespace="team-x", now=T2)
    cal = icalendar.Calendar.from_ical(files["a.ics"])
    status = sorted(str(ev["STATUS"]) for ev in cal.walk("VEVENT"))
    assert status == ["CANCELLED", "CANCELLED", "CONFIRMED", "CONFIRMED"]
