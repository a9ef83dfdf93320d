"""The planning problem: one pydantic model per input sheet, and the validated :class:`Problem`.

- :mod:`.records`: the records of every sheet (frozen pydantic models carrying ``src``, where in
  the workbook they came from), the sane ranges of their numbers, and plain derived facts
  (:class:`ShiftInstance`, :class:`Window`, :func:`work_in_window`, :class:`Published`).
- :mod:`.problem`: :class:`Problem`, validated across sheets, with its derived facts (horizon
  days, dated shift instances in elapsed minutes, contract targets) computed once and cached.
- :mod:`.candidates`: the availability rule's code (who may work which shift, where and when),
  behind ``Problem.unavailable_reason``, ``Problem.candidates`` and their kin.
- :mod:`.validation`: the cross-record checks ``Problem``'s model validator runs; they collect
  every problem and raise a single :class:`~roster_solver.errors.InputError`.

Everything is imported from here (``from roster_solver.domain import Problem, StaffMember``).
Never imports the solver.
"""

from ..profile import MAX_WEIGHT
from .problem import Problem, default_slot_minutes
from .records import (
    ANY_AREA,
    HISTORY_WEEKS,
    MAX_BALANCE_HOURS,
    MAX_HORIZON_HOURS,
    MAX_PEOPLE,
    MAX_RUN_DAYS,
    MAX_SEED,
    MAX_TIME_LIMIT_SECONDS,
    MAX_WORKERS,
    OFF,
    RESERVED_CODES,
    Absence,
    AbsenceType,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Holiday,
    Limit,
    Published,
    Record,
    RuleOverride,
    Settings,
    Shift,
    ShiftInstance,
    Src,
    StaffMember,
    Window,
    Wish,
    WishKind,
    where,
    work_in_window,
)
from .validation import reserved_code_problem, rule_is_hard_in

__all__ = [
    "ANY_AREA",
    "HISTORY_WEEKS",
    "MAX_BALANCE_HOURS",
    "MAX_HORIZON_HOURS",
    "MAX_PEOPLE",
    "MAX_RUN_DAYS",
    "MAX_SEED",
    "MAX_TIME_LIMIT_SECONDS",
    "MAX_WEIGHT",
    "MAX_WORKERS",
    "OFF",
    "RESERVED_CODES",
    "Absence",
    "AbsenceType",
    "Area",
    "DemandRow",
    "Fixed",
    "HistoryEntry",
    "Holiday",
    "Limit",
    "Problem",
    "Published",
    "Record",
    "RuleOverride",
    "Settings",
    "Shift",
    "ShiftInstance",
    "Src",
    "StaffMember",
    "Window",
    "Wish",
    "WishKind",
    "default_slot_minutes",
    "reserved_code_problem",
    "rule_is_hard_in",
    "where",
    "work_in_window",
]
