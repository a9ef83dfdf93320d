"""The command line through Typer's CliRunner: every exit code, and what is (not) written."""

from __future__ import annotations

import hashlib
import importlib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from roster_solver import __version__
from roster_solver.cli import app
from roster_solver.roster import SolveResult, Status
from roster_solver.workbook.template import write_input_workbook
from tests.factories import demand, make_problem, person

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example.xlsx"


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def small_problem(**kw):
    staff = kw.pop("staff", (person("a"), person("b"), person("c")))
    return make_problem(
        staff=staff, demand=kw.pop("demand", (demand("CEN", "weekdays", "08:00", "12:00", min=1),)), **kw
    )


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "team.xlsx"
    write_input_workbook(path, small_problem())
    return path


def test_version() -> None:
    r = run("--version")
    assert r.exit_code == 0
    assert __version__ in r.output


def test_help_shows_commands_and_examples() -> None:
    r = run("--help")
    assert r.exit_code == 0
    for cmd in ("validate", "init", "solve", "check"):
        assert cmd in r.output
    assert "roster solve team.xlsx" in run("solve", "--help").output


def test_usage_error_is_exit_2(small: Path) -> None:
    assert run("solve", small, "--no-such-option").exit_code == 2
    assert run("init", small.parent / "x.xlsx", "--lang", "de").exit_code == 2


def test_validate_the_example() -> None:
    r = run("validate", EXAMPLE)
    assert r.exit_code == 0, r.output
    assert "Valid workbook" in r.output
    assert "contract hours available" in r.output


def test_validate_not_an_xlsx_is_one_plain_line(tmp_path: Path) -> None:
    bad = tmp_path / "team.xlsx"
    bad.write_text("name,hours\nA,36\n")
    r = run("validate", bad)
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1


