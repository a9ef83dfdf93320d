"""Curtois & Qu: reader, converter, evaluator and the engine on the small instances."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.benchmarks.curtois import (
    AREA,
    CurtoisInstance,
    format_instance,
    parse_instance,
    read_instance,
    roster_from_rows,
    rows_from_roster,
    to_problem,
)
from roster_solver.benchmarks.evaluate import evaluate, parse_roster, read_roster
from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.engine.solve import solve
from roster_solver.errors import InputError
from roster_solver.roster import COST_SCALE
from roster_solver.workbook.reader import read_workbook

DATA = Path("/work/shared/benchmarks/curtois-qu")
if not DATA.is_dir():  # the repository may sit beside shared/
    DATA = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "curtois-qu"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data not available")

REFERENCE = {1: 607, 2: 828, 3: 1001}
runner = CliRunner()


def instance(n: int) -> CurtoisInstance:
    return read_instance(DATA / f"Instance{n}.txt")


def reference_rows(n: int) -> dict[str, list[str]]:
    return read_roster(DATA / "solutions" / f"Instance{n}_penalty{REFERENCE[n]}.csv", instance(n))


def data_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]


# --------------------------------------------------------------------------- reader


@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_reader_round_trip_against_the_text(n: int) -> None:
    original = (DATA / f"Instance{n}.txt").read_text()
    inst = instance(n)
    written = format_instance(inst)
    # Every data line of the file comes back, in order (the original ends the empty
    # Forbidden field with a comma, as does the writer).
    assert data_lines(written) == data_lines(original)
    assert parse_instance(written, inst.name) == inst


def test_reader_facts_of_instance2() -> None:
    inst = instance(2)
    assert inst.horizon == 14
    assert [(s.id, s.length, s.forbidden) for s in inst.shifts] == [("E", 480, ()), ("L", 480, ("E",))]
    d = next(e for e in inst.staff if e.id == "D")
    assert d.max_shifts == (("E", 14), ("L", 0))
    assert (
        d.max_minutes,
        d.min_minutes,
        d.max_consecutive,
        d.min_consecutive,
        d.min_consecutive_off,
        d.max_weekends,
    ) == (4320, 3360, 5, 2, 2, 1)
    assert len(inst.staff) == 14 and len(inst.cover) == 28


def test_reader_reports_every_bad_line() -> None:
    text = (
        "SECTION_HORIZON\n14\n\nSECTION_SHIFTS\nD,480,X\n\nSECTION_STAFF\n"
        "A,D=14,4320,3360,5,2,2,1\nB,Q=3,x,0,5,2,2,1\n\nSECTION_DAYS_OFF\nA,3,20\n\n"
        "SECTION_COVER\n0,D,2,100,1\n0,N,1,100,1\n"
    )
    with pytest.raises(InputError) as exc:
        parse_instance(text, "bad")
    messages = [str(i) for i in exc.value.errors]
    assert any("bad.txt row 5 (Forbidden)" in m and '"X"' in m for m in messages)
    assert any("row 9 (MaxShifts)" in m for m in messages)
    assert any("row 9 (MaxTotalMinutes)" in m and "whole number" in m for m in messages)
    assert any("row 12 (Day)" in m and "outside the horizon" in m for m in messages)
    assert any("row 16 (ShiftID)" in m for m in messages)
    assert len(messages) == 5


def test_mapping_onto_workbook_features() -> None:
    inst = instance(2)
    pb = to_problem(inst)
    assert pb.settings.rule_profile == "none" and pb.n_days == 14
    d = pb.staff_by_id["D"]
    assert d.shifts == ("E",)  # L=0: not allowed at all
    assert (d.min_hours * 60, d.max_hours * 60) == (3360, 4320)  # type: ignore[operator]
    assert (d.max_consecutive_days, d.min_consecutive_days, d.min_consecutive_days_off, d.max_weekends) == (
        5,
        2,
        2,
        1,
    )
    assert pb.shift_by_code["L"].not_followed_by == ("E",)
    assert not pb.limits  # every limit is the horizon: nothing binds
    assert {(w.kind, w.weight) for w in pb.wishes} <= {(k, x) for k in ("prefer", "avoid") for x in (1, 2, 3)}
    assert len(pb.demand) == len(inst.cover)
    # No law rule is active: a 12-hour shift would be allowed, no break is needed.
    assert pb.ruleset.minutes("max_shift_hours") == 0


# --------------------------------------------------------------------------- evaluator


@pytest.mark.parametrize("n", [1, 2, 3])
def test_reference_solutions_score_their_best_known_value(n: int) -> None:
    ev = evaluate(instance(n), reference_rows(n))
    assert ev.violations == []
    assert ev.penalty == REFERENCE[n]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_engine_checker_agrees_with_the_evaluator(n: int) -> None:
    inst = instance(n)
    pb = to_problem(inst)
    report = check_roster(pb, roster_from_rows(pb, reference_rows(n)))
    assert report.violations == []
    assert report.total_cost == REFERENCE[n] * COST_SCALE


TINY = """SECTION_HORIZON
14

