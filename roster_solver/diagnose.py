"""Pre-solve diagnosis: collisions in the input found in plain Python, before any solver runs.

Every finding names the workbook rows involved (``Demand!A14``, ``Staff!B7``, ``Fixed!A3``:
a column letter when the finding is about one cell, otherwise the row's first cell) and says
what would fix it. Two severities:

- ``error``: a *certain* collision. No roster can meet every hard rule, whatever the solver
  does, so ``validate`` and ``solve`` stop with exit 3 before solving. Each check below states
  why its conclusion is certain; a check that is not certain must be a warning.
- ``warning``: the solve goes on, but part of the wish list cannot be met (e.g. a minimum
  staffing that will be reported as unmet under ``shortage = report``, a contract target that
  cannot be reached, a pin that overrides ``no_nights``).

Kinds (the ``kind`` field; the corpus in ``tests/explain_corpus`` has one problem per kind):

``demand_no_shift``      a Demand minimum at a time that no shift type spans at all;
``demand_no_shift_day``  a Demand minimum on a day on which none of the shifts that span it may be
                         used (Shifts ``days``), or a ``shift`` row for a shift not used that day;
``skill_unavailable``    a skill Demand minimum when nobody with that skill can be there;
``area_minimum``         a minimum above the number of people who may ever work there then;
``min_hours``            hard hours (Staff ``min_hours``) above what absence, employment dates,
                         allowed shifts and the law (max_week_hours, max_consecutive_days) leave;
``hours_band``           ``min_hours`` above the hard maximum, or pins and must wishes above it;
``target_unreachable``   (warning) the contract target cannot be reached (soft lower band);
``pin_unworkable``       a Fixed pin that can never be worked (never/only wish, not employed, law);
``pin_night_age``        a Fixed pin on a night for someone under ``min_age_nights``;
``must_unworkable``      a must wish on a day the person cannot work (absence, no_nights, ...);
``pin_vs_must``          pinned off on a day a must wish says they work;
``rest``                 two pinned / must / History shifts less than 11 h apart (or 14 h after
                         a night ending after 02:00), or too close to part-day training;
``night_series_rest``    a pinned shift less than 46 h after a series of 3 or more pinned nights;
``consecutive_days``     pinned working days in a row beyond max_consecutive_days, or beyond
                         max_consecutive_shifts_with_night when the run holds a night;
``not_followed_by``      pinned shifts on consecutive days that Shifts ``not_followed_by`` forbids;
``limits``               Limits rows and Staff ``max_weekends`` that pins break or cannot reach;
``no_nights_pin``        (warning) a Fixed pin on a night for someone with ``no_nights``: the pin
                         wins (docs/workbook-contract.md: a pin is the planner's explicit decision).

Minimum staffing findings are errors under ``shortage = forbid`` and warnings under ``report``.
A check runs only when the family that enforces its rule is among the families solved.
Personal data: people are named by staff id only; absence reasons are never shown.
Message and fix are in the problem's language (the catalogue's FINDINGS table); ``kind``,
``rule`` and the cells named are machine fields and stay as they are.
Never imports the solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from .coverage import (
    covering_instances,
    describe_day,
    describe_place,
    qualifies,
    segments,
    shift_requirements,
)
from .domain import OFF, Absence, Problem, ShiftInstance, Src, StaffMember, Wish, work_in_window
from .i18n import finding as _t
from .units import hours_text

if TYPE_CHECKING:
    from .constraints.base import Family

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One collision found before solving."""

    kind: str  # see the module docstring
    severity: Severity  # "error": certain, exit 3; "warning": the solve goes on
    rule: str  # the rule key (docs/rules.md) or sheet column at stake
    message: str  # what collides, naming rows
    fix: str = ""  # what would fix it
    refs: tuple[str, ...] = ()  # every workbook cell named, e.g. ("Fixed!A2", "Staff!A3")
    lang: str | None = None  # the language of message and fix (the problem's; None: English)

    @property
    def certain(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return _t("fix", self.lang, message=self.message, fix=self.fix) if self.fix else self.message


# --------------------------------------------------------------------------- naming


def cell(src: Src | None, column: str | None = None, sheet: str = "") -> str:
    """``Staff!B7`` for a known column, else the row's first cell ``Staff!A7``; the sheet alone
    when the record has no row (built in code)."""
    if src is None:
        return sheet
    from openpyxl.utils import get_column_letter

    col = dict(src.columns).get(column) if column else None
    return f"{src.sheet}!{get_column_letter(col or 1)}{src.row}"


def who(p: StaffMember) -> str:
    """``P1 (Staff!A3)``: the staff id and its row (never the name)."""
    at = cell(p.src)
    return f"{p.id} ({at})" if at else p.id


def day_text(d: date, lang: str | None = None) -> str:
    """``Mon 4 Oct`` (``ma 4 okt`` in Dutch)."""
    return describe_day(d, lang)


def hours(minutes: int, lang: str | None = None) -> str:
    """``7.5 h`` (``7.5 uur`` in Dutch)."""
    return _t("hours", lang, h=hours_text(minutes))


def _dates(days: Sequence[date], most: int = 4, lang: str | None = None) -> str:
    shown = ", ".join(day_text(d, lang) for d in days[:most])
    return _t("and_more", lang, shown=shown, n=len(days) - most) if len(days) > most else shown


def _shown(rows: Sequence[str], most: int, lang: str | None) -> str:
    """The first ``most`` of ``rows``, then how many more."""
    shown = ", ".join(rows[:most])
    return _t("and_more", lang, shown=shown, n=len(rows) - most) if len(rows) > most else shown


def _refs(*items: str | Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for it in items:
        for r in [it] if isinstance(it, str) else it:
            if r and r not in out:
                out.append(r)
    return tuple(out)


# --------------------------------------------------------------------------- entry point


def diagnose(problem: Problem, families: Sequence[Family] | None = None) -> list[Finding]:
    """Every collision found without a solver, errors first (see the module docstring)."""
    if families is None:
        from .constraints import FAMILIES

        families = FAMILIES
    names = {f.name for f in families}
    found: list[Finding] = []
    if "availability" in names:
        found += _pins(problem) + _must_wishes(problem)
    forced = forced_shifts(problem)
    if "daily_rest" in names:
        found += _rest(problem, forced)
    if "night_work" in names:
        found += _night_series(problem, forced)
    if "consecutive_days" in names or "night_work" in names:
        found += _consecutive(problem, forced, names)
    if "shift_sequence" in names:
        found += _not_followed_by(problem, forced)
    if "contract_hours" in names:
        found += _hours(problem, names)
    if "staff_limits" in names:
        found += _limits(problem)
    if "coverage" in names:
        found += _coverage(problem)
    lang = problem.settings.language
    return sorted((replace(f, lang=lang) for f in found), key=lambda f: f.severity != "error")


# --------------------------------------------------------------------------- forced shifts


@dataclass(frozen=True)
class Forced:
    """A shift (or a working day) the person certainly works: pin, must wish or History."""

    day: int
    inst: ShiftInstance | None  # None: a must wish for "any shift"
    text: str  # "fixed on N on Mon 4 Oct" (English; said() gives it in any language)
    ref: str  # "Fixed!A2"
    history: bool = False
    verb: str = ""  # "fixed", "must" or "worked"
    shift: str | None = None  # the shift code (None: a must wish for any shift)
    on: date | None = None  # the day

    def said(self, lang: str | None, form: str = "plain") -> str:
        """The fact in words in ``lang``: ``plain`` (``fixed on N on Mon 4 Oct``), ``is`` (``is
        fixed on ...``, the first of a list) or ``again`` (``on N on Mon 4 Oct``, after a fact
        with the same verb)."""
        if not self.verb or self.on is None:
            return self.text
        key = {"fixed": "f.fixed", "must": "f.must_shift" if self.shift else "f.must", "worked": "f.worked"}[
            self.verb
        ]
        if form == "again":
            key += "_again"
        elif form == "is" and self.verb == "fixed":
            key += "_is"
        return _t(key, lang, shift=self.shift, day=day_text(self.on, lang))


def _wished_shift(w: Wish) -> str | None:
    """The shift a must wish asks for (None: any shift)."""
    return w.shift if w.kind == "must" and w.shift not in (None, OFF) else None


def forced_shifts(problem: Problem) -> dict[str, dict[int, Forced]]:
    """Per person, per day: what they certainly work (Fixed pins win over must wishes; History
    shifts before the horizon are facts)."""
    out: dict[str, dict[int, Forced]] = defaultdict(dict)
    for h in problem.history:
        if h.shift in problem.shift_by_code and h.staff in problem.staff_by_id:
            day = problem.day_index(h.date)
            out[h.staff][day] = Forced(
                day,
                problem.instance(h.shift, day),
                f"worked {h.shift} on {day_text(h.date)} (History)",
                cell(h.src, None, "History"),
                history=True,
                verb="worked",
                shift=h.shift,
                on=h.date,
            )
    for w, day in problem.must_wishes():
        if w.staff not in problem.staff_by_id:
            continue
        code = _wished_shift(w)
        inst = problem.instance(code, day) if code else None
        what = f"must work {code}" if code else "must work"
        when = problem.date_of(day)
        out[w.staff].setdefault(
            day,
            Forced(
                day,
                inst,
                f"{what} on {day_text(when)}",
                cell(w.src, None, "Wishes"),
                verb="must",
                shift=code,
                on=when,
            ),
        )
    for f in problem.fixed:
        if f.shift == OFF or f.shift not in problem.shift_by_code or f.staff not in problem.staff_by_id:
            continue
        day = problem.day_index(f.date)
        if 0 <= day < problem.n_days:
            out[f.staff][day] = Forced(
                day,
                problem.instance(f.shift, day),
                f"fixed on {f.shift} on {day_text(f.date)}",
                cell(f.src, None, "Fixed"),
                verb="fixed",
                shift=f.shift,
                on=f.date,
            )
    return out


def _pair_text(p: StaffMember, a: Forced, b: Forced, lang: str | None = None) -> str:
    """``P1 (Staff!A3) is fixed on N on Mon 4 Oct (Fixed!A2) and on V on Tue 5 Oct (Fixed!A3)``."""
    second = b.said(lang, "again" if a.verb and a.verb == b.verb else "plain")
    return _t("pair", lang, who=who(p), a=a.said(lang, "is"), a_ref=a.ref, b=second, b_ref=b.ref)


# --------------------------------------------------------------------------- availability


def _pins(problem: Problem) -> list[Finding]:
    out: list[Finding] = []
    must_days = {(w.staff, day): w for w, day in problem.must_wishes()}
    min_age = int(problem.ruleset.get("min_age_nights", 0) or 0)
    lang = problem.settings.language
    for f in problem.fixed:
        p = problem.staff_by_id.get(f.staff)
        day = problem.day_index(f.date)
        if p is None or not 0 <= day < problem.n_days:
            continue
        at = cell(f.src, None, "Fixed")
        if f.shift == OFF:
            w = must_days.get((p.id, day))
            if w is not None:
                wat = cell(w.src, None, "Wishes")
                out.append(
                    Finding(
                        "pin_vs_must",
                        "error",
                        "must",
                        _t("pin_vs_must", lang, who=who(p), day=day_text(f.date, lang), at=at, wat=wat),
                        _t("pin_vs_must.fix", lang),
                        _refs(at, wat, cell(p.src)),
                    )
                )
            continue
        if f.shift not in problem.shift_by_code:
            continue
        inst = problem.instance(f.shift, day)
        area = f.area or p.home_area
        age = problem.age_on(p, inst.date)
        if inst.night and min_age and age is not None and age < min_age:
            bat = cell(p.src, "birth_date", "Staff")
            out.append(
                Finding(
                    "pin_night_age",
                    "error",
                    "min_age_nights",
                    _t(
                        "pin_night_age",
                        lang,
                        who=who(p),
                        shift=f.shift,
                        day=day_text(f.date, lang),
                        at=at,
                        age=min_age,
                        bat=bat,
                    ),
                    _t("pin_night_age.fix", lang),
                    _refs(at, bat),
                )
            )
            continue
        reason = problem.unavailable_reason(p, inst, area, lang)
        if reason:
            # Name the hard wish that blocks it, if one does.
            wish = next(
                (w for w in problem.hard_wishes_by_staff.get(p.id, []) if problem._hard_wish_blocks(w, inst)),
                None,
            )
            wat = cell(wish.src, None, "Wishes") if wish is not None else ""
            kind = (
                _t(f"kind.{wish.kind}", lang)
                if wish is not None and wish.kind in ("must", "never", "only")
                else getattr(wish, "kind", "")
            )
            by = _t("pin_unworkable.by", lang, kind=kind, wat=wat) if wish is not None else ""
            out.append(
                Finding(
                    "pin_unworkable",
                    "error",
                    "Fixed",
                    _t(
                        "pin_unworkable",
                        lang,
                        who=who(p),
                        shift=f.shift,
                        area=area,
                        day=day_text(f.date, lang),
                        at=at,
                        reason=reason,
                        by=by,
                    ),
                    _t("pin_unworkable.fix", lang),
                    _refs(at, wat, cell(p.src)),
                )
            )
            continue
        if p.no_nights and inst.night:
            nat = cell(p.src, "no_nights", "Staff")
            out.append(
                Finding(
                    "no_nights_pin",
                    "warning",
                    "no_nights",
                    _t(
                        "no_nights_pin",
                        lang,
                        who=who(p),
                        shift=f.shift,
                        day=day_text(f.date, lang),
                        at=at,
                        nat=nat,
                    ),
                    _t("no_nights_pin.fix", lang),
                    _refs(at, nat),
                )
            )
    return out


def _must_wishes(problem: Problem) -> list[Finding]:
    lang = problem.settings.language
    missing: dict[int, tuple[Wish, list[date], str, str]] = {}
    cands = _candidate_days_all(problem)
    for w, day in problem.must_wishes():
        p = problem.staff_by_id.get(w.staff)
        if p is None:
            continue
        shift = _wished_shift(w)
        options = [s for s, _ in cands[p.id].get(day, []) if shift in (None, s)]
        if options:
            continue
        reason = said = ""
        for code in [shift] if shift else [s.code for s in problem.shifts]:
            inst = problem.instance(code, day)
            why = problem.unavailable_reason(p, inst, p.home_area)  # English: read below
            if why:
                reason = why
                said = problem.unavailable_reason(p, inst, p.home_area, lang) or why
                break
        missing.setdefault(id(w), (w, [], reason, said))[1].append(problem.date_of(day))
    out = []
    for w, days, reason, said in missing.values():
        p = problem.staff_by_id[w.staff]
        shift = _wished_shift(w)
        what = _t("must_unworkable.shift", lang, shift=shift) if shift else _t("must_unworkable.any", lang)
        why = f" ({said})" if said else ""
        at = cell(w.src, None, "Wishes")
        rule = "no_nights" if "no_nights" in reason else "must"
        out.append(
            Finding(
                "must_unworkable",
                "error",
                rule,
                _t(
                    "must_unworkable",
                    lang,
                    who=who(p),
                    what=what,
                    days=_dates(days, lang=lang),
                    at=at,
                    why=why,
                ),
                _t("must_unworkable.fix", lang),
                _refs(at, cell(p.src)),
            )
        )
    return out


def _candidate_days_all(problem: Problem) -> dict[str, dict[int, list[tuple[str, int]]]]:
    """Per person, per day: the (shift, work minutes) they could ever be given."""
    out: dict[str, dict[int, list[tuple[str, int]]]] = {}
    for p in problem.staff:
        per: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for inst, _ in problem.candidates[p.id]:
            per[inst.day].append((inst.shift, inst.work))
        out[p.id] = per
    return out


# --------------------------------------------------------------------------- rest and series


def _rest(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    """Certain: both shifts are worked (pins, must wishes with a shift, History) and the rest
    rule forbids that pair whatever happens in between (a shift in between is closer still)."""
    from .constraints.daily_rest import required_rest

    out: list[Finding] = []
    daily = problem.ruleset.minutes("min_daily_rest_hours")
    lang = problem.settings.language
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        items = sorted((f for f in per.values() if f.inst is not None), key=lambda f: f.day)
        for i, a in enumerate(items):
            assert a.inst is not None
            need, why = required_rest(problem, a.inst)
            for b in items[i + 1 :]:
                assert b.inst is not None
                if b.day > a.day + 3:
                    break
                if b.history or need <= 0:
                    continue
                rest = b.inst.start - a.inst.end
                if rest >= need:
                    continue
                key = "min_rest_after_night_hours" if why else "min_daily_rest_hours"
                rule = _t("rest.night" if why else "rest.daily", lang, need=hours(need, lang), key=key)
                out.append(
                    Finding(
                        "rest",
                        "error",
                        key,
                        _t(
                            "rest",
                            lang,
                            pair=_pair_text(p, a, b, lang),
                            rule=rule,
                            rest=hours(max(rest, 0), lang),
                        ),
                        _t("rest.fix", lang),
                        _refs(a.ref, b.ref, cell(p.src)),
                    )
                )
        for t, absence in _training(problem, sid):
            for a in items:
                assert a.inst is not None
                if a.history:
                    continue
                before = a.inst.end <= t[0]
                need = required_rest(problem, a.inst)[0] if before else daily
                rest = t[0] - a.inst.end if before else a.inst.start - t[1]
                if rest < 0 or rest >= need:
                    continue
                at = cell(absence.src, None, "Absence")
                when = problem.clock.local(t[0] if before else t[1])
                edge = _t("rest.starts" if before else "rest.ends", lang)
                out.append(
                    Finding(
                        "rest",
                        "error",
                        "min_daily_rest_hours",
                        _t(
                            "rest_training",
                            lang,
                            who=who(p),
                            a=a.said(lang, "is"),
                            a_ref=a.ref,
                            edge=edge,
                            time=f"{when:%H:%M}",
                            day=day_text(when.date(), lang),
                            at=at,
                            need=hours(need, lang),
                            rest=hours(rest, lang),
                        ),
                        _t("rest_training.fix", lang),
                        _refs(a.ref, at, cell(p.src)),
                    )
                )
    return out


def _training(problem: Problem, sid: str) -> list[tuple[tuple[int, int], Absence]]:
    out: list[tuple[tuple[int, int], Absence]] = []
    for a in problem.absences:
        if a.staff == sid and a.type == "training" and a.part_day:
            w = problem.absence_window(a)
            out.append(((w.start, w.end), a))
    return out


def _night_series(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    """Certain: nights on d−2, d−1, d are worked, d+1 holds no worked night, and a worked
    non-night shift j starts less than the series rest after night d ends. The model then
    needs a night on every day up to j's day (each would continue the series), which j's own
    day cannot hold."""
    need = problem.ruleset.minutes("min_rest_after_night_series_hours")
    if need <= 0:
        return []
    lang = problem.settings.language
    out: list[Finding] = []
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]

        def night(d: int, per: dict[int, Forced] = per) -> Forced | None:
            f = per.get(d)
            return f if f is not None and f.inst is not None and f.inst.night else None

        for d, last in sorted(per.items()):
            if night(d) is None or night(d - 1) is None or night(d - 2) is None or night(d + 1):
                continue
            assert last.inst is not None
            for j in sorted(per.values(), key=lambda f: f.day):
                if j.day <= d or j.inst is None or j.inst.night or j.history:
                    continue
                rest = j.inst.start - last.inst.end
                if rest >= need:
                    break
                first = night(d - 2)
                assert first is not None
                run = [night(k) for k in range(d - 2, d + 1)]
                refs = _refs([f.ref for f in run if f], j.ref, cell(p.src))
                out.append(
                    Finding(
                        "night_series_rest",
                        "error",
                        "min_rest_after_night_series_hours",
                        _t(
                            "night_series_rest",
                            lang,
                            who=who(p),
                            first=day_text(problem.date_of(d - 2), lang),
                            last=day_text(problem.date_of(d), lang),
                            rows=", ".join(f.ref for f in run if f),
                            later=j.said(lang),
                            later_ref=j.ref,
                            need=hours(need, lang),
                            rest=hours(rest, lang),
                        ),
                        _t("night_series_rest.fix", lang),
                        refs,
                    )
                )
                break
    return out


def _consecutive(problem: Problem, forced: dict[str, dict[int, Forced]], names: set[str]) -> list[Finding]:
    """Certain: every day of the run is worked (pins, must wishes, History)."""
    from .constraints.night_work import runs

    out: list[Finding] = []
    with_night = int(problem.ruleset.get("max_consecutive_shifts_with_night", 0) or 0)
    lang = problem.settings.language
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        most = problem.max_consecutive_days_for(p)
        for first, last in runs(set(per)):
            if last < 0:
                continue  # History alone is a fact
            length = last - first + 1
            days = [per[d] for d in range(first, last + 1)]
            has_night = any(f.inst is not None and f.inst.night for f in days)
            span = _t(
                "span",
                lang,
                first=day_text(problem.date_of(first), lang),
                last=day_text(problem.date_of(last), lang),
            )
            rows = [f.ref for f in days]
            shown = _shown(rows, 4, lang)
            if "consecutive_days" in names and most and length > most:
                own = p.max_consecutive_days is not None
                key = cell(p.src, "max_consecutive_days", "Staff") if own else ""
                where_max = f" ({key})" if own else ""
                out.append(
                    Finding(
                        "consecutive_days",
                        "error",
                        "max_consecutive_days",
                        _t(
                            "consecutive_days",
                            lang,
                            who=who(p),
                            n=length,
                            span=span,
                            rows=shown,
                            most=most,
                            where=where_max,
                        ),
                        _t("consecutive_days.fix", lang),
                        _refs(rows, key, cell(p.src)),
                    )
                )
            elif "night_work" in names and with_night and has_night and length > with_night:
                out.append(
                    Finding(
                        "consecutive_days",
                        "error",
                        "max_consecutive_shifts_with_night",
                        _t(
                            "consecutive_night",
                            lang,
                            who=who(p),
                            n=length,
                            span=span,
                            rows=shown,
                            most=with_night,
                        ),
                        _t("consecutive_night.fix", lang),
                        _refs(rows, cell(p.src)),
                    )
                )
    return out


def _not_followed_by(problem: Problem, forced: dict[str, dict[int, Forced]]) -> list[Finding]:
    lang = problem.settings.language
    out: list[Finding] = []
    for sid, per in forced.items():
        p = problem.staff_by_id[sid]
        for d, a in sorted(per.items()):
            b = per.get(d + 1)
            if a.inst is None or b is None or b.inst is None or b.history:
                continue
            s = problem.shift_by_code[a.inst.shift]
            if b.inst.shift in s.not_followed_by:
                sat = cell(s.src, "not_followed_by", "Shifts")
                out.append(
                    Finding(
                        "not_followed_by",
                        "error",
                        "not_followed_by",
                        _t(
                            "not_followed_by",
                            lang,
                            pair=_pair_text(p, a, b, lang),
                            shift=s.code,
                            next=b.inst.shift,
                            at=sat,
                        ),
                        _t("not_followed_by.fix", lang),
                        _refs(a.ref, b.ref, sat, cell(p.src)),
                    )
                )
    return out


# --------------------------------------------------------------------------- hours and limits


def most_minutes(
    problem: Problem, p: StaffMember, names: set[str], cands: dict[int, list[tuple[str, int]]]
) -> int:
    """An upper bound on the minutes ``p`` can work in the horizon.

    Each working day counts its longest allowed shift; per week at most ``max_week_hours`` plus
    what a Sunday shift carries into the next week (the week cap counts elapsed work per week;
    contract hours count by start day). The working days obey ``max_consecutive_days`` across
    week boundaries and from the run History brings in: a run of N days on and one off works
    N of every N + 1 days, so 4 days in a row allow 28 of 35 days, not 4 a week. Exact for
    these three limits together: a dynamic programme over the weeks whose state is the length
    of the working run at the end of the week, each week trying every set of working days.
    """
    cap = problem.ruleset.minutes("max_week_hours") if "week_hours" in names else 0
    most_days = problem.max_consecutive_days_for(p) if "consecutive_days" in names else 0
    worked_before = {i.day for i in problem.history_instances.get(p.id, [])}
    run_in = 0
    while -(run_in + 1) in worked_before:
        run_in += 1
    if not most_days or most_days >= run_in + problem.n_days:
        most_days = 0  # no run in the horizon can be too long
    states = {min(run_in, most_days): 0}  # run length at the end of the last week -> minutes
    for week in range(problem.weeks):
        best = tuple(max((w for _, w in cands.get(d, [])), default=-1) for d in range(7 * week, 7 * week + 7))
        limit = 0
        if cap:
            monday = problem.week_start(week + 1)
            spill = max(
                (
                    work_in_window(problem.instance(s, 7 * week + 6), monday, monday + 2880)
                    for s, _ in cands.get(7 * week + 6, [])
                ),
                default=0,
            )
            limit = cap + spill
        shapes = _week_shapes(best, limit, most_days)
        nxt: dict[int, int] = {}
        for run, total in states.items():
            for (lead, trail, full), got in shapes:
                if most_days and run + lead > most_days:
                    continue
                end = run + 7 if full else trail
                if total + got > nxt.get(end, -1):
                    nxt[end] = total + got
        states = nxt
    return max(states.values(), default=0)


@lru_cache(maxsize=4096)
def _week_shapes(
    best: tuple[int, ...], limit: int, most_days: int
) -> tuple[tuple[tuple[int, int, bool], int], ...]:
    """For one week of :func:`most_minutes`: per shape of its working days (leading run,
    trailing run, whole week worked), the most minutes a set of that shape gives, among the
    sets with no inner run longer than ``most_days`` (0: no limit, one shape). ``best[k]`` is
    the longest shift on day k from Monday (-1: none allowed); ``limit`` caps the week (0: no
    cap). Weeks of one team mostly look alike, hence the cache."""
    shapes: dict[tuple[int, int, bool], int] = {}
    amount = [0] * 128
    for mask in range(1, 128):
        rest = amount[mask & (mask - 1)]
        day = best[(mask & -mask).bit_length() - 1]
        amount[mask] = rest + day if rest >= 0 and day >= 0 else -1
    for mask in range(128):
        if amount[mask] < 0:
            continue
        lead, trail, inner, full = _MASK_SHAPE[mask]
        if most_days and inner > most_days:
            continue
        got = min(amount[mask], limit) if limit else amount[mask]
        key = (lead, trail, full) if most_days else (0, 0, False)
        if got > shapes.get(key, -1):
            shapes[key] = got
    return tuple(shapes.items())


def _mask_shape(mask: int) -> tuple[int, int, int, bool]:
    """(leading run, trailing run, longest run, all seven days) of a week's working days
    (bit k = day k from Monday)."""
    bits = [(mask >> k) & 1 for k in range(7)]
    lead = next((k for k, b in enumerate(bits) if not b), 7)
    trail = next((k for k, b in enumerate(reversed(bits)) if not b), 7)
    longest = run = 0
    for b in bits:
        run = run + 1 if b else 0
        longest = max(longest, run)
    return lead, trail, longest, mask == 127


_MASK_SHAPE = [_mask_shape(m) for m in range(128)]


def _hours(problem: Problem, names: set[str]) -> list[Finding]:
    out: list[Finding] = []
    forced = forced_shifts(problem)
    cands_all = _candidate_days_all(problem)
    pct = float(problem.ruleset.get("hours_tolerance_pct", 0) or 0)
    lang = problem.settings.language
    limits = _t("hours.limits", lang)
    for p in problem.staff:
        lower, upper, lower_hard, upper_hard = problem.hours_band(p)
        upper_why = (
            "max_hours"
            if p.max_hours is not None
            else _t("hours.why", lang, target=hours(problem.target_minutes(p), lang), pct=f"{pct:g}")
        )
        upper_at = cell(p.src, "max_hours" if p.max_hours is not None else "hours_per_week", "Staff")
        min_at = cell(p.src, "min_hours", "Staff")
        if lower_hard and upper_hard and lower > upper:
            out.append(
                Finding(
                    "hours_band",
                    "error",
                    "min_hours",
                    _t(
                        "hours_band.min",
                        lang,
                        who=who(p),
                        lower=hours(lower, lang),
                        at=min_at,
                        upper=hours(upper, lang),
                        why=upper_why,
                    ),
                    _t("hours_band.min.fix", lang),
                    _refs(min_at, upper_at),
                )
            )
            continue
        cands = cands_all[p.id]
        most = most_minutes(problem, p, names, cands)
        absences = [cell(a.src, None, "Absence") for a in problem.absences if a.staff == p.id]
        absent_at = _t("hours.absence", lang, rows=", ".join(absences[:4])) if absences else ""
        if lower_hard and lower > most:
            out.append(
                Finding(
                    "min_hours",
                    "error",
                    "min_hours",
                    _t(
                        "min_hours",
                        lang,
                        who=who(p),
                        lower=hours(lower, lang),
                        at=min_at,
                        most=hours(most, lang),
                        limits=limits,
                        absence=absent_at,
                    ),
                    _t("min_hours.fix", lang, most=hours(most, lang)),
                    _refs(min_at, absences),
                )
            )
        elif not lower_hard and lower > most and problem.target_minutes(p) > 0:
            out.append(
                Finding(
                    "target_unreachable",
                    "warning",
                    "hours_tolerance_pct",
                    _t(
                        "target_unreachable",
                        lang,
                        who=who(p),
                        most=hours(most, lang),
                        limits=limits,
                        lower=hours(lower, lang),
                    ),
                    _t("target_unreachable.fix", lang),
                    _refs(cell(p.src, "hours_per_week", "Staff")),
                )
            )
        least = 0
        rows: list[str] = []
        for day, f in forced.get(p.id, {}).items():
            if day < 0:
                continue
            works = [w for s, w in cands.get(day, []) if f.inst is None or s == f.inst.shift]
            least += min(works) if works else 0
            rows.append(f.ref)
        if upper_hard and least > upper:
            out.append(
                Finding(
                    "hours_band",
                    "error",
                    "max_hours",
                    _t(
                        "hours_band.pins",
                        lang,
                        who=who(p),
                        least=hours(least, lang),
                        rows=", ".join(rows[:4]),
                        more=_t("hours_band.more", lang) if len(rows) > 4 else "",
                        upper=hours(upper, lang),
                        why=upper_why,
                    ),
                    _t("hours_band.pins.fix", lang),
                    _refs(rows, upper_at),
                )
            )
    return out


def _limits(problem: Problem) -> list[Finding]:
    lang = problem.settings.language
    out: list[Finding] = []
    forced = forced_shifts(problem)
    cands_all = _candidate_days_all(problem)
    for lim in problem.limits:
        p = problem.staff_by_id.get(lim.staff)
        if p is None:
            continue
        cands = cands_all[p.id]
        possible = sum(1 for opts in cands.values() if any(s == lim.shift for s, _ in opts))
        if lim.min is not None and lim.min > possible:
            at = cell(lim.src, "min", "Limits")
            out.append(
                Finding(
                    "limits",
                    "error",
                    "Limits min",
                    _t("limits.min", lang, who=who(p), shift=lim.shift, n=lim.min, at=at, possible=possible),
                    _t("limits.min.fix", lang, possible=possible),
                    _refs(at, cell(p.src)),
                )
            )
        pinned = [
            f
            for d, f in forced.get(p.id, {}).items()
            if d >= 0 and f.inst is not None and f.inst.shift == lim.shift
        ]
        if lim.max is not None and len(pinned) > lim.max:
            at = cell(lim.src, "max", "Limits")
            out.append(
                Finding(
                    "limits",
                    "error",
                    "Limits max",
                    _t(
                        "limits.max",
                        lang,
                        who=who(p),
                        shift=lim.shift,
                        n=lim.max,
                        at=at,
                        k=len(pinned),
                        rows=", ".join(f.ref for f in pinned[:6]),
                    ),
                    _t("limits.max.fix", lang),
                    _refs(at, [f.ref for f in pinned]),
                )
            )
    for p in problem.staff:
        if p.max_weekends is None or problem.max_weekends_for(p) is None:  # none, or made soft
            continue
        days = {d for d in forced.get(p.id, {}) if d >= 0}
        weekends = [
            problem.date_of(7 * k + 5) for k in range(problem.weeks) if 7 * k + 5 in days or 7 * k + 6 in days
        ]
        if len(weekends) > p.max_weekends:
            at = cell(p.src, "max_weekends", "Staff")
            rows = [f.ref for d, f in sorted(forced[p.id].items()) if d >= 0 and d % 7 >= 5]
            out.append(
                Finding(
                    "limits",
                    "error",
                    "max_weekends",
                    _t(
                        "limits.weekends",
                        lang,
                        who=who(p),
                        n=p.max_weekends,
                        at=at,
                        k=len(weekends),
                        days=", ".join(day_text(d, lang) for d in weekends),
                        rows=", ".join(rows[:6]),
                    ),
                    _t("limits.weekends.fix", lang),
                    _refs(at, rows),
                )
            )
    return out


# --------------------------------------------------------------------------- coverage


def demand_refs(problem: Problem, rows: Iterable[int]) -> list[str]:
    """The cells of the Demand rows ``rows`` (workbook row numbers): ``Demand!A14``, one each."""
    by_row = {d.src.row: d for d in problem.demand if d.src is not None}
    out = []
    for r in rows:
        d = by_row.get(r)
        out.append(cell(d.src, None, "Demand") if d is not None else f"Demand!A{r}")
    return out


def _coverage(problem: Problem) -> list[Finding]:
    """Certain under ``shortage = forbid``: fewer distinct people could ever be there than the
    minimum (each person works at most one shift a day, and the candidates already hold
    absence, allowed areas, shifts, days and skills)."""
    forbid = problem.settings.shortage == "forbid"
    severity: Severity = "error" if forbid else "warning"
    able: dict[tuple[str, int], list[tuple[str, StaffMember]]] = defaultdict(list)
    for p in problem.staff:
        for inst, area in problem.candidates[p.id]:
            able[(inst.shift, inst.day)].append((area, p))

    # Per (rows, place, kind): the runs of time where the minimum cannot be met.
    short: dict[tuple[tuple[int, ...], str, str, str | None], list[tuple[int, int, int, int]]] = defaultdict(
        list
    )
    for seg, keys in zip(segments(problem), covering_instances(problem), strict=True):
        if seg.min == 0:
            continue
        people = {
            p.id for key in keys for area, p in able.get(key, ()) if qualifies(p, area, seg.area, seg.skill)
        }
        if len(people) >= seg.min:
            continue
        if not keys:
            kind = "demand_no_shift"
        elif (
            not any(
                problem.shift_by_code[s].days.matches(problem.date_of(d), problem.holidays) for s, d in keys
            )
            and not people
        ):
            kind = "demand_no_shift_day"
        elif seg.skill is not None and not people:
            kind = "skill_unavailable"
        else:
            kind = "area_minimum"
        runs = short[(seg.rows, seg.area, kind, seg.skill)]
        if runs and runs[-1][1] == seg.start and runs[-1][2:] == (seg.min, len(people)):
            runs[-1] = (runs[-1][0], seg.end, seg.min, len(people))
        else:
            runs.append((seg.start, seg.end, seg.min, len(people)))
    out: list[Finding] = []
    lang = problem.settings.language
    consequence = _t("cov.forbid" if forbid else "cov.report", lang)
    for (rows, area, kind, skill), found in short.items():
        place = describe_place(area, skill, lang)
        refs = demand_refs(problem, rows)
        at = ", ".join(refs) or "Demand"
        first = found[0]
        a, b = problem.clock.local(first[0]), problem.clock.local(first[1])
        when = f"{day_text(a.date(), lang)} {a:%H:%M}–{b:%H:%M}"
        n_more = len(found) - 1
        more = _t("cov.more_many" if n_more > 1 else "cov.more_one", lang, n=n_more) if n_more else ""
        need = _t("cov.person" if first[2] == 1 else "cov.people", lang, n=first[2])
        said = {
            "place": place,
            "need": need,
            "when": when,
            "at": at,
            "more": more,
            "consequence": consequence,
        }
        if kind == "demand_no_shift":
            msg = _t("cov.no_shift", lang, **said)
            fix = _t("cov.no_shift.fix", lang)
        elif kind == "demand_no_shift_day":
            spanning = sorted({s for s, _ in covering_instances_at(problem, first[0], first[1])})
            days_at = [cell(problem.shift_by_code[s].src, "days", "Shifts") for s in spanning]
            msg = _t("cov.no_shift_day", lang, shifts=", ".join(spanning), days=", ".join(days_at), **said)
            fix = _t("cov.no_shift_day.fix", lang)
            refs += days_at
        elif kind == "skill_unavailable":
            msg = _t("cov.skill", lang, skill=skill, **said)
            fix = _t("cov.skill.fix", lang, skill=skill, area=area)
        else:
            msg = _t("cov.area", lang, n=first[3], **said)
            fix = _t("cov.area.fix", lang)
        rule = "coverage_min"
        out.append(Finding(kind, severity, rule, msg, fix, _refs(refs)))
    for req in shift_requirements(problem):
        if req.min == 0:
            continue
        people = {
            p.id for area, p in able.get((req.shift, req.day), ()) if qualifies(p, area, req.area, req.skill)
        }
        if len(people) >= req.min:
            continue
        d = problem.date_of(req.day)
        refs = demand_refs(problem, req.rows)
        at = ", ".join(refs) or "Demand"
        place = describe_place(req.area, req.skill, lang)
        shift = problem.shift_by_code[req.shift]
        words: dict[str, object] = {
            "place": place,
            "n": req.min,
            "shift": req.shift,
            "day": day_text(d, lang),
            "at": at,
            "consequence": consequence,
        }
        if not people and not shift.days.matches(d, problem.holidays):
            kind = "demand_no_shift_day"
            sat = cell(shift.src, "days", "Shifts")
            msg = _t("req.no_day", lang, days=sat, **words)
            fix = _t("req.no_day.fix", lang, shift=req.shift)
            refs.append(sat)
        elif not people and req.skill is not None:
            kind = "skill_unavailable"
            msg = _t("req.skill", lang, skill=req.skill, **words)
            fix = _t("req.skill.fix", lang, skill=req.skill)
        else:
            kind = "area_minimum"
            msg = _t("req.area", lang, k=len(people), **words)
            fix = _t("req.area.fix", lang)
        out.append(Finding(kind, severity, "coverage_min", msg, fix, _refs(refs)))
    return out


def covering_instances_at(problem: Problem, start: int, end: int) -> list[tuple[str, int]]:
    """The (shift, day) instances that span ``[start, end)``."""
    first = max(0, problem.clock.local(start).toordinal() - problem.start_date.toordinal() - 1)
    out = []
    for day in range(first, min(problem.n_days, first + 3)):
        for s in problem.shifts:
            inst = problem.instance(s.code, day)
            if inst.start <= start and end <= inst.end:
                out.append((s.code, day))
    return out
