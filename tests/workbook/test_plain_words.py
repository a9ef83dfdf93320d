"""Plain words in the output workbook: readable People headers with outliers shaded, the
penalty summary per rule family, and "city-wide" for `*` where people read it."""

from __future__ import annotations

from openpyxl import load_workbook

from roster_solver.roster import Penalty
from tests.workbook.test_writer import _write


def test_people_headers_are_words_and_outliers_are_shaded(tmp_path):
    extra = {
        "people": {
            "a": {"fair_share_nights": 4.0, "nights_per_fte": 1.0},
            "b": {"fair_share_nights": 0.5, "nights_per_fte": 0.0},
        }
    }
    out, _ = _write(tmp_path, extra=extra)
    ws = load_workbook(out)["People"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["fair share of nights", "nights per FTE"]
    assert "_" not in "".join(header)
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, 5)}
    # a: 1 night against a fair share of 4 (3 away) → red; b: 0 against 0.5 → not shaded
    assert ws.cell(row=rows["a"], column=8).fill.fgColor.rgb.endswith("FF7C80")
    assert ws.cell(row=rows["b"], column=8).fill.fill_type is None
    # a plans 15 of 36 target hours → the difference is red
    assert ws.cell(row=rows["a"], column=7).fill.fgColor.rgb.endswith("FF7C80")
    assert any(
        "fair share" in str(c.value) for row in ws.iter_rows() for c in row if c.row > 4 and c.value
    )  # the legend of the shading


def test_dutch_people_headers(tmp_path):
    extra = {"people": {"a": {"fair_share_weekends": 1.0}}}
    out, _ = _write(tmp_path, lang="nl", extra=extra)
    header = [c.value for c in load_workbook(out)["Personen"][1]]
    assert header[:3] == ["medewerker", "naam", "thuiswijk"] and header[-1] == "eerlijk deel weekenddagen"


def test_city_wide_penalty_area_reads_as_words(tmp_path, monkeypatch):
    from tests.workbook import test_writer

    monkeypatch.setattr(
        test_writer, "PENALTIES", [Penalty("coverage", 6000, 1.0, "short city-wide", date=None, area="*")]
    )
    out, _ = _write(tmp_path)
    rows = list(load_workbook(out)["Penalties"].iter_rows(values_only=True))
    assert rows[1][3] == "city-wide"
