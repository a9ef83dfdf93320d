"""The HTML report: one self-contained page to look at a roster without a solver or Excel.

:func:`build_report` turns a :class:`ReportData` (the problem, the roster, the independent
checker's violations and penalties, the fairness figures, the planned hours and the Run sheet)
into one HTML document; :func:`write_report` writes it atomically. The page has, in this order:

- a header with the horizon and the run facts of the Run sheet (status, objective, bound, gap,
  seconds, when, tool version), the checker's total and the unmet minimum per area;
- the broken hard rules, in a red box at the top when there are any (a hand-made roster may
  have some; a solver's roster never has);
- per area (and ``*`` for city-wide rows) a coverage heatmap: one column per date, one row per
  hour of the day; colour by the worst requirement in that hour (red below ``min``, orange below
  ``target``, blue above ``max``, green met), the number is the fewest people planned on the
  area's skill-less requirement (else on the worst one), and a tooltip lists every requirement
  of that hour with planned, min and target. The hours come from
  :func:`roster_solver.coverage.coverage_table`; nothing is recounted here;
- the roster grid, one table per week: people (grouped by home area) × dates, shift codes,
  ``CODE@AREA`` outside the home area, ``absent`` for absence (never its type), weekends and
  holidays shaded;
- who is where, per day (:mod:`roster_solver.views`): per week a table of work areas × days,
  each cell the shifts starting there with their times and staff ids (by where people work that
  day), the coordinator on duty, and the stretches below minimum (red) or target (orange);
- fairness charts per category (nights, weekend days, Sundays, evening shifts): per eligible
  person the count, the fair share (the team average scaled to the person's contract) as a
  tick and the ±1 band the rule allows; a count outside the band is red;
- hours against contract per person: planned hours, the contract target as a tick and the
  band (``Problem.hours_band``); outside the band is red; the numbers in a foldable table;
- the penalty breakdown per rule family (points, deviations, share), which sums to the
  checker's total, and the largest single deviations with their reasons.

Self-contained: inline CSS and SVG, one short inline script (it only marks the page as rendered,
for tests and tools), no external resources of any kind, so the file opens offline and can be
mailed. It prints on landscape A4 (``@page``): each section from a new page, each week's grid
and day table on a page of its own. Every text from the workbook is escaped with
:func:`html.escape`. Headings follow Settings ``language`` (``en``/``nl``); the rules' reasons
stay in English.

Size: the grid and the heatmaps grow with people × days and areas × days; the heatmap cells
only carry numbers when the horizon is short enough for them to be readable (see
``_heat_cell_width``), which keeps a 150-person, 26-week report to a few megabytes.

Never imports the solver: the figures that need the rule families are passed in.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import ceil
from pathlib import Path
from typing import Any

from .. import __version__, outputs
from ..calendar import SHORT_EN, SHORT_NL
from ..coverage import MONTHS_EN, CoverageRow, coverage_table
from ..domain import ANY_AREA, Problem, StaffMember
from ..i18n import REPORT
from ..roster import Assignment, Penalty, Roster, Violation, cost_points
from ..workbook import styles
from ..workbook.writer import roster_cell

TOP_DEVIATIONS = 25  # the largest single penalties listed under the breakdown
MAX_VIOLATIONS = 500  # broken hard rules listed in full up to this many

LABELS = REPORT  # the catalogue's table (roster_solver/i18n.py)

MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
CATEGORY_ORDER = ("nights", "weekends", "sundays", "evenings")
OVER_MAX = "9DC3E6"  # blue: more people than the maximum
BAND = "E7E6E6"
HOURS_BAND = "D9EAD3"
BAR = "5B9BD5"
BAR_BAD = "E0474C"
TICK = "262626"


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows; :mod:`.report_data` gathers it (this module never runs the rules).

    ``violations`` and ``penalties`` are the independent checker's (``check_roster``);
    ``fairness`` is ``constraints.fairness.fairness_report``; ``planned_minutes`` is
    ``ContractHours.planned_minutes``; ``run`` is the roster's Run sheet ({} when it has none).
    """

    problem: Problem
    roster: Roster
    violations: Sequence[Violation]
    penalties: Sequence[Penalty]
    fairness: Mapping[str, Mapping[str, Any]]
    planned_minutes: Mapping[str, int]
    run: Mapping[str, Any] = field(default_factory=dict)
    roster_name: str = ""
    generated_at: datetime | None = None

    @property
    def total_cost(self) -> int:
        """The checker's penalty total in cost units."""
        return sum(p.cost for p in self.penalties)


# --------------------------------------------------------------------------- entry points


