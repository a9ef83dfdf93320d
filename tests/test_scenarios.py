"""Scenarios: the workbook, the alternatives built from it, and the comparison (no cluster)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.errors import InputError
from roster_solver.scenarios.build import build_problem
from roster_solver.scenarios.compare import comparison_html, write_comparison_workbook
from roster_solver.scenarios.run import ScenarioResult, prepare, run_scenarios
from roster_solver.scenarios.sheet import COLUMNS, SHEETS, read_scenarios, write_scenarios_template
from roster_solver.workbook.reader import read_workbook
from tests.factories import demand, make_problem, person, shift

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.xlsx"

BASE = make_problem(
    staff=[person("a"), person("b", hours=24), person("c", hours=32, skills=frozenset({"dog"}))],
    areas=("CEN", "NRD"),
    weeks=1,
    demand=[
        demand("CEN", "weekdays", "08:00", "12:00", min=1, target=2),
        demand("NRD", "sat", "18:00", "22:00", min=1, target=1),
    ],
)


def _book(
    path: Path,
    scenarios: list[list[object]],
    demand_rows: list[list[object]] = (),  # type: ignore[assignment]
    shift_rows: list[list[object]] = (),
    lang: str = "en",
) -> Path:  # type: ignore[assignment]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i, (group, rows) in enumerate(
        (("scenarios", scenarios), ("demand", demand_rows), ("shifts", shift_rows))
    ):
        sheet = ws if i == 0 else wb.create_sheet()
        sheet.title = SHEETS[group][lang]  # type: ignore[index]
        sheet.append([en if lang == "en" else nl for en, nl, _ in COLUMNS[group].values()])
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_template_reads_back_and_every_example_row_builds(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "what-if.xlsx"
    write_scenarios_template(path, lang=lang)  # type: ignore[arg-type]
    assert load_workbook(path).sheetnames == [SHEETS[g][lang] for g in ("scenarios", "demand", "shifts")]
    sheet = load_workbook(path)[SHEETS["demand"][lang]]  # type: ignore[index]
    actions = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert actions == (["add", "scale", "add"] if lang == "en" else ["toevoegen", "schalen", "toevoegen"])
    book = read_scenarios(path)
    assert book.lang == lang and book.issues == {}
    names = [s.name for s in book.scenarios]
    assert names[:3] == ["base", "two more in NRD", "without B07"]
    base = read_workbook(EXAMPLE)
    problems, invalid = prepare(base, book)
    assert invalid == [] and list(problems) == names
    assert len(problems["two more in NRD"].staff) == len(base.staff) + 2
    assert "B07" not in problems["without B07"].staff_by_id
    assert "N3" in problems["third night"].shift_by_code
    assert len(problems["carnival"].demand) == len(base.demand) + 1


def test_init_scenarios_writes_the_template(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    result = CliRunner().invoke(app, ["init", "--scenarios", str(path), "--lang", "nl"])
    assert result.exit_code == 0, result.output
    assert load_workbook(path).sheetnames[0] == "Scenario's"


def test_people_demand_rules_shifts_and_horizon_change_as_the_row_says(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "s.xlsx",
        [["all", "", "b", 2, "NRD", 32, "dog, driver", "max_consecutive_days=5", "wish=20", "2026-01-12", 2]],
        [
            ["all", "scale", "CEN", "mon", "09:00", "10:00", None, 2],
            ["all", "replace", "NRD", "sat", "18:00", "20:00", None, None, 2, 3],
        ],
        [["all", "add", "LN", "20:00", "04:00", 30, "fri", "late night"], ["all", "remove", "N"]],
    )
    book = read_scenarios(path)
    assert book.issues == {}
    pb = build_problem(BASE, book.scenarios[0])
    assert [p.id for p in pb.staff] == ["a", "c", "NEW-1", "NEW-2"]
    new = pb.staff_by_id["NEW-1"]
    assert (new.home_area, new.hours_per_week, new.skills) == ("NRD", 32, frozenset({"dog", "driver"}))
    assert (pb.start_date.isoformat(), pb.weeks) == ("2026-01-12", 2)
    cen, nrd, added = pb.demand
    assert (cen.min, cen.target) == (2, 4)  # the weekday row touches Monday 09-10: scaled whole
    assert nrd == BASE.demand[1]
    assert (added.area, added.min, added.target, added.replace) == ("NRD", 2, 3, True)
    assert set(pb.shift_by_code) == {"E", "L", "LN"}
    assert {(r.rule, r.value) for r in pb.rules} == {("max_consecutive_days", 5), ("weight.wish", 20)}
    assert BASE.staff_by_id["b"]  # the base problem is not changed


def test_invalid_rows_are_reported_with_sheet_row_and_column(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "s.xlsx",
        [
            ["ok"],
            ["gone", "", "nobody"],
            ["bad factor"],
            ["bad area", "", None, 1, "XXX"],
            ["bad weight", "", None, None, None, None, None, None, "wish=high"],
        ],
        [
            ["bad factor", "scale", "CEN", None, None, None, None, "lots"],
            ["nosuch", "add", "CEN", None, None, None, None, None, 1],
        ],
    )
    book = read_scenarios(path)
    assert str(book.issues["bad factor"][0]).startswith("Scenario demand!H2 (factor)")
    assert "Scenarios!I6 (weights)" in str(book.issues["bad weight"][0])
    assert "Scenario demand!A3 (scenario)" in str(book.issues[""][0])
    problems, invalid = prepare(BASE, book)
    assert list(problems) == ["ok"]
    by_name = {r.name: r for r in invalid}
    assert by_name["gone"].problems == [
        'Scenarios!A3 (scenario): "nobody" — is not a staff id of the input workbook (remove_staff)'
    ]
    assert "Scenarios!A5 (scenario)" in by_name["bad area"].problems[0]
    assert "XXX" in by_name["bad area"].problems[0]
    with pytest.raises(InputError):
        build_problem(BASE, next(s for s in book.scenarios if s.name == "gone"))


def test_one_by_one_results_are_checked_and_written(tmp_path: Path) -> None:
    path = _book(tmp_path / "s.xlsx", [["base"], ["name", "", "a"], ["broken", "", "zz"]])
    wb = load_workbook(path)
    cell = wb["Scenarios"]["A3"]
    cell.value, cell.data_type = "=2+5", "s"  # a name that Excel would take for a formula
    wb.save(path)
    results = run_scenarios(BASE, read_scenarios(path), time_limit=5, workers=1, seed=0)
    base, minus_a, broken = results
    assert (base.state, minus_a.state, broken.state) == ("done", "done", "invalid")
    assert base.figures is not None and minus_a.figures is not None
    assert base.figures.legal and minus_a.figures.legal
    # Nobody may work in NRD: its Saturday evening (4 person-hours) is short, and proven so.
    assert base.figures.status == "OPTIMAL" and base.figures.minimum == "proven"
    assert base.figures.unmet_minimum_hours == base.figures.proven_unmet_hours == 4.0
    assert minus_a.figures.people == 2
    out = tmp_path / "compare.xlsx"
    write_comparison_workbook(out, results, [("input_file", "team.xlsx")])
    ws = load_workbook(out)["Comparison"]
    assert [c.value for c in ws[1]] == ["measure", "unit", "base", "=2+5", "broken"]
    assert ws.cell(1, 4).data_type == "s"  # stored as text, not as a formula
    # points as `roster solve` and `roster check` report them (cost units / COST_SCALE)
    from roster_solver.roster import COST_SCALE

    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows()}
    assert rows["objective"][2] == round(base.figures.objective / COST_SCALE, 1)  # type: ignore[operator]
    family, cost = base.figures.top_families[0]
    assert rows["penalty family 1"][2] == f"{family} {round(cost / COST_SCALE, 1):g}"
    page = comparison_html(results, [("input_file", "team.xlsx")])
    assert page.count("<svg") == 4 and "=2+5" in page and "zz" in page


def test_a_result_without_figures_shows_its_state() -> None:
    page = comparison_html([ScenarioResult("x", "", "failed", problems=["the solve failed: lost"])], [])
    assert "the solve failed: lost" in page and "no figures" in page


def test_removing_a_shift_drops_the_rows_that_name_it() -> None:
    pb = make_problem(
        staff=[person("a", shifts=("E", "N"))],
        shifts=(shift("E", "07:00", "15:00"), shift("N", "23:00", "07:00")),
        demand=[demand("CEN", "all", None, None, shift="N", min=1)],
    )
    from roster_solver.errors import Where
    from roster_solver.scenarios.sheet import Scenario, ShiftChange

    s = Scenario(
        "no nights",
        Where("Scenarios", 2, 1, "scenario"),
        shifts=[ShiftChange("remove", Where("Scenario shifts", 2), "N")],
    )
    out = build_problem(pb, s)
    assert list(out.shift_by_code) == ["E"] and out.demand == () and out.staff[0].shifts == ("E",)


def test_a_cluster_that_does_not_answer_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roster_solver import parallel
    from roster_solver.workbook.template import write_input_workbook

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    team = tmp_path / "team.xlsx"
    write_input_workbook(team, BASE)
    what_if = _book(tmp_path / "s.xlsx", [["base"]])
    out = tmp_path / "compare.xlsx"
    result = CliRunner().invoke(
        app, ["scenarios", str(team), "-s", str(what_if), "-o", str(out), "--cluster", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert not out.exists()


def test_the_output_may_not_be_the_scenarios_workbook(tmp_path: Path) -> None:
    from roster_solver.workbook.template import write_input_workbook

    team = tmp_path / "team.xlsx"
    write_input_workbook(team, BASE)
    what_if = _book(tmp_path / "s.xlsx", [["base"]])
    before = what_if.read_bytes()
    result = CliRunner().invoke(app, ["scenarios", str(team), "-s", str(what_if), "-o", str(what_if)])
    assert result.exit_code == 2 and "scenarios workbook" in result.output
    assert what_if.read_bytes() == before
