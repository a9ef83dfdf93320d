"""change_from_published: 50 per (person, date) that differs from the published roster; dates
before the re-planning date (and outside a repair's neighbourhood) stay as published."""

from __future__ import annotations

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.change_from_published import ChangeFromPublished, kept_days
from roster_solver.constraints.coverage import Coverage
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Absence, Fixed
from roster_solver.engine.solve import build_model, solve
from roster_solver.repair import with_published
from roster_solver.roster import COST_SCALE, Roster, Status
from tests.factories import START, day, demand, make_problem, objective_range, person, roster

FAM = ChangeFromPublished()
U = COST_SCALE
AREAS = ("CEN", "NRD")
PUBLISHED = roster(("a", 0, "E"), ("a", 1, "L"), ("a", 2, "E"), ("b", 0, "L"), ("b", 3, "E", "NRD"))


def team(**kw):
    return make_problem(staff=[person("a", all_areas=True), person("b", all_areas=True)], areas=AREAS, **kw)


def test_no_published_roster_no_cost_and_no_model_terms() -> None:
    pb = team()
    assert FAM.penalty(pb, PUBLISHED) == []
    assert FAM.check(pb, PUBLISHED) == []
    ctx = build_model(pb, [OneShiftPerDay(), FAM])
    assert ctx.penalties == []
    assert FAM.is_soft_only(pb)


def test_each_changed_person_day_costs_fifty() -> None:
    pb = with_published(team(), PUBLISHED, None)
    assert FAM.penalty(pb, PUBLISHED) == []  # unchanged: no cost
    new = roster(
        ("a", 0, "E"),  # same
        ("a", 1, "E"),  # other shift
        # a off on day 2        # was E
        ("a", 4, "N"),  # was off
        ("b", 0, "L"),  # same
        ("b", 3, "E"),  # other area (CEN instead of NRD)
    )
    got = FAM.penalty(pb, new)
    assert [(p.staff, p.date, p.cost, p.amount) for p in got] == [
        ("a", day(1), 50 * U, 1),
        ("a", day(2), 50 * U, 1),
        ("a", day(4), 50 * U, 1),
        ("b", day(3), 50 * U, 1),
    ]
    assert got[0].reason == f"a on {day(1).isoformat()}: L in the published roster, now E"
    assert got[1].reason.endswith("E in the published roster, now off")
    assert got[3].reason.endswith("E@NRD in the published roster, now E")
    assert all(p.key == "weight.change_from_published" for p in got)


def test_weight_comes_from_the_rules_sheet() -> None:
    from tests.factories import rules

    pb = with_published(team(rules=rules(**{"weight__change_from_published": 7})), PUBLISHED, None)
    got = FAM.penalty(pb, roster(("a", 0, "E")))
    assert sum(p.cost for p in got) == 4 * 7 * U  # a day 1, a day 2, b day 0, b day 3


def test_model_share_is_exact_for_any_roster() -> None:
    pb = with_published(team(), PUBLISHED, None)
    families = [OneShiftPerDay(), Availability(), FAM]
    for ros in (PUBLISHED, roster(("a", 0, "L"), ("b", 5, "N", "NRD")), Roster()):
        expected = sum(p.cost for p in FAM.penalty(pb, ros))
        assert objective_range(pb, ros, families) == (expected, expected)


def test_a_published_shift_on_a_new_absence_is_a_forced_change() -> None:
    absent = Absence(staff="a", start_date=day(1), end_date=day(1), type="sick")
    pb = with_published(team(absences=(absent,)), PUBLISHED, None)
    ctx = build_model(pb, [OneShiftPerDay(), Availability(), FAM])
    assert ("a", 1, "L", "CEN") not in ctx.x  # no variable: the change is a constant
    got = FAM.penalty(pb, Roster.of([x for x in PUBLISHED.assignments if x.date != day(1)]))
    assert [(p.staff, p.date) for p in got] == [("a", day(1))]


def test_kept_dates_stay_as_published_and_the_checker_says_where() -> None:
    pb = with_published(team(), PUBLISHED, day(2))
    assert kept_days(pb) == [0, 1]
    assert not FAM.is_soft_only(pb)
    assert FAM.check(pb, PUBLISHED) == []
    moved = roster(("a", 0, "E"), ("a", 1, "E"), ("b", 0, "L"), ("b", 1, "N"))
    got = FAM.check(pb, moved)
    assert [(v.staff, v.date) for v in got] == [("a", day(1)), ("b", day(1))]
    assert "must stay L as published, but is E" in got[0].message
    assert "must stay off as published, but is N" in got[1].message


def test_outside_free_days_everything_is_kept() -> None:
    from roster_solver.domain import Problem, Published

    base = team()
    fields = {n: getattr(base, n) for n in Problem.model_fields if n != "published"}
    pb = Problem(**fields, published=Published(PUBLISHED, START, frozenset({3, 4})))
    assert kept_days(pb) == [d for d in range(14) if d not in (3, 4)]
    # Candidates on kept dates are only the published assignment.
    assert {(i.shift, area) for i, area in pb.candidates["a"] if i.day == 1} == {("L", "CEN")}
    assert [i for i, _ in pb.candidates["a"] if i.day == 5] == []
    assert len({(i.shift, area) for i, area in pb.candidates["a"] if i.day == 3}) == 6


def test_kept_date_with_a_new_absence_is_off_and_a_fixed_pin_wins() -> None:
    absent = Absence(staff="a", start_date=day(0), end_date=day(0), type="sick")
    pin = Fixed(staff="b", date=day(1), shift="E", area="CEN")
    pb = with_published(team(absences=(absent,), fixed=(pin,)), PUBLISHED, day(2))
    ok = roster(("a", 1, "L"), ("b", 0, "L"), ("b", 1, "E"))
    assert FAM.check(pb, ok) == []
    works = roster(("a", 0, "E"), ("a", 1, "L"), ("b", 0, "L"), ("b", 1, "E"))
    assert [(v.staff, v.date) for v in FAM.check(pb, works)] == [("a", day(0))]


def test_solver_covers_a_gap_with_the_fewest_changes() -> None:
    # One early shift each weekday is wanted; a works week 1, b week 2. a falls ill on day 2: the
    # cheapest legal repair moves one shift to b (two changes: a off, b on), nothing else.
    dem = (demand("CEN", "weekdays", "07:00", "15:00", min=1),)
    shifts_a = [("a", k, "E") for k in range(5)] + [("b", k, "E") for k in range(7, 12)]
    published = roster(*shifts_a)
    absent = Absence(staff="a", start_date=day(2), end_date=day(2), type="sick")
    pb = with_published(
        make_problem(staff=[person("a"), person("b")], demand=dem, absences=(absent,)), published, None
    )
    families = [OneShiftPerDay(), Availability(), Coverage(), FAM]
    result = solve(pb, time_limit=10, workers=2, seed=0, families=families, start=published)
    assert result.status == Status.OPTIMAL
    changed = {(p.staff, p.date) for p in FAM.penalty(pb, result.roster)}
    assert changed == {("a", day(2)), ("b", day(2))}
    assert result.family_costs[FAM.name] == 2 * 50 * U