def write_report(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a temporary file in the same folder, then renamed),
    so an existing report is only ever replaced by a complete one. A missing folder is created."""
    outputs.write_text(Path(path), text)


def build_report(data: ReportData, lang: str | None = None) -> str:
    """The whole report as one HTML document (see the module docstring for its sections), in
    ``lang`` (default: Settings ``language``)."""
    pb = data.problem
    lang = lang or pb.settings.language
    lang = lang if lang in LABELS else "en"
    lab = LABELS[lang]
    cov = coverage_table(pb, data.roster)
    parts = [
        _head(pb, lab, lang),
        _header(data, cov, lab, lang),
        _violations(data.violations, lab),
        _coverage(pb, cov, lab, lang),
        _grid(pb, data.roster, lab, lang),
        _areas_by_day(pb, data.roster, lab, lang),
        _fairness(pb, data.fairness, lab, lang),
        _hours(pb, data.planned_minutes, lab, lang),
        _penalties(data, lab, lang),
        f"<footer>roster {_e(__version__)}</footer>\n"
        # The only script: it marks the page as rendered, so a browser test (or a tool) can tell
        # that the page was parsed and its charts laid out without a script error.
        "<script>document.documentElement.dataset.rendered=String("
        "document.querySelectorAll('svg').length);</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


# --------------------------------------------------------------------------- formatting


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def fmt(value: float, lang: str, decimals: int = 2) -> str:
    """A number for a person to read: ``12,345.50`` in English, ``12.345,50`` in Dutch."""
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _hours_text(minutes: float, lang: str) -> str:
    return fmt(minutes / 60, lang, 1)


def _day_label(d: date, lang: str) -> str:
    names = SHORT_NL if lang == "nl" else SHORT_EN
    return f"{names[d.weekday()]} {d:%d-%m}"


def _area_label(pb: Problem, code: str, lab: Mapping[str, str]) -> str:
    if code == ANY_AREA:
        return lab["all_areas"]
    area = pb.area_by_code.get(code)
    return f"{code} — {area.name}" if area is not None and area.name and area.name != code else code


def _people_in_order(pb: Problem) -> list[StaffMember]:
    """People grouped by home area in the Areas sheet's order (as in the Roster sheet)."""
    order = {a.code: i for i, a in enumerate(pb.areas)}
    return sorted(pb.staff, key=lambda p: order.get(p.home_area, len(order)))


# --------------------------------------------------------------------------- head and header

CSS = """
:root{--line:#d0d0d0;--muted:#595959}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 24px 24px;
color:#1a1a1a;background:#fff}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #ddd}
h3{font-size:15px;margin:16px 0 4px}
nav a{margin-right:12px}
.intro{color:var(--muted);max-width:70em}
.facts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.fact{border:1px solid var(--line);border-radius:6px;padding:6px 10px;min-width:8em}
.fact b{display:block;font-size:16px}.fact span{color:var(--muted);font-size:12px}
.fact.bad{border-color:#c00;background:#fde8e8}
.box{border-radius:6px;padding:8px 12px;margin:8px 0}
.box.bad{border:2px solid #c00;background:#fde8e8}.box.ok{border:1px solid #6a6;background:#eef8ea}
.box.bad ul{margin:4px 0;padding-left:20px}
ul.violations{max-height:40vh;overflow:auto}
.box h2{margin-top:4px}
table{border-collapse:collapse}
td,th{border:1px solid var(--line);padding:2px 6px;text-align:left}
th{background:#ddebf7}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:bold;background:#f2f2f2}
.scroll{overflow:auto;max-height:80vh;border:1px solid var(--line)}
table.grid{font-size:12px}
table.grid td,table.grid th{padding:1px 3px;text-align:center;white-space:nowrap;min-width:34px}
table.grid thead th{position:sticky;top:0;z-index:2}
table.grid .p{position:sticky;left:0;z-index:1;background:#fff;text-align:left;min-width:0}
table.grid thead th.p{z-index:3;background:#ddebf7}
table.grid th.we,table.grid td.we{background:#ededed}
table.grid th.hol{background:#f4cccc}
table.grid tr.ar th{background:#bdd7ee;text-align:left;position:sticky;left:0}
table.grid td.ab{background:#d0cece;color:#404040;font-style:italic}
figure{margin:8px 0 16px}figcaption{font-weight:bold;margin-bottom:4px}
svg text{font-family:inherit}
.charts{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle;
border:1px solid #999}
footer{margin-top:32px;color:var(--muted);font-size:12px}
table.grid.week{margin-bottom:12px}
table.days td{vertical-align:top;font-size:12px;white-space:nowrap;min-width:9em}
table.days td.min{background:#ff7c80}table.days td.target{background:#ffc000}
table.days th.p{text-align:left}
@page{size:A4 landscape;margin:10mm}
@media print{.scroll{max-height:none;overflow:visible;border:0}
body{margin:0;font-size:11px}nav{display:none}
table.grid.week,table.days{break-inside:avoid;page-break-inside:avoid}
table.grid.week+table.grid.week,table.days+table.days{break-before:page;page-break-before:always}
table.days td{font-size:9px}
table.grid.week{font-size:8px}table.grid.week td,table.grid.week th{padding:0 2px;line-height:1.2}
table.grid thead th,table.grid .p,table.grid tr.ar th{position:static}
section{break-before:page}section#run,section#violations{break-before:auto}}
"""


