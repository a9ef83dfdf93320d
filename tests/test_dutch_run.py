"""A Dutch run end to end: ``roster solve``, ``check``, ``explain``, ``export``, ``repair`` and
``report`` on a small workbook with ``language = nl`` show none of the catalogue's English texts,
neither its labels nor the fixed words of its templates (penalty reasons, terminal messages), in
the output workbooks (every sheet), the report, the exports or on the terminal. So do the
pre-solve findings and the infeasibility explanation of a Dutch workbook whose rules collide.

Solver time limits are 5 s; the team is small enough to be solved well within that.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver import i18n
from roster_solver.cli import app
from roster_solver.domain import Absence, Fixed
from roster_solver.workbook.template import write_input_workbook
from tests.books import text_cells
from tests.factories import day, demand, make_problem, person, wish

runner = CliRunner()
LIMIT = "5"


def english_fragments(min_words: int = 2) -> set[str]:
    """The fixed words between the placeholders of every English template (``days in a row
    from``) that no Dutch text of the same table contains: what a Dutch run must never show."""
    out: set[str] = set()
    for name, table in i18n.CATALOGUE.items():
        if name == "columns":
            continue
        dutch = " ".join(table["nl"].values())
        for text in table["en"].values():
            for literal, *_ in string.Formatter().parse(text):
                for part in re.split(r"[():;,.·\n]", literal or ""):
                    part = part.strip(" -–")
                    words = [w for w in part.split() if w.isalpha()]
                    if len(words) >= min_words and part not in dutch:
                        out.add(part)
    return out


LABELS = i18n.english_labels()
FRAGMENTS = english_fragments()


def offending(text: str) -> list[str]:
    """English catalogue texts in ``text``: a whole label as a cell, line or bracketed part, or a
    template's fixed words anywhere."""
    parts = {text.strip(), *(p.strip() for p in re.split(r"[\n·:()]", text))}
    found = {p for p in parts if p in LABELS}
    found |= {f for f in FRAGMENTS if f in text}
    return sorted(found)


def problem(absent: bool = False):
    staff = [
        person("A1", "CEN"),
        person("A2", "CEN"),
        person("A3", "CEN", hours=24),
        person("B1", "NRD"),
        person("B2", "NRD"),
        person("B3", "NRD", hours=24),
    ]
    return make_problem(
        staff=staff,
        areas=("CEN", "NRD"),
        weeks=1,
        language="nl",
        demand=[
            demand("CEN", "all", "08:00", "12:00", min=1, target=3),
            demand("NRD", "all", "16:00", "20:00", min=1, target=3),
            demand("*", "all", "00:00", "04:00", min=1),
        ],
        wishes=[wish("A1", "Mon", "prefer", shift="N"), wish("B2", "Sat,Sun", "avoid")],
        absences=[Absence(staff="A2", start_date=day(2), end_date=day(4), type="sick")] if absent else [],
    )


def run(*args: object) -> str:
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r.output


def workbook_texts(path: Path) -> list[str]:
    return [*load_workbook(path, read_only=True).sheetnames, *(text for _, _, text in text_cells(path))]


def html_texts(html: str) -> list[str]:
    html = re.sub(r"<(style|script)>.*?</\1>", "", html, flags=re.S)
    return [t.strip() for t in re.findall(r">([^<]+)<", html) if t.strip()]