def test_validate_located_errors(tmp_path: Path, small: Path) -> None:
    wb = load_workbook(small)
    ws = wb["Staff"]
    col = [c.value for c in ws[1]].index("hours_per_week") + 1
    ws.cell(row=2, column=col, value="36,5u")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    r = run("validate", bad)
    assert r.exit_code == 1
    assert '"36,5u"' in r.output and "Staff!" in r.output and "hours_per_week" in r.output


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_init_templates_validate_as_nothing_to_plan(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"t-{lang}.xlsx"
    assert run("init", path, "--lang", lang).exit_code == 0
    r = run("validate", path)
    assert r.exit_code == 0, r.output
    assert "nothing to plan" in r.output


def test_init_example_validates_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "example.xlsx"
    assert run("init", path, "--example").exit_code == 0
    assert run("validate", path).exit_code == 0
    before = path.read_bytes()
    assert run("init", path).exit_code == 2
    assert path.read_bytes() == before


def test_init_copies_a_profile(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    assert run("init", path, "--profile", "atw").exit_code == 0
    assert "max_shift_hours = 12" in path.read_text()


def test_solve_writes_a_checked_roster_and_leaves_the_input_alone(small: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(small.read_bytes()).hexdigest()
    out = tmp_path / "out.xlsx"
    r = run("solve", small, "-o", out, "--time-limit", "10", "--workers", "2", "--quiet")
    assert r.exit_code == 0, r.output
    assert out.is_file()
    assert hashlib.sha256(small.read_bytes()).hexdigest() == before
    assert "Roster written to" in r.output
    names = load_workbook(out, read_only=True).sheetnames
    for sheet in ("Roster", "Assignments", "Coverage", "People", "Penalties", "Run"):
        assert sheet in names
    c = run("check", small, out)
    assert c.exit_code == 0, c.output
    assert "No hard rule broken" in c.output
    # With only the roster, the input recorded in its Run sheet is used.
    assert run("check", out).exit_code == 0


def test_solve_shortage_is_reported_not_refused(tmp_path: Path) -> None:
    # Two people cannot staff 3 per weekend night: under shortage = report a roster is still written.
    pb = make_problem(
        staff=(person("a"), person("b")), demand=(demand("CEN", "weekend", "23:00", "07:00", min=3),)
    )
    path = tmp_path / "short.xlsx"
    write_input_workbook(path, pb)
    out = tmp_path / "short-roster.xlsx"
    r = run("solve", path, "-o", out, "--time-limit", "10", "--workers", "2", "--quiet")
    assert r.exit_code == 0, r.output
    assert "below the minimum staffing" in r.output and "CEN Sat 10 Jan 23:00–07:00" in r.output
    wb = load_workbook(out, read_only=True)
    cov = list(wb["Coverage"].iter_rows(values_only=True))
    col = cov[0].index("short_of_min")
    assert any(isinstance(row[col], int | float) and row[col] > 0 for row in cov[1:])
    pen = [row for row in wb["Penalties"].iter_rows(values_only=True) if row and row[0] == "coverage"]
    assert pen


def test_solve_infeasible_is_exit_3_with_a_reason_and_nothing_written(tmp_path: Path) -> None:
    pb = make_problem(
        staff=(person("a"),), shortage="forbid", demand=(demand("CEN", "all", "08:00", "12:00", min=2),)
    )
    path = tmp_path / "inf.xlsx"
    write_input_workbook(path, pb)
    out = tmp_path / "inf-roster.xlsx"
    r = run("solve", path, "-o", out, "--time-limit", "10", "--workers", "2", "--quiet")
    assert r.exit_code == 3, r.output
    assert "cannot all be met" in r.output
    assert not out.exists()


def test_solve_timeout_is_exit_4(small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = importlib.import_module("roster_solver.engine.solve")

    monkeypatch.setattr(engine, "solve", lambda *a, **k: SolveResult(status=Status.UNKNOWN))
    out = tmp_path / "out.xlsx"
    r = run("solve", small, "-o", out, "--quiet")
    assert r.exit_code == 4
    assert not out.exists()


def test_internal_error_is_a_short_message_and_nothing_written(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = importlib.import_module("roster_solver.engine.solve")

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "solve", boom)
    out = tmp_path / "out.xlsx"
    r = run("solve", small, "-o", out, "--quiet")
    assert r.exit_code == 70
    assert "internal error" in r.output and "Traceback" not in r.output
    assert not out.exists()


def test_solve_refuses_to_overwrite_the_input(small: Path) -> None:
    assert run("solve", small, "-o", small, "--quiet").exit_code == 2


def test_check_finds_broken_hard_rules_exit_5(small: Path, tmp_path: Path) -> None:
    # A hand-made roster: late shift (ends 23:00) then early shift (07:00): 8 h rest < 11 h.
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["a", date(2026, 1, 5), "L", "CEN"])
    ws.append(["a", date(2026, 1, 6), "E", "CEN"])
    hand = tmp_path / "hand.xlsx"
    wb.save(hand)
    r = run("check", small, hand)
    assert r.exit_code == 5, r.output
    assert "daily_rest" in r.output


def test_validate_exit_3_when_hard_rules_certainly_collide(tmp_path: Path) -> None:
    # A certain collision found without a solver: a forbidden shortage, minimum above the team size.
    pb = make_problem(
        staff=(person("a"),), shortage="forbid", demand=(demand("CEN", "all", "08:00", "12:00", min=2),)
    )
    path = tmp_path / "inf.xlsx"
    write_input_workbook(path, pb)
    r = run("validate", path)
    assert r.exit_code == 3, r.output
    assert "cannot all be met" in r.output


@pytest.mark.parametrize("name", ["out.csv", "folder"])
def test_unusable_output_paths_are_refused_before_solving(small: Path, tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    r = run("solve", small, "-o", tmp_path / name, "--quiet")
    assert r.exit_code == 2, r.output
    assert "Roster written" not in r.output


def test_a_hard_link_to_the_input_is_the_input(small: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.xlsx"
    link.hardlink_to(small)
    before = small.read_bytes()
    assert run("solve", small, "-o", link, "--quiet").exit_code == 2
    assert small.read_bytes() == before


def test_run_sheet_records_the_objective_mode_and_stages(tmp_path: Path) -> None:
    pb = small_problem(objective="lexicographic")
    path = tmp_path / "lex.xlsx"
    write_input_workbook(path, pb)
    out = tmp_path / "lex-roster.xlsx"
    assert run("solve", path, "-o", out, "--time-limit", "10", "--workers", "2", "--quiet").exit_code == 0
    values = {r[0]: r[1] for r in load_workbook(out, read_only=True)["Run"].iter_rows(values_only=True) if r}
    assert values["objective_mode"] == "lexicographic"
    assert any(str(k).startswith("stage_") for k in values)