def _shift_classes(pb: Problem) -> dict[str, str]:
    """Shift code → CSS class of its grid cells (codes are workbook text, never class names)."""
    return {s.code: f"k{i}" for i, s in enumerate(pb.shifts)}


def _head(pb: Problem, lab: Mapping[str, str], lang: str) -> str:
    title = f"{lab['title']} {pb.start_date.isoformat()} – {pb.end_date.isoformat()}"
    # Shift colours as in the Roster sheet (the Shifts `color`, else the palette).
    colours = styles.shift_colors((s.code, s.color) for s in pb.shifts)
    klass = _shift_classes(pb)
    shift_css = "".join(f"table.grid td.{klass[c]}{{background:#{rgb}}}\n" for c, rgb in colours.items())
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}{shift_css}</style>\n</head>\n<body>\n"
    )


def _fact(label: str, value: str, bad: bool = False) -> str:
    cls = "fact bad" if bad else "fact"
    return f'<div class="{cls}"><span>{_e(label)}</span><b>{_e(value)}</b></div>'


def _run_number(value: Any, lang: str, percent: bool = False) -> str:
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{fmt(number * 100, lang, 1)} %" if percent else fmt(number, lang)


def unmet_minimum(cov: Iterable[CoverageRow]) -> dict[str, int]:
    """Per area: person-minutes below the minimum (the coverage rows' ``short_of_min``)."""
    out: dict[str, int] = defaultdict(int)
    for c in cov:
        out[c.area] += c.short_of_min * (c.end - c.start)
    return dict(out)


def _header(data: ReportData, cov: list[CoverageRow], lab: Mapping[str, str], lang: str) -> str:
    pb = data.problem
    made = data.generated_at or datetime.now().astimezone()
    out = [
        f"<header>\n<h1>{_e(lab['title'])}</h1>\n<p>{_e(lab['horizon'])}: "
        f"{_e(pb.start_date.isoformat())} – {_e(pb.end_date.isoformat())} ({pb.weeks} "
        f"{_e(lab['weeks'])})"
    ]
    if data.roster_name:
        out.append(f" · {_e(lab['file'])}: {_e(data.roster_name)}")
    out.append(f" · {_e(lab['generated'])}: {_e(made.isoformat(timespec='minutes'))}</p>\n")
    run = data.run
    out.append('<div class="facts" id="run">')
    if run:
        status = str(run.get("status") or "–")
        out.append(_fact(lab["status"], lab.get(f"status.{status}", status)))
        out.append(_fact(lab["objective"], _run_number(run.get("objective"), lang)))
        out.append(_fact(lab["bound"], _run_number(run.get("best_bound"), lang)))
        out.append(_fact(lab["gap"], _run_number(run.get("gap"), lang, percent=True)))
        out.append(_fact(lab["seconds"], _run_number(run.get("seconds"), lang)))
    out.append(_fact(lab["checker_total"], fmt(cost_points(data.total_cost), lang)))
    out.append(_fact(lab["violations"], str(len(data.violations)), bad=bool(data.violations)))
    out.append(_fact(lab["people"], str(len(pb.staff))))
    out.append(_fact(lab["assignments"], str(len(data.roster))))
    short = {a: m for a, m in sorted(unmet_minimum(cov).items()) if m > 0}
    total_short = sum(short.values())
    out.append(
        _fact(f"{lab['unmet']} ({lab['person_hours']})", _hours_text(total_short, lang), bad=total_short > 0)
    )
    out.append("</div>\n")
    said = run.get("minimum_staffing") if run else None
    if said:  # the solve's own statement: met, proven unavoidable, or not proven (Run sheet)
        out.append(f'<p class="box {"bad" if total_short else "ok"}" id="minimum">{_e(str(said))}</p>\n')
    if short:
        areas = ", ".join(
            f"{lab['all_areas'] if a == ANY_AREA else a} {_hours_text(m, lang)}" for a, m in short.items()
        )
        out.append(
            f'<p class="box bad" id="unmet">{_e(lab["unmet"])} ({_e(lab["person_hours"])}): {_e(areas)}</p>\n'
        )
    if run:
        extra = [
            (lab["run_at"], run.get("run_at")),
            (lab["version"], run.get("tool_version")),
            (lab["profile"], run.get("rule_profile")),
            (lab["input"], run.get("input_file")),
        ]
        bits = [f"{_e(k)}: {_e(v)}" for k, v in extra if v not in (None, "")]
        if bits:
            out.append(f'<p class="intro">{_e(lab["run"])}: {" · ".join(bits)}</p>\n')
    else:
        out.append(f'<p class="intro">{_e(lab["no_run"])}</p>\n')
    out.append(
        '<nav><a href="#violations">'
        + _e(lab["violations"])
        + '</a><a href="#coverage">'
        + _e(lab["coverage"])
        + '</a><a href="#grid">'
        + _e(lab["grid"])
        + '</a><a href="#fairness">'
        + _e(lab["fairness"])
        + '</a><a href="#hours">'
        + _e(lab["hours"])
        + '</a><a href="#penalties">'
        + _e(lab["penalties"])
        + "</a></nav>\n"
        "</header>\n"
    )
    return "".join(out)