@pytest.fixture(scope="module")
def dutch_run(tmp_path_factory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("nl")
    team, roster = folder / "team.xlsx", folder / "rooster.xlsx"
    write_input_workbook(team, problem(), lang="nl")
    said = {"solve": run("solve", team, "-o", roster, "--time-limit", LIMIT, "--seed", "1", "-v")}
    said["check"] = run("check", roster)
    wb = load_workbook(roster)
    inzet = wb["Inzet"]
    header = [c.value for c in inzet[1]]
    first = dict(zip(header, (c.value for c in inzet[2]), strict=False))
    staff, when = first["medewerker"], first["datum"]
    when = when.date().isoformat() if hasattr(when, "date") else str(when)
    said["explain"] = run("explain", roster, "--staff", staff, "--date", when)
    busy = {
        r[header.index("medewerker")]
        for r in inzet.iter_rows(min_row=2, values_only=True)
        if str(r[header.index("datum")])[:10] == when
    }
    idle = next((s for s in ("A1", "A2", "A3", "B1", "B2", "B3") if s not in busy), None)
    if idle is not None:
        said["explain_off"] = run("explain", roster, "--staff", idle, "--date", when)
    exports = folder / "hr"
    said["export"] = run("export", roster, "-f", "csv", "-f", "ics", "-f", "json", "--out", exports)
    team2, repaired = folder / "team-v2.xlsx", folder / "rooster-v2.xlsx"
    write_input_workbook(team2, problem(absent=True), lang="nl")
    said["repair"] = run(
        "repair",
        team2,
        "-p",
        roster,
        "-o",
        repaired,
        "--today",
        day(0).isoformat(),
        "--time-limit",
        LIMIT,
        "--seed",
        "1",
    )
    report = folder / "rapport.html"
    said["report"] = run("report", repaired, "-o", report)
    texts = {f"terminal {k}": v.splitlines() for k, v in said.items()}
    texts["workbook"] = workbook_texts(roster)
    texts["repaired workbook"] = workbook_texts(repaired)
    texts["report"] = html_texts(report.read_text(encoding="utf-8"))
    texts["exports"] = [
        f.read_text(encoding="utf-8") for f in sorted(exports.rglob("*")) if f.suffix in (".ics", ".csv")
    ]
    return texts


def test_the_check_knows_english():
    assert "the fair share is" in FRAGMENTS and "days in a row from" in FRAGMENTS
    assert "Roster written to" in FRAGMENTS and "Penalties" in LABELS
    assert offending("A1 works 3 night shifts; the fair share is 1.50 (±1 allowed), 1 beyond")
    assert not offending("A1 werkt 3 nachtdiensten; het eerlijke deel is 1.50 (±1 toegestaan)")


def test_a_dutch_run_shows_no_english(dutch_run):
    bad = {
        (where, text, tuple(offending(text)))
        for where, texts in dutch_run.items()
        for text in texts
        if offending(text)
    }
    assert sorted(bad) == []


# English words that no Dutch text of the tool uses; the HR exports' CSV columns are canonical.
ENGLISH_WORDS = re.compile(
    r"\b(target|planned|works|needs|below|above|between|shifts?|"
    r"people|person-hours?|within|written|broken)\b"
)


def test_a_dutch_run_has_no_english_words(dutch_run):
    bad = sorted(
        {
            (where, text)
            for where, texts in dutch_run.items()
            if where != "exports"
            for text in texts
            if ENGLISH_WORDS.search(text)
        }
    )
    assert bad == []


def test_a_dutch_run_speaks_dutch(dutch_run):
    terminal = "\n".join(line for k, v in dutch_run.items() if k.startswith("terminal") for line in v)
    assert "Rooster geschreven naar" in terminal and "Geen harde regel overtreden" in terminal
    assert "diensten geëxporteerd" in terminal and "Rapport geschreven naar" in terminal
    assert "Leeg laten:" in terminal
    sheets = set(dutch_run["workbook"])
    assert {"Rooster", "Inzet", "Dekking", "Personen", "Afwijkingen"} <= sheets
    assert "Wijzigingen" in dutch_run["repaired workbook"]
    reasons = " ".join(dutch_run["workbook"])
    assert " op " in reasons and ("doel" in reasons or "eerlijke deel" in reasons)


# --------------------------------------------------------------------------- diagnosis in Dutch


def pin(staff: str, k: int, code: str) -> Fixed:
    return Fixed(staff=staff, date=day(k), shift=code)


COLLISIONS = {
    # certain before solving: 8 h between L and E where the daily rest asks 11 h
    "pins_daily_rest": dict(staff=[person("a"), person("b")], fixed=[pin("b", 0, "L"), pin("b", 1, "E")]),
    # only the solver's conflict search finds it: six early shifts leave 33 h of weekly rest
    "six_pins_weekly_rest": dict(staff=[person("a")], fixed=[pin("a", k, "E") for k in range(6)]),
}


def invoke(*args: object) -> tuple[int, str]:
    r = runner.invoke(app, [str(a) for a in args])
    return r.exit_code, r.output


def english_in(output: str) -> list[tuple[str, list[str]]]:
    return [(line, offending(line)) for line in output.splitlines() if offending(line)]


@pytest.mark.parametrize("name", sorted(COLLISIONS))
def test_a_dutch_collision_is_explained_in_dutch(name, tmp_path):
    team, why = tmp_path / "team.xlsx", tmp_path / "waarom.md"
    write_input_workbook(team, make_problem(language="nl", **COLLISIONS[name]), lang="nl")
    code, said = invoke(
        "solve",
        team,
        "-o",
        tmp_path / "rooster.xlsx",
        "--time-limit",
        LIMIT,
        "--seed",
        "1",
        "--quiet",
        "--report",
        why,
    )
    assert code == 3, said
    assert english_in(said) == []
    report = why.read_text(encoding="utf-8")
    assert english_in(report) == [] and "# Diagnose van team.xlsx" in report, report
    assert not ENGLISH_WORDS.search(said), said
    assert "is niet te halen" in said and "Medewerkers!A" in said
    if name == "pins_daily_rest":
        assert "de 11 uur dagelijkse rust (min_daily_rest_hours)" in said and "Oplossing:" in said
        code, said = invoke("validate", team, "--quiet")
        assert code == 3 and english_in(said) == [], said
    else:
        assert "wekelijkse rust (min_weekly_rest_hours)" in said


def test_dutch_presolve_warnings_are_dutch(tmp_path):
    team = tmp_path / "team.xlsx"
    pb = make_problem(
        language="nl",
        weeks=1,
        staff=[person("a", no_nights=True), person("b")],
        fixed=[pin("a", 2, "N")],
        demand=[demand("CEN", "all", "08:00", "12:00", min=3)],
    )
    write_input_workbook(team, pb, lang="nl")
    code, said = invoke(
        "solve", team, "-o", tmp_path / "rooster.xlsx", "--time-limit", LIMIT, "--seed", "1", "--quiet"
    )
    assert code == 0, said
    assert english_in(said) == []
    assert "waarschuwing: a (Medewerkers!A2) staat vast op nachtdienst N" in said
    assert "vraagt minstens 3 personen" in said and "Waarschuwingen vooraf" in said
    code, said = invoke("validate", team, "--quiet")
    assert code == 0 and english_in(said) == [], said


def test_the_diagnosis_speaks_english_by_default():
    from roster_solver.diagnose import diagnose

    found = diagnose(make_problem(**COLLISIONS["pins_daily_rest"]))
    assert [str(f) for f in found] == [
        "b is fixed on L on Mon 5 Jan (Fixed) and on E on Tue 6 Jan (Fixed): the 11 h "
        "daily rest (min_daily_rest_hours) cannot hold (only 8 h between them). Fix: move or "
        "remove one of these, or give History the true shift."
    ]
    assert offending(str(found[0]))
