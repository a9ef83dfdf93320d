"""availability: the checker names every shift a person may not work, every Fixed pin not worked
as pinned and every must wish not worked; a roster within all of them passes."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.domain import Absence, Fixed
from tests.factories import day, make_problem, person, roster, wish

FAM = Availability()


def named(pb, *items) -> list[tuple]:
    return [(v.staff, v.date, v.message) for v in FAM.check(pb, roster(*items))]


def test_clean_roster_passes() -> None:
    pb = make_problem(
        staff=[person("a", no_nights=True, areas=("NRD",)), person("b", shifts=("E", "L"))],
        areas=("CEN", "NRD"),
        absences=[Absence(staff="a", start_date=day(2), end_date=day(3))],
        wishes=[wish("b", "sat", "never"), wish("b", "mon", "must", shift="L")],
        fixed=[
            Fixed(staff="a", date=day(4), shift="E", area="NRD"),
            Fixed(staff="b", date=day(3), shift="off"),
        ],
    )
    assert (
        FAM.check(
            pb,
            roster(
                ("a", 0, "E"),
                ("a", 1, "L", "NRD"),
                ("a", 4, "E", "NRD"),
                ("b", 0, "L"),
                ("b", 2, "E"),
                ("b", 7, "L"),
            ),
        )
        == []
    )


def test_absence_covers_whole_days_in_real_time() -> None:
    pb = make_problem(staff=[person("a")], absences=[Absence(staff="a", start_date=day(2), end_date=day(3))])
    # The night before the absence runs into it; the early shift after it does not.
    assert named(pb, ("a", 1, "N"), ("a", 2, "E"), ("a", 3, "L"), ("a", 4, "E")) == [
        ("a", day(1), "N in CEN not allowed: absent"),
        ("a", day(2), "E in CEN not allowed: absent"),
        ("a", day(3), "L in CEN not allowed: absent"),
    ]


def test_person_defaults_area_nights_shifts_employment_age() -> None:
    pb = make_problem(
        staff=[
            person("a", no_nights=True),
            person("b", shifts=("E",)),
            person("c", end_date=day(3)),
            person("d", birth_date=date(2010, 1, 1)),
        ],
        areas=("CEN", "NRD"),
    )
    assert named(pb, ("a", 0, "N"), ("a", 1, "E", "NRD"), ("b", 0, "L"), ("c", 4, "E"), ("d", 0, "N")) == [
        ("a", day(0), "N in CEN not allowed: does not work nights (no_nights)"),
        ("a", day(1), "E in NRD not allowed: may not be deployed in area NRD"),
        ("b", day(0), "L in CEN not allowed: shift L is not among the person's allowed shifts"),
        ("c", day(4), "E in CEN not allowed: not employed on this date"),
        ("d", day(0), "N in CEN not allowed: is a night shift and the person is under 18"),
    ]


def test_unknown_codes_and_dates_outside_the_horizon() -> None:
    pb = make_problem(staff=[person("a")])
    assert named(pb, ("x", 1, "E"), ("a", 2, "Q"), ("a", 14, "E")) == [
        ("a", day(2), "unknown staff id or shift code (a, Q)"),
        ("x", day(1), "unknown staff id or shift code (x, E)"),
        ("a", day(14), "assignment outside the horizon"),
    ]


def test_fixed_pins_on_and_off() -> None:
    pb = make_problem(
        staff=[person("a")],
        areas=("CEN", "NRD"),
        fixed=[
            Fixed(staff="a", date=day(1), shift="L", area="NRD"),
            Fixed(staff="a", date=day(3), shift="off"),
            Fixed(staff="a", date=day(5), shift="E"),
        ],
    )
    # A pin also overrides the defaults: a is not deployable in NRD except where pinned there.
    assert named(pb, ("a", 1, "L", "NRD"), ("a", 5, "E")) == []
    assert named(pb, ("a", 1, "L"), ("a", 3, "E")) == [
        ("a", day(1), "L in CEN not allowed: fixed in area NRD"),
        ("a", day(3), "E in CEN not allowed: fixed off"),
        ("a", day(1), "is pinned to L in NRD (Fixed) but the roster differs"),
        ("a", day(3), "is pinned off (Fixed) but works"),
        ("a", day(5), "is pinned to E in CEN (Fixed) but the roster differs"),
    ]


def test_hard_wishes() -> None:
    pb = make_problem(
        staff=[person("a"), person("b")],
        wishes=[
            wish("a", "mon", "must", shift="L"),
            wish("b", "sat", "never"),
            wish("b", "tue", "only", shift="E"),
            wish("b", "sun", "never", shift="off"),
        ],
    )
    assert named(pb, ("a", 0, "E"), ("a", 7, "L"), ("b", 1, "L"), ("b", 5, "E"), ("b", 6, "E")) == [
        ("a", day(0), "E in CEN not allowed: must work L on this day (wish)"),
        ("b", day(1), "L in CEN not allowed: only E on this day (wish)"),
        ("b", day(5), "E in CEN not allowed: not available in this window (wish)"),
        ("a", day(0), "must work L (wish) but works E"),
        ("b", day(13), "must work on this day (wish) but is off"),  # never off: must work
    ]


def test_dutch_messages() -> None:
    pb = make_problem(staff=[person("a", no_nights=True)], language="nl")
    assert named(pb, ("a", 0, "N")) == [
        ("a", day(0), "N in CEN niet toegestaan: werkt geen nachten (no_nights)")
    ]
