"""Re-planning with minimal change: the core (roster_solver.repair) and `roster repair`."""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.coverage import shortfall_summary
from roster_solver.domain import Absence, Problem
from roster_solver.engine.solve import solve
from roster_solver.repair import changes, default_keep_before, repair, with_published
from roster_solver.roster import Roster
from roster_solver.workbook.template import write_input_workbook
from tests.factories import START, day, demand, make_problem, person, roster

runner = CliRunner()
CHANGE_UNIT = 50 * 60  # weight.change_from_published in cost units


def team(absences: tuple[Absence, ...] = (), **kw) -> Problem:
    """Four part-timers, two weeks; an early and a late shift wanted on weekdays in CEN (20
    shifts; the contracts give 24 to 28, so an absence leaves a gap to fill)."""
    return make_problem(
        staff=kw.pop("staff", [person(x, hours=24) for x in "abcd"]),
        demand=(
            demand("CEN", "weekdays", "07:00", "15:00", min=1),
            demand("CEN", "weekdays", "15:00", "23:00", min=1),
            *kw.pop("events", ()),
        ),
        absences=absences,
        **kw,
    )


def sick(staff: str, first: int, days: int = 3) -> Absence:
    return Absence(staff=staff, start_date=day(first), end_date=day(first + days - 1), type="sick")


@pytest.fixture(scope="module")
def published() -> Roster:
    result = solve(team(), time_limit=5, workers=2, seed=0)
    assert result.status.has_roster
    assert not any(shortfall_summary(team(), result.roster).values())
    return result.roster


def busiest(ros: Roster, first: date, days: int = 3) -> str:
    """The person with most shifts on the given days (the one whose illness hurts most)."""
    dates = {first + timedelta(days=k) for k in range(days)}
    count: dict[str, int] = {}
    for a in ros.assignments:
        if a.date in dates:
            count[a.staff] = count.get(a.staff, 0) + 1
    return max(sorted(count), key=lambda s: count[s])


def leaves_a_gap(ros: Roster, first: date, days: int = 3) -> str:
    """The first person whose absence on the given days leaves the minimum staffing unmet."""
    dates = {first + timedelta(days=k) for k in range(days)}
    for x in "abcd":
        rest = Roster.of([a for a in ros.assignments if not (a.staff == x and a.date in dates)])
        if any(shortfall_summary(team(), rest).values()):
            return x
    raise AssertionError("every shift on those days is staffed twice")


# --------------------------------------------------------------------------- core


def test_default_re_planning_date() -> None:
    pb = team()
    assert default_keep_before(pb, day(3)) == day(4)  # the day after today, inside the horizon
    assert default_keep_before(pb, START - timedelta(days=1)) == START
    assert default_keep_before(pb, day(13)) == START  # tomorrow is after the horizon
    assert default_keep_before(pb, START - timedelta(days=10)) == START
    assert default_keep_before(pb, day(40)) == START  # after the horizon: re-plan it all


def test_nothing_changed_changes_nothing(published: Roster) -> None:
    rr = repair(team(), published, today=START, time_limit=5, workers=2, seed=0)
    assert rr.changes == []
    assert rr.result.roster == published
    assert rr.result.family_costs.get("change_from_published", 0) == 0
    assert rr.report.violations == []
    assert rr.result.objective == rr.report.total_cost


def test_one_person_ill_for_three_days_changes_a_handful(published: Roster) -> None:
    who = leaves_a_gap(published, day(8))
    new = team(absences=(sick(who, 8),))
    started = time.monotonic()
    rr = repair(new, published, today=day(7), time_limit=8, workers=2, seed=0)
    assert time.monotonic() - started < 15
    assert rr.result.status.has_roster
    assert check_roster(rr.problem, rr.result.roster).violations == []
    assert rr.result.objective == rr.report.total_cost  # the three invariants' sum
    assert not any(shortfall_summary(new, rr.result.roster).values())
    # The published roster is time-limited, so which shifts the ill person had varies a little.
    ill = [c for c in rr.changes if c.staff == who and day(8) <= c.date <= day(10)]
    assert ill and all(c.becomes == "off" and c.why == "not available" for c in ill)
    assert any(
        shortfall_summary(
            new,
            Roster.of(
                [
                    a
                    for a in published.assignments
                    if (a.staff, a.date) not in {(c.staff, c.date) for c in ill}
                ]
            ),
        ).values()
    )  # the absence left a gap ...
    others = [c for c in rr.changes if c not in ill]
    assert 1 <= len(others) <= 8  # ... that a few changes fill
    assert any(c.why.startswith(("takes over", "keeps the minimum staffing")) for c in others)
    assert all(c.date >= day(8) for c in rr.changes)  # --from: the day after --today
    assert rr.result.family_costs["change_from_published"] == len(rr.changes) * CHANGE_UNIT
    assert rr.people_affected == len({c.staff for c in rr.changes})
    assert rr.within_notice == len(rr.changes)  # all within 28 days of day 7


