"""The daily briefing: one printable page per area for one date.

Per area (where people WORK that day) and per shift that starts there: its times, who is on
it (id and name), the Demand rows' notes that fall in it (hotspots and events, with their
times), the stretches below minimum or target, and, when incident reports are given, the last
weeks' reports in that area in that shift's hours of the day (how many, the busiest hour, the
most frequent categories). On top of every page: the coordinators on duty city-wide, and the
day's hotspots and events in that area and city-wide.

:func:`briefing_data` gathers it from the problem and the roster (plain Python, no solver);
:func:`briefing_html` renders it as one self-contained HTML page (inline CSS, no script), A4
portrait, each area on its own page. Labels follow the roster's language (``en``/``nl``).
Absence never appears; nor does why someone is not on duty.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .calendar import SHORT_EN, SHORT_NL
from .domain import ANY_AREA, Problem
from .i18n import BRIEFING
from .roster import Roster
from .views import Gap, OnDuty, day_view

REPORT_WEEKS = 4  # how many weeks of incident reports the briefing looks back

LABELS = BRIEFING  # the catalogue's table (roster_solver/i18n.py)


@dataclass(frozen=True)
class Note:
    """A Demand row's note on the briefing date: its times (``shift`` rows: the shift's)."""

    area: str
    start: datetime
    end: datetime
    text: str
    min: int
    target: int | None

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}\u2013{self.end:%H:%M}"


@dataclass(frozen=True)
class ReportSummary:
    count: int
    busiest_hour: int | None
    categories: tuple[tuple[str, int], ...]


@dataclass
class ShiftBlock:
    duty: OnDuty
    names: dict[str, str]
    notes: list[Note] = field(default_factory=list)
    reports: ReportSummary | None = None


@dataclass
class AreaPage:
    area: str
    name: str
    shifts: list[ShiftBlock]
    notes: list[Note]  # the area's and the city-wide notes of the day
    gaps: list[Gap]


@dataclass
class Briefing:
    day: date
    lang: str
    coordinators: list[tuple[OnDuty, str]]
    pages: list[AreaPage]
    names: dict[str, str]
    report_period: tuple[date, date] | None = None
    report_weeks: int = REPORT_WEEKS


def demand_notes(problem: Problem, d: date) -> list[Note]:
    """The Demand rows with a note that apply on ``d`` (``replace`` rows included), in time
    order; a window past midnight ends the next day."""
    k = problem.day_index(d)
    out: list[Note] = []
    seen: set[tuple[str, int, int, str]] = set()
    for row in problem.demand:
        if not row.note or not row.days.matches(d, problem.holidays):
            continue
        if row.shift is not None:
            if row.shift not in problem.shift_by_code:
                continue
            inst = problem.instance(row.shift, k)
            start, end = inst.start, inst.end
        elif row.start is not None and row.end is not None:
            start = problem.clock.minute(d, row.start)
            if row.end > row.start:
                end = problem.clock.minute(d, row.end)
            else:  # past midnight: ends the next day
                end = problem.clock.minute(d + timedelta(days=1), row.end)
        else:
            continue
        key = (row.area, start, end, row.note)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            Note(
                row.area, problem.clock.local(start), problem.clock.local(end), row.note, row.min, row.target
            )
        )
    return sorted(out, key=lambda n: (n.start, n.end, n.area, n.text))


def _overlaps(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> bool:
    return a0 < b1 and b0 < a1


def summarise_reports(
    reports: Sequence[object], area: str, start: datetime, end: datetime, period: tuple[date, date]
) -> ReportSummary:
    """Reports in ``area`` between the dates of ``period`` whose time of day falls in the
    shift's hours (``start``–``end``, past midnight when the shift runs over it)."""
    first, last = period
    s = start.hour * 60 + start.minute
    e = s + int((end - start).total_seconds() // 60)
    hours: Counter[int] = Counter()
    cats: Counter[str] = Counter()
    n = 0
    for r in reports:
        when = r.when  # type: ignore[attr-defined]
        if r.area != area or not first <= when.date() <= last:  # type: ignore[attr-defined]
            continue
        m = when.hour * 60 + when.minute
        if not (s <= m < e or s <= m + 24 * 60 < e):
            continue
        n += 1
        hours[when.hour] += 1
        if r.category:  # type: ignore[attr-defined]
            cats[r.category] += 1  # type: ignore[attr-defined]
    busiest = max(hours, key=lambda h: (hours[h], -h)) if hours else None
    return ReportSummary(n, busiest, tuple(cats.most_common(3)))


def report_period(reports: Sequence[object], d: date, weeks: int) -> tuple[date, date] | None:
    """The ``weeks`` weeks before ``d``; when the reports end earlier, the ``weeks`` weeks up to
    the last report (so an older extract still says something). None without reports."""
    dates = [r.when.date() for r in reports if r.when.date() < d]  # type: ignore[attr-defined]
    if not dates:
        return None
    last = min(d - timedelta(days=1), max(dates))
    return last - timedelta(days=7 * weeks - 1), last


def briefing_data(
    problem: Problem,
    roster: Roster,
    d: date,
    *,
    area: str | None = None,
    reports: Sequence[object] | None = None,
    weeks: int = REPORT_WEEKS,
    lang: str | None = None,
) -> Briefing:
    lang = lang or problem.settings.language
    view = day_view(problem, roster)
    names = {p.id: p.name for p in problem.staff}
    notes = demand_notes(problem, d)
    period = report_period(reports, d, weeks) if reports else None
    areas = [area] if area is not None else [a for a in view.areas if a != ANY_AREA]
    pages = []
    for code in areas:
        shifts = []
        for duty in view.on_duty.get((code, d), []):
            block = ShiftBlock(duty, {s: names.get(s, "") for s in duty.staff})
            block.notes = [
                n
                for n in notes
                if n.area in (code, ANY_AREA) and _overlaps(n.start, n.end, duty.start, duty.end)
            ]
            if reports and period is not None:
                block.reports = summarise_reports(reports, code, duty.start, duty.end, period)
            shifts.append(block)
        area_obj = problem.area_by_code.get(code)
        pages.append(
            AreaPage(
                area=code,
                name=area_obj.name if area_obj is not None else code,
                shifts=shifts,
                notes=[n for n in notes if n.area in (code, ANY_AREA)],
                gaps=[*view.gaps.get((code, d), []), *view.gaps.get((ANY_AREA, d), [])],
            )
        )
    return Briefing(d, lang, view.coordinators.get(d, []), pages, names, period, weeks)


# --------------------------------------------------------------------------- HTML

CSS = """
@page{size:A4 portrait;margin:12mm}
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 16px;
color:#1a1a1a}
section.page{break-after:page;page-break-after:always}
section.page:last-of-type{break-after:auto;page-break-after:auto}
h1{font-size:20px;margin:12px 0 2px}h2{font-size:15px;margin:14px 0 4px}
.sub{color:#595959;margin:0 0 8px}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #c8c8c8;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#ddebf7}
td.t{white-space:nowrap;width:8em;font-weight:bold}td.p{width:13em}
ul{margin:2px 0;padding-left:18px}
.gap-min{background:#ff7c80}.gap-target{background:#ffc000}
.muted{color:#595959}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _day(d: date, lang: str) -> str:
    names = SHORT_NL if lang == "nl" else SHORT_EN
    return f"{names[d.weekday()]} {d:%d-%m-%Y}"


def _gap(g: Gap, lab: dict[str, str]) -> str:
    what = lab["below_min"] if g.kind == "min" else lab["below_target"]
    where = f"{lab['city_wide']} " if g.area == ANY_AREA else ""
    skill = f" ({g.skill})" if g.skill else ""
    return f"{where}{what}{skill} {g.times}: {g.missing} {lab['short']}"


def _note(n: Note, lab: dict[str, str]) -> str:
    where = f" ({lab['city_wide']})" if n.area == ANY_AREA else ""
    level = f"{lab['min']} {n.min}" + (f", {lab['target']} {n.target}" if n.target else "")
    return f"{n.times} {n.text}{where} \u2014 {level}"


def briefing_html(b: Briefing, title: str = "") -> str:
    lab = LABELS[b.lang if b.lang in LABELS else "en"]
    out = [
        f'<!DOCTYPE html>\n<html lang="{_e(b.lang)}">\n<head><meta charset="utf-8">'
        f"<title>{_e(lab['title'])} {_e(_day(b.day, b.lang))}</title>"
        f"<style>{CSS}</style></head>\n<body>\n"
    ]
    coord = [
        f"{d.times} {d.shift}: "
        + ", ".join(f"{s} {b.names.get(s, '')}".strip() for s in d.staff)
        + f" ({lab['city_wide'] if where == ANY_AREA else where})"
        for d, where in b.coordinators
    ]
    for page in b.pages:
        head = f"{page.area} \u2014 {page.name}" if page.name and page.name != page.area else page.area
        out.append(
            f'<section class="page" data-area="{_e(page.area)}">'
            f"<h1>{_e(lab['title'])} {_e(head)}</h1>"
            f'<p class="sub">{_e(_day(b.day, b.lang))}'
            f"{' · ' + _e(title) if title else ''}</p>"
        )
        out.append(
            f'<h2>{_e(lab["coordinator"])}</h2><ul class="coordinator">'
            + "".join(f"<li>{_e(c)}</li>" for c in coord)
            + ("" if coord else f'<li class="muted">{_e(lab["none"])}</li>')
            + "</ul>"
        )
        out.append(
            f'<h2>{_e(lab["today"])}</h2><ul class="notes">'
            + "".join(f"<li>{_e(_note(n, lab))}</li>" for n in page.notes)
            + ("" if page.notes else f'<li class="muted">{_e(lab["none"])}</li>')
            + "</ul>"
        )
        if page.gaps:
            out.append(
                f'<h2>{_e(lab["gaps"])}</h2><ul class="gaps">'
                + "".join(f'<li class="gap-{g.kind}">{_e(_gap(g, lab))}</li>' for g in page.gaps)
                + "</ul>"
            )
        n_people = len({s for blk in page.shifts for s in blk.duty.staff})
        out.append(f'<h2>{_e(lab["on_duty"])}</h2><p class="sub">{_e(lab["people"].format(n=n_people))}</p>')
        if not page.shifts:
            out.append(f'<p class="muted">{_e(lab["nobody"])}</p>')
        else:
            out.append(
                f'<table class="shifts"><thead><tr><th>{_e(lab["shift"])}</th>'
                f"<th>{_e(lab['on_duty'])}</th><th>{_e(lab['hotspots'])}</th></tr></thead>"
                "<tbody>"
            )
            for blk in page.shifts:
                people = "<br>".join(_e(f"{s} {blk.names.get(s, '')}".strip()) for s in blk.duty.staff)
                notes = "".join(
                    f'<li data-start="{blk_note.start:%H:%M}">{_e(_note(blk_note, lab))}</li>'
                    for blk_note in blk.notes
                )
                extra = ""
                if blk.reports is not None and b.report_period is not None:
                    first, last = b.report_period
                    r = blk.reports
                    head_r = lab["reports"].format(
                        weeks=b.report_weeks, first=f"{first:%d-%m}", last=f"{last:%d-%m}"
                    )
                    if r.count:
                        cats = ", ".join(f"{c} ({n})" for c, n in r.categories)
                        body = lab["reports_n"].format(n=r.count, hour=f"{r.busiest_hour:02d}")
                        body += f"; {cats}" if cats else ""
                    else:
                        body = lab["no_reports"]
                    extra = f'<p class="reports"><b>{_e(head_r)}</b>: {_e(body)}</p>'
                out.append(
                    f'<tr><td class="t">{_e(blk.duty.shift)} {_e(blk.duty.times)}</td>'
                    f'<td class="p">{people}</td><td><ul>{notes}</ul>{extra}</td></tr>'
                )
            out.append("</tbody></table>")
        out.append("</section>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


__all__ = ["LABELS", "Briefing", "Note", "briefing_data", "briefing_html", "demand_notes"]