# --------------------------------------------------------------------------- violations


def _violations(violations: Sequence[Violation], lab: Mapping[str, str]) -> str:
    if not violations:
        return f'<section id="violations"><p class="box ok">{_e(lab["no_violations"])}</p></section>\n'
    per_rule: dict[str, int] = defaultdict(int)
    for v in violations:
        per_rule[v.rule] += 1
    summary = ", ".join(f"{rule} {n}" for rule, n in sorted(per_rule.items(), key=lambda kv: -kv[1]))
    items = "".join(f"<li>{_e(v)}</li>" for v in violations[:MAX_VIOLATIONS])
    more = len(violations) - MAX_VIOLATIONS
    if more > 0:
        items += f"<li>{_e(lab['more'].format(n=more))}</li>"
    # A long list scrolls inside its box, so the rest of the report stays within reach.
    return (
        f'<section id="violations" class="box bad"><h2>{_e(lab["violations"])}</h2>'
        f"<p><b>{_e(lab['violations_intro'].format(n=len(violations)))}</b> {_e(summary)}</p>"
        f'<ul class="violations">{items}</ul></section>\n'
    )


# --------------------------------------------------------------------------- coverage heatmap


@dataclass
class _Need:
    """One requirement within one hour: fewest planned, highest min and target, any over max."""

    planned: int
    min: int
    target: int
    over: bool


HourCells = dict[tuple[date, int], dict[str, _Need]]


def hour_cells(pb: Problem, cov: Iterable[CoverageRow]) -> dict[str, HourCells]:
    """Area → (local date, hour) → requirement label → its worst figures in that hour.

    A coverage row is spread over every local clock hour it touches (as the Coverage sheet's
    map does), so a row 08:30–09:30 shows in the 08 and the 09 hour. The label is ``""`` for the
    area's plain requirement, the skill, or ``shift X`` for a Demand row with a shift.
    """
    out: dict[str, HourCells] = defaultdict(lambda: defaultdict(dict))
    clock = pb.clock
    for c in cov:
        label = f"shift {c.shift}" if c.shift else (c.skill or "")
        if c.skill and c.shift:
            label = f"{c.skill}, shift {c.shift}"
        m = c.start
        while m < c.end:
            local = clock.local(m)
            needs = out[c.area][(local.date(), local.hour)]
            n = needs.get(label)
            if n is None:
                needs[label] = _Need(c.planned, c.min, c.target, c.over_max > 0)
            else:
                n.planned = min(n.planned, c.planned)
                n.min = max(n.min, c.min)
                n.target = max(n.target, c.target)
                n.over = n.over or c.over_max > 0
            m += 60 - local.minute
    return out


def _cell_state(needs: Mapping[str, _Need]) -> tuple[str, int]:
    """The colour of an hour (worst requirement) and the number it shows."""
    if any(n.planned < n.min for n in needs.values()):
        colour = styles.SHORT_OF_MIN
    elif any(n.planned < n.target for n in needs.values()):
        colour = styles.SHORT_OF_TARGET
    elif any(n.over for n in needs.values()):
        colour = OVER_MAX
    else:
        colour = styles.COVERED
    plain = needs.get("")
    shown = plain.planned if plain is not None else min(n.planned for n in needs.values())
    return colour, shown


def _heat_cell_width(n_days: int) -> int:
    """Narrow columns for long horizons, so 26 weeks still fit a wide screen; numbers need 18 px."""
    if n_days <= 35:
        return 26
    if n_days <= 63:
        return 18
    return 7