@pytest.mark.parametrize("free", [None, frozenset(range(6, 12))], ids=["all-dates", "neighbourhood"])
def test_three_invariants_hold_with_a_published_roster(published: Roster, free) -> None:
    from roster_solver.constraints import FAMILIES

    new = team(absences=(sick(busiest(published, day(8)), 8),))
    pb = with_published(new, published, day(5), free)
    result = solve(pb, time_limit=5, workers=2, seed=0, start=published)
    assert result.status.has_roster
    assert check_roster(pb, result.roster).violations == []
    for fam in FAMILIES:
        recomputed = sum(p.cost for p in fam.penalty(pb, result.roster))
        assert recomputed == result.family_costs.get(fam.name, 0), fam
    assert sum(result.family_costs.values()) == result.objective == check_roster(pb, result.roster).total_cost


def test_lexicographic_repair_is_legal_and_keeps_most_shifts(published: Roster) -> None:
    who = busiest(published, day(8))
    new = team(absences=(sick(who, 8),), objective="lexicographic")
    rr = repair(new, published, today=day(7), time_limit=8, workers=2, seed=0)
    assert rr.result.status.has_roster and rr.report.violations == []
    assert not any(shortfall_summary(new, rr.result.roster).values())
    assert len(rr.changes) <= 11


def test_disrupted_days_are_absences_and_events_not_old_target_gaps(published: Roster) -> None:
    from roster_solver.repair import disrupted_days, starting_roster

    pb = with_published(team(), published, START)
    assert disrupted_days(pb, starting_roster(pb)) == set()
    event = demand("CEN", day(9).isoformat(), "07:00", "15:00", min=1, target=4)
    pb = with_published(team(absences=(sick("a", 2, 1),), events=(event,)), published, START)
    got = disrupted_days(pb, starting_roster(pb))
    assert 9 in got
    if any(x.staff == "a" and x.date == day(2) for x in published.assignments):
        assert 2 in got  # a's published shift on the new absence
    assert got <= {2, 3, 9}


def test_all_dates_searches_everything_at_once(published: Roster) -> None:
    event = demand("CEN", day(9).isoformat(), "07:00", "15:00", min=1, target=3)
    rr = repair(
        team(events=(event,)), published, today=START, time_limit=5, workers=2, seed=0, all_dates=True
    )
    assert rr.searched_days is None and [s["days"] for s in rr.stages] == ["all"]
    assert rr.report.violations == [] and rr.result.bound is not None
    assert any(
        c.date == day(9) and "in CEN 07:00\u201315:00 closer to its target" in c.why for c in rr.changes
    )


def test_kept_past_with_a_new_absence_becomes_off_and_nothing_else_there(published: Roster) -> None:
    who = busiest(published, day(1), 1)
    new = team(absences=(sick(who, 1, 1),))
    rr = repair(new, published, today=day(4), time_limit=5, workers=2, seed=0)
    before = [c for c in rr.changes if c.date < day(4)]
    assert [(c.staff, c.date, c.becomes, c.why) for c in before] == [(who, day(1), "off", "not available")]
    assert rr.report.violations == []


def test_changes_notice_period_and_plain_reasons() -> None:
    pb = with_published(
        team(absences=(sick("a", 1, 1),)), roster(("a", 1, "E"), ("b", 2, "E"), ("c", 9, "L")), None
    )
    new = roster(("b", 1, "E"), ("c", 9, "E"))
    found = changes(pb, new, today=START - timedelta(days=20))  # notice until day 8 (exclusive)
    assert [(c.staff, c.date, c.was, c.becomes, c.within_notice) for c in found] == [
        ("a", day(1), "E", "off", True),
        ("b", day(1), "off", "E", True),
        ("b", day(2), "E", "off", True),
        ("c", day(9), "L", "E", False),
    ]
    assert found[0].why == "not available"  # never the absence type
    assert found[0].name == "Person a"
    assert all("sick" not in c.why for c in found)


def test_published_shift_of_someone_no_longer_employed_is_a_change() -> None:
    pb = with_published(team(staff=[person("a", end_date=day(5)), person("b")]), roster(("a", 8, "E")), None)
    [c] = changes(pb, Roster(), today=START)
    assert (c.staff, c.why) == ("a", "not employed on this date")


