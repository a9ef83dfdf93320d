"""The People- and Run-sheet figures that solve and repair add to the workbook."""

from __future__ import annotations

from roster_solver.figures import people_figures, run_lines
from roster_solver.roster import Roster, SolveResult, Status
from tests.factories import make_problem, pattern, person


def test_people_figures_per_fte_with_team_footer() -> None:
    pb = make_problem(staff=[person("a", hours=36), person("b", hours=12)])
    figures = people_figures(pb, Roster.of(pattern("a", "NNNNN..N")))
    a, b = figures["people"]["a"], figures["people"]["b"]
    assert (a["fair_share_nights"], a["nights_per_fte"]) == (4.5, 6.0)
    assert (b["fair_share_nights"], b["nights_per_fte"]) == (1.5, 0.0)
    assert a["wishes_granted"] == a["wishes_refused"] == 0
    (average_label, average), (spread_label, spread) = figures["people_footer"]
    assert (average_label, spread_label) == ("team average", "spread")
    assert (average["nights_per_fte"], spread["nights_per_fte"]) == (4.5, 6.0)


def test_run_lines_state_the_outcome_and_stages_in_points() -> None:
    pb = make_problem(staff=[person("a")])
    result = SolveResult(
        status=Status.OPTIMAL,
        roster=Roster(),
        objective=0,
        stages=[{"stage": "minimum", "value": 90, "status": "OPTIMAL"}],
    )
    lines = run_lines(pb, result)
    assert lines["unmet_minimum_person_hours"] == 0
    assert lines["stage_minimum"] == "1.50 (OPTIMAL)"
    assert lines["presolve_warnings"] == 0
    assert lines["minimum_staffing"] and lines["hours_band"]