def _coverage(pb: Problem, cov: list[CoverageRow], lab: Mapping[str, str], lang: str) -> str:
    out = [f'<section id="coverage">\n<h2>{_e(lab["coverage"])}</h2>\n']
    if not cov:
        out.append(f'<p class="intro">{_e(lab["no_demand"])}</p></section>\n')
        return "".join(out)
    out.append(f'<p class="intro">{_e(lab["coverage_intro"])}</p>\n<p class="legend">')
    for colour, text in (
        (styles.SHORT_OF_MIN, lab["key_min"]),
        (styles.SHORT_OF_TARGET, lab["key_target"]),
        (OVER_MAX, lab["key_max"]),
        (styles.COVERED, lab["key_ok"]),
    ):
        out.append(f'<span style="background:#{colour}"></span>{_e(text)}')
    out.append("</p>\n")
    # Summary per area, in person-hours, straight from the coverage rows.
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for c in cov:
        s = sums[c.area]
        minutes = c.end - c.start
        s[0] += minutes
        s[1] += c.short_of_min * minutes
        s[2] += c.short_of_target * minutes
        s[3] += c.over_max * minutes
    order = [a.code for a in pb.areas]
    areas = [a for a in order if a in sums] + sorted(set(sums) - set(order))
    out.append(
        f'<table id="coverage-summary"><tr><th>{_e(lab["area"])}</th>'
        f'<th class="n">{_e(lab["short_min"])}</th><th class="n">{_e(lab["short_target"])}</th>'
        f'<th class="n">{_e(lab["over_max"])}</th></tr>'
    )
    for a in areas:
        s = sums[a]
        out.append(
            f'<tr><td>{_e(_area_label(pb, a, lab))}</td><td class="n">{_hours_text(s[1], lang)}</td>'
            f'<td class="n">{_hours_text(s[2], lang)}</td><td class="n">{_hours_text(s[3], lang)}</td></tr>'
        )
    out.append("</table>\n")
    cells = hour_cells(pb, cov)
    for a in areas:
        out.append(
            f'<figure class="heatmap" data-area="{_e(a)}"><figcaption>'
            f"{_e(_area_label(pb, a, lab))}</figcaption>\n"
        )
        out.append(_heatmap_svg(pb, cells.get(a, {}), lang))
        out.append("</figure>\n")
    out.append("</section>\n")
    return "".join(out)


def day_start_hour(hours: Iterable[int]) -> int:
    """The hour a heatmap column starts at: the first hour after the longest run of hours
    without any requirement (circularly), so an evening running past midnight stays in its
    day's column (22, 23, 00) and the empty small hours are left out. 0 when every hour is used."""
    used = sorted(set(hours))
    if not used or len(used) == 24:
        return 0
    gaps = [((b - a - 1) % 24, b) for a, b in zip(used, used[1:] + used[:1], strict=True)]
    if len(used) == 1:
        return used[0]
    return max(gaps, key=lambda g: (g[0], -g[1]))[1]


def _heatmap_svg(pb: Problem, cells: Mapping[tuple[date, int], Mapping[str, _Need]], lang: str) -> str:
    days = pb.days
    index = {d: k for k, d in enumerate(days)}
    # Cells of the morning after the last day count too: they may belong to its evening.
    after = pb.end_date + timedelta(days=1)
    used = {h for (d, h), needs in cells.items() if needs and (d in index or d == after)}
    if not used:
        return ""
    # A column is a working day from `start` to `start` + 24 h: an hour before `start` is drawn
    # at the bottom of the previous date's column, where a planner looks for it (the tooltip
    # keeps the real date and time). Hours before the first day would fall off: then no shift.
    start = day_start_hour(used)
    if any(h < start and index[d] == 0 for (d, h), needs in cells.items() if needs and d in index):
        start = 0
    rows = sorted((h - start) % 24 for h in used)
    first_row, n_rows = rows[0], rows[-1] - rows[0] + 1

    def place(d: date, h: int) -> tuple[int, int] | None:
        col = index.get(d - timedelta(days=1) if h < start else d)
        return None if col is None else (col, (h - start) % 24 - first_row)

    cw = _heat_cell_width(len(days))
    ch = 16
    left, top = 30, 40
    width = left + cw * len(days) + 4
    height = top + ch * n_rows + 4
    numbers = cw >= 18
    names = SHORT_NL if lang == "nl" else SHORT_EN
    months = MONTHS_NL if lang == "nl" else MONTHS_EN
    out = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" font-size="10">'
    ]
    for k, d in enumerate(days):
        x = left + k * cw
        if d.weekday() >= 5 or pb.is_holiday(d):
            out.append(f'<rect x="{x}" y="{top}" width="{cw}" height="{ch * n_rows}" fill="#ededed"/>')
        if (k == 0 or d.day == 1) and (len(days) - k) * cw >= 50:  # room for "Feb 2027"
            out.append(f'<text x="{x + 1}" y="{top - 28}">{_e(months[d.month - 1])} {d.year}</text>')
        if numbers or d.weekday() == 0:
            # Weekday and day of the month: every day when the columns are wide, else Mondays.
            out.append(
                f'<text x="{x + 1}" y="{top - 16}">{_e(names[d.weekday()][:2])}</text>'
                f'<text x="{x + 1}" y="{top - 4}">{d.day}</text>'
            )
    for r in range(n_rows):
        out.append(f'<text x="2" y="{top + r * ch + 12}">{(start + first_row + r) % 24:02d}</text>')
    for (d, h), needs in sorted(cells.items()):
        spot = place(d, h)
        if spot is None or not needs:
            continue  # an hour outside the horizon's columns
        colour, shown = _cell_state(needs)
        x, y = left + spot[0] * cw, top + spot[1] * ch
        tip = f"{_day_label(d, lang)} {h:02d}:00 · " + "; ".join(
            f"{label + ': ' if label else ''}{n.planned} (min {n.min}, {LABELS[lang]['target']} {n.target})"
            for label, n in sorted(needs.items())
        )
        out.append(
            f'<g><title>{_e(tip)}</title><rect x="{x}" y="{y}" width="{cw - 1}" '
            f'height="{ch - 1}" fill="#{colour}"/>'
        )
        if numbers:
            out.append(f'<text x="{x + cw / 2:g}" y="{y + 12}" text-anchor="middle">{shown}</text>')
        out.append("</g>")
    out.append("</svg>\n")
    return "".join(out)


