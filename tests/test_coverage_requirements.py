"""Demand rows → segments and shift requirements; a roster's coverage table (no solver)."""

from __future__ import annotations

from datetime import date, datetime

from roster_solver.coverage import (
    Segment,
    ShiftRequirement,
    coverage_table,
    covers,
    segments,
    shift_requirements,
    shortfall_summary,
)
from roster_solver.domain import Src
from tests.factories import demand, make_problem, person, roster, shift

D = 1440  # minutes per day (no DST in January)


def src(row: int) -> Src:
    return Src("Demand", row)


def seg(
    start: int,
    end: int,
    lo: int,
    target: int | None = None,
    hi: int | None = None,
    *,
    area: str = "CEN",
    skill: str | None = None,
    day: int = 0,
    wu: int = 100,
    wo: int = 1,
    rows: tuple[int, ...] = (),
) -> Segment:
    return Segment(area, skill, day, start, end, lo, lo if target is None else target, hi, wu, wo, rows)


def h(hour: float, day: int = 0) -> int:
    return day * D + round(hour * 60)


def test_single_window_is_one_segment_per_matching_day():
    pb = make_problem(demand=[demand(days="mon", start="08:00", end="12:00", min=1, src=src(2))])
    assert segments(pb) == [seg(h(8), h(12), 1, rows=(2,)), seg(h(8, 7), h(12, 7), 1, day=7, rows=(2,))]


def test_overlapping_rows_take_highest_min_and_target_lowest_max_highest_weights():
    pb = make_problem(
        weeks=1,
        demand=[
            demand(days="mon", start="08:00", end="12:00", min=1, target=2, max=4, src=src(2)),
            demand(days="mon", start="10:00", end="14:00", min=2, max=3, weight_over=7, src=src(3)),
            demand(
                days="2026-01-05", start="09:00", end="11:00", min=0, target=3, weight_under=500, src=src(4)
            ),
        ],
    )
    assert segments(pb) == [
        seg(h(8), h(9), 1, 2, 4, rows=(2,)),
        seg(h(9), h(10), 1, 3, 4, wu=500, rows=(2, 4)),
        seg(h(10), h(11), 2, 3, 3, wu=500, wo=7, rows=(2, 3, 4)),
        seg(h(11), h(12), 2, 2, 3, wo=7, rows=(2, 3)),
        seg(h(12), h(14), 2, 2, 3, wo=7, rows=(3,)),
    ]


def test_replace_row_replaces_other_rows_of_its_area_and_skill_on_its_days():
    pb = make_problem(
        weeks=1,
        demand=[
            demand(days="mon,tue", start="08:00", end="12:00", min=2, src=src(2)),
            demand(days="2026-01-06", start="09:00", end="10:00", min=1, replace=True, src=src(3)),
            demand(days="mon,tue", start="08:00", end="12:00", min=1, skill="dog", src=src(4)),
        ],
    )
    assert segments(pb) == [
        seg(h(8), h(12), 2, rows=(2,)),
        seg(h(9, 1), h(10, 1), 1, day=1, rows=(3,)),
        seg(h(8), h(12), 1, skill="dog", rows=(4,)),
        seg(h(8, 1), h(12, 1), 1, skill="dog", day=1, rows=(4,)),
    ]


def test_star_and_skill_rows_are_separate_requirements_a_person_counts_for_each():
    dog = person("a", skills=frozenset({"dog"}))
    plain = person("b")
    pb = make_problem(
        weeks=1,
        staff=[dog, plain],
        demand=[
            demand(area="*", days="mon", min=3),
            demand(days="mon", min=2),
            demand(days="mon", min=1, skill="dog"),
        ],
    )
    assert [(s.area, s.skill, s.min) for s in segments(pb)] == [
        ("*", None, 3),
        ("CEN", None, 2),
        ("CEN", "dog", 1),
    ]
    table = coverage_table(pb, roster(("a", 0, "E"), ("b", 0, "E")))
    assert [(r.area, r.skill, r.planned, r.short_of_min) for r in table] == [
        ("*", None, 2, 1),
        ("CEN", None, 2, 0),
        ("CEN", "dog", 1, 0),
    ]


def test_star_counts_every_area_and_an_area_row_only_its_own():
    pb = make_problem(
        weeks=1,
        areas=("CEN", "NRD"),
        staff=[person("a"), person("b", area="NRD")],
        demand=[demand(area="*", days="mon", min=2), demand(days="mon", min=1)],
    )
    table = coverage_table(pb, roster(("a", 0, "E"), ("b", 0, "E", "NRD")))
    assert [(r.area, r.planned) for r in table] == [("*", 2), ("CEN", 1)]


def test_window_crossing_midnight_belongs_to_start_day_and_splits_at_shift_boundaries():
    # Friday 22:00–02:00 (L ends 23:00, N starts 23:00), Saturday 00:00–04:00 raises it.
    pb = make_problem(
        weeks=1,
        demand=[
            demand(days="fri", start="22:00", end="02:00", min=1),
            demand(days="sat", start="00:00", end="04:00", min=3),
        ],
    )
    assert segments(pb) == [
        seg(h(22, 4), h(23, 4), 1, day=4),
        seg(h(23, 4), h(0, 5), 1, day=4),
        seg(h(0, 5), h(2, 5), 3, day=4),
        seg(h(2, 5), h(4, 5), 3, day=5),
    ]


