from datetime import date

import pytest

from roster_solver.calendar import Clock, dutch_holidays, parse_date_text, parse_days, parse_time_text

HOL = dutch_holidays((2026, 2027))


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("all", date(2026, 12, 6), True),
        ("weekdays", date(2026, 12, 4), True),  # Friday
        ("weekdays", date(2026, 12, 5), False),  # Saturday
        ("weekdays", date(2026, 12, 25), True),  # Christmas is a Friday: weekdays include holidays
        ("weekend", date(2026, 12, 6), True),
        ("werkdagen", date(2026, 12, 7), True),
        ("weekeinde", date(2026, 12, 5), True),
        ("mon-fri", date(2026, 12, 2), True),
        ("ma-vr", date(2026, 12, 5), False),
        ("fri-mon", date(2026, 12, 6), True),  # wraps over the weekend
        ("fri-mon", date(2026, 12, 8), False),
        ("za,zo", date(2026, 12, 6), True),
        ("fri,sat,2026-12-24", date(2026, 12, 24), True),  # a Thursday named by date
        ("fri,sat,2026-12-24", date(2026, 12, 23), False),
        ("2026-12-01..2026-12-07", date(2026, 12, 7), True),
        ("2026-12-01..2026-12-07", date(2026, 12, 8), False),
        ("holiday", date(2026, 12, 25), True),
        ("feestdagen", date(2027, 4, 27), True),  # Koningsdag
        ("holiday", date(2026, 12, 24), False),
        ("Wednesday", date(2026, 12, 2), True),
        ("woensdag", date(2026, 12, 2), True),
        ("WO", date(2026, 12, 2), True),
        ("zondag, feestdag", date(2026, 12, 26), True),  # Tweede Kerstdag, a Saturday
    ],
)
def test_day_selectors_in_both_languages(text: str, day: date, expected: bool) -> None:
    assert parse_days(text).matches(day, HOL) is expected


@pytest.mark.parametrize("text", ["", "mon-funday", "2026-02-30", "2026-12-07..2026-12-01", "someday"])
def test_bad_day_selectors_raise_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"is|has"):
        parse_days(text)


def test_dutch_public_holidays() -> None:
    assert date(2026, 4, 27) in HOL  # Koningsdag
    assert date(2026, 12, 26) in HOL
    assert date(2027, 3, 28) in HOL  # Eerste Paasdag 2027
    assert date(2026, 12, 31) not in HOL


@pytest.mark.parametrize(("text", "minutes"), [("07:30", 450), ("7.30", 450), ("24:00", 1440), ("22", 1320)])
def test_times(text: str, minutes: int) -> None:
    assert parse_time_text(text) == minutes


@pytest.mark.parametrize("text", ["25:00", "07:60", "seven", "24:30"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time_text(text)


def test_dates_in_iso_and_dutch_order() -> None:
    assert parse_date_text("2026-12-05") == date(2026, 12, 5)
    assert parse_date_text("5-12-2026") == date(2026, 12, 5)
    assert parse_date_text("05/12/2026") == date(2026, 12, 5)
    with pytest.raises(ValueError):
        parse_date_text("31-02-2026")


def test_clock_counts_real_elapsed_minutes_across_dst() -> None:
    clock = Clock(date(2026, 10, 19))
    # Saturday 24 Oct 22:00 to Sunday 25 Oct 06:00 spans the clock going back: 9 hours.
    assert clock.minute(date(2026, 10, 25), 360) - clock.minute(date(2026, 10, 24), 1320) == 540
    spring = Clock(date(2027, 3, 22))
    # Saturday 27 Mar 2027 22:00 to Sunday 06:00: the clock goes forward, 7 hours.
    assert spring.minute(date(2027, 3, 28), 360) - spring.minute(date(2027, 3, 27), 1320) == 420
    # 02:30 does not exist on 28 Mar 2027; read with fold=0 like zoneinfo.
    assert spring.minute(date(2027, 3, 28), 150) - spring.minute(date(2027, 3, 28), 0) == 150
