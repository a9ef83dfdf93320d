"""The cross-record checks that every :class:`~roster_solver.domain.problem.Problem` passes.

``Problem``'s one model validator runs :data:`CROSS_CHECKS` in order; each check adds what it
finds to one :class:`~roster_solver.errors.Issues` (errors and warnings, each at its cell), and
the validator raises a single :class:`~roster_solver.errors.InputError` with all of them. Single
values are checked earlier, in the records' field types (:mod:`.records`). Also here: reserved
codes, and a Rules-sheet cell turned into the rule profile's type (:func:`coerce_rule_value`,
which ``Problem.ruleset`` uses too).

Never imports the solver.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..calendar import MINUTES_PER_DAY, DaySelector, valid_timezone
from ..errors import Issues, Where
from ..profile import (
    BOOL_KEYS,
    LAW_KEYS,
    ORGANISATION_HARD,
    SWITCHABLE,
    Profile,
    ProfileError,
    break_for,
    check_number,
    is_looser_than_law,
    parse_break_table,
)
from .records import ANY_AREA, HISTORY_WEEKS, OFF, RESERVED_CODES, Absence, RuleOverride, Src, where

if TYPE_CHECKING:
    from .problem import Problem


def reserved_code_problem(code: str) -> str | None:
    if code in RESERVED_CODES or "@" in code:
        return f"is a reserved word; codes may not be {', '.join(sorted(RESERVED_CODES))} or contain @"
    if not code:
        return "is empty; a code is required"
    return None


def coerce_rule_value(key: str, value: Any, like: Any) -> Any:
    """Turn a Rules-sheet cell into the profile's type for ``key``, in its sane range; raises
    ValueError worded to follow the value."""
    if key == "min_break_minutes":
        if isinstance(value, list):
            return value
        try:
            return parse_break_table(str(value))
        except ValueError as exc:
            raise ValueError(f"is not a break table; {exc}") from None
    if isinstance(like, bool) or key in BOOL_KEYS:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("yes", "ja", "true", "1", "y", "j", "waar"):
            return True
        if text in ("no", "nee", "false", "0", "n", "onwaar"):
            return False
        raise ValueError("is not yes or no")
    if isinstance(like, int | float) or key.startswith("weight."):
        if isinstance(value, bool):
            raise ValueError("is not a number")
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValueError("is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError("is not a number")
        check_number(key, number)
        return int(number) if isinstance(like, int) and number.is_integer() else number
    return value


# --------------------------------------------------------------------------- cross-record checks


def _check_settings(pb: Problem, issues: Issues) -> None:
    s = pb.settings
    if s.start_date.weekday() != 0:
        issues.error(
            s.at("start_date"),
            f"is a {s.start_date:%A}; start_date must be a Monday",
            s.start_date.isoformat(),
        )
    if not valid_timezone(s.timezone):
        issues.error(s.at("timezone"), "is not a known time zone; expected e.g. Europe/Amsterdam", s.timezone)
    if s.period_anchor is not None and s.period_anchor.weekday() != 0:
        issues.error(s.at("period_anchor"), "must be a Monday", s.period_anchor.isoformat())
    if s.slot_minutes and MINUTES_PER_DAY % s.slot_minutes:
        issues.error(
            s.at("slot_minutes"),
            "must divide a day of 24 hours into whole slots (e.g. 15, 30 or 60)",
            s.slot_minutes,
        )
    try:
        _ = pb.profile
    except ProfileError as exc:
        for problem in exc.problems:
            issues.error(s.at("rule_profile"), problem, s.rule_profile)
    except (FileNotFoundError, ValueError) as exc:
        issues.error(s.at("rule_profile"), str(exc), s.rule_profile)


def _profile_ok(pb: Problem) -> bool:
    """Whether the rule profile loads (when not, _check_settings reports why at its cell and
    the checks that need the rules are skipped)."""
    try:
        _ = pb.profile
    except (FileNotFoundError, ValueError):
        return False
    return True


def _check_codes(pb: Problem, issues: Issues) -> None:
    for sheet, records, attr in (
        ("Areas", pb.areas, "code"),
        ("Shifts", pb.shifts, "code"),
        ("Staff", pb.staff, "id"),
    ):
        seen: dict[str, Src | None] = {}
        for rec in records:
            code = getattr(rec, attr)
            problem = reserved_code_problem(code)
            if problem:
                issues.error(where(rec.src, attr, sheet), problem, code)
            if code in seen:
                first = seen[code]
                at = f" (first on row {first.row})" if first else ""
                issues.error(where(rec.src, attr, sheet), f"is a duplicate {attr}{at}", code)
            else:
                seen[code] = rec.src


def _check_shifts(pb: Problem, issues: Issues) -> None:
    if not valid_timezone(pb.settings.timezone) or not _profile_ok(pb):
        return
    table = pb.ruleset.get("min_break_minutes") or []
    max_shift = pb.ruleset.minutes("max_shift_hours")
    for s in pb.shifts:
        length = s.end_offset - s.start
        work = length - s.break_minutes
        if s.break_minutes >= length:
            issues.error(
                where(s.src, "break_minutes", "Shifts"),
                f"is not shorter than the shift ({length} minutes)",
                s.break_minutes,
            )
            continue
        need = break_for(work, table)
        if s.break_minutes < need:
            issues.error(
                where(s.src, "break_minutes", "Shifts"),
                f"is too short: a shift of {work / 60:g} h of work needs a break of at least "
                f"{need} minutes (ATW art. 5:4, min_break_minutes)",
                s.break_minutes,
            )
        if max_shift and work > max_shift:
            issues.error(
                where(s.src, "end", "Shifts"),
                f"makes shift {s.code} {work / 60:g} h of work, more than "
                f"max_shift_hours = {max_shift / 60:g} (ATW art. 5:7)",
                f"{s.end // 60:02d}:{s.end % 60:02d}",
            )
        for code in s.not_followed_by:
            if code not in pb.shift_by_code:
                issues.error(
                    where(s.src, "not_followed_by", "Shifts"),
                    f"names shift {code!r}, which is not in the Shifts sheet",
                    code,
                )


def _check_staff(pb: Problem, issues: Issues) -> None:
    areas = pb.area_by_code
    for p in pb.staff:
        if p.home_area not in areas:
            issues.error(
                where(p.src, "home_area", "Staff"), "is not an area code from the Areas sheet", p.home_area
            )
        for a in p.areas:
            if a not in areas:
                issues.error(
                    where(p.src, "areas", "Staff"), f"names area {a!r}, which is not in the Areas sheet", a
                )
        for code in p.shifts or ():
            if code not in pb.shift_by_code:
                issues.error(
                    where(p.src, "shifts", "Staff"),
                    f"names shift {code!r}, which is not in the Shifts sheet",
                    code,
                )
        if p.min_hours is not None and p.max_hours is not None and p.min_hours > p.max_hours:
            issues.error(
                where(p.src, "min_hours", "Staff"), f"is more than max_hours ({p.max_hours:g})", p.min_hours
            )
        if (p.start_date and p.end_date) and p.start_date > p.end_date:
            issues.error(where(p.src, "end_date", "Staff"), "is before start_date", p.end_date.isoformat())
        if p.max_weekends is not None and p.max_weekends > pb.weeks:
            issues.warn(
                where(p.src, "max_weekends", "Staff"),
                f"is more than the {pb.weeks} weekends in the horizon",
                p.max_weekends,
            )


def _check_limits(pb: Problem, issues: Issues) -> None:
    for lim in pb.limits:
        if lim.staff not in pb.staff_by_id:
            issues.error(
                where(lim.src, "staff", "Limits"), "is not a staff id from the Staff sheet", lim.staff
            )
        if lim.shift not in pb.shift_by_code:
            issues.error(
                where(lim.src, "shift", "Limits"), "is not a shift code from the Shifts sheet", lim.shift
            )
        if lim.min is not None and lim.max is not None and lim.min > lim.max:
            issues.error(where(lim.src, "min", "Limits"), f"is more than max ({lim.max})", lim.min)
        if lim.min is None and lim.max is None:
            issues.error(where(lim.src, "max", "Limits"), "is empty; give max, min or both", "")


def _check_demand(pb: Problem, issues: Issues) -> None:
    skills = set().union(*(p.skills for p in pb.staff)) if pb.staff else set()
    for d in pb.demand:
        if d.area != ANY_AREA and d.area not in pb.area_by_code:
            issues.error(
                where(d.src, "area", "Demand"),
                "is not an area code from the Areas sheet (or * for the whole city)",
                d.area,
            )
        if d.shift is not None:
            if d.shift not in pb.shift_by_code:
                issues.error(
                    where(d.src, "shift", "Demand"), "is not a shift code from the Shifts sheet", d.shift
                )
            if d.start is not None or d.end is not None:
                issues.error(
                    where(d.src, "from", "Demand"),
                    "must be empty when the row names a shift (give from/to or shift, not both)",
                    "",
                )
        elif d.start is None or d.end is None:
            issues.error(
                where(d.src, "from" if d.start is None else "to", "Demand"),
                "is empty; give from and to, or a shift",
                "",
            )
        if d.target is not None and d.target < d.min:
            issues.error(where(d.src, "target", "Demand"), f"is below min ({d.min})", d.target)
        if d.max is not None and d.max < d.min:
            issues.error(where(d.src, "max", "Demand"), f"is below min ({d.min})", d.max)
        if d.skill is not None and d.skill not in skills:
            issues.warn(
                where(d.src, "skill", "Demand"),
                "is a skill nobody in the Staff sheet has; this demand cannot be met",
                d.skill,
            )
        _warn_outside_horizon(pb, issues, d.days, where(d.src, "days", "Demand"))


def _warn_outside_horizon(pb: Problem, issues: Issues, sel: DaySelector, at: Where | None) -> None:
    dates = sel.explicit_dates()
    if (
        dates
        and not sel.weekdays
        and not sel.holiday
        and all(x < pb.start_date or x > pb.end_date for x in dates)
    ):
        issues.warn(
            at, f"lies outside the horizon {pb.start_date} – {pb.end_date}; the row has no effect", sel.text
        )


def _absence_span(a: Absence) -> tuple[tuple[date, int], tuple[date, int]]:
    """The absence as (date, minute) from and to, the end exclusive (the end of a whole day is
    minute 1440 of that date)."""
    start = (a.start_date, a.start_minute or 0)
    end = (a.end_date, MINUTES_PER_DAY if a.end_minute is None else a.end_minute)
    return start, end


def _show_span(a: Absence) -> str:
    def one(d: date, minute: int | None) -> str:
        return d.isoformat() if minute is None else f"{d.isoformat()} {minute // 60:02d}:{minute % 60:02d}"

    first, last = one(a.start_date, a.start_minute), one(a.end_date, a.end_minute)
    return first if first == last else f"{first} – {last}"


def _check_absences(pb: Problem, issues: Issues) -> None:
    by_staff: dict[str, list[Absence]] = defaultdict(list)
    for a in pb.absences:
        if a.staff not in pb.staff_by_id:
            issues.error(where(a.src, "staff", "Absence"), "is not a staff id from the Staff sheet", a.staff)
        (start, end) = _absence_span(a)
        if end < start:
            issues.error(where(a.src, "to", "Absence"), "is before from", _show_span(a).split(" – ")[-1])
            continue
        if end == start:
            issues.error(
                where(a.src, "to", "Absence"),
                "is the same moment as from; the absence would be "
                "empty (for a whole day give dates without a time)",
                _show_span(a),
            )
            continue
        if a.hours is not None:
            days = (a.end_date - a.start_date).days + 1
            if a.hours > 24 * days:
                issues.error(
                    where(a.src, "hours", "Absence"),
                    f"is more than the {24 * days} hours of the row's {days} day(s)",
                    f"{a.hours:g}",
                )
                continue
        if a.end_date < pb.start_date or a.start_date > pb.end_date:
            issues.warn(
                where(a.src, "from", "Absence"),
                f"lies outside the horizon {pb.start_date} – {pb.end_date}; the row has no effect",
                a.start_date.isoformat(),
            )
        by_staff[a.staff].append(a)
    for rows in by_staff.values():
        _check_absence_overlaps(rows, issues)


def _check_absence_overlaps(rows: list[Absence], issues: Issues) -> None:
    """Overlapping absences of one person are credited once (Problem.credited_minutes): a
    warning names both rows. Two overlapping rows that both give ``hours`` are an error: which
    hours count for the overlap cannot be told."""
    ordered = sorted(rows, key=_absence_span)
    for i, a in enumerate(ordered):
        a_end = _absence_span(a)[1]
        for b in ordered[i + 1 :]:
            if _absence_span(b)[0] >= a_end:
                break
            other = f"Absence row {a.src.row}" if a.src is not None else "another Absence row"
            if a.hours is not None and b.hours is not None:
                issues.error(
                    where(b.src, "hours", "Absence"),
                    f"is given on two overlapping absences of {b.staff} (this row and {other}, "
                    f"{_show_span(a)}); give the hours on one row, or split the rows so they do "
                    "not overlap",
                    f"{b.hours:g}",
                )
            else:
                issues.warn(
                    where(b.src, "from", "Absence"),
                    f"overlaps {other} ({_show_span(a)}) of the same person; the overlap is credited once",
                    _show_span(b),
                )


def _check_wishes(pb: Problem, issues: Issues) -> None:
    for w in pb.wishes:
        if w.staff not in pb.staff_by_id:
            issues.error(where(w.src, "staff", "Wishes"), "is not a staff id from the Staff sheet", w.staff)
        if w.shift is not None and w.shift != OFF and w.shift not in pb.shift_by_code:
            issues.error(
                where(w.src, "shift", "Wishes"), "is not a shift code from the Shifts sheet (or off)", w.shift
            )
        if (w.start is None) != (w.end is None):
            issues.error(
                where(w.src, "from" if w.start is None else "to", "Wishes"),
                "is empty; a time window needs both from and to",
                "",
            )
        elif (
            w.start is not None
            and w.end is not None
            and w.start % MINUTES_PER_DAY == w.end % MINUTES_PER_DAY
            and (w.start, w.end) != (0, MINUTES_PER_DAY)
        ):
            issues.error(
                where(w.src, "to", "Wishes"),
                "is the same time as from, so the window is empty; give two different times, or "
                "leave from and to empty for the whole day",
                f"{w.end // 60:02d}:{w.end % 60:02d}",
            )
        if w.shift is not None and w.start is not None:
            issues.error(
                where(w.src, "shift", "Wishes"), "and a time window are both given; give one of them", w.shift
            )
        _warn_outside_horizon(pb, issues, w.days, where(w.src, "days", "Wishes"))
        if w.kind == "only" and w.has_window and w.shift is None:
            assert w.start is not None and w.end is not None
            wend = w.end if w.end > w.start else w.end + MINUTES_PER_DAY
            if not any(w.start <= s.start and s.end_offset <= wend for s in pb.shifts):
                issues.warn(
                    where(w.src, "from", "Wishes"),
                    "is an only-window that no shift fits in; the person cannot work on these days",
                    f"{w.start // 60:02d}:{w.start % 60:02d}",
                )


def _check_fixed(pb: Problem, issues: Issues) -> None:
    seen: dict[tuple[str, date], Src | None] = {}
    for f in pb.fixed:
        p = pb.staff_by_id.get(f.staff)
        if p is None:
            issues.error(where(f.src, "staff", "Fixed"), "is not a staff id from the Staff sheet", f.staff)
        if f.shift != OFF and f.shift not in pb.shift_by_code:
            issues.error(
                where(f.src, "shift", "Fixed"), "is not a shift code from the Shifts sheet (or off)", f.shift
            )
        if f.area is not None and f.area not in pb.area_by_code:
            issues.error(where(f.src, "area", "Fixed"), "is not an area code from the Areas sheet", f.area)
        if f.date < pb.start_date or f.date > pb.end_date:
            issues.error(
                where(f.src, "date", "Fixed"),
                f"lies outside the horizon {pb.start_date} – {pb.end_date}",
                f.date.isoformat(),
            )
            continue
        key = (f.staff, f.date)
        if key in seen:
            first = seen[key]
            issues.error(
                where(f.src, "date", "Fixed"),
                f"pins {f.staff} twice on this date (also row {first.row if first else '?'})",
                f.date.isoformat(),
            )
        seen[key] = f.src
        # A pin on an absence is well-formed input whose hard rules collide: the pre-solve
        # diagnosis reports it (exit 3), not the reader (exit 1).


def _check_history(pb: Problem, issues: Issues) -> None:
    earliest = pb.start_date - timedelta(weeks=HISTORY_WEEKS)
    for h in pb.history:
        if h.staff not in pb.staff_by_id:
            issues.error(where(h.src, "staff", "History"), "is not a staff id from the Staff sheet", h.staff)
        if h.shift not in pb.shift_by_code and h.shift != OFF:
            issues.error(
                where(h.src, "shift", "History"),
                "is not a shift code from the Shifts sheet (or off)",
                h.shift,
            )
        if h.date >= pb.start_date:
            issues.error(
                where(h.src, "date", "History"),
                f"is not before start_date {pb.start_date}; History holds worked shifts before the horizon",
                h.date.isoformat(),
            )
        elif h.date < earliest:
            issues.warn(
                where(h.src, "date", "History"),
                f"is more than {HISTORY_WEEKS} weeks before start_date; it is ignored",
                h.date.isoformat(),
            )


def _check_rules(pb: Problem, issues: Issues) -> None:
    if not _profile_ok(pb):
        return
    profile = pb.profile
    allow_key = [r for r in pb.rules if r.rule == "allow_below_law"]
    allow = bool(profile.values.get("allow_below_law", False))
    seen: dict[str, RuleOverride] = {}
    for r in allow_key:
        with contextlib.suppress(ValueError):
            allow = bool(coerce_rule_value("allow_below_law", r.value, False))
    for key, weight in pb.settings.weights.items():
        full = key if key.startswith("weight.") else f"weight.{key}"
        if full not in profile.values:
            issues.error(
                pb.settings.at(f"weight.{key.removeprefix('weight.')}"),
                f"sets {full}, which is not a weight of rule profile {profile.name}",
                weight,
            )
    for r in pb.rules:
        at = where(r.src, "rule", "Rules")
        weight_key = r.rule if r.rule.startswith("weight.") else SWITCHABLE.get(r.rule, f"weight.{r.rule}")
        known = r.rule in profile.values or weight_key in profile.values
        if not known:
            issues.error(at, f"is not a rule key of rule profile {profile.name}; see docs/rules.md", r.rule)
            continue
        if r.rule in seen:
            first_src = seen[r.rule].src
            issues.error(at, f"is given twice (also row {first_src.row if first_src else '?'})", r.rule)
        seen[r.rule] = r
        if r.value is not None and r.value != "":
            if r.rule not in profile.values:
                hint = "; give it per person in the Staff sheet" if r.rule == "max_weekends" else ""
                issues.error(
                    where(r.src, "value", "Rules"),
                    f"cannot be given: {r.rule} has no value in rule profile {profile.name}{hint}",
                    r.value,
                )
            else:
                try:
                    value = coerce_rule_value(r.rule, r.value, profile.values[r.rule])
                except ValueError as exc:
                    issues.error(where(r.src, "value", "Rules"), str(exc), r.value)
                else:
                    if (
                        r.rule in LAW_KEYS
                        and not allow
                        and is_looser_than_law(r.rule, value, profile.values[r.rule])
                    ):
                        issues.error(
                            where(r.src, "value", "Rules"),
                            f"is less strict than the law ({r.rule} = {profile.values[r.rule]}); "
                            "law keys may only be made stricter unless allow_below_law = yes",
                            r.value,
                        )
        if (r.value is None or r.value == "") and r.hard is None and r.weight is None:
            issues.warn(at, "sets nothing: the row has no value, hard or weight; it is ignored", r.rule)
        if r.hard is not None:
            _check_hard_column(r, profile, allow, issues)
        if r.weight is not None and weight_key not in profile.values:
            issues.error(where(r.src, "weight", "Rules"), f"cannot be set: {r.rule} has no weight", r.weight)
        elif r.weight is not None and r.rule in SWITCHABLE and pb.ruleset.is_hard(r.rule):
            issues.warn(
                where(r.src, "weight", "Rules"),
                f"only counts when {r.rule} is soft (hard = no); the rule is hard, so the weight "
                "changes nothing",
                r.weight,
            )
        sw = pb.settings.weights.get(r.rule.removeprefix("weight."))
        if r.rule.startswith("weight.") and sw is not None:
            value = r.weight if r.weight is not None else r.value
            try:
                differs = value is not None and float(str(value)) != float(sw)
            except ValueError:
                differs = True
            if differs:
                issues.error(
                    where(r.src, "value", "Rules"),
                    f"differs from Settings {r.rule} = {sw}; give one value",
                    value,
                )


def rule_is_hard_in(profile: Profile, key: str) -> bool:
    """Whether ``key`` is a hard rule in ``profile`` (before the workbook's overrides)."""
    default = key in LAW_KEYS or key in ORGANISATION_HARD
    return bool(profile.values.get(f"hard.{key}", default))


def _check_hard_column(r: RuleOverride, profile: Profile, allow: bool, issues: Issues) -> None:
    """docs/rules.md: ``hard = yes`` on a hard rule changes nothing; ``yes`` makes a soft rule with a
    limit hard; ``no`` makes an organisational hard rule soft; ``no`` on a law rule needs
    ``allow_below_law = yes``. Anything else is an error at the cell."""
    at = where(r.src, "hard", "Rules")
    shown = "yes" if r.hard else "no"
    key = r.rule
    if key.startswith("weight.") or not (key in LAW_KEYS or key in ORGANISATION_HARD or key in SWITCHABLE):
        issues.error(
            at,
            f"cannot be set for {key}: it is not a rule that is hard or soft (rules that can "
            f"be switched: {', '.join(SWITCHABLE)})",
            shown,
        )
        return
    hard_now = rule_is_hard_in(profile, key)
    if r.hard:
        if hard_now:
            issues.warn(at, f"{key} is already hard; the row's hard = yes changes nothing", shown)
        return
    if key in SWITCHABLE:
        if not hard_now:
            issues.warn(at, f"{key} is already soft; the row's hard = no changes nothing", shown)
        return
    if key in LAW_KEYS:
        if not allow:
            issues.error(
                at,
                f"cannot make {key} soft: it is a law rule (Arbeidstijdenwet), and hard = no "
                "on a law rule needs allow_below_law = yes",
                shown,
            )
        else:
            issues.error(
                at,
                f"cannot make {key} soft: the law's rules are always hard in this version; "
                "with allow_below_law = yes, give a less strict value instead",
                shown,
            )
        return
    issues.error(
        at, f"cannot make {key} soft: it is a yes/no rule; set its value to no to switch it off", shown
    )


def _check_nonempty(pb: Problem, issues: Issues) -> None:
    # An empty template is valid ("nothing to plan"); half-filled sheets are not.
    if pb.staff and not pb.areas:
        issues.error(Where("Areas"), "is empty; staff need a home area from the Areas sheet")
    if pb.staff and not pb.shifts:
        issues.error(Where("Shifts"), "is empty; there are staff but no shifts to plan")


CROSS_CHECKS = (
    _check_settings,
    _check_codes,
    _check_shifts,
    _check_staff,
    _check_limits,
    _check_demand,
    _check_absences,
    _check_wishes,
    _check_fixed,
    _check_history,
    _check_rules,
    _check_nonempty,
)