def test_window_on_the_spring_dst_night_is_an_hour_shorter():
    # 2026-03-28 (Sat) 22:00 → Sun 06:00 local: 7 elapsed hours, clocks jump at 02:00.
    pb = make_problem(
        start=date(2026, 3, 23), weeks=1, demand=[demand(days="sat", start="22:00", end="06:00", min=1)]
    )
    sat = 5 * D
    assert segments(pb) == [
        seg(sat + h(22), sat + h(23), 1, day=5),
        seg(sat + h(23), sat + D + 5 * 60, 1, day=5),  # to 06:00 CEST = 05:00 CET
    ]
    rows = coverage_table(pb, roster(("a", 5, "N"), start=date(2026, 3, 23)))
    assert [(r.slot_start.hour, r.slot_end.hour, r.end - r.start) for r in rows] == [
        (22, 23, 60),
        (23, 6, 360),
    ]


def test_a_person_covers_only_segments_their_shift_spans_entirely():
    mid = shift("M", "10:00", "14:00", brk=0)
    pb = make_problem(
        weeks=1,
        shifts=[*make_problem().shifts, mid],
        staff=[person("a")],
        demand=[demand(days="mon", start="08:00", end="12:00", min=1)],
    )
    segs = segments(pb)
    assert [(s.start, s.end) for s in segs] == [(h(8), h(10)), (h(10), h(12))]
    inst = pb.instance("M", 0)
    a = pb.staff_by_id["a"]
    assert [covers(pb, inst, "CEN", a, s) for s in segs] == [False, True]
    assert not covers(pb, inst, "NRD", a, segs[1])
    table = coverage_table(pb, roster(("a", 0, "M")))
    assert [(r.planned, r.short_of_min) for r in table] == [(0, 1), (1, 0)]
    assert shortfall_summary(pb, roster(("a", 0, "M"))) == {"CEN": 120}


def test_shift_rows_merge_per_area_skill_day_and_shift():
    pb = make_problem(
        weeks=1,
        demand=[
            demand(days="fri", start=None, end=None, shift="N", min=1, src=src(2)),
            demand(days="2026-01-09", start=None, end=None, shift="N", min=2, target=3, max=4, src=src(3)),
            demand(area="*", days="fri", start=None, end=None, shift="N", min=1, src=src(4)),
        ],
    )
    assert segments(pb) == []
    assert shift_requirements(pb) == [
        ShiftRequirement("*", None, 4, "N", 1, 1, None, 100, 1, (4,)),
        ShiftRequirement("CEN", None, 4, "N", 2, 3, 4, 100, 1, (2, 3)),
    ]


def test_shift_rows_count_people_on_that_shift_in_the_area_or_anywhere_for_star():
    pb = make_problem(
        weeks=1,
        areas=("CEN", "NRD"),
        staff=[person("a"), person("b", area="NRD"), person("c")],
        demand=[
            demand(days="fri", start=None, end=None, shift="N", min=2, target=3),
            demand(area="*", days="fri", start=None, end=None, shift="N", min=2),
        ],
    )
    r = roster(("a", 4, "N"), ("b", 4, "N", "NRD"), ("c", 4, "L"))
    table = coverage_table(pb, r)
    assert [(t.area, t.shift, t.planned, t.short_of_min, t.short_of_target) for t in table] == [
        ("*", "N", 2, 0, 0),
        ("CEN", "N", 1, 1, 2),
    ]
    row = table[1]
    assert row.date == date(2026, 1, 9)
    assert row.slot_start == datetime(2026, 1, 9, 23, 0, tzinfo=row.slot_start.tzinfo)
    assert row.slot_end == datetime(2026, 1, 10, 7, 0, tzinfo=row.slot_start.tzinfo)
    # A missing person on an 8-hour shift is 480 unmet person-minutes.
    assert shortfall_summary(pb, r) == {"*": 0, "CEN": 480}


def test_coverage_table_counts_planned_short_and_over():
    pb = make_problem(
        weeks=1,
        staff=[person("a"), person("b"), person("c")],
        demand=[
            demand(days="mon", start="08:00", end="12:00", min=1, target=2, max=2),
            demand(days="tue", start="08:00", end="12:00", min=1, target=2, max=2),
        ],
    )
    r = roster(("a", 0, "E"), ("b", 0, "E"), ("c", 0, "E"), ("a", 1, "L"))
    table = coverage_table(pb, r)
    assert [(t.date.day, t.planned, t.short_of_min, t.short_of_target, t.over_max) for t in table] == [
        (5, 3, 0, 0, 1),
        (6, 0, 1, 2, 0),
    ]
    assert shortfall_summary(pb, r) == {"CEN": 240}


def test_rows_outside_the_selector_and_zero_rows_give_no_segments():
    pb = make_problem(weeks=1, demand=[demand(days="2026-02-01", min=1), demand(days="mon", min=0)])
    assert segments(pb) == []
    assert coverage_table(pb, roster()) == []
    assert shortfall_summary(pb, roster()) == {}


def test_segments_only_a_shift_outside_the_horizon_could_span_are_left_out():
    # Sunday 23:00–09:00 on the last day: N (23–07) spans 23–07, but 07–09 on the Monday after
    # needs that Monday's E. Monday 00:00–08:00 on the first day: 00–07 needs the previous
    # Sunday's N (before the horizon); 07–08 is E's.
    pb = make_problem(
        weeks=1,
        demand=[
            demand(days="sun", start="23:00", end="09:00", min=1),
            demand(days="mon", start="00:00", end="08:00", min=1),
        ],
    )
    assert [(s.day, s.start, s.end) for s in segments(pb)] == [
        (0, h(7), h(8)),
        (6, h(23, 6), h(7, 7)),
    ]


def test_a_segment_no_shift_can_span_is_a_real_shortage():
    pb = make_problem(
        weeks=1,
        shifts=[shift("E", "07:00", "15:00")],
        demand=[demand(days="tue", start="14:00", end="16:00", min=1)],
    )
    assert [(s.start, s.end) for s in segments(pb)] == [(h(14, 1), h(15, 1)), (h(15, 1), h(16, 1))]