# --------------------------------------------------------------------------- the command


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, published: Roster) -> dict[str, Path]:
    """The input, the published roster (solved by `roster solve`) and an input in which the
    busiest person of week 2 is ill for three days."""
    folder = tmp_path_factory.mktemp("repair")
    base = folder / "team.xlsx"
    write_input_workbook(base, team())
    pub = folder / "published.xlsx"
    r = run("solve", base, "-o", pub, "--time-limit", 5, "--workers", 2, "--quiet")
    assert r.exit_code == 0, r.output
    from roster_solver.workbook.reader import read_assignments

    who = busiest(read_assignments(pub, team()), day(8))
    v2 = folder / "team-v2.xlsx"
    write_input_workbook(v2, team(absences=(sick(who, 8),)))
    return {"base": base, "published": pub, "v2": v2}


def test_cli_writes_the_roster_with_a_changes_sheet(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "v2-roster.xlsx"
    hashes = {k: _sha(p) for k, p in files.items()}
    r = run(
        "repair",
        files["v2"],
        "--published",
        files["published"],
        "-o",
        target,
        "--today",
        day(7).isoformat(),
        "--time-limit",
        6,
        "--workers",
        2,
        "--quiet",
    )
    assert r.exit_code == 0, r.output
    assert "within the notice period (28 days from" in r.output
    assert "Roster written to" in r.output
    assert {k: _sha(p) for k, p in files.items()} == hashes  # inputs untouched
    wb = load_workbook(target, read_only=True)
    assert {"Roster", "Assignments", "Changes", "Penalties", "Run"} <= set(wb.sheetnames)
    rows = list(wb["Changes"].iter_rows(values_only=True))
    assert rows[0] == (
        "staff",
        "name",
        "date",
        "was",
        "becomes",
        "why",
        "within_notice_period",
        "was_times",
        "becomes_times",
    )
    assert len(rows) > 1 and all(row[6] == "yes" for row in rows[1:])
    assert any(row[5] == "not available" for row in rows[1:])
    run_sheet = {row[0]: row[1] for row in wb["Run"].iter_rows(values_only=True)}
    assert run_sheet["changed_shifts"] == len(rows) - 1
    assert f"{len(rows) - 1} shift" in r.output
    texts = {
        str(v).lower()
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    }
    wb.close()
    assert not any("sick" in t or "ziek" in t for t in texts)  # no absence reason anywhere
    # The written roster passes `roster check` against the updated input.
    assert run("check", files["v2"], target).exit_code == 0


def test_cli_bad_input_is_exit_1(files: dict[str, Path], tmp_path: Path) -> None:
    r = run("repair", files["v2"], "--published", tmp_path / "missing.xlsx", "--quiet")
    assert r.exit_code == 1
    assert "file not found" in r.output
    broken = tmp_path / "broken.xlsx"
    wb = load_workbook(files["published"])
    wb["Assignments"]["A2"] = "nobody"
    wb.save(broken)
    r = run("repair", files["v2"], "--published", broken, "-o", tmp_path / "x.xlsx", "--quiet")
    assert r.exit_code == 1
    assert "Assignments!A2" in r.output and "nobody" in r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_usage_errors_are_exit_2(files: dict[str, Path], tmp_path: Path) -> None:
    assert run("repair", files["v2"]).exit_code == 2  # --published is required
    r = run("repair", files["v2"], "--published", files["published"], "--from", "someday")
    assert r.exit_code == 2 and "not a date" in r.output
    r = run("repair", files["v2"], "--published", files["published"], "-o", files["published"])
    assert r.exit_code == 2 and "overwrite the published roster" in r.output
    r = run("repair", files["v2"], "--published", files["published"], "-o", files["v2"])
    assert r.exit_code == 2 and "overwrite the input" in r.output
    r = run(
        "repair",
        files["v2"],
        "--published",
        files["published"],
        "--from",
        "2030-01-01",
        "-o",
        tmp_path / "x.xlsx",
    )
    assert r.exit_code == 2 and "after the horizon" in r.output
    assert "roster repair team.xlsx --published roster.xlsx" in run("repair", "--help").output


def test_cli_infeasible_is_exit_3(files: dict[str, Path], tmp_path: Path) -> None:
    everyone_away = tuple(sick(x, 9, 1) for x in "abcd")
    hopeless = tmp_path / "hopeless.xlsx"
    write_input_workbook(hopeless, team(absences=everyone_away, shortage="forbid"))
    target = tmp_path / "never.xlsx"
    r = run(
        "repair",
        hopeless,
        "--published",
        files["published"],
        "-o",
        target,
        "--time-limit",
        5,
        "--workers",
        2,
        "--quiet",
    )
    assert r.exit_code == 3, r.output
    assert "cannot all be met" in r.output
    assert not target.exists()


# --------------------------------------------------------------------------- the example


@pytest.mark.slow
def test_example_one_person_ill_three_days_in_week_two() -> None:
    from roster_solver.example import example_problem

    pb = example_problem()
    base = solve(pb, time_limit=60, workers=2, seed=0)
    assert base.status.has_roster
    ill_from = pb.start_date + timedelta(days=8)  # Tuesday of week 2
    who = busiest(base.roster, ill_from)
    fields = {n: getattr(pb, n) for n in Problem.model_fields if n != "published"}
    fields["absences"] = (
        *pb.absences,
        Absence(staff=who, start_date=ill_from, end_date=ill_from + timedelta(days=2), type="sick"),
    )
    new = Problem(**fields)
    started = time.monotonic()
    rr = repair(new, base.roster, today=pb.start_date + timedelta(days=7), time_limit=20, workers=2, seed=0)
    assert time.monotonic() - started < 30
    assert rr.report.violations == []
    assert rr.result.objective == rr.report.total_cost
    assert sum(shortfall_summary(new, rr.result.roster).values()) <= sum(
        shortfall_summary(pb, base.roster).values()
    )
    assert len(rr.changes) <= 15
    assert any(c.staff == who and c.why == "not available" for c in rr.changes)


# --------------------------------------------------------------------------- who to call


def test_three_day_absence_every_change_names_who_it_replaces_or_the_rule_it_keeps(published: Roster) -> None:
    from roster_solver.repair import people_to_call

    who = leaves_a_gap(published, day(8))
    new = team(absences=(sick(who, 8),))
    rr = repair(new, published, today=day(6), time_limit=5, workers=2, seed=0)
    assert rr.keep_before == day(7) and rr.report.violations == []
    assert rr.changes and all(c.date >= rr.keep_before for c in rr.changes)  # none before --from
    for c in rr.changes:
        if c.staff == who and day(8) <= c.date <= day(10):
            assert c.why == "not available" and c.becomes == "off"
            continue
        assert (
            c.why.startswith("takes over ") and c.why.endswith(f"from {who}, who is absent")
        ) or c.why.startswith(("moved so that", "keeps the minimum staffing", "brings the staffing")), c.why
        assert "sick" not in c.why
    taken = [c for c in rr.changes if c.why.startswith("takes over")]
    assert taken  # someone takes over the absent person's shift, with its times and area
    assert all(re.search(r"takes over \w+ \d\d:\d\d\u2013\d\d:\d\d in CEN from", c.why) for c in taken)
    assert all(c.was_times and c.becomes_times for c in rr.changes)
    groups = people_to_call(rr.changes)
    assert sorted(s for s, _, _ in groups) == sorted({c.staff for c in rr.changes})
    assert all([c.date for c in cs] == sorted(c.date for c in cs) for _, _, cs in groups)


def test_reasons_take_over_and_keep_rest() -> None:
    """a is absent on day 1; b takes over a's early shift; b's published night of day 0 would
    leave too little rest before it, so b's day 0 moves too."""
    pb = with_published(
        team(absences=(sick("a", 1, 1),)), roster(("a", 1, "E"), ("b", 0, "N"), ("c", 1, "L")), None
    )
    new = roster(("b", 1, "E"), ("c", 1, "L"))
    found = {(c.staff, c.date): c for c in changes(pb, new, today=START)}
    assert found[("a", day(1))].why == "not available"
    assert found[("b", day(1))].why == "takes over E 07:00\u201315:00 in CEN from a, who is absent"
    assert found[("b", day(1))].becomes_times == "E 07:00\u201315:00 in CEN"
    assert found[("b", day(0))].why == "moved so that b keeps 11 h rest"
    assert found[("b", day(0))].was_times == "N 23:00\u201307:00 in CEN"
    assert found[("b", day(0))].becomes_times == "off"


def test_cli_lists_the_people_to_call_and_groups_the_changes_sheet(
    files: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "v2.xlsx"
    r = run(
        "repair",
        files["v2"],
        "--published",
        files["published"],
        "-o",
        target,
        "--today",
        day(6).isoformat(),
        "--time-limit",
        5,
        "--workers",
        2,
        "--quiet",
    )
    assert r.exit_code == 0, r.output
    assert "People to call (" in r.output and "Dates before " + day(7).isoformat() in r.output
    wb = load_workbook(target, read_only=True)
    rows = list(wb["Changes"].iter_rows(values_only=True))[1:]
    wb.close()
    staff = [row[0] for row in rows]
    assert staff == sorted(staff, key=lambda s: staff.index(s))  # each person's rows together
    assert all(row[2].date() >= day(7) for row in rows)
