"""Command-line conventions: -h everywhere, shell completion, sane --workers and --seed, --json
for validate and check, and `export --out -`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from tests.books import write_books
from tests.factories import START, demand, make_problem, person, roster

runner = CliRunner()
ROSTER = Path(sys.executable).with_name("roster")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command of the app, as the words that call it."""
    paths: list[tuple[str, ...]] = []

    def walk(cmd, prefix: tuple[str, ...]) -> None:
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            paths.append((*prefix, name))
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_every_command_is_covered() -> None:
    names = {p[0] for p in command_paths()}
    assert {
        "validate",
        "init",
        "solve",
        "check",
        "export",
        "report",
        "repair",
        "explain",
        "capacity",
        "demand",
        "convert",
        "bench",
    } <= names
    assert ("bench", "curtois") in command_paths()


@pytest.mark.parametrize("words", [(), *command_paths()], ids=lambda w: " ".join(w) or "roster")
def test_dash_h_is_help(words: tuple[str, ...]) -> None:
    short, long = run(*words, "-h"), run(*words, "--help")
    assert short.exit_code == 0 == long.exit_code, short.output
    assert short.output == long.output
    assert "Usage:" in short.output and "-h, --help" in short.output


def test_shell_completion_is_offered_and_works(tmp_path: Path) -> None:
    top = run("--help").output
    assert "--install-completion" in top and "--show-completion" in top
    script = run("--show-completion", "bash")
    assert script.exit_code == 0
    assert "_ROSTER_COMPLETE=complete_bash" in script.output
    assert "complete -o default -F _roster_completion roster" in script.output
    # what the installed script asks the program for: the completions of `roster va`
    env = {**os.environ, "_ROSTER_COMPLETE": "complete_bash", "COMP_WORDS": "roster va", "COMP_CWORD": "1"}
    done = subprocess.run([str(ROSTER)], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["validate"]
    env["COMP_WORDS"], env["COMP_CWORD"] = "roster solve --wor", "2"
    done = subprocess.run([str(ROSTER)], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.stdout.split() == ["--workers"]


@pytest.mark.parametrize("value", ["0", "65", "100000", "-3"])
@pytest.mark.parametrize("command", ["solve", "repair", "capacity"])
def test_workers_out_of_range_is_a_usage_error(command: str, value: str, tmp_path: Path) -> None:
    r = run(command, tmp_path / "team.xlsx", "--workers", value)
    assert r.exit_code == 2, r.output
    assert "--workers" in r.output
    assert "Traceback" not in r.output
    assert list(tmp_path.iterdir()) == []


def test_workers_in_range_and_seed_range(tmp_path: Path) -> None:
    # In range, the option is accepted (the missing file is then the only problem: exit 1).
    assert run("solve", tmp_path / "team.xlsx", "--workers", "64").exit_code == 1
    assert run("solve", tmp_path / "team.xlsx", "--workers", "1").exit_code == 1
    r = run("solve", tmp_path / "team.xlsx", "--seed", str(2**31))
    assert r.exit_code == 2 and "--seed" in r.output
    assert run("bench", "curtois", tmp_path / "I.txt", "--workers", "65").exit_code == 2


# --------------------------------------------------------------------------- --json


def _small(tmp_path: Path, **kw):
    pb = make_problem(
        staff=(person("a"), person("b")),
        weeks=1,
        demand=(demand("CEN", "weekdays", "08:00", "12:00", min=1),),
        **kw,
    )
    ros = roster(("a", 0, "E"), ("b", 1, "E"))
    return write_books(tmp_path, pb, ros)


def test_validate_json_valid(tmp_path: Path) -> None:
    team, _ = _small(tmp_path)
    r = runner.invoke(app, ["validate", str(team), "--json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["command"] == "validate" and doc["status"] == "valid" and doc["exit_code"] == 0
    assert doc["errors"] == []
    assert doc["summary"]["staff"] == 2 and doc["summary"]["weeks"] == 1
    assert doc["summary"]["first_day"] == START.isoformat()


def test_validate_json_lists_every_located_error(tmp_path: Path) -> None:
    team, _ = _small(tmp_path)
    wb = load_workbook(team)
    ws = wb["Staff"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("hours_per_week") + 1, value="36,5u")
    ws.cell(row=3, column=header.index("home_area") + 1, value="NOPE")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    r = runner.invoke(app, ["validate", str(bad), "--json"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["status"] == "invalid" and doc["exit_code"] == 1 and doc["summary"] is None
    by_column = {e["column"]: e for e in doc["errors"]}
    hours = by_column["hours_per_week"]
    assert hours["sheet"] == "Staff" and hours["row"] == 2 and hours["value"] == "36,5u"
    assert hours["cell"] == f"{chr(ord('A') + header.index('hours_per_week'))}2"
    assert hours["message"] and hours["text"].startswith("Staff!")
    assert by_column["home_area"]["value"] == "NOPE" and by_column["home_area"]["row"] == 3


def test_validate_json_infeasible_names_the_findings(tmp_path: Path) -> None:
    pb = make_problem(
        staff=(person("a"),), shortage="forbid", demand=(demand("CEN", "all", "08:00", "12:00", min=2),)
    )
    team, _ = write_books(tmp_path, pb, roster())
    r = runner.invoke(app, ["validate", str(team), "--json"])
    assert r.exit_code == 3
    doc = json.loads(r.stdout)
    assert doc["status"] == "infeasible" and doc["exit_code"] == 3
    certain = [f for f in doc["findings"] if f["certain"]]
    assert certain and all(f["cells"] for f in certain)


def test_check_json_ok_and_broken(tmp_path: Path) -> None:
    team, out = _small(tmp_path)
    r = runner.invoke(app, ["check", str(team), str(out), "--json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["status"] == "ok" and doc["assignments"] == 2 and doc["violations"] == []
    assert doc["total_cost"] == pytest.approx(sum(doc["costs"].values()), abs=0.05)
    # A hand-made roster: late shift then early shift, 8 h rest < 11 h.
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["a", START, "L", "CEN"])
    ws.append(["a", START.replace(day=START.day + 1), "E", "CEN"])
    hand = tmp_path / "hand.xlsx"
    wb.save(hand)
    r = runner.invoke(app, ["check", str(team), str(hand), "--json"])
    assert r.exit_code == 5
    doc = json.loads(r.stdout)
    assert doc["status"] == "broken" and doc["exit_code"] == 5
    rest = [v for v in doc["violations"] if v["rule"] == "daily_rest"]
    assert rest and rest[0]["staff"] == "a" and rest[0]["message"]


def test_check_json_bad_roster_is_located(tmp_path: Path) -> None:
    team, _ = _small(tmp_path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["zz", START, "E", "CEN"])
    hand = tmp_path / "hand.xlsx"
    wb.save(hand)
    r = runner.invoke(app, ["check", str(team), str(hand), "--json"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["status"] == "invalid" and doc["violations"] == []
    assert any(e["sheet"] == "Assignments" and e["value"] == "zz" for e in doc["errors"])


# --------------------------------------------------------------------------- export --out -


def test_export_to_stdout_is_json_only_and_creates_no_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, out = _small(tmp_path)
    r = runner.invoke(app, ["export", str(out), "-f", "json", "--out", "-"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["schema"] == "roster-export" and len(doc["assignments"]) == 2
    for formats in (["-f", "csv"], ["-f", "json", "-f", "ics"]):
        r = runner.invoke(app, ["export", str(out), *formats, "--out", "-"])
        assert r.exit_code == 2
        assert "--out -" in r.output
    assert not (tmp_path / "-").exists()
