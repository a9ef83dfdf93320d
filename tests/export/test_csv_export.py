"""CSV export: columns, exact hour splits on the hand-computed DST case, neutralisation, months."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster_solver.domain import Area, Problem, Settings
from roster_solver.export.csv_export import month_files, neutralise
from roster_solver.roster import Assignment, Roster
from roster_solver.shift_hours import irregular_windows, split_hours
from tests.export.conftest import EVIL_NAME, dst_roster
from tests.factories import DEFAULT_SHIFTS, person, shift

HEADER = [
    "staff",
    "name",
    "date",
    "shift",
    "area",
    "start",
    "end",
    "paid_hours",
    "night_hours",
    "weekday_early",
    "weekday_evening",
    "weekday_night",
    "weekend_holiday",
    "regular_hours",
]


def _read(data: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def _by_key(rows: list[list[str]]) -> dict[tuple[str, str], dict[str, str]]:
    return {(r[0], r[2]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def test_one_file_per_calendar_month_with_every_person_and_day(problem: Problem) -> None:
    files = month_files(problem, dst_roster())
    assert sorted(files) == ["hours-2026-10.csv", "hours-2026-11.csv"]
    october, november = _read(files["hours-2026-10.csv"]), _read(files["hours-2026-11.csv"])
    assert october[0] == HEADER
    assert len(october) == 1 + 2 * 13  # 19..31 October for two people
    assert [(r[0], r[2]) for r in november[1:]] == [("a", "2026-11-01"), ("b", "2026-11-01")]


def test_excel_nl_dialect_bom_semicolon_decimal_comma_crlf(problem: Problem) -> None:
    data = month_files(problem, dst_roster())["hours-2026-10.csv"]
    assert data.startswith(b"\xef\xbb\xbfstaff;name;date;")
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert b"a;Person a;2026-10-20;N;CEN;2026-10-20 23:00;2026-10-21 07:00;7,50;6,00;" in data


def test_rfc4180_dialect(problem: Problem) -> None:
    data = month_files(problem, dst_roster(), "rfc4180")["hours-2026-10.csv"]
    assert data.startswith(b"staff,name,date,")
    rows = _by_key(_read(data, ","))
    assert rows[("a", "2026-10-20")]["paid_hours"] == "7.50"


def test_hand_computed_splits_night_across_midnight_dst_and_evening(problem: Problem) -> None:
    rows = _by_key(_read(month_files(problem, dst_roster())["hours-2026-10.csv"]))
    # Tue 23:00 - Wed 07:00, 450 paid of 480 elapsed minutes: 420 min in weekday_night
    # (Tue 23-24 + Wed 00-06) and 60 in weekday_early (06-07), times 450/480:
    # 6.5625 h and 0.9375 h, rounded by largest remainder to 6.56 + 0.94 = 7.50.
    tue = rows[("a", "2026-10-20")]
    assert (tue["paid_hours"], tue["night_hours"]) == ("7,50", "6,00")
    assert [tue[w] for w in HEADER[9:]] == ["0,94", "0,00", "6,56", "0,00", "0,00"]
    # Sat 24 Oct 23:00 - Sun 07:00 is 9 elapsed hours (clocks go back at 03:00): 8.5 paid,
    # 7 real hours between 00:00 and 06:00, all of it weekend.
    sat = rows[("a", "2026-10-24")]
    assert (sat["start"], sat["end"]) == ("2026-10-24 23:00", "2026-10-25 07:00")
    assert (sat["paid_hours"], sat["night_hours"]) == ("8,50", "7,00")
    assert [sat[w] for w in HEADER[9:]] == ["0,00", "0,00", "0,00", "8,50", "0,00"]
    # Mon 15:00-23:00: 180 min regular, 240 evening, 60 weekday night, times 450/480:
    # 2.8125 + 3.75 + 0.9375 -> 2.81 + 3.75 + 0.94 (largest remainder) = 7.50.
    mon = rows[("b", "2026-10-19")]
    assert [mon[w] for w in HEADER[9:]] == ["0,00", "3,75", "0,94", "0,00", "2,81"]


def test_days_off_and_absent_days_show_no_reason(problem: Problem) -> None:
    data = month_files(problem, dst_roster())["hours-2026-10.csv"]
    rows = _by_key(_read(data))
    assert rows[("b", "2026-10-21")]["shift"] == "absent"
    assert rows[("a", "2026-10-19")]["shift"] == "off"
    assert rows[("a", "2026-10-19")]["paid_hours"] == "0,00"
    assert b"sick" not in data


def test_formula_cells_are_neutralised_numbers_stay_numbers(problem: Problem) -> None:
    for text in ("=1+2", "+31 6", "-5", "@SUM(A1)", "\tx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Jan de Vries") == "Jan de Vries"
    rows = _by_key(_read(month_files(problem, dst_roster())["hours-2026-10.csv"]))
    b = rows[("b", "2026-10-19")]
    assert b["name"] == "'" + EVIL_NAME
    assert b["paid_hours"] == "7,50"  # a number, not prefixed


def test_days_outside_employment_are_marked() -> None:
    pb = Problem(
        settings=Settings(start_date=date(2026, 1, 5), weeks=1),
        areas=(Area(code="CEN"),),
        shifts=DEFAULT_SHIFTS,
        staff=(person("a", start_date=date(2026, 1, 8)),),
    )
    rows = _read(month_files(pb, Roster())["hours-2026-01.csv"])
    assert [r[3] for r in rows[1:]] == ["not_employed"] * 3 + ["off"] * 4


@settings(max_examples=60, deadline=None)
@given(
    start=st.integers(0, 95).map(lambda q: q * 15),
    length=st.integers(2, 48).map(lambda q: q * 15),
    brk=st.integers(0, 60),
    offset=st.integers(0, 13),
    per_hour=st.sampled_from([100, 10_000]),
    month=st.sampled_from([date(2026, 10, 19), date(2027, 3, 22), date(2026, 12, 21)]),
)
def test_window_hours_always_sum_to_paid_hours(start, length, brk, offset, per_hour, month) -> None:
    end = (start + length) % 1440
    brk = min(brk, length - 1)
    if length - brk > 600:  # the law's minimum breaks (validated per shift type)
        brk = max(brk, 45)
    elif length - brk > 330:
        brk = max(brk, 30)
    s = shift("X", f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}", brk=brk)
    pb = Problem(settings=Settings(start_date=month, weeks=2), shifts=(s,))
    inst = pb.instance("X", offset)
    split = split_hours(pb, inst, irregular_windows(pb), per_hour)
    assert sum(split.windows.values()) + split.regular == split.paid
    assert abs(split.paid - inst.work * per_hour / 60) <= 0.5
    assert min(split.windows.values()) >= 0 and split.regular >= 0
    assert month + timedelta(days=offset) == inst.date


def test_unknown_dialect_is_refused(problem: Problem) -> None:
    with pytest.raises(ValueError, match="excel-nl"):
        month_files(problem, dst_roster(), "tsv")  # type: ignore[arg-type]


def test_march_clock_change_night_is_an_hour_shorter() -> None:
    pb = Problem(
        settings=Settings(start_date=date(2027, 3, 22), weeks=1),
        areas=(Area(code="CEN"),),
        shifts=DEFAULT_SHIFTS,
        staff=(person("a"),),
    )
    ros = Roster.of([Assignment("a", date(2027, 3, 27), "N", "CEN")])
    rows = _by_key(_read(month_files(pb, ros)["hours-2027-03.csv"]))
    sat = rows[("a", "2027-03-27")]
    # Sat 23:00 - Sun 07:00 with the clocks going forward at 02:00: 7 elapsed hours, 6.5 paid,
    # 5 real hours between 00:00 and 06:00, all weekend.
    assert (sat["paid_hours"], sat["night_hours"], sat["weekend_holiday"]) == ("6,50", "5,00", "6,50")
