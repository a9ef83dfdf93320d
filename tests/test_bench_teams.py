"""The team generator of the bench (bench/teams.py): its workbooks are valid, read back as
generated, are the same for the same seed, and have the demand level they are named for."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.workbook.reader import read_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import teams


def mini(shift_set: teams.ShiftSetName, demand: teams.DemandLevel) -> teams.TeamSpec:
    return teams.TeamSpec(
        f"mini-{shift_set}-{demand}",
        people=8,
        areas=2,
        weeks=1,
        shift_set=shift_set,
        demand=demand,
        seed=3,
        start=date(2027, 3, 8),
    )


@pytest.mark.parametrize(("shift_set", "demand"), [("8h", "loose"), ("8.5h", "tight"), ("12h", "short")])
def test_a_miniature_team_validates_and_reads_back(
    tmp_path: Path, shift_set: teams.ShiftSetName, demand: teams.DemandLevel
) -> None:
    written = teams.write_team(mini(shift_set, demand), tmp_path)
    result = CliRunner().invoke(app, ["validate", "--quiet", str(written.path)])
    assert result.exit_code == 0, result.output
    back = read_workbook(written.path)
    made = written.problem
    assert [s.code for s in back.shifts] == [s.code for s in made.shifts]
    assert [p.id for p in back.staff] == [p.id for p in made.staff]
    for sheet in ("demand", "absences", "wishes", "fixed", "history", "limits"):
        assert len(getattr(back, sheet)) == len(getattr(made, sheet)) > 0, sheet
    assert {p.id: back.target_minutes(p) for p in back.staff} == {
        p.id: made.target_minutes(p) for p in made.staff
    }


def test_the_same_seed_gives_the_same_workbook(tmp_path: Path) -> None:
    spec = mini("12h", "loose")
    one = teams.write_team(spec, tmp_path / "one").path.read_bytes()
    two = teams.write_team(spec, tmp_path / "two").path.read_bytes()
    other = teams.write_team(teams.TeamSpec(**{**spec.__dict__, "seed": 4}), tmp_path / "other")
    assert one == two
    assert other.path.read_bytes() != one


def test_a_short_team_has_a_counted_shortfall_and_the_others_none() -> None:
    # Two dog handlers, asked for every evening 20:00-01:00 (no clock change that week). A
    # handler on 36 h without absence may work at most 39.6 h: 5 shifts of 7.5 h, so 5
    # evenings of 5 h; the other 2 x 7 - 2 x 5 evenings are unmet whatever the roster.
    short = teams.generate(mini("8h", "short"))
    handlers = [p for p in short.staff if "dog" in p.skills]
    assert [p.hours_per_week for p in handlers] == [36, 36]
    assert not [a for a in short.absences if a.staff in {p.id for p in handlers}]
    assert teams.known_shortfall(short) == (2 * 7 - 2 * 5) * 5 * 60
    assert teams.known_shortfall(teams.generate(mini("8h", "loose"))) is None


def test_tight_and_loose_suite_members_ask_what_their_names_say() -> None:
    by_name = {t.name: t for t in teams.SUITE}
    tight = by_name["t56-5a-4w-85h-tight"]
    loose = by_name["t56-5a-4w-8h-loose"]
    assert isinstance(tight, teams.TeamSpec) and isinstance(loose, teams.TeamSpec)
    assert 0.85 <= teams._generate(tight)[1] <= 0.95
    assert 0.55 <= teams._generate(loose)[1] <= 0.70


def test_the_suite_covers_the_shapes_of_issue_17() -> None:
    specs = [t for t in teams.SUITE if isinstance(t, teams.TeamSpec)]
    bundled = [t for t in teams.SUITE if isinstance(t, teams.Bundled)]
    assert [b.path.name for b in bundled] == ["example.xlsx"] and bundled[0].path.exists()
    assert {s.shift_set for s in specs} == {"8h", "8.5h", "12h"}
    assert {s.demand for s in specs} == {"loose", "tight", "short"}
    assert min(s.people for s in specs) <= 30 and max(s.people for s in specs) >= 150
    assert {4, 13, 26} <= {s.weeks for s in specs}
    assert len({t.name for t in teams.SUITE}) == len(teams.SUITE)
    with pytest.raises(ValueError, match="unknown team"):
        teams.select(["no-such-team"])
