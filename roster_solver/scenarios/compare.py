"""The comparison: scenarios side by side, as a workbook sheet and as one HTML page with charts.

Both are written atomically (:mod:`roster_solver.outputs`); workbook texts go through
:mod:`roster_solver.workbook.safecells` so a scenario name such as ``=2+5`` stays text, and the
HTML escapes every text. Never imports the solver.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..roster import cost_points
from .run import Figures, ScenarioResult

VERDICT = {
    "met": "met",
    "proven": "short, proven unavoidable",
    "partly_proven": "short, partly proven",
    "unproven": "short, not proven unavoidable",
    "": "",
}

# (label, unit, value from the figures); None when not known
MEASURES: list[tuple[str, str, Callable[[Figures], Any]]] = [
    ("status", "", lambda f: f.status),
    ("checked legal", "", lambda f: "yes" if f.legal else f"no ({f.violations} violations)"),
    ("people", "", lambda f: f.people),
    ("minimum staffing", "", lambda f: VERDICT.get(f.minimum, f.minimum)),
    ("unmet minimum", "person-hours", lambda f: f.unmet_minimum_hours),
    ("of which proven unavoidable", "person-hours", lambda f: f.proven_unmet_hours),
    ("target coverage", "%", lambda f: f.target_coverage_pct),
    ("people outside contract band", "", lambda f: f.people_outside_band),
    ("hours outside contract bands", "hours", lambda f: f.hours_outside_band),
    ("nights per FTE, spread", "max − min", lambda f: f.night_spread_per_fte),
    ("weekend days per FTE, spread", "max − min", lambda f: f.weekend_spread_per_fte),
    ("wishes granted", "wish-days", lambda f: f"{f.wishes_granted} of {f.wishes_total}"),
    ("penalty family 1", "points", lambda f: _family(f, 0)),
    ("penalty family 2", "points", lambda f: _family(f, 1)),
    ("penalty family 3", "points", lambda f: _family(f, 2)),
    ("objective", "points", lambda f: None if f.objective is None else round(cost_points(f.objective), 1)),
    ("solve seconds", "s", lambda f: f.seconds),
]

CHARTS: list[tuple[str, Callable[[Figures], float | None]]] = [
    ("Unmet minimum (person-hours)", lambda f: f.unmet_minimum_hours),
    ("Target coverage (%)", lambda f: f.target_coverage_pct),
    ("Hours outside contract bands", lambda f: f.hours_outside_band),
    ("Nights per FTE, spread", lambda f: f.night_spread_per_fte),
]


def _family(f: Figures, k: int) -> str | None:
    if k >= len(f.top_families):
        return None
    name, cost = f.top_families[k]
    return f"{name} {round(cost_points(cost), 1):g}"


def table(results: Sequence[ScenarioResult]) -> list[list[Any]]:
    """The side-by-side grid: a header row (measure, unit, one column per scenario), then one
    row per measure; a scenario without figures shows its state in every row."""
    rows: list[list[Any]] = [["measure", "unit", *[r.name for r in results]]]
    rows.append(["description", "", *[r.description for r in results]])
    rows.append(["state", "", *[r.state for r in results]])
    for label, unit, get in MEASURES:
        rows.append([label, unit, *[get(r.figures) if r.figures is not None else None for r in results]])
    return rows


def problem_rows(results: Sequence[ScenarioResult]) -> list[tuple[str, str, str]]:
    return [(r.name, r.state, p) for r in results for p in r.problems]


def write_comparison_workbook(
    path: Path, results: Sequence[ScenarioResult], facts: Sequence[tuple[str, Any]]
) -> None:
    """``Comparison`` (side by side), ``Problems`` (invalid or failed scenarios with where and
    why) and ``Run`` (input, time limit, cluster, seed) sheets, written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..workbook.safecells import append, save

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Comparison"
    for row in table(results):
        append(ws, row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 14
    for i in range(len(results)):
        ws.column_dimensions[ws.cell(1, 3 + i).column_letter].width = 22
    ws.freeze_panes = "C2"
    probs = wb.create_sheet("Problems")
    append(probs, ["scenario", "state", "problem"])
    for name, state, text in problem_rows(results):
        append(probs, [name, state, text])
    probs.column_dimensions["C"].width = 100
    run = wb.create_sheet("Run")
    for key, value in facts:
        append(run, [key, value])
    run.column_dimensions["A"].width = 24
    save(wb, path)


def _bars(title: str, results: Sequence[ScenarioResult], get: Callable[[Figures], float | None]) -> str:
    """One horizontal bar chart as inline SVG (no script, no external file)."""
    values = [(r.name, get(r.figures) if r.figures is not None else None) for r in results]
    top = max([v for _, v in values if v is not None] + [0.0]) or 1.0
    bar_h, label_w, width = 22, 180, 520
    height = 28 + bar_h * len(values)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 80}" height="{height}" '
        f'role="img" aria-label="{html.escape(title)}">',
        f'<text x="0" y="16" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, (name, v) in enumerate(values):
        y = 26 + i * bar_h
        parts.append(f'<text x="0" y="{y + 15}">{html.escape(name[:28])}</text>')
        if v is None:
            parts.append(f'<text x="{label_w}" y="{y + 15}" fill="#888">no figures</text>')
            continue
        w = max(1.0, width * v / top) if v else 0.0
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" fill="#3b6ea5"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{v:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def comparison_html(results: Sequence[ScenarioResult], facts: Sequence[tuple[str, Any]]) -> str:
    """The comparison as one self-contained page: the table, the problems, the charts."""
    e = html.escape
    rows = table(results)
    head = "".join(f"<th>{e(str(c))}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{'' if c is None else e(str(c))}</td>" for c in row) + "</tr>"
        for row in rows[1:]
    )
    problems = problem_rows(results)
    prob_html = (
        (
            "<h2>Scenarios without a result</h2><table><tr><th>scenario</th><th>state</th>"
            "<th>problem</th></tr>"
            + "".join(f"<tr><td>{e(n)}</td><td>{e(s)}</td><td>{e(p)}</td></tr>" for n, s, p in problems)
            + "</table>"
        )
        if problems
        else ""
    )
    charts = "".join(f"<figure>{_bars(title, results, get)}</figure>" for title, get in CHARTS)
    run = "".join(f"<tr><th>{e(str(k))}</th><td>{e(str(v))}</td></tr>" for k, v in facts)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Scenarios compared</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eef}"
        "svg text{font-size:13px;font-family:sans-serif}</style></head><body>"
        f"<h1>Scenarios compared</h1><table>{run}</table><h2>Side by side</h2>"
        f"<table><tr>{head}</tr>{body}</table>{prob_html}<h2>Charts</h2>{charts}</body></html>"
    )