SECTION_SHIFTS
D,480,
N,600,D

SECTION_STAFF
A,D=14|N=2,6000,960,3,2,2,1
B,D=14|N=0,6000,0,5,1,1,2

SECTION_DAYS_OFF
A,13
B

SECTION_SHIFT_ON_REQUESTS
A,0,D,2

SECTION_SHIFT_OFF_REQUESTS
B,4,D,3

SECTION_COVER
""" + "".join(f"{d},D,1,100,1\n{d},N,0,100,1\n" for d in range(14))


def rows_of(a: str, b: str) -> dict[str, list[str]]:
    return {"A": [c.strip() for c in a.split(",")], "B": [c.strip() for c in b.split(",")]}


def test_evaluator_hand_made_roster_without_violations() -> None:
    inst = parse_instance(TINY, "tiny")
    # A works days 0-1 (a run at the edge), then 5-6 as a weekend pair; B works runs of 4, 5
    # and 1 (the last at the edge, so exempt), with a single day off (B's minimum is 1).
    rows = rows_of("D,D,,,,D,D,,,,,,,", "  ,D,D,D,D,,,D,D,D,D,D,,D")
    ev = evaluate(inst, rows)
    assert ev.violations == []
    # day 1: two on D (over 1); day 12: nobody (under 100); B works D on day 4 (off-request 3)
    assert ev.parts == {"on": 0, "off": 3, "under": 100, "over": 1}
    assert ev.penalty == 104


def test_evaluator_counts_each_hard_rule() -> None:
    inst = parse_instance(TINY, "tiny")
    rows = rows_of("N,D,,D,,,,N,N,N,,,,D", "  ,,,,,,,,,,,,, ")
    ev = evaluate(inst, rows)
    text = "\n".join(ev.violations)
    assert "day 0-1: D may not follow N" in text
    assert "works N 4 times, MaxShifts 2" in text
    assert "1 shifts in a row from day 3, MinConsecutiveShifts 2" in text  # not at an edge
    assert "1 days off in a row from day 2, MinConsecutiveDaysOff 2" in text
    assert "works on day off 13" in text
    assert len(ev.violations) == 5
    # the run on day 13 touches the edge: exempt from MinConsecutiveShifts
    assert "from day 13" not in text
    # coverage: D on days 1, 3, 13 only -> 11 days under; N over on 0, 7, 8, 9; A's on-request
    # (D on day 0) refused by N
    assert ev.parts == {"on": 2, "off": 0, "under": 1100, "over": 4}


def test_evaluator_minutes_and_weekends() -> None:
    inst = parse_instance(TINY, "tiny")
    rows = rows_of(",,,,,,,,,,,,,", "D,D,D,D,D,D,D,D,D,D,D,D,D,D")
    text = "\n".join(evaluate(inst, rows).violations)
    assert "A: 0 minutes, MinTotalMinutes 960" in text
    assert "B: 6720 minutes, MaxTotalMinutes 6000" in text
    assert "B: works 2 weekends" not in text  # two weekends is B's limit
    assert "B: 14 shifts in a row from day 0, MaxConsecutiveShifts 5" in text


def test_roster_parser_locates_problems() -> None:
    inst = parse_instance(TINY, "tiny")
    with pytest.raises(InputError) as exc:
        parse_roster("A,X,,,,,,,,,,,,,\nZ,,\n", inst, "r.csv")
    messages = [str(i) for i in exc.value.errors]
    assert any("r.csv!B1 (day 0)" in m and '"X"' in m for m in messages)
    assert any("r.csv!A2" in m and '"Z"' in m for m in messages)


# --------------------------------------------------------------------------- converter


@pytest.mark.parametrize("n", [1, 3])
def test_convert_round_trip(tmp_path: Path, n: int) -> None:
    target = tmp_path / f"I{n}.xlsx"
    result = runner.invoke(app, ["convert", str(DATA / f"Instance{n}.txt"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    direct = to_problem(instance(n))
    read = read_workbook(target)
    for attr in ("settings", "areas", "shifts", "staff", "limits", "demand", "absences", "wishes"):
        a, b = getattr(direct, attr), getattr(read, attr)
        if attr == "settings":
            assert a.model_dump() == b.model_dump()
        else:
            assert [r.model_dump() for r in a] == [r.model_dump() for r in b], attr
    # The same objective on the reference roster, from the workbook's problem.
    report = check_roster(read, roster_from_rows(read, reference_rows(n)))
    assert report.violations == [] and report.total_cost == REFERENCE[n] * COST_SCALE


def test_convert_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "I1.xlsx"
    target.write_bytes(b"keep")
    result = runner.invoke(app, ["convert", str(DATA / "Instance1.txt"), "-o", str(target)])
    assert result.exit_code == 2 and target.read_bytes() == b"keep"


def test_convert_bad_instance_is_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("SECTION_HORIZON\nfourteen\n")
    result = runner.invoke(app, ["convert", str(bad), "-o", str(tmp_path / "bad.xlsx")])
    assert result.exit_code == 1
    assert "bad.txt row 2 (horizon)" in result.output
    assert not (tmp_path / "bad.xlsx").exists()


# --------------------------------------------------------------------------- engine


def test_instance1_optimum_is_607() -> None:
    inst = instance(1)
    pb = to_problem(inst)
    result = solve(pb, time_limit=10, workers=2, seed=0)
    assert result.status == "OPTIMAL"
    assert result.objective == 607 * COST_SCALE
    rows = rows_from_roster(pb, result.roster)
    ev = evaluate(inst, rows)
    assert ev.violations == [] and ev.penalty == 607
    assert {a.area for a in result.roster.assignments} == {AREA}


def test_bench_command_writes_rosters_and_results(tmp_path: Path) -> None:
    out = tmp_path / "res"
    result = runner.invoke(
        app,
        [
            "bench",
            "curtois",
            str(DATA / "Instance1.txt"),
            "--time-limit",
            "10",
            "--workers",
            "2",
            "--out",
            str(out),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = (out / "results.csv").read_text().splitlines()
    assert lines[0] == (
        "instance,status,objective,bound,best_known,gap_to_best_known_pct,first_solution_seconds,seconds"
    )
    # 607 is the optimum; the proof (bound 607) usually comes within a second, but on a busy
    # machine 10 s may end before it, so the status may be FEASIBLE
    fields = lines[1].split(",")
    assert fields[0] == "Instance1" and fields[1] in ("OPTIMAL", "FEASIBLE")
    assert fields[2] == "607" and fields[4] == "607" and fields[5] == "0.00"
    rows = read_roster(out / "Instance1-roster.csv", instance(1))
    assert evaluate(instance(1), rows).penalty == 607
    assert "Instance1" in result.output and "607" in result.output


def test_bench_command_prove_reports_the_column_generation_bound(tmp_path: Path) -> None:
    out = tmp_path / "res"
    args = ["bench", "curtois", str(DATA / "Instance2.txt"), "--time-limit", "12", "--workers", "2"]
    result = runner.invoke(app, [*args, "--out", str(out), "--quiet", "--prove"])
    assert result.exit_code == 0, result.output
    fields = (out / "results.csv").read_text().splitlines()[1].split(",")
    # Instance2's optimum is 828: the bound is valid and close (CP-SAT's alone is far lower).
    assert fields[0] == "Instance2" and 700 <= int(fields[3]) <= 828 <= int(fields[2])
    # A bound that reaches the roster's penalty proves it optimal.
    assert fields[1] == ("OPTIMAL" if fields[3] == fields[2] else "FEASIBLE")


def test_solve_on_the_converted_workbook_gives_the_benchmark_objective(tmp_path: Path) -> None:
    book, out = tmp_path / "I1.xlsx", tmp_path / "I1-roster.xlsx"
    assert runner.invoke(app, ["convert", str(DATA / "Instance1.txt"), "-o", str(book)]).exit_code == 0
    result = runner.invoke(
        app,
        ["solve", str(book), "-o", str(out), "--time-limit", "10", "--workers", "2", "--quiet", "--verbose"],
    )
    assert result.exit_code == 0, result.output
    assert "objective 607.00, bound 607.00" in result.output
    checked = runner.invoke(app, ["check", str(book), str(out)])
    assert checked.exit_code == 0 and "607.00" in checked.output