# --------------------------------------------------------------------------- roster grid


def _grid(pb: Problem, roster: Roster, lab: Mapping[str, str], lang: str) -> str:
    """The roster grid, one table per week (each prints on its own page)."""
    klass = _shift_classes(pb)
    days = pb.days
    holidays = pb.holidays
    per: dict[tuple[str, date], list[Assignment]] = defaultdict(list)
    for a in roster.assignments:
        per[(a.staff, a.date)].append(a)
    out = [
        f'<section id="grid">\n<h2>{_e(lab["grid"])}</h2>\n<p class="intro">'
        f'{_e(lab["grid_intro"])}</p>\n<div class="scroll">'
    ]
    for w in range(0, len(days), 7):
        week = list(enumerate(days))[w : w + 7]
        out.append(
            f'<table class="grid week"><thead><tr><th class="p">{_e(lab["staff"])}</th>'
            f"<th>{_e(lab['name'])}</th>"
        )
        for _, d in week:
            cls = "hol" if d in holidays else ("we" if d.weekday() >= 5 else "")
            title = f' title="{_e(holidays[d])}"' if d in holidays else ""
            out.append(f'<th class="{cls}"{title}>{_e(_day_label(d, lang))}</th>')
        out.append("</tr></thead><tbody>")
        current_area: str | None = None
        for p in _people_in_order(pb):
            if p.home_area != current_area:
                current_area = p.home_area
                out.append(
                    f'<tr class="ar"><th colspan="2">{_e(_area_label(pb, p.home_area, lab))}'
                    f'</th><td colspan="{len(week)}"></td></tr>'
                )
            out.append(f'<tr><th class="p">{_e(p.id)}</th><td style="text-align:left">{_e(p.name)}</td>')
            for k, d in week:
                todays = per.get((p.id, d), [])
                text = roster_cell(pb, p.id, p.home_area, k, todays, lang)
                if todays:
                    cls = klass.get(todays[0].shift, "")
                elif text:
                    cls = "ab"
                else:
                    cls = "we" if d.weekday() >= 5 or d in holidays else ""
                attr = f' class="{cls}"' if cls else ""
                out.append(f"<td{attr}>{_e(text)}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
    out.append("</div>\n</section>\n")
    return "".join(out)


def _areas_by_day(pb: Problem, roster: Roster, lab: Mapping[str, str], lang: str) -> str:
    """Per week a table: a row per work area (then city-wide gaps and the coordinator), a
    column per day; each cell lists the shifts starting there with their times and staff ids,
    and the stretches below minimum (red) or target (orange)."""
    from ..views import day_view
    from ..workbook.writer import view_cell

    view = day_view(pb, roster)
    rows: list[str | None] = [*view.areas]
    if any(area == ANY_AREA for area, _ in view.gaps):
        rows.append(ANY_AREA)
    rows.append(None)
    out = [
        f'<section id="areas">\n<h2>{_e(lab["areas_day"])}</h2>\n<p class="intro">'
        f'{_e(lab["areas_day_intro"])}</p>\n<div class="scroll">'
    ]
    days = pb.days
    for w in range(0, len(days), 7):
        week = days[w : w + 7]
        out.append(f'<table class="days"><thead><tr><th class="p">{_e(lab["week"])} {w // 7 + 1}</th>')
        for d in week:
            cls = ' class="we"' if d.weekday() >= 5 else ""
            out.append(f"<th{cls}>{_e(_day_label(d, lang))}</th>")
        out.append("</tr></thead><tbody>")
        for area in rows:
            label = lab["coordinator"] if area is None else _area_label(pb, area, lab)
            out.append(f'<tr><th class="p">{_e(label)}</th>')
            for d in week:
                lines, found = view_cell(view, area, d, lang, lab["all_areas"])
                cls = "min" if any(g.kind == "min" for g in found) else ("target" if found else "")
                attr = f' class="{cls}"' if cls else ""
                out.append(f"<td{attr}>{'<br>'.join(_e(x) for x in lines)}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
    out.append("</div>\n</section>\n")
    return "".join(out)


# --------------------------------------------------------------------------- bar charts


@dataclass(frozen=True)
class _Bar:
    """One person's row in a horizontal bar chart."""

    label: str
    value: float
    tick: float
    band: tuple[float, float]
    bad: bool
    tip: str


def _bar_chart(bars: Sequence[_Bar], *, width: int = 300, band_colour: str = BAND, chart_id: str = "") -> str:
    """Horizontal bars, one row per person: band, bar, tick; a tooltip per row."""
    row = 13
    left, right, top = 64, 8, 4
    scale_max = float(ceil(max([1.0, *(max(b.value, b.tick, b.band[1]) for b in bars)])))
    plot = width - left - right
    height = top + row * len(bars) + 18

    def x(v: float) -> float:
        return left + plot * max(0.0, v) / scale_max

    ident = f' id="{_e(chart_id)}"' if chart_id else ""
    out = [
        f'<svg{ident} width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-size="10">'
    ]
    for i, b in enumerate(bars):
        y = top + i * row
        lo, hi = x(b.band[0]), x(b.band[1])
        colour = BAR_BAD if b.bad else BAR
        out.append(
            f"<g><title>{_e(b.tip)}</title>"
            f'<text x="{left - 4}" y="{y + 10}" text-anchor="end">{_e(b.label)}</text>'
            f'<rect x="{lo:.1f}" y="{y}" width="{max(0.0, hi - lo):.1f}" height="{row - 1}" '
            f'fill="#{band_colour}"/>'
            f'<rect x="{left}" y="{y + 3}" width="{x(b.value) - left:.1f}" height="{row - 7}" '
            f'fill="#{colour}"/>'
            f'<rect x="{x(b.tick) - 1:.1f}" y="{y}" width="2" height="{row - 1}" fill="#{TICK}"/></g>'
        )
    # A scale at the bottom: 0 and the maximum.
    base = top + row * len(bars)
    out.append(
        f'<line x1="{left}" y1="{base + 2}" x2="{left + plot}" y2="{base + 2}" stroke="#999"/>'
        f'<text x="{left}" y="{base + 14}">0</text>'
        f'<text x="{left + plot}" y="{base + 14}" text-anchor="end">{scale_max:g}</text>'
    )
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- fairness


def _fairness(
    pb: Problem, fairness: Mapping[str, Mapping[str, Any]], lab: Mapping[str, str], lang: str
) -> str:
    out = [f'<section id="fairness">\n<h2>{_e(lab["fairness"])}</h2>\n']
    cats = [c for c in CATEGORY_ORDER if c in fairness] + sorted(set(fairness) - set(CATEGORY_ORDER))
    if not cats:
        out.append(f'<p class="intro">{_e(lab["no_fairness"])}</p></section>\n')
        return "".join(out)
    out.append(f'<p class="intro">{_e(lab["fairness_intro"])}</p>\n<div class="charts">')
    order = [p.id for p in _people_in_order(pb)]
    for cat in cats:
        data = fairness[cat]
        per: Mapping[str, tuple[int, float]] = data["per_person"]
        bars = []
        for sid in (s for s in order if s in per):
            count, share = per[sid]
            lo, hi = max(0.0, share - 1), share + 1
            bars.append(
                _Bar(
                    sid,
                    count,
                    share,
                    (lo, hi),
                    not lo <= count <= hi,
                    f"{sid}: {count} · {lab['fair_share']} {fmt(share, lang)}",
                )
            )
        title = lab.get(cat, cat)
        caption = (
            f"{lab['team_average']} {fmt(float(data['team_average']), lang)} {lab['per_fte']}"
            f" · {lab['spread']} {fmt(float(data['spread']), lang)}"
        )
        out.append(
            f'<figure class="fair" data-category="{_e(cat)}"><figcaption>{_e(title)}'
            f'</figcaption><div class="intro">{_e(caption)}</div>'
            f"{_bar_chart(bars, chart_id=f'fair-{cat}')}</figure>"
        )
    out.append("</div>\n</section>\n")
    return "".join(out)


# --------------------------------------------------------------------------- hours


def _hours(pb: Problem, planned: Mapping[str, int], lab: Mapping[str, str], lang: str) -> str:
    out = [
        f'<section id="hours">\n<h2>{_e(lab["hours"])}</h2>\n<p class="intro">{_e(lab["hours_intro"])}</p>\n'
    ]
    bars: list[_Bar] = []
    rows: list[str] = []
    for p in _people_in_order(pb):
        got = planned.get(p.id, 0)
        target = pb.target_minutes(p)
        lower, upper, _, _ = pb.hours_band(p)
        bad = not lower <= got <= upper
        tip = (
            f"{p.id}: {lab['planned']} {_hours_text(got, lang)} h · {lab['target']} "
            f"{_hours_text(target, lang)} h · {lab['band']} {_hours_text(lower, lang)}–"
            f"{_hours_text(upper, lang)} h"
        )
        bars.append(_Bar(p.id, got / 60, target / 60, (lower / 60, upper / 60), bad, tip))
        flag = ' style="color:#c00;font-weight:bold"' if bad else ""
        rows.append(
            f'<tr><td>{_e(p.id)}</td><td>{_e(p.name)}</td><td class="n">{_hours_text(target, lang)}</td>'
            f'<td class="n"{flag}>{_hours_text(got, lang)}</td>'
            f'<td class="n">{_hours_text(got - target, lang)}</td>'
            f'<td class="n">{_hours_text(lower, lang)}–{_hours_text(upper, lang)}</td></tr>'
        )
    out.append(_bar_chart(bars, width=520, band_colour=HOURS_BAND, chart_id="hours-chart"))
    out.append(
        f'<details><summary>{_e(lab["table"])}</summary><table id="hours-table"><tr>'
        f'<th>{_e(lab["staff"])}</th><th>{_e(lab["name"])}</th><th class="n">{_e(lab["target"])}</th>'
        f'<th class="n">{_e(lab["planned"])}</th><th class="n">{_e(lab["difference"])}</th>'
        f'<th class="n">{_e(lab["band"])}</th></tr>{"".join(rows)}</table></details>\n</section>\n'
    )
    return "".join(out)


# --------------------------------------------------------------------------- penalties


def _penalties(data: ReportData, lab: Mapping[str, str], lang: str) -> str:
    out = [f'<section id="penalties">\n<h2>{_e(lab["penalties"])}</h2>\n']
    if not data.penalties:
        out.append(f'<p class="box ok">{_e(lab["no_penalties"])}</p></section>\n')
        return "".join(out)
    cost: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for p in data.penalties:
        cost[p.rule] += p.cost
        count[p.rule] += 1
    total = data.total_cost
    families = sorted(cost, key=lambda f: (-cost[f], f))
    bars = [
        _Bar(
            f,
            cost_points(cost[f]),
            0,
            (0, 0),
            False,
            f"{f}: {fmt(cost_points(cost[f]), lang)} {lab['points']}",
        )
        for f in families
    ]
    out.append(
        f'<div class="charts"><table id="penalty-table"><tr><th>{_e(lab["family"])}</th>'
        f'<th class="n">{_e(lab["deviations"])}</th><th class="n">{_e(lab["points"])}</th>'
        f'<th class="n">{_e(lab["share"])}</th></tr>'
    )
    for f in families:
        share = cost[f] / total if total else 0.0
        out.append(
            f'<tr data-family="{_e(f)}"><td>{_e(f)}</td><td class="n">{count[f]}</td>'
            f'<td class="n">{fmt(cost_points(cost[f]), lang)}</td>'
            f'<td class="n">{fmt(share * 100, lang, 1)} %</td></tr>'
        )
    out.append(
        f'<tr class="total"><td>{_e(lab["total"])}</td><td class="n">{len(data.penalties)}'
        f'</td><td class="n" id="penalty-total">{fmt(cost_points(total), lang)}</td>'
        '<td class="n"></td></tr></table>'
    )
    out.append(_penalty_bars(bars, lang))
    out.append("</div>\n")
    top = sorted(data.penalties, key=lambda p: (-p.cost, p.rule, p.staff or "", p.date or date.min))
    out.append(
        f'<h3>{_e(lab["top"])}</h3>\n<table id="top-deviations"><tr><th>{_e(lab["rule"])}</th>'
        f"<th>{_e(lab['staff'])}</th><th>{_e(lab['date'])}</th><th>{_e(lab['area'])}</th>"
        f'<th class="n">{_e(lab["amount"])}</th><th class="n">{_e(lab["points"])}</th>'
        f"<th>{_e(lab['reason'])}</th></tr>"
    )
    for p in top[:TOP_DEVIATIONS]:
        out.append(
            f"<tr><td>{_e(p.rule)}</td><td>{_e(p.staff or '')}</td>"
            f"<td>{_e(p.date.isoformat() if p.date else '')}</td><td>{_e(p.area or '')}</td>"
            f'<td class="n">{fmt(p.amount, lang)}</td><td class="n">{fmt(p.points, lang)}</td>'
            f"<td>{_e(p.reason)}</td></tr>"
        )
    out.append("</table>\n</section>\n")
    return "".join(out)


def _penalty_bars(bars: Sequence[_Bar], lang: str) -> str:
    """Cost per family as plain bars (no band or tick); the longest family names get room."""
    row, left, width = 18, 130, 460
    scale_max = max([1.0, *(b.value for b in bars)])
    plot = width - left - 70
    height = row * len(bars) + 6
    out = [
        f'<svg id="penalty-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" font-size="11">'
    ]
    for i, b in enumerate(bars):
        y = 3 + i * row
        w = plot * b.value / scale_max
        out.append(
            f'<g><title>{_e(b.tip)}</title><text x="{left - 6}" y="{y + 12}" '
            f'text-anchor="end">{_e(b.label)}</text><rect x="{left}" y="{y + 2}" '
            f'width="{w:.1f}" height="{row - 5}" fill="#{BAR}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 12}">{fmt(b.value, lang, 0)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


__all__ = ["LABELS", "ReportData", "build_report", "fmt", "hour_cells", "unmet_minimum", "write_report"]
